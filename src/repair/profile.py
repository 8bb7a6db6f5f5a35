"""What kind of text a document is, read from the document itself.

OCR damage leaves a signature: many word tokens no list knows, and among
them many that one listed scanner confusion turns into a word the same text
uses ("tbe" beside "the", "aU" beside "all"). Machine translation and
edited prose leave neither. So a document is read as OCR when both its rate
of unknown tokens and the share of them a confusion explains are high; the
channel model and the real-word checks then run. Otherwise it gets today's
families (``mt``). ``clean`` is never guessed: it is the caller's word that
the text was edited, and only edits far above threshold are made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from itertools import compress, islice
from operator import itemgetter, not_
from typing import TYPE_CHECKING

from .fast_re import Lazy
from .model import Family, Suspect
from .vocabulary import Vocabulary

if TYPE_CHECKING:  # the channel loads only for a text whose counts may read as OCR
    from .channel import Channel

PROFILES = ("auto", "ocr", "mt", "clean")
SAMPLE_FORMS = 3000  # distinct forms read, at most (a few pages' worth)
MIN_WORDS = 100  # a shorter text (a note, a short Markdown page with URLs) says too little about itself: read as today
MIN_UNKNOWN_RATE = 0.02  # of word tokens (lower-case and mixed-case ones; capitalised ones are mostly names)
COMMON_COUNT = 300_000  # a word this common is a target a confusion may explain a token by (as garbled-word's)
MAX_UNKNOWN_RATE = 0.25  # above this the text is mostly not English (French, code): no English channel applies
MIN_EXPLAINED = 3  # unknown forms one confusion turns into a word of the document
MIN_EXPLAINED_SHARE = 0.1  # ... as a share of the unknown forms
MIN_PERIOD_FORMS = 3  # unknown forms that are a common word in period spelling
MIN_PERIOD_SHARE = 0.2  # ... as a share of the unknown forms (software docs have a few by chance)
# What only a typed page holds: a code span (`npm test`, opening outside a word, so a
# scanner's backtick for an apostrophe, "it`s", is none), a code fence, a
# Markdown link ("[text](target)"). Scans (ICDAR's, the dev set's) have none.
TYPED_RE = Lazy(
    r"(?<![`\w])`[^`\s](?:[^`\n]{0,98}[^`\s])?`(?![`\w])"
    r"|^[ \t]{0,3}(?:`{3,}|~{3,})"
    r"|\[[^\[\]\n]{1,200}\]\([^\s()]{1,500}\)",
    re.MULTILINE,
    engine=re,
)
TYPED_CHARS = 100_000  # read for them, at most: a long text is judged by its first pages, as by its forms
MIN_TYPED = 2  # such marks that make a page typed, not scanned (a fence opens and closes: two)


@dataclass(frozen=True)
class Profile:
    """A document's damage profile: which kind it was read as, and the evidence."""

    kind: str  # "ocr", "mt" or "clean"
    words: int
    unknown_rate: float
    explained: int  # unknown forms one confusion turns into a word of the document

    @property
    def ocr(self) -> bool:
        return self.kind == "ocr"


def known_words(form_counts: Mapping[str, int], vocab: Vocabulary) -> dict[str, int]:
    """The document's words a list knows, lower case, with their counts."""
    known: dict[str, int] = {}
    for form, n in form_counts.items():
        if form[:1].isalpha():
            lower = form.lower()
            if vocab.is_word(lower):
                known[lower] = known.get(lower, 0) + n
    return known


def unknown_forms(form_counts: Mapping[str, int], vocab: Vocabulary) -> dict[str, int]:
    """The document's word forms no list knows, capitalised ones (mostly names) left out.

    Runs on every document under ``auto``: the common case, a known word, is
    settled at C speed (:meth:`Vocabulary.are_words`), the rest one by one.
    """
    forms = [form for form in form_counts if form[:1].isalpha() and not form[0].isupper()]
    listed = vocab.are_words(list(map(str.lower, forms)))
    return {form: form_counts[form] for form in compress(forms, map(not_, listed)) if not vocab.knows(form)}


def questions_print(suspect: Suspect) -> bool:
    """True for a suspect that questions a convention of typeset print, not a damage.

    A scan of print (read as OCR) or a transcription that keeps its layout
    (words broken at line ends as a habit) capitalises nouns, verse lines and
    personifications ("it is Water", "And nought but Memory can trace"), and
    sets punctuation and brackets off with the spaces of justified type
    ("Act ,"). A modern editor would change these; a corrector of print must
    not, since the page printed them so.
    """
    if suspect.kind == Family.RANDOM_CAPITAL:
        return True
    return suspect.kind == Family.PUNCTUATION and any(c.features.get("stray_space") for c in suspect.candidates)


@dataclass(frozen=True)
class _Either:
    first: Container[str]
    second: Container[str]

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second


def period_forms(unknown: Mapping[str, int], targets: Container[str]) -> int:
    """How many ``unknown`` forms are a word of ``targets`` as period print spelt it
    ("onely", "himselfe", "countrey"), found by undoing that spelling."""
    from .period import period_readings  # (only a text whose unknown words may be OCR gets here)

    found = 0
    for form in unknown:
        lower = form.lower()
        for word in period_readings(lower):
            if word in targets:
                found += 1
                break
    return found


def typed(text: str) -> bool:
    """Whether ``text`` carries marks only a typed page has (see :data:`TYPED_RE`).

    >>> typed("Run `npm install`, then `npm test`."), typed("it`s the kings, and it`s his.")
    (True, False)
    """
    end = min(len(text), TYPED_CHARS)
    if text.find("`", 0, end) < 0 and text.find("](", 0, end) < 0 and text.find("~~~", 0, end) < 0:
        return False  # no mark at all, the case of prose and scans: settled at C speed
    return len(list(islice(TYPED_RE.finditer(text, 0, end), MIN_TYPED))) >= MIN_TYPED


def estimate(
    form_counts: Mapping[str, int],
    vocab: Vocabulary,
    channel: Channel | Callable[[], Channel],
    asked: str = "auto",
    text: str | None = None,
) -> Profile:
    """The profile of a document with these token ``form_counts``; ``asked`` other than
    "auto" is taken as given (the evidence is still measured, for the result).

    ``channel``: the OCR channel, or a function that loads it. It is asked for
    only when the unknown-word rate leaves OCR possible, so the short or clean
    text, the common case, never loads (or imports) the channel model.

    ``text``: the document itself, when at hand: a typed page (:func:`typed`) is
    read as ``mt`` at once. Docs pages full of identifiers otherwise look
    like OCR to the counts, and reading them as OCR is both wrong and slow
    (every token screened, the channel model run on each)."""
    if asked not in PROFILES:
        raise ValueError(f"unknown profile {asked!r}; expected one of {', '.join(PROFILES)}")
    if asked != "auto":
        return Profile(asked, 0, 0.0, 0)
    if len(form_counts) > SAMPLE_FORMS:
        # A long text is judged by the forms it uses first (its first pages): the cost
        # stays bounded, and damage, when there is any, shows from the start.
        form_counts = dict(zip(islice(form_counts, SAMPLE_FORMS), islice(form_counts.values(), SAMPLE_FORMS)))
    words = sum(compress(form_counts.values(), map(str.isalpha, map(itemgetter(0), form_counts))))
    if words < MIN_WORDS or text is not None and typed(text):
        return Profile("mt", words, 0.0, 0)
    unknown = unknown_forms(form_counts, vocab)
    rate = sum(unknown.values()) / words
    if not MIN_UNKNOWN_RATE <= rate <= MAX_UNKNOWN_RATE:
        return Profile("mt", words, rate, 0)  # too clean for OCR, or another language altogether
    targets = _Either(known_words(form_counts, vocab), vocab.common_words(COMMON_COUNT))
    if callable(channel):
        channel = channel()
    explained = channel.signature(unknown, targets)
    ocr = explained >= MIN_EXPLAINED and explained >= MIN_EXPLAINED_SHARE * len(unknown)
    # Period print ("onely", "himselfe") reaches a repairer by being scanned: read it as OCR,
    # whose rules keep period spelling, not as modern prose to be modernised.
    period = period_forms(unknown, targets)
    ocr = ocr or period >= MIN_PERIOD_FORMS and period >= MIN_PERIOD_SHARE * len(unknown)
    return Profile("ocr" if ocr else "mt", words, rate, explained)
