"""Named-entity lexicons: canonical forms and known wrong forms.

File format (UTF-8)::

    # a comment: '#' at the start of a line or after white space
    OpenAI                         <- a canonical form (multi-word allowed)
    High-Flyer Capital Management
    In depth -> DeepSeek           <- a known wrong form and its canonical form
    !Teh                           <- a never-touch form: left exactly as written

``#`` directly after a non-space character is part of the name (``C#``).

A never-touch line (``!`` then a form) says a reviewer rejected a correction
of that form: every command protects each whole-word occurrence of it, as it
does the ``words`` setting, so no detector edits it. It names no canonical
form, so it neither adds a name nor fixes one; ``repair lexicon learn``
writes such lines from rejected edits on the review page.
A malformed line raises :class:`~repair.errors.LexiconError` naming file and line.
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import regex

from .document import TOKEN_RE
from .errors import LexiconError
from .fast_re import Lazy
from .lexicon_cache import cached

COMMENT_RE = Lazy(r"(?:^|\s)#.*$")
CONTROL_RE = Lazy(r"[\x00-\x1f\ud800-\udfff]")
NOT_ALNUM_RE = regex.compile(r"[^\p{L}\p{N}]+")
ARROW = "->"
NEVER = "!"
MAX_ENTRY_TOKENS = 8
MAX_LEXICON_BYTES = 256 * 1024 * 1024  # a million names takes about 20 MB; far past that is not a lexicon


def token_key(text: str) -> tuple[str, ...]:
    """The lower-case token sequence a lexicon form is matched by."""
    return tuple(TOKEN_RE.findall(text.lower()))


def compact_key(text: str) -> str:
    """Letters and digits only, lower-cased: the key fuzzy matching compares."""
    return NOT_ALNUM_RE.sub("", text.lower())


class Entry(NamedTuple):
    """A canonical form, or (with ``alias``) a known wrong form of one.

    A named tuple: a lexicon holds tens of thousands, and tuples are the
    cheapest immutable records to create when the compiled cache is read.
    """

    canonical: str
    source: str
    alias: str | None = None
    # What an entry may do. "full": every family (user lexicons and our
    # hand-written list). "case": casing fixes, and near misses only under
    # strict conditions (large lists: an unlisted surname is too often one
    # letter from some company; see detectors/near_miss.py). "protect": marks
    # a known name for other detectors to leave alone (32,000 place names:
    # "Reading", "Un", "Ouest"), and the same strict near misses of famous ones.
    tier: str = "full"


# An Entry from a row of its four fields, at C speed: Entry._make is a Python
# call per row, 22 ms of a hook's start-up for the built-in lexicon.
_NEW_ENTRY = functools.partial(tuple.__new__, Entry)


def _longest_first(item: tuple[tuple[str, ...], Entry]) -> int:
    return -len(item[0])


# The compiled cache's separators (see Lexicon.freeze): lines between rows, and
# within a bucket's line, RS between its entries and US between an entry's
# row number and its tokens after the first. Parsers reject control
# characters; a form that holds one anyway is frozen the slow way, as tuples.
ROW_SEP, ITEM_SEP, TOKEN_SEP = "\n", "\x1e", "\x1f"
_UNSAFE = Lazy("[\n\x1e\x1f]")


def _pack(strings: list[str]) -> str | tuple[str, ...]:
    """``strings`` as one string of lines, or as a tuple when one holds a line break
    (or there are none: an empty string would read back as one empty line)."""
    joined = ROW_SEP.join(strings)
    return joined if strings and joined.count(ROW_SEP) == len(strings) - 1 else tuple(strings)


def _unpack(packed: str | tuple[str, ...]) -> list[str]:
    """The strings :func:`_pack` packed."""
    return packed.split(ROW_SEP) if isinstance(packed, str) else list(packed)


def _encode_bucket(bucket: list[tuple[tuple[str, ...], int]]) -> str:
    """One bucket of the first-token index as a line: its (key, row) pairs in order,
    each as the row number and the key's tokens after the first."""
    return ITEM_SEP.join(str(row) + "".join(TOKEN_SEP + tok for tok in key[1:]) for key, row in bucket)


def _decode_bucket(first: str, line: str) -> list[tuple[tuple[str, ...], int]]:
    """The (key, row) pairs :func:`_encode_bucket` wrote for first token ``first``."""
    pairs: list[tuple[tuple[str, ...], int]] = []
    if not line:
        return pairs  # a bucket emptied by a later entry (see _forget)
    for item in line.split(ITEM_SEP):
        row, *rest = item.split(TOKEN_SEP)
        pairs.append(((first, *rest), int(row)))
    return pairs


class _SortedIndex:
    """The compiled cache's first-token index as read back: first tokens in sorted
    order beside their buckets' lines, found by bisection. A dict of 31,000 keys
    would cost more to build than a check's few dozen look-ups save; only the
    dict methods :class:`Lexicon` uses are offered."""

    __slots__ = ("_firsts", "_buckets")

    def __init__(self, firsts: list[str], buckets: list[str]) -> None:
        self._firsts, self._buckets = firsts, buckets

    def get(self, first: str) -> str | None:
        firsts = self._firsts
        i = bisect_left(firsts, first)
        return self._buckets[i] if i < len(firsts) and firsts[i] == first else None

    def __iter__(self) -> Iterator[str]:
        return iter(self._firsts)

    def __len__(self) -> int:
        return len(self._firsts)

    def items(self) -> Iterator[tuple[str, str]]:
        return zip(self._firsts, self._buckets)


class FuzzyIndex:
    """Canonical forms filed for near-miss look-ups by the first letters and length of their compact key.

    Each is filed under its first letter plus its second, and plus its third;
    looking a string up the same two ways finds names whose second letter was
    dropped, doubled, swapped or misread ("Bngley", "Ptyhon") without
    comparing against the whole lexicon.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        # prefix -> length -> (keys, entries): two lists, not a list of pairs (a pair is a
        # tuple of 56 bytes, and a 100,000-name lexicon files 270,000 of them)
        self._by_key: dict[str, dict[int, tuple[list[str], list[Entry]]]] = {}
        for entry in entries:
            compact = compact_key(entry.canonical)
            if len(compact) >= 4:
                for prefix in {compact[:2], compact[0] + compact[2]}:
                    keys, filed = self._by_key.setdefault(prefix, {}).setdefault(len(compact), ([], []))
                    keys.append(compact)
                    filed.append(entry)

    def pool(self, compact: str, spread: int = 3) -> list[tuple[str, Entry]]:
        """(key, entry) pairs that may lie within a small edit distance of ``compact``:
        keys ``spread`` letters longer or shorter at most."""
        by_key = self._by_key
        filed = [by_key[p] for p in (compact[:2], compact[0] + compact[2] if len(compact) >= 3 else "") if p in by_key]
        if len(filed) > 1 and filed[0] is filed[1]:
            filed.pop()  # one prefix twice ("aab")
        pool: list[tuple[str, Entry]] = []
        lengths = range(max(1, len(compact) - spread), len(compact) + spread + 1)
        if len(filed) == 1:  # most look-ups: no entry can come twice
            by_length = filed[0]
            for length in lengths:
                bucket = by_length.get(length)
                if bucket is not None:
                    pool += zip(*bucket)
            return pool
        seen: set[int] = set()
        for length in lengths:
            for by_length in filed:
                bucket = by_length.get(length)
                if bucket is not None:
                    pool += ((k, e) for k, e in zip(*bucket) if id(e) not in seen)
                    seen.update(map(id, bucket[1]))
        return pool


class Lexicon:
    """Entries from one or more files, indexed for matching by first token."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.canonicals: dict[str, Entry] = {}
        self.aliases: dict[tuple[str, ...], Entry] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        # From the compiled cache: first token -> ((key, row), ...), turned
        # into buckets only for the first tokens a document actually holds.
        self._raw_first: dict[str, tuple] | _SortedIndex | None = None
        self._rows: list[Entry] | None = None
        # Built on first use (most runs never fuzzy-match a 100,000-name list):
        # by compact prefix for fuzzy pools, and canonical forms by lower case.
        self._derived: FuzzyIndex | None = None
        self._first_keys: frozenset[str] | None = None
        self._second_keys: frozenset[str] | None = None
        self._raw_seconds: frozenset[str] = frozenset()  # second tokens of the cached buckets, all of them
        self._lock = threading.Lock()
        self.never: set[str] = set()  # never-touch forms (``!Form`` lines)
        for entry in entries:
            self.add(entry)

    def __getstate__(self) -> dict:
        # the cached index travels as it is (lists of strings): cheaper to pickle than its buckets
        state = dict(self.__dict__)
        state["_lock"] = None
        state["_derived"] = None
        state["_first_keys"] = state["_second_keys"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _fuzzy_index(self) -> FuzzyIndex:
        """The full-tier canonical forms, indexed for near-miss look-ups (built on first use)."""
        index = self._derived
        if index is None:
            with self._lock:
                if self._derived is None:
                    self._derived = FuzzyIndex(e for e in self.canonicals.values() if e.tier == "full")
                index = self._derived
        return index

    def warm_up(self) -> None:
        """Build the indexes that are otherwise built on first use."""
        self._fuzzy_index()
        self.first_keys()
        self.second_keys()

    def __len__(self) -> int:
        return len(self.canonicals) + len(self.aliases)

    def add(self, entry: Entry, prefer: bool = False) -> None:
        """Add ``entry``; an entry already there wins unless ``entry`` ranks higher
        (or, with ``prefer``, ranks as high)."""
        if entry.tier == "never":
            self.never.add(entry.canonical)
            return
        if entry.alias is None:
            known = self.canonicals.get(entry.canonical)
            if known is not None:
                rank, known_rank = TIER_RANK[entry.tier], TIER_RANK[known.tier]
                if rank < known_rank or (rank == known_rank and not prefer):
                    return
                self._forget(known)  # a user's entry lifts a built-in name to full power
            self.canonicals[entry.canonical] = entry
            self._derived = None
            key = token_key(entry.canonical)
        else:
            key = token_key(entry.alias)
            known_alias = self.aliases.get(key)
            if known_alias is not None:
                if not prefer:
                    return
                self._by_first[key[0]] = [item for item in self._bucket(key[0]) or () if item[1] is not known_alias]
            self.aliases[key] = entry
            if entry.canonical not in self.canonicals:  # an alias declares its target too
                self.add(Entry(entry.canonical, entry.source))
        if key:
            self._first_keys = self._second_keys = None
            bucket = self._bucket(key[0])  # only this bucket leaves the compiled form
            if bucket is None:
                bucket = self._by_first[key[0]] = []
            bucket.append((key, entry))
            if len(bucket) > 1:
                bucket.sort(key=_longest_first)  # stable: equal lengths keep file order

    def _forget(self, entry: Entry) -> None:
        del self.canonicals[entry.canonical]
        key = token_key(entry.canonical)
        if key:
            self._by_first[key[0]] = [item for item in self._bucket(key[0]) or () if item[1] is not entry]

    def _bucket(self, first: str) -> list[tuple[tuple[str, ...], Entry]] | None:
        bucket = self._by_first.get(first)
        if bucket is None and self._raw_first is not None:
            raw = self._raw_first.get(first)
            if raw is not None:
                rows = self._rows
                if type(raw) is str:  # noqa: E721 - the compiled cache's encoding (see freeze)
                    raw = _decode_bucket(first, raw)
                bucket = self._by_first[first] = [(key, rows[i]) for key, i in raw]  # a race builds the same list
        return bucket

    def freeze(self) -> tuple:
        """The lexicon as built-in types only (for a compiled cache; see :meth:`thaw`).

        Columns of entry fields (canonical forms, sources and alias forms each
        as one string of lines, tiers as runs of rows), how many rows are
        canonical forms, the alias keys, the first-token index (first tokens as
        lines, each bucket as one line of row numbers and further tokens), the
        second-token keys and the never-touch forms. Long strings, not tuples
        of 37,000 rows and 31,000 buckets: reading them back is a few splits
        at C speed instead of building a quarter of a million small objects,
        most of a hook's start-up before (issue 19's check bar).
        """
        self._materialize()
        entries: list[Entry] = list(self.canonicals.values()) + list(self.aliases.values())
        index = {id(e): i for i, e in enumerate(entries)}
        # tiers as runs (tier, rows): the built-in parts are one tier each, so a handful
        tiers = [(tier, len(list(run))) for tier, run in groupby(e.tier for e in entries)]
        by_first: dict | tuple
        items = [(first, [(key, index[id(e)]) for key, e in bucket]) for first, bucket in self._by_first.items()]
        if any(_UNSAFE.search(tok) for _, bucket in items for key, _ in bucket for tok in key):
            by_first = {first: tuple(bucket) for first, bucket in items}
        else:
            items.sort(key=itemgetter(0))  # read back as a sorted list, searched by bisection
            by_first = (_pack([first for first, _ in items]), _pack([_encode_bucket(bucket) for _, bucket in items]))
        return (
            _pack([e.canonical for e in entries]),
            _pack([e.source for e in entries]),
            _pack([e.alias or "" for e in entries[len(self.canonicals) :]]),
            tuple(tiers),
            len(self.canonicals),
            tuple(self.aliases.keys()),
            by_first,
            tuple(self.second_keys()),
            tuple(sorted(self.never)),
        )

    @classmethod
    def thaw(cls, frozen: tuple) -> Lexicon:
        """The lexicon :meth:`freeze` made ``frozen`` from; index buckets are built on first look-up."""
        canonical, source, alias, tiers, n_canonical, alias_keys, by_first, second_keys, never = frozen
        canonicals = _unpack(canonical)
        aliases: list[str | None] = [None] * n_canonical
        aliases += _unpack(alias)
        tier_of: list[str] = []
        for tier, rows in tiers:
            tier_of += [tier] * rows
        entries = list(map(_NEW_ENTRY, zip(canonicals, _unpack(source), aliases, tier_of)))
        lexicon = cls()
        lexicon.canonicals = dict(zip(canonicals[:n_canonical], entries[:n_canonical]))
        lexicon.aliases = dict(zip(alias_keys, entries[n_canonical:]))
        if not isinstance(by_first, dict):
            by_first = _SortedIndex(_unpack(by_first[0]), _unpack(by_first[1]))
        lexicon._raw_first, lexicon._rows = by_first, entries
        lexicon._second_keys = lexicon._raw_seconds = frozenset(second_keys)
        lexicon.never = set(never)
        return lexicon

    def _materialize(self) -> None:
        """Turn every cached bucket into a real one (before a change, a copy to disk or a pickle)."""
        if self._raw_first is not None:
            for first in self._raw_first:
                self._bucket(first)
            self._raw_first = self._rows = None
            self._raw_seconds = frozenset()

    def first_keys(self) -> frozenset[str]:
        """Every first token some entry starts with (for a quick "could a name start here?")."""
        keys = self._first_keys
        if keys is None:
            keys = frozenset(self._by_first).union(self._raw_first or ())
            self._first_keys = keys
        return keys

    def second_keys(self) -> frozenset[str]:
        """Every second token of a form of two tokens or more ("zealand" of "New Zealand")."""
        keys = self._second_keys
        if keys is None:
            seconds = {key[1] for bucket in self._by_first.values() for key, _ in bucket if len(key) > 1}
            if self._raw_first is not None:
                # the cached buckets' second tokens, as built (those of buckets taken out
                # and changed since count too, as they always did): computed when frozen
                seconds |= self._raw_seconds
            keys = self._second_keys = frozenset(seconds)
        return keys

    def first_tokens(self) -> Callable[[str], list[tuple[tuple[str, ...], Entry]] | None]:
        """The look-up "entries whose first token is this, longest first, or None", for tight loops."""
        return self._bucket

    def starting_with(self, first_lower: str) -> list[tuple[tuple[str, ...], Entry]]:
        """Entries whose first token is ``first_lower``, longest first."""
        return self._bucket(first_lower) or []

    def canonical_forms(self, lower: str) -> list[str]:
        """Canonical forms equal to ``lower`` ignoring case (several when casings conflict)."""
        key = token_key(lower)
        if not key:
            return []
        return [
            entry.canonical
            for k, entry in self._bucket(key[0]) or ()
            if k == key and entry.alias is None and entry.canonical.lower() == lower
        ]

    def fuzzy_pool(self, compact: str, spread: int = 3) -> list[tuple[str, Entry]]:
        """Full-tier canonical entries that may lie within a small edit distance of ``compact``
        (see :meth:`FuzzyIndex.pool`)."""
        return self._fuzzy_index().pool(compact, spread)

    def copy(self) -> Lexicon:
        """An independent copy (indexes copied, entries shared: they are immutable)."""
        new = Lexicon()
        new.canonicals = dict(self.canonicals)
        new.aliases = dict(self.aliases)
        new._by_first = {k: list(v) for k, v in self._by_first.items()}
        new._raw_first, new._rows = self._raw_first, self._rows  # immutable: shared
        new._first_keys, new._second_keys = self._first_keys, self._second_keys
        new._raw_seconds = self._raw_seconds
        new.never = set(self.never)
        return new

    @classmethod
    def merged(cls, lexicons: Iterable[Lexicon]) -> Lexicon:
        """One lexicon holding all of ``lexicons``; the first is copied, not rebuilt."""
        lexicons = list(lexicons)
        if not lexicons:
            return cls()
        if len(lexicons) == 1:
            return lexicons[0]  # nothing to merge; callers do not mutate a merged lexicon
        # Copy the largest and add the others: a user's "full" entry outranks a
        # built-in one whatever the order (see add), so only cost depends on it.
        largest = max(range(len(lexicons)), key=lambda i: len(lexicons[i]))
        merged = lexicons[largest].copy()
        for position, lexicon in enumerate(lexicons):
            if position == largest:
                continue
            earlier = position < largest  # earlier lexicons win ties, as if added first
            for entry in lexicon.canonicals.values():
                merged.add(entry, prefer=earlier)
            for entry in lexicon.aliases.values():
                merged.add(entry, prefer=earlier)
            merged.never |= lexicon.never
        return merged


def parse_lexicon(text: str, source: str) -> Iterator[Entry]:
    """Parse lexicon text; ``source`` names the file in errors and in entries."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = (COMMENT_RE.sub("", raw) if "#" in raw else raw).strip()
        if not line:
            continue
        where = f"{source}:{number}"
        if CONTROL_RE.search(line):
            raise LexiconError(source, number, "control character or lone surrogate in entry")
        if line.startswith(NEVER):
            form = line[len(NEVER) :].strip()
            if ARROW in form:
                raise LexiconError(source, number, f"a never-touch line ('{NEVER}Form') takes no '{ARROW}'")
            _check_form(form, source, number)
            yield Entry(canonical=form, source=where, tier="never")
        elif ARROW in line:
            wrong, _, canonical = line.partition(ARROW)
            wrong, canonical = wrong.strip(), canonical.strip()
            if ARROW in canonical:
                raise LexiconError(source, number, f"more than one '{ARROW}' in {raw.strip()!r}")
            if not wrong or not canonical:
                raise LexiconError(source, number, f"'{ARROW}' needs a wrong form on the left and a canonical form on the right")
            if wrong == canonical:
                raise LexiconError(source, number, f"wrong form {wrong!r} equals its canonical form")
            _check_form(canonical, source, number)
            _check_form(wrong, source, number)
            yield Entry(canonical=canonical, source=where, alias=wrong)
        else:
            _check_form(line, source, number)
            yield Entry(canonical=line, source=where)


def _check_form(form: str, source: str, number: int) -> None:
    key = token_key(form)
    if not any(tok[0].isalnum() for tok in key):
        raise LexiconError(source, number, f"{form!r} has no letter or digit")
    if len(key) > MAX_ENTRY_TOKENS * 2:
        raise LexiconError(source, number, f"{form!r} is longer than {MAX_ENTRY_TOKENS} words")


FORMATS = ("auto", "repair", "vale", "codespell")
REGEX_CHARS = frozenset("[](){}|*+?\\^$")


def parse_vale(text: str, source: str) -> Iterator[Entry]:
    """A Vale vocabulary (``accept.txt``): one accepted term a line.

    Vale reads each line as a regular expression; plain terms become
    canonical names, and patterns ("[Oo]bsidian") are skipped, since they
    name no single spelling.
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or any(ch in REGEX_CHARS for ch in line):
            continue
        if CONTROL_RE.search(line):
            raise LexiconError(source, number, "control character or lone surrogate in entry")
        yield Entry(canonical=line, source=f"{source}:{number}")


def parse_codespell(text: str, source: str) -> Iterator[Entry]:
    """A codespell dictionary: ``wrong->right`` a line.

    Lines with several suggestions ("wrong->a, b,") are skipped: codespell
    itself never applies those automatically.
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        wrong, arrow, right = line.partition(ARROW)
        if not arrow or not wrong.strip() or not right.strip():
            raise LexiconError(source, number, f"expected 'wrong{ARROW}right', got {raw.strip()!r}")
        if "," in right:
            continue
        wrong, right = wrong.strip(), right.strip()
        if wrong != right:
            yield Entry(canonical=right, source=f"{source}:{number}", alias=wrong)


def sniff_format(path: Path, text: str) -> str:
    """"vale" for ``accept.txt``, "codespell" for ``a->b`` lines without spaces, else "repair"."""
    if path.name == "accept.txt":
        return "vale"
    lines = [l.strip() for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    if lines and all(ARROW in l and " " + ARROW not in l and ARROW + " " not in l for l in lines):
        return "codespell"
    return "repair"


def _read(path: Path, format: str) -> bytes:
    """A lexicon file's bytes, after checking the format name; errors name the file.

    Only a regular file of at most :data:`MAX_LEXICON_BYTES` is read: a FIFO
    would block the run and ``/dev/zero`` would fill the memory.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown lexicon format {format!r}; expected one of {', '.join(FORMATS)}")
    from .files import FileTooLarge, NotRegularFile, read_regular

    try:
        return read_regular(path, MAX_LEXICON_BYTES)[0]
    except OSError as exc:
        raise LexiconError(str(path), None, f"cannot read lexicon: {exc.strerror or exc}") from exc
    except (NotRegularFile, FileTooLarge) as exc:
        raise LexiconError(str(path), None, f"cannot read lexicon: {exc.reason}") from exc


def read_entries(path: str | Path, format: str = "auto") -> tuple[bytes, list[Entry]]:
    """The raw bytes and the entries of one lexicon file; errors name the file and line."""
    path = Path(path)
    data = _read(path, format)
    return data, _entries(path, data, format)


def _entries(path: Path, data: bytes, format: str) -> list[Entry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(str(path), line, "not valid UTF-8") from exc
    kind = sniff_format(path, text) if format == "auto" else format
    parser = {"repair": parse_lexicon, "vale": parse_vale, "codespell": parse_codespell}[kind]
    return list(parser(text, str(path)))


def load_lexicon(path: str | Path, format: str = "auto") -> Lexicon:
    """Load one lexicon file (our format, a Vale ``accept.txt`` or a codespell dictionary).

    Errors name the file and line. Parsed lexicons are cached (see :mod:`repair.lexicon_cache`).
    """
    path = Path(path)
    data = _read(path, format)
    return cached(data, f"{path}\0{format}", lambda: Lexicon(_entries(path, data, format)), Lexicon.thaw)


TIER_RANK = {"protect": 0, "case": 1, "full": 2}
# Built-in parts and their tiers (see Entry.tier); parts not named are "case".
PART_TIERS = {"handwritten.txt": "full", "cities.txt": "protect", "regions.txt": "protect"}


def builtin_lexicon() -> Lexicon:
    """The lexicon that ships with the package: every file in ``data/lexicon/``.

    Parsed once per process; each call returns an independent copy.
    """
    return _builtin().copy()


@functools.cache
def _builtin() -> Lexicon:
    folder = resources.files("repair") / "data" / "lexicon"
    parts = sorted((p for p in folder.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)
    texts = {part.name: part.read_text(encoding="utf-8") for part in parts}

    def build() -> Lexicon:
        entries = []
        for name, text in texts.items():
            tier = PART_TIERS.get(name, "case")
            for entry in parse_lexicon(text, f"<default>/{name}"):
                entries.append(entry._replace(tier=tier) if tier != "full" else entry)
        return Lexicon(entries)

    data = "".join(f"{name}\0{text}\0{PART_TIERS.get(name)}\0" for name, text in texts.items()).encode()
    return cached(data, "<default>", build, Lexicon.thaw)
