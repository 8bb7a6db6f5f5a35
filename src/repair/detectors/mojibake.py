"""Mojibake and Unicode damage ("MontrÃ©al", "itâ€™s"), repaired by ftfy.

ftfy's style normalisations are off: curly quotes, dashes, ligatures,
full-width letters and HTML entities that are already right come back byte
for byte. Only lines holding non-ASCII text are given to ftfy, and each
change it makes becomes its own edit, found by a character diff.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator

import regex

from ..model import Candidate, Family, Flag
from ..resources import Context

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
NON_ASCII_LINE_RE = regex.compile(r"^.*[^\x00-\x7f].*$", regex.MULTILINE)


def detect(ctx: Context) -> Iterator[Flag]:
    text = ctx.doc.text
    if text.isascii():
        return
    import ftfy

    config = ftfy_config()
    for line in NON_ASCII_LINE_RE.finditer(text):
        before = line.group()
        after = ftfy.fix_text(before, config)
        if after == before:
            continue
        base = line.start()
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            # no protected-region check: ftfy leaves correct text alone, and mojibake
            # inside a name or a URL ("ВЈ5.8bn") is still mojibake
            start, end = base + i1, base + i2
            if ctx.doc.in_markup(start, end):
                continue  # code, front matter, a link target: bytes the author put there
            old, new = before[i1:i2], after[j1:j2]
            reason = f"“{old}” is mis-decoded text (mojibake); ftfy decodes it as “{new}”"
            yield Flag(start, end, old, Family.MOJIBAKE, (Candidate(new, {"ftfy": 1.0}, reason),))
