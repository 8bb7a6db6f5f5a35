"""Walking folders: links stay inside the walked folder, special files are not read (issue 17, items 3, 8 and 9).

Each run is a child process with a time and memory limit (cli_process), so
a FIFO that blocks or a /dev/zero that never ends fails the test instead of
hanging the suite or filling the machine's memory.
"""

from __future__ import annotations

import os

from cli_process import run_repair, text

GARBLED = "The cornpany said tbe thing.\n"
FIXED = "The company said the thing.\n"


def test_a_link_out_of_the_walked_folder_is_skipped_and_said(tmp_path):
    """`fix tree` leaves a file a link in the tree points at outside it, says so, and still fixes the tree's own files and inside links' targets."""
    (tmp_path / "outside").mkdir()
    victim = tmp_path / "outside" / "victim.txt"
    victim.write_text(GARBLED)
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "notes.md").symlink_to("../outside/victim.txt")
    (tree / "sub" / "real.md").write_text(GARBLED)
    (tree / "alias.md").symlink_to("sub/real.md")
    result = run_repair(["fix", "tree"], tmp_path)
    err = text(result.stderr)
    assert victim.read_text() == GARBLED
    assert f"tree/notes.md: a symbolic link to {victim}, outside tree; skipped" in err
    assert (tree / "sub" / "real.md").read_text() == FIXED
    assert (tree / "alias.md").is_symlink()
    assert result.returncode == 0, err


def test_a_link_named_on_the_command_line_is_followed_and_said(tmp_path):
    """A link named as an argument, to a regular file, is repaired through and the run says it followed it."""
    target = tmp_path / "elsewhere" / "article.md"
    target.parent.mkdir()
    target.write_text(GARBLED)
    (tmp_path / "link.md").symlink_to(target)
    result = run_repair(["fix", "link.md"], tmp_path)
    err = text(result.stderr)
    assert result.returncode == 0, err
    assert f"link.md: a symbolic link; followed to {target}" in err
    assert target.read_text() == FIXED and (tmp_path / "link.md").is_symlink()


def test_a_named_link_to_dev_zero_is_not_read(tmp_path):
    """`check zero.md`, a link to /dev/zero, ends at once: the target is not a regular file, so it is skipped, said on stderr."""
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    result = run_repair(["check", "zero.md"], tmp_path, timeout=60)
    err = text(result.stderr)
    assert "zero.md: a symbolic link to a character device, not a regular file; skipped" in err
    assert result.returncode == 0, err


def test_a_fifo_and_a_link_to_dev_zero_in_a_walked_folder(tmp_path):
    """`check d` with a FIFO and a /dev/zero link among its files returns, skipping both by name, and reports the real file."""
    folder = tmp_path / "d"
    folder.mkdir()
    os.mkfifo(folder / "p.md")
    (folder / "z.md").symlink_to("/dev/zero")
    (folder / "real.md").write_text(GARBLED)
    result = run_repair(["check", "d"], tmp_path, timeout=60)
    err = text(result.stderr)
    assert "d/p.md: not a regular file (a FIFO); skipped" in err
    assert "d/z.md: a symbolic link to /dev/zero, outside d; skipped" in err
    assert "d/real.md:1:5: garbled-word" in text(result.stdout)
    assert result.returncode == 1, err


def test_a_named_fifo_is_skipped(tmp_path):
    """`check p.md` on a FIFO no one writes to returns at once, saying it is not a regular file."""
    os.mkfifo(tmp_path / "p.md")
    result = run_repair(["check", "p.md"], tmp_path, timeout=60)
    assert "p.md: not a regular file (a FIFO); skipped" in text(result.stderr)
    assert result.returncode == 0


def test_a_link_loop_in_a_walked_folder_is_a_clear_error(tmp_path):
    """A link loop among a folder's files is an error naming it (exit 2, no traceback), and the other files are still repaired."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (folder / "real.md").write_text(GARBLED)
    result = run_repair(["fix", "d"], tmp_path)
    err = text(result.stderr)
    assert "Traceback" not in err
    assert "d/a.md: cannot read: a symbolic link loop" in err
    assert result.returncode == 2
    assert (folder / "real.md").read_text() == FIXED


def test_a_folder_that_cannot_be_read_is_an_error_not_silence(tmp_path, monkeypatch):
    """A subfolder the walk cannot list is reported as an error naming it; the files beside it are still found."""
    from repair.walk import discover

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.md").write_text(GARBLED)
    (tmp_path / "open.md").write_text(GARBLED)
    real_scandir = os.scandir

    def denied(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    found = list(discover([tmp_path], ["*.md"], [], tmp_path))
    assert {(f.path.name, f.status) for f in found} == {("locked", "error"), ("open.md", "file")}
    (error,) = (f for f in found if f.status == "error")
    assert error.message == f"{tmp_path / 'locked'}: cannot read folder: Permission denied"
