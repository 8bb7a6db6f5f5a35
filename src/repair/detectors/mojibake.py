"""Mojibake and Unicode damage ("MontrÃ©al", "itâ€™s"), repaired by ftfy.

ftfy's style normalisations are off: curly quotes, dashes, ligatures,
full-width letters and HTML entities that are already right come back byte
for byte, so ftfy can change a line only where its own mojibake test
(``ftfy.badness.is_bad``) fires or a C1 control or lone surrogate stands.
Every pattern that test looks for is short and holds a non-ASCII character
other than common typography (curly quotes, dashes, the ellipsis, the
bullet, the no-break space; a test checks this against the installed
ftfy), so it is run only on a few characters around each such character,
and only lines where it fires are given to ftfy. Prose whose only
non-ASCII characters are typography never imports ftfy. Each change ftfy makes becomes its own edit, found
by a character diff.

The diff is cut into pieces first, at long ASCII stretches far from any
other character: ftfy re-decodes only non-ASCII characters (and the space
after some of them), so such a stretch comes back as it was, and a line of
prose flattened from a whole article (a JSON Lines record) is diffed as many
small pieces, not as one stretch whose matching time grows with its square.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterator

from ..fast_re import Lazy, Twin
from ..model import Candidate, Family, Suspect
from .base import Context

family = Family.MOJIBAKE
reads = "text"  # suspect_lines below is its own fast path: lines ftfy's test fires on
gate = None
goes_first = True  # decoded alone, first: the others should read "Montréal", not "MontrÃ©al"
context_features: dict = {}


@functools.cache
def ftfy_config():
    """ftfy's settings with its style fixes off (ftfy is imported only for non-ASCII text)."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
TYPOGRAPHY = "“”‘’—–…•\xa0"  # no mojibake pattern is made of these and ASCII alone
NON_ASCII_RE = Twin(r"[^\x00-\x7f" + TYPOGRAPHY + "]")  # searched in every text not ASCII
CONTROL_RE = Lazy(r"[\x80-\x9f\ud800-\udfff]")
REACH = 8  # characters either side of a non-ASCII one that a mojibake pattern can span
ANCHOR = 16  # the shortest ASCII stretch, clear of REACH on both sides, to cut the diff at
ASCII_RUN_RE = Lazy(r"[\x00-\x7f]{%d,}" % (ANCHOR + 2 * REACH))
ASCII_MARK_RE = Lazy(r"[!-~]")  # ASCII other than spaces and controls: ftfy keeps every one


def suspect_lines(doc) -> list[tuple[int, int]]:
    """The lines ftfy might change: where its mojibake test fires near a non-ASCII character
    that is not typography.

    The test reads a few characters either side of each non-ASCII one,
    never past the line (ftfy reads a line at a time, and some of its
    patterns hold only at a line's start).
    """
    text = doc.text
    if not any(True for start, end in doc.scan_spans if NON_ASCII_RE.search(text, start, end)):
        return []
    from ftfy.badness import is_bad

    lines: list[tuple[int, int]] = []
    window: list[int] = []  # [start, end, line start, line end]
    for m in (m for start, end in doc.scan_spans for m in NON_ASCII_RE.finditer(text, start, end)):
        pos = m.start()
        if window and pos < window[3] and pos - REACH <= window[1]:
            window[1] = min(window[3], pos + 1 + REACH)
            continue
        if window:
            _check(text, window, is_bad, lines)
        line_start, line_end = doc.line_span(pos)
        window = [max(line_start, pos - REACH), min(line_end, pos + 1 + REACH), line_start, line_end]
    if window:
        _check(text, window, is_bad, lines)
    return lines


def _check(text: str, window: list[int], is_bad, lines: list[tuple[int, int]]) -> None:
    chunk = text[window[0] : window[1]]
    line = (window[2], window[3])
    if (not lines or lines[-1] != line) and (is_bad(chunk) or CONTROL_RE.search(chunk)):
        lines.append(line)


def detect(ctx: Context) -> Iterator[Suspect]:
    text = ctx.doc.text
    if text.isascii():
        return
    lines = suspect_lines(ctx.doc)
    if not lines:
        return
    import ftfy

    config = ftfy_config()
    for base, line_end in lines:
        line = text[base:line_end]
        fixed = ftfy.fix_text(line, config)
        if fixed == line:
            continue
        # diff only the stretch between the common start and end: a line is
        # long, and the matcher's time grows with the square of its input
        head = len(os.path.commonprefix([line, fixed]))
        tail = len(os.path.commonprefix([line[head:][::-1], fixed[head:][::-1]]))
        before, after = line[head : len(line) - tail], fixed[head : len(fixed) - tail]
        base += head
        for offset, i1, i2, old, new in _changes(before, after):
            # no protected-region check: ftfy leaves correct text alone, and mojibake
            # inside a name or a URL ("ВЈ5.8bn") is still mojibake
            start, end = base + offset + i1, base + offset + i2
            if ctx.doc.in_markup(start, end):
                continue  # code, front matter, a link target: bytes the author put there
            reason = f"“{old}” is mis-decoded text (mojibake); ftfy decodes it as “{new}”"
            yield Suspect(start, end, old, Family.MOJIBAKE, (Candidate(new, {"ftfy": 1.0}, reason),))


def _changes(before: str, after: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Each change taking ``before`` to ``after``: (piece offset, start and end in the
    piece, old text, new text), diffed piece by piece between anchors."""
    for offset, old_piece, new_piece in _pieces(before, after):
        if old_piece == new_piece:
            continue
        matcher = difflib.SequenceMatcher(None, old_piece, new_piece, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                yield offset, i1, i2, old_piece[i1:i2], new_piece[j1:j2]


def _pieces(before: str, after: str) -> Iterator[tuple[int, str, str]]:
    """``before`` and ``after`` cut at the same anchors: (offset in ``before``, piece, its fixed piece).

    An anchor is the middle of a long ASCII stretch of ``before``, REACH
    characters clear of its ends. It is taken only where it is found in
    ``after`` with as many visible ASCII characters before it, since the
    previous anchor, as in ``before`` (ftfy keeps each of those), so a
    repeated phrase cannot pull the pieces out of line; an anchor not so
    found joins its neighbours into one piece.
    """
    i = j = 0
    for run in ASCII_RUN_RE.finditer(before):
        a, b = run.start() + REACH, run.end() - REACH
        if a < i:
            continue
        anchor = before[a:b]
        q = after.find(anchor, j, j + (a - i) + 64 + len(anchor))  # ftfy only shortens text
        if q == -1 or _marks(before, i, a) != _marks(after, j, q):
            continue
        yield i, before[i:a], after[j:q]
        i, j = b, q + len(anchor)
    yield i, before[i:], after[j:]


def _marks(text: str, start: int, end: int) -> int:
    return len(ASCII_MARK_RE.findall(text, start, end))
