"""Turn each flag's evidence into a confidence, then fix, report or drop it.

The model is logistic: ``confidence = sigmoid(bias + Σ weight·feature)``, one
bias and weight table per family, kept in ``data/weights.json`` and tuned on
``corpora/`` (``benchmarks/tune.py``). A flag is fixed only when its best
candidate clears the threshold *and* is clearly ahead of the runner-up;
otherwise it is reported as a :class:`Finding` for a person. Edits never
overlap: the more confident one wins.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ResourceError
from .model import Candidate, Edit, Family, Finding, Flag

REPORT_FLOOR = 0.2  # below this a flag is noise, not worth a person's time


@dataclass(frozen=True)
class FamilyWeights:
    bias: float
    weights: Mapping[str, float]
    threshold: float


@dataclass(frozen=True)
class Weights:
    """The scorer's parameters, read from a JSON data file."""

    families: Mapping[Family, FamilyWeights]
    margin: float

    @classmethod
    def load(cls, path: str | Path | None = None) -> Weights:
        source = Path(path) if path else resources.files("repair") / "data" / "weights.json"
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResourceError(f"cannot read scorer weights {source}: {exc}") from exc
        default = float(data["threshold"])
        families = {}
        for family in Family:
            spec = data["families"][family.value]
            families[family] = FamilyWeights(
                bias=float(spec["bias"]),
                weights={k: float(v) for k, v in spec["weights"].items()},
                threshold=float(spec.get("threshold", default)),
            )
        return cls(families=families, margin=float(data["margin"]))

    def confidence(self, kind: Family, candidate: Candidate) -> float:
        spec = self.families[kind]
        z = spec.bias + sum(spec.weights.get(name, 0.0) * value for name, value in candidate.features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def best_case(self, kind: Family, candidate: Candidate, ranges: Mapping[str, tuple[float, float]]) -> float:
        """The highest confidence ``candidate`` could reach if each feature in ``ranges``
        (those the surroundings decide) took its most favourable value in its range."""
        weights = self.families[kind].weights
        features = dict(candidate.features)
        for name, (low, high) in ranges.items():
            features[name] = high if weights.get(name, 0.0) > 0 else low
        return self.confidence(kind, Candidate(candidate.after, features, candidate.reason))

    def floor(self, threshold: float | None = None) -> float:
        """The lowest confidence at which a flag still changes a result: the report
        floor, or a lower threshold for fixing (the caller's, or a family's)."""
        limits = [REPORT_FLOOR] + [spec.threshold for spec in self.families.values()]
        return min(limits + ([threshold] if threshold is not None else []))

    def reportable(self, flag: Flag, ranges: Mapping[str, tuple[float, float]], floor: float = REPORT_FLOOR) -> bool:
        """Whether some context could lift ``flag`` to ``floor`` (see :meth:`floor`)."""
        return any(self.best_case(flag.kind, c, ranges) >= floor for c in flag.candidates)


def decide(
    flags: Iterable[Flag], weights: Weights, threshold: float | None = None
) -> tuple[list[Edit], list[Finding]]:
    """Score every flag; return sorted, disjoint edits and the findings left over."""
    proposed: list[Edit] = []
    findings: list[Finding] = []
    for flag in flags:
        if not flag.candidates:
            continue
        scored = sorted(
            ((weights.confidence(flag.kind, c), c) for c in flag.candidates), key=lambda item: -item[0]
        )
        best_conf, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        limit = weights.families[flag.kind].threshold if threshold is None else threshold
        if best_conf >= limit and best_conf - runner_up >= weights.margin:
            proposed.append(Edit(flag.start, flag.end, flag.before, best.after, flag.kind, best_conf, best.reason))
        elif best_conf >= REPORT_FLOOR:
            if best_conf >= limit:
                why = f"; not fixed: “{scored[1][1].after}” is almost as likely"
            else:
                why = f"; not fixed: confidence {best_conf:.2f} is below {limit:.2f}"
            findings.append(
                Finding(flag.start, flag.end, flag.before, best.after, flag.kind, best_conf, best.reason + why)
            )
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []  # sorted and disjoint, so only neighbours can clash
    for edit in sorted(proposed, key=lambda e: (-e.confidence, e.start)):
        span = (edit.start, edit.end)
        i = bisect.bisect_left(taken, span)
        if any(_overlaps(*span, *taken[j]) for j in range(max(0, i - 1), min(len(taken), i + 2))):
            continue
        taken.insert(i, span)
        edits.append(edit)
    edits.sort(key=lambda e: (e.start, e.end))
    findings.sort(key=lambda f: f.start)
    return edits, findings


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # an insertion touches a span only inside it
        return a_start == b_start or (b_start < a_start < b_end) or (a_start < b_start < a_end)
    return a_start < b_end and b_start < a_end
