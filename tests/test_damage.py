"""The document damage estimate: formula, Result.damage, and every format that carries it."""

from __future__ import annotations

import json
import math

from click.testing import CliRunner

from repair.cli import main
from repair.damage import SCALE, estimate
from repair.model import Edit, Family, Flag

GARBLED = "The cornpany said tbe results wou1d improve.\n"
CLEAN = "The company said the results would improve.\n"


def run(args, data=None):
    return CliRunner().invoke(main, args, input=data, catch_exceptions=False)


def test_rates_are_per_thousand_words_by_family_and_flags_count_half():
    """Two edits and one flag in 200 words give 10 and 5 per 1,000 words, and the score follows the formula."""
    source = "tbe " + "word " * 198 + "Qx"
    edits = [Edit(0, 3, "tbe", "the", Family.GARBLED_WORD, 0.9, ""), Edit(0, 3, "tbe", "the", Family.PUNCTUATION, 0.9, "")]
    flags = [Flag(199 * 5, 199 * 5 + 2, "Qx", None, Family.RANDOM_CAPITAL, 0.4, "")]
    d = estimate(source, edits, flags)
    assert d.words == 200
    assert d.edits == {"garbled-word": 5.0, "punctuation": 5.0}
    assert d.flags == {"random-capital": 5.0}
    assert math.isclose(d.score, 1 - math.exp(-(10 + 2.5) / SCALE))


def test_clean_text_scores_zero_and_garbled_text_more(repairer):
    """A clean document scores 0; a garbled one scores above 0.5 and says which families hit it."""
    clean, garbled = repairer.repair(CLEAN), repairer.repair(GARBLED)
    assert clean.damage.score == 0 and clean.damage.words == 7
    assert garbled.damage.score > 0.5
    assert set(garbled.damage.edits) == {str(e.kind) for e in garbled.edits}
    assert garbled.to_dict()["damage"]["score"] == round(garbled.damage.score, 3)


def test_jsonl_records_carry_damage_and_format_version():
    """Each repaired JSON Lines record gains <field>_damage and <field>_format_version."""
    result = run(["fix", "--jsonl", "--field", "body", "-"], json.dumps({"body": GARBLED}) + "\n")
    record = json.loads(result.stdout)
    assert record["body_damage"]["score"] > 0.5
    assert record["body_format_version"] == 1


def test_json_and_sarif_reports_carry_damage_and_format_version(tmp_path, monkeypatch):
    """The JSON report's records and the SARIF run properties carry the damage and the format version."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    records = json.loads(run(["check", "--format", "json", "a.txt"]).stdout)
    assert records[0]["format_version"] == 1 and records[0]["damage"]["score"] > 0.5
    log = json.loads(run(["check", "--format", "sarif", "a.txt"]).stdout)
    props = log["runs"][0]["properties"]
    assert props["format_version"] == 1
    assert props["documents"][0]["uri"] == "a.txt" and props["documents"][0]["damage"]["score"] > 0.5
    assert log["runs"][0]["results"][0]["properties"]["documentDamage"] > 0.5


def test_min_damage_reports_only_documents_above_the_level(tmp_path, monkeypatch):
    """--min-damage leaves out a lightly damaged document, both from the report and the exit code."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "light.txt").write_text("The cornpany said so. " + CLEAN * 40, encoding="utf-8")
    both = run(["check", "."])
    assert "bad.txt:" in both.stdout and "light.txt:" in both.stdout
    only = run(["check", "--min-damage", "0.5", "."])
    assert "bad.txt:" in only.stdout and "light.txt:" not in only.stdout
    assert only.exit_code == 1
    none = run(["check", "--min-damage", "0.5", "light.txt"])
    assert none.exit_code == 0 and none.stdout == ""
