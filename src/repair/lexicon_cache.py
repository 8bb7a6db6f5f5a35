"""A compiled cache of parsed lexicons, so a hook does not re-parse 100,000 names.

Parsing and indexing a lexicon costs about 12 µs an entry in Python; reading
back the indexes with :mod:`marshal` (built-in types only, no code) costs a
fraction of that. The cache key is a hash of the lexicon's bytes and of this
module's format version, so an edited file or a new release never reads a
stale cache. The cache lives in ``$REPAIR_CACHE_DIR``, else
``$XDG_CACHE_HOME/repair``, else ``~/.cache/repair``; ``REPAIR_CACHE_DIR=""``
turns it off. A cache that cannot be written or read is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .cache import cached_value
from .lexicon import Entry, Lexicon

FORMAT = 6
NEW_ENTRY = partial(tuple.__new__, Entry)  # an Entry from a row (the four fields _freeze wrote), at C speed:
# Entry._make is a Python call per row, 22 ms of a hook's start-up for the built-in lexicon


def cached(data: bytes, label: str, build: Callable[[], Lexicon]) -> Lexicon:
    """The lexicon ``build`` makes from ``data``, from the cache when it is there."""
    frozen = cached_value(data, f"lexicon-{FORMAT}\0{label}", lambda: _freeze(build()))
    return _thaw(frozen)


def _freeze(lexicon: Lexicon) -> tuple:
    lexicon._materialize()
    entries: list[Entry] = list(lexicon.canonicals.values()) + list(lexicon.aliases.values())
    index = {id(e): i for i, e in enumerate(entries)}
    rows = tuple((e.canonical, e.source, e.alias, e.tier) for e in entries)
    return (
        rows,
        len(lexicon.canonicals),
        tuple(lexicon.aliases.keys()),
        {k: tuple((key, index[id(e)]) for key, e in v) for k, v in lexicon._by_first.items()},
        tuple(lexicon.second_keys()),
    )


def _thaw(frozen: tuple) -> Lexicon:
    rows, n_canonical, alias_keys, by_first, second_keys = frozen
    entries = list(map(NEW_ENTRY, rows))
    lexicon = Lexicon()
    lexicon.canonicals = {e.canonical: e for e in entries[:n_canonical]}
    lexicon.aliases = dict(zip(alias_keys, entries[n_canonical:]))
    lexicon._raw_first, lexicon._rows = by_first, entries  # buckets are built on first look-up
    lexicon._second_keys = frozenset(second_keys)
    return lexicon
