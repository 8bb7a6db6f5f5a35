"""The real pre-commit tool runs both hooks from this checkout in a temporary repository.

pre-commit builds its own environment for the hook (it installs this
project from the checkout, with its dependencies from the package index),
so the first run takes a while; the environment is shared by both tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

pytestmark = [
    pytest.mark.skipif(
        not PRE_COMMIT.exists() or shutil.which("git") is None or not (CHECKOUT / ".git").exists(),
        reason="needs pre-commit, git and a git checkout of this project",
    ),
    pytest.mark.slow,  # pre-commit builds the hook's environment: tens of seconds
]

GARBLED = "The cornpany said tbe results wou1d improve.\n"
FIXED = "The company said the results would improve.\n"
CODE = "```\ntbe = cornpany\n```\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def content_repo(tmp_path, pre_commit_home):
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(pre_commit_home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("PRE_COMMIT", None)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    (tmp_path / "story.md").write_text("# A Story Used Here\n\n" + GARBLED + "\n" + CODE, encoding="utf-8")
    (tmp_path / "note.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "script.py").write_text("x = 'tbe cornpany'\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True, env=env)
    return tmp_path, env


def try_repo(repo: Path, env: dict, hook: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(CHECKOUT), hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_fixing_hook_fixes_prose_and_fails_the_commit_once(content_repo):
    repo, env = content_repo
    first = try_repo(repo, env, "repair")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "note.txt").read_text(encoding="utf-8") == FIXED
    assert (repo / "story.md").read_text(encoding="utf-8") == "# A Story Used Here\n\n" + FIXED + "\n" + CODE
    assert (repo / "script.py").read_text(encoding="utf-8") == "x = 'tbe cornpany'\n"
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    second = try_repo(repo, env, "repair")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_check_hook_reports_and_changes_nothing(content_repo):
    repo, env = content_repo
    result = try_repo(repo, env, "repair-check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "note.txt:1:5: garbled-word: 'cornpany' → 'company'" in result.stdout
    assert (repo / "note.txt").read_text(encoding="utf-8") == GARBLED


OLD_ARTICLE = "The cornpany said tbe results wou1d improve.\n\nA second paragraph stays.\n\nThe cornpany was founded long ago.\n"


def test_fixing_hook_fixes_only_the_changed_line_of_an_old_file(content_repo):
    """A one-line change to an old, still-garbled file: the hook fixes that line only, and lists its edit."""
    repo, env = content_repo
    (repo / "old.md").write_text(OLD_ARTICLE, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", "old"], cwd=repo, check=True, env=env)
    (repo / "old.md").write_text(OLD_ARTICLE.replace("stays.", "by tbe team."), encoding="utf-8")
    subprocess.run(["git", "add", "old.md"], cwd=repo, check=True, env=env)
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(CHECKOUT), "repair", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (repo / "old.md").read_text(encoding="utf-8") == OLD_ARTICLE.replace("stays.", "by the team.")
    assert "old.md:3:23: 'tbe' → 'the' (garbled-word, " in result.stdout
