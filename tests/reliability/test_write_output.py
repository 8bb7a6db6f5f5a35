"""`repair lexicon build -o PATH`: special files written in place, never renamed over; clear errors (issue 17, items 2 and 8).

As root, `-o /dev/full` once replaced the system's /dev/full with a regular
file. These tests make their nodes and FIFOs in a temporary folder, never
in /dev.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_process import run_repair, shared_folder, text, unprivileged
from repair.cli import main

ARTICLE = "OpenAI and DeepSeek met. Later OpenAI and DeepSeek spoke again.\n"
HEADER = "# Learned by 'repair lexicon build'"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.md").write_text(ARTICLE)
    return tmp_path


def build(*output: str):
    return CliRunner().invoke(main, ["lexicon", "build", "corpus", *output], catch_exceptions=False)


def _read_fifo(path: Path, into: list[bytes]) -> None:
    """Read a FIFO until its writer closes it, at most 60 s (the reader is open before any writer comes)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            chunk = os.read(fd, 65536)
            if chunk:
                into.append(chunk)
            elif into:
                return  # end of file after the writer's data
            else:
                time.sleep(0.01)
    finally:
        os.close(fd)


def test_a_fifo_is_written_in_place(corpus):
    """`-o fifo` sends the lexicon to the process reading the FIFO, and the FIFO stays a FIFO."""
    fifo = corpus / "names.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received))
    reader.start()
    time.sleep(0.1)
    result = build("-o", str(fifo))
    reader.join()
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"".join(received).decode().startswith(HEADER)


def test_a_fifo_nobody_reads_is_a_clear_error(corpus):
    """`-o fifo` with no reader fails at once with exit 2 and a reason, and leaves the FIFO a FIFO."""
    fifo = corpus / "names.fifo"
    os.mkfifo(fifo)
    result = build("-o", str(fifo))
    assert result.exit_code == 2
    assert "names.fifo: cannot write: no process is reading from it" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def _device(path: Path, minor: int) -> None:
    """A character device node like /dev/null (minor 3) or /dev/full (minor 7), or a skip where nodes cannot be made."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")


def test_a_character_device_is_written_in_place(corpus):
    """`-o` a /dev/null-like node writes into the device and leaves the node a character device."""
    node = corpus / "null"
    _device(node, 3)
    result = build("-o", str(node))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode) and os.lstat(node).st_rdev == os.makedev(1, 3)


def test_a_full_device_is_an_error_and_stays_a_device(corpus):
    """`-o` a /dev/full-like node fails with exit 2 ('No space left on device') and the node is not replaced."""
    node = corpus / "full"
    _device(node, 7)
    result = build("-o", str(node))
    assert result.exit_code == 2
    assert "full: cannot write: No space left on device" in result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_dash_means_standard_output(corpus):
    """`-o -` writes the lexicon to standard output and creates no file named '-'."""
    result = build("-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith(HEADER)
    assert not (corpus / "-").exists()


def test_a_missing_folder_is_a_clear_error(corpus):
    """`-o missing/x.txt` says the folder does not exist, exit 2, creating nothing."""
    result = build("-o", "missing/x.txt")
    assert result.exit_code == 2
    assert f"missing/x.txt: cannot write: folder {corpus / 'missing'} does not exist" in result.stderr
    assert not (corpus / "missing").exists()


def test_a_read_only_folder_is_a_clear_error():
    """`-o ro/x.txt` into a folder the user cannot write gives exit 2 and the reason, no traceback (run as nobody: root writes anyway)."""
    user = unprivileged()
    work = shared_folder()
    try:
        (work / "corpus").mkdir()
        (work / "corpus" / "a.md").write_text(ARTICLE)
        (work / "ro").mkdir(mode=0o555)
        os.chmod(work / "ro", 0o555)
        result = run_repair(["lexicon", "build", "corpus", "-o", "ro/x.txt"], work, user=user)
        err = text(result.stderr)
        assert "Traceback" not in err
        assert "ro/x.txt: cannot write: Permission denied" in err
        assert result.returncode == 2
        assert not (work / "ro" / "x.txt").exists()
    finally:
        os.chmod(work / "ro", 0o755)
        shutil.rmtree(work)
