"""The shared evidence counters answer as the plain definitions they speed up."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.detectors import evidence
from repair.detectors.evidence import _count_places
from repair.document import Document
from repair.markup import Regions

ALPHABET = "abab AB.-`/\n_é\u0301²ǅ𝐀\u0558\ua7cb"  # (the last two: letters to regex, not to str.isalnum)


def _by_definition(doc: Document, forms: tuple[str, ...], limit: int, protected: bool) -> int:
    """Every place of each form (overlapping ones too) with neither a letter nor a digit
    beside it, in the protected text or outside it, up to ``limit``."""
    text, found = doc.text, 0
    for form in forms:
        for pos in (i for i in range(len(text)) if text.startswith(form, i)):
            end = pos + len(form)
            if regex.match(r"[\p{L}\p{N}]", text[pos - 1 : pos]) or regex.match(r"[\p{L}\p{N}]", text[end : end + 1]):
                continue
            if doc.is_protected(pos, end) == protected and found < limit:
                found += 1
        if found >= limit:
            break
    return found


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=60),
    forms=st.lists(st.text(alphabet="abAB'\u0301", min_size=1, max_size=3), min_size=1, max_size=3, unique=True),
    limit=st.integers(1, 4),
    protected=st.booleans(),
)
def test_places_on_word_boundaries_are_counted_as_defined(text, forms, limit, protected):
    """``_count_places`` counts what its definition counts, whatever stands beside a form."""
    doc = Document(text, Regions(protected=((0, min(3, len(text))),) if text else ()))
    assert _count_places(doc, tuple(forms), limit, protected) == _by_definition(doc, tuple(forms), limit, protected)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="akAK .'\n\u212aİ\u0301é", max_size=60),
    word=st.text(alphabet="akAK", min_size=1, max_size=3),
    limit=st.integers(1, 4),
    protected=st.booleans(),
)
def test_the_casings_of_a_word_are_counted_in_one_search_as_defined(text, word, limit, protected):
    """The casings of one word, found together in the lower-cased text, are counted as each
    alone would be (the Kelvin sign lowers to "k"; a dotted capital I lowers to two characters)."""
    forms = tuple(sorted({word, word.lower(), word.capitalize()}))
    doc = Document(text, Regions(protected=((0, min(3, len(text))),) if text else ()))
    assert _count_places(doc, forms, limit, protected) == _by_definition(doc, forms, limit, protected)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet="abAB12 .-`/\n_é\u0301²ǅ𝐀\u0558\ua7cb:", max_size=80),
    forms=st.lists(st.text(alphabet="abAB1é'\u0301", min_size=1, max_size=3), min_size=1, max_size=3, unique=True),
    limit=st.integers(1, 4),
    protected=st.booleans(),
    markup=st.booleans(),
)
def test_places_counted_from_the_texts_runs_are_those_searched_for(text, forms, limit, protected, markup):
    """Once a text counts its runs of letters and digits (after many searches), a form's
    places are what the definition counts, protected ones (paths, code, markup) apart."""
    regions = Regions(protected=((0, min(3, len(text))),) if text and markup else ())
    doc = Document(text, regions)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(evidence, "RUN_INDEX_READS", 0)  # counted at the first question
        found = _count_places(doc, tuple(forms), limit, protected)
    assert found == _by_definition(doc, tuple(forms), limit, protected)
    if all(evidence.RUN_RE.fullmatch(form) for form in forms):
        assert "runs" in doc.facts.memo  # (answered by the counts, not by a search)
