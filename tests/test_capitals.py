"""Random capitals mid-sentence, without touching names, titles or starts."""

import pytest


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Engineers in general Used to train on rented chips.", "Engineers in general used to train on rented chips."),
        ("He wrote a long post Promising that it would ship.", "He wrote a long post promising that it would ship."),
    ],
)
def test_lowers_random_capitals(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "I thank the Secretary of Defense for her work.",
        "They read “The Heart of the Andes” aloud.",
        "It hangs in Room 41 of the museum, see No. 37.",
        "Every State has a plan, and every State must act.",
        "He said: “Used cars are cheap.”",
        "[Applause] Thank you.",
        "_You_ want to tell me, and I have no objection.",
        "Using Lists as Stacks\n\nThe list methods make it easy.",
        "# Used Cars Sold Here\n\nText follows.",
        "the rise of Meta Own brands",
        "To save it, click File > Export and choose a format.",  # a path through menus
        "She read the Queen's Speech, and OpenAI's Operator shipped.",  # a name's possessive, then what it names
        "The flag is changed to True, and the result could be False.",  # values in code
        "He had ten sons. He joined the Ten American Painters that year.",  # capitals that go on past a name: a title
    ],
)
def test_leaves_titles_names_and_starts_alone(fix, text):
    assert fix(text) == text


def test_a_text_that_capitalises_nouns_keeps_its_style(repairer):
    # Old print capitalises common nouns throughout; that is a house style.
    text = (
        "He does not express the Manner of its departure, nor the Place it went to, "
        "and we may dare Answer for him that the Matter was never plain to the Reader "
        "of his Book."
    )
    result = repairer.repair(text)
    assert result.text == text
    # a style is no damage: what is flagged at all (above the report floor) says so
    styled = [f for f in result.flags if f.kind.value == "random-capital"]
    assert all("as a style" in f.reason for f in styled)


def test_one_random_capital_in_a_long_text_is_still_fixed(fix):
    text = "The board met on a cold morning. " * 20 + "Engineers in general Used to train on rented chips."
    assert fix(text).endswith("Engineers in general used to train on rented chips.")



# A poem quoted in long prose, its lines run together as OCR gives them: each line's capital
# stands mid-sentence, but so many so close are verse, not damage.
VERSE = (
    "The old song ran on in the same way: the river goes down to the sea Winding past the mill "
    "and the meadow and the town, Carrying the boats of the farmers down Bringing their corn "
    "to the market again, and the song went on."
)


def test_verse_run_together_in_long_prose_keeps_its_line_capitals(fix):
    text = "The board met on a cold morning. " * 40 + VERSE + " The board met on a cold morning." * 40
    assert fix(text) == text


def test_a_random_capital_far_from_quoted_verse_is_still_fixed(fix):
    text = VERSE + " The board met on a cold morning." * 80 + " Engineers in general Used to train on rented chips."
    assert fix(text).endswith("Engineers in general used to train on rented chips.")


FILLER = "The build reads each file, checks its imports and writes the bundle to disk. "


def test_a_long_text_that_seldom_capitalises_keeps_its_terms(fix):
    """In a long page with one unexplained capital, a capitalised noun is the writer's term (a type name)."""
    text = FILLER * 60 + "The loader returns a Promise for each file it reads."
    assert fix(text) == text


def test_a_verb_form_capitalised_in_a_long_text_is_still_fixed(fix):
    """A participle names nothing, so even a long, tidy text gets it lowered."""
    text = FILLER * 60 + "Engineers in general Used to train on rented chips."
    assert fix(text).endswith("Engineers in general used to train on rented chips.")


def test_a_text_that_capitalises_its_terms_again_and_again_keeps_the_others(fix):
    """A text that capitalises several common words more than once capitalises terms: a lone one is another."""
    text = FILLER * 33 + (
        "Templates are written in Liquid, and Liquid tags run first. Every Filter is pure, "
        "and each Filter returns text. The loader returns a Promise for each file."
    )
    assert fix(text) == text


def test_lower_case_in_code_is_no_evidence_against_a_capital(repairer):
    """A word written in lower case only inside code (a fence's language) says nothing of how the prose spells it."""
    text = "Templates use Liquid for loops.\n\n```liquid\n{% for page in site.pages %}{{ page.title | liquid }}{% endfor %}\n```\n"
    assert repairer.repair(text, markup="markdown").text == text


@pytest.mark.parametrize(
    "text",
    [
        "We fixed one Critical severity issue and two High severity issues.",
        "It starts the new v7 Current release line today.",
    ],
)
def test_a_grade_before_what_it_grades_is_a_label(fix, text):
    """A capital before a noun that a grade, rank or line qualifies ("severity", "release") is a label."""
    assert fix(text) == text


def test_a_list_of_names_may_wrap_after_a_comma(fix):
    """A capital that opens a list of names stays, though the line wraps after its comma."""
    text = "The group counts many firms, including Gold members Famous,\nIBM and Intel."
    assert fix(text) == text


def test_an_acronyms_expansion_keeps_its_capitals(fix):
    """Capitalised words whose initials spell the acronym in brackets beside them are its expansion."""
    text = "The read stops if the file hits EOF (End of File) before the buffer is full."
    assert fix(text) == text


def test_a_term_used_often_does_not_make_a_long_text_look_damaged(fix):
    """Capitals that recur as the text's terms are not counted against it: a lone one in a long page is a term too."""
    text = (
        FILLER * 55
        + "The engine runs Liquid first, and the page reads Liquid again. " * 4
        + "The layout is plain. Then it renders the Layout for the page."
    )
    assert fix(text) == text


# The line tests of ``_structural`` read a token's line through positions, not copies
# of the line (a one-line JSON record made them quadratic); they must agree with the
# plain reading of the line's text before and after the token, written here.
def _short_span_by_strings(before, after, opener, closer):
    opened = before.rfind(opener)
    if opened < 0 or (opener == closer and before.count(opener) % 2 == 0) or closer in before[opened + len(opener) :]:
        return False
    closed = after.find(closer)
    if closed < 0:
        return False
    return len(before[opened + len(opener) :].split()) + len(after[:closed].split()) <= 4


def _link_text_by_strings(before, after):
    import re

    return before.rfind("[") > before.rfind("]") and re.search(r"^[^\[]*\][(\[]", after) is not None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINE_PIECES = ["**", "*", "__", '"', "“", "”", "[", "]", "(", ":", " ", "Install", "now", "x", "\u2028", "***", "Go Fast"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=14), st.lists(st.sampled_from(LINE_PIECES), max_size=14))
def test_line_tests_by_position_agree_with_the_line_text(left, right):
    """Short spans and link text found by positions on the line equal what the line's text says."""
    from repair.detectors import capitals
    from repair.document import Document

    before, after = "".join(left), "".join(right)
    text = "Intro line.\n" + before + "Token" + after + "\nlast line"
    start = len("Intro line.\n" + before)
    end = start + len("Token")
    doc = Document(text)
    line_end = doc.line_span(start)[1]
    for opener, closer in capitals.SHORT_SPANS:
        assert capitals._short_span(doc, start, end, opener, closer) == _short_span_by_strings(before, after, opener, closer)
    assert capitals._in_link_text(doc, start, end, line_end) == _link_text_by_strings(before, after)


def test_capital_the_text_repeats_after_inline_code_stays(repairer):
    """A capital a list writes again and again after inline code is the writer's habit, kept after a word too."""
    text = (
        "Accepted forms:\n\n"
        "* `name` See [Names](#names) below\n"
        "* `name@range`  See [Ranges](#ranges)\n"
        "* `file:path` See [Folders](#folders) below\n"
        "* `alias:name` Another name for a module See [Aliases](#aliases)\n\n"
        "The resolver tries them in order, and you can see the result in the log. You will see why later.\n"
    )
    assert repairer.repair(text, markup="markdown").text == text


def test_nouns_that_end_like_verb_forms_stay_a_texts_terms(repairer):
    """In a text that capitalises its terms, "String" and "Reply" are nouns (types), not verb forms to lower."""
    pad = "The router matches each path and calls its handler. " * 100
    text = (
        pad + "\n\nWhen given as a String the `mask` option replaces the value. A string is also accepted, "
        "and the string form is the default.\n\nUsed to check for a Reply decoration on the object: the reply is sent once.\n"
    )
    assert repairer.repair(text, markup="markdown").text == text


def test_expansion_of_an_acronym_with_small_letters_keeps_its_capitals(repairer):
    """"Function as a Service (FaaS)" is an acronym's expansion, title case by design."""
    text = "Deploying the app\n\nThe guide shows how to run it in various Function as a Service (FaaS) environments.\n"
    assert repairer.repair(text, markup="markdown").text == text


def test_a_type_its_code_writes_keeps_its_capital_in_the_prose(fix):
    """A README whose code spans write "-> Promise" and "-> Stream" names those types in its prose: not random capitals."""
    text = (
        "## search\n\n`search(query) -> Promise`\n\nReturns a Promise that resolves to a list of packages.\n\n"
        "`search.stream(query) -> Stream`\n\nThe returned Stream emits one `result` per package.\n"
    )
    assert fix(text) == text


def test_a_capital_its_code_does_not_write_is_still_lowered(fix):
    """On the same kind of page a common word capitalised mid-sentence that no code writes so is still damage."""
    text = "## search\n\n`search(query)` returns the results; the Function runs once per `query`.\n"
    assert fix(text) == text.replace("the Function", "the function")


TYPED_LINE = "- Fixed how `load()` reads a [plugin](https://example.com/plugins) when the cache is cold.\n"


def test_a_typed_page_that_seldom_capitalises_keeps_even_verb_forms(fix):
    """On a long typed page a lone capitalised verb form names a section or a status: left as written."""
    text = TYPED_LINE * 100 + "- **doc**: add Installing Node.js header and remove Locked from the index.\n" + TYPED_LINE * 100
    assert fix(text) == text
    plain = text.replace("`", "").replace("[plugin](https://example.com/plugins)", "plugin").replace("**", "")
    assert "add installing Node.js header" in fix(plain)  # prose without typed marks: read as before


def test_a_typed_page_with_random_capitals_as_a_pattern_is_repaired(fix):
    """Damage re-cases words again and again: a typed page showing that gets them lowered."""
    text = TYPED_LINE * 3 + "- Engineers in general Used to train on rented chips, a post Promising more.\n"
    after = fix(text)
    assert "in general used to train" in after and "a post promising more" in after
