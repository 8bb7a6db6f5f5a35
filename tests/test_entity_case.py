"""Entity casing against the lexicon, with context gates for ordinary words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Yesterday Openai released a model.", "Yesterday OpenAI released a model."),
        ("Researchers at Meta Ai said so.", "Researchers at Meta AI said so."),
        ("The team moved the code to Pytorch last year.", "The team moved the code to PyTorch last year."),
        ("Its browser, NetScape, was first.", "Its browser, Netscape, was first."),
    ],
)
def test_fixes_mis_cased_names(fix, garbled, clean):
    assert fix(garbled) == clean


def test_ordinary_word_needs_support(fix):
    # "Fair" is an English word: without the acronym spelled out it stays.
    assert fix("The judges were Fair to everyone.") == "The judges were Fair to everyone."
    assert fix("It came from Facebook AI Research (Fair) in Paris.") == (
        "It came from Facebook AI Research (FAIR) in Paris."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The meta question is whether the fair result holds.",
        "OPENAI AND META ANNOUNCE A DEAL",
        "She met Lady Catherine de\nBourgh at the door.",
        # a lower-case entry ending in digits ("base64") is capitalised where a quote starts, as any word
        "## base64-js\n\n> Base64 encoding and decoding in pure JavaScript.\n",
        # code writes acronyms in title case: before "class" the prose names that identifier
        "Go much faster by using the Url class, which parses each URL once.",
    ],
)
def test_leaves_ordinary_words_and_capitals_lines_alone(fix, text):
    assert fix(text) == text


def test_keeps_line_breaks_inside_names(fix):
    assert fix("The paper thanks Meta\nAi for the compute.") == "The paper thanks Meta\nAI for the compute."


def test_names_learned_from_the_document_need_no_lexicon():
    from repair import Repairer

    bare = Repairer(default_lexicon=False)
    text = "Zorblax released QuantaFlow. QuantaFlow is fast. Critics say Quantaflow is slow."
    result = bare.repair(text)
    assert result.text == text.replace("Quantaflow", "QuantaFlow")
    assert "written “QuantaFlow” 2 times elsewhere" in result.edits[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "QuantaFlow is new. Quantaflow is old.",  # one use is no evidence
        "BlackBerry sold phones. BlackBerry fell. A blackberry is a fruit.",  # a word too
        "QuantaFlow, QuantaFlow. QUANTAFLOW in a headline.",  # capitals are not a variant
    ],
)
def test_learned_names_need_support_and_leave_words_alone(text):
    from repair import Repairer

    assert Repairer(default_lexicon=False).repair(text).text == text


@pytest.mark.parametrize("text", ["It is ok to wait.", "Sie kam mit ihm.", "Read the `json` module's docs."])
def test_lower_case_forms_of_acronyms_stay_without_support(text):
    """Lower case alone proves no acronym: "ok", German "mit" (MIT), a module name in code."""
    from repair import Repairer

    assert Repairer().repair(text).text == text


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Shares of pfizer rose.", "Shares of Pfizer rose."),
        ("Analysts expect netflix to raise prices.", "Analysts expect Netflix to raise prices."),
        ("The bank goldman sachs advised them.", "The bank Goldman Sachs advised them."),
    ],
)
def test_famous_names_in_lower_case_are_recased_with_no_user_lexicon(garbled, clean):
    """The frequency list holds these lower-cased too; no English word list does."""
    from repair import Repairer

    assert Repairer().repair(garbled).text == clean


@pytest.mark.parametrize(
    "text",
    [
        "He wore his old armour to the feast.",  # a British spelling, not the company Armour
        "The rental firm avis was cheap.",  # four letters: too short to judge on the word lists alone
        "He lay where hee was left.",  # old print's "he", in no word list, is not the company Hee
    ],
)
def test_lower_case_words_that_may_be_meant_stay(text):
    from repair import Repairer

    assert Repairer().repair(text).text == text


def test_british_spellings_count_as_words():
    from repair import Repairer

    vocab = Repairer().resources.vocabulary
    assert vocab.in_word_lists("armour") and vocab.in_word_lists("colour")
    assert not vocab.in_word_lists("pfizer") and vocab.is_word("pfizer")


def test_learned_casing_needs_most_of_the_texts_uses(repairer):
    """A casing written twice beside two other casings is no house spelling, so the others are not recased to it."""
    text = (
        "Tools people named: DataGrid in one talk, DataGrid-Lite in a survey, "
        "datagrid-lite in the docs, and Datagrid-Lite in a poll.\n"
    )
    assert repairer.repair(text, markup="markdown").text == text


def test_learned_casing_still_wins_over_a_lower_case_address(repairer):
    """A casing the prose writes three times recases a lone variant, though an address spells it in lower case."""
    text = (
        "Reports go to DeskPilot. Read the [DeskPilot rules](https://deskpilot.example/rules). "
        "The DeskPilot team replies within a day. Write to Deskpilot with the details.\n"
    )
    assert "Write to DeskPilot with" in repairer.repair(text, markup="markdown").text


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["eslint", "ESLint", "Eslint", "`eslint`", "lint", "the", "\n"]), max_size=12))
def test_a_house_spelling_is_judged_as_its_definition_says(words):
    """Lower-case uses in prose must reach the bar, one higher where the lexicon's form is written too."""
    from repair.detectors.base import Context
    from repair.detectors.entity_case import _house_spelling
    from repair.detectors.evidence import RECURRING_MIN, in_prose
    from repair.document import Document

    text = " ".join(words)
    fresh = Context(Document(text), None)
    needed = RECURRING_MIN + 1 if fresh.doc.count_phrase("ESLint") else RECURRING_MIN
    expected = in_prose(fresh, ("eslint",), needed) >= needed
    assert _house_spelling(Context(Document(text), None), "eslint", "ESLint") == expected


def test_an_acronym_in_title_case_before_another_noun_is_still_recased(fix):
    """Only a noun for a kind of code thing explains "Url": before "parser" it is the acronym written wrong."""
    assert fix("Go much faster by using the Url parser, which reads each URL once.").startswith("Go much faster by using the URL parser")


_EDITED_PAGE = (
    "## Changes\n\n"
    "The build now runs on ARM machines as well as x86 ones, and the release notes say which "
    "targets are tested. Each target has a maintainer who answers questions about it, and a "
    "target without one is dropped after two releases. The list of targets lives in the "
    "repository, next to the scripts that build them, so anyone can read how a target is made. "
    "Reports of a broken build are welcome; say which machine and which version you used. "
    "A fix for a target is reviewed by its maintainer before it is merged, and the notes "
    "of each release name the people who helped.\n\n"
)


def test_a_common_word_capitalised_in_edited_text_is_a_name_not_an_acronym(fix):
    """An editor who writes "Arm" mid-sentence means the name as its owner spells it now;
    the page writes the acronym too (ARM), which does not make this one a slip."""
    text = _EDITED_PAGE + "- Add support for Windows on Arm (thanks to the team).\n"
    assert fix(text) == text


def test_a_common_word_capitalised_in_short_text_is_still_recased(fix):
    """A text too short to judge how it writes names is read as before: the acronym beside it decides."""
    assert fix("Windows on ARM is fast, and Windows on Arm is new.") == "Windows on ARM is fast, and Windows on ARM is new."


def test_a_name_in_capitals_on_an_edited_typed_page_is_code(fix):
    """On a typed page a word in capitals is a constant, a variable or a tag ("no META
    title"), not a shouted name; in plain text it is still recased (see the dev set's PYTHON)."""
    text = _EDITED_PAGE + "- `wpt`: fix the title when no META title is present, see `doc`.\n"
    assert fix(text) == text
    assert fix(_EDITED_PAGE + "- Fix the title when no META title is present.\n").endswith("no Meta title is present.\n")
