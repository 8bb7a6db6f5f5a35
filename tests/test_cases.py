"""The labelled cases the benchmarks read, run as tests (ftfy's style of data-driven cases).

Each development case says what it expects: its garbled text repairs to its
clean text, and its clean text comes back unchanged. A case marked
``"expect": "fail"`` is a known failure, run as a strict xfail: when it
starts passing the suite says so, and the mark comes off. The expected
output is always the case's own gold text, never a snapshot of the code.

The clean corpora are negatives: every paragraph must come back unchanged,
except the known false edits listed in ``corpora/clean/known-false-edits.json``
(also strict: a paragraph that stops failing must leave the list).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repair import Repairer

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
DEV = CORPORA / "dev"
CLEAN = CORPORA / "clean"
CASE_FILES = ("handwritten.jsonl", "synthetic.jsonl")


def _cases() -> list:
    params = []
    for name in CASE_FILES:
        for line in (DEV / name).read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            case = json.loads(line)
            assert case.get("expect", "pass") in ("pass", "fail"), case["id"]
            marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case.get("expect") == "fail" else []
            params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.fixture(scope="module")
def dev_repairer() -> Repairer:
    return Repairer([DEV / "lexicon.txt"])


@pytest.mark.parametrize("case", _cases())
def test_a_development_case_repairs_to_its_gold_text(dev_repairer, case):
    """The garbled text repairs to the case's clean text."""
    assert dev_repairer.repair(case["garbled"]).text == case["clean"]


@pytest.mark.parametrize("case", [pytest.param(p.values[0], id=p.id) for p in _cases()])
def test_a_development_cases_clean_text_comes_back_unchanged(dev_repairer, case):
    """The clean side of every case is left alone (whatever its garbled side expects)."""
    assert dev_repairer.repair(case["clean"]).text == case["clean"]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + 2
    return spans


KNOWN = json.loads((CLEAN / "known-false-edits.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(p.relative_to(CLEAN).as_posix() for p in CLEAN.rglob("*.txt")))
def test_clean_prose_keeps_every_paragraph_but_the_known_false_edits(path):
    """No paragraph of the clean corpora changes, except those listed as known false edits, which still do."""
    text = (CLEAN / path).read_text(encoding="utf-8")
    result = Repairer().repair(text)
    spans = _paragraphs(text)
    changed = sorted({i for e in result.edits for i, (s, t) in enumerate(spans) if s <= e.start <= t})
    known = sorted(KNOWN["files"].get(path, {}))
    new = [text[slice(*spans[i])][:200] for i in changed if str(i) not in known]
    assert not new, f"new false edits in {path}: {new}"
    fixed = [i for i in known if int(i) not in changed]
    assert not fixed, f"{path}: paragraphs {fixed} no longer change: take them off the known false edits"
