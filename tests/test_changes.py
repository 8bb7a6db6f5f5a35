"""--changed: only edits on lines git says changed, read from a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from repair.batch import only_changed
from repair.changes import parse_diff
from repair.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

OLD = "The cornpany said tbe results wou1d improve.\n\nA second paragraph stays.\n\nThe cornpany was founded long ago.\n"
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **ENV})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose committed article is still garbled on lines 1 and 5."""
    git(tmp_path, "init", "-q")
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "old")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_parse_diff_reads_added_lines_and_quoted_names():
    """Hunk headers give the new side's lines; a deletion adds none; C-quoted names are decoded."""
    diff = '+++ "b/caf\\303\\251 x.md"\n@@ -1,0 +2,3 @@\n@@ -7 +9,0 @@\n+++ /dev/null\n@@ -1 +0,0 @@\n'
    assert parse_diff(diff) == {"café x.md": frozenset({2, 3, 4})}


def test_only_changed_keeps_edits_on_changed_lines(repairer):
    """An edit on an unchanged line is dropped and its text kept; None keeps everything."""
    result = repairer.repair(OLD)
    kept = only_changed(result, frozenset({5}))
    assert kept.text == OLD.replace("The cornpany was", "The company was")
    assert only_changed(result, None) is result


def test_fix_changed_fixes_only_the_staged_line(repo):
    """A one-line staged change to an old garbled file fixes that line alone and says so."""
    (repo / "old.md").write_text(OLD.replace("A second paragraph stays.", "A second paragraph by tbe team."), encoding="utf-8")
    git(repo, "add", "old.md")
    check = run("check", "--changed", "old.md")
    assert check.exit_code == 1 and check.stdout.count("old.md:") == 1 and "old.md:3:" in check.stdout
    fixed = run("fix", "--changed", "old.md")
    assert fixed.exit_code == 0, fixed.stderr
    assert (repo / "old.md").read_text(encoding="utf-8") == OLD.replace("A second paragraph stays.", "A second paragraph by the team.")
    assert "old.md:3:" in fixed.stderr and "'tbe' → 'the'" in fixed.stderr


def test_all_lines_overrides_changed(repo):
    """--all-lines (the hooks' setting for whole files) checks every line even with --changed."""
    result = run("check", "--changed", "--all-lines", "old.md")
    assert result.stdout.count("old.md:") >= 3


def test_unstaged_change_is_not_a_changed_line(repo):
    """Without --base only staged lines count (pre-commit stashes the rest)."""
    (repo / "old.md").write_text(OLD + "More by tbe team.\n", encoding="utf-8")
    assert run("check", "--changed", "old.md").exit_code == 0


def test_base_ref_counts_committed_and_new_files(repo):
    """--base REF reads the working tree against REF; an untracked file counts as all changed."""
    git(repo, "branch", "base")
    (repo / "old.md").write_text(OLD + "More by tbe team.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "more")
    (repo / "new.md").write_text("Tbe cornpany.\n\nAnd wou1d.\n", encoding="utf-8")
    result = run("check", "--base", "base", "--format", "github", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if "old.md" in line] and all("line=6," in line for line in lines if "old.md" in line)
    assert any("new.md,line=1," in line for line in lines) and any("new.md,line=3," in line for line in lines)


def test_changed_outside_a_repository_is_a_clear_error(tmp_path, monkeypatch):
    """--changed where git has no repository exits 2 and says git failed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "a.md").write_text("tbe\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--changed", "a.md"])
    assert result.exit_code == 2 and "--changed: git rev-parse" in result.stderr


def test_first_commit_counts_every_staged_line(tmp_path, monkeypatch):
    """Before the first commit every staged line is new, so everything is checked."""
    git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    monkeypatch.chdir(tmp_path)
    assert run("check", "--changed", "a.md").stdout.count("a.md:") >= 3
