"""OCR damage judged in context: a noisy channel and a word-context model.

A family of its own ("ocr-context"), not a part of garbled-word: its
evidence is one number, how far the best reading of a token leads every
other reading (the token as written included) under
``P(observed | word) · P(word | neighbours, document)``, while garbled-word
weighs hand-made features of a word alone. Kept apart, each has its own
threshold, each can be selected or ignored, and the benchmark can say what
each buys on OCR.

It reads words only in documents whose damage profile (:mod:`repair.profile`)
reads as OCR; the repairer then reads every token, and sets
``ctx.memo["ocr"]`` (an :class:`OcrSetup`). Elsewhere it reads only sums of
money whose figures the scan read as letters (:mod:`repair.money`), and only
in a text that writes "£": a scan with few misread words reads as MT, but
its sums are still print. Clean text pays a search for "£" for it.
:func:`could_flag` answers, for a token form alone, whether it could ever
lead to a flag here (the screen's question).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from typing import TYPE_CHECKING

from ..casing import shape
from ..fast_re import Twin
from ..memo import remember
from ..settings import setting
from ..model import Candidate, Family, Suspect, Token
from ..resources import Resources
from . import garbled
from .base import Context
from .evidence import broken_half, glued

if TYPE_CHECKING:  # the model's modules load with the first OCR document, not with the package
    from ..channel import Channel
    from ..ocr_correct import Hypothesis
    from ..profile import Profile
    from ..wordmodel import WordContext

family = Family.OCR_CONTEXT
# Under the OCR profile the repairer reads every token (an exhaustive
# screening), so no gate is needed; elsewhere this detector flags nothing.
reads = "text"
gate = None
context_features: dict = {}

MAX_LEN = 25
OCR_DIGITS = frozenset("0158")
REAL_WORD_MIN_LEN = 3  # a shorter known word is a real-word suspect only when it is rare ("ef", not "of")
MEMO_SIZE = 50_000  # entries a document's memo keeps of each kind (then forgets all: a huge text's memory stays bounded)
# Capitals whose lower case OCR reads as a capital by its shape alone ("In" for "in": the
# dot of i lost in a serif), whatever the word
CASE_SHAPES = frozenset("I")
# ... a habit of the scan where its function words are so capitalised this many times as often
# as the text's others (a text whose capitals are its style or lost breaks shows about 1)
SHAPE_HABIT_EXCESS = 3.0
SHAPE_HABIT_MIN = 3  # such capitals seen at least this often
FUNCTION_ZIPF = setting("shared", "function-word-zipf")  # "in", "the", "and": function words
UPPER_MIN_LEN = 5  # capitals (headings, advertisements) this long are read as words, not abbreviations


@dataclass(frozen=True)
class OcrSetup:
    """What a document read as OCR brings to this detector: its profile, the word
    context, the channel, and whether real words may be suspects."""

    profile: Profile
    word_context: Callable[[], WordContext]  # the Repairer's model, made on first use (see context)
    channel: Channel | None  # None unless the profile reads OCR (elsewhere this detector reads nothing)
    real_words: bool = True
    keep_hyphens: bool = False  # line-break hyphens ("pro- perty") are this text's convention
    # What this document's passes found that holds for all of them (each later pass
    # reads every word again): see Corrector's memo and _form_facts
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def context(self) -> WordContext:
        """The word-context model: made (and its module imported) only when a detector
        reads it, so a short clean page never loads it."""
        return self.word_context()


def could_flag(form: str, resources: Resources) -> bool:
    """Could ``form``, alone, ever lead to a flag of this family (in a document read as OCR)?

    Every word of a plausible length may: a known word can be a real-word
    error. Under any other profile nothing is flagged, whatever the form
    (see :func:`real_word_checks` for the document-level switch).
    """
    if not 2 <= len(form) <= MAX_LEN or not form[:1].isalnum():
        return False
    return any(ch.isalpha() for ch in form)


def real_word_checks(profile: Profile) -> bool:
    """Whether known words are suspects in this document: only when it reads as OCR."""
    return profile.ocr


def detect(ctx: Context) -> Iterator[Suspect]:
    setup: OcrSetup | None = ctx.memo.get("ocr")
    if setup is None or not setup.profile.ocr:
        if "£" in ctx.doc.text:  # a scan read as another kind of text still prints its sums so
            yield from _sums(ctx, strict=True)
        return
    from ..ocr_correct import Corrector
    from ..period import period_readings
    from ..profile import known_words, unknown_forms
    from ..wordmodel import DocumentCache


    doc, vocab = ctx.doc, ctx.vocab
    counts = doc.form_counts
    unknown, known = unknown_forms(counts, vocab), known_words(counts, vocab)
    cache = DocumentCache.of_forms(counts)
    learned = setup.memo.get("learned")
    if learned is None:  # the scan's habits are judged on the text as it came (a pass's fixes hide them from the next)
        learned = setup.memo["learned"] = setup.channel.learned(unknown, known)
        setup.memo["first-reading"] = cache
    channel = learned.refined(unknown, known)
    common = garbled.candidate_tables(vocab)[0]
    corrector = Corrector(
        setup.context, channel, cache, vocab, common, partial(garbled.one_edit_words, ctx.resources), setup.memo, setup.memo["first-reading"]
    )
    lexicon = ctx.lexicon
    yield from _hyphen_joins(ctx, corrector)
    yield from _sums(ctx)
    facts_of = _facts_memo(corrector.shared, lexicon, setup.real_words)
    for token in doc.words():
        form = token.text
        facts = facts_of.get(form, UNSEEN)
        if facts is UNSEEN:
            facts = remember(facts_of, form, _form_facts(form, vocab, ctx.resources), MEMO_SIZE)
            if facts:
                lower, kind, known = facts
                # the lexicon entries it may start, and the modern words it may be a period spelling of
                starts = tuple(lexicon.starting_with(lower))
                readings = () if known else tuple(period_readings(lower))
                facts = facts_of[form] = (lower, kind, known, starts, readings, known and _quiet(form, lower, kind, setup, corrector))
        if not facts:
            continue
        lower, kind, known, starts, readings, quiet = facts
        if known and kind == "title" and form[0] in CASE_SHAPES:
            suspect = _small_capital(ctx, token, form, lower, corrector, setup)
            if suspect is not None:
                yield suspect
                continue
        if quiet or quiet is None and not corrector.overused(form, lower):
            continue  # a known word that no neighbours could make a suspect
        if doc.is_protected(token.start, token.end) or glued(ctx, token):
            continue  # "`code`ing" belongs to something larger
        prev, nxt = _neighbour(doc.prev_word(token)), _neighbour(doc.next_word(token))
        if starts and _named(starts, form, nxt, exact=known or kind == "mixed"):
            continue
        overused = False
        if known:
            if not (prev or nxt) or not (prev and nxt) and not corrector.overused(form, lower):
                continue  # context on both sides; on one (beside a comma) only for a misreading the scan keeps making
            if not corrector.has_rivals(form, prev, nxt):
                continue  # the word is its own best reading
            overused = corrector.overused(form, lower)
            hypotheses = corrector.realword(form, prev, nxt)
        else:
            if kind == "title" and not doc.is_sentence_start(token) and doc.form_counts[form] > 1:
                continue  # a capitalised unknown word written so more than once is a name
            if broken_half(ctx, token) or any(w in common or w in corrector.doc.counts for w in readings):
                continue  # half of "propor- tion"; "seene" is how the period spelt "seen"
            hypotheses = corrector.nonword(form, prev, nxt)
        if hypotheses[0].how == "keep":
            continue
        # a real word the page overuses is scored as the damage its repeats show it to be
        yield _flag(token, hypotheses, known and not overused)


# A hyphen inside a word with no space after it, between a word part and a lower-case part.
# (a Twin: searched over the whole text on every pass, at re's speed where that is exact)
HYPHEN_INSIDE_RE = Twin(r"(?<![\p{L}\p{M}\p{N}'’-])(\p{L}{2,})-(\p{Ll}{2,})(?![\p{L}\p{M}\p{N}'’-])")
# Prefixes that print joins with a hyphen on purpose ("pre-paid", "co-operate", "re-enter").
HYPHEN_PREFIXES = frozenset(
    {"pre", "re", "co", "non", "post", "anti", "semi", "sub", "ex", "self", "un", "mid", "multi", "pro", "de", "inter", "extra", "ultra", "vice", "neo"}
)
JOIN_MIN_COUNT = 100_000  # the joined word is a common one (or the text writes it whole elsewhere)


UNSEEN = object()  # a form not yet in the facts memo (where None says "no reading of it is tried")


def _facts_memo(shared: dict, lexicon, real_words: bool) -> dict:
    """The memo of :func:`_form_facts` and what detect adds to them, by form: they hold for
    every document read with this lexicon, these word lists and confusions, so they are
    kept with the corrector's other answers about a form alone (``Corrector.shared``),
    not per document (a pipeline's documents share most of their words)."""
    key = ("facts", real_words)
    kept = shared.get(key)
    if kept is None or kept[0] is not lexicon:
        kept = shared[key] = (lexicon, {})
    return kept[1]


def _form_facts(form: str, vocab, resources: Resources) -> tuple[str, str, bool] | None:
    """What a token's form alone says: None when no reading of it is tried here, else
    its lower case, its shape, and whether a list knows it (remembered across a
    Repairer's documents, see :func:`_facts_memo`: every pass reads every word again)."""
    if not could_flag(form, resources):
        return None
    if any(ch.isdigit() for ch in form) and not set(filter(str.isdigit, form)) <= OCR_DIGITS:
        return None
    if not form.isascii() and unicodedata.normalize("NFKC", form) != form:
        return None
    kind = shape(form)
    if kind == "upper" and len(form) < UPPER_MIN_LEN or "'" in form or "’" in form:
        return None  # "BBC", "NATO": short capitals are abbreviations more often than damage
    if form[0].isdigit():
        return None  # "8s" is eight shillings
    lower = form.lower()
    return lower, kind, kind != "mixed" and (vocab.knows(form) or vocab.is_word(lower))  # "aU": a scan's capital inside


def _quiet(form: str, lower: str, kind: str, setup: OcrSetup, corrector) -> bool | None:
    """Whether a known word is no real-word suspect whatever its neighbours (its form alone
    says so). None for a capitalised word that could be one: it is one only where its page
    overuses it, a fact of each document, asked at each use (the rest is kept across them)."""
    if not form.isascii() or not setup.real_words:
        return True  # accented words; or a text whose real words are not suspects
    if kind not in ("lower", "title"):
        return True  # capitals and names
    if len(form) < REAL_WORD_MIN_LEN and lower in corrector.common:
        return True  # "be", "no": a common short word is no suspect; "ef", "bo" (a letter's name) may be
    if not corrector.could_have_rivals(form, lower):
        return True
    return None if kind == "title" else False  # "Tho": a suspect where the page overuses "tho"


def _hyphen_joins(ctx: Context, corrector) -> Iterator[Suspect]:
    """"litera-ture": a word whose line-end hyphen stayed when the scan lost the line break.

    Like "pro- perty", a line-break hyphen is the text's layout: the flag is
    dropped unless rejoining is asked for (``rejoin_hyphens``).

    Only where a half is no word and the whole is one: compounds ("to-day",
    "well-known") have words on both sides, and prefixes are left as printed.
    """
    doc, vocab = ctx.doc, ctx.vocab
    for m in HYPHEN_INSIDE_RE.finditer(doc.text):
        left, right = m.group(1), m.group(2)
        if shape(left) not in ("lower", "title") or left.lower() in HYPHEN_PREFIXES:
            continue
        word = (left + right).lower()
        if vocab.is_word(left.lower()) and vocab.is_word(right) or not vocab.is_word(word):
            continue
        if vocab.count(word) < JOIN_MIN_COUNT and not corrector.doc.counts.get(word):
            continue
        if doc.is_protected(m.start(), m.end()):
            continue
        before = doc.text[max(0, m.start() - 40) : m.start()].split()
        after = doc.text[m.end() : m.end() + 40].split()
        prev = before[-1].lower() if before and before[-1].isalpha() else None
        nxt = after[0].lower() if after and after[0].isalpha() else None
        hypotheses = corrector.joined(left, right, prev, nxt)
        if hypotheses[0].how == "keep":
            continue
        h = hypotheses[0]
        # hyphen_break: a line-break hyphen, which follows the text's convention (kept
        # unless rejoining is asked for; see Repairer's rejoin_hyphens)
        features = {"lead": min(h.score - hypotheses[1].score, 20.0), "pairs": float(h.pairs), "hyphen_break": 1.0}
        reason = f"“{m.group()}” is the word “{h.after}” with the hyphen of a line break the scan lost"
        yield Suspect(m.start(), m.end(), m.group(), Family.OCR_CONTEXT, (Candidate(h.after, features, reason),))


def _small_capital(ctx: Context, token: Token, form: str, lower: str, corrector, setup: OcrSetup) -> Suspect | None:
    """"continue In medium sale": a word the scan began with a capital its shape allows
    (``CASE_SHAPES``), between two lower-case words of one clause.

    Only where the scan shows the confusion as a habit (:func:`_shape_habits`), where the
    text writes the word in lower case at least ``1 / DAMAGE_SHARE`` times as often (so a
    term or name it capitalises, "the Inquiry", stays), and where no sum could be meant
    ("for Is potatoes" may be "1s")."""
    if form[0] not in _shape_habits(ctx, setup):
        return None
    doc = ctx.doc
    if not _mid_clause(doc, token) or lower not in corrector.common:
        return None
    from ..money import is_field
    from ..ocr_correct import DAMAGE_SHARE

    counts = doc.form_counts
    if counts[form] > DAMAGE_SHARE * counts[lower] or is_field(form) or doc.is_protected(token.start, token.end):
        return None
    reason = f"“{form}” between lower-case words is “{lower}”: this scan reads its first letter as a capital of the same shape"
    return Suspect(token.start, token.end, form, Family.OCR_CONTEXT, (Candidate(lower, {"case_shape": 1.0}, reason),))


def _mid_clause(doc, token: Token) -> bool:
    """Whether ``token`` stands between two lower-case words of one clause."""
    prev, nxt = doc.prev_word(token), doc.next_word(token)
    if prev is None or nxt is None or doc.is_sentence_start(token):
        return False
    return prev.text.isalpha() and prev.text.islower() and nxt.text.isalpha() and nxt.text.islower()


def _shape_habits(ctx: Context, setup: OcrSetup) -> frozenset[str]:
    """The capitals of ``CASE_SHAPES`` this scan makes of lower-case letters, judged on the
    text as it came (kept in the document's memo).

    Between two lower-case words of a clause, a function word ("in", "the")
    is capitalised where a line or sentence break was lost, or where verse
    lines are run together: then every function word is, about as often as
    it is used. A letter's capital is the scan's where the function words
    that begin with it are capitalised so at least ``SHAPE_HABIT_EXCESS``
    times as often, for their lower-case uses, as the text's other function
    words are.
    """
    habits = setup.memo.get("shape-habits")
    if habits is None:
        doc, vocab = ctx.doc, ctx.vocab
        least = vocab.count_at_zipf(FUNCTION_ZIPF)
        counts = doc.form_counts
        lower: Counter[str] = Counter()
        capitalised = set()  # the forms to find mid-clause: function words with a capital (few)
        for form, n in counts.items():
            if not form.isalpha() or vocab.count(form.lower()) < least:
                continue
            if form.islower():
                lower[form[0].upper()] += n
            elif form[1:].islower() and form[0].isupper():
                capitalised.add(form)
        capitals = Counter(t.text[0] for t in doc.tokens if t.text in capitalised and _mid_clause(doc, t))

        def rate(letters) -> float:
            return sum(capitals[c] for c in letters) / max(1, sum(lower[c] for c in letters))

        others = rate(set(lower) - CASE_SHAPES)
        habits = setup.memo["shape-habits"] = frozenset(
            c for c in CASE_SHAPES if capitals[c] >= SHAPE_HABIT_MIN and rate(c) >= SHAPE_HABIT_EXCESS * others
        )
    return habits


def _sums(ctx: Context, strict: bool = False) -> Iterator[Suspect]:
    """"£5 Is. Gd.": the figures of a sum of money read as letters (see :mod:`repair.money`;
    ``strict`` where the text is not read as OCR)."""
    from ..money import fixes

    doc = ctx.doc
    for fix in fixes(doc.text, strict):
        if doc.is_protected(fix.start, fix.end):
            continue
        reason = f"“{fix.before}” is the sum “{fix.after}”, its figures read as letters of their shape"
        yield Suspect(fix.start, fix.end, fix.before, Family.OCR_CONTEXT, (Candidate(fix.after, {"money": 1.0}, reason),))


def _named(starts, form: str, nxt: str | None, exact: bool) -> bool:
    """True when a lexicon name starts here, of the entries ``starts`` whose first word is
    the form's: a one-word name, or a longer one whose
    second word follows ("ol" alone is no start of "Ol Kalou"); in any case, or with
    ``exact`` (a known word: "bad" is no part of "Bad Homburg"; a scan's case: "aU"
    is no "AU") as written."""
    entries = [(key, entry) for key, entry in starts if len(key) == 1 or key[1] == nxt]
    if not exact:
        return bool(entries)
    return any(entry.canonical.split()[0] == form for _, entry in entries)


def _neighbour(token: Token | None) -> str | None:
    return token.text.lower() if token is not None and token.text.isalpha() else None


def _flag(token: Token, hypotheses: list[Hypothesis], real_word: bool) -> Suspect:
    """A flag with the two best readings that are not the token as written, each scored by its lead."""
    candidates = []
    for i, h in enumerate(hypotheses):
        if h.how == "keep":
            continue
        rival = max(o.score for j, o in enumerate(hypotheses) if j != i)
        features = {
            "lead": min(h.score - rival, 20.0),
            "real_word": float(real_word),
            "split": float(h.how == "split"),
            "plain_edit": float(h.how == "edit"),
            "pairs": float(h.pairs),
        }
        if real_word:
            reason = f"“{token.text}” is a word, but OCR often makes it of “{h.after}”, which fits its neighbours far better"
        elif h.how == "split":
            reason = f"“{token.text}” is not a word; it reads as “{h.after}” with the space the scan dropped"
        elif h.how == "document":
            reason = f"“{token.text}” is not a word; the text writes “{h.after}” elsewhere"
        else:
            reason = f"“{token.text}” is not a word; OCR readily makes it of “{h.after}”, which fits the context best"
        candidates.append(Candidate(h.after, features, reason))
        if len(candidates) == 2:
            break
    return Suspect(token.start, token.end, token.text, Family.OCR_CONTEXT, tuple(candidates))
