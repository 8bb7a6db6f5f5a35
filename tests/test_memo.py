"""Bounded memos (repair.memo)."""

from repair.memo import remember


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
