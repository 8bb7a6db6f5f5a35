"""Everything a repair reads besides the text, loaded once and shared.

A :class:`Resources` belongs to one :class:`~repair.Repairer`; detectors get
it through their :class:`~repair.detectors.base.Context`, with the document
being repaired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import TypeVar

from .lexicon import Lexicon
from .vocabulary import Vocabulary, _read_lines

_DATA = resources.files("repair") / "data"
MEMO_SIZE = 100_000
T = TypeVar("T")


@dataclass
class Resources:
    """The vocabulary, the merged lexicon and small word lists from ``data/``."""

    lexicon: Lexicon
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    _memos: dict[str, dict] = field(default_factory=dict, repr=False)
    _shared: dict[str, object] = field(default_factory=dict, repr=False)

    def shared(self, name: str, build: Callable[[], T]) -> T:
        """A structure derived from these resources (a detector's index), built on first use.

        Two threads racing here build the same structure twice, never a wrong one.
        """
        value = self._shared.get(name)
        if value is None:
            value = self._shared[name] = build()
        return value  # type: ignore[return-value]

    def memo(self, name: str) -> dict:
        """A per-process memory for answers that depend on a word alone (a detector's
        candidates for "tbe"), emptied when it grows past ``MEMO_SIZE``."""
        memo = self._memos.get(name)
        if memo is None or len(memo) > MEMO_SIZE:
            memo = self._memos[name] = {}
        return memo

    @cached_property
    def legit_doubles(self) -> frozenset[str]:
        """Words English legitimately doubles ("had had", "that that")."""
        return frozenset(_read_lines(_DATA / "legit-doubles.txt"))

    @cached_property
    def glued_suffixes(self) -> frozenset[str]:
        """Letter runs that follow a number legitimately ("10th", "4pm", "2GW")."""
        return frozenset(_read_lines(_DATA / "glued-suffixes.txt"))

    @cached_property
    def ocr_confusions(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """(seen, meant) pairs OCR confuses, e.g. ("rn", "m"), filed by the first letter seen
        (a word's variants are then found letter by letter, not by searching for each pair)."""
        filed: dict[str, list[tuple[str, str]]] = {}
        for line in _read_lines(_DATA / "ocr-confusions.tsv"):
            seen, meant = line.split("\t")
            filed.setdefault(seen[0], []).append((seen, meant))
        return {first: tuple(pairs) for first, pairs in filed.items()}

    def __getstate__(self) -> dict:
        # cached word lists are cheap to rebuild; ship only what was configured
        return {"lexicon": self.lexicon, "vocabulary": self.vocabulary}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)
