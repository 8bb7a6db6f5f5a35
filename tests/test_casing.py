"""Letter-case helpers: the fast path for plain ASCII words keeps the letter-by-letter rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repair.casing import cased_like, shape, shape_of_letters


def test_shapes_of_familiar_words():
    assert [shape(w) for w in ("the", "The", "NASA", "iPhone", "A", "a", "x2", "R2D2", "", "123")] == [
        "lower",
        "title",
        "upper",
        "mixed",
        "title",
        "lower",
        "lower",
        "upper",
        "lower",
        "lower",
    ]
    assert [shape(w) for w in ("Émile", "ÉCOLE", "école", "McDonald", "O'Neil")] == ["title", "upper", "lower", "mixed", "mixed"]


@given(st.text(alphabet="aAbBzZ", max_size=8))
def test_ascii_words_follow_the_letter_rule(word):
    assert shape(word) == shape_of_letters([ch for ch in word if ch.isalpha()])


@given(st.text(max_size=8))
def test_any_word_follows_the_letter_rule(word):
    assert shape(word) == shape_of_letters([ch for ch in word if ch.isalpha()])


def test_cased_like_copies_the_pattern():
    assert cased_like("Tbe", "the") == "The"
    assert cased_like("WOU1D", "would") == "WOULD"
    assert cased_like("tbe", "the") == "the"
