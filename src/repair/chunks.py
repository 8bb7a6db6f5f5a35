"""Read one huge text in paragraph-aligned chunks, so memory follows the chunk.

A whole-text reading holds per-token tables (tokens, forms, kinds, screen
marks) for the whole text at once: about 27 bytes per byte of input, 5 GB
for a 200 MB file. Read a few megabytes at a time, the tables are a chunk's.

Every pass of the repair still reads the whole text, a chunk after another
(``Repairer._pass``), and every chunk is read with what is known of the
whole text: its token counts (counted a piece at a time), protected
spans and line starts, and the counts a ``TextFacts`` keeps. So the edits
are those of one whole-text reading, and later passes see every chunk's
fixes, as they would. One judgement is still made as the chunks come:
whether the text breaks words at line ends as a habit (``HYPHEN_HABIT``
joins in one reading) is settled by the first chunk that shows it, not by
the count over the whole text.

Where to cut: only at a blank line (a paragraph break, where a detector's
context ends anyway), never inside a region a ``<!-- repair: ... -->``
directive protects, and only in plain text: a Markdown fence, list or HTML
block may hold blank lines, and only a whole-text parse knows where it ends.
"""

from __future__ import annotations

import regex

from .markup import regions
from .model import HUGE_CHARS, Edit

CHUNK_CHARS = 1_000_000  # what a chunk holds, about: its tables take ~50 MB
THRESHOLD_CHARS = HUGE_CHARS  # texts larger than this are repaired in chunks
APPEND_CHARS = 1_000_000  # the output grows by about this much at a time
PARAGRAPH_BREAK_RE = regex.compile(r"\n[ \t]*\n")


def cuts(text: str, size: int = CHUNK_CHARS, protected: list[tuple[int, int]] | None = None) -> list[int]:
    """Offsets to cut ``text`` at: just after a blank line, about ``size`` apart,
    outside every span a repair directive protects (or the sorted ``protected``
    spans given, which hold those). Starts with 0, ends with len(text)."""
    if protected is None:
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


def applied(text: str, edits: list[Edit]) -> str:
    """``apply_edits(text, edits)`` with a peak of the two texts, not three.

    A text with no edit comes back as itself. Otherwise the output grows a megabyte at a time with ``+=``, which
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
