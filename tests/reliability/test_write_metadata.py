"""The rename keeps what it can of the old file, and leaves alone what it would harm (issue 17, item 13).

A write is a new file renamed over the old one: by itself that resets the
owner, drops extended attributes, replaces read-only files and splits hard
links, all silently.
"""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from repair.cli import main

GARBLED = "The cornpany said tbe thing.\n"
FIXED = "The company said the thing.\n"


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(GARBLED)
    return path


def fix(*args: str):
    return CliRunner().invoke(main, ["fix", *args], catch_exceptions=False)


def test_the_owner_is_kept(article):
    """A file owned by another user keeps its owner and group after the fix (root may chown)."""
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(article, 65534, 65534)
    result = fix("a.md")
    assert result.exit_code == 0, result.stderr
    assert article.read_text() == FIXED
    assert (article.stat().st_uid, article.stat().st_gid) == (65534, 65534)


def test_extended_attributes_are_kept(article):
    """A user.* extended attribute survives the fix."""
    try:
        os.setxattr(article, "user.origin", b"scanned page 12")
    except (AttributeError, OSError) as exc:
        pytest.skip(f"no user extended attributes here: {exc}")
    result = fix("a.md")
    assert result.exit_code == 0, result.stderr
    assert article.read_text() == FIXED
    assert os.getxattr(article, "user.origin") == b"scanned page 12"


def test_a_read_only_file_is_skipped_unless_forced(article):
    """A 0444 file is left and named on stderr (exit 0); --force rewrites it and it stays 0444."""
    article.chmod(0o444)
    result = fix("a.md")
    assert result.exit_code == 0, result.stderr
    assert "a.md: read-only; not written (--force writes it)" in result.stderr
    assert article.read_text() == GARBLED
    assert "0 changed" in result.stderr and "1 skipped" in result.stderr
    forced = fix("--force", "a.md")
    assert forced.exit_code == 0, forced.stderr
    assert article.read_text() == FIXED
    assert stat.S_IMODE(article.stat().st_mode) == 0o444


def test_a_file_with_hard_links_is_skipped_unless_forced(article, tmp_path):
    """A file with a second hard link is left (both names keep one content) unless --force, which gives the name its own file."""
    (tmp_path / "keep").mkdir()
    other = tmp_path / "keep" / "same.md"
    os.link(article, other)
    result = fix("a.md")
    assert result.exit_code == 0, result.stderr
    assert "a.md: has 2 hard links; not written" in result.stderr
    assert article.read_text() == GARBLED and os.path.samefile(article, other)
    forced = fix("--force", "a.md")
    assert forced.exit_code == 0, forced.stderr
    assert article.read_text() == FIXED and other.read_text() == GARBLED
