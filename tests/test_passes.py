"""Folding a later pass's edits back onto the source text."""

import functools
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
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


WORDS = ["the", "arid", "cold", "wet", "bead", "head", "(", ")", ";", ",", ".", "Mr", "l'été", "don’t", "1865", "\n", "\n\n", "`x y`", ">>> a b"]


@st.composite
def edited_texts(draw):
    """A text of words, brackets, marks, line breaks and protected spans, and sorted, disjoint edits of it."""
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=400)))
    places = sorted(draw(st.sets(st.integers(0, len(text) - 1), min_size=1, max_size=6)))
    edits, pos = [], 0
    for place in places:
        if place < pos:
            continue
        end = min(len(text), place + draw(st.integers(0, 4)))
        after = draw(st.sampled_from(["", " ", "x", "and head", ";", "(", "\n"]))
        edits.append(edit(text, place, end, after))
        pos = end + 1
    return text, edits


@settings(max_examples=1000, deadline=None)
@given(edited_texts())
def test_windows_round_changes_recount_to_a_full_count_and_cut_no_token(case):
    """Counts brought up to date on the lines and windows round each change equal the counts of the new text;
    each window holds REACH runs and CHAR_REACH characters either side of its change, cuts no token and no protected span."""
    from collections import Counter

    from repair.document import SCREEN_RE, protected_spans
    from repair.model import line_starts
    from repair.passes import CHAR_REACH, REACH, Region, output_spans

    before, edits = case
    after = apply_edits(before, edits)
    region = Region.around(before, Counter(SCREEN_RE.findall(before)), after, output_spans(edits), protected_spans(before), edits)
    starts = line_starts(after)
    assert region.recount(after, starts) == Counter(SCREEN_RE.findall(after))
    spans = region.spans(after, starts)
    for start, end in output_spans(edits):  # every change, with REACH runs either side, is inside the region
        held = [(a, b) for a, b in spans if a <= start and end <= b]
        if not after.strip():
            continue  # (nothing to read)
        a, b = held[0]
        assert len(after[a:start].split()) >= min(REACH, len(after[:start].split()))
        assert len(after[end:b].split()) >= min(REACH, len(after[end:].split()))
        assert a == 0 or start - a >= CHAR_REACH
        assert b == len(after) or b - end >= CHAR_REACH
    for a, b in region.windows:  # a window cuts no token and no protected span
        assert a == 0 or after[a - 1].isspace()
        assert b == len(after) or after[b].isspace()
        assert not any(s < a < e or s < b < e for s, e in protected_spans(after))
    found = region.protected_spans(after, starts)
    assert found is None or found == protected_spans(after)


def test_a_text_of_one_line_is_read_twice_not_three_times(monkeypatch):
    """On a text of one line the pass after the first reads every line, so when it changes nothing no settling pass repeats it."""
    from repair import Repairer

    r = Repairer()
    reads = []
    original = r._pass

    def counting(text, *args, **kwargs):
        reads.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(r, "_pass", counting)
    result = r.repair("It wou1d be fine, the the results say.")
    assert result.text == "It would be fine, the results say."
    assert len(reads) == 2
    reads.clear()
    assert r.repair("It wou1d be fine,\nthe results say.").text == "It would be fine,\nthe results say."
    assert len(reads) == 2  # every line is a changed line or its neighbour
    reads.clear()
    r.repair("It wou1d be fine.\nThe results say.\nMore here.\nAnd more.")
    assert len(reads) == 3  # the last line is no neighbour: one pass settles the whole text


DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"
ICDAR = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ocr" / "icdar-english.jsonl"


@functools.lru_cache(maxsize=1)
def ocr_repairer():
    from repair import Repairer

    return Repairer([DEV / "lexicon.txt"], profile="ocr")


@functools.lru_cache(maxsize=1)
def dev_cases() -> list[str]:
    return [json.loads(line)["garbled"] for path in sorted(DEV.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def assert_settled(r, text: str) -> None:
    """Repairing ``text`` and then its output changes nothing more."""
    first = r.repair(text)
    again = r.repair(first.text)
    assert again.edits == (), [(e.before, e.after, e.reason) for e in again.edits]


@settings(max_examples=12, deadline=None)
@given(st.data())
def test_dev_cases_glued_into_one_line_settle(data):
    """Dev cases glued into one long line, read as OCR and as MT, repair to a fixed point (the pass after the first reads every line)."""
    picked = data.draw(st.lists(st.sampled_from(dev_cases()), min_size=2, max_size=40))
    text = " ".join(c.replace("\n", " ") for c in picked)
    assert_settled(ocr_repairer(), text)
    assert_settled(mt_repairer(), text)


@pytest.mark.slow
@pytest.mark.skipif(not ICDAR.is_file(), reason="ICDAR OCR corpus (../shared) absent")
@settings(max_examples=10, deadline=None)
@given(st.data())
def test_icdar_pages_glued_into_one_line_settle(data):
    """Raw OCR pages of ICDAR glued into one long line repair to a fixed point (the pass after the first reads every line)."""
    docs = [json.loads(line) for line in ICDAR.read_text(encoding="utf-8").splitlines()]
    pages = [d["ocr"] for d in docs if d["subset"].startswith("icdar2017") and len(d["ocr"]) < 4000]
    picked = data.draw(st.lists(st.sampled_from(pages), min_size=2, max_size=5))
    assert_settled(ocr_repairer(), " ".join(p.replace("\n", " ") for p in picked))


PAINTINGS_LINES = [
    "A woman with a child goes down to the water ; a man pushes a barrow upwards.",
    "The figures turn towards the sailing ship and go back ( over snow-covered rocks) to the right.",
    "In the distance the village lies under a grey sky, and the river bends out of sight.",
    "",
    "He painted The Heart of the Andes in 1859, now at the Metropolitan Museum of Art.",
    "Shares of Apple rose 3.5% after the results; Microsoft fell.",
    "“We will see,” she said, before the vote on the Social Security bill.",
]


def counted_reads(r, monkeypatch, regions: list | None = None) -> list[str]:
    """The texts ``r``'s passes read, and (into ``regions``) the region each read."""
    reads: list[str] = []
    original = r._pass

    def counting(text, markup, detectors, region=None, *args, **kwargs):
        reads.append(text)
        if regions is not None:
            regions.append(region)
        return original(text, markup, detectors, region, *args, **kwargs)

    monkeypatch.setattr(r, "_pass", counting)
    return reads


def test_stray_spaces_removed_settle_without_a_whole_reading(repairer, monkeypatch):
    """Deleted stray spaces beside brackets and marks change no statistic of the whole text, so the region pass settles it."""
    text = "\n".join(PAINTINGS_LINES + PAINTINGS_LINES[1:])  # (three spaced marks would make a style)
    reads = counted_reads(repairer, monkeypatch)
    result = repairer.repair(text)
    assert [(e.before, e.after, e.reason[:17]) for e in result.edits] == [(" ", "", "stray space befor")] + [(" ", "", "stray space after")] * 2
    assert len(reads) == 2  # the first reading, then the changed lines and words near them
    monkeypatch.setattr(repairer, "_settles_in_region", lambda *args: False)
    assert repairer.repair(text) == result  # what a settling reading of the whole text gives
    assert len(reads) == 5


def test_a_stray_space_inside_a_searched_name_still_gets_a_whole_settling_reading(monkeypatch):
    """A deleted space that a lexicon name holds across (“Tour ( Over)”) may change how often the name is found: the whole text is read again."""
    from repair import Repairer
    from repair.lexicon import Entry, Lexicon

    text = "\n".join(PAINTINGS_LINES + PAINTINGS_LINES[1:])
    plain = Repairer()
    named = Repairer([Lexicon([Entry("Back (Over Snow)", "test")])])
    for r, expected in ((plain, 2), (named, 3)):
        reads = counted_reads(r, monkeypatch)
        r.repair(text)
        assert len(reads) == expected


def test_only_stray_space_deletions_beside_marks_may_skip_the_settling_reading():
    """An edit that changes a token, adds a space, or deletes one between two words needs a whole settling reading."""
    from repair.model import Family
    from repair.passes import SearchedForms, joined_pair

    def spacing(text, start, end, after=""):
        return Edit(start, end, text[start:end], after, Family.PUNCTUATION, 1.0, "")

    text = "go ( over it ; and a b"
    assert joined_pair(text, spacing(text, 4, 5)) == "(o"
    assert joined_pair(text, spacing(text, 12, 13)) == "t;"
    assert joined_pair(text, spacing(text, 13, 14)) is None  # after the mark, not before it
    assert joined_pair(text, spacing(text, 20, 21)) is None  # between two words: it joins them
    assert joined_pair(text, spacing(text, 4, 5, "  ")) is None
    assert joined_pair(text, spacing(text, 5, 9, "ovr")) is None
    searched = SearchedForms.of(["It ;", "Go (Over"])
    assert not searched.unmoved(text, spacing(text, 4, 5)) and not searched.unmoved(text, spacing(text, 12, 13))
    assert SearchedForms.of(["Yahoo!", "(Kreis)"]).unmoved(text, spacing(text, 12, 13))


@st.composite
def spaced_documents(draw):
    """Lines of prose (or one long line of it) with stray spaces put beside some brackets and marks."""
    from content_repo import PROSE

    lines = draw(st.lists(st.sampled_from(PAINTINGS_LINES + [g for g, _ in PROSE] + [""]), min_size=1, max_size=30))
    text = draw(st.sampled_from(["\n", " "])).join(lines)  # (lines, or one long line)
    places = [i for i, ch in enumerate(text) if ch in ";:,)!?" and i and text[i - 1].isalpha()]
    for i in sorted(draw(st.sets(st.sampled_from(places), max_size=4)) if places else (), reverse=True):
        text = text[:i] + " " + text[i:]
    return text


@functools.lru_cache(maxsize=1)
def mt_repairer():
    from repair import Repairer

    return Repairer([Path(__file__).parent / "data" / "lexicon.txt"], profile="mt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spaced_documents())
def test_settling_in_the_region_gives_what_a_whole_settling_reading_gives(repairer, monkeypatch, text):
    """Whether or not the region pass settles a text, the result is the same, and repairing it again changes nothing."""
    for r in (repairer, mt_repairer()):
        with monkeypatch.context() as m:
            m.setattr(r, "_settles_in_region", lambda *args: False)
            whole = r.repair(text)
        result = r.repair(text)
        assert result == whole
    # (under a fixed profile: "auto" may read the repaired text as another kind, garbled prose as OCR and its repair as MT)
    assert r.repair(result.text).edits == ()


@settings(max_examples=300, deadline=None)
@given(edited_texts(), st.lists(st.sampled_from(["aul", "tbe", "thz", "xa", "hcad"]), max_size=3))
def test_recurrences_search_and_token_scan_agree(case, words):
    """Where a replaced word recurs (or an unknown word near it) is found alike by a search per form and by a scan of every token, each a whole token."""
    import repair.passes as passes
    from repair.document import TOKEN_RE

    before, edits = case
    after = apply_edits(before, edits)
    searched = passes.recurrences(after, edits, words)
    few = passes.FEW_FORMS
    try:
        passes.FEW_FORMS = 0
        scanned = passes.recurrences(after, edits, words)
    finally:
        passes.FEW_FORMS = few
    assert searched == scanned
    tokens = {m.span() for m in TOKEN_RE.finditer(after)}
    assert all(span in tokens for span in searched)


def test_later_ocr_passes_read_windows_and_give_what_whole_readings_give(monkeypatch, synthetic_ocr_pages):
    """A later pass over a page of OCR on one line reads windows round its changes, not every word, and the result is that of whole readings."""
    from repair import Repairer

    pages = synthetic_ocr_pages[:6]
    text = " ".join(p.replace("\n", " ") for p in pages)
    r = Repairer(profile="ocr")
    regions: list = []
    counted_reads(r, monkeypatch, regions)
    result = r.repair(text)
    later = regions[1:]
    assert later and all(region is not None and region.windows and not region.lines for region in later)
    assert sum(b - a for a, b in later[-1].windows) < len(result.text)  # (not every word)
    whole = Repairer(profile="ocr")
    whole.window_ocr = False
    assert whole.repair(text) == result
