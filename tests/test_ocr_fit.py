"""Synthetic OCR pages and the fit of the ocr-context weights (benchmarks.ocr_noise, benchmarks.ocr_fit)."""

import json
import random
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="numpy comes with the bench (or dask) extra: pip install -e '.[bench]'")

from benchmarks import ocr_fit, ocr_noise  # noqa: E402
from repair.model import Candidate, Family, Suspect  # noqa: E402
from repair.scorer import decide  # noqa: E402
from repair.weights import Weights  # noqa: E402

PAGES = Path(__file__).resolve().parent.parent / "corpora" / "ocr-synthetic.jsonl"
TEXT = (
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife. However little known the feelings or views of such a man may be "
    "on his first entering a neighbourhood, this truth is so well fixed in the minds of the "
    "surrounding families, that he is considered the rightful property of some one or other of their daughters."
)


@pytest.mark.parametrize("seed", range(20))
def test_damage_spans_give_back_the_print(seed):
    """Every damaged span maps back to exactly what the print said, and the page as a whole to the gold."""
    rng = random.Random(seed)
    ocr, spans = ocr_noise.damaged(TEXT, 0.4, ocr_noise.Scanner(rng), rng)
    printed = ocr_fit._gold_at(spans, TEXT)
    assert ocr != TEXT and spans
    assert printed(0, len(ocr)) == TEXT
    for start, end, gold in spans:
        assert ocr[start:end] != gold
        assert printed(start, end) == gold
        if end - start > 1:
            assert printed(start + 1, end) is None  # a span cutting into a damaged word has no print


def test_committed_pages_are_what_the_generator_makes():
    """corpora/ocr-synthetic.jsonl is rebuilt exactly by ``python -m benchmarks.ocr_noise``."""
    committed = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines()]
    assert committed == ocr_noise.build()


def test_scores_follow_the_scorers_rule(tmp_path):
    """The fit's count of fixes decides each suspect exactly as repair's scorer does."""
    spec = {"bias": -1.0, "weights": {"lead": 0.5, "real_word": -0.7, "split": 0.2, "plain_edit": -1.0, "pairs": 0.3}}
    path = tmp_path / "weights.json"
    path.write_text(json.dumps({"threshold": 0.6, "margin": 0.15, "families": {"ocr-context": spec}}), encoding="utf-8")
    weights = Weights.load(path)
    rng = random.Random(7)
    found = []
    for _ in range(300):
        features = [
            {"lead": rng.uniform(-3, 12), "real_word": float(rng.random() < 0.3), "split": 0.0, "plain_edit": float(rng.random() < 0.4), "pairs": float(rng.randrange(3))}
            for _ in range(rng.choice((1, 2)))
        ]
        found.append((features, [rng.random() < 0.7 for _ in features]))
    w = np.array([spec["weights"][k] for k in ocr_fit.FEATURES])
    right, wrong, _ = ocr_fit.scores(found, spec["bias"], w, 0.6, 0.15)
    fixed = right_by_scorer = 0
    for features, truth in found:
        candidates = tuple(Candidate(f"w{i}", f, "") for i, f in enumerate(features))
        edits, _ = decide([Suspect(0, 1, "x", Family.OCR_CONTEXT, candidates)], weights)
        fixed += len(edits)
        right_by_scorer += sum(truth[int(e.after[1:])] for e in edits)
    assert (right, right + wrong) == (right_by_scorer, fixed)


def test_fit_recovers_a_known_model():
    """Logistic regression by descent finds the weights that generated the labels."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    truth_w, truth_b = np.array([1.5, -2.0]), 0.5
    y = (rng.random(4000) < 1 / (1 + np.exp(-(truth_b + x @ truth_w)))).astype(float)
    b, w = ocr_fit.fit(x, y, l2=0.0, steps=5000, rate=0.5)
    assert abs(b - truth_b) < 0.2 and np.allclose(w, truth_w, atol=0.25)
