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


def test_a_warm_memory_gives_what_a_fresh_repairer_gives(lexicon_path):
    """The distances remembered per letter string carry no context from the document that filled them."""
    from repair import Repairer

    texts = [
        "Rockets from Blue Origine landed twice.",
        "Blue Origin flew. Later Blue Origine flew again, and Deepsek wrote about Blue Origine.",
        "The fund, High-Fly Flyer Capital Management, backed Deepsek.",
    ]
    warm = Repairer([lexicon_path])
    for text in texts + texts[::-1]:
        assert warm.repair(text) == Repairer([lexicon_path]).repair(text)
    assert all(any(e.after in ("Blue Origin", "DeepSeek") for e in warm.repair(t).edits) for t in texts[:2])
