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

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .lexicon import Entry, Lexicon

FORMAT = 2


def cache_dir() -> Path | None:
    configured = os.environ.get("REPAIR_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "repair"


def cached(data: bytes, label: str, build: Callable[[], Lexicon]) -> Lexicon:
    """The lexicon ``build`` makes from ``data``, from the cache when it is there."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(b"%d\0%s\0" % (FORMAT, label.encode()) + data).hexdigest()[:32]
    path = folder / f"lexicon-{digest}.marshal"
    try:
        return _thaw(marshal.loads(path.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        pass
    lexicon = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(_freeze(lexicon)))
        os.replace(tmp, path)
    except OSError:
        pass
    return lexicon


def _freeze(lexicon: Lexicon) -> tuple:
    entries: list[Entry] = list(lexicon.canonicals.values()) + list(lexicon.aliases.values())
    index = {id(e): i for i, e in enumerate(entries)}
    rows = tuple((e.canonical, e.source, e.alias, e.tier) for e in entries)
    return (
        rows,
        len(lexicon.canonicals),
        tuple(lexicon.aliases.keys()),
        {k: tuple((key, index[id(e)]) for key, e in v) for k, v in lexicon._by_first.items()},
    )


def _thaw(frozen: tuple) -> Lexicon:
    rows, n_canonical, alias_keys, by_first = frozen
    entries = [Entry(c, s, a, t) for c, s, a, t in rows]
    lexicon = Lexicon()
    lexicon.canonicals = {e.canonical: e for e in entries[:n_canonical]}
    lexicon.aliases = dict(zip(alias_keys, entries[n_canonical:]))
    lexicon._by_first = {k: [(key, entries[i]) for key, i in v] for k, v in by_first.items()}
    return lexicon
