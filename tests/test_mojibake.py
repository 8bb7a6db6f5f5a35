"""Mojibake through ftfy, with its style normalisations off."""

import pytest


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Prices in MontrÃ©al rose.", "Prices in Montréal rose."),
        ("Itâ€™s not clear.", "It’s not clear."),
    ],
)
def test_fixes_mojibake(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "“Curly quotes” and ‘single ones’ — with dashes – stay.",
        "The ﬁle has a ligature and a non-breaking\u00a0space.",
        "Full-width Ａ and Ω and ½ are kept.",
        "Crème brûlée in São Paulo.",
    ],
)
def test_correct_unicode_comes_back_byte_for_byte(fix, text):
    assert fix(text) == text
