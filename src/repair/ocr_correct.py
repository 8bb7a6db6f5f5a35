"""Noisy-channel choice for one suspicious token: which printed word best explains it.

Each hypothesis (a candidate word, or the token as written) is scored
``log P(observed | candidate) + log P(candidate | neighbours, document)``:
the channel (:mod:`repair.channel`) says how easily the scanner turns the
candidate into what we see, the word context (:mod:`repair.wordmodel`) how
well the candidate fits between its neighbours and how often the document
uses it. A candidate's *lead* is its score minus the best other hypothesis's,
the token as written included: the scorer fixes only a clear lead and
reports a narrow one.

Candidates come from undoing the channel's confusions, from single edits
(through the compact tables the garbled-word detector uses), from the
document's own words (a rare word or name damaged in one place and printed
whole in another), and from splitting a token at a dropped space.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence, Set as AbstractSet
from dataclasses import dataclass, field
from itertools import compress

from .casing import cased_like, shape
from .channel import Channel, Path
from .memo import remember
from .period import PERIOD_FORMS, period_variant
from .settings import setting
from .vocabulary import Vocabulary, with_deletions
from .wordmodel import DOC_PSEUDO_SIZE, DOC_WEIGHT, DocumentCache, WordContext

KEEP_FLOOR = 1e-9  # P(an unknown form is a real word printed so), before the document vouches for it
MIN_DOC_FORM_LEN = 4  # shorter document forms are too easily one edit from anything
MIN_SPLIT_PART_COUNT = 1_000_000  # each half of a split must be at least this common ("kingwas")
SPLIT_SHORT = frozenset({"a", "i", "o"})  # one-letter words a split may make
MAX_CANDIDATES = 12
MEMO_SIZE = 50_000  # entries a memo of the corrector keeps (then it forgets all: a few tens of MB at most)
MEMO_CHANNELS = 8  # sets of confusions whose findings are kept (the table's, and documents' learned habits)
MEMO_TARGETS = 20_000  # forms whose targets it keeps (each with its few variants that are words: under 1 KB)
RARE_TARGET_LEN = 8  # a listed word this long, however rare, is a target of confusions ("ruthlessiy"): few long words lie one confusion apart
REAL_WORD_ERROR = 0.02  # per word, the chance OCR made some other word of it (the keep hypothesis's channel)
DAMAGE_SHARE = setting("shared", "damage-share")  # damage makes at most this share of a word's uses (settings.toml)
OVERUSE = 2.0  # a habitual misreading is overused where its repeats make it at least this many times likelier
SHORT_TARGET_MIN = 20  # a short token's document target occurs at least this often (a frequent word of the text)


# place in the channel's order, variant, lower case, confusions, the variant cased as the form
# (None where it is no candidate: the form itself, or how the period spelt it)
Target = tuple[int, str, str, tuple[Path, ...], "str | None"]
# What the memos keep lasts a document's passes: tuples, not lists (a tuple of strings and
# numbers drops out of the garbage collector's reach, a list is walked at every full collection)


@dataclass(frozen=True)
class Hypothesis:
    """One reading of a token: ``after`` (as cased), its score and how it was found."""

    after: str
    score: float
    how: str  # "keep", "confusion", "edit", "document", "split", "join"
    channel: float  # log P(observed | after)
    pairs: int  # neighbours the general or team bigram list pairs it with


@dataclass
class DocumentForms:
    """The document's own word forms, indexed by their one-letter deletions, to find
    the forms one or two edits from a token without comparing it with each."""

    forms: Mapping[str, int]  # lower-case form -> count
    # the index of the last forms indexed, by those forms (a document's passes mostly index the same)
    memo: dict | None = field(default=None, repr=False)
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _near_short: dict[tuple[str, float], list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        indexed = tuple(form for form, n in self.forms.items() if n >= 2 and len(form) >= MIN_DOC_FORM_LEN and form.isalpha())
        last = self.memo.get("doc-forms") if self.memo is not None else None
        if last is not None and last[0] == indexed:
            self._index = last[1]
            return
        # each form's deletions are kept for the document's later passes, whose forms
        # are mostly the same (an edit moves a few counts, and the index is built again)
        deletions = self.memo.setdefault("doc-deletions", {}) if self.memo is not None and indexed else {}
        index: dict[str, tuple[str, ...]] = {}
        get = index.get
        for form in indexed:
            variants = deletions.get(form)
            if variants is None:
                variants = remember(deletions, form, tuple(with_deletions(form)), MEMO_SIZE)
            one = (form,)
            for variant in variants:
                index[variant] = get(variant, ()) + one  # (tuples: see Target)
        self._index = index
        if self.memo is not None:
            self.memo["doc-forms"] = (indexed, index)

    def frequent_near(self, word: str, at_least: float) -> list[str]:
        """The document's short words (up to ``MIN_DOC_FORM_LEN`` letters) used at least
        ``at_least`` times that one insertion, deletion or replacement makes of ``word``."""
        key = (word, at_least)
        found = self._near_short.get(key)
        if found is None:  # (asked again at each of the word's occurrences: remembered for this reading of the counts)
            short, index = self._frequent_short()
            # the forms one edit from ``word`` share a deletion with it (symmetric deletes),
            # each checked, and listed in the order of the document's forms
            near = {form for k in with_deletions(word) for form in index.get(k, ()) if _one_edit(word, form)}
            forms = self.forms
            found = self._near_short[key] = [form for form in sorted(near, key=short.__getitem__) if forms[form] >= at_least]
        return found

    def _frequent_short(self) -> tuple[dict[str, int], dict[str, list[str]]]:
        """The document's frequent short words, each with its place among the forms, and
        indexed by themselves and their one-letter deletions."""
        found = self.__dict__.get("_short")
        if found is None:
            short = [f for f, n in self.forms.items() if n >= SHORT_TARGET_MIN and len(f) <= MIN_DOC_FORM_LEN and f.isalpha()]
            index: dict[str, list[str]] = {}
            for form in short:
                for k in with_deletions(form):
                    index.setdefault(k, []).append(form)
            found = self.__dict__["_short"] = ({form: i for i, form in enumerate(short)}, index)
        return found

    def near(self, word: str) -> dict[str, int]:
        """Forms one or two edits from ``word`` (deletions on either side): form -> edits."""
        found: dict[str, int] = {}
        for form in self._index.get(word, ()):  # word is the form minus a letter, or equal
            if form != word:
                found[form] = 1
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1 :]
            for form in self._index.get(shorter, ()):
                if form == word:
                    continue
                edits = 1 if form == shorter or len(form) == len(word) else 2
                found[form] = min(found.get(form, 9), edits)
        return found


class Corrector:
    """Scores the readings of suspicious tokens in one document."""

    def __init__(
        self,
        context: WordContext,
        channel: Channel,
        doc: DocumentCache,
        vocabulary: Vocabulary,
        common: frozenset[str],
        one_edit: Callable[[str], Sequence[str]],
        memo: dict | None = None,
        first: DocumentCache | None = None,
    ) -> None:
        self.context = context
        self.channel = channel
        self.doc = doc
        self.vocab = vocabulary
        self.common = common
        self.one_edit = one_edit  # lower-case form -> the words of ``common`` one edit away
        # What holds whatever the channel's rates: kept by the caller across the passes
        # over one document (bounded)
        self.memo = {} if memo is None else memo
        # ... and what a word form alone yields (its targets, readings and splits, and a known
        # word's rivals between two neighbours) holds for every document read with this word
        # context and these confusions: a Repairer's documents share most of their words, so
        # it is kept with the word context (bounded alike). Readings, rivals and splits never
        # read what a document taught the channel (its learned confusions read unknown forms
        # only), so every document shares them; a form's targets do read it, so a document
        # that learned habits keeps its own (a few such sets are kept, apart from the table's)
        table = (channel.table_key, frozenset())
        self.shared = context.forms.setdefault(table, {})
        key = (channel.confusion_key, channel.vowel_habits)
        if key == table:
            self.own = self.shared
        else:
            learned = context.forms.setdefault("learned", {})
            own = learned.get(key)
            self.own = own if own is not None else remember(learned, key, {}, MEMO_CHANNELS)
        self.forms = DocumentForms(doc.counts, self.memo)
        # the document as it came (its first pass): a scan's habits are judged on it
        self.first = doc if first is None else first

    # -- hypotheses ------------------------------------------------------
    def _fit(self, lower: str, prev: str | None, nxt: str | None) -> tuple[float, int]:
        pairs = self._pairs(lower, prev, nxt)
        return self.context.score(lower, prev, nxt, self.doc), pairs

    def _pairs(self, lower: str, prev: str | None, nxt: str | None) -> int:
        """How many of its neighbours ``lower`` forms a known bigram with (0 to 2)."""
        ctx = self.context
        return int(bool(prev) and ctx.has_pair(prev, lower)) + int(bool(nxt) and ctx.has_pair(lower, nxt))

    def _keep_unknown(self, lower: str, habitual: bool = False) -> float:
        """log P(``lower`` is a word printed so): the document vouches for it by its other
        occurrences, unless they are a ``habitual`` misreading of a frequent word."""
        others = 0 if habitual else self.doc.others(lower)
        return math.log(max(KEEP_FLOOR, DOC_WEIGHT * others / (self.doc.size + DOC_PSEUDO_SIZE)))

    def nonword(self, form: str, prev: str | None, nxt: str | None) -> list[Hypothesis]:
        """Readings of ``form``, which no word list knows, best first (the token as written among them)."""
        lower = form.lower()
        channel = self.channel
        found: dict[str, tuple[float, str]] = {}  # candidate (cased) -> (channel log prob, how)

        def offer(after: str, rate: float, how: str) -> None:
            if _offered(form, lower, after, channel.vowel_habits) and rate > found.get(after, NO_OFFER)[0]:
                found[after] = (rate, how)

        confusions, rest, edits = self._targets(form, lower)
        if rest:
            more = [t for low in self.doc.counts.keys() & rest if self.doc.others(low) > 0 for t in self._doc_targets(form, low)]
            if more:
                confusions = sorted([*confusions, *more])  # (in the channel's order)
        for *_, paths, after in confusions:
            if after is not None:
                rate = channel.rate(paths)
                if rate > found.get(after, NO_OFFER)[0]:
                    found[after] = (rate, "confusion")
        if edits:
            sub = channel.cost("sub")
            for after in edits:
                if sub > found.get(after, NO_OFFER)[0]:
                    found[after] = (sub, "edit")
        if lower.isalpha() and len(lower) < MIN_DOC_FORM_LEN:
            # "th", "aad", "wss": a short token one slip from a word the text uses at every turn
            for word in self.forms.frequent_near(lower, max(SHORT_TARGET_MIN, self.doc.counts.get(lower, 0) / DAMAGE_SHARE)):
                if self.vocab.in_word_lists(word):
                    offer(_recase(form, word), channel.cost("sub"), "document")
        if lower.isalpha():
            for word, edits in self.forms.near(lower).items():
                if lower in (word + "s", word + "es", word + "'s"):
                    continue  # "Bungyes" beside "Bungye": the period's possessive or a plural, not damage
                if self.doc.others(word) >= 2 and (edits == 1 or len(word) >= 7):
                    offer(_recase(form, word), edits * channel.cost("sub"), "document")
        seen = self.doc.counts.get(lower, 0)
        habitual = seen > 1 and any(self.doc.counts.get(after.lower(), 0) * DAMAGE_SHARE >= seen for after in found)
        hypotheses = [Hypothesis(form, self._keep_unknown(lower, habitual), "keep", 0.0, 0)]
        for after, (rate, how) in sorted(found.items(), key=lambda kv: -kv[1][0])[:MAX_CANDIDATES]:
            fit, pairs = self._fit(after.lower(), prev, nxt)
            hypotheses.append(Hypothesis(after, rate + fit, how, rate, pairs))
        hypotheses += self._splits(form, prev, nxt)
        return sorted(hypotheses, key=lambda h: -h.score)

    def _targets(self, form: str, lower: str) -> tuple[tuple[Target, ...], tuple[str, ...], tuple[str, ...]]:
        """The words ``form`` may be a misreading of, as far as they hold whatever the
        document's counts and the channel's rates, remembered for later passes and documents (see ``shared``):

        A word a token may be corrected to is common and in a word list (not
        merely frequent, like "pm" or "fwd"), or long and listed, or known and
        used elsewhere in the document. So come:

        * the channel's variants that are targets without the document: common
          and listed, or long and listed, as (their place in
          the channel's order, variant, lower case, the confusions that make it,
          priced by each pass's channel);
        * the lower case of the other variants a list knows: a target only where
          the document uses it elsewhere (see :meth:`_doc_targets`);
        * the listed words one edit away, cased as the form.

        Each comes cased as the form, where it may be offered at all (see
        :func:`_offered`). Most of a form's hundred-odd variants are no word: the lists are asked
        about all of them at once (at C speed), and only the words among them
        are given the confusions that make them.
        """
        memo = self.own.setdefault("targets", {})
        hit = memo.get(form)
        if hit is not None:
            return hit
        vocab, common, habits = self.vocab, self.common, self.channel.vowel_habits
        variants = self.channel.variant_forms(form)
        lows = list(map(str.lower, variants))
        known = vocab.known_among(set(lows))  # listed and more
        listed = vocab.listed_among(known)
        targets: list[tuple[int, str, str]] = []
        rest = set()
        # only the variants a list knows are read (picked at C speed: most forms have none)
        for index in compress(range(len(lows)), map(known.__contains__, lows)):
            variant, low = variants[index], lows[index]
            if not (variant.islower() or _case_fits(form, variant)):
                continue
            if low in listed and (low in common or len(low) >= RARE_TARGET_LEN):
                targets.append((index, variant, low))
            else:
                rest.add(low)
        ways = self.channel.ways_to(form, {variant for _, variant, _ in targets}) if targets else {}
        confusions = tuple((index, variant, low, tuple(ways[variant]), _candidate(form, lower, variant, habits)) for index, variant, low in targets)
        edits: tuple[str, ...] = ()  # (cased as the form, and only those that may be offered)
        if lower.isalpha() and len(lower) >= 4:
            words = [word for word in self.one_edit(lower) if vocab.in_word_lists(word)]
            edits = tuple(after for word in words if (after := _candidate(form, lower, word, habits)) is not None)
        found = remember(memo, form, (confusions, tuple(rest), edits), MEMO_TARGETS)
        return found

    def _doc_targets(self, form: str, low: str) -> tuple[Target, ...]:
        """The variants of ``form`` written ``low`` (in lower case) that a list knows, as
        :meth:`_targets` gives them: targets where the document uses ``low`` elsewhere."""
        memo = self.own.setdefault("doc-targets", {})
        key = (form, low)
        hit = memo.get(key)
        if hit is not None:
            return hit
        found: tuple[Target, ...] = ()
        if self.vocab.knows(low):
            written = [(i, v) for i, v in enumerate(self.channel.variant_forms(form)) if v.lower() == low and _case_fits(form, v)]
            ways = self.channel.ways_to(form, {variant for _, variant in written})
            lower = form.lower()
            found = tuple((index, variant, low, tuple(ways[variant]), _candidate(form, lower, variant, self.channel.vowel_habits)) for index, variant in written)
        remember(memo, key, found, MEMO_SIZE)
        return found

    def _splits(self, form: str, prev: str | None, nxt: str | None) -> list[Hypothesis]:
        """``form`` read as two words run together ("kingwas" -> "king was")."""
        memo = self.shared.setdefault("splits", {})
        places = memo.get(form)
        if places is None:  # where it splits into two words depends on the form alone: remembered
            places = ()
            if form.isalpha() and len(form) >= 5 and shape(form) in ("lower", "title") and form.lower() not in PERIOD_FORMS:
                lower = form.lower()
                places = tuple(i for i in range(1, len(lower)) if self._split_part(lower[:i]) and self._split_part(lower[i:]))
            remember(memo, form, places, MEMO_SIZE)
        if not places:
            return []
        lower = form.lower()
        out = []
        rate = self.channel.cost("space-dropped")
        ctx = self.context
        for i in places:
            a, b = lower[:i], lower[i:]
            score = rate + ctx.score(a, prev, b, self.doc) + ctx.score(b, None, nxt, self.doc)
            pairs = int(ctx.has_pair(a, b))
            out.append(Hypothesis(form[:i] + " " + form[i:], score, "split", rate, pairs))
        return out

    def _split_part(self, part: str) -> bool:
        if len(part) == 1:
            return part in SPLIT_SHORT
        return len(part) >= 2 and self.vocab.count(part) >= MIN_SPLIT_PART_COUNT and self.vocab.is_word(part)

    def joined(self, left: str, right: str, prev: str | None, nxt: str | None) -> list[Hypothesis]:
        """Readings of ``left-right``, a hyphen inside a word ("litera-ture"), best first:
        the word whose line-end hyphen the scan kept when it lost the line break,
        against the two halves as written."""
        word = (left + right).lower()
        halves = 0.0
        for part, before, after in ((left.lower(), prev, right.lower()), (right.lower(), left.lower(), nxt)):
            known = self.vocab.is_word(part)
            halves += self.context.score(part, before, after, self.doc) if known else self._keep_unknown(part)
        keep = Hypothesis(f"{left}-{right}", halves, "keep", 0.0, 0)
        rate = self.channel.cost("hyphen-kept")
        fit, pairs = self._fit(word, prev, nxt)
        whole = Hypothesis(left + right, rate + fit, "join", rate, pairs)
        return sorted([keep, whole], key=lambda h: -h.score)

    def realword(self, form: str, prev: str | None, nxt: str | None) -> list[Hypothesis]:
        """Readings of ``form``, a known word, as another word one confusion away, best first.

        Only candidates a neighbour pairs with are considered: without
        context, a real word is its own best reading.
        """
        lower = form.lower()
        keep_pairs, rivals = self._rivals(form, lower, prev, nxt)
        keep_fit = self.context.score(lower, prev, nxt, self.doc, vouched=not self.habitual(form, lower))
        keep = Hypothesis(form, math.log(1 - REAL_WORD_ERROR) + keep_fit, "keep", 0.0, keep_pairs)
        if not rivals:
            return [keep]
        hypotheses = [keep]
        for variant, low, pairs, paths in rivals:  # the rate of the confusion is the prior of the error
            rate = self.channel.rate(paths)
            fit = self.context.score(low, prev, nxt, self.doc)
            hypotheses.append(Hypothesis(_recase(form, variant), rate + fit, "confusion", rate, pairs))
        return sorted(hypotheses, key=lambda h: -h.score)

    def habitual(self, form: str, lower: str) -> bool:
        """Whether ``form``, a known word, is one the scan keeps making of a frequent word of
        the document, one confusion away ("aud" 17 times beside "and" 418): damage can make
        at most ``DAMAGE_SHARE`` of a word's uses, so its repeats vouch for nothing.

        Judged on the text as it now reads, not as it came: each fix of the form makes it
        likelier to qualify, so a later pass (which reads again where the form recurs) sees
        what repairing the output again would see, and a second run has nothing to add."""
        counts = self.doc.counts
        seen = counts.get(lower, 0)
        return seen > 1 and any(counts.get(low, 0) * DAMAGE_SHARE >= seen for _, low, _ in self._readings(form, lower))

    def overused(self, form: str, lower: str) -> bool:
        """Whether ``form`` is a habitual misreading (:meth:`habitual`) that the text uses far more
        than English does: its repeats would at least double its probability ("tho" 19 times in
        8,000 words; not "end", which English uses as often as any text)."""
        ctx, first = self.context, self.first
        return self.habitual(form, lower) and ctx.probability(lower, first) >= OVERUSE * ctx.probability(lower, first, vouched=False)

    def has_rivals(self, form: str, prev: str | None, nxt: str | None) -> bool:
        """Whether :meth:`realword` could read ``form`` as anything but itself here: a
        reading one confusion away pairs with more neighbours (most words have none,
        and need no score)."""
        lower = form.lower()
        return self.could_have_rivals(form, lower) and bool(self._rivals(form, lower, prev, nxt)[1])

    def could_have_rivals(self, form: str, lower: str) -> bool:
        """Whether any neighbours could give ``form`` a rival reading: it has a common word
        one confusion away, and is no period spelling (most known words have none)."""
        return lower not in PERIOD_FORMS and bool(self._readings(form, lower))

    def _rivals(self, form: str, lower: str, prev: str | None, nxt: str | None) -> tuple[int, tuple[tuple[str, str, int, tuple[Path, ...]], ...]]:
        """How many neighbours ``form`` pairs with, and the readings one confusion away
        that pair with more (variant, its lower case, its pairs, the confusions that
        make it), in the channel's order.

        Neither depends on the document's counts nor on the channel's rates (a
        refined channel undoes the same confusions), only on the three words: so
        it is remembered for later passes, which read every word again, and documents.
        """
        memo = self.shared.setdefault("rivals", {})
        key = (form, prev, nxt)
        hit = memo.get(key)
        if hit is not None:
            return hit
        keep_pairs = self._pairs(lower, prev, nxt)
        rivals: tuple[tuple[str, str, int, tuple[Path, ...]], ...] = ()
        if keep_pairs < 2 and lower not in PERIOD_FORMS:  # "shewed" is how the period spelt "showed"
            rivals = tuple(
                (variant, low, pairs, paths)
                for variant, low, paths in self._readings(form, lower)
                if (pairs := self._pairs(low, prev, nxt)) > keep_pairs
            )
        remember(memo, key, (keep_pairs, rivals), MEMO_SIZE)
        return keep_pairs, rivals


    def _readings(self, form: str, lower: str) -> tuple[tuple[str, str, tuple[Path, ...]], ...]:
        """The common words one listed confusion from ``form``, cased to fit (a few per word,
        often none), with the confusions that make them, in the channel's order (remembered)."""
        once = self.shared.setdefault("readings", {})
        readings = once.get(form)
        if readings is None:
            channel = self.channel
            variants = [
                variant
                for variant in channel.variant_forms(form, two_steps=False)
                if (low := variant.lower()) != lower and low in self.common and _case_fits(form, variant)
            ]
            ways = channel.ways_to(form, set(variants), two_steps=False)
            learned = channel.learned_pairs  # (a document's own confusions read only unknown forms)
            listed = {variant: [path for path in ways[variant] if learned.isdisjoint(path)] for variant in variants}
            readings = tuple((variant, variant.lower(), tuple(listed[variant])) for variant in variants if listed[variant])
            remember(once, form, readings, MEMO_SIZE)
        return readings


NO_OFFER = (-math.inf, "")


def _offered(form: str, lower: str, after: str, vowel_habits: AbstractSet[tuple[str, str]] = frozenset()) -> bool:
    """Whether ``after`` may be offered as a reading of ``form``: not the form itself,
    and not how the period spelt it ("onely" is how the period spelt "only", not damage),
    unless it is one vowel for another that this scan makes as a habit (``vowel_habits``)."""
    if after == form:
        return False
    word = after.lower()
    return not period_variant(lower, word) or _one_swap(lower, word) in vowel_habits


def _one_swap(seen: str, word: str) -> tuple[str, str] | None:
    """The one letter ``seen`` has in place of one of ``word``'s, as (seen, meant); None
    unless they differ so."""
    if len(seen) != len(word):
        return None
    diffs = [(a, b) for a, b in zip(seen, word) if a != b]
    return diffs[0] if len(diffs) == 1 else None


def _candidate(form: str, lower: str, variant: str, vowel_habits: AbstractSet[tuple[str, str]] = frozenset()) -> str | None:
    """``variant`` cased as ``form`` is, where it may be offered (see :func:`_offered`)."""
    after = _recase(form, variant)
    return after if _offered(form, lower, after, vowel_habits) else None


def _one_edit(word: str, form: str) -> bool:
    """True when one insertion, deletion or replacement turns ``word`` into ``form``."""
    if word == form or abs(len(word) - len(form)) > 1:
        return False
    if len(word) == len(form):
        return sum(a != b for a, b in zip(word, form)) == 1
    short, long = sorted((word, form), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _case_fits(form: str, variant: str) -> bool:
    """A variant's letters keep a plausible case: lower, capitalised, or as the form's."""
    return shape(variant) in ("lower", "title", "upper") or shape(variant) == shape(form)


def _recase(form: str, variant: str) -> str:
    """The variant cased as the form was: "shaU" -> "shall", "Tbe" -> "The"; where the
    confusion replaced the first letter, its own case ("Hkewise" -> "likewise")."""
    if shape(form) == "upper":
        return variant.upper()  # "DECEMRER", "USICI": a heading's capitals
    if variant[:1].lower() != form[:1].lower():
        return variant
    if shape(form) == "mixed":
        if form[:2].isupper() and len(form) > 3:
            return variant.upper()  # "DARLINuTON"
        return variant.lower() if form[0].islower() else variant[:1].upper() + variant[1:].lower()  # "WeU"
    return cased_like(form, variant.lower())


def lead(hypotheses: list[Hypothesis]) -> float:
    """How far the best reading is ahead of the next (0 with one reading)."""
    return hypotheses[0].score - hypotheses[1].score if len(hypotheses) > 1 else 0.0
