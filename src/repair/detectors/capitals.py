"""Random capitals mid-sentence: "in general Used to train" → "used".

Grounded in data: ``casing.tsv`` counts how often edited prose capitalises
each word mid-sentence, so "Church", "President" or "Heaven" (often
capitalised) are trusted while "Used" or "Own" (never) are suspect. Sentence
starts, line starts, headings, the first word of a quotation or bracket,
lexicon names, SCOWL proper nouns and runs of capitalised words (titles,
names) are left alone unless the statistics are overwhelming.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..matching import name_index
from ..model import Candidate, Family, Flag, Token
from ..resources import Context

MIN_COUNT = 1_000_000


def _capitalised(token: Token | None) -> bool:
    return token is not None and token.text[0].isupper()


def detect(ctx: Context) -> Iterator[Flag]:
    doc, vocab = ctx.doc, ctx.vocab
    in_names = None
    for token in doc.tokens:
        word = token.text
        if not token.is_word or len(word) < 2 or not word[0].isupper() or not word[1:].islower():
            continue
        if doc.is_sentence_start(token) or doc.in_heading(token.start):
            continue
        lower = word.lower()
        if not vocab.is_common(lower, MIN_COUNT) or vocab.is_name(word):
            continue
        if doc.is_protected(token.start, token.end):
            continue
        if in_names is None:
            in_names = name_index(ctx)
        if in_names.holding(token.start):
            continue
        lower_n, title_n = vocab.casing(lower)
        prev, nxt = doc.prev_word(token), doc.next_word(token)
        named = [t for t in (prev, nxt) if _capitalised(t)]
        # A capitalised neighbour suggests a title or a name ("Big Tech"), unless
        # the neighbour is a lexicon name complete in itself ("Own Facebook post").
        next_to_name = bool(named) and all(in_names.holding(t.start) for t in named)
        run = bool(named) and not next_to_name
        lower_here = doc.form_counts[lower]
        title_here = doc.form_counts[word]
        features = {
            "capital": 1.0,
            "cap_rate": math.log((title_n + 0.5) / (lower_n + title_n + 1)),
            "observations": math.log10(lower_n + title_n + 1),
            "in_run": float(run),
            "next_to_name": float(next_to_name),
            "lower_in_doc": float(lower_here > 0),
            "title_repeated": float(title_here > 1),
            "zipf": vocab.zipf(lower),
        }
        stats = (
            f"edited prose capitalises “{lower}” mid-sentence {title_n} of {lower_n + title_n} times"
            if lower_n + title_n
            else f"“{lower}” is a common word"
        )
        reason = f"“{word}” is capitalised mid-sentence; {stats}"
        if lower_here:
            reason += f", and this text writes it in lower case {lower_here} time{'s' if lower_here > 1 else ''}"
        yield Flag(token.start, token.end, word, Family.RANDOM_CAPITAL, (Candidate(lower, features, reason),))
