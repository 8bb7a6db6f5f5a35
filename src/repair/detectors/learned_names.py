"""Names learned from the document itself: "LeCun" twice, "Lecun" once.

A name written with distinctive casing ("LeCun", "DeepSeek", "iPhone") more
than once, and more often than any other casing (and, in prose, than all the
others together: "SciKit" twice beside one "Scikit" and one "scikit" is no
house spelling), is the document's own canonical form; the same letters in
plain title or lower case, where they make no English word, are variants to
normalise. No lexicon is needed, so this fixes names nobody listed. Part of the entity-case family.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from itertools import compress, filterfalse

from ..casing import shape
from ..model import Candidate, Family, Suspect
from ..settings import setting
from ..vocabulary import Vocabulary
from .base import Context, Gate, Listing, Part
from .evidence import in_identifier, in_prose
from .matching import name_index
from .name_evidence import in_code_name, names_edited, recurs

family = Family.ENTITY_CASE
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
context_features: dict = {}

MIN_SUPPORT = setting("entity-case", "learned-min-support")  # the canonical form must be written at least this often


def detect(ctx: Context) -> Iterator[Suspect]:
    doc = ctx.doc
    learned = ctx.memo.get("learned_names")
    if learned is None:
        learned = ctx.memo["learned_names"] = learn(doc.form_counts, ctx.vocab)
    if not learned:
        return
    names = name_index(ctx)
    for token in doc.tokens:
        hit = learned.get(token.text)
        if hit is None or doc.is_protected(token.start, token.end) or names.holding(token.start):
            continue  # a lexicon name is the lexicon's business
        if token.text.islower() and in_identifier(doc.text, token.start, token.end):
            continue  # "test-vm-timeout-escape-nexttick": a part of an identifier keeps its case
        if in_code_name(doc.text, token.start, token.end):
            continue
        if names_edited(ctx) and (token.text.islower() or recurs(doc, token.text)):
            continue  # edited text: "webrick" the gem beside "WEBrick" the server, a handle written twice
        canonical, support, others = hit
        if in_prose(ctx, others, support) >= support:
            continue  # "SciKit" twice, "Scikit" and "scikit" once each in prose: no one spelling
        reason = f"“{token.text}” is written “{canonical}” {support} times elsewhere in this text, and is no English word"
        features = {"learned": 1.0, "support_doc": 1.0, "sentence_start": float(doc.is_sentence_start(token))}
        yield Suspect(token.start, token.end, token.text, Family.ENTITY_CASE, (Candidate(canonical, features, reason),))


def learn(counts: Mapping[str, int], vocab: Vocabulary) -> dict[str, tuple[str, int, tuple[str, ...]]]:
    """Variants to normalise, each with the document's canonical form, its count and the
    other casings written (whose uses in prose :func:`detect` weighs against it)."""
    # Most documents have no word with a capital inside it: stop there.
    # (Filters built from C-level string tests, since they see every form.)
    inner_capital = filterfalse(str.istitle, filterfalse(str.isupper, filterfalse(str.islower, counts)))
    wanted = {w.lower() for w in inner_capital if len(w) >= 3 and w.isalpha()}
    if not wanted:
        return {}
    forms: dict[str, set[str]] = defaultdict(set)
    words = list(counts)
    for word in compress(words, map(wanted.__contains__, map(str.lower, words))):
        if word.isalpha():
            forms[word.lower()].add(word)
    learned: dict[str, tuple[str, int, tuple[str, ...]]] = {}
    for lower, seen in forms.items():
        if len(seen) < 2:
            continue
        distinctive = [f for f in seen if shape(f) == "mixed"]
        if not distinctive:
            continue
        best = max(distinctive, key=lambda f: counts[f])
        support = counts[best]
        if support < MIN_SUPPORT or any(counts[f] >= support for f in seen if f != best):
            continue
        if vocab.is_word(lower) or vocab.is_rare_word(lower):
            continue  # "Blackberry"/"blackberry" is a word as well as a brand
        others = tuple(sorted(seen - {best}))
        for variant in seen:
            if variant != best and shape(variant) in ("title", "lower") and not vocab.is_name(variant):
                learned[variant] = (best, support, others)
    return learned


class LearnedNamesGate(Gate):
    """Every token of a variant the document's own counts make suspect (learned once
    per screening, from the whole text's counts, and handed to :func:`detect`)."""

    def token_hits(self, listing: Listing, part: Part, picked: list[int]) -> list[int]:
        learned = listing.memo.get("learned_names")
        if learned is None:
            learned = listing.memo["learned_names"] = learn(listing.counts, listing.resources.vocabulary)
        return list(compress(listing.indices.upto(len(part.toks)), map(learned.__contains__, part.toks))) if learned else []


gate = LearnedNamesGate()
