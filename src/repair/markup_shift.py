"""A Markdown parse carried through edits of prose, instead of a parse of the edited text.

A repair's later passes read its own output: the text the pass before read,
with some words changed. Parsing that text again with markdown-it (Python,
the costliest part of reading a Markdown page) gives back the same blocks
and code spans, moved by what the edits added or took, whenever every edit
is one of prose that no parser rule can see. :func:`shifted` moves the old
parse when it can prove that, and says None otherwise (the caller then
parses afresh). An edit passes when:

- it lies on a line :attr:`Parsed.editable` marks: a paragraph, heading or
  table row whose inline content holds no ``<`` or ``$`` (the full inline
  parse reads those) and that no reference definition could take over;
- its old and new text hold no line break, tab, backtick, dollar, backslash,
  angle bracket, pipe or square bracket, and neither character around it is
  a backslash or a backtick (which would escape, or join, what is beside);
- it leaves the line's head alone: everything before the line's first
  letter (indentation, list, quote and heading markers), and a letter
  after it. Block rules read only a line's head, or whole lines with no
  letter (rules, underlines, fences, table delimiters);
- it neither reaches into a code span nor changes whether a table row ends
  with a pipe (what decides a row's cell count besides pipes and escapes).

``tests/test_markup_shift.py`` holds the result to a fresh parse, on
generated Markdown with edits of every kind.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Protocol

from .markup import Parsed, markdown_line_starts

UNSAFE = frozenset("`$\\<>|[]\t\r\n\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
UNSAFE_BESIDE = frozenset("\\`")
LETTER_RE = re.compile(r"[^\W\d_]")


class EditLike(Protocol):
    start: int
    end: int
    after: str


def shifted(parsed: Parsed, before: str, edits: Sequence[EditLike], after: str) -> Parsed | None:
    """The parse of ``after`` (``before`` with the sorted, disjoint ``edits`` applied),
    moved from ``parsed`` (the parse of ``before``), or None if an edit may
    change more than offsets."""
    starts, editable, code = parsed.starts, parsed.editable, parsed.code
    code_starts = [s for s, _ in code]
    n_lines = len(starts)
    lines: dict[int, list[EditLike]] = {}
    for edit in edits:
        start, end, new = edit.start, edit.end, edit.after
        if not UNSAFE.isdisjoint(new) or not UNSAFE.isdisjoint(before[start:end]):
            return None
        if (start and before[start - 1] in UNSAFE_BESIDE) or before[end : end + 1] in UNSAFE_BESIDE:
            return None
        line = bisect.bisect_right(starts, start) - 1
        if not editable[line]:
            return None
        i = bisect.bisect_right(code_starts, start) - 1  # the last code span starting at or before the edit
        if (i >= 0 and code[i][1] > start) or (i + 1 < len(code) and code[i + 1][0] < end):
            return None
        lines.setdefault(line, []).append(edit)
    for line, on_line in lines.items():
        line_start = starts[line]
        line_end = starts[line + 1] if line + 1 < n_lines else len(before)
        old = before[line_start:line_end]
        new = _applied(old, line_start, on_line)
        head, new_head = LETTER_RE.search(old), LETTER_RE.search(new)
        if head is None or new_head is None or new_head.start() != head.start() or new[: head.start()] != old[: head.start()]:
            return None
        if "|" in old and old.rstrip().endswith("|") != new.rstrip().endswith("|"):
            return None
    new_starts = markdown_line_starts(after)
    if len(new_starts) != n_lines:
        return None
    moved = _mover(edits, len(before), len(after))
    return Parsed(
        [(moved(s), moved(e)) for s, e in parsed.blocks],
        [(moved(s), moved(e)) for s, e in code],
        [(moved(s), moved(e)) for s, e in parsed.headings],
        editable,
        new_starts,
    )


def _applied(line: str, offset: int, edits: list[EditLike]) -> str:
    """``line`` (starting at ``offset`` in its text) with ``edits`` (on it, in order) applied."""
    out, pos = [], 0
    for edit in edits:
        out.append(line[pos : edit.start - offset])
        out.append(edit.after)
        pos = edit.end - offset
    out.append(line[pos:])
    return "".join(out)


def _mover(edits: Sequence[EditLike], old_end: int, new_end: int):
    """Where an offset of the old text goes: moved by the edits that start before it.

    Every span moved starts and ends at a line start or beside a backtick, or
    ends at the end of the text. An edit starting at a line start changes what
    follows it (so a span starting there still starts there, and one ending
    there ended before the edit); no edit may start beside a backtick. The
    end of the text (``old_end``) is no line start: a span ending there, the
    last line's heading, holds what an edit adds there ("# Heading onea"),
    and ends at the new text's end (``new_end``).
    """
    edit_starts = [e.start for e in edits]
    shifts = [0]
    for e in edits:
        shifts.append(shifts[-1] + len(e.after) - (e.end - e.start))

    def moved(offset: int) -> int:
        return new_end if offset == old_end else offset + shifts[bisect.bisect_left(edit_starts, offset)]

    return moved
