"""Known wrong forms from the lexicon's alias entries: "In depth" → "DeepSeek".

A wrong form made of ordinary words ("In depth") is also a phrase English
uses, so it is fixed only with context: the form written exactly as the alias
declares it, and the entity itself mentioned elsewhere in the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Candidate, Family, Suspect
from .base import Context
from .evidence import is_ordinary
from .matching import LEXICON_GATE, lexicon_matches

family = Family.ENTITY_ALIAS
reads = "tokens"
gate = LEXICON_GATE  # lexicon forms written other than canonically, aliases among them
context_features: dict = {}


def detect(ctx: Context) -> Iterator[Suspect]:
    doc = ctx.doc
    lowered = None
    for match in lexicon_matches(ctx):
        entry = match.entry
        if entry.alias is None or doc.is_protected(match.start, match.end):
            continue
        if lowered is None:
            lowered = doc.text.lower()
        canonical = entry.canonical
        mentioned = lowered.count(canonical.lower())
        ordinary = is_ordinary(ctx, entry.alias)
        features = {
            "alias": 1.0,
            "alias_word": float(ordinary),
            "exact_case": float(match.text == entry.alias),
            "entity_mentioned": float(mentioned > 0),
            "sentence_start": float(doc.is_sentence_start(doc.tokens[match.first])),
        }
        reason = f"“{match.text}” is a known wrong form of “{canonical}” ({entry.source})"
        if mentioned:
            reason += f"; {canonical} is mentioned {mentioned} time{'s' if mentioned > 1 else ''} in the text"
        yield Suspect(match.start, match.end, match.text, Family.ENTITY_ALIAS, (Candidate(canonical, features, reason),))
