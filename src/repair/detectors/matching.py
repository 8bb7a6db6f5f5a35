"""The one lexicon matcher: lexicon forms in a document, ignoring case, and its gate.

Matching walks the tokens once and looks each word up by its lower-case form
(one dict look-up a token), so its cost does not grow with the lexicon.
Entity-case and alias read :func:`lexicon_matches`; the screen reads the same
rules through :class:`LexiconGate` (which of a listed text's lexicon forms are
written other than canonically, and which correct names cover which tokens),
both built on :func:`forms_at`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import contains

from ..document import TOKEN_RE, Document
from ..lexicon import Entry, Lexicon
from .base import NEWLINE, Context, Gate, Listing, Part, Probe, kind_bit

POSSESSIVES = ("’s", "'s", "’", "'")
# A token ends in one of these when strip_possessive() can change it (TOKEN_RE
# ends no token with a bare apostrophe).
POSSESSIVE_ENDINGS = ("'s", "’s")
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
    lowers = doc.lowers
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
        for key, entry, possessive_end in forms_at(bucket or (), lowers, i, second, second_bare):
            size = len(key)
            end = tokens[i + size - 1].start + len(key[-1]) if possessive_end else tokens[i + size - 1].end
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


def forms_at(
    bucket: Iterable[tuple[tuple[str, ...], Entry]], lowers: Sequence[str], i: int, second: str, second_bare: str
) -> Iterator[tuple[tuple[str, ...], Entry, bool]]:
    """The entries of ``bucket`` (keys starting with ``lowers[i]``, longest first) whose
    tokens ``lowers`` holds from ``i`` on, each with whether its last token carries a
    possessive ending ("Meta Ai's"). ``second``: ``lowers[i + 1]`` (or ""), and
    ``second_bare`` the same without its possessive ending: the quick test.

    The rule both the matcher and its gate apply, so they cannot disagree.
    """
    n = len(lowers)
    for key, entry in bucket:
        size = len(key)
        if i + size > n:
            continue
        if size > 1 and key[1] != second and (size > 2 or key[1] != second_bare):
            continue  # the quick test: most entries differ at the second token
        if size > 1 and (lowers[i] != key[0] or lowers[i + 1 : i + size - 1] != list(key[1:-1])):
            continue
        last = lowers[i + size - 1]
        if last == key[-1]:
            yield key, entry, False
        elif ("'" in last or "’" in last) and strip_possessive(last) == key[-1]:
            yield key, entry, True


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


# -- the gate -------------------------------------------------------------------
FIRST_ALONE = kind_bit("a lexicon form of one token (right or wrong)")
FIRST_MULTI = kind_bit("starts a lexicon form of several tokens: compare what follows")
SECOND = kind_bit("can be a lexicon form's second token")
FIRST_RIGHT = kind_bit("a lexicon name of one token, written right, starting no longer one")
FIRST = FIRST_ALONE | FIRST_MULTI | FIRST_RIGHT

FirstInfo = tuple[bool, bool, dict[str, list]]  # (a wrong one-token form, a right one, longer forms by second token)


class LexiconGate(Gate):
    """Which lexicon forms of a listed text are written other than canonically
    (what entity-case and alias flag), and which tokens correct names cover
    (a capital there is explained: capitals reads :meth:`covered`)."""

    def classify(self, form: str, probe: Probe) -> int:
        lexicon = probe.resources.lexicon
        lower = form.lower()
        kind = 0
        firsts = lexicon.first_keys()
        if lower in firsts or (form.endswith(POSSESSIVE_ENDINGS) and strip_possessive(form).lower() in firsts):
            info = first_info(probe.resources.memo("lexicon_firsts"), lexicon, form)
            if info[1] and not (info[0] or info[2]):
                kind |= FIRST_RIGHT  # "Elizabeth": most lexicon names in clean prose; nothing to do where it stands
            else:
                kind |= (FIRST_ALONE if info[0] or info[1] else 0) | (FIRST_MULTI if info[2] else 0)
        seconds = lexicon.second_keys()
        if lower in seconds or (lower.endswith(POSSESSIVE_ENDINGS) and strip_possessive(lower) in seconds):
            kind |= SECOND
        return kind

    bits = FIRST_ALONE | FIRST_MULTI

    def token_hits(self, listing: Listing, part: Part, picked: list[int]) -> list[int]:
        return self.scan(listing, part, picked)[0]

    def scan(self, listing: Listing, part: Part, picked: list[int]) -> tuple[list[int], list[tuple[int, int]]]:
        """The part's suspect lexicon forms (token indices) and the token ranges correct
        names cover (first, last), found once per part."""
        key = ("lexicon_scan", part.start)
        found = listing.memo.get(key)
        if found is not None:
            return found
        toks, ks = part.toks, part.kinds
        memo = listing.resources.memo("lexicon_firsts")
        lexicon = listing.resources.lexicon
        hits: list[int] = []
        covered: list[tuple[int, int]] = []
        named_until = -1
        last = len(ks) - 1
        known = memo.get
        for i in picked:
            # a form of several tokens can start only where the next token can be its second
            # (or a line break comes between): most "a", "The", "new" start nothing
            k = ks[i]
            if i > named_until and (k & FIRST_ALONE or (k & FIRST_MULTI and i < last and ks[i + 1] & (SECOND | NEWLINE))):
                info = known(toks[i])
                if info is not None and (not info[2] or _starts_none(info[2], toks, i)):
                    # a form starting no longer one here ("https", "github" before "."
                    # or "/": thousands in a changelog's links): form_at's answer for one
                    # token, without the call
                    if info[0]:
                        hits.append(i)
                    elif info[1] and not _hyphened(toks, i, i):
                        covered.append((i, i))
                        named_until = i
                    continue
                suspect, until = form_at(memo, lexicon, toks, i, named_until)
                if suspect:
                    hits.append(i)
                elif until > named_until:
                    covered.append((i, until))
                    named_until = until
        found = listing.memo[key] = (hits, covered)
        return found


LEXICON_GATE = LexiconGate()


def _starts_none(by_second: dict[str, list], toks: list[str], i: int) -> bool:
    """True when no longer form of ``by_second`` (first_info's, for ``toks[i]``) can start
    at ``i``: the next token is there, on the same line, and no such form's second
    token, even without a possessive ending. (Otherwise :func:`form_at` decides.)"""
    if i + 1 >= len(toks):
        return True
    second = toks[i + 1]
    if second == "\n" or "'" in second or "’" in second:
        return False
    return second.lower() not in by_second


def form_at(memo: dict, lexicon: Lexicon, toks: list[str], i: int, named_until: int) -> tuple[bool, int]:
    """Whether a lexicon form starting at token ``i`` of ``toks`` (token forms, line
    breaks as "\\n") is written other than canonically.

    Returns (suspect, the last token index a correct name covers, or
    ``named_until`` unchanged). ``memo``: per-form answers of :func:`first_info`.
    """
    info = memo.get(toks[i])
    if info is None:  # forgotten since it was classified (the memory starts over now and then)
        info = first_info(memo, lexicon, toks[i])
    single_wrong, single_right, by_second = info
    if by_second:
        j = _next_word(toks, i + 1)
        entries = None
        if j is not None:
            second = toks[j].lower()
            entries = by_second.get(second)
            if entries is None and ("'" in second or "’" in second):
                entries = by_second.get(strip_possessive(second))  # "Meta Ai's"
        if entries:
            seen = _following(toks, i, max(len(key) for key, _, _ in entries))
            lowers = [t.lower() for t in seen] if seen is not None else []
            second = lowers[1] if len(lowers) > 1 else ""
            second_bare = strip_possessive(second) if "'" in second or "’" in second else second
            wanted_of = {id(entry): wanted for _, entry, wanted in entries}
            for key, entry, possessive_end in forms_at([(k, e) for k, e, _ in entries], lowers, 0, second, second_bare):
                written = seen[: len(key)]
                if possessive_end:
                    written[-1] = strip_possessive(written[-1])
                exact = written == wanted_of[id(entry)]
                last = i + _span(toks, i, len(key)) - 1
                if entry.tier == "protect":
                    if exact:
                        return False, named_until if _hyphened(toks, i, last) else last
                    continue
                if entry.alias is not None or not exact:
                    return True, named_until
                return False, named_until if _hyphened(toks, i, last) else last
    if single_wrong:
        return True, named_until
    return False, i if single_right and not _hyphened(toks, i, i) else named_until


def first_info(memo: dict, lexicon: Lexicon, form: str) -> FirstInfo:
    """What the lexicon says of forms starting with ``form`` (remembered in ``memo``)."""
    info = memo.get(form)
    if info is not None:
        return info
    lower = form.lower()
    bucket = lexicon.starting_with(lower)
    base = form
    if not bucket:
        base = strip_possessive(form)
        bucket = lexicon.starting_with(base.lower())
    single_wrong = single_right = False
    by_second: dict[str, list] = {}
    for key, entry in bucket:
        if entry.tier == "protect" and not entry.canonical.startswith(base):
            continue  # a place name matches only as written
        if len(key) > 1:
            wanted = TOKEN_RE.findall(entry.canonical) if entry.alias is None else None
            by_second.setdefault(key[1], []).append((key, entry, wanted))
        elif entry.tier == "protect":
            single_right |= base == entry.canonical
        elif entry.alias is not None or base != entry.canonical:
            single_wrong = True
        else:
            single_right = True
    info = (single_wrong, single_right, by_second)
    if single_wrong or single_right or by_second:
        memo[form] = info
    return info


def hyphened(toks: list[str], first: int, last: int) -> bool:
    """True when a hyphen touches tokens ``first`` to ``last``: no match there ("meta-analysis")."""
    return (first > 0 and toks[first - 1] == "-") or (last + 1 < len(toks) and toks[last + 1] == "-")


_hyphened = hyphened


def _next_word(toks: list[str], j: int) -> int | None:
    """The index of the next token that is not a line break."""
    while j < len(toks) and toks[j] == "\n":
        j += 1
    return j if j < len(toks) else None


def _following(toks: list[str], i: int, size: int) -> list[str] | None:
    """Up to ``size`` tokens from ``i`` on, line breaks skipped (a name may wrap)."""
    out = []
    j = i
    while len(out) < size and j < len(toks):
        if toks[j] != "\n":
            out.append(toks[j])
        j += 1
    return out


def _span(toks: list[str], i: int, size: int) -> int:
    """How many tokens, line breaks included, ``size`` words from ``i`` take up."""
    taken = j = 0
    while taken < size and i + j < len(toks):
        if toks[i + j] != "\n":
            taken += 1
        j += 1
    return j
