"""Find lexicon forms in a document, ignoring case, and helpers to weigh them.

Matching walks the tokens once and looks each word up by its lower-case form
(one dict look-up a token), so its cost does not grow with the lexicon.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import contains, itemgetter

from .document import Document
from .lexicon import Entry, Lexicon
from .resources import Context

POSSESSIVES = ("’s", "'s", "’", "'")
ACRONYM_FILLERS = frozenset({"of", "and", "for", "the", "&", "on", "in", "de"})


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon form found at ``[start, end)``; ``text`` is what the document says."""

    start: int
    end: int
    first: int  # index of the first token
    last: int  # index of the last token
    text: str
    entry: Entry


def strip_possessive(word: str) -> str:
    for suffix in POSSESSIVES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def find_matches(doc: Document, lexicon: Lexicon) -> list[Match]:
    """Longest, non-overlapping case-insensitive matches of lexicon forms."""
    tokens = doc.tokens
    text = doc.text
    matches: list[Match] = []
    n = len(tokens)
    lookup = lexicon.first_tokens()
    lowers = list(map(str.lower, map(itemgetter(0), tokens)))
    # Where a form can start, found by C-level passes: a token that is some
    # entry's first token, or is one with a possessive ending.
    firsts = lexicon.first_keys()
    starts = set(compress(count(), map(firsts.__contains__, lowers)))
    for mark in "'’":
        for i in compress(count(), map(contains, lowers, repeat(mark))):
            if strip_possessive(lowers[i]) in firsts:
                starts.add(i)
    free = 0  # the first token no earlier match covers
    for i in sorted(starts):
        token = tokens[i]
        if i < free or not token.is_word:
            continue
        lower = lowers[i]
        bucket = lookup(lower)
        if bucket is None and ("'" in lower or "’" in lower):
            bucket = lookup(strip_possessive(lower))
        second = lowers[i + 1] if i + 1 < n else ""
        second_bare = strip_possessive(second) if "'" in second or "’" in second else second
        for key, entry in bucket or ():
            size = len(key)
            if i + size > n:
                continue
            if size > 1 and key[1] != second and (size > 2 or key[1] != second_bare):
                continue  # the quick test: most entries differ at the second token
            if size > 1 and (lowers[i] != key[0] or lowers[i + 1 : i + size - 1] != list(key[1:-1])):
                continue
            last = lowers[i + size - 1]
            if last == key[-1]:
                end = tokens[i + size - 1].end
            elif ("'" in last or "’" in last) and strip_possessive(last) == key[-1]:
                end = tokens[i + size - 1].start + len(key[-1])
            else:
                continue
            seen = text[token.start : end]
            form = entry.alias if entry.alias is not None else entry.canonical
            if " ".join(seen.split()).lower() != form.lower():
                continue  # same tokens, different spacing or joiners
            if entry.tier == "protect" and seen != entry.canonical:
                continue  # a place name protects only as written
            if _glued_by_hyphen(text, token.start, end):
                continue
            matches.append(Match(token.start, end, i, i + size - 1, seen, entry))
            free = i + size
            break
    return matches


def _glued_by_hyphen(text: str, start: int, end: int) -> bool:
    """True for "meta-analysis": the form is only part of a hyphenated word."""
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] == "-" and after[1].isalnum()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalnum()
    )


def lexicon_matches(ctx: Context) -> list[Match]:
    """The document's lexicon matches, computed once per repair."""
    if "matches" not in ctx.memo:
        ctx.memo["matches"] = find_matches(ctx.doc, ctx.lexicon)
    return ctx.memo["matches"]


class SpanIndex:
    """Sorted, disjoint spans with logarithmic "which span holds this?" look-ups."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def holding(self, start: int, end: int | None = None) -> tuple[int, int] | None:
        """The span containing ``[start, end)`` (or the position ``start``), if any."""
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.spans[i][1] >= end:
            return self.spans[i]
        return None


def name_index(ctx: Context, canonical_only: bool = False) -> SpanIndex:
    """Where the document's lexicon matches are, for quick containment tests."""
    key = ("name_index", canonical_only)
    if key not in ctx.memo:
        ctx.memo[key] = SpanIndex(
            [(m.start, m.end) for m in lexicon_matches(ctx) if not canonical_only or m.entry.alias is None]
        )
    return ctx.memo[key]


def spells_acronym(acronym: str, words: list[str]) -> bool:
    """True when the tail of ``words`` abbreviates to ``acronym``.

    Each word gives its initial, or all of itself when in capitals ("AI");
    small words ("of", "and") may be skipped.

    >>> spells_acronym("FAIR", ["Meta's", "Fundamental", "AI", "Research"])
    True
    """
    target = acronym.upper()

    def match(pos: int, k: int) -> bool:
        # consume target[:pos] using words[:k], right to left
        if pos == 0:
            return True
        if k == 0:
            return False
        word = words[k - 1]
        if word.lower() in ACRONYM_FILLERS and match(pos, k - 1):
            return True
        parts = [word[0].upper()]
        if word.isupper() and len(word) > 1:
            parts.append(word)
        for part in parts:
            if target[:pos].endswith(part) and match(pos - len(part), k - 1):
                return True
        return False

    return len(target) >= 2 and match(len(target), len(words))


def preceding_words(doc: Document, index: int, limit: int = 8) -> list[str]:
    """Up to ``limit`` words before token ``index`` in the same sentence, in order."""
    words: list[str] = []
    i = index - 1
    while i >= 0 and len(words) < limit:
        tok = doc.tokens[i]
        if tok.is_word:
            words.append(tok.text)
        elif tok.text in ".!?\n":
            break
        i -= 1
    return list(reversed(words))
