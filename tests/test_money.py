"""Sums of money whose figures the scan read as letters ("£5 Is. Gd." is "£5 1s. 6d.")."""

from __future__ import annotations

import pytest

from repair import Repairer
from repair.money import fixes


def _fixed(text: str) -> list[tuple[str, str]]:
    return [(f.before, f.after) for f in fixes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Private Boxes, £1 Is, Commences at eight.", [("Is,", "1s,")]),  # shillings after pounds
        ("in bottles at Is 9d, 3s and 4s 6d each", [("Is", "1s")]),  # shillings before pence
        ("hares, 4s. Gd. each; rabbits 18s. Cd. and 2s. Id.", [("Gd.", "6d."), ("Id.", "1d.")]),  # pence after shillings
        ("£5 Is. Gd. in all", [("Is.", "1s."), ("Gd.", "6d.")]),  # two misread fields vouch for each other
    ],
)
def test_misread_fields_of_a_sum_are_read_as_figures(text, expected):
    assert _fixed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the fee is 6d. a head",  # the verb before a sum
        "Upper Boxes, is. 6d.; rabbits 2s. id.",  # a lower-case i is as often 4 as 1: one figure is not known
        "Is it so? Is old age kind?",  # words, with no sum beside them
        "It was 2s. old stock",  # "old" would be "01d": no field starts with 0
        "for 3s. bid the man",  # "bid" would be 61 pence: pence stop at 11
        "Admittance to each View, Is. Books extra.",  # no sum beside it: left as printed
    ],
)
def test_words_beside_no_sum_stay(text):
    assert _fixed(text) == []


def test_a_page_read_as_ocr_gets_its_sums_back():
    page = "Rabbits sold at Is. 6d. to 2s. Gd. each, and tbe hares at 4s. 6d. the brace, which was low."
    result = Repairer(profile="ocr").repair(page)
    assert "at 1s. 6d. to 2s. 6d. each" in result.text


def test_a_scan_read_as_another_kind_of_text_gets_its_sums_back_too():
    """A market report with few misread words reads as MT, not OCR; its sums are still print."""
    page = "Pheasants sold at 7s. to 8s. the brace, hares at 4s. Gd. each, and the best beef at £1 Is the stone."
    result = Repairer().repair(page)
    assert result.profile != "ocr"
    assert "4s. 6d. each" in result.text and "£1 1s the stone" in result.text


def test_a_question_after_a_sum_in_modern_prose_stays():
    """Outside OCR, "Is" after pounds is a verb unless it carries its stop or the text writes
    shillings in figures elsewhere: a lost question mark is no shillings field."""
    text = "The ticket cost £5 Is that fair? We paid it anyway and went home happy."
    result = Repairer().repair(text)
    assert result.profile != "ocr"
    assert result.text == text
    assert _fixed(text) == [("Is", "1s")]  # (read as OCR, where figures are misread, it is a sum)
