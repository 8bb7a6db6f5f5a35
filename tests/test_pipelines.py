"""Pipelines: repair_many in order (serial and with processes), and JSON Lines."""

import json

import pytest

from click.testing import CliRunner

from repair import Repairer
from repair.cli import main

TEXTS = [f"Case {i}: tbe cornpany wou1d ship." if i % 2 else f"Case {i} is fine." for i in range(150)]


def test_repair_many_streams_in_order_with_processes(repairer):
    serial = [r.text for r in repairer.repair_many(TEXTS)]
    assert serial == [repairer.repair(t).text for t in TEXTS]
    parallel = repairer.repair_many(iter(TEXTS), jobs=2, chunk=7)
    assert [r.text for r in parallel] == serial


def test_repair_many_reads_lazily():
    seen = []

    def source():
        for i in range(10_000):
            seen.append(i)
            yield "It wou1d be fine."

    results = Repairer().repair_many(source(), jobs=2, chunk=10)
    first = next(results)
    assert first.text == "It would be fine."
    assert len(seen) < 1_000  # only a few chunks ahead of the consumer
    results.close()


def test_jsonl_repairs_a_field_and_passes_bad_lines_through(tmp_path):
    lines = [
        json.dumps({"id": 1, "body": "Openai said tbe rest."}),
        "{not json",
        json.dumps({"id": 3, "text": "no body here"}),
        json.dumps([1, 2]),
        json.dumps({"id": 5, "body": "Fine.", "extra": {"nested": True}}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--jsonl", "--field", "body", str(source)])
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    first = json.loads(out[0])
    assert first["body"] == "OpenAI said the rest." and first["id"] == 1
    assert [e["after"] for e in first["body_edits"]] == ["OpenAI", "the"]
    assert out[1:4] == lines[1:4]  # passed through untouched
    fifth = json.loads(out[4])
    assert {k: fifth.pop(k) for k in ("body_damage", "body_format_version")}["body_format_version"] == 1
    assert fifth == {"id": 5, "body": "Fine.", "extra": {"nested": True}, "body_edits": []}
    assert "line 2: malformed JSON" in result.stderr
    assert "line 3: no text field 'body'" in result.stderr
    assert "line 4: not a JSON object" in result.stderr
    assert result.exit_code == 2


@pytest.mark.slow
def test_jsonl_from_stdin_with_jobs():
    data = "".join(json.dumps({"text": t}) + "\n" for t in TEXTS)
    result = CliRunner().invoke(main, ["fix", "--jsonl", "--jobs", "2", "-"], input=data)
    assert result.exit_code == 0
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == [Repairer().repair(t).text for t in TEXTS]
