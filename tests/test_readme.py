"""The README's examples run as written: shell lines, Python blocks, settings and lexicon blocks.

Shell lines run one by one in a scratch git repository holding the files
they name (the project's ``examples/`` folder copied in); a line is skipped
only for a reason in ``SKIP_SHELL``. Python blocks run in the same kind of
folder, each in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from review_helpers import export

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK_RE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
BLOCKS = [(m.group(1), m.group(2), README[: m.start()].count("\n") + 1) for m in BLOCK_RE.finditer(README)]
BIN = Path(sys.executable).parent
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
GARBLED = "The cornpany said tbe results wou1d improve.\n"

# A shell line containing the key is not run, for the reason given.
SKIP_SHELL = {
    "pip install": "installs from a package index (network) into a new virtual environment",
    "-m pytest": "runs the whole test suite, this test included",
}
# A Python block containing the key is not run, for the reason given.
SKIP_PYTHON = {
    "s3://": "reads and writes s3:// buckets (network) through a Dask cluster",
}


def _lines(kind: str) -> list[tuple[str, int]]:
    out = []
    for lang, body, line in BLOCKS:
        if lang == kind:
            out += [(text, line + i + 1) for i, text in enumerate(body.splitlines()) if text.strip() and not text.startswith("#")]
    return out


def _blocks(kind: str) -> list[tuple[str, int]]:
    return [(body, line) for lang, body, line in BLOCKS if lang == kind]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> tuple[Path, dict]:
    """A git repository with every file the README's commands name."""
    root = tmp_path_factory.mktemp("readme")
    env = {**os.environ, **ENV, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n\n" + GARBLED + "\nOld tbe line.\n", encoding="utf-8")
    (root / "docs" / "clean.md").write_text("A clean page.\n", encoding="utf-8")
    (root / "articles").mkdir()
    for i in range(3):
        (root / "articles" / f"{i}.md").write_text("DeepSeek and High-Flyer wrote this.\n", encoding="utf-8")
    (root / "article.txt").write_text(GARBLED, encoding="utf-8")
    (root / "README.md").write_text("# Readme\n\n" + GARBLED, encoding="utf-8")
    (root / "words.txt").write_text("# never touched\nOpenai\n", encoding="utf-8")
    (root / "names.txt").write_text("DeepSeek\n", encoding="utf-8")
    (root / "articles.jsonl").write_text('{"body": "The cornpany said so."}\n', encoding="utf-8")
    (root / "batch.jsonl").write_text('{"text": "Said tbe man."}\n', encoding="utf-8")
    git = lambda *args: subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "start")
    (root / "docs" / "guide.md").write_text("# Guide\n\n" + GARBLED + "\nNew tbe line.\n", encoding="utf-8")
    git("add", "docs/guide.md")
    return root, env


def _download_decisions(root: Path, env: dict) -> None:
    """What a reviewer downloads from a review page of ``docs/`` as it is now, every edit accepted
    (the README's review loop reads ``repair-decisions.json``; earlier lines change ``docs/``)."""
    page = subprocess.run([str(BIN / "repair"), "review", "docs/", "-o", "page.html"], cwd=root, env=env, capture_output=True, text=True)
    assert page.returncode == 0, page.stderr
    decisions = export((root / "page.html").read_text(encoding="utf-8"), lambda item: "accept")
    (root / "repair-decisions.json").write_text(json.dumps(decisions), encoding="utf-8")


def test_readme_has_examples_of_every_kind():
    """The extraction finds the shell, Python, TOML and YAML examples (a broken fence would hide them)."""
    kinds = {lang for lang, _, _ in BLOCKS}
    assert {"sh", "python", "toml", "yaml"} <= kinds
    assert len(_lines("sh")) >= 15 and len(_blocks("python")) >= 4


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
@pytest.mark.parametrize(("command", "line"), _lines("sh"), ids=lambda v: str(v)[:60])
def test_shell_line_runs(workspace, command, line):
    """A README shell line exits 0 or 1 (1: something to change), never 2 or with a traceback."""
    for key, reason in SKIP_SHELL.items():
        if key in command:
            pytest.skip(f"README line {line}: {reason}")
    root, env = workspace
    if "repair-decisions.json" in command and "repair review" not in command:
        _download_decisions(root, env)
    done = subprocess.run(["bash", "-c", command], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), f"README line {line}: {command}\n{done.stderr}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("body", "line"), _blocks("python"), ids=lambda v: str(v)[:40])
def test_python_block_runs(workspace, body, line):
    """A README Python block runs in a fresh interpreter in a folder holding the files it names."""
    for key, reason in SKIP_PYTHON.items():
        if key in body:
            pytest.skip(f"README line {line}: {reason}")
    root, env = workspace
    done = subprocess.run([sys.executable, "-c", body], cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"README line {line}:\n{done.stderr}"


@pytest.mark.parametrize(("body", "line"), _blocks("toml"), ids=lambda v: str(v)[:40])
def test_settings_block_loads(tmp_path, body, line):
    """A README settings block, written to the file its first comment names, loads without error."""
    from repair.config import load_config

    name = body.splitlines()[0].lstrip("# ").strip()
    assert name in (".repair.toml", "pyproject.toml"), f"README line {line}: a settings block starts with '# <its file name>'"
    (tmp_path / "names.txt").write_text("DeepSeek\n", encoding="utf-8")
    (tmp_path / name).write_text(body, encoding="utf-8")
    config = load_config(tmp_path / name)
    assert config.threshold == 0.8 and config.words == ("Openai",)


@pytest.mark.parametrize(("body", "line"), _blocks("yaml"), ids=lambda v: str(v)[:40])
def test_yaml_block_parses(body, line):
    """A README YAML block (pre-commit, workflow) is valid YAML."""
    yaml = pytest.importorskip("yaml", reason="needs PyYAML (installed with pre-commit)")
    assert yaml.safe_load(body), f"README line {line}"


def test_lexicon_block_loads(tmp_path):
    """The README's lexicon example (the untagged block under "Lexicon files") loads as a lexicon."""
    from repair import load_lexicon

    body = next(body for lang, body, _ in BLOCKS if lang == "" and "->" in body)
    (tmp_path / "names.txt").write_text(body, encoding="utf-8")
    lexicon = load_lexicon(tmp_path / "names.txt")
    assert lexicon is not None
