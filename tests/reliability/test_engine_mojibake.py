"""The mojibake detector's piecewise diff finds the same changes as one diff of the whole stretch."""

import difflib
import json
import random
from pathlib import Path

import ftfy
import pytest

from repair.detectors.mojibake import _changes, ftfy_config

FTFY_CASES = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ftfy-cases"
BUILT_IN = [
    "Prices in MontrÃ©al rose.",
    "Itâ€™s not clear.",
    "The cafÃ© said â€œnoâ€\x9d twice.",
    "Ã  la carte, naÃ¯ve, and Ð¡Ð»Ð¾Ð²Ð¾ in one line.",
]
FILLER = "The committee met on Tuesday to discuss the budget, and the committee met again to discuss it."


def whole(before, after):
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2, before[i1:i2], after[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def piecewise(before, after):
    return [(o + i1, o + i2, old, new) for o, i1, i2, old, new in _changes(before, after)]


def cases():
    found = list(BUILT_IN)
    for name in ("in-the-wild.json", "synthetic.json", "negative.json", "known-failures.json"):
        path = FTFY_CASES / name
        if path.exists():
            found += [c["original"].replace("\n", " ") for c in json.loads(path.read_text(encoding="utf-8"))]
    return found


def test_pieces_give_the_changes_one_diff_gives_on_long_lines():
    """Cases joined into long lines with repeated filler between them diff alike either way."""
    rng = random.Random(17)
    pool = cases()
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 8)):
            parts += [rng.choice(pool), FILLER[: rng.randint(0, len(FILLER))]]
        line = " ".join(parts)
        fixed = ftfy.fix_text(line, ftfy_config())
        assert piecewise(line, fixed) == whole(line, fixed), line


@pytest.mark.skipif(not FTFY_CASES.exists(), reason="ftfy's test cases live in ../shared, absent from a user's clone")
def test_pieces_give_the_changes_one_diff_gives_on_each_ftfy_case():
    """Every ftfy test case line, alone, diffs alike either way."""
    for case in cases():
        fixed = ftfy.fix_text(case, ftfy_config())
        assert piecewise(case, fixed) == whole(case, fixed), case
