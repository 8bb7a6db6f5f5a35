"""Sorted, disjoint character spans held compactly: a huge text's protected spans.

A 200 MB text has hundreds of thousands of protected spans (addresses,
numbers with units, file names). As a list of ``(start, end)`` tuples each
costs about 120 bytes; two arrays of machine integers hold one in 16. It
matters at the peak of a huge repair, when the input and output texts are
both held and every byte besides them counts.

A :class:`SpanArray` reads as the list would: ``len``, indexing (a tuple),
iteration and ``bisect`` over it all work, so code written for a list of
spans takes it unchanged.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload


class SpanArray(Sequence[tuple[int, int]]):
    """Sorted, disjoint ``(start, end)`` spans in two arrays; ``starts`` is a sorted array of the starts."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.extend(spans)

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        """Add ``spans``, which must come after (and stay disjoint from) those held."""
        add_start, add_end = self.starts.append, self.ends.append
        for start, end in spans:
            add_start(start)
            add_end(end)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(zip(self.starts[i], self.ends[i]))
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends)

    def __add__(self, other: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [*self, *other]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanArray):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  (mutable, like the list it stands for)

    def __repr__(self) -> str:
        return f"SpanArray({list(self)!r})"
