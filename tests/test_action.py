"""The GitHub Action (action.yml): its check step's command, run as the runner would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="needs PyYAML (installed with pre-commit, a test dependency)")

ACTION = Path(__file__).resolve().parent.parent / "action.yml"
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
OLD = "The cornpany said tbe results wou1d improve.\n\nA second paragraph stays.\n"


def check_step() -> dict:
    steps = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"]
    return next(step for step in steps if "repair check" in step["run"])


def test_action_is_composite_and_installs_before_checking():
    """action.yml is a composite action whose steps install repair, then run check --changed --base --format github."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    runs = [step["run"] for step in action["runs"]["steps"]]
    assert "pip install" in runs[0]
    assert "repair check --changed --base" in runs[1] and "--format github" in runs[1]


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
def test_action_command_annotates_only_the_lines_a_pull_request_changed(tmp_path):
    """The step's shell command, with the env the action sets, annotates the changed line alone and fails."""
    env = {**os.environ, **ENV, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    git = lambda *args: subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)  # noqa: E731
    git("init", "-q", "-b", "main")
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "old")
    git("checkout", "-q", "-b", "pr")
    (tmp_path / "old.md").write_text(OLD.replace("stays.", "by tbe team."), encoding="utf-8")
    git("commit", "-q", "-am", "change one line")
    step = check_step()
    step_env = {**env, "REPAIR_BASE": "main", "REPAIR_PATHS": ".", "REPAIR_ARGS": ""}
    done = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=step_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning")]
    assert len(warnings) == 1 and "file=old.md,line=3,col=23," in warnings[0]
