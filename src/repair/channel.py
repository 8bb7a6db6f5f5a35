"""The OCR channel: how likely the scanner turned a printed word into what we see.

Confusions and their rates are data (``data/ocr-channel.tsv``, priors set by
hand from published OCR confusion tables). A document then refines them,
unsupervised: a confusion that turns several of its unknown tokens into
words the same text uses elsewhere is this scan's habit ("tbe", "bim",
"wbich": this printer's h reads as b), and is made likelier for the rest.
The refinement only raises rates the data lists, and by a bounded factor:
a document cannot teach the channel a new confusion.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources

from .errors import ResourceError
from .memo import remember

_DATA = resources.files("repair") / "data"
MAX_BOOST = 8.0  # a document may make a confusion at most this many times likelier
Path = tuple[tuple[str, str], ...]  # confusions (seen, meant) undone one after another
TWO_STEP_MAX_LEN = 14  # two confusions are tried only in words up to this long
# A channel remembers what undo found for this many forms at most (then forgets all
# and starts again): a Repairer's channel is asked about the same forms on every page.
MEMO_FORMS = 50_000
MEMO_REFINED = 8  # refined channels kept (a document's passes usually ask for the same one)
# A scan's own habit: a substitution no row lists, learned from a document (see Channel.learned)
HABIT_MIN_FORMS = 4  # distinct unknown forms it must turn into words the document uses
HABIT_MIN_LEN = 4  # ... each this long at least (a shorter token is one letter from too many words)
HABIT_FORMS_READ = 3000  # unknown forms read for habits, at most (a few pages' worth)
# ... and it must explain at least one in this many of the forms read: slips and period
# spellings make a few forms of any substitution by chance, in proportion to the forms read
# (a transcribed page's likeliest substitution explains about one in 80)
HABIT_SHARE = 100
LETTERS = "abcdefghijklmnopqrstuvwxyz"
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Channel:
    """Confusion rates: ``confusions`` filed by the first character seen, as
    (seen, meant, log probability); ``generic``: log probabilities of any
    substitution, deletion, insertion, dropped and added space."""

    confusions: Mapping[str, tuple[tuple[str, str, float], ...]]
    generic: Mapping[str, float]
    # vowel substitutions this scan makes as a habit (seen, meant): where a word differs from
    # the token by one of them, that is damage, not a period's spelling ("havo", "huve")
    vowel_habits: frozenset[tuple[str, str]] = frozenset()
    # the substitutions no row lists that the document taught it (see learned): read into
    # unknown forms only, never into real words ("wilt" is no "will" for a page that reads l as t)
    learned_pairs: frozenset[tuple[str, str]] = frozenset()
    # what undo and refined found, by form (or by the boosts): the answers are the
    # channel's alone, so they are kept with it (bounded; never pickled)
    _undone: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    _rates: dict = field(default_factory=dict, init=False, compare=False, repr=False)  # (seen, meant) -> rate
    _steps: dict = field(default_factory=dict, init=False, compare=False, repr=False)  # first char -> (seen, meant, len, path)
    _lean_steps: dict = field(default_factory=dict, init=False, compare=False, repr=False)  # first char -> (seen, meant, len)
    _derived: dict = field(default_factory=dict, init=False, compare=False, repr=False)  # "seen" -> longest_seen, "key" -> confusion_key, "table" -> table_key
    _undone_lower: dict = field(default_factory=dict, init=False, compare=False, repr=False)  # form -> (confusion, variant)s
    _refined: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    _learned: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __reduce__(self):
        return (Channel, (dict(self.confusions), dict(self.generic), self.vowel_habits, self.learned_pairs))

    @classmethod
    def load(cls, path=None) -> Channel:
        source = path or _DATA / "ocr-channel.tsv"
        try:
            text = source.read_text(encoding="utf-8")
        except OSError as exc:  # pragma: no cover - a broken install
            raise ResourceError(f"cannot read bundled data {source}: {exc}") from exc
        filed: dict[str, list[tuple[str, str, float]]] = {}
        generic: dict[str, float] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ResourceError(f"{source}:{number}: expected seen, meant, probability")
            seen, meant, rate = parts[0], parts[1], math.log(float(parts[2]))
            if seen.startswith("*"):
                generic[seen[1:]] = rate
            else:
                filed.setdefault(seen[0], []).append((seen, meant, rate))
        return cls({k: tuple(v) for k, v in filed.items()}, generic)

    def cost(self, kind: str) -> float:
        """Log probability of a generic edit (``sub``, ``del``, ``ins``, ``space-dropped``, ``space-added``)."""
        return self.generic.get(kind, math.log(1e-4))

    def undo(self, form: str) -> dict[str, float]:
        """What ``form`` may have been printed as, undoing one confusion: variant -> log P(form | variant).

        Remembered by form: the caller must not change the dict it gets.
        """
        memo = self._undone
        out = memo.get(form)
        if out is None:
            out = remember(memo, form, self._undo(form), MEMO_FORMS)
        return out

    def _undo(self, form: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for i, ch in enumerate(form):
            for seen, meant, rate in self.confusions.get(ch, ()):
                if form.startswith(seen, i):
                    variant = form[:i] + meant + form[i + len(seen) :]
                    if rate > out.get(variant, -math.inf):
                        out[variant] = rate
        return out

    def variants(self, form: str) -> dict[str, float]:
        """Undoing one or two confusions (two only in words up to ``TWO_STEP_MAX_LEN``)."""
        first = self.undo(form)
        found = dict(first)
        if len(form) <= TWO_STEP_MAX_LEN:
            for variant, rate in first.items():
                for twice, more in self.undo(variant).items():
                    if twice != form and rate + more > found.get(twice, -math.inf):
                        found[twice] = rate + more
        return found

    def ways(self, form: str, two_steps: bool = True) -> dict[str, list[Path]]:
        """The variants of ``form`` (:meth:`variants`, or :meth:`undo` without
        ``two_steps``), in their order, each with every sequence of confusions that makes it.

        Which variants there are, and how, holds for every refinement of this
        channel (a refinement changes rates only): a caller may keep the ways
        of a form across a document's passes and price them with each pass's
        channel (:meth:`rate`).
        """
        first = self._ways_once(form)
        if not two_steps or len(form) > TWO_STEP_MAX_LEN:
            return first
        found = {variant: list(paths) for variant, paths in first.items()}
        for variant, paths in first.items():
            for twice, more in self._ways_once(variant).items():
                if twice != form:
                    found.setdefault(twice, []).extend(path + step for path in paths for step in more)
        return found

    def variant_forms(self, form: str, two_steps: bool = True) -> list[str]:
        """The variants of ``form``, as :meth:`ways` lists them, without the confusions.

        Most variants are no word: a caller that wants only the words among
        them finds those first, then asks :meth:`ways_to` how they are made,
        which costs a fraction of building every variant's confusions.
        """
        if not two_steps or len(form) > TWO_STEP_MAX_LEN:
            return list(self._forms_at(form))
        first = self._forms_at(form)
        found = dict(first)
        for variant, at in first.items():
            # A second confusion that reads only the variant's unchanged start (ending at
            # or before ``at``, where the first confusion that made it was undone) is one
            # of the form's own confusions at that place: the variant it makes, made
            # earlier (before ``at``), listed this second variant already. So each
            # variant's second confusions are tried from ``at`` on: the same variants,
            # in the same order, for half the work (tested against the whole scan).
            found.update(self._forms_at(variant, at))
        found.pop(form, None)  # undoing a confusion and its reverse gives the form back: no variant
        return list(found)

    def _lean_step_table(self) -> dict[str, tuple[tuple[str, str, int], ...]]:
        steps = self._lean_steps
        if not steps:
            steps.update({first: tuple((seen, meant, len(seen)) for seen, meant, _ in pairs) for first, pairs in self.confusions.items()})
        return steps

    def _forms_at(self, form: str, start: int = 0) -> dict[str, int]:
        """The variants one confusion makes of ``form``, in order, each with the place of
        the first confusion that makes it; only of the confusions that read past
        ``start`` (see :meth:`variant_forms`)."""
        out: dict[str, int] = {}
        steps = self._lean_step_table()
        for i in range(max(0, start - self.longest_seen + 1), len(form)):
            found = steps.get(form[i])
            if found:
                head = form[:i]
                if i < start:  # (only a confusion reading past ``start``)
                    for seen, meant, n in found:
                        if i + n > start and form.startswith(seen, i):
                            out.setdefault(head + meant + form[i + n :], i)
                    continue
                tail = form[i + 1 :]
                for seen, meant, n in found:
                    if n == 1:
                        out.setdefault(head + meant + tail, i)
                    elif form.startswith(seen, i):
                        out.setdefault(head + meant + form[i + n :], i)
        return out

    def ways_to(self, form: str, wanted: AbstractSet[str], two_steps: bool = True) -> dict[str, list[Path]]:
        """:meth:`ways` for the variants in ``wanted`` only (the same confusions, in the same order).

        A second confusion is tried only where it can make a wanted variant:
        at a place up to which the first variant and a wanted one agree.
        """
        first = self._ways_once(form)
        found = {variant: list(first[variant]) for variant in wanted if variant in first}
        if not wanted or not two_steps or len(form) > TWO_STEP_MAX_LEN:
            return found
        steps = self._step_table()
        longest = self.longest_seen
        for variant, paths in first.items():
            made: dict[str, list[Path]] = {}
            # a confusion undone at i keeps variant[:i] and variant[i + len(seen):]: a wanted
            # variant must share that much of its start and of its end with this one
            size = len(variant)
            start = min(size - longest - _common_suffix(variant, w) for w in wanted)
            reach = min(size, max(_common_prefix(variant, w) for w in wanted) + 1)
            for i in range(max(0, start), reach):
                for seen, meant, n, step in steps.get(variant[i], ()):
                    if n == 1 or variant.startswith(seen, i):
                        twice = variant[:i] + meant + variant[i + n :]
                        if twice in wanted and twice != form:
                            made.setdefault(twice, []).append(step)
            for twice, more in made.items():
                found.setdefault(twice, []).extend(path + step for path in paths for step in more)
        return found

    @property
    def confusion_key(self) -> tuple[tuple[str, str], ...]:
        """The confusions this channel undoes, in order, without their rates: the same for
        every refinement of it, so what depends on them alone may be kept under this key."""
        found = self._derived.get("key")
        if found is None:
            found = self._derived["key"] = tuple((seen, meant) for pairs in self.confusions.values() for seen, meant, _ in pairs)
        return found

    @property
    def table_key(self) -> tuple[tuple[str, str], ...]:
        """:attr:`confusion_key` without the confusions a document taught it (:meth:`learned`):
        the table's own, the same for every document."""
        found = self._derived.get("table")
        if found is None:
            learned = self.learned_pairs
            found = self._derived["table"] = tuple(pair for pair in self.confusion_key if pair not in learned)
        return found

    @property
    def longest_seen(self) -> int:
        """The length of the longest string a confusion reads (2: "rn")."""
        found = self._derived.get("seen")
        if found is None:
            found = self._derived["seen"] = max((len(seen) for pairs in self.confusions.values() for seen, _, _ in pairs), default=1)
        return found

    def _step_table(self) -> dict[str, tuple[tuple[str, str, int, Path], ...]]:
        steps = self._steps
        if not steps:
            for first, pairs in self.confusions.items():
                steps[first] = tuple((seen, meant, len(seen), ((seen, meant),)) for seen, meant, _ in pairs)
        return steps

    def _ways_once(self, form: str) -> dict[str, list[Path]]:
        out: dict[str, list[Path]] = {}
        steps = self._step_table()
        for i, ch in enumerate(form):
            for seen, meant, n, path in steps.get(ch, ()):
                if n == 1 or form.startswith(seen, i):
                    out.setdefault(form[:i] + meant + form[i + n :], []).append(path)
        return out

    def rate(self, paths: list[Path]) -> float:
        """log P(form | variant) for a variant made by ``paths`` (from :meth:`ways`): its
        likeliest way under this channel's rates, as :meth:`variants` gives it."""
        rates = self._rates
        if not rates:
            for pairs in self.confusions.values():
                for seen, meant, rate in pairs:
                    if rate > rates.get((seen, meant), -math.inf):
                        rates[seen, meant] = rate
        if len(paths) == 1 and len(paths[0]) == 1:
            return rates[paths[0][0]]  # (the common case: one confusion, made one way)
        price = rates.__getitem__
        return max(sum(map(price, path)) for path in paths)

    def refined(self, unknown: Iterable[str], known: Mapping[str, int]) -> Channel:
        """This channel with the confusions the document shows raised.

        ``unknown``: the document's unknown word forms; ``known``: the
        lower-case words it uses that a word list knows, with their counts.
        A confusion is counted once per unknown form it turns into a known
        word of the document; its rate is raised by ``1 + hits`` (at most
        ``MAX_BOOST``) when it explains two forms or more.
        """
        hits: Counter[tuple[str, str]] = Counter()
        undone = self._undone_lower
        for form in unknown:
            found = undone.get(form)
            if found is None:
                found = remember(undone, form, self._undo_lower(form), MEMO_FORMS)
            for pair, lower in found:
                if lower in known:
                    hits[pair] += 1
        boosts = tuple(sorted((pair, min(MAX_BOOST, 1 + n)) for pair, n in hits.items() if n >= 2))
        if not boosts:
            return self
        memo = self._refined
        channel = memo.get(boosts)
        if channel is not None:
            return channel
        channel = remember(memo, boosts, self._boosted(hits), MEMO_REFINED)
        return channel

    def learned(self, unknown: Iterable[str], known: Container[str]) -> Channel:
        """This channel with the scan's own habits: letter substitutions, each turning at least
        ``HABIT_MIN_FORMS`` distinct unknown forms of the document into words it uses, and
        at least one in ``HABIT_SHARE`` of the unknown forms read.

        A scanner repeats its confusions across many words; a slip or a period
        spelling does not recur as one substitution (on clean and transcribed
        pages no unlisted substitution reaches four forms). On a long and badly
        damaged text, though, every substitution turns a few forms into words by
        chance (a 115,000-word scan: 129 reach four), so the bar rises with the
        forms read, and a habit stands out from that background. So:

        * one no row lists is added ("effeot", "suoh", "servioe", "oertain": this
          press's c reads as o), at the generic substitution's rate, which
          :meth:`refined` then raises as it raises any listed confusion;
        * one of a vowel for a vowel ("havo", "somo", "whilo") is this scan's
          damage, not the period's spelling (:attr:`vowel_habits`).
        """
        found: dict[tuple[str, str], set[str]] = {}
        read = 0
        for form in unknown:
            lower = form.lower()
            if len(lower) < HABIT_MIN_LEN or not (lower.isascii() and lower.isalpha()):
                continue
            if read == HABIT_FORMS_READ:
                break
            read += 1
            for i, seen in enumerate(lower):
                head, tail = lower[:i], lower[i + 1 :]
                for meant in LETTERS:
                    if meant != seen and head + meant + tail in known:
                        found.setdefault((seen, meant), set()).add(lower)
        listed = set(self.confusion_key)
        least = max(HABIT_MIN_FORMS, read / HABIT_SHARE)
        habits = sorted(pair for pair, forms in found.items() if len(forms) >= least)
        added = tuple(pair for pair in habits if pair not in listed)
        vowels = frozenset(pair for pair in habits if VOWELS.issuperset(pair))
        if not added and not vowels:
            return self
        key = (added, vowels)
        channel = self._learned.get(key)
        if channel is None:
            confusions = {first: list(pairs) for first, pairs in self.confusions.items()}
            for seen, meant in added:
                confusions.setdefault(seen, []).append((seen, meant, self.cost("sub")))
            channel = Channel({k: tuple(v) for k, v in confusions.items()}, self.generic, vowels, frozenset(added))
            remember(self._learned, key, channel, MEMO_REFINED)
        return channel

    def _undo_lower(self, form: str) -> tuple[tuple[tuple[str, str], str], ...]:
        """Each confusion ``form`` shows, at each place, with the lower case of the variant undoing it makes."""
        return tuple(
            ((seen, meant), (form[:i] + meant + form[i + len(seen) :]).lower())
            for i, ch in enumerate(form)
            for seen, meant, _ in self.confusions.get(ch, ())
            if form.startswith(seen, i)
        )

    def _boosted(self, hits: Counter[tuple[str, str]]) -> Channel:
        boosted = {
            first: tuple(
                (seen, meant, rate + math.log(min(MAX_BOOST, 1 + hits[seen, meant])) if hits[seen, meant] >= 2 else rate)
                for seen, meant, rate in pairs
            )
            for first, pairs in self.confusions.items()
        }
        return Channel(boosted, self.generic, self.vowel_habits, self.learned_pairs)

    def signature(self, unknown: Iterable[str], targets: Container[str]) -> int:
        """How many of the ``unknown`` forms one listed confusion turns into a word of ``targets``
        (lower case: the document's words, common words)."""
        return sum(1 for form in unknown if any(v.lower() in targets for v in self.undo(form)))


def _common_suffix(a: str, b: str) -> int:
    """How many last characters ``a`` and ``b`` share."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _common_prefix(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i
