"""Value types that flow one way through the pipeline.

text → :class:`Token` → :class:`Flag` (with :class:`Candidate` fixes) →
:class:`Edit` or :class:`Finding` → :class:`Result`.

Offsets are code-point offsets into the original text, half-open. This module
imports nothing from the package so every stage can depend on it.
"""

from __future__ import annotations

import bisect
import difflib
import enum
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Family(str, enum.Enum):
    """The artifact families; one name per family everywhere (CLI, JSON, weights)."""

    RUN_ON = "run-on"
    ENTITY_CASE = "entity-case"
    ENTITY_NEAR_MISS = "entity-near-miss"
    ENTITY_ALIAS = "entity-alias"
    GARBLED_WORD = "garbled-word"
    RANDOM_CAPITAL = "random-capital"
    PUNCTUATION = "punctuation"
    MOJIBAKE = "mojibake"
    OCR_CONTEXT = "ocr-context"

    def __str__(self) -> str:
        return self.value


class Token(NamedTuple):
    """A word or punctuation mark; ``start``/``end`` index the source text.

    A named tuple, not a dataclass: a document makes one per token, and
    tuples are several times cheaper to create.
    """

    text: str
    start: int
    end: int
    index: int
    is_word: bool  # starts with a letter or digit


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed replacement for a flag's span, with the evidence for it.

    ``features`` are the scorer's inputs (names listed in the weights file);
    ``reason`` is a one-sentence account of the evidence, for people.
    """

    after: str
    features: Mapping[str, float]
    reason: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A span a detector finds suspicious, and the fixes proposed for it."""

    start: int
    end: int
    before: str
    kind: Family
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Edit:
    """An applied change: replace ``source[start:end]`` (== ``before``) by ``after``."""

    start: int
    end: int
    before: str
    after: str
    kind: Family
    confidence: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A flag left for a person: below threshold, or no candidate clearly ahead."""

    start: int
    end: int
    before: str
    suggestion: str | None
    kind: Family
    confidence: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "suggestion": self.suggestion,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@functools.lru_cache(maxsize=2)  # the screen, then the document, ask about the same text
def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines end with "\\n"). Shared: do not change it.

    >>> line_starts("ab\\ncd")
    [0, 3]
    """
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def line_locator(text: str) -> Callable[[int], tuple[int, int]]:
    """A function from an offset in ``text`` to its 1-based (line, column).

    >>> line_locator("ab\\ncd")(3)
    (2, 1)
    """
    starts = line_starts(text)

    def locate(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    return locate


def apply_edits(source: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, disjoint edits to ``source``.

    >>> apply_edits("a tbe b", [Edit(2, 5, "tbe", "the", Family.GARBLED_WORD, 1.0, "")])
    'a the b'
    """
    parts: list[str] = []
    pos = 0
    for edit in edits:
        if edit.start < pos or source[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit {edit!r} does not fit the source at {pos}")
        parts.append(source[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(source[pos:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Result:
    """What a repair returns: the new text, the edits that made it, what was left."""

    source: str
    text: str
    edits: tuple[Edit, ...]
    flags: tuple[Finding, ...] = field(default=())
    profile: str | None = None  # what kind of text it was read as: "ocr", "mt" or "clean" (None: empty text)

    @property
    def changed(self) -> bool:
        return self.text != self.source

    def diff(self, name: str = "text", context: int = 3) -> str:
        """A unified diff from ``source`` to ``text`` (empty when unchanged)."""
        lines = difflib.unified_diff(
            self.source.splitlines(keepends=True),
            self.text.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
            n=context,
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)

    def word_diff(self, color: bool = False) -> str:
        """The text with each edit shown inline as ``[-before-]{+after+}``.

        With ``color``, deletions are red and insertions green (ANSI), for terminals.
        """
        if color:
            old, new = "\x1b[31m\x1b[9m{}\x1b[0m", "\x1b[32m{}\x1b[0m"
        else:
            old, new = "[-{}-]", "{{+{}+}}"
        parts: list[str] = []
        pos = 0
        for edit in self.edits:
            parts.append(self.source[pos : edit.start])
            if edit.before:
                parts.append(old.format(edit.before))
            if edit.after:
                parts.append(new.format(edit.after))
            pos = edit.end
        parts.append(self.source[pos:])
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "changed": self.changed,
            "edits": [edit.to_dict() for edit in self.edits],
            "flags": [finding.to_dict() for finding in self.flags],
            "profile": self.profile,
        }
