"""Repair one huge text in paragraph-aligned chunks, so memory follows the chunk.

A whole-text repair holds per-token tables (tokens, forms, counts, screen
marks) for the whole text at once: about 27 bytes per byte of input, 5 GB
for a 200 MB file. Cut at blank lines into chunks of a few megabytes and
repaired one after another, the tables are a chunk's, and the peak is the
text itself (read, and written back) plus one chunk's tables.

Where to cut: only at a blank line (a paragraph break, where a detector's
context ends anyway), never inside a region a ``<!-- repair: ... -->``
directive protects, and only in plain text: a Markdown fence, list or HTML
block may hold blank lines, and only a whole-text parse knows where it ends.

What a chunk does not see: the statistics the detectors read are the
chunk's own, not the whole text's. They are counts of how often a form is
written (the screen's token counts, which become ``Document.form_counts``;
``count_phrase``; ``capital_count``): "pfizer" in one chunk is a name written
wrong only if "Pfizer" stands in the same chunk. Passing whole-text counts
in needs the screen and the document to take them (a strict xfail in
``tests/reliability/test_engine_chunks.py`` records the case).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import regex

from .markup import regions
from .model import Edit, Flag, Result, flags_with_lines, with_lines

CHUNK_CHARS = 2_000_000  # what a chunk holds, about: its tables take ~50 MB
THRESHOLD_CHARS = 8_000_000  # texts larger than this are repaired in chunks
APPEND_CHARS = 1_000_000  # the output grows by about this much at a time
PARAGRAPH_BREAK_RE = regex.compile(r"\n[ \t]*\n")


def cuts(text: str, size: int = CHUNK_CHARS) -> list[int]:
    """Offsets to cut ``text`` at: just after a blank line, about ``size`` apart,
    outside every span a repair directive protects. Starts with 0, ends with len(text)."""
    protected = regions(text, "text").protected  # directives only: no keep words, no markup
    out = [0]
    k = 0
    pos = size
    while pos < len(text):
        m = PARAGRAPH_BREAK_RE.search(text, pos)
        if m is None:
            break
        cut = m.end()
        while k < len(protected) and protected[k][1] <= cut:
            k += 1
        if k < len(protected) and protected[k][0] < cut:
            pos = protected[k][1]  # inside a protected span: cut after it
            continue
        if cut < len(text):
            out.append(cut)
        pos = cut + size
    out.append(len(text))
    return out


def repair_in_chunks(repair: Callable[[str], Result], text: str, offsets: list[int]) -> Result:
    """``repair`` run on each chunk of ``text`` between ``offsets`` (from :func:`cuts`),
    the results joined into one, every offset moved onto ``text``."""
    edits: list[Edit] = []
    flags: list[Flag] = []
    for start, end in _pairs(offsets):
        result = repair(text[start:end])
        edits += [_moved(e, start) for e in result.edits]
        flags += [_moved(f, start) for f in result.flags]
    # each chunk placed its edits and flags on its own lines: place them on the text's
    return Result(source=text, text=_applied(text, edits), edits=with_lines(text, edits), flags=flags_with_lines(text, flags))


def _applied(text: str, edits: list[Edit]) -> str:
    """``apply_edits(text, edits)`` with a peak of the two texts, not three.

    A chunk's own output is not kept, so a text with no edit comes back as
    itself. Otherwise the output grows a megabyte at a time with ``+=``, which
    CPython extends in place (its one reference is the local name), where
    joining a list of every piece would hold a third copy at the end.
    """
    if not edits:
        return text
    out = ""
    pending: list[str] = []
    held = 0
    pos = 0
    for edit in [*edits, None]:
        stop = len(text) if edit is None else edit.start
        if edit is not None and (edit.start < pos or text[edit.start : edit.end] != edit.before):
            raise ValueError(f"edit {edit!r} does not fit the text")
        for piece_start in range(pos, stop, APPEND_CHARS):
            pending.append(text[piece_start : min(stop, piece_start + APPEND_CHARS)])
            held += len(pending[-1])
            if held >= APPEND_CHARS:
                out += "".join(pending)
                pending, held = [], 0
        if edit is not None:
            pending.append(edit.after)
            held += len(edit.after)
            pos = edit.end
    out += "".join(pending)
    return out


def _pairs(offsets: list[int]) -> Iterator[tuple[int, int]]:
    return zip(offsets, offsets[1:])


def _moved(item, by: int):
    return dataclasses.replace(item, start=item.start + by, end=item.end + by)
