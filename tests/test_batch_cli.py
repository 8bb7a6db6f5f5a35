"""End to end: `repair check` and `repair fix` over a sample content repository."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner

from content_repo import write_repo
from repair.cli import main


@pytest.fixture
def repo(tmp_path, monkeypatch):
    files = write_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path, files


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_sample_repository_is_large_and_varied(repo):
    root, files = repo
    texts = [f for f in files if f.path.endswith((".md", ".txt"))]
    assert len(texts) >= 20
    assert any(b"\r\n" in f.before for f in files) and any(b"\x00" in f.before for f in files)


def test_check_reports_and_changes_nothing(repo):
    root, files = repo
    result = run("check", ".")
    assert result.exit_code == 1
    assert "articles/00-story.md:" in result.stdout
    assert all((root / f.path).read_bytes() == f.before for f in files)
    assert "would change" in result.stderr and "files scanned" in result.stderr


def test_fix_changes_only_prose_and_keeps_encodings(repo):
    root, files = repo
    os.chmod(root / "articles/01-story.md", 0o640)
    result = run("fix", ".")
    assert result.exit_code == 0, result.stderr
    for f in files:
        assert (root / f.path).read_bytes() == f.after, f.path
    assert stat.S_IMODE((root / "articles/01-story.md").stat().st_mode) == 0o640
    assert "read as cp1252; written back in cp1252" in result.stderr
    assert "notes/data.txt: binary file skipped" in result.stderr
    # a second run changes nothing, and check agrees
    assert run("fix", ".").exit_code == 0
    assert all((root / f.path).read_bytes() == f.after for f in files)
    assert run("check", ".").exit_code == 0


def test_every_write_is_a_rename_of_a_temporary_file(repo, monkeypatch):
    root, files = repo
    renames = []
    real_replace = os.replace

    def spy(src, dst):
        renames.append((os.fspath(src), os.fspath(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    assert run("fix", ".").exit_code == 0
    changed = {str((root / f.path).resolve()) for f in files if f.before != f.after}
    assert {dst for _, dst in renames} == changed
    assert all(os.path.dirname(src) == os.path.dirname(dst) and src.endswith(".repair-tmp") for src, dst in renames)
    assert not list(root.rglob("*.repair-tmp"))


def test_failed_write_leaves_the_original_and_the_batch_goes_on(repo, monkeypatch):
    root, files = repo
    real_replace = os.replace

    def flaky(src, dst):
        if os.fspath(dst).endswith("00-story.md"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    result = run("fix", ".")
    assert result.exit_code == 2
    assert "00-story.md: cannot write: No space left on device" in result.stderr
    first = next(f for f in files if f.path.endswith("00-story.md"))
    assert (root / first.path).read_bytes() == first.before
    other = next(f for f in files if f.path.endswith("01-story.md"))
    assert (root / other.path).read_bytes() == other.after
    assert not list(root.rglob("*.repair-tmp"))


def test_check_exit_codes(repo):
    root, _ = repo
    assert run("check", "articles/clean.md").exit_code == 0
    assert run("check", "articles/00-story.md").exit_code == 1
    missing = run("check", "articles/clean.md", "nope.md")
    assert missing.exit_code == 2 and "nope.md: no such file" in missing.stderr
    assert run("check", "--threshold", "2", ".").exit_code == 2


def test_unreadable_file_is_reported_and_the_batch_goes_on(repo):
    root, files = repo
    (root / "articles/broken.md").symlink_to(root / "missing-target.md")
    result = run("fix", "articles")
    assert result.exit_code == 2
    assert "broken.md: cannot read" in result.stderr
    story = next(f for f in files if f.path.endswith("02-story.md"))
    assert (root / story.path).read_bytes() == story.after


def test_malformed_lexicon_is_named_and_the_batch_goes_on(repo):
    root, files = repo
    (root / "bad.txt").write_text("Good Name\nbroken -> \n", encoding="utf-8")
    result = run("fix", "--lexicon", "bad.txt", "articles")
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and ":2" in result.stderr
    story = next(f for f in files if f.path.endswith("03-story.md"))
    assert (root / story.path).read_bytes() == story.after


def test_diff_shows_without_writing(repo):
    root, files = repo
    result = run("fix", "--diff", "articles/00-story.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/articles/00-story.md\n+++ b/articles/00-story.md\n")
    assert (root / "articles/00-story.md").read_bytes() == files[0].before


def test_json_format_has_positions_in_the_stored_file(repo):
    root, _ = repo
    result = run("check", "--format", "json", "articles/windows.md")
    (record,) = json.loads(result.stdout)
    stored = (root / "articles/windows.md").read_bytes().decode("utf-8")
    for edit in record["edits"]:
        assert stored[edit["start"] : edit["end"]] == edit["before"]
        line = stored.split("\r\n")[edit["line"] - 1]
        assert line[edit["column"] - 1 :].startswith(edit["before"])
    assert {e["kind"] for e in record["edits"]} == {"entity-case", "garbled-word"}


def test_github_and_sarif_formats(repo):
    gh = run("check", "--format", "github", "articles/00-story.md")
    assert gh.stdout.startswith("::warning file=articles/00-story.md,line=")
    assert "title=repair " in gh.stdout
    sarif = json.loads(run("check", "--format", "sarif", "articles/00-story.md").stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert results and results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/00-story.md"
    assert {r["ruleId"] for r in results} <= {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}


def test_include_exclude_and_hidden_folders(repo):
    root, _ = repo
    result = run("check", "--format", "json", "--exclude", "notes", "--exclude", "articles/0*", ".")
    paths = {r["path"] for r in json.loads(result.stdout)}
    assert not any(p.startswith(("notes/", ".github/", "scripts/")) or "/0" in p for p in paths)
    assert "articles/bom.md" in paths
    # an excluded file stays excluded when named (pre-commit names files)
    named = run("check", "--format", "json", "--exclude", "notes/*", "notes/00-note.txt")
    assert json.loads(named.stdout) == []
    only_txt = run("check", "--format", "json", "--include", "*.txt", "notes")
    assert {r["path"].rsplit(".", 1)[1] for r in json.loads(only_txt.stdout)} == {"txt"}


def test_select_ignore_and_per_path_config(repo):
    root, _ = repo
    (root / ".repair.toml").write_text(
        'ignore = ["mojibake"]\nwords = ["Deepseek"]\n[per-path-ignores]\n"notes/*" = ["garbled-word"]\n', encoding="utf-8"
    )
    result = run("check", "--format", "json", ".")
    records = {r["path"]: r for r in json.loads(result.stdout)}
    kinds = {e["kind"] for r in records.values() for e in r["edits"]}
    assert "mojibake" not in kinds
    assert not any(e["kind"] == "garbled-word" for p, r in records.items() if p.startswith("notes/") for e in r["edits"])
    assert any(e["kind"] == "garbled-word" for p, r in records.items() if p.startswith("articles/") for e in r["edits"])
    assert not any(e["before"] == "Deepseek" for r in records.values() for e in r["edits"])
    # flags override the file
    flagged = run("check", "--format", "json", "--select", "mojibake", ".")
    assert {e["kind"] for r in json.loads(flagged.stdout) for e in r["edits"]} == {"mojibake"}


def test_unknown_config_key_is_an_error_naming_the_file(repo):
    root, _ = repo
    (root / "pyproject.toml").write_text('[tool.repair]\nthreshhold = 0.9\n', encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr and "threshhold" in result.stderr


def test_parallel_jobs_give_the_same_result(repo):
    root, files = repo
    serial = run("check", "--format", "json", ".").stdout
    parallel = run("check", "--format", "json", "--jobs", "2", ".").stdout
    assert json.loads(parallel) == json.loads(serial)
