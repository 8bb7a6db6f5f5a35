"""Bounded memos: what a document's passes ask again, kept without growing past a limit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")


def remember(memo: dict, key, value: V, limit: int) -> V:
    """Keep ``value`` under ``key`` and return it. A memo at ``limit`` entries forgets
    everything first: memory stays bounded on a huge text, and a hit costs no
    bookkeeping (the memos hold answers that are cheap to recompute)."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


def per_text(size: int) -> Callable[[Callable[..., V]], Callable[..., V]]:
    """Remember a function of a text (and further hashable arguments) for the last
    ``size`` texts, as ``functools.lru_cache(maxsize=size)`` would, with one difference:
    a text is found by identity first.

    ``lru_cache`` finds a text by its hash and then compares it whole, on every call,
    unless it is the very string it keeps. A document repaired again gives an equal
    repaired text, but a new string, so each of the thousands of calls a pass makes
    on it compared the two whole: on an 850 KB page that compare cost more than the
    pass's own work there. Here an equal text found once takes the old one's place,
    and every later call finds it by identity. The last used is forgotten last.
    """

    def decorate(fn: Callable[..., V]) -> Callable[..., V]:
        entries: tuple[tuple[str, tuple, V], ...] = ()  # newest first; replaced whole, never changed

        @functools.wraps(fn)
        def cached(text: str, *args) -> V:
            nonlocal entries
            kept = entries
            for i, (seen, seen_args, value) in enumerate(kept):
                if seen is text and seen_args == args:
                    if i:  # the last used comes first, as in lru_cache
                        entries = (kept[i], *kept[:i], *kept[i + 1 :])
                    return value
            for i, (seen, seen_args, value) in enumerate(kept):
                if seen_args == args and hash(seen) == hash(text) and seen == text:
                    entries = ((text, args, value), *kept[:i], *kept[i + 1 :])
                    return value
            value = fn(text, *args)
            entries = ((text, args, value), *kept[: size - 1])
            return value

        return cached

    return decorate
