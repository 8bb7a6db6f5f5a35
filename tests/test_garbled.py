"""Garbled ordinary words: OCR confusions, near-miss spellings, broken hyphenation."""

import pytest


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Tbe board met on Monday.", "The board met on Monday."),
        ("The cornpany said it wou1d hire more staff.", "The company said it would hire more staff."),
        ("Officials said the govern- ment would act.", "Officials said the government would act."),
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
    ],
)
def test_leaves_names_foreign_words_and_code_alone(fix, text):
    assert fix(text) == text


@pytest.mark.parametrize("text", ["He came from the countrey to see them.", "They sayd it onely to please him."])
def test_old_spellings_are_kept(fix, text):
    assert fix(text) == text
