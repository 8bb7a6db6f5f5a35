"""Flags (suspects too unsure to fix) carry a line and column and show only behind --flags."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from repair import Repairer
from repair.cli import main

TEXT = "A first line.\nIt wou1d be fine.\n"  # at threshold 1.0, "wou1d" is a flag, not an edit


def test_a_flag_knows_its_line_and_column():
    """A flag's line and column are those of its start in the source."""
    flags = Repairer(threshold=1.0).repair(TEXT).flags
    assert [(f.before, f.line, f.column) for f in flags] == [("wou1d", 2, 4)]
    assert flags[0].to_dict()["line"] == 2 and flags[0].to_dict()["column"] == 4


@pytest.fixture
def check(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(main, ["check", "--threshold", "1.0", *args, "a.md"], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["human", "json", "github", "sarif"])
def test_flags_show_in_every_format_only_when_asked(check, fmt):
    """Without --flags no format mentions the flag; with it, every format gives it with its place."""
    plain, shown = check("--format", fmt), check("--format", fmt, "--flags")
    assert "wou1d" not in plain.stdout
    assert "wou1d" in shown.stdout
    if fmt == "human":
        assert "a.md:2:4: garbled-word? 'wou1d' → 'would'" in shown.stdout
    elif fmt == "json":
        flag = json.loads(shown.stdout)[0]["flags"][0]
        assert (flag["line"], flag["column"], flag["suggestion"]) == (2, 4, "would")
    elif fmt == "github":
        assert shown.stdout.startswith("::notice file=a.md,line=2,col=4,")
    else:
        result = json.loads(shown.stdout)["runs"][0]["results"][0]
        assert result["level"] == "note" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
