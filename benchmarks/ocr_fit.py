"""Fit the ocr-context scorer's weights on synthetic OCR pages, never on ICDAR.

    python -m benchmarks.ocr_fit [--pages corpora/ocr-synthetic.jsonl] [--precision 0.95]

Each page of ``corpora/ocr-synthetic.jsonl`` (see :mod:`benchmarks.ocr_noise`)
is repaired as OCR. Every ocr-context suspect of the first reading is kept
with its candidates' features and a label: does the candidate give back what
the print said there? A logistic model is fitted to the best candidate of
each suspect (L2-regularised, by gradient descent: numpy only), and its bias
is then lowered until the fixes it would make on these pages reach the
asked precision (a wrong fix costs more than a missed one). The script
prints the current weights' precision and recall, the fitted ones', and the
``weights.json`` entry; copying it there is a person's decision, checked
against ICDAR's CER and gold edits with ``python -m benchmarks.quality``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
from collections import Counter
import json
import math
import sys
from pathlib import Path

import numpy as np

from .corpus import DEV, load_jsonl

sys.path.insert(0, str(DEV.parent.parent / "src"))
from repair import Repairer  # noqa: E402
from repair import repairer as repairer_module  # noqa: E402
from repair.model import Family  # noqa: E402

FEATURES = ("lead", "real_word", "split", "plain_edit", "pairs")
PAGES = DEV.parent / "ocr-synthetic.jsonl"


def _gold_at(spans: list[list], gold: str):
    """A function giving, for a span of the damaged page, the printed text there, or
    None when the span cuts into a damaged word (``spans``: sorted [start, end,
    printed] in the damaged page)."""
    ends = [e for _, e, _ in spans]
    shifts = list(itertools.accumulate(len(printed) - (e - s) for s, e, printed in spans))

    def to_gold(offset: int) -> int | None:
        i = bisect.bisect_right(ends, offset)  # spans ending at or before offset
        if i < len(spans) and spans[i][0] < offset:
            return None  # inside a damaged word
        return offset + (shifts[i - 1] if i else 0)

    def printed(start: int, end: int) -> str | None:
        a, b = to_gold(start), to_gold(end)
        return None if a is None or b is None else gold[a:b]

    return printed


def collect(pages: list[dict], repairer: Repairer) -> list[tuple[list[dict], list[bool]]]:
    """Each ocr-context suspect of each page's first reading: its candidates' features
    and whether each gives back the print."""
    found: list[tuple[list[dict], list[bool]]] = []
    state: dict = {}
    decide = repairer_module.decide

    def spy(suspects, weights, threshold=None):
        suspects = list(suspects)
        if state.get("first") and any(s.kind == Family.OCR_CONTEXT for s in suspects):
            state["first"] = False
            for s in suspects:
                if s.kind != Family.OCR_CONTEXT or state["ocr"][s.start : s.end] != s.before:
                    continue
                truth = state["printed"](s.start, s.end)
                labels = [truth is not None and c.after == truth for c in s.candidates]
                found.append(([c.features for c in s.candidates], labels))
        return decide(suspects, weights, threshold)

    repairer_module.decide = spy
    profiles: Counter = Counter()
    try:
        for page in pages:
            state.update(first=True, ocr=page["ocr"], printed=_gold_at(page["spans"], page["gold"]))
            profiles[repairer.repair(page["ocr"]).profile] += 1
        # the same pages as printed, read as OCR: every suspect there is a false one
        # (names, rare and period words: what damaged pages alone seldom show)
        as_ocr = Repairer(profile="ocr")
        for page in pages:
            state.update(first=True, ocr=page["gold"], printed=lambda start, end: None)
            as_ocr.repair(page["gold"])
    finally:
        repairer_module.decide = decide
    print("profiles read:", dict(profiles))
    return found


def _matrix(found) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for features, truth in found:
        rows.append([features[0].get(f, 0.0) for f in FEATURES])
        labels.append(float(truth[0]))
    return np.array(rows), np.array(labels)


def confidence(x: np.ndarray, bias: float, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(bias + x @ w)))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 20_000, rate: float = 0.05) -> tuple[float, np.ndarray]:
    """Logistic regression by full-batch gradient descent (features scaled for the descent)."""
    scale = np.maximum(np.abs(x).max(axis=0), 1e-9)
    xs = x / scale
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(b + xs @ w)))
        g = p - y
        w -= rate * (xs.T @ g / len(y) + l2 * w)
        b -= rate * g.mean()
    return b, w / scale


def scores(found, bias: float, w: np.ndarray, threshold: float, margin: float) -> tuple[int, int, int]:
    """(right fixes, wrong fixes, suspects with a right candidate) under the scorer's rule."""
    right = wrong = reachable = 0
    for features, truth in found:
        x = np.array([[f.get(k, 0.0) for k in FEATURES] for f in features])
        conf = confidence(x, bias, w)
        order = np.argsort(-conf)
        best = conf[order[0]]
        runner = conf[order[1]] if len(conf) > 1 else 0.0
        reachable += any(truth)
        if best >= threshold and best - runner >= margin:
            if truth[order[0]]:
                right += 1
            else:
                wrong += 1
    return right, wrong, reachable


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--precision", type=float, default=0.95, help="precision the fitted bias must reach")
    args = parser.parse_args(argv)
    weights = json.loads((DEV.parent.parent / "src" / "repair" / "data" / "weights.json").read_text())
    threshold, margin = weights["threshold"], weights["margin"]
    current = weights["families"]["ocr-context"]
    pages = load_jsonl(args.pages)
    found = collect(pages, Repairer())
    x, y = _matrix(found)
    print(f"{len(pages)} pages, {len(found)} ocr-context suspects, best candidate right in {int(y.sum())}")

    def show(label: str, bias: float, w: np.ndarray) -> None:
        right, wrong, reachable = scores(found, bias, w, threshold, margin)
        p = right / (right + wrong) if right + wrong else 1.0
        r = right / reachable if reachable else 0.0
        f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        print(f"  {label:10} precision {p:.3f} recall {r:.3f} (of {reachable} suspects a candidate could fix) F0.5 {f:.3f}  wrong {wrong}")

    cw = np.array([current["weights"].get(k, 0.0) for k in FEATURES])
    show("current", current["bias"], cw)
    bias, w = fit(x, y)
    show("fitted", bias, w)
    while True:
        right, wrong, _ = scores(found, bias, w, threshold, margin)
        if right + wrong == 0 or right / (right + wrong) >= args.precision:
            break
        bias -= 0.1
    show("held to P", bias, w)
    entry = {"bias": round(float(bias), 2), "weights": {k: round(float(v), 2) for k, v in zip(FEATURES, w)}}
    print(json.dumps({"ocr-context": entry}, indent=1))


if __name__ == "__main__":
    main()
