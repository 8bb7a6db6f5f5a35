"""Folding a later pass's edits back onto the source text."""

from repair import Family, apply_edits
from repair.model import Edit
from repair.passes import compose, to_source

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
