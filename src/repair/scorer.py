"""Turn each suspect's evidence into a confidence, then fix it, flag it or drop it.

The model is logistic (see :mod:`repair.weights`). A suspect is fixed only
when its best candidate clears the threshold *and* is clearly ahead of the
runner-up; otherwise it is reported as a :class:`Flag` for a person. Edits
never overlap: the more confident one wins.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .model import Edit, Flag, Suspect
from .weights import REPORT_FLOOR, Weights


def decide(
    suspects: Iterable[Suspect], weights: Weights, threshold: float | None = None
) -> tuple[list[Edit], list[Flag]]:
    """Score every suspect; return sorted, disjoint edits and the flags left for a person."""
    proposed: list[Edit] = []
    flags: list[Flag] = []
    for suspect in suspects:
        if not suspect.candidates:
            continue
        scored = sorted(
            ((weights.confidence(suspect.kind, c), c) for c in suspect.candidates), key=lambda item: -item[0]
        )
        best_conf, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        limit = weights.families[suspect.kind].threshold if threshold is None else threshold
        if best_conf >= limit and best_conf - runner_up >= weights.margin:
            proposed.append(Edit(suspect.start, suspect.end, suspect.before, best.after, suspect.kind, best_conf, best.reason))
        elif best_conf >= REPORT_FLOOR or best_conf >= limit:  # sure enough, or torn between two
            if best_conf >= limit:
                why = f"; not fixed: “{scored[1][1].after}” is almost as likely"
            else:
                why = f"; not fixed: confidence {best_conf:.2f} is below {limit:.2f}"
            flags.append(
                Flag(suspect.start, suspect.end, suspect.before, best.after, suspect.kind, best_conf, best.reason + why)
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
    flags.sort(key=lambda f: f.start)
    return edits, flags


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # an insertion touches a span only inside it
        return a_start == b_start or (b_start < a_start < b_end) or (a_start < b_start < a_end)
    return a_start < b_end and b_start < a_end
