"""Quotes, stray spaces and doubled words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("He said “we will win» and left.", "He said “we will win” and left."),
        ("It was “on track“ and cheap.", "It was “on track” and cheap."),
        ("More and more more people came.", "More and more people came."),
        ("The the board met.", "The board met."),
        ("It is licensed under the The Example Open Source License.", "It is licensed under the Example Open Source License."),
        ("It needs new hardware ( graphics cards, mostly).", "It needs new hardware (graphics cards, mostly)."),
        ("He was not convinced ; she was.", "He was not convinced; she was."),
    ],
)
def test_fixes_punctuation(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "She had had enough, and that that was true.",
        "It may teach her her own place.",
        "Il a dit « bonjour » et il est parti.",
        "He said \"yes\" and 'no' and it's fine.",
        "Packages\n\nPackages are a way of structuring modules.",
        "The poem of , as printed, is lost.",
        "They played Duran Duran songs on Bora Bora.",  # names that say themselves twice
        "The patch came from Mohammad ali Ali and was merged.",  # a later copy capitalised: a name, not a slip
        "The stub reads /* blah blah blah */ and nothing else.",  # said three times: on purpose
    ],
)
def test_leaves_correct_punctuation_alone(fix, text):
    assert fix(text) == text


def test_spaced_punctuation_as_a_house_style_is_kept(fix):
    # Old English print and French typography space ";", ":", "?" and "!".
    text = "Low without creeping, high without loss of wings ; smooth, yet not weak ; and who would ask why ?"
    assert fix(text) == text


def test_a_single_stray_space_is_still_removed(fix):
    assert fix("She was convinced ; nothing else mattered.") == "She was convinced; nothing else mattered."


@given(st.text(alphabet=st.sampled_from("aé½Ⅻ5_ \t\n),;:!?]}x"), max_size=60))
def test_stray_space_places_are_found_as_the_full_pattern_finds_them(text):
    """The fast pre-scan (standard library) misses no place the full pattern matches."""
    from repair.detectors.punctuation import SPACE_BEFORE_RE, space_before_places

    assert space_before_places(text) == [m.start() for m in SPACE_BEFORE_RE.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "It fixes the Foo::Call call order.",  # a C++ name, then the word it names
        "The new Thing::Make make step runs first.",
        "Then obj.close close the file.",
    ],
)
def test_a_name_in_code_then_its_word_is_no_doubled_word(fix, text):
    """A word glued to an identifier's punctuation belongs to the identifier, so the word after it is no repeat."""
    assert fix(text) == text


def test_a_real_doubled_word_beside_code_is_still_fixed(fix):
    """A doubled word in prose is removed even in a sentence that mentions code."""
    assert fix("Call Foo::Make when when it is ready.") == "Call Foo::Make when it is ready."


def test_brackets_spaced_on_both_inner_edges_are_a_choice(fix):
    """A bracket pair spaced inside on both sides is the writer's spacing; closing one side would unbalance it."""
    text = "Update the version, ( `theme.gemspec` in this example ), and repeat."
    assert fix(text) == text


def test_an_intensifier_said_twice_for_emphasis_is_not_cut(repairer):
    """"Really really fast" repeats on purpose, as "very very" does: reported at most, never cut."""
    text = "Parsing is fast. Really really fast. Nobody will beat it soon.\n"
    assert repairer.repair(text, markup="markdown").text == text


@pytest.mark.parametrize(
    "text",
    [
        'tools: fix "the the" typos in comments',
        "Search for “that that” and ‘had had’ in the corpus.",
        "The linter flags `is is` in prose.",
    ],
)
def test_a_quoted_repeat_is_mentioned_not_a_slip(fix, text):
    assert fix(text) == text


def test_a_repeat_beside_quotes_is_still_a_slip(fix):
    assert fix('He said "the the board met" and left.') == 'He said "the board met" and left.'


@pytest.mark.parametrize("text", ["test: fix misplaced ) in http response test", "doc: add missing ] in the table"])
def test_a_closing_bracket_that_closes_nothing_is_named_not_spaced_wrongly(fix, text):
    assert fix(text) == text


def test_a_stray_space_before_a_bracket_that_closes_something_is_removed(fix):
    assert fix("It needs new hardware (graphics cards, mostly ).") == "It needs new hardware (graphics cards, mostly)."


# Words and what stands between them, chosen to reach every branch of the doubled-word
# pattern: repeats in any case, a repeat that is a longer word's start ("the theory"),
# long s and sharp s (which fold), marks, the characters its look-behind and
# look-ahead refuse, and the few that count as a word's without being a letter (a
# joiner, "‿", a circled letter), before which a doubled word needs no word boundary.
DOUBLE_WORDS = ["the", "THE", "theory", "Theory", "a", "ſo", "SO", "ß", "ss", "e\u0301", "E\u0301"]
DOUBLE_GAPS = ["\t", "  ", "\n", ".", ":", ".x", ":a", "'", "’", "-", "_", "(", "", "\u200d", "\u203f", "Ⓐ", "1"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(DOUBLE_WORDS), st.one_of(st.just(" "), st.sampled_from(DOUBLE_GAPS))), min_size=1, max_size=12),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_doubled_words_found_round_their_starts_are_those_of_the_whole_search(words, a, b):
    from repair.detectors.punctuation import DOUBLE_RE, doubles

    text = "".join(word + gap for word, gap in words)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for lo, hi in ((0, len(text)), (start, end)):
        assert [m.span() for m in doubles(text, lo, hi)] == [m.span() for m in DOUBLE_RE.finditer(text, lo, hi)]


_TYPED_PAGE = "Run `npm install`, then `npm test`.\n\n"


def test_a_mark_named_on_a_typed_page_is_kept(fix):
    """A "?" that goes on into a lower-case word ends no sentence: the text names it."""
    text = _TYPED_PAGE + "- Fix test using ? glob with the object store.\n"
    assert fix(text) == text


def test_a_stray_space_before_a_question_mark_is_still_removed(fix):
    """A question that ends its sentence keeps its mark beside the word, typed page or not."""
    assert fix(_TYPED_PAGE + "Is it ready ? Yes.\n") == _TYPED_PAGE + "Is it ready? Yes.\n"
