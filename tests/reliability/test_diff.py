"""Every diff `repair` prints is one `patch` and `git apply` accept, and applying it gives what `repair fix` writes (issue 17, item 6)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair import Repairer
from repair.cli import main

pytestmark = pytest.mark.skipif(not (shutil.which("patch") and shutil.which("git")), reason="needs GNU patch and git")

GARBLE = "tbe cornpany"  # two edits the repair always makes

CASES = {
    "form-feed.txt": f"A {GARBLE} line.\fnext {GARBLE}\nend\n".encode(),
    "vertical-tab.txt": f"A {GARBLE} line.\vnext {GARBLE}\nend\n".encode(),
    "next-line.txt": f"A {GARBLE} line.\x85next {GARBLE}\nend\n".encode(),
    "line-separator.txt": f"A {GARBLE} line.\u2028next {GARBLE}\nend\n".encode(),
    "paragraph-separator.txt": f"A {GARBLE} line.\u2029next {GARBLE}\nend\n".encode(),
    "lone-cr.txt": f"A {GARBLE} line.\rnext {GARBLE}\nend\n".encode(),
    "crlf.txt": f"First line.\r\nA {GARBLE} line.\r\nnext {GARBLE}\r\nend\r\n".encode(),
    "crlf-no-final-newline.txt": f"First line.\r\nA {GARBLE} line.\r\nnext {GARBLE}".encode(),
    "no-final-newline.txt": f"First line.\nA {GARBLE} line.\nnext {GARBLE}".encode(),
    "bom.md": b"\xef\xbb\xbf" + f"# Title\n\nA {GARBLE} line.\n".encode(),
    "cp1252.txt": f"The café’s “new” menu – a naïve façade.\nIt was {GARBLE} that said so.\nThe résumé was fine.\n".encode("cp1252"),
    "cp1252-crlf.txt": f"The café’s “new” menu – a naïve façade.\r\nIt was {GARBLE} that said so.\r\n".encode("cp1252"),
    "my notes.txt": f"A {GARBLE} line.\n".encode(),
    'quote"d.txt': f"A {GARBLE} line.\n".encode(),
    "tab\there.txt": f"A {GARBLE} line.\n".encode(),
    "back\\slash.txt": f"A {GARBLE} line.\n".encode(),
    "new\nline.txt": f"A {GARBLE} line.\n".encode(),
    "café.txt": f"A {GARBLE} line.\n".encode(),
    "caf\udce9-latin-1-name.txt": f"A {GARBLE} line.\n".encode(),  # the name's bytes are not UTF-8
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def apply_with(tool: list[str], diff: bytes, cwd: Path) -> None:
    """Run a patch tool with ``diff`` on stdin in ``cwd``; fail the test with its output if it refuses."""
    proc = subprocess.run(tool, input=diff, cwd=cwd, capture_output=True, check=False)
    assert proc.returncode == 0, f"{tool} refused the diff:\n{proc.stdout.decode(errors='replace')}{proc.stderr.decode(errors='replace')}\n{diff!r}"


def check_both_tools(diff: bytes, tree: Path, name: str, expected: bytes, strip: str = "-p1") -> None:
    """`patch --dry-run` and `git apply --check` accept ``diff``, and each applied to a copy of ``tree`` gives ``expected``."""
    for tool, dry, real in (
        ("patch", ["patch", strip, "--dry-run", "--fuzz=0", "--batch"], ["patch", strip, "--fuzz=0", "--batch", "--no-backup-if-mismatch"]),
        ("git", ["git", "apply", strip, "--check"], ["git", "apply", strip]),
    ):
        copy = tree.parent / f"{tree.name}-{tool}"
        shutil.copytree(tree, copy)
        apply_with(dry, diff, copy)
        apply_with(real, diff, copy)
        assert (copy / name).read_bytes() == expected, tool


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_diff_applies_with_patch_and_git(name, tmp_path, monkeypatch):
    """`check --diff` on odd line breaks, CRLF, cp1252, a BOM, no final newline or odd names applies cleanly to give `fix`'s bytes."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / name).write_bytes(CASES[name])
    monkeypatch.chdir(tree)
    diff = run("check", "--diff", name).stdout_bytes
    assert diff.startswith(b"--- "), diff
    fixed = tmp_path / "fixed"
    shutil.copytree(tree, fixed)
    monkeypatch.chdir(fixed)
    assert run("fix", name).exit_code == 0
    expected = (fixed / name).read_bytes()
    assert expected != CASES[name]
    check_both_tools(diff, tree, name, expected)


def test_fix_diff_of_an_absolute_path_applies_from_root(tmp_path):
    """An absolute path's headers read a/tmp/..., not a//tmp/..., and the diff applies from / with -p1."""
    tree = tmp_path / "tree"
    tree.mkdir()
    target = tree / "abs.txt"
    target.write_bytes(CASES["form-feed.txt"])
    diff = run("fix", "--diff", str(target)).stdout_bytes
    assert diff.startswith(b"--- a" + str(target).encode() + b"\n+++ b" + str(target).encode() + b"\n")
    expected = Repairer().repair(CASES["form-feed.txt"].decode()).text.encode()
    # apply from /, to the file itself (the dry runs first, then each tool on a fresh copy of the original)
    for dry, real in (
        (["patch", "-p1", "--dry-run", "--fuzz=0", "--batch"], ["patch", "-p1", "--fuzz=0", "--batch", "--no-backup-if-mismatch"]),
        (["git", "apply", "-p1", "--check"], ["git", "apply", "-p1"]),
    ):
        target.write_bytes(CASES["form-feed.txt"])
        apply_with(dry, diff, Path("/"))
        apply_with(real, diff, Path("/"))
        assert target.read_bytes() == expected, real[0]


@pytest.mark.parametrize("name", ["form-feed.txt", "line-separator.txt", "lone-cr.txt", "no-final-newline.txt"])
def test_library_diff_applies_with_patch_and_git(name, tmp_path):
    """`Result.diff` splits lines at \\n only, so its diff of a UTF-8 text applies to the file holding that text."""
    source = CASES[name].decode()
    result = Repairer().repair(source)
    assert result.changed
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / name).write_bytes(CASES[name])
    check_both_tools(result.diff(name).encode(), tree, name, result.text.encode())


def test_stdin_diff_applies(tmp_path):
    """`fix --diff -` gives a diff of standard input that applies to a file holding it."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "stdin").write_bytes(CASES["vertical-tab.txt"])
    result = CliRunner().invoke(main, ["fix", "--diff", "-"], input=CASES["vertical-tab.txt"])
    expected = Repairer().repair(CASES["vertical-tab.txt"].decode()).text.encode()
    check_both_tools(result.stdout_bytes, tree, "stdin", expected)


def test_library_diff_of_an_absolute_name_has_git_headers():
    """`Result.diff("/tmp/x.txt")` writes a/tmp/x.txt, not a//tmp/x.txt, as git does."""
    diff = Repairer().repair(CASES["form-feed.txt"].decode()).diff("/tmp/x.txt")
    assert diff.startswith("--- a/tmp/x.txt\n+++ b/tmp/x.txt\n@@ ")


def test_sample_repository_diff_applies_to_the_whole_tree(tmp_path, monkeypatch):
    """`check --diff .` over the sample content repository (CRLF, cp1252, BOM, Markdown) applies with both tools to give `fix`'s tree."""
    from content_repo import write_repo

    tree = tmp_path / "tree"
    tree.mkdir()
    files = write_repo(tree)
    monkeypatch.chdir(tree)
    diff = run("check", "--diff", ".").stdout_bytes
    assert diff.count(b"\n--- a/") + 1 >= 10
    for tool in (["patch", "-p1", "--fuzz=0", "--batch", "--no-backup-if-mismatch"], ["git", "apply", "-p1"]):
        copy = tmp_path / f"tree-{tool[0]}"
        shutil.copytree(tree, copy)
        apply_with(tool, diff, copy)
        for f in files:
            assert (copy / f.path).read_bytes() == f.after, (tool[0], f.path)
