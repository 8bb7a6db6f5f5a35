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


@pytest.fixture(scope="module")
def builtin_fix():
    """Repair with the built-in lexicon alone, as a user with no configuration does."""
    from repair import Repairer

    repairer = Repairer()
    return lambda text: repairer.repair(text).text


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Shares of Volkswagon fell on Monday.", "Shares of Volkswagen fell on Monday."),
        ("Flights to Philadephia were cancelled.", "Flights to Philadelphia were cancelled."),
        ("The bank sued Mitsubshi in March.", "The bank sued Mitsubishi in March."),
    ],
)
def test_the_built_in_lists_fix_famous_names_misspelt(builtin_fix, garbled, clean):
    assert builtin_fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Volkswagon is a new bicycle brand; Volkswagon sells in Lyon.",  # written twice: a name of its own
        "General Frémont marched west.",  # an accent the listed "Fremont" lacks: a spelling of its own
        "Phillip came home late.",  # "Phillips" is this name plus "s"
        "The painter Alexandre lived there.",  # "Alexandra" with another final vowel: a language's own form
        "The Perdona family farmed there.",  # one letter from an obscure company
        "Toyata is short.",  # six letters: too short to trust one letter's difference
        "THE BOARD OF VOLKSWAGON MET.",  # in capitals
    ],
)
def test_the_built_in_lists_match_only_strict_misspellings(builtin_fix, text):
    assert builtin_fix(text) == text


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        # the name in another case, then a word: recased, the word kept (it once became "DeepSeek is")
        ("Published today: “Deepseek R1 is one of the most amazing models.”", "Published today: “DeepSeek R1 is one of the most amazing models.”"),
        ("Shares of Microsoft X rose.", "Shares of Microsoft X rose."),
        ("Only the Python3 symbols were kept.", "Only the Python3 symbols were kept."),  # a version, not a slip
        ("Run it in a Jupyter notebook.", "Run it in a Jupyter notebook."),  # not the planet Jupiter
    ],
)
def test_a_name_beside_another_word_keeps_the_word(builtin_fix, garbled, clean):
    assert builtin_fix(garbled) == clean


def test_large_lists_names_are_matched_one_letter_off_and_only_if_well_known():
    """A "case"-tier name: one letter off only, and only a name the frequency list knows;
    a full-tier name: more letters on a long name."""
    from repair.detectors.near_miss import _keys_near
    from repair.lexicon import Entry, Lexicon
    from repair.resources import Resources

    names = [Entry("Massachusetts", "<test>", tier="case"), Entry("Zqvorkland", "<test>", tier="case"), Entry("Pennsylvania", "<test>")]
    resources = Resources(Lexicon(names))

    def keys(compact: str, word: str) -> tuple[list[str], list[str]]:
        full, listed = _keys_near(resources, compact, [word])
        return [k for k, _, _ in full], [k for k, _, _ in listed]

    assert keys("massachussetts", "Massachussetts") == ([], ["massachusetts"])
    assert keys("massachussets", "Massachussets") == ([], [])  # two letters off
    assert keys("zqvorklamd", "Zqvorklamd") == ([], [])  # a name no frequency list knows
    assert keys("pensylvannia", "Pensylvannia") == (["pennsylvania"], [])


@pytest.mark.parametrize(
    "run",
    ["Blue Origine", "High-Fly Flyer Capital", "Volkswagon", "Philadephia", "Deepsek", "The House", "Mr Bennet", "Elizabeth Bennett's"],
)
def test_the_screens_quick_test_passes_every_run_the_detector_flags(repairer, run):
    """``may_flag`` reads no document; it may say yes too often, never too seldom."""
    from repair.detectors import near_miss
    from repair.document import Document
    from repair.detectors.base import Context

    flagged = any(True for _ in near_miss.detect(Context(Document.lone(run), repairer.resources)))
    assert near_miss.may_flag(repairer.resources, run) or not flagged
    if run in ("Blue Origine", "Volkswagon", "Philadephia"):
        assert flagged
    if run == "The House":
        assert not near_miss.may_flag(repairer.resources, run)  # it does filter


def test_a_name_beside_its_near_namesake_in_a_list_is_another_item():
    """"Mysql, Mssql": the list names two databases; the second is not the first misspelt."""
    from repair import Repairer

    text = "- A driver that connects the app to Sqlite, Mysql, Mssql, Postgres.\n"
    out = Repairer().repair(text, markup="markdown").text
    assert "Mssql" in out and out.count("MySQL") == 1


@pytest.mark.parametrize(
    "text",
    [
        "- Introduce NODEJS_ORG_MIRROR to set the download mirror.\n",
        "Set NODEJS-ORG-MIRROR before the build.\n",
        "The folder my_Nodejs_app holds the code.\n",
    ],
)
def test_a_name_inside_an_identifier_is_not_bent(fix, text):
    """An environment variable or identifier spells its parts as the code needs: "Node.js_ORG_MIRROR" names nothing."""
    assert fix(text) == text


def test_a_name_in_a_hyphenated_prose_compound_is_still_fixed(fix):
    """A hyphen after a name in prose makes a compound, not an identifier: the name is still fixed."""
    assert fix("Many Nodejs-based tools exist.\n") == "Many Node.js-based tools exist.\n"


def test_a_one_word_name_in_a_list_of_people_is_a_person(fix):
    """An AUTHORS list item that is one name ("- Mariatta") is a contributor, not a misspelt company one letter away."""
    text = "# Authors\n\n- Mahmoud Hossam\n- Mariatta\n- [Matt Smith](mailto:matt@example.com)\n"
    assert fix(text) == text


def test_a_one_word_item_in_a_list_of_things_is_still_fixed(fix):
    """The same item among products, not people, is still read as a misspelt name."""
    assert fix("Tools we use:\n\n- Pytorch\n- Deepsek\n- Tensorflow\n") == "Tools we use:\n\n- PyTorch\n- DeepSeek\n- TensorFlow\n"
