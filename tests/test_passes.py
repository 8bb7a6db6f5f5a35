"""Folding a later pass's edits back onto the source text."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Family, apply_edits
from repair.model import Edit, Flag
from repair.passes import SourceMap, compose, place_findings, to_source
from repair.repairer import _unedited

K = Family.RUN_ON


def edit(source, start, end, after, reason="r", confidence=0.9, kind=K):
    return Edit(start, end, source[start:end], after, kind, confidence, reason)


def test_to_source_maps_spans_across_earlier_edits():
    source = "ab XY cd"
    first = [edit(source, 3, 5, "WXYZ")]  # "ab WXYZ cd"
    assert to_source(first, 0, 2) == (0, 2)  # before the edit
    assert to_source(first, 8, 10) == (6, 8)  # after it: shifted back by 2
    assert to_source(first, 4, 6) == (3, 5)  # inside its output: the whole edit


def test_disjoint_edits_keep_their_own_reasons():
    source = "one twoo three foor"
    first = [edit(source, 4, 8, "two", "first fix")]
    middle = apply_edits(source, first)  # "one two three foor"
    second = [edit(middle, 14, 18, "four", "second fix")]
    final = apply_edits(middle, second)
    edits = compose(source, first, second, final)
    assert apply_edits(source, edits) == final == "one two three four"
    assert [(e.before, e.after, e.reason) for e in edits] == [("twoo", "two", "first fix"), ("foor", "four", "second fix")]


def test_touching_edits_merge_with_both_reasons():
    source = "In depththe lab"
    first = [edit(source, 3, 11, "depth the", "split", 0.8)]
    middle = apply_edits(source, first)  # "In depth the lab"
    second = [edit(middle, 0, 8, "DeepSeek", "alias", 0.95, Family.ENTITY_ALIAS)]
    final = apply_edits(middle, second)
    edits = compose(source, first, second, final)
    assert final == "DeepSeek the lab"
    assert apply_edits(source, edits) == final
    (merged,) = edits
    assert (merged.start, merged.end, merged.before, merged.after) == (0, 11, "In depththe", "DeepSeek the")
    assert merged.reason == "split; then alias"
    assert merged.kind is Family.ENTITY_ALIAS and merged.confidence == 0.8


def test_repairer_reports_multi_pass_fixes_against_the_source(repairer):
    result = repairer.repair("DeepSeek released a model, and In depththe lab grew.")
    assert result.text == "DeepSeek released a model, and DeepSeek the lab grew."
    (merged,) = result.edits
    assert merged.before == "In depththe" and "; then " in merged.reason
    assert apply_edits(result.source, result.edits) == result.text
    assert repairer.repair(result.text).edits == ()


def _walk_to_source(first, start, end):
    """The quadratic walk that SourceMap replaced, kept as the oracle."""
    src_start = src_end = None
    delta = 0
    for e in first:
        out_start = e.start + delta
        out_end = out_start + len(e.after)
        if src_start is None:
            if start <= out_start:
                src_start = start - delta
            elif start < out_end:
                src_start = e.start
        if src_end is None:
            if end <= out_start:
                src_end = end - delta
            elif end <= out_end:
                src_end = e.end
        if src_start is not None and src_end is not None:
            break
        delta += len(e.after) - (e.end - e.start)
    if src_start is None:
        src_start = start - delta
    if src_end is None:
        src_end = end - delta
    return src_start, max(src_start, src_end)


@st.composite
def edit_sets(draw):
    """A source text, sorted disjoint edits on it (insertions, deletions, growth), and spans of the output."""
    n = draw(st.integers(0, 40))
    source = "x" * n
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=16)))
    edits, i = [], 0
    while i + 1 < len(cuts):
        start, end = cuts[i], cuts[i + 1]
        if not edits or start >= edits[-1].end and not (start == end == edits[-1].start == edits[-1].end):
            edits.append(edit(source, start, end, draw(st.text("ab", max_size=4))))
        i += 2
    out_len = len(apply_edits(source, edits))
    spans = draw(st.lists(st.tuples(st.integers(0, out_len), st.integers(0, out_len)).map(sorted), max_size=12))
    return source, edits, spans


@settings(max_examples=2000, deadline=None)
@given(edit_sets())
def test_source_map_agrees_with_the_walk_it_replaced(case):
    """Bisection maps every output span exactly as the per-edit walk did."""
    _, first, spans = case
    mapped = SourceMap(first)
    for start, end in spans:
        assert mapped.to_source(start, end) == _walk_to_source(first, start, end)


def _old_unedited(findings, edits):
    """The quadratic filter that _unedited replaced, kept as the oracle."""
    spans = [(e.start, e.end) for e in edits]
    seen, out = set(), []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end, f.kind)
        if key in seen or any(s < f.end and f.start < e or s == e == f.start for s, e in spans):
            continue
        seen.add(key)
        out.append(f)
    return out


@settings(max_examples=2000, deadline=None)
@given(edit_sets(), st.lists(st.sampled_from([K, Family.GARBLED_WORD]), min_size=12, max_size=12))
def test_unedited_agrees_with_the_filter_it_replaced(case, kinds):
    """Findings left after edits are the same as the per-edit test found, duplicates and all."""
    source, edits, spans = case
    findings = [Flag(s, e, source[s:e], "y", k, 0.5, "r") for (s, e), k in zip(spans + spans[:3], kinds)]
    assert _unedited(findings, edits) == _old_unedited(findings, edits)


def test_many_edits_fold_in_time_linear_in_their_number():
    """Composing passes with 20,000 edits each does not walk the edits once per edit."""

    def fold(n):
        source = "tbe " * n
        first = [edit(source, 4 * i, 4 * i + 3, "the") for i in range(n)]
        middle = apply_edits(source, first)
        second = [edit(middle, 4 * i, 4 * i + 3, "The") for i in range(0, n, 2)]
        started = time.perf_counter()
        edits = compose(source, first, second, apply_edits(middle, second))
        place_findings(first, [Flag(e.start, e.end, e.before, "x", K, 0.5, "r") for e in second], source)
        _unedited([Flag(e.start, e.end, e.before, "x", K, 0.5, "r") for e in first], edits)
        return time.perf_counter() - started

    fold(2_000)
    small, large = min(fold(5_000) for _ in range(2)), fold(20_000)
    assert large < 10 * small + 0.2, f"{small:.3f}s at 5,000 edits, {large:.3f}s at 20,000"
