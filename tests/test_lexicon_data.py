"""The built-in lexicon's data: sorted, unique, no alias cycles, big enough."""

from importlib import resources

import pytest

from repair.detectors.entity_case import is_ordinary
from repair.document import Document
from repair.lexicon import ARROW, builtin_lexicon, parse_lexicon
from repair.detectors.base import Context

FOLDER = resources.files("repair") / "data" / "lexicon"
PARTS = sorted(p.name for p in FOLDER.iterdir() if p.name.endswith(".txt"))


def entries(name):
    return list(parse_lexicon((FOLDER / name).read_text(encoding="utf-8"), name))


@pytest.mark.parametrize("name", PARTS)
def test_each_part_is_sorted_unique_and_says_where_it_came_from(name):
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert text.startswith("# ")  # source and licence first
    found = entries(name)
    names = [e.canonical for e in found if e.alias is None]
    assert names == sorted(names, key=lambda s: (s.casefold(), s))
    assert len(names) == len(set(names))
    wrong = [e.alias for e in found if e.alias is not None]
    assert len(wrong) == len(set(wrong))


def test_aliases_never_equal_their_canonical_and_never_chain():
    lexicon = builtin_lexicon()
    canonicals = {c.casefold() for c in lexicon.canonicals}
    for entry in lexicon.aliases.values():
        assert entry.alias != entry.canonical
        # a wrong form that is itself a name would make a cycle or a chain
        assert entry.alias.casefold() not in canonicals, entry


def test_no_duplicates_across_parts():
    seen = {}
    for name in PARTS:
        for e in entries(name):
            if e.alias is None:
                assert e.canonical not in seen, f"{e.canonical} in {name} and {seen.get(e.canonical)}"
                seen[e.canonical] = name


def test_tens_of_thousands_of_names_in_every_domain():
    lexicon = builtin_lexicon()
    assert len(lexicon.canonicals) >= 30_000
    for name in ("France", "Nairobi", "São Paulo", "Ontario", "German", "Swahili", "LinkedIn", "PostgreSQL", "OpenAI"):
        assert name in lexicon.canonicals, name


def test_names_that_are_ordinary_words_are_known_as_such(repairer):
    ctx = Context(Document(""), repairer.resources)
    for name in ("Apple", "Meta", "X", "Mosaic", "Llama"):
        assert is_ordinary(ctx, name), name
    for name in ("OpenAI", "LinkedIn", "DeepSeek"):
        assert not is_ordinary(ctx, name), name


@pytest.mark.parametrize(
    "text",
    [
        "She ate an apple and a pear.",
        "The meta question is harder.",
        "Mark the spot with an x.",
        "It was a fair result for both teams.",
        "A mosaic of small tiles covered the floor.",
        "The llama grazed beside the fence.",
        "Reading the report took an hour.",
    ],
)
def test_ordinary_word_names_need_context_to_fire(text):
    from repair import Repairer

    assert Repairer().repair(text).text == text


def test_ordinary_word_name_fires_with_context():
    from repair import Repairer

    text = "Meta's Fundamental AI Research (Fair) published it."
    assert Repairer().repair(text).text == "Meta's Fundamental AI Research (FAIR) published it."


def test_part_files_hold_no_arrows_except_as_aliases():
    for name in PARTS:
        for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
            if ARROW in line and not line.startswith("#"):
                left, right = (s.strip() for s in line.split(ARROW))
                assert left and right and left != right


def test_the_software_words_are_plain_lower_case_words_no_name_claims():
    """technical-words.txt: sorted, unique, lower case, new to SCOWL, and no built-in
    name's lower case (a known word blocks recasing it: "github" must stay fixable)."""
    from repair.vocabulary import _lines

    text = (resources.files("repair") / "data" / "technical-words.txt").read_text(encoding="utf-8")
    words = _lines(text)
    assert text.startswith("# ") and words == sorted(set(words))
    assert all(w.isalpha() and w.islower() for w in words)
    scowl = set(_lines((resources.files("repair") / "data" / "words.txt").read_text(encoding="utf-8")))
    assert not scowl.intersection(words)
    names = {c.lower() for c in builtin_lexicon().canonicals}
    assert not names.intersection(words)
