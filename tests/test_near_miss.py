"""Near-miss entity names: fuzzy, split and merged forms."""

import pytest


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("The fund, High-Fly Flyer Capital Management, backed it.", "The fund, High-Flyer Capital Management, backed it."),
        ("Rockets from Blue Origine landed twice.", "Rockets from Blue Origin landed twice."),
        ("The model came from Deepsek in January.", "The model came from DeepSeek in January."),
    ],
)
def test_fixes_near_miss_names(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The Bingleys and the Origins of Species were discussed.",
        "An Art-Nouveau chair stood by the door.",
        "Miss Darcy I had never met.",
        "Mr. Metas and Mrs. Blue visited.",
    ],
)
def test_leaves_other_names_alone(fix, text):
    assert fix(text) == text
