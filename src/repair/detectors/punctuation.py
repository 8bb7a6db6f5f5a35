"""Broken punctuation: misdirected or foreign quote marks, stray spaces inside
brackets or before punctuation, and doubled words.

Quote direction is read from position: an opening mark stands after a space
and before a word, a closing mark after a word or punctuation and before a
space. Only marks whose position contradicts their direction are turned, so
straight quotes and apostrophes are never touched.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from itertools import compress, islice, repeat
from operator import gt, xor

import regex

from ..fast_re import ByFirstChar, Lazy, Twin
from ..model import Candidate, Family, Suspect
from ..settings import setting
from .base import FOLD, Context, Gate, Listing
from .evidence import typed_page

family = Family.PUNCTUATION
reads = "text"  # every rule searches the text (doc.scan_spans) with patterns
goes_first = False  # (said, not left out: see base.py)
context_features: dict = {}

OPEN_BEFORE = frozenset("([{—–-/")
INVERTED_PAIR_RE = Lazy(r"(?<=[\p{L}\p{N}])”([\p{L}\p{N}][^“”\n]{0,80}?[\p{L}\p{N}.!?,])“(?=[\p{L}\p{N}])")
WORD_RE = Lazy(r"\p{L}+")
WORD_BEFORE_RE = Lazy(r"\p{L}+$")
FUNCTION_ZIPF = setting("shared", "function-word-zipf")
PARAGRAPH_RE = regex.compile(r"\n\n")
# Quote marks that may stand in the wrong place: “ before no word, ” before
# one, and every guillemet (each rule below needs one of these). „ is always
# an opening mark.
QUOTE_RE = ByFirstChar({"“": r"“(?![\p{L}\p{N}])", "”": r"”(?=[\p{L}\p{N}])", "«": "«", "»": "»"})
# One stray space between a bracket or a mark and a word; wider gaps are layout.
SPACE_AFTER_OPEN_RE = ByFirstChar({bracket: regex.escape(bracket) + r"( )(?=\p{L})" for bracket in "([{"})
# A closing bracket or a mark after a letter and a space. The pattern starts
# with the mark: scanning for it is far faster than for every space.
SPACE_BEFORE_RE = regex.compile(r"(?:[)\]}]|[,;:!?](?=\s|$))(?<=\p{L} .)")
SPACED_MARKS = ")]},;:!?"  # the marks SPACE_BEFORE_RE starts with
MARK_RE = Twin(r"[,;:!?](?=\s|$)")
# Old English print and French typography put a space before ";", ":", "?"
# and "!" throughout; a text that does it this often does it on purpose.
STYLE_MIN = setting("punctuation", "spaced-style-min")
STYLE_SHARE = setting("punctuation", "spaced-style-share")


def detect(ctx: Context) -> Iterator[Suspect]:
    yield from _doubled_words(ctx)
    yield from _stray_spaces(ctx)
    yield from _quotes(ctx)


def _flag(ctx: Context, start: int, end: int, after: str, reason: str, **features: float) -> Suspect | None:
    if ctx.doc.is_protected(start, end):
        return None
    text = ctx.doc.text[start:end]
    return Suspect(start, end, text, Family.PUNCTUATION, (Candidate(after, {"punctuation": 1.0, **features}, reason),))


# Whole words only: a word glued to an apostrophe, an accent mark or a
# hyphen is part of a larger word ("O'Neil Neil", "high High-Flyer"), and one
# glued to an identifier's punctuation is a name in code ("Function::Call call",
# "obj.call call", "@foo foo"): the word after it is the prose's own.
DOUBLE_RE = Lazy(
    r"(?<![\p{L}\p{M}\p{N}'’_:.@#$/-])(\p{L}++)(?:[ \t]\1)++(?![\p{L}\p{M}\p{N}'’_@#$/-]|[.:][\p{L}\p{N}_:])",
    regex.IGNORECASE,
)


# Where a doubled word can start, found quickly: a word boundary (which the engine
# searches for fast) before a word followed by a space or tab and the word again. A
# doubled word starts at a word boundary unless the character before it is one of
# the few that count as a word's (``\w``) without being a letter, mark, digit or "_"
# (a joiner, "‿", a circled letter), which DOUBLE_RE lets stand before it. (Looked
# ahead, not read: each such place is found, however they overlap.)
DOUBLE_START_RE = Lazy(r"\b(?=(\p{L}++)[ \t]\1)", regex.IGNORECASE)
ODD_WORD_CHAR_RE = Lazy(r"[\w--[\p{L}\p{M}\p{N}_]]", regex.V1)


def doubles(text: str, start: int, end: int) -> Iterator[regex.Match]:
    """``DOUBLE_RE.finditer(text, start, end)``, read only round the places a doubled
    word can start (:data:`DOUBLE_START_RE`): the whole of a one-line page of OCR was
    searched on every pass, at a tenth of a second for 0.65 MB.

    From each place, what the pattern reads: the word, a space and the word again,
    a further space and word (a repeat it must not cut), and two characters after
    it. A run of repeats has such a place at every word but the last, so the
    stretches of a run meet and are read as one, from its first word.
    """
    if ODD_WORD_CHAR_RE.search(text, max(0, start - 1), end):
        yield from DOUBLE_RE.finditer(text, start, end)  # (a doubled word need not start at a word boundary)
        return
    stretches: list[list[int]] = []
    for place in DOUBLE_START_RE.finditer(text, start, end):
        first = place.start()
        reach = min(end, first + 3 * len(place.group(1)) + 6)
        if stretches and first <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], reach)
        else:
            stretches.append([first, reach])
    for first, last in stretches:
        yield from DOUBLE_RE.finditer(text, first, last)


def _doubled_words(ctx: Context) -> Iterator[Suspect]:
    text = ctx.doc.text
    lines = ctx.memo.get("repeat_lines") if ctx.doc.scan is None else None
    if lines is None:
        lines = ctx.doc.repeat_lines
    for m in (m for start, end in lines for m in doubles(text, start, end)):
        word = m.group(1)
        parts = m.group().split()
        if len(parts) > 2:
            continue  # "/* blah blah blah */", "no no no": a slip doubles a word; three times is said on purpose
        if all(part[0].isupper() for part in parts):
            continue  # "Duran Duran", "Bora Bora": names say themselves twice; a slip repeats in lower case
        if parts[-1][0].isupper() and ctx.vocab.zipf(word.lower()) < FUNCTION_ZIPF:
            # "Mohammad ali Ali": a slip repeats a word as written, and only the first may take a
            # sentence's capital; a name may begin with a function word ("under the The University")
            continue
        if len(word) > 1 and len({part.isupper() for part in parts}) > 1:
            continue  # "AND and": an operator in capitals, then the word; a slip repeats a word as written
        if _quoted(text, m.start(), m.end()):
            continue  # 'fix "the the" typos': the repeat is quoted, named, not written by mistake
        start, end = m.end(1), m.end()
        lower = word.lower()
        flag = _flag(
            ctx,
            start,
            end,
            "",
            f"“{word}” is written twice in a row",
            doubled=1.0,
            legit_double=float(lower in ctx.resources.legit_doubles),
            foreign_word=float(not _english(ctx, lower)),  # "Cànan nan Gàidheal"
            short_word=float(len(lower) <= 2),
        )
        if flag:
            yield flag


QUOTE_PAIRS = {'"': '"', "“": "”", "'": "'", "‘": "’", "`": "`", "«": "»", "„": "“"}


def _quoted(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is all a pair of quote marks holds: a phrase mentioned."""
    if start == 0 or end >= len(text):
        return False
    return QUOTE_PAIRS.get(text[start - 1]) == text[end]


def _english(ctx: Context, word: str) -> bool:
    lower = word.lower()
    return ctx.vocab.is_word(lower) or ctx.vocab.is_rare_word(lower)


def space_before_places(text: str) -> list[int]:
    """Where :data:`SPACE_BEFORE_RE` matches in ``text``.

    Every match is a mark right after a space, so the places tried are where
    a space and a mark stand together, found by ``str.find`` (a C search for
    two characters, which skips most of a text; a pattern scan for a class of
    marks tests every character).
    """
    places: list[int] = []
    find = text.find
    for mark in SPACED_MARKS:
        needle = " " + mark
        i = find(needle)
        while i >= 0:
            places.append(i + 1)
            i = find(needle, i + 2)
    places.sort()
    match = SPACE_BEFORE_RE.match
    return [i for i in places if match(text, i)]


def _spacing(ctx: Context) -> tuple[list[int], int, bool]:
    """Where the whole text has a space before a mark, how many of those are before , ; : ! ?,
    and whether that is its house style (found once per text, however it is read)."""
    memo = ctx.doc.facts.memo
    known = memo.get("spacing")
    if known is None:
        text = ctx.doc.text
        before = space_before_places(text)
        spaced = sum(1 for i in before if text[i] in ",;:!?")
        # (the marks are counted only when the spaced ones are enough for a style: most texts have none)
        style = spaced >= STYLE_MIN and spaced >= STYLE_SHARE * len(MARK_RE.findall(text))
        known = memo["spacing"] = (before, spaced, style)
    return known


def _within(places: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """The sorted ``places`` strictly inside one of the sorted, disjoint ``spans``."""
    out: list[int] = []
    for s, e in spans:
        out += places[bisect.bisect_right(places, s) : bisect.bisect_left(places, e)]
    return out


def _named_mark(ctx: Context, at: int) -> bool:
    """True when the "?" or "!" at ``at``, spaced on both sides, goes on into a lower-case
    word on a typed page ("using ? glob", "the ! operator"): a sentence would end there
    and the next begin with a capital, so the text names the mark. (Old print and French
    space such a mark and may go on in lower case; they are no typed page.)"""
    text = ctx.doc.text
    return text[at + 1 : at + 2] == " " and text[at + 2 : at + 3].islower() and typed_page(ctx)


def _stray_spaces(ctx: Context) -> Iterator[Suspect]:
    text = ctx.doc.text
    before, spaced, house_style = _spacing(ctx)
    scan = ctx.doc.scan_spans
    found = [(m.start(1), "after") for s, e in scan for m in SPACE_AFTER_OPEN_RE.finditer(text, s, e)]
    # closing brackets first, then marks: the order the flags were always made in
    inside = _within(before, scan) if ctx.doc.scan is not None else before
    found += [(i - 1, "before") for i in inside if text[i] in ")]}"]
    found += [(i - 1, "before") for i in inside if text[i] in ",;:!?"]
    for start, where in found:
        end = start + 1
        after_mark = where == "after"
        mark = text[start - 1] if after_mark else text[end]
        word = WORD_RE.match(text, end) if after_mark else WORD_BEFORE_RE.search(text, max(0, start - 40), start)
        if word is None or not _english(ctx, word.group()):
            continue  # "( o¬ô )" is an emoticon, not prose
        if mark in BRACKET_PAIRS and _spaced_pair(text, start if after_mark else end, mark):
            continue  # "( `x` in this example )": both inside edges spaced, as the writer chose
        if mark in ")]}" and not after_mark and _partner(text, end, mark) is None:
            continue  # "fix the misplaced ) in": a bracket that closes nothing is named, not misplaced
        if mark in "?!" and not after_mark and _named_mark(ctx, end):
            continue  # "Fix test using ? glob": a mark no sentence ends at is named, not misplaced
        # "( by inches)", "the poem of ,": a space beside a function word
        # more likely marks text that went missing than a stray space
        gap = bool(word) and ctx.vocab.zipf(word.group().lower()) >= FUNCTION_ZIPF
        reason = f"stray space {where} “{mark}”"
        if house_style and not after_mark:
            reason += f"; but this text spaces punctuation {spaced} times, as a style"
        flag = _flag(
            ctx,
            start,
            end,
            "",
            reason,
            stray_space=1.0,
            beside_function_word=float(gap),
            spaced_style=float(house_style and not after_mark),
        )
        if flag:
            yield flag


def _paragraphs_and_openers(ctx: Context) -> tuple[array, dict[str, array]]:
    """Where the text's paragraphs start, and where each opening mark stands (found once
    per text, however it is read; compact arrays, since a huge text has millions)."""
    memo = ctx.doc.facts.memo
    known = memo.get("quote_places")
    if known is None:
        text = ctx.doc.text
        breaks = array("q", (m.start() for m in PARAGRAPH_RE.finditer(text)))
        opened = {mark: array("q", (m.start() for m in regex.finditer(mark, text))) for mark in "«“„"}
        known = memo["quote_places"] = (breaks, opened)
    return known


BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}", ")": "(", "]": "[", "}": "{"}
PAIR_REACH = 300  # characters searched, on the same line, for a bracket's partner


def _partner(text: str, at: int, mark: str) -> int | None:
    """Where the partner of the bracket ``mark`` (an opening one just before ``at``, or a
    closing one at ``at``) stands on its line, or None when it has none there."""
    partner, opening = BRACKET_PAIRS[mark], mark in "([{"
    depth = 0
    if opening:
        i, stop = at + 1, min(len(text), at + PAIR_REACH)
        while i < stop and text[i] != "\n":
            if text[i] == mark:
                depth += 1
            elif text[i] == partner:
                if depth == 0:
                    return i
                depth -= 1
            i += 1
        return None
    i, stop = at - 1, max(-1, at - PAIR_REACH)
    while i > stop and text[i] != "\n":
        if text[i] == mark:
            depth += 1
        elif text[i] == partner:
            if depth == 0:
                return i
            depth -= 1
        i -= 1
    return None


def _spaced_pair(text: str, at: int, mark: str) -> bool:
    """True when the bracket ``mark`` (an opening one just before ``at``, or a closing
    one at ``at``) has a partner on its line that is spaced on its inner side too:
    "( x )" is spacing chosen for the pair, and closing one side of it breaks the symmetry."""
    i = _partner(text, at, mark)
    if i is None:
        return False
    if mark in "([{":
        return text[i - 1] == " "
    return i + 1 < len(text) and text[i + 1] == " "


def _quotes(ctx: Context) -> Iterator[Suspect]:
    text = ctx.doc.text
    memo = ctx.doc.facts.memo  # whether the whole text has a quote mark, found once per text
    if "has_quotes" not in memo:
        memo["has_quotes"] = any(q in text for q in "“”«»")
    if not memo["has_quotes"]:
        return
    inverted = set()
    scan = ctx.doc.scan_spans
    for m in (m for s, e in scan for m in INVERTED_PAIR_RE.finditer(text, s, e)):
        inner = m.group(1)
        flag = _flag(
            ctx, m.start(), m.end(), f" “{inner}” ", f"quote marks around “{inner}” point the wrong way and are glued to the words beside them", inverted_pair=1.0
        )
        if flag:
            inverted.update((m.start(), m.end() - 1))
            yield flag
    candidates = [q for s, e in scan for q in QUOTE_RE.finditer(text, s, e)]
    if not candidates:
        return
    n = len(text)
    # Where paragraphs start and where each kind of opening mark is, so that
    # "was a guillemet opened in this paragraph?" is two binary searches.
    breaks, opened = _paragraphs_and_openers(ctx)

    def opened_since(mark: str, i: int) -> bool:
        k = bisect.bisect_left(breaks, i) - 1
        para_start = breaks[k] if k >= 0 else 0
        marks = opened[mark]
        j = bisect.bisect_left(marks, i) - 1
        return j >= 0 and marks[j] >= para_start

    for quote in candidates:
        i, ch = quote.start(), quote.group()
        if i in inverted:
            continue
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[i + 1] if i + 1 < n else "\n"
        opening_place = (prev.isspace() or prev in OPEN_BEFORE) and not nxt.isspace()
        closing_place = not prev.isspace() and prev not in OPEN_BEFORE and (nxt.isspace() or not nxt.isalnum())
        if ch == "“" and opened_since("„", i):
            flag = None  # „German“ and „Croatian“ quotes close with “
        elif ch == "“" and (closing_place or (prev == " " and nxt in "\n" and i > 1 and not text[i - 2].isspace())):
            start = i - 1 if prev == " " else i
            flag = _flag(ctx, start, i + 1, "”", "“ closes a quotation here; the closing mark is ”", misdirected=1.0)
        elif ch == "”" and opening_place and nxt.isalnum():
            flag = _flag(ctx, i, i + 1, "“", "” opens a quotation here; the opening mark is “", misdirected=1.0)
        elif ch == "»" and not opened_since("«", i) and opened_since("“", i) and (closing_place or prev == " "):
            start = i - 1 if prev == " " else i
            flag = _flag(ctx, start, i + 1, "”", "» closes a quotation opened with “ in English text", foreign_quote=1.0)
        elif ch == "«" and "»" not in text[i : i + 400] and opening_place:
            flag = _flag(ctx, i, i + 1, "“", "« opens a quotation that English text closes with ”", foreign_quote=1.0)
        else:
            flag = None
        if flag:
            yield flag


class PunctuationGate(Gate):
    """Nothing to screen (this detector searches the text itself), but the listing
    already tells where a word follows itself: the lines doubled words can be on."""

    def prepare(self, listing: Listing) -> None:
        if not listing.whole:
            return
        part = listing.parts[0]
        ks, breaks, starts, text = part.kinds, part.breaks, listing.line_starts, listing.text
        # neighbours' kinds are compared, at C speed: two forms with the same case
        # fold have the same bits from FOLD up, so theirs differ only below
        before = listing.earlier[0].get(REPEATS) if listing.earlier is not None else None
        if before is None:
            hits = [i for i in compress(listing.indices.upto(len(ks), 1), map(gt, repeat(FOLD), map(xor, ks, islice(ks, 1, None)))) if ks[i] >= FOLD]
            lines = sorted({bisect.bisect_left(breaks, i) for i in hits})
        else:
            lines = sorted(_repeats_carried(ks, breaks, before, listing.earlier[1]))
        listing.memo[REPEATS] = lines
        last = len(starts) - 1
        listing.memo["repeat_lines"] = [(starts[line], starts[line + 1] - 1 if line < last else len(text)) for line in lines]


REPEATS = "repeat_line_numbers"  # the memo's key for the lines where a word follows itself


def _repeats_carried(ks: list[int], breaks: list[int], before: list[int], changed: frozenset[int]) -> set[int]:
    """The lines where a word follows itself, from an earlier version's ``before`` and the
    ``changed`` lines read again. A line break is a token between two lines' words (and
    its kind differs from any word's in the fold bits), so a repeat is two tokens of one
    line, and a line found so before, unchanged, is one still."""
    lines = {line for line in before if line not in changed}
    for line in changed:
        first = breaks[line - 1] + 1 if line else 0
        stop = breaks[line] if line < len(breaks) else len(ks)
        if any(ks[i] >= FOLD and ks[i] ^ ks[i - 1] < FOLD for i in range(first + 1, stop)):
            lines.add(line)
    return lines


gate = PunctuationGate()
