"""A compiled cache of parsed lexicons, so a hook does not re-parse 100,000 names.

Parsing and indexing a lexicon costs about 12 µs an entry in Python; reading
back the indexes with :mod:`marshal` (built-in types only, no code) costs a
fraction of that. The cache key is a hash of the lexicon's bytes and of this
module's format version, so an edited file or a new release never reads a
stale cache. The cache lives in ``$REPAIR_CACHE_DIR``, else
``$XDG_CACHE_HOME/repair``, else ``~/.cache/repair``; ``REPAIR_CACHE_DIR=""``
turns it off. A cache that cannot be written or read is ignored.

It knows a lexicon only through its public ``freeze()`` and ``thaw()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cache import cached_value

FORMAT = 10  # 7: never-touch forms; 10: columns and a sorted index as long strings, tiers as runs (8, 9: drafts)


def cached(data: bytes, label: str, build: Callable[[], Any], thaw: Callable[[tuple], Any]) -> Any:
    """``thaw`` of what ``build()`` froze for ``data``: from the cache when it is there.

    ``build`` returns a lexicon (anything with ``freeze()``); only its frozen
    form is written, so what is read back is the same either way.
    """
    return thaw(cached_value(data, f"lexicon-{FORMAT}\0{label}", lambda: build().freeze()))
