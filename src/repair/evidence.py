"""Evidence about a token's surroundings that several detectors weigh.

An unknown word among other unknown words is most likely a passage in
another language or an old spelling, not damage; a word glued to inline code
("`connect`ing") belongs to the code's markup.
"""

from __future__ import annotations

from .model import Token
from .resources import Context

NEIGHBOUR_WINDOW = 3


def unknown_neighbours(ctx: Context, token: Token, capitalised: bool = False) -> int:
    """How many lower-case words near ``token`` no word list knows.

    With ``capitalised``, unknown capitalised words count too: stricter, since
    most of those are merely names nobody listed.
    """
    tokens, vocab = ctx.doc.tokens, ctx.vocab
    lo, hi = max(0, token.index - NEIGHBOUR_WINDOW), min(len(tokens), token.index + NEIGHBOUR_WINDOW + 1)
    count = 0
    for other in tokens[lo:hi]:
        if other is token or not other.is_word or not other.text.isalpha():
            continue
        if not capitalised and not other.text[0].islower():
            continue
        lower = other.text.lower()
        if not vocab.is_word(lower) and not vocab.is_rare_word(lower) and not vocab.is_name(other.text):
            count += 1
    return count


def glued_to_markup(ctx: Context, token: Token) -> bool:
    """True when ``token`` touches a backtick, an underscore or an asterisk (code or emphasis marks)."""
    text = ctx.doc.text
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    return before in ("`", "_", "*") or after == "`"
