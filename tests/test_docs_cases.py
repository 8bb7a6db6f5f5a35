"""Real documentation's prose, as negative and positive cases (ftfy's style).

Each line of ``data/docs-cases.jsonl`` is a pattern met on real documentation
trees (issue 18): ``expect`` is "unchanged" for prose that was right and must
stay so, or the text it must repair to. Read as Markdown, as the pre-commit
hook reads a docs tree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "docs-cases.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_a_docs_case_repairs_as_expected(repairer, case):
    """The case's text comes back as it expects: unchanged, or repaired to its text."""
    want = case["original"] if case["expect"] == "unchanged" else case["expect"]
    assert repairer.repair(case["original"], markup="markdown").text == want, case["comment"]
