"""The CLI shows its work: edit lines, --quiet, standard input for check, --markup, --word (issue 20)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from repair.cli import main

GARBLED = "The cornpany said tbe results wou1d improve.\n"
FIXED = "The company said the results would improve.\n"
MD = "```\ntbe\n```\nSaid tbe cornpany.\n"


def run(args, data=None):
    return CliRunner().invoke(main, args, input=data, catch_exceptions=False)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_prints_every_edit_then_the_summary(here):
    """`repair fix` writes path:line:col: before → after (family, confidence) per edit, summary last."""
    (here / "a.txt").write_text("Fine.\n" + GARBLED, encoding="utf-8")
    result = run(["fix", "a.txt"])
    lines = result.stderr.splitlines()
    assert lines[0].startswith("a.txt:2:5: 'cornpany' → 'company' (garbled-word, 0.")
    assert len(lines) == 4 and all(line.startswith("a.txt:2:") for line in lines[:3])
    assert lines[-1].startswith("repair: 1 file scanned; 1 changed; 3 edits")


def test_quiet_prints_only_the_summary(here):
    """--quiet leaves out the edit lines of fix and the findings of check."""
    (here / "a.txt").write_text(GARBLED, encoding="utf-8")
    check = run(["check", "--quiet", "a.txt"])
    assert check.exit_code == 1 and check.stdout == "" and len(check.stderr.splitlines()) == 1
    fix = run(["fix", "-q", "a.txt"])
    assert fix.stderr.splitlines()[0].startswith("repair: 1 file scanned")
    assert (here / "a.txt").read_text(encoding="utf-8") == FIXED


def test_check_reads_standard_input():
    """`repair check -` reports stdin's edits under its name and exits 1."""
    result = run(["check", "-"], GARBLED)
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:5: garbled-word: 'cornpany' → 'company'")
    named = run(["check", "--stdin-filename", "docs/a.md", "--format", "json", "-"], GARBLED)
    assert json.loads(named.stdout)[0]["path"] == "docs/a.md"
    assert run(["check", "-"], FIXED).exit_code == 0


def test_fix_diff_of_stdin_exits_1_when_it_prints_a_diff():
    """`repair fix --diff -` exits 1 with a diff, 0 without, as for files."""
    changed = run(["fix", "--diff", "-"], GARBLED)
    assert changed.exit_code == 1 and changed.stdout.startswith("--- a/stdin")
    clean = run(["fix", "--diff", "-"], FIXED)
    assert clean.exit_code == 0 and clean.stdout == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "```\nthe\n```\nSaid the company.\n"),
        (["--markup", "markdown"], "```\ntbe\n```\nSaid the company.\n"),
        (["--markdown"], "```\ntbe\n```\nSaid the company.\n"),
        (["--stdin-filename", "a.md"], "```\ntbe\n```\nSaid the company.\n"),
        (["--stdin-filename", "a.txt"], "```\nthe\n```\nSaid the company.\n"),
        (["--markup", "text", "--stdin-filename", "a.md"], "```\nthe\n```\nSaid the company.\n"),
    ],
)
def test_markup_of_standard_input(args, expected):
    """stdin is text unless --markup (or --markdown) says otherwise or --stdin-filename names a Markdown file."""
    assert run(["fix", *args, "-"], MD).stdout == expected


def test_markup_forces_the_markup_of_files(here):
    """--markup markdown reads a .txt file as Markdown: its code block is kept."""
    (here / "a.txt").write_text(MD, encoding="utf-8")
    run(["fix", "--markup", "markdown", "a.txt"])
    assert (here / "a.txt").read_text(encoding="utf-8") == "```\ntbe\n```\nSaid the company.\n"


def test_stdin_filename_applies_path_rules(here):
    """--stdin-filename lets per-path-ignores in the settings file apply to stdin."""
    (here / ".repair.toml").write_text('[per-path-ignores]\n"legal/*" = ["garbled-word"]\n', encoding="utf-8")
    assert run(["fix", "--stdin-filename", "legal/a.txt", "-"], GARBLED).stdout == GARBLED
    assert run(["fix", "--stdin-filename", "news/a.txt", "-"], GARBLED).stdout == FIXED


def test_markup_is_honoured_with_jsonl_and_auto_refused():
    """--markup markdown applies to each JSON Lines record; --markup auto is refused with a reason."""
    line = json.dumps({"text": MD}) + "\n"
    assert json.loads(run(["fix", "--jsonl", "--markup", "markdown", "-"], line).stdout)["text"] == "```\ntbe\n```\nSaid the company.\n"
    assert json.loads(run(["fix", "--jsonl", "-"], line).stdout)["text"] == "```\nthe\n```\nSaid the company.\n"
    refused = run(["fix", "--jsonl", "--markup", "auto", "-"], line)
    assert refused.exit_code == 2 and "JSON Lines records have none" in refused.stderr
    changed = run(["fix", "--jsonl", "--changed", "-"], line)
    assert changed.exit_code == 2 and "do not apply to --jsonl" in changed.stderr


def test_unknown_markup_version_is_refused_clearly():
    """A markup this version does not know (mdx before it lands) is an error, never ignored."""
    from repair.repairer import MARKUPS

    if "mdx" in MARKUPS:
        pytest.skip("this version knows mdx")
    result = run(["fix", "--markup", "mdx", "-"], MD)
    assert result.exit_code == 2 and "--markup mdx" in result.stderr


def test_word_and_words_file_are_never_touched(here):
    """--word (repeatable) and --words-file add to the settings file's words."""
    (here / "words.txt").write_text("# ours\ncornpany\n\n", encoding="utf-8")
    text = "Openai and tbe cornpany.\n"
    assert run(["fix", "-"], text).stdout == "OpenAI and the company.\n"
    assert run(["fix", "--word", "Openai", "--words-file", "words.txt", "-"], text).stdout == "Openai and the cornpany.\n"
