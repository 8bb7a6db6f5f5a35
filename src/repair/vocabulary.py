"""English word knowledge: frequencies, word lists, proper nouns, casing habits.

Frequencies and bigrams are symspellpy's shipped dictionaries (read as plain
data: building a ``SymSpell`` index costs seconds and we only need counts).
SCOWL's lists add inflections symspellpy lacks and tell which words are proper
nouns. Casing statistics count, per word, how often edited prose capitalises
it mid-sentence (built by ``scripts/build_casing.py``).

Everything loads on first use; a clean file that needs no look-up pays nothing.
"""

from __future__ import annotations

import hashlib
import math
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Set as AbstractSet
from functools import cached_property
from importlib import resources
from itertools import groupby, repeat
from operator import itemgetter, or_

import regex

from .cache import cached_value
from .errors import ResourceError

_DATA = resources.files("repair") / "data"
LINE_RE = regex.compile(r"[^\n]+")


_DIGESTS: dict[str, bytes] = {}  # label -> digest of the bundled data its table was read from


def with_deletions(word: str) -> set[str]:
    """``word`` and every string one deletion makes of it (symmetric deletes): two words
    share one when an edit, or a deletion from each, turns one into the other."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _table(path, label: str, parse, *more):
    """``parse(text)`` for a bundled file (and ``more`` files after it, one text), through the on-disk cache."""
    chunks = []
    for one in (path, *more):
        try:
            chunks.append(one.read_bytes())
        except OSError as exc:  # pragma: no cover - a broken install
            raise ResourceError(f"cannot read bundled data {one}: {exc}") from exc
    data = b"\n".join(chunks)
    digest = _DIGESTS[label] = hashlib.sha256(data).digest()
    return cached_value(digest, label, lambda: parse(data.decode("utf-8")))


def _derived(label: str, build, *tables: str):
    """``build()``, a table computed from loaded ones (``tables``: their labels), through the
    on-disk cache: keyed on their data's digests, so nothing is read again."""
    return cached_value(b"".join(_DIGESTS[table] for table in tables), label, build)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _parse_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if count:
            counts[word] = int(count)
    return counts


def _parse_bigrams(text: str) -> bytes:
    # One line at a time: a list of all 242,000 lines, or a StringIO over the
    # text (four bytes a character), would add tens of MB to the first run's peak.
    return HashedSet.pack(" ".join(m.group().split(" ")[:2]) for m in LINE_RE.finditer(text) if not m.group().isspace())


def _key(word: str) -> int:
    """A stable 64-bit hash of ``word`` (Python's own ``hash`` differs from run to run)."""
    data = word.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


class HashedSet:
    """A read-only set of strings kept as sorted 64-bit hashes.

    An eighth of the memory of a ``frozenset`` of the strings (the bigram
    list alone would take 30 MB), at about a microsecond a look-up; for
    tables consulted per candidate, not per token. A false "yes" needs two
    different checksums to collide at once. With ``remember``, answers are
    kept in a dictionary: for the word lists some detectors consult per
    unknown token, which a docs page repeats.
    """

    MEMO_MAX = 50_000  # answers remembered (``remember``) before the memory starts over

    def __init__(self, packed: bytes, remember: bool = False) -> None:
        self._keys = memoryview(packed).cast("Q")  # read in place: no copy of the table
        self._memo: dict[str, bool] | None = {} if remember else None

    @staticmethod
    def pack(words) -> bytes:
        # Sorted a sixteenth at a time (by the top four bits), each from an
        # array: sorting all the keys at once holds them as Python ints (7 MB
        # for the 212,000 of common_deletes), a set of them 16 MB more.
        buckets = [array("Q") for _ in range(16)]
        for key in map(_key, words):
            buckets[key >> 60].append(key)
        keys = array("Q")
        for bucket in buckets:
            keys.extend(map(itemgetter(0), groupby(sorted(bucket))))
        return keys.tobytes()

    def __contains__(self, word: str) -> bool:
        memo = self._memo
        if memo is not None:
            known = memo.get(word)
            if known is not None:
                return known
        key = _key(word)
        keys = self._keys
        i = bisect_left(keys, key)
        known = i < len(keys) and keys[i] == key
        if memo is not None:
            if len(memo) >= self.MEMO_MAX:
                memo = self._memo = {}  # (a new dictionary: another thread may be reading the old)
            memo[word] = known
        return known

    def __len__(self) -> int:
        return len(self._keys)


def _parse_casing(text: str) -> dict[str, tuple[int, int]]:
    table: dict[str, tuple[int, int]] = {}
    for line in _lines(text):
        word, lower, title = line.split("\t")
        table[word] = (int(lower), int(title))
    return table


def _read_lines(path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - a broken install
        raise ResourceError(f"cannot read bundled data {path}: {exc}") from exc
    return _lines(text)


class Vocabulary:
    """Read-only word statistics, loaded lazily and shared between threads."""

    # Loading is idempotent: two threads racing on a cached property compute
    # the same table twice, never a wrong one, so no lock is needed.
    def __getstate__(self) -> dict:
        return {}  # tables are reloaded on demand after unpickling

    def __setstate__(self, state: dict) -> None:
        pass

    # -- frequency --------------------------------------------------------
    @cached_property
    def _counts(self) -> dict[str, int]:
        path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        return _table(path, "counts", _parse_counts)

    @cached_property
    def _bigrams(self) -> HashedSet:
        path = resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"
        return HashedSet(_table(path, "bigram-hashes", _parse_bigrams))

    @cached_property
    def _words(self) -> frozenset[str]:
        return _table(_DATA / "words.txt", "words", lambda text: frozenset(_lines(text)))

    @cached_property
    def _rare_words(self) -> HashedSet:
        pack = lambda text: HashedSet.pack(_lines(text))  # noqa: E731
        return HashedSet(_table(_DATA / "rare-words.txt", "rare-word-hashes", pack, _DATA / "technical-words.txt"), remember=True)

    @cached_property
    def _technical_words(self) -> HashedSet:
        pack = lambda text: HashedSet.pack(_lines(text))  # noqa: E731
        return HashedSet(_table(_DATA / "technical-words.txt", "technical-word-hashes", pack, _DATA / "software-terms.txt"), remember=True)

    @cached_property
    def _names(self) -> frozenset[str]:
        return _table(_DATA / "names.txt", "names", lambda text: frozenset(_lines(text)))

    @cached_property
    def _casing(self) -> dict[str, tuple[int, int]]:
        return _table(_DATA / "casing.tsv", "casing", _parse_casing)

    @cached_property
    def total(self) -> int:
        return sum(self._counts.values())

    def count(self, word: str) -> int:
        """Corpus frequency of the lower-case ``word`` (0 when unknown)."""
        return self._counts.get(word, 0)

    def log_prob(self, word: str) -> float:
        """Natural log of the word's unigram probability, with a floor for unknowns."""
        return math.log(max(self._counts.get(word, 0), 1) / self.total)

    def zipf(self, word: str) -> float:
        """Frequency on the Zipf scale: log10 of occurrences per billion words (0 if unknown).

        "the" is about 7.6, "depth" 4.7, a rare word 1-2.
        """
        count = self._counts.get(word, 0)
        return math.log10(count * 1e9 / self.total) if count else 0.0

    def counts_of(self, words: Iterable[str]) -> Iterator[int]:
        """:meth:`count` of each lower-case word, at C speed (for long lists)."""
        return map(self._counts.get, words, repeat(0))

    def count_at_zipf(self, zipf: float) -> float:
        """The count at which a word reaches ``zipf`` on the Zipf scale (see :meth:`zipf`)."""
        return 10**zipf * self.total / 1e9

    def is_bigram(self, first: str, second: str) -> bool:
        """True when the frequency list has the pair "``first`` ``second``" (lower case)."""
        return f"{first} {second}" in self._bigrams

    def is_word(self, word: str) -> bool:
        """True when the lower-case ``word`` is an English word in either list."""
        return word in self._counts or word in self._words

    def are_words(self, words: list[str]) -> Iterator[bool]:
        """:meth:`is_word` of each lower-case word of ``words`` (a list: it is read twice), at C speed."""
        return map(or_, map(self._counts.__contains__, words), map(self._words.__contains__, words))

    def knows(self, form: str) -> bool:
        """True when some list holds ``form``: as a word in any case, or as written as a name."""
        lower = form.lower()
        return lower in self._counts or lower in self._words or lower in self._rare_words or form in self._names or lower in self._technical_words

    def in_word_lists(self, word: str) -> bool:
        """True when the lower-case ``word`` is in SCOWL's lower-case lists (or is a
        software word, see :meth:`is_rare_word`); unlike
        :meth:`is_word`, not merely in the frequency list, which holds every name
        lower-cased ("pfizer")."""
        return word in self._words or word in self._rare_words

    def listed_among(self, words: AbstractSet[str]) -> set[str]:
        """The lower-case ``words`` that :meth:`in_word_lists` holds, all at once at C speed.

        For callers that ask about a hundred strings a token (the OCR
        corrector's variants): it holds the rare-word list as strings (about
        12 MB against 1 MB of hashes), so it is loaded only by them.
        """
        return (self._words & words) | (self._rare_strings[0].keys() & words)

    def known_among(self, words: AbstractSet[str]) -> set[str]:
        """The lower-case ``words`` that :meth:`knows` holds, all at once (see :meth:`listed_among`)."""
        return set(self._known_strings.intersection(words))

    @cached_property
    def _known_strings(self) -> frozenset[str]:
        """Every string :meth:`known_among` may find, in one table: a look-up in a large
        table is a cache miss, and the OCR corrector asks about some seventy variants of
        each unknown form (about 16 MB, the strings shared with the lists; built only then)."""
        rare, technical = self._rare_strings
        return frozenset().union(self._counts, self._words, rare, self._names, technical)

    @cached_property
    def _rare_strings(self) -> tuple[dict[str, None], dict[str, None]]:
        """The words of :attr:`_rare_words` and :attr:`_technical_words`, as strings: the keys
        of dicts, which the garbage collector never walks (it walks every set at each full
        collection) and which take less memory than sets."""
        rare = _read_lines(_DATA / "rare-words.txt") + _read_lines(_DATA / "technical-words.txt")
        technical = _read_lines(_DATA / "technical-words.txt") + _read_lines(_DATA / "software-terms.txt")
        return dict.fromkeys(rare), dict.fromkeys(technical)

    def is_rare_word(self, word: str) -> bool:
        """True when the lower-case ``word`` is only in SCOWL's largest list ("severities"),
        its British one ("armour"), or our list of software words ("datetime", "webhook")."""
        return word in self._rare_words

    def is_technical_word(self, word: str) -> bool:
        """True when the lower-case ``word`` is a word of software writing (ours: "webhook";
        cspell's software terms: "brotli", "kubectl"): never split, and never a misspelling
        of a common word, though one letter from one ("broth"). Kept apart from
        :meth:`is_rare_word`, which also tells prose from code and foreign text."""
        return word in self._technical_words

    def is_common(self, word: str, min_count: int) -> bool:
        """A listed word with at least ``min_count`` occurrences (guards against junk)."""
        return self._counts.get(word, 0) >= min_count and word in self._words

    def common_words(self, min_count: int) -> frozenset[str]:
        """Every word :meth:`is_common` accepts at ``min_count``, to intersect candidate sets with."""
        cache = self.__dict__.setdefault("_common", {})
        words = cache.get(min_count)
        if words is None:
            counts, listed = self._counts, self._words  # loaded first: _derived needs their digests
            build = lambda: frozenset(w for w, n in counts.items() if n >= min_count and w in listed)  # noqa: E731
            words = cache[min_count] = _derived(f"common-words-{min_count}", build, "counts", "words")
        return words

    def common_deletes(self, min_count: int) -> HashedSet:
        """Every string one letter short of a :meth:`common_words` word.

        A word one replacement or insertion away from a common word must,
        with one letter removed (or as it is), be one of these; so the
        candidates of the garbled-word detector are spelt out only where
        one can be found. Compiled into the on-disk cache (1.7 MB).
        """
        cache = self.__dict__.setdefault("_common_deletes", {})
        deletes = cache.get(min_count)
        if deletes is None:
            words = self.common_words(min_count)
            pack = lambda: HashedSet.pack(w[:i] + w[i + 1 :] for w in words for i in range(len(w)))  # noqa: E731
            deletes = cache[min_count] = HashedSet(_derived(f"common-deletes-{min_count}", pack, "counts", "words"))
        return deletes

    def is_name(self, form: str) -> bool:
        """True when SCOWL lists ``form`` (as cased) as a proper noun."""
        return form in self._names

    def casing(self, word: str) -> tuple[int, int]:
        """Mid-sentence (lower-case, capitalised) counts of ``word`` in edited prose."""
        return self._casing.get(word, (0, 0))

    def load(self) -> None:
        """Load everything now (for benchmarks and forked workers)."""
        for name in ("_counts", "_bigrams", "_words", "_rare_words", "_technical_words", "_names", "_casing"):
            getattr(self, name)
