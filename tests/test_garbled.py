"""Garbled ordinary words: OCR confusions, near-miss spellings, broken hyphenation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Tbe board met on Monday.", "The board met on Monday."),
        ("The cornpany said it wou1d hire more staff.", "The company said it would hire more staff."),
        ("Officials said the govern- ment would act.", "Officials said the government would act."),
        ("He was a well-knovvn man.", "He was a well-known man."),
    ],
)
def test_fixes_garbled_words(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The painting, La danse, hangs in the Hermitage.",
        "Warin had to wait a year to recover the painting.",
        "Pre- and post-war prices differed.",
        "Call `connect`ing sockets with care.",
        "Old severities and seventies differ.",
        "He was admitted to the bar\u2011 gaine at once.",  # half of "bargaine", not a misread "game"
        "They are likely to ful\ufb01l their promises.",  # "fi" as one ligature, not a letter to drop ("full")
        "He travelled for a certain num-ber of years.",  # "number" broken at a line end, not "num-her"
    ],
)
def test_leaves_names_foreign_words_and_code_alone(fix, text):
    assert fix(text) == text


@pytest.mark.parametrize("text", ["He came from the countrey to see them.", "They sayd it onely to please him."])
def test_old_spellings_are_kept(fix, text):
    assert fix(text) == text


def _one_edit(a: str, b: str) -> bool:
    """Brute force: ``b`` is ``a`` with one letter deleted, inserted, replaced, or two neighbours swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@given(st.text(alphabet="abc", min_size=1, max_size=6), st.sets(st.text(alphabet="abc", max_size=7), max_size=40))
def test_one_edit_away_finds_exactly_the_words_one_edit_away(word, words):
    from repair.detectors.garbled import _one_edit_away
    from repair.vocabulary import HashedSet

    deletes = HashedSet(HashedSet.pack(w[:i] + w[i + 1 :] for w in words for i in range(len(w))))
    assert _one_edit_away(word, frozenset(words), deletes) == sorted(w for w in words if _one_edit(word, w))


@pytest.mark.parametrize(
    "text",
    [
        "Read the irc channel log.",  # a short abbreviation, not "ire"
        "Use the lld linker.",  # no vowel: an abbreviation, not "lid"
        "Raise the rlimit value.",  # a letter prefixed to a word, not "limit" misspelt
        "It compares mtimes of files.",  # a software word ("mtime") inflected
    ],
)
def test_leaves_technical_tokens_alone(fix, text):
    """Short abbreviations and prefixed identifiers in a text not read as OCR are not misreadings."""
    assert fix(text) == text


def test_a_slip_on_a_common_word_is_still_fixed(fix):
    """A short unknown token that misreads one of the commonest words is still repaired."""
    assert fix("Thanks tbe team for the fix.") == "Thanks the team for the fix."


def test_name_a_typed_text_repeats_is_kept_though_a_scanner_confusion_reads_a_word(repairer):
    """A plugin name a typed (not scanned) page writes again and again is its word, not an OCR misreading."""
    text = (
        "Release notes: run `npm update` first, as the [guide](./guide.md) says.\n\n"
        "The plugins list: forwarded; handie; proxy-addr.\n\n"
        "| who | plugins |\n|---|---|\n| ann | forwarded; handie |\n| bob | handie; proxy-addr |\n| cy | handie |\n\n"
        "The handie plugin lifts routes.\n"
    )
    assert repairer.repair(text, markup="markdown").text == text


def test_a_misreading_a_typed_page_repeats_is_fixed_where_the_page_writes_the_word_far_more(repairer):
    """On a page with code spans, "cornmand" twice beside "command" ten times is damage the page's own spelling shows."""
    prose = "Type the command `make` and wait; the command prints its log. " * 5
    text = f"{prose}\n\nThe cornmand ran once. Then the cornmand ran again.\n"
    assert repairer.repair(text, markup="markdown").text == text.replace("cornmand", "command")


@pytest.mark.parametrize(
    "text",
    [
        "buffer: the Buffer(buf) constructor is slow.",
        "crypto: make update(buf, enc) ignore the encoding.",
        "lib: remove usc-2 encoding.",
        "Run the 2-pas build.",
    ],
)
def test_an_argument_of_a_call_or_a_word_joined_to_a_number_is_code(fix, text):
    assert fix(text) == text


def test_a_word_in_prose_brackets_is_still_repaired(fix):
    assert fix("It was tbe last day (tbe end).") == "It was the last day (the end)."
