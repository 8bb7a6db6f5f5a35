"""Evidence about a token's surroundings that several detectors weigh.

An unknown word among other unknown words is most likely a passage in
another language or an old spelling, not damage; a word glued to code marks
or symbols ("`connect`ing") belongs to something larger.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import compress

import regex
from operator import and_, attrgetter, not_

from ..casing import shape
from ..document import TOKEN_RE
from ..fast_re import Lazy
from ..model import Token
from ..vocabulary import Vocabulary
from ..settings import setting
from .base import Context

LETTER_OR_DIGIT_RE = Lazy(r"[\p{L}\p{N}]")
LETTERS_RE = Lazy(r"\p{L}+")
NEIGHBOUR_WINDOW = setting("shared", "neighbour-window")
RECURRING_MIN = setting("shared", "recurring-form-min")
RECURRING_MIN_LENGTH = setting("shared", "recurring-form-min-length")
ORDINARY_COUNT = setting("shared", "common-word-count")
OPEN_OK = frozenset("([{“‘\"'«„‹—–-/")
CLOSE_OK = frozenset(")]}”’\"'»›—–-/.,;:!?…")
LINE_HYPHENS = frozenset("-\u2010\u2011\u00ac\u00ad")  # hyphens, the non-breaking one, "¬" and the soft one
TEXT, IS_WORD = attrgetter("text"), attrgetter("is_word")  # a Token's fields, for C-level passes


def unknown_word_mask(ctx: Context) -> list[bool]:
    """For each token of the document: is it a word whose lower case no English word
    list holds (see ``Vocabulary.is_word``)? Few are: detectors that read only those
    pick them out with this, at C speed. Found once per document."""
    mask = ctx.memo.get("unknown_word_mask")
    if mask is None:
        tokens = ctx.doc.tokens
        mask = ctx.memo["unknown_word_mask"] = list(map(and_, map(IS_WORD, tokens), map(not_, ctx.vocab.are_words(ctx.doc.lowers))))
    return mask


def unknown_words(ctx: Context) -> list[Token]:
    """The document's word tokens whose lower case is no English word, in order."""
    return list(compress(ctx.doc.tokens, unknown_word_mask(ctx)))


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
        if not vocab.knows(other.text):
            count += 1
    return count


def glued(ctx: Context, token: Token) -> bool:
    """True when ``token`` is only part of a longer run of non-space characters.

    "`connect`ing", "_You_", "DrÃ¥ber": a word glued to code marks, emphasis
    or stray symbols belongs to something larger than a word, and a word
    repair would cut it apart. Brackets, quotes, dashes and sentence
    punctuation around a word are ordinary.
    """
    text = ctx.doc.text
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    return not (before.isspace() or before in OPEN_OK) or not (after.isspace() or after in CLOSE_OK)


def broken_half(ctx: Context, token: Token) -> bool:
    """True when ``token`` is half of a word split in two: at a line break
    ("govern- ment", "to- gether"), or with only a hyphen or only a space
    between the halves ("num-ber", "to gether") when they make a word together.

    A half is no word, and it may look like two ("gether": "get her") or
    like a misreading of one ("gaine", "ber": "her"); only the whole is to be judged.
    """
    text = ctx.doc.text
    start, end = token.start, token.end
    if start >= 3 and text[start - 1] == " " and text[start - 2] in LINE_HYPHENS and text[start - 3].isalpha():
        return True
    if end + 2 < len(text) and text[end] in LINE_HYPHENS and text[end + 1] == " " and text[end + 2].isalpha():
        return True
    before, after = _across_gap(ctx, token, -1), _across_gap(ctx, token, 1)
    vocab, word = ctx.vocab, token.text.lower()
    return (before is not None and vocab.is_word(before.text.lower() + word)) or (
        after is not None and vocab.is_word(word + after.text.lower())
    )


def _across_gap(ctx: Context, token: Token, step: int) -> Token | None:
    """The word beside ``token`` (``step`` -1: before it, 1: after it) across one
    space, or across a hyphen with nothing else between."""
    tokens, i = ctx.doc.tokens, token.index
    j = i + step
    if not 0 <= j < len(tokens):
        return None
    near = tokens[j]
    lo, hi = (near, token) if step < 0 else (token, near)
    if near.is_word:
        return near if ctx.doc.text[lo.end : hi.start] == " " else None
    k = j + step
    if near.text not in LINE_HYPHENS or not 0 <= k < len(tokens) or not tokens[k].is_word:
        return None
    far = tokens[k]
    first, last = (far, token) if step < 0 else (token, far)
    return far if first.end == near.start and near.end == last.start else None


def is_ordinary(ctx: Context, text: str) -> bool:
    """True when ``text`` reads as plain English: common words in lower or title case.

    A single letter counts as ordinary ("x"); a word in capitals or camel case does not.
    """
    words = [m.group() for m in TOKEN_RE.finditer(text) if m.group()[0].isalnum()]
    if len(words) == 1 and len(words[0]) == 1:
        return True
    return bool(words) and all(
        shape(w) in ("lower", "title") and ctx.vocab.is_common(w.lower(), ORDINARY_COUNT) for w in words
    )


def letters_alone(form: str) -> bool:
    """True when ``form`` is letters alone: standing alone, it is one word token, with no
    digit, mark or hyphen (what tokenises it and what calls a token a word both agree),
    so a gate may answer for it from the form, making no document to ask a detector."""
    return form.isalpha() and LETTERS_RE.fullmatch(form) is not None


def recurring(ctx: Context, form: str) -> bool:
    """True when the document writes ``form`` (exactly so) again and again: a word of its
    own ("nextra", "webserver"), not damage, so neither split nor "corrected".

    Garbling is seldom the same twice on a long word; short forms ("tbe") and
    forms with digits ("wou1d") repeat in OCR, so they are never counted.
    The count is the whole document's, so the answer does not depend on what
    else is repaired in the same run.
    """
    if len(form) < RECURRING_MIN_LENGTH or not form.isalpha():
        return False
    doc = ctx.doc
    counts = doc.form_counts
    # "Brotli" opening a sentence is the "brotli" of the next one
    variants = {form, form.lower(), form.capitalize()}
    if sum(counts[variant] for variant in variants) < RECURRING_MIN:
        return False
    return in_prose(ctx, variants, RECURRING_MIN) >= RECURRING_MIN


def in_prose(ctx: Context, forms: Iterable[str], limit: int) -> int:
    """How many times (up to ``limit``) the document's prose writes one of ``forms``, on word
    boundaries: a word in code or a link target says nothing of how the prose spells it.

    Remembered per document; each form's places are found with ``str.find`` (a
    C-level search) and checked one by one, since a long document is asked
    about many forms and a pattern compiled and run over the whole text for
    each cost a second per megabyte of garbled text.
    """
    return _places(ctx, tuple(sorted(set(forms))), limit, False)


def in_code(ctx: Context, form: str) -> bool:
    """Whether the document writes ``form`` (on word boundaries) inside something it
    protects: code, a link target. Remembered per document."""
    return _places(ctx, (form,), 1, True) > 0


def _places(ctx: Context, forms: tuple[str, ...], limit: int, protected: bool) -> int:
    """How many times (up to ``limit``) ``forms`` stand on word boundaries in the
    protected text (``protected``) or outside it, remembered per document."""
    key = ("in_prose" if not protected else "in_code", forms, limit)
    memo = ctx.doc.facts.memo  # a fact of the whole text, shared by the chunks a huge one is read in
    known = memo.get(key)
    if known is None:
        known = memo[key] = _count_places(ctx.doc, forms, limit, protected)
    return known


def _count_places(doc, forms: tuple[str, ...], limit: int, protected: bool) -> int:
    """min(``limit``, the places of all ``forms`` together): the order they are counted in
    does not matter, so the casings of one ASCII word are found in one search.

    A text asked about many forms (a page of OCR asks for each recurring unknown
    word) counts its runs of letters and digits once instead (see :func:`_run_counts`)."""
    runs = _run_counts(doc, forms)
    if runs is not None:
        everywhere, inside = runs
        places = sum(map(inside.__getitem__, forms)) if protected else sum(everywhere[f] - inside[f] for f in forms)
        return min(limit, places)
    if len(forms) > 1 and all(map(str.isascii, forms)) and len({form.lower() for form in forms}) == 1:
        lowered = _lowered(doc)
        if lowered is not None:
            return _count_casings(doc, lowered, forms, limit, protected)
    text, found, read = doc.text, 0, 0
    for form in forms:
        pos = text.find(form)
        while pos >= 0 and found < limit:
            end = pos + len(form)
            # most places are inside longer words, so the boundaries are tested first
            if _stands_alone(text, pos, end) and doc.is_protected(pos, end) == protected:
                found += 1
                if found >= limit:
                    break  # (no search for a place past the limit: it would read on to the text's end)
            pos = text.find(form, pos + 1)
        read += len(text) if pos < 0 else pos
        if found >= limit:
            break
    _searched(doc, read)
    return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether no letter or digit touches ``text[start:end]`` on either side (an ASCII
    neighbour is asked by str.isalnum, which says of it what the pattern says)."""
    if start:
        c = text[start - 1]
        if c.isalnum() if c < "\x80" else LETTER_OR_DIGIT_RE.match(c):
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() if c < "\x80" else LETTER_OR_DIGIT_RE.match(c):
            return False
    return True


def _count_casings(doc, lowered: str, forms: tuple[str, ...], limit: int, protected: bool) -> int:
    """:func:`_count_places` of ``forms``, casings of one ASCII word, found by searching
    ``lowered`` (the text in lower case, character for character) once for all of them."""
    text, found = doc.text, 0
    word = forms[0].lower()
    size = len(word)
    pos = lowered.find(word)
    while pos >= 0 and found < limit:
        end = pos + size
        if _stands_alone(text, pos, end) and text.startswith(forms, pos) and doc.is_protected(pos, end) == protected:
            found += 1
            if found >= limit:
                break  # (as in _count_places)
        pos = lowered.find(word, pos + 1)
    _searched(doc, len(text) if pos < 0 else pos)
    return found


RUN_INDEX_READS = 30  # whole texts read by searches for places, after which a text counts its runs instead (on a 0.65 MB page of OCR 10 to 30 did best; no text of the clean corpus reads that much)
RUN_RE = Lazy(r"[\p{L}\p{N}]+")  # a form that is one run: its places are the runs equal to it
LAST_NON_RUN_RE = Lazy(r"(?r)[^\p{L}\p{N}]")


def _searched(doc, read: int) -> None:
    """Add ``read`` characters to what the searches for places have read of this text."""
    memo = doc.facts.memo
    memo["places-read"] = memo.get("places-read", 0) + read


def _run_counts(doc, forms: tuple[str, ...]) -> tuple[Counter[str], Counter[str]] | None:
    """The text's runs of letters and digits, counted, and those of them touching a
    protected span, counted (see :func:`_protected_runs`); None while searching is cheaper.

    A place of a form that is one run (``RUN_RE``) stands alone exactly when
    it is a whole run of the text: what :func:`_stands_alone` tests of its
    neighbours is that they are no letter or digit. So once the searches have
    read the text ``RUN_INDEX_READS`` times over (each search also tests every
    place it finds, so counting the runs soon costs less), its runs are counted,
    once per text, and answer every such form at once; a form of other
    characters is still searched for. Not for a huge text (its runs would be
    held twice). The answers are the searches' (``tests/test_evidence.py``).
    """
    memo = doc.facts.memo
    runs = memo.get("runs")
    if runs is None:
        text = doc.text
        if memo.get("places-read", 0) < RUN_INDEX_READS * len(text) or len(text) > LOWERED_MAX:
            return None
        runs = memo["runs"] = (doc.facts.alnum_runs, _protected_runs(doc))
    return runs if all(map(RUN_RE.fullmatch, forms)) else None


def _protected_runs(doc) -> Counter[str]:
    """The runs of letters and digits of the text that overlap a protected span (where
    :meth:`Document.is_protected` holds), each counted once."""
    text = doc.text
    counts: Counter[str] = Counter()
    last = -1  # where the last run counted starts (the spans are sorted: no run is counted twice)
    for start, end in doc.protected:
        before = LAST_NON_RUN_RE.search(text, 0, start)
        for m in RUN_RE.finditer(text, before.end() if before else 0):  # from the run reaching into the span
            if m.start() >= end:
                break
            if m.end() > start and m.start() > last:
                counts[m.group()] += 1
                last = m.start()
    return counts


LOWERED_MAX = 4_000_000  # characters of a text kept a second time, in lower case, for the search above


def _lowered(doc) -> str | None:
    """The whole text in lower case, made once, if each character stays one character (then
    a place in it is the same place in the text); None for a huge text (not copied)."""
    memo = doc.facts.memo  # a fact of the whole text, shared by the chunks it is read in
    known = memo.get("lowered")
    if known is None:
        text = doc.text
        lowered = text.lower() if len(text) <= LOWERED_MAX else ""
        known = memo["lowered"] = lowered if len(lowered) == len(text) else ""
    return known or None


def found_twice(ctx: Context, key: str, pattern: str) -> int:
    """How many times (0, 1 or 2) ``pattern`` matches the text: enough to tell a habit
    from a single use. Compiled and counted once per document under ``(key, pattern)``."""
    memo_key = (key, pattern)
    known = ctx.memo.get(memo_key)
    if known is None:
        finds = regex.compile(pattern).finditer(ctx.doc.text)
        known = ctx.memo[memo_key] = sum(1 for _ in zip(range(2), finds))
    return known


def in_identifier(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is glued by a hyphen or an underscore to more letters or
    digits: part of an identifier ("eslint-config-prettier", "test-…-nexttick",
    "MACOS_DEPLOYMENT_TARGET"), whose parts keep the case the identifier gives them."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (before in "-_" and start >= 2 and text[start - 2].isalnum()) or (
        after in "-_" and end + 1 < len(text) and text[end + 1].isalnum()
    )


# Endings that inflect a word: "inlines", "timestamping", "webfonts", "mtimes". The
# stem may drop a final "e" ("inlining") or double its last letter ("mapped").
INFLECTION_ENDINGS = ("ing", "ed", "es", "s", "er", "ers")
MIN_STEM = 4


def inflects_known_word(vocab: Vocabulary, lower: str) -> bool:
    """True when ``lower`` is a known word (an English or software word) with an
    inflection added: "inlines" (inline), "timestamping" (timestamp), "mtimes"
    (mtime), "webfonts" (webfont). Such a form is a word the lists hold in
    another form, neither two words run together nor a misspelling; the lists
    just do not hold every inflection of a software word.
    """
    for ending in INFLECTION_ENDINGS:
        if not lower.endswith(ending) or len(lower) - len(ending) < MIN_STEM:
            continue
        stem = lower[: -len(ending)]
        stems = [stem]
        if ending[0] in "ei":
            stems.append(stem + "e")  # "inlining", "timestamped" / "inlined"
            if len(stem) > MIN_STEM and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "mapped"
        if any(vocab.is_word(s) or vocab.is_technical_word(s) for s in stems):
            return True
    return False


ENCLOSING = {"(": ")", "[": "]", "'": "'", '"': '"', "‘": "’", "“": "”"}


def bracketed_alone(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` stands alone in brackets or quotes: "(freestraws)",
    "[rackup]", "the 'morestack' feature". A lone word so enclosed is a handle, a
    name or an abbreviation (a changelog's author, a link's label, a feature's
    name), not running prose."""
    if start == 0 or end >= len(text):
        return False
    close = ENCLOSING.get(text[start - 1])
    return close is not None and text[end] == close


LINK_TARGET_RE = regex.compile(r"[^\[\]\n]*\]\(([^()\s]*)")
LINK_READ = 2000  # characters read after a word for the rest of its link text and the target


def named_by_own_link(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is in a Markdown link's text and its target spells
    it too: "[rackup](https://…/rackup-howto)". The link names the thing the word is.

    (Read to a bound: ``regex`` first hunts for the "](" the pattern needs, and
    through the rest of a long text that made every call a scan of it.)"""
    m = LINK_TARGET_RE.match(text, end, end + LINK_READ)
    return m is not None and text[start:end].lower() in m.group(1).lower()


def read_as_ocr(ctx: Context) -> bool:
    """True unless the document's damage profile says it is not OCR (a text read alone,
    by a gate, has none, and may be: gates must over-select)."""
    setup = ctx.memo.get("ocr")
    return setup is None or setup.profile.ocr


def typed_page(ctx: Context) -> bool:
    """Whether the whole text is a typed page (:func:`repair.profile.typed`: code spans,
    fences, links; no scan has them), found once per text."""
    memo = ctx.doc.facts.memo  # a fact of the whole text, shared by the chunks it is read in
    known = memo.get("typed")
    if known is None:
        from ..profile import typed  # (the profile stage; imported where first needed, as ocr_context does)

        known = memo["typed"] = typed(ctx.doc.text)
    return known
