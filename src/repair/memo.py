"""Bounded memos: what a document's passes ask again, kept without growing past a limit."""

from __future__ import annotations

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
