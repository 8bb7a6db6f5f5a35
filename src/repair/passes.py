"""Fold the edits of a later pass into edits on the original text.

One fix can reveal another: splitting "In depththe" exposes the known wrong
form "In depth", which a second pass then fixes. Repair runs passes until
nothing changes, so that repairing its own output changes nothing, and reports
every change against the text the caller gave: where a later edit touches an
earlier one, the two become one edit that carries both reasons.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Edit, Finding


def to_source(first: Sequence[Edit], start: int, end: int) -> tuple[int, int]:
    """The source span behind ``[start, end)`` of the text ``first`` produced.

    A span reaching into the output of an edit grows to cover the whole of
    that edit's source span.
    """
    src_start = src_end = None
    delta = 0
    for edit in first:
        out_start = edit.start + delta
        out_end = out_start + len(edit.after)
        if src_start is None:
            if start <= out_start:
                src_start = start - delta
            elif start < out_end:
                src_start = edit.start
        if src_end is None:
            if end <= out_start:
                src_end = end - delta
            elif end <= out_end:
                src_end = edit.end
        if src_start is not None and src_end is not None:
            break
        delta += len(edit.after) - (edit.end - edit.start)
    if src_start is None:
        src_start = start - delta
    if src_end is None:
        src_end = end - delta
    return src_start, max(src_start, src_end)


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def compose(source: str, first: Sequence[Edit], second: Sequence[Edit], final: str) -> list[Edit]:
    """Edits taking ``source`` to ``final``: ``first`` applied to ``source``, then ``second``."""
    items = [((e.start, e.end), e, True) for e in first]
    items += [(to_source(first, e.start, e.end), e, False) for e in second]
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
    out = []
    for f in findings:
        start, end = to_source(first, f.start, f.end)
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
