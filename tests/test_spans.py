"""A huge text's protected spans, held compactly, read as the list of tuples would."""

from __future__ import annotations

import bisect
import sys
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document, protected_spans
from repair.model import line_starts
from repair.passes import Region
from repair.spans import SpanArray

PIECES = ["see https://example.org/a", "v1.2.3", "tbe cornpany", "file.txt", "`x = 1`", "plain words", "a.b@c.org"]

disjoint = st.lists(st.integers(0, 10_000), max_size=40, unique=True).map(sorted).map(
    lambda xs: [(a, b) for a, b in zip(xs[::2], xs[1::2]) if b > a]
)


@settings(max_examples=200, deadline=None)
@given(disjoint, st.integers(-5, 10_010))
def test_a_span_array_reads_as_its_list(spans, probe):
    """Length, indexing, slices, iteration and bisect give what the list gives."""
    compact = SpanArray(spans)
    assert len(compact) == len(spans)
    assert list(compact) == spans
    assert compact == spans and compact == SpanArray(spans)
    assert [compact[i] for i in range(len(spans))] == spans
    assert compact[1:3] == spans[1:3]
    assert bisect.bisect_right(compact, (probe, probe)) == bisect.bisect_right(spans, (probe, probe))
    assert bisect.bisect_right(compact.starts, probe) == bisect.bisect_right([s for s, _ in spans], probe)
    assert compact + [(20_000, 20_001)] == spans + [(20_000, 20_001)]


def test_a_span_array_is_smaller_than_its_list():
    """The reason it exists: a span costs 16 bytes, not a tuple and two ints."""
    spans = [(i * 10 + 1000, i * 10 + 1005) for i in range(10_000)]
    as_list = sys.getsizeof(spans) + sum(sys.getsizeof(s) + sys.getsizeof(s[0]) + sys.getsizeof(s[1]) for s in spans)
    compact = SpanArray(spans)
    assert sys.getsizeof(compact.starts) + sys.getsizeof(compact.ends) < as_list / 5


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join), min_size=2, max_size=8), st.data())
def test_spans_carried_to_a_later_pass_stay_compact_and_equal(lines, data):
    """A later pass carries a compact set of spans over as a compact set, equal to a fresh search."""
    before = "\n".join(lines)
    i = data.draw(st.integers(0, len(lines) - 1))
    new_line = data.draw(st.sampled_from(PIECES)) + " " + lines[i]
    after = "\n".join(lines[:i] + [new_line] + lines[i + 1 :])
    start = sum(len(line) + 1 for line in lines[:i])
    region = Region.around(before, Counter(), after, [(start, start + len(new_line))], SpanArray(protected_spans(before)))
    carried = region.protected_spans(after, line_starts(after))
    assert isinstance(carried, SpanArray)
    assert carried == protected_spans(after)


def test_a_document_reads_compact_protected_spans():
    """A document given compact spans protects exactly what it would with the list."""
    text = "Read https://example.org/tbe and v1.2.3 here, tbe end."
    spans = protected_spans(text)
    as_list, compact = Document(text), Document(text)
    as_list.__dict__["protected"], compact.__dict__["protected"] = spans, SpanArray(spans)
    for start in range(len(text)):
        for end in (start, start + 1, start + 4):
            assert compact.is_protected(start, end) == as_list.is_protected(start, end)
