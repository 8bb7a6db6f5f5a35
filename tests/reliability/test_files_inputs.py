"""Settings and lexicon files: regular files of sane size only, errors naming the file (issue 17, item 9 and a minor).

`--config` and `--lexicon` once read a FIFO (blocking for ever) and
/dev/zero (7 GB in 10 s). The runs are child processes with a time and
memory limit, so the old behaviour fails a test instead of the machine.
"""

from __future__ import annotations

import os

import pytest

from cli_process import run_repair, text

GARBLED = "The cornpany said tbe thing.\n"


@pytest.fixture
def work(tmp_path):
    (tmp_path / "a.md").write_text(GARBLED)
    return tmp_path


def test_a_fifo_as_config_is_a_clear_error(work):
    """`--config fifo` ends at once with exit 2, naming the file and saying it is a FIFO."""
    os.mkfifo(work / "settings.toml")
    result = run_repair(["check", "--config", "settings.toml", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert "settings.toml: cannot read: not a regular file (a FIFO)" in text(result.stderr)


def test_a_link_to_dev_zero_as_lexicon_is_a_clear_error(work):
    """`--lexicon` a link to /dev/zero ends at once with exit 2, naming the file and saying what it is."""
    (work / "names.txt").symlink_to("/dev/zero")
    result = run_repair(["check", "--lexicon", "names.txt", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert "names.txt: cannot read lexicon: not a regular file (a character device)" in text(result.stderr)


def test_a_fifo_as_lexicon_is_a_clear_error(work):
    """`fix --lexicon fifo` ends at once with exit 2 and the reason, changing nothing."""
    os.mkfifo(work / "names.txt")
    result = run_repair(["fix", "--lexicon", "names.txt", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert "names.txt: cannot read lexicon: not a regular file (a FIFO)" in text(result.stderr)


def test_an_oversized_config_is_refused_by_size(work):
    """A settings file over 1 MiB is refused for its size, before it is read (a sparse file: no disk used)."""
    with open(work / ".repair.toml", "wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    result = run_repair(["check", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert ".repair.toml: cannot read: larger than the 1,048,576-byte limit" in text(result.stderr)


def test_an_oversized_lexicon_is_refused_by_size(work):
    """A lexicon over 256 MiB is refused for its size, before it is read (a sparse file: no disk used)."""
    with open(work / "names.txt", "wb") as handle:
        handle.truncate(257 * 1024 * 1024)
    result = run_repair(["check", "--lexicon", "names.txt", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert "names.txt: cannot read lexicon: larger than the 268,435,456-byte limit" in text(result.stderr)


def test_a_config_that_is_not_utf8_is_named(work):
    """A settings file with a Latin-1 byte gives an error naming the file and line, exit 2."""
    (work / ".repair.toml").write_bytes(b'threshold = 0.9\nwords = ["caf\xe9"]\n')
    result = run_repair(["check", "a.md"], work, timeout=60)
    assert result.returncode == 2
    assert ".repair.toml:2: not valid UTF-8" in text(result.stderr)
