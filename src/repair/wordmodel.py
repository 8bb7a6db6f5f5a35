"""Word context: how likely a word is here, given its neighbours and its document.

Three sources, combined as a probability a word takes in a given place:

* general English: symspellpy's unigram counts and its bigram *counts*
  (the vocabulary keeps only the bigrams' membership), compiled once into the
  on-disk cache as sorted 64-bit keys beside an array of counts;
* a team's own archive, if given (:class:`TeamModel`, built by
  ``repair model build``), added to the general counts;
* the document itself (:class:`DocumentCache`): OCR damage is sparse, so the
  right form of a rare word or name usually occurs elsewhere in the text.

The unigram and bigram lists come from different corpora (the bigram counts
are about 23 times larger in total), so a pair is scored by pointwise mutual
information, which compares each list with itself: how much more often the
pair occurs than its words' frequencies predict. The bigram list is cut off
below a count; a pair missing from it says something only when its expected
count lies above that cut-off (then the pair is rarer than chance), and
nothing otherwise.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import regex

from .errors import ResourceError
from .fast_re import Lazy
from .memo import remember
from .vocabulary import LINE_RE, Vocabulary, _key, _table

BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"
MODEL_HEADER = "# repair word model 1"
PMI_RANGE = (-6.0, 8.0)  # a pair's evidence is bounded: one bigram must not outweigh everything
DOC_WEIGHT = 0.1  # share of a word's probability that comes from its own document
DOC_PSEUDO_SIZE = 1000  # words: a short document's few repeats must not read as a habit
FLOOR = 1e-10  # probability of a word no list and no other place in the document knows
MEMO_PAIRS = 200_000  # pairs whose membership and PMI are remembered (then all are forgotten)
WORD_RE = Lazy(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*")


class CountedPairs:
    """A read-only map from string to count, kept as sorted 64-bit hashes and an array.

    Like :class:`~repair.vocabulary.HashedSet`, with a count per key: the
    242,000 bigrams take 4 MB instead of 40.
    """

    def __init__(self, packed: bytes) -> None:
        view = memoryview(packed)
        n = len(packed) // 16
        self._keys = view[: n * 8].cast("Q")
        self._counts = view[n * 8 :].cast("Q")

    @staticmethod
    def pack(items: Iterable[tuple[str, int]]) -> bytes:
        merged: dict[int, int] = {}
        for text, count in items:
            key = _key(text)
            merged[key] = merged.get(key, 0) + count
        keys = sorted(merged)
        return array("Q", keys).tobytes() + array("Q", (merged[k] for k in keys)).tobytes()

    def get(self, text: str) -> int:
        key = _key(text)
        keys = self._keys
        i = bisect_left(keys, key)
        return self._counts[i] if i < len(keys) and keys[i] == key else 0

    def __len__(self) -> int:
        return len(self._keys)

    def total(self) -> int:
        return sum(self._counts)


def _parse_bigram_counts(text: str) -> bytes:
    def rows():
        for m in LINE_RE.finditer(text):
            parts = m.group().split(" ")
            if len(parts) == 3 and parts[2].isdigit():
                yield f"{parts[0]} {parts[1]}", int(parts[2])

    return CountedPairs.pack(rows())


@dataclass(frozen=True)
class TeamModel:
    """Word unigram and bigram counts learned from a team's own clean text."""

    unigrams: Mapping[str, int]
    bigrams: Mapping[str, int]  # "first second", lower case

    @classmethod
    def learn(cls, texts: Iterable[str]) -> TeamModel:
        """Count the lower-case words of ``texts`` and each pair of words next to each other
        (a pair is not counted across a sentence end or a line break)."""
        unigrams: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        for text in texts:
            for line in text.splitlines():
                for sentence in regex.split(r"[.!?;:()\"“”]", line):
                    words = [w.lower() for w in WORD_RE.findall(sentence)]
                    unigrams.update(words)
                    bigrams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
        return cls(dict(unigrams), dict(bigrams))

    def dumps(self) -> str:
        lines = [MODEL_HEADER]
        lines += [f"1\t{w}\t{n}" for w, n in sorted(self.unigrams.items())]
        lines += [f"2\t{p}\t{n}" for p, n in sorted(self.bigrams.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def load(cls, path: str | Path) -> TeamModel:
        """Read a model written by :meth:`dumps` (``repair model build``)."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ResourceError(f"cannot read word model {path}: {exc}") from exc
        if not text.startswith(MODEL_HEADER):
            raise ResourceError(f"{path} is not a word model (built by `repair model build`)")
        unigrams: dict[str, int] = {}
        bigrams: dict[str, int] = {}
        for number, line in enumerate(text.splitlines()[1:], start=2):
            parts = line.split("\t")
            if len(parts) != 3 or parts[0] not in ("1", "2") or not parts[2].isdigit():
                raise ResourceError(f"{path}:{number}: not a word model line: {line!r}")
            (unigrams if parts[0] == "1" else bigrams)[parts[1]] = int(parts[2])
        return cls(unigrams, bigrams)

    @classmethod
    def merged(cls, models: Iterable[TeamModel]) -> TeamModel:
        unigrams: Counter[str] = Counter()
        bigrams: Counter[str] = Counter()
        for model in models:
            unigrams.update(model.unigrams)
            bigrams.update(model.bigrams)
        return cls(dict(unigrams), dict(bigrams))


@dataclass(frozen=True)
class DocumentCache:
    """The document's own words (lower case) and how often each occurs."""

    counts: Mapping[str, int]
    size: int

    @classmethod
    def of_forms(cls, form_counts: Mapping[str, int]) -> DocumentCache:
        """From a document's token form counts (any case; punctuation is skipped)."""
        counts: Counter[str] = Counter()
        for form, n in form_counts.items():
            if form[:1].isalpha():
                counts[form.lower()] += n
        return cls(counts, sum(counts.values()))

    def others(self, word: str) -> int:
        """Occurrences of ``word`` besides the one being judged."""
        return max(0, self.counts.get(word, 0) - 1)


@dataclass
class WordContext:
    """General and team counts, read lazily; one per :class:`~repair.Repairer`."""

    vocabulary: Vocabulary
    team: TeamModel | None = None
    team_weight: float = 50.0  # a team's word counts once in a scale of general counts (see _scale)
    _memo: dict = field(default_factory=dict, repr=False)
    _pairs: dict = field(default_factory=dict, repr=False)  # (first, second) -> has_pair
    # what the OCR corrector finds of a word form alone, by channel (see Corrector.shared)
    forms: dict = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        return {"vocabulary": self.vocabulary, "team": self.team, "team_weight": self.team_weight}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    @cached_property
    def _bigrams(self) -> CountedPairs:
        path = resources.files("symspellpy") / BIGRAM_FILE
        return CountedPairs(_table(path, "bigram-counts", _parse_bigram_counts))

    @cached_property
    def _totals(self) -> tuple[float, float, float]:
        """Total unigram count, total bigram count, and the bigram list's cut-off."""
        bigrams = self._bigrams
        return float(self.vocabulary.total), float(bigrams.total()), float(min(bigrams._counts) if len(bigrams) else 1)

    @cached_property
    def _scale(self) -> float:
        """General counts per word of team text: a team's archive of 1M words weighs like
        a 50th of the general corpus, so its own words and pairs count, not swamp."""
        if not self.team:
            return 0.0
        team_total = sum(self.team.unigrams.values()) or 1
        return self.team_weight * self._totals[0] / 1e3 / team_total

    def load(self) -> None:
        """Load the tables now (before forking workers)."""
        self._totals  # noqa: B018 - loads the bigram table

    def count(self, word: str) -> float:
        """The general count of lower-case ``word``, plus its team count scaled."""
        n = float(self.vocabulary.count(word))
        if self.team:
            n += self.team.unigrams.get(word, 0) * self._scale
        return n

    def probability(self, word: str, doc: DocumentCache | None = None, vouched: bool = True) -> float:
        """P(word): general (and team) frequency, mixed with the word's frequency elsewhere in
        ``doc`` (taken as none unless its other uses ``vouched`` for it: a scan's habitual
        misreading, "aud" beside "and", is no word of the text however often it recurs)."""
        total = self._totals[0]
        p = self.count(word) / total
        if doc is not None and doc.size:
            p = (1 - DOC_WEIGHT) * p + DOC_WEIGHT * (doc.others(word) if vouched else 0) / (doc.size + DOC_PSEUDO_SIZE)
        return max(p, FLOOR)

    def pmi(self, first: str, second: str) -> float:
        """log P(first second) / (P(first) P(second)), bounded; 0 when nothing is known.

        A pair the general list lacks is below its cut-off, which argues
        against it only if chance alone would have put it above.
        """
        key = (first, second)
        memo = self._memo
        hit = memo.get(key)
        if hit is not None:
            return hit
        uni_total, bi_total, cutoff = self._totals
        c1, c2 = self.vocabulary.count(first), self.vocabulary.count(second)
        value = 0.0
        team = self.team
        team_pair = team.bigrams.get(f"{first} {second}", 0) if team else 0
        if team_pair and team:
            t1, t2 = team.unigrams.get(first, 0), team.unigrams.get(second, 0)
            total = sum(team.unigrams.values())
            if t1 and t2:
                value = math.log(team_pair * total / (t1 * t2))
        elif c1 and c2:
            pair = self._bigrams.get(f"{first} {second}")
            expected = bi_total * (c1 / uni_total) * (c2 / uni_total)
            value = math.log(pair / expected) if pair else min(0.0, math.log(cutoff / expected))
        return remember(memo, key, max(PMI_RANGE[0], min(PMI_RANGE[1], value)), MEMO_PAIRS)

    def has_pair(self, first: str, second: str) -> bool:
        """True when the general list or the team model holds the pair.

        Remembered (bounded): every pass over an OCR page asks about each pair
        of neighbours again, and "of the" on every page.
        """
        key = (first, second)
        memo = self._pairs
        hit = memo.get(key)
        if hit is not None:
            return hit
        pair = f"{first} {second}"
        return remember(memo, key, bool(self.team and self.team.bigrams.get(pair, 0)) or _key(pair) in self._pair_keys, MEMO_PAIRS)

    @cached_property
    def _pair_keys(self) -> dict[int, None]:
        """The keys of the general list's pairs, as the keys of a dict: :meth:`has_pair` is
        asked about every pair of neighbours in a text read as OCR, and a hashed look-up
        costs a fraction of the sorted table's bisect. About 16 MB, built only then; a
        dict of ints, unlike a set, is never walked by the garbage collector."""
        bigrams = self._bigrams
        if self._totals[2] > 0:  # no pair counted 0 (the list's cut-off is its least count): all at C speed
            return dict.fromkeys(bigrams._keys.tolist())
        return dict.fromkeys(key for key, count in zip(bigrams._keys, bigrams._counts) if count)

    def score(self, word: str, prev: str | None, nxt: str | None, doc: DocumentCache | None = None, vouched: bool = True) -> float:
        """log P(word) plus its association with each neighbour: how well ``word`` fits here
        (``vouched``: see :meth:`probability`)."""
        value = math.log(self.probability(word, doc, vouched))
        if prev:
            value += self.pmi(prev, word)
        if nxt:
            value += self.pmi(word, nxt)
        return value
