"""Bounded memos (repair.memo)."""

from repair.memo import per_text, remember


def test_remember_keeps_and_returns_the_value():
    """The value is stored under its key and handed back."""
    memo: dict = {}
    assert remember(memo, "a", 1, limit=3) == 1
    assert memo == {"a": 1}


def test_a_memo_at_its_limit_starts_over():
    """At the limit the memo forgets everything before keeping the new entry: it never grows past the limit."""
    memo: dict = {}
    for i in range(7):
        remember(memo, i, i * i, limit=3)
        assert len(memo) <= 3
    assert memo == {6: 36}


class _Compared(str):
    """A str that counts how often it is compared whole with another."""

    compared = 0

    def __eq__(self, other):
        type(self).compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_per_text_answers_as_the_function_and_computes_once_per_text():
    """Each text (and further arguments) is computed once while among the last ``size``; the oldest is forgotten."""
    calls = []

    @per_text(2)
    def length(text, extra=0):
        calls.append((text, extra))
        return len(text) + extra

    assert [length("ab"), length("ab"), length("abc"), length("ab", 1), length("ab", 1)] == [2, 2, 3, 3, 3]
    assert calls == [("ab", 0), ("abc", 0), ("ab", 1)]
    length("abcd")  # pushes "abc" out of the last two
    length("abc")
    assert len(calls) == 5


def test_per_text_finds_an_equal_copy_once_by_comparing_then_by_identity():
    """An equal text that is a new string (a repaired text again) is a hit, compared whole once, then found by identity."""
    calls = []

    @per_text(2)
    def first(text):
        calls.append(text)
        return text[:1]

    first("x" * 1000 + "y")
    copy = _Compared("x" * 1000 + "y")
    _Compared.compared = 0
    for _ in range(50):
        assert first(copy) == "x"
    assert len(calls) == 1
    assert _Compared.compared <= 1


def test_per_text_forgets_the_least_recently_used():
    """A text asked about again is kept over one asked about before it, as lru_cache keeps it."""
    calls = []

    @per_text(2)
    def same(text):
        calls.append(text)
        return text

    for text in ("a", "b", "a", "c", "a"):
        same(text)
    assert calls == ["a", "b", "c"]
