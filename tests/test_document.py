"""Tokens, protected regions and sentence positions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import DOCTEST_RE, Document, _doctest_lines


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
        ('it parses ``"Hello , World !"`` too', '``"Hello , World !"``'),  # a reStructuredText literal
        ("Try:\n\n    >>> germany = countries.get(alpha_2='DE')\n", "    >>> germany = countries.get(alpha_2='DE')"),
        ("make one with term = blessed.Terminal() first", "blessed.Terminal"),  # a call
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


def _phrase_count_by_pattern(text: str, phrase: str) -> int:
    import regex

    pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + r"(?![\p{L}\p{N}])")
    return sum(1 for _ in pattern.finditer(text)) if phrase else 0


def test_phrase_counts_from_the_run_index_equal_a_search():
    """Past the first few phrases a document answers from its index of letter-and-digit
    runs; every answer must equal a search of the text with the boundary pattern."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from repair.document import PHRASE_SCANS

    pieces = st.sampled_from(["Volkswagon", "volkswagon", "Volkswagon's", "Meta", "AI", "Meta AI", "é", "e\u0301", "2024", "x2", "-", "'", "’", " ", "  ", "\n", ".", "(", "Ab", "ab"])
    texts = st.lists(pieces, max_size=40).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(texts, st.lists(texts, min_size=1, max_size=PHRASE_SCANS * 2))
    def check(text, asked):
        doc = Document(text)
        phrases = [f"zz{i}" for i in range(PHRASE_SCANS)] + asked + ["Volkswagon", "Meta AI", "AI", "e\u0301"]
        for phrase in phrases:
            assert doc.count_phrase(phrase) == _phrase_count_by_pattern(text, phrase), phrase

    check()


def test_capital_counts_one_word_at_a_time_equal_the_whole_count():
    """capital_count() searches for one word at a time, then counts them all: both agree with the count."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = ["State", "State's", "States", "the", ",", " ", "\t", "\n", "’s", "2", "é", "Ötzi", "x", "'"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=40).map("".join), st.integers(0, 20))
    def check(text, others):
        doc = Document(text)
        expected = doc.capital_counts
        # ``others`` words asked first: past PHRASE_SCANS, the rest are answered from the whole count
        words = [f"Zz{i}" for i in range(others)] + sorted({w for w in doc.form_counts if w[0].isupper()} | {"State", "Ötzi", "State's"})
        for word in words * 2:  # the second round answers from memory
            assert doc.capital_count(word) == expected[word], (text, word)

    check()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([">>>", ">>> x = 1", " ", "\t", "\n", "a", ">"]), max_size=16).map("".join), st.data())
def test_doctest_lines_are_the_patterns_matches(text, data):
    """Interpreter lines found by looking for ">>>" alone are those the full pattern finds,
    over the whole text or any run of whole lines."""
    bounds = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"] + [len(text)]
    start = data.draw(st.sampled_from(bounds))
    end = data.draw(st.sampled_from([b for b in bounds if b >= start]))
    assert _doctest_lines(text, start, end) == [m.span() for m in DOCTEST_RE.finditer(text, start, end)]


TOKEN_ALPHABET = "aZé .,!?;:-'’\n\t_\u0301²½\u00a0\u2028ǅ𝐀😀"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=TOKEN_ALPHABET, max_size=80), cuts=st.lists(st.integers(0, 80), max_size=6))
def test_tokens_from_the_faster_engine_equal_the_regex_engines(text, cuts):
    """A document tokenised on ``re`` (its spans, or the whole text) holds exactly the tokens ``regex`` finds."""
    from repair.document import TOKEN_RE, TOKENS_RE, Screening, _tokens

    assert TOKENS_RE.fast is not None  # compiled now, so text within U+FFFF takes it
    bounds = sorted({min(c, len(text)) for c in cuts})
    spans = [(a, b) for a, b in zip(bounds[::2], bounds[1::2])]
    for screening in (Screening(), Screening(spans=spans)):
        doc = Document(text, screening=screening)
        wanted = [m for s, e in (screening.spans if screening.spans is not None else [(0, len(text))]) for m in TOKEN_RE.finditer(text, s, e)]
        assert doc.tokens == _tokens(iter(wanted))
