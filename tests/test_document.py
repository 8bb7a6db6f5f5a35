"""Tokens, protected regions and sentence positions."""

import pytest

from repair.document import Document


def _protected(text: str) -> list[str]:
    doc = Document(text)
    return [text[s:e] for s, e in doc.protected]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("see https://example.com/a.b?c=d now", "https://example.com/a.b?c=d"),
        ("mail press@example.org today", "press@example.org"),
        ("the U.S. economy", "U.S."),
        ("runs Node.js well", "Node.js"),
        ("open config.yaml first", "config.yaml"),
        ("version 3.11.4 is out", "3.11.4"),
        ("call `fooBar()` here", "`fooBar()`"),
        ("edit src/repair/cli.py now", "src/repair/cli.py"),
    ],
)
def test_protected_regions(text, region):
    assert region in _protected(text)


def test_is_protected_overlap_and_insertions():
    doc = Document("go to www.example.com now")
    start = doc.text.index("www")
    end = start + len("www.example.com")
    assert doc.is_protected(start, end)
    assert doc.is_protected(end - 2, end + 3)
    assert doc.is_protected(start + 4, start + 4)  # an insertion inside
    assert not doc.is_protected(end, end)  # an insertion just after
    assert not doc.is_protected(0, 2)


def test_sentence_starts():
    doc = Document("It rained. “When it stops,” she said, (Maybe) we go.\nNext line")
    starts = {t.text for t in doc.tokens if t.is_word and doc.is_sentence_start(t)}
    assert {"It", "When", "Maybe", "Next"} <= starts
    assert "she" not in starts and "we" not in starts


def test_headings_and_line_columns():
    doc = Document("# Title Here\n\nA sentence ends here.\nShort Title Line\n")
    assert doc.in_heading(0)
    assert not doc.in_heading(doc.text.index("A sentence"))
    assert doc.in_heading(doc.text.index("Short"))
    assert doc.line_col(doc.text.index("ends")) == (3, 12)


def test_protected_pattern_is_linear_on_a_long_token():
    import time

    text = "a." * 200_000 + "b" * 200_000
    started = time.perf_counter()
    Document(text)
    assert time.perf_counter() - started < 5
