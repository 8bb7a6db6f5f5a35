"""Fold the edits of a later pass into edits on the original text.

One fix can reveal another: splitting "In depththe" exposes the known wrong
form "In depth", which a second pass then fixes. Repair runs passes until
nothing changes, so that repairing its own output changes nothing, and reports
every change against the text the caller gave: where a later edit touches an
earlier one, the two become one edit that carries both reasons.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .model import Edit, Finding


class SourceMap:
    """Maps spans of the text ``first`` produced back onto the source, by bisection.

    Built once per pass (a walk over ``first``), then asked once per later
    edit or finding: the cost is n log n in the number of edits, where a walk
    per question was quadratic (a garbled 4 MB text has 100,000 edits).
    """

    def __init__(self, first: Sequence[Edit]) -> None:
        self.edits = first
        self.out_starts: list[int] = []
        self.out_ends: list[int] = []
        self.deltas: list[int] = []  # how far the edits before each one moved the text
        delta = 0
        for edit in first:
            out_start = edit.start + delta
            self.out_starts.append(out_start)
            self.out_ends.append(out_start + len(edit.after))
            self.deltas.append(delta)
            delta += len(edit.after) - (edit.end - edit.start)
        self.total = delta

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``[start, end)``; see :func:`to_source`."""
        n = len(self.edits)
        # the first edit whose output starts at or after ``start``, or holds it
        i = min(bisect.bisect_left(self.out_starts, start), bisect.bisect_right(self.out_ends, start))
        if i == n:
            src_start = start - self.total
        elif start <= self.out_starts[i]:
            src_start = start - self.deltas[i]
        else:
            src_start = self.edits[i].start
        # the first edit whose output ends at or after ``end``
        j = bisect.bisect_left(self.out_ends, end)
        if j == n:
            src_end = end - self.total
        elif end <= self.out_starts[j]:
            src_end = end - self.deltas[j]
        else:
            src_end = self.edits[j].end
        return src_start, max(src_start, src_end)


def to_source(first: Sequence[Edit], start: int, end: int) -> tuple[int, int]:
    """The source span behind ``[start, end)`` of the text ``first`` produced.

    A span reaching into the output of an edit grows to cover the whole of
    that edit's source span. (For many spans, build one :class:`SourceMap`.)
    """
    return SourceMap(first).to_source(start, end)


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def compose(source: str, first: Sequence[Edit], second: Sequence[Edit], final: str) -> list[Edit]:
    """Edits taking ``source`` to ``final``: ``first`` applied to ``source``, then ``second``."""
    items = [((e.start, e.end), e, True) for e in first]
    mapped = SourceMap(first)
    items += [(mapped.to_source(e.start, e.end), e, False) for e in second]
    items.sort(key=lambda item: item[0])
    groups: list[tuple[list[int], list[Edit], bool]] = []  # [start, end], members, any second-pass member
    for span, edit, is_first in items:
        if groups and _touch(tuple(groups[-1][0]), span):
            bounds, members, later = groups[-1]
            bounds[0], bounds[1] = min(bounds[0], span[0]), max(bounds[1], span[1])
            members.append(edit)
            groups[-1] = (bounds, members, later or not is_first)
        else:
            groups.append(([span[0], span[1]], [edit], not is_first))
    first_set = {id(e) for e in first}
    out: list[Edit] = []
    shift = 0  # how far the groups so far moved the text, from source to final
    for (start, end), members, later in groups:
        length = end - start + sum(len(m.after) - (m.end - m.start) for m in members)
        after = final[start + shift : start + shift + length]
        shift += length - (end - start)
        if not later and len(members) == 1:
            out.append(members[0])
            continue
        ordered = [m for m in members if id(m) in first_set] + [m for m in members if id(m) not in first_set]
        reason = "; then ".join(dict.fromkeys(m.reason for m in ordered))
        confidence = min(m.confidence for m in members)
        out.append(Edit(start, end, source[start:end], after, ordered[-1].kind, confidence, reason))
    return out


def place_findings(first: Sequence[Edit], findings: Sequence[Finding], source: str) -> list[Finding]:
    """A later pass's findings, placed on the source text."""
    mapped = SourceMap(first)
    out = []
    for f in findings:
        start, end = mapped.to_source(f.start, f.end)
        out.append(Finding(start, end, source[start:end], f.suggestion, f.kind, f.confidence, f.reason))
    return out


def output_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where sorted, disjoint ``edits`` put their replacements in the text they produce."""
    spans = []
    delta = 0
    for edit in edits:
        start = edit.start + delta
        spans.append((start, start + len(edit.after)))
        delta += len(edit.after) - (edit.end - edit.start)
    return spans
