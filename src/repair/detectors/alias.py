"""Known wrong forms from the lexicon's alias entries: "In depth" → "DeepSeek".

A wrong form made of ordinary words ("In depth") is also a phrase English
uses, so it is fixed only with context. Either the entity itself is mentioned
elsewhere in the document, or the form carries evidence of its own: written
exactly as the alias declares it, with a capital no position explains (mid-
sentence, in prose, not in a heading), where the word-context model finds the
ordinary phrase unlikely. Machine translation often renders a brand the same
wrong way every time, so the real name need not appear at all; but "in depth
analysis", or "In depth" opening a sentence, is English and stays.

The word model (bigram counts, about 80 ms to load) is read only for such a
form: most documents and most lexicons never load it here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, pieces
from ..model import Candidate, Family, Suspect
from ..settings import setting
from .base import Context
from .evidence import is_ordinary
from .matching import LEXICON_GATE, Match, lexicon_matches, strip_possessive

PIECE = 1_000_000  # characters lower-cased at a time, about

family = Family.ENTITY_ALIAS
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
gate = LEXICON_GATE  # lexicon forms written other than canonically, aliases among them
context_features: dict = {}
ORDINARY_FIT = setting("entity-alias", "ordinary-fit-pmi")


def mentions(doc, name: str) -> int:
    """How often the text writes ``name`` in any case (counted once per text and name).

    Counted a line-aligned piece at a time, and remembered with the text's
    facts: a huge text is read in chunks, and a lower-case copy of it per chunk
    would cost its size in memory and time each."""
    memo = doc.facts.memo
    key = ("mentions", name)
    known = memo.get(key)
    if known is None:
        text, wanted = doc.text, name.lower()
        known = memo[key] = sum(text[start:end].lower().count(wanted) for start, end in pieces(text, PIECE))
    return known


def detect(ctx: Context) -> Iterator[Suspect]:
    doc = ctx.doc
    for match in lexicon_matches(ctx):
        entry = match.entry
        if entry.alias is None or doc.is_protected(match.start, match.end):
            continue
        canonical = entry.canonical
        mentioned = mentions(doc, canonical)
        ordinary = is_ordinary(ctx, entry.alias)
        exact = match.text == entry.alias
        features = {
            "alias": 1.0,
            "alias_word": float(ordinary),
            "exact_case": float(exact),
            "entity_mentioned": float(mentioned > 0),
            "sentence_start": float(doc.is_sentence_start(doc.tokens[match.first])),
        }
        reason = f"“{match.text}” is a known wrong form of “{canonical}” ({entry.source})"
        if mentioned:
            reason += f"; {canonical} is mentioned {mentioned} time{'s' if mentioned > 1 else ''} in the text"
        elif ordinary and exact and capital_unexplained(doc, match):
            unlikely = ordinary_unlikely(ctx, match)
            features["name_in_context"] = float(unlikely is not None)
            if unlikely is not None:
                reason += f"; written with a capital mid-sentence, where {unlikely}"
        yield Suspect(match.start, match.end, match.text, Family.ENTITY_ALIAS, (Candidate(canonical, features, reason),))


def capital_unexplained(doc: Document, match: Match) -> bool:
    """True when the match has a capital letter that neither its place nor the line explains.

    A sentence, line, list-item or quotation start allows a capital, and so
    does a heading or a line in capitals (title case is expected there); so
    does a run of capitalised words around the match ("the Deep In depth
    Fund"), which reads as a title. Mid-sentence prose explains none.
    """
    if not any(ch.isupper() for ch in match.text):
        return False
    first = doc.tokens[match.first]
    if doc.is_sentence_start(first) or doc.in_heading(match.start) or doc.in_capitals(match.start):
        return False
    before = doc.prev_word(first)
    after = doc.next_word(doc.tokens[match.last])
    return not (before is not None and before.text[:1].isupper() and after is not None and after.text[:1].isupper())


def ordinary_unlikely(ctx: Context, match: Match) -> str | None:
    """Why the word model finds the ordinary-word reading of ``match`` unlikely here, or None.

    The phrase read as English must join its neighbours: "in depth" before
    "analysis" or after "discussed" is a pair the bigram counts know far more
    often than chance (pointwise mutual information at least
    ``ordinary-fit-pmi``). When neither neighbour joins the phrase so ("the
    In depth model", "In depth released", "according to In depth,"), the
    ordinary reading explains nothing and the name does. Without a word
    model (a detector run outside a Repairer) there is no such evidence.
    """
    setup = ctx.memo.get("ocr")  # the Repairer's per-document setup carries its word context
    model = getattr(setup, "context", None)
    if model is None:
        return None
    doc = ctx.doc
    first, last = doc.tokens[match.first], doc.tokens[match.last]
    inside_first = first.text.lower()
    inside_last = strip_possessive(last.text).lower()
    before, after = doc.prev_word(first), doc.next_word(last)
    if before is not None and before.text.isalpha() and model.pmi(before.text.lower(), inside_first) >= ORDINARY_FIT:
        return None
    possessive = last.text != strip_possessive(last.text)
    if after is not None and not possessive and after.text.isalpha() and model.pmi(inside_last, after.text.lower()) >= ORDINARY_FIT:
        return None
    words = " ".join(w for w in (before.text if before else "", match.text, after.text if after else "") if w)
    return f"the word model finds “{words}” unlikely as ordinary English"
