"""Value types that flow one way through the pipeline.

text → :class:`Token` → :class:`Suspect` (with :class:`Candidate` fixes) →
:class:`Edit` or :class:`Flag` → :class:`Result`.

Offsets are code-point offsets into the original text, half-open. This module
imports nothing from the package but :mod:`repair.memo` (which imports nothing
from it), so every stage can depend on it.
"""

from __future__ import annotations

from array import array

import bisect
import dataclasses
import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from .memo import per_text

if TYPE_CHECKING:
    from .damage import Damage


class Family(str):
    """An artifact family's name, one name everywhere (CLI, JSON, weights, reasons).

    Open: a detector registers a family of its own (see
    :mod:`repair.detectors`); the built-in ones are attributes here. A family
    is its name, so it compares, hashes and serialises as that string.
    """

    __slots__ = ()

    RUN_ON: ClassVar[Family]
    ENTITY_CASE: ClassVar[Family]
    ENTITY_NEAR_MISS: ClassVar[Family]
    ENTITY_ALIAS: ClassVar[Family]
    GARBLED_WORD: ClassVar[Family]
    RANDOM_CAPITAL: ClassVar[Family]
    PUNCTUATION: ClassVar[Family]
    MOJIBAKE: ClassVar[Family]
    OCR_CONTEXT: ClassVar[Family]

    @property
    def value(self) -> str:
        """The name as a plain string (what the JSON formats write)."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Family({self.value!r})"


Family.RUN_ON = Family("run-on")
Family.ENTITY_CASE = Family("entity-case")
Family.ENTITY_NEAR_MISS = Family("entity-near-miss")
Family.ENTITY_ALIAS = Family("entity-alias")
Family.GARBLED_WORD = Family("garbled-word")
Family.RANDOM_CAPITAL = Family("random-capital")
Family.PUNCTUATION = Family("punctuation")
Family.MOJIBAKE = Family("mojibake")
Family.OCR_CONTEXT = Family("ocr-context")


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
class Suspect:
    """A span a detector finds suspicious, and the fixes proposed for it (the
    scorer turns it into an :class:`Edit`, a :class:`Flag` or nothing)."""

    start: int
    end: int
    before: str
    kind: Family
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Edit:
    """An applied change: replace ``source[start:end]`` (== ``before``) by ``after``.

    ``line`` and ``column`` (1-based, where ``start`` is) are filled in when
    the :class:`Result` is built; 0 on an edit made by hand. They do not take
    part in equality: an edit is its span and its text.
    """

    start: int
    end: int
    before: str
    after: str
    kind: Family
    confidence: float
    reason: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }
        if self.line:
            out["line"], out["column"] = self.line, self.column
        return out


_EDIT_LINE, _EDIT_COLUMN = Edit.__dict__["line"], Edit.__dict__["column"]  # slot descriptors, for with_lines


@dataclass(frozen=True, slots=True)
class Flag:
    """A suspect left for a person, with its best suggestion: below threshold, or
    no candidate clearly ahead. What ``Result.flags`` holds."""

    start: int
    end: int
    before: str
    suggestion: str | None
    kind: Family
    confidence: float
    reason: str
    line: int = field(default=0, compare=False)  # 1-based line and column of ``start`` in the source (0: not placed yet)
    column: int = field(default=0, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "suggestion": self.suggestion,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


HUGE_CHARS = 8_000_000  # a text longer than this is huge: repaired in chunks (see chunks.py), and
# its line starts not cached (the cache would hold it, and its array, after its repair had moved on)


def compact_line_starts(text: str) -> array:
    """:func:`line_starts` as a compact array: a list of a huge text's line starts
    holds an int object per line (36 bytes each, 100 MB for 3 million lines)."""
    return _line_starts_array(text) if len(text) > HUGE_CHARS else _cached_line_starts(text)


def _line_starts_array(text: str) -> array:
    starts = array("q", [0])
    find, append = text.find, starts.append
    pos = find("\n")
    while pos != -1:
        append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


_cached_line_starts = per_text(2)(_line_starts_array)  # the screen, then the document, ask about the same text


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
    starts = compact_line_starts(text)  # (compact: a huge text has millions of lines)

    def locate(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    return locate


def with_lines(source: str, edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """``edits`` (sorted, just made for ``source``) with their 1-based line and column filled in.

    Fills the two slots in place rather than building new edits: a megabyte
    of stray quotes makes a million edits, and rebuilding each frozen edit
    cost a tenth of the repair. Only for edits no one else holds yet (the
    Repairer's, before it returns them); line and column take no part in
    equality or hashing.

    >>> with_lines("ab\\ncd", [Edit(3, 4, "c", "C", Family.RANDOM_CAPITAL, 1.0, "")])[0].line
    2
    """
    if not edits:
        return tuple(edits)
    starts = compact_line_starts(source)  # (compact: a huge text has millions of lines)
    set_line, set_column = _EDIT_LINE.__set__, _EDIT_COLUMN.__set__
    i, last = 0, len(starts) - 1
    for e in edits:
        while i < last and starts[i + 1] <= e.start:
            i += 1
        set_line(e, i + 1)
        set_column(e, e.start - starts[i] + 1)
    return tuple(edits)


def flags_with_lines(source: str, flags: Sequence[Flag]) -> tuple[Flag, ...]:
    """``flags`` (of ``source``) placed: each with its 1-based line and column."""
    if not flags:
        return tuple(flags)
    locate = line_locator(source)
    return tuple(dataclasses.replace(f, line=line, column=column) for f in flags for line, column in (locate(f.start),))


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
    flags: tuple[Flag, ...] = field(default=())
    profile: str | None = None  # what kind of text it was read as: "ocr", "mt" or "clean" (None: empty text)

    @property
    def changed(self) -> bool:
        return self.text != self.source

    @property
    def damage(self) -> Damage:
        """How damaged the source looks: edits and flags per 1,000 words, and a 0–1 score.

        Computed on each access from the edits and flags (see :mod:`repair.damage`).
        """
        from .damage import estimate  # a leaf module; imported here so this one imports nothing at load

        return estimate(self.source, self.edits, self.flags)

    def diff(self, name: str = "text", context: int = 3) -> str:
        """A unified diff from ``source`` to ``text`` (empty when unchanged).

        Lines end at "\\n" only, as ``patch`` and ``git apply`` split them
        (``str.splitlines`` also breaks at \\f, \\v, U+0085, U+2028, a lone CR).
        """

        def split(text: str) -> list[str]:
            parts = [part + "\n" for part in text.split("\n")]
            parts[-1] = parts[-1][:-1]
            return parts if parts[-1] else parts[:-1]

        lines = difflib.unified_diff(
            split(self.source),
            split(self.text),
            fromfile=f"a/{name.lstrip('/')}",  # as git writes an absolute path: a/tmp/x, not a//tmp/x
            tofile=f"b/{name.lstrip('/')}",
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
            "damage": self.damage.to_dict(),
            "profile": self.profile,
        }
