"""Lost updates: a file edited while a batch runs keeps the edit (issue 17, item 1).

The child process stops right after reading a file (see cli_process.Gated),
so the concurrent edit lands at a known point of a real run: between the read
and the write, the window the old batch held open for its whole length.
"""

from __future__ import annotations

import os

from cli_process import PAUSE_AFTER_READ, Gated

GARBLED = "The cornpany said tbe thing.\n"
FIXED = "The company said the thing.\n"


def test_an_edit_made_after_the_read_is_not_overwritten(tmp_path):
    """An append made after repair read a file survives; the file is left, said on stderr, and the run exits 2."""
    (tmp_path / "a.md").write_text(GARBLED)
    (tmp_path / "b.md").write_text(GARBLED)
    with Gated(["fix", "a.md", "b.md"], tmp_path, PAUSE_AFTER_READ) as run:
        run.go("read-b.md")
        run.wait_for("read-a.md")
        with open(tmp_path / "a.md", "a") as handle:
            handle.write("EDIT\n")
        run.go("read-a.md")
        code, _, err = run.finish()
    assert (tmp_path / "a.md").read_text() == GARBLED + "EDIT\n"
    assert (tmp_path / "b.md").read_text() == FIXED
    assert "a.md: changed since it was read; not written" in err
    assert code == 2
    assert "0 files scanned" not in err and "1 changed" in err


def test_an_edit_that_keeps_size_and_time_is_caught_by_the_hash(tmp_path):
    """A same-size rewrite with the modification time put back is still seen as a change (the hash of the bytes read)."""
    path = tmp_path / "a.md"
    path.write_text(GARBLED)
    edited = GARBLED.replace("said", "SAID").encode()
    with Gated(["fix", "a.md"], tmp_path, PAUSE_AFTER_READ) as run:
        run.wait_for("read-a.md")
        before = os.stat(path)
        with open(path, "r+b") as handle:  # in place: same inode, same size
            handle.write(edited)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        run.go("read-a.md")
        code, _, err = run.finish()
    assert path.read_bytes() == edited
    assert code == 2 and "changed since it was read" in err


def test_each_file_is_written_as_soon_as_it_is_repaired(tmp_path):
    """The first file of a batch is on disk, repaired, while the second has only just been read."""
    (tmp_path / "a.md").write_text(GARBLED)
    (tmp_path / "b.md").write_text(GARBLED)
    with Gated(["fix", "a.md", "b.md"], tmp_path, PAUSE_AFTER_READ) as run:
        run.go("read-a.md")
        run.wait_for("read-b.md")
        written_early = (tmp_path / "a.md").read_text()
        run.go("read-b.md")
        code, _, err = run.finish()
    assert written_early == FIXED
    assert code == 0, err
    assert (tmp_path / "b.md").read_text() == FIXED
