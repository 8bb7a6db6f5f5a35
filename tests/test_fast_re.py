"""A Twin's ``re`` translation answers exactly as its ``regex`` pattern, or is not used;
a pattern split by first character finds what the single pattern finds."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import fast_re
from repair.detectors.mojibake import NON_ASCII_RE
from repair.detectors.punctuation import MARK_RE, QUOTE_RE, SPACE_AFTER_OPEN_RE
from repair.document import ALNUM_RUN_RE, PROTECTED_RE, SCREEN_RE, TOKENS_RE, _suspect_places
from repair.fast_re import FAST_MIN, ByFirstChar, Twin, translate
from repair.detectors.near_miss import RUN_RE
from repair.detectors.run_on import MISSING_SPACE_RE

TWINS = {
    "SCREEN_RE": SCREEN_RE,
    "TOKENS_RE": TOKENS_RE,
    "MISSING_SPACE_RE": MISSING_SPACE_RE,
    "MARK_RE": MARK_RE,
    "NON_ASCII_RE": NON_ASCII_RE,
    "RUN_RE": RUN_RE,
    "ALNUM_RUN_RE": ALNUM_RUN_RE,
}

# Where the two engines' own ideas of a letter, a digit or a space differ:
# underscores, combining marks, numeric symbols, letters newer than one
# engine's tables, spaces only one calls a space, astral letters.
TRICKY = "_\u0301\u0308²½Ⅻ\u1c90\u08c8\u001c\u0085\u00a0\u2028\u3000ǅ𝐀𝟘😀’'"
ALPHABET = "aZé .,!?;:-\n\t" + TRICKY


def _spans(pattern, text: str, pos: int, endpos: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, pos, endpos)]


@pytest.mark.parametrize("name", sorted(TWINS))
def test_each_twin_has_a_translation(name):
    assert TWINS[name].fast is not None, f"{name} no longer translates: it silently runs on the slower engine"


@pytest.mark.parametrize("name", sorted(TWINS))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), cut=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_translation_matches_regex_on_bmp_text(name, text, cut):
    twin = TWINS[name]
    text = "".join(c for c in text if c <= "\uffff")  # the translation serves only such text
    pos, endpos = min(cut), max(cut)
    assert _spans(twin.fast, text, pos, endpos) == _spans(twin.slow, text, pos, endpos)
    assert twin.fast.findall(text, pos, endpos) == twin.slow.findall(text, pos, endpos)


def test_every_bmp_character_is_classed_alike():
    """One pass over every character below U+10000, as a token and beside letters."""
    text = " ".join(f"a{chr(c)}b" for c in range(0x10000) if chr(c) != "\n")
    assert SCREEN_RE.fast.findall(text) == SCREEN_RE.slow.findall(text)


def test_the_translation_serves_once_enough_text_was_read_but_never_astral_text():
    twin = Twin(SCREEN_RE.pattern)
    short = "Plain words, many of them. " * 4
    assert twin.engine(short) is twin.slow  # one small file: not worth compiling
    assert twin._fast is False
    long = short * (FAST_MIN // len(short))
    assert twin.engine(long) is twin.fast
    assert twin.engine(short) is twin.fast  # compiled now: small texts gain too
    astral = long + "𝐀"
    assert twin.engine(astral) is twin.slow
    assert twin.findall(astral) == twin.slow.findall(astral)


def test_many_small_texts_compile_the_translation():
    twin = Twin(SCREEN_RE.pattern)
    article = "A short article, of a few words. " * 10
    engines = [twin.engine(article) for _ in range(FAST_MIN // len(article) + 2)]
    assert engines[0] is twin.slow and engines[-1] is twin.fast


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bword\b",  # word boundaries follow each engine's own \w
        r"(?i)straße",  # case folding differs
        r"(?r)\s",  # reverse search
        r"(?<=\p{L}+)x",  # a variable-width look-behind: re refuses it
        r"(?<name>a)",  # regex's own group syntax
        r"[[:alpha:]]",  # a POSIX class
        r"\X",  # graphemes
        r"(a)\1",  # back-references: left to regex
        r"[^\S\n]",  # a negated escape in a class
    ],
)
def test_patterns_that_could_differ_are_not_translated(pattern):
    assert Twin(pattern).fast is None


def test_class_escapes_are_spelt_out_from_regex_tables():
    translated = translate(r"[\p{Lu}]x\s")
    assert translated is not None and "\\p" not in translated and "\\s" not in translated
    compiled = regex.compile(r"[\p{Lu}]x\s")
    fast = Twin(r"[\p{Lu}]x\s").fast
    for text in ("Ax ", "ǅx\u2003", "ax ", "Áx\u001c"):
        assert bool(fast.search(text)) == bool(compiled.search(text)), text


def test_verbose_and_unknown_flags_are_not_translated():
    assert Twin(r"a  # comment", regex.VERBOSE).fast is None
    assert Twin(r"a", regex.IGNORECASE).fast is None
    assert Twin(r"^a", regex.MULTILINE).fast is not None


def test_the_translation_is_compiled_once(monkeypatch):
    calls = []
    original = fast_re._compile_fast
    monkeypatch.setattr(fast_re, "_compile_fast", lambda *a: calls.append(a) or original(*a))
    twin = Twin(r"\p{L}+")
    long = "words " * FAST_MIN
    assert twin.findall(long) == twin.findall(long)
    assert len(calls) == 1


# -- patterns split by their first character ------------------------------

SPLIT = {
    # each ByFirstChar (or split search) and the single pattern it stands for
    "QUOTE_RE": (QUOTE_RE.finditer, regex.compile(r"“(?![\p{L}\p{N}])|”(?=[\p{L}\p{N}])|[«»]")),
    "SPACE_AFTER_OPEN_RE": (SPACE_AFTER_OPEN_RE.finditer, regex.compile(r"[(\[{]( )(?=\p{L})")),
}
SPLIT_ALPHABET = "aé1 _.()[]{}@/\\“”«»\n"


@pytest.mark.parametrize("name", sorted(SPLIT))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=SPLIT_ALPHABET, max_size=40), cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_split_patterns_find_what_the_single_pattern_finds(name, text, cut):
    split, single = SPLIT[name]
    pos, endpos = min(cut), max(cut)
    assert [(m.span(), m.group()) for m in split(text, pos, endpos)] == [(m.span(), m.group()) for m in single.finditer(text, pos, endpos)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=SPLIT_ALPHABET, max_size=40), cut=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_protected_span_suspects_are_those_of_the_single_pattern(text, cut):
    single = regex.compile(r"[@/\\]|\.(?<=[\w)]\.)(?=[\w(])")
    pos, endpos = min(cut), max(cut)
    assert _suspect_places(text, pos, endpos) == [m.start() for m in single.finditer(text, pos, endpos)]


def test_a_split_pattern_must_start_with_its_character():
    with pytest.raises(ValueError):
        ByFirstChar({"(": r"\[x"})


def test_warm_up_compiles_every_twin_before_the_first_text():
    """A Repairer's warm-up compiles every Twin's translation, so a process's first long text does not pay for it."""
    from repair import Repairer

    fresh = Twin(r"[\p{Lu}]+x")
    assert fresh._fast is False
    Repairer().warm_up()
    assert all(twin._fast is not False for twin in (*TWINS.values(), fresh))


# What protected spans are made of: backticks, schemes, "www.", "@", slashes, dots, versions.
PROTECTED_ALPHABET = "`:/@.\\-+_()[]\"“ htpsfw" + "v1aZé\n" + TRICKY


@pytest.mark.skipif(sys.version_info < (3, 11), reason="the translation uses possessive quantifiers, new in 3.11's re")
def test_the_protected_span_pattern_has_a_translation():
    """PROTECTED_RE runs on re where it can: on a docs page most of its time is reading URLs and paths."""
    assert PROTECTED_RE.fast is not None


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=PROTECTED_ALPHABET, max_size=60), cut=st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_protected_span_translation_matches_regex(text, cut):
    """PROTECTED_RE's translation finds the spans its regex pattern finds, on text rich in what it looks for."""
    if PROTECTED_RE.fast is None:
        return
    text = "".join(c for c in text if c <= "\uffff")
    pos, endpos = min(cut), max(cut)
    assert _spans(PROTECTED_RE.fast, text, pos, endpos) == _spans(PROTECTED_RE.slow, text, pos, endpos)


def test_protected_span_pattern_reads_what_it_did_as_a_verbose_pattern():
    """Written without VERBOSE (which the translation cannot read), the pattern is the verbose one it replaced, comments and spaces taken out."""
    verbose = regex.compile(
        r"""
          ``[^`\n]{1,200}`` | `[^`\n]{0,200}`
        | (?<![\w.+-])(?:https?|ftp)://[^\s<>()\[\]"“”]+ | (?<![\w.+-])www\.[^\s<>()\[\]"“”]+
        | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+ | (?<![\w./-])[\w.-]*+/[\w./-]*+
        | (?<![\w\\])\w++\\[\w\\.-]++ | (?<![\w.])(?:\p{L}\.){2,}+
        | (?<![\w.-])\p{L}[\w-]*+(?:\.[\p{Ll}\d][\w-]*+)+ | (?<![\w.-])\p{L}\w*+(?:\.\w++)+(?=\()
        | (?<![\w.])v?\d++(?:\.\d++)+\w*+
        """,
        regex.VERBOSE,
    )
    text = "See `x`, https://a.b/c?d, www.e.org, me@f.io, ./g/h.md, a\\b.c, U.S., Node.js, term.Run(), v1.2.3b (é/ü)."
    assert _spans(PROTECTED_RE.slow, text, 0, len(text)) == _spans(verbose, text, 0, len(text))
