"""A Markdown parse moved through edits of prose equals a parse of the edited text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair import Repairer
from repair import markup as markup_module
from repair.markup import _markdown, markdown_line_starts
from repair.markup_shift import shifted
from repair.model import Edit

# Lines of every block kind the parser knows, and of the syntax beside prose
# that decides one: markers, fences, pipes, quotes, escapes, HTML, math.
LINES = [
    "Tbe cornpany grew fast",
    "word `code span` and more words",
    "a ``x ` y`` b \\`not code` c",
    "Name | Tbe value",
    "|---|---|",
    "| a cell | another cell |",
    "- item tbe one",
    "1. first item here",
    "  - nested item",
    "    indented code line",
    "> quoted tbe line",
    "# Heading tbe one",
    "Setext heading",
    "===",
    "---",
    "***",
    "```",
    "~~~ python",
    "[label]: /url",
    "[label]: /url 'a title",
    "'title cont' tail",
    '"dont" he said',
    "(paren title)",
    "<div class=x>",
    "</div>",
    "<!-- a comment",
    "done -->",
    "$$",
    "cost $x$ here",
    "[x] a task or label",
    "+++",
    "text with a \\ backslash",
    "",
    "",
    "",
]
PIECES = ["a", "bc", "The", " ", "", "x y", "'", '"', "(", ")", "-", "*", "#", "=", "|", "`", "\\", "\n", "[", "$", "<", ">", "1.", ":", "~", "\t", "é"]


@st.composite
def edited(draw):
    """A Markdown text, edits of it (sorted, disjoint), and the edited text."""
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=14))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n"]))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=8))))
    edits, pos = [], 0
    for cut in cuts:
        if cut < pos:
            continue
        end = min(len(text), cut + draw(st.integers(0, 4)))
        after = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
        if text[cut:end] == after:
            continue
        edits.append(Edit(cut, end, text[cut:end], after, "run-on", 1.0, "test"))
        pos = end + 1
    new = []
    pos = 0
    for e in edits:
        new += [text[pos : e.start], e.after]
        pos = e.end
    new.append(text[pos:])
    return text, edits, "".join(new)


def test_a_moved_parse_is_a_fresh_parse():
    """Hypothesis: whenever a parse is moved through edits, it equals the parse of the edited text."""
    moved = []

    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(edited())
    def check(case):
        text, edits, new = case
        got = shifted(_markdown(text), text, edits, new)
        if got is not None:
            moved.append(1)
            assert got == _markdown(new)

    check()
    assert len(moved) > 30  # the property was put to the test, not only fallen back from


def test_word_edits_are_moved_and_others_parsed_again():
    """Edits of words in a paragraph move the parse; an edit of a line's head or of a backtick does not."""
    text = "# Notes\n\n- Tbe `cli` item\n\nIt wou1d work.\n"
    parsed = _markdown(text)

    def edit(before: str, after: str):
        start = text.index(before)
        new = text[:start] + after + text[start + len(before) :]
        return new, shifted(parsed, text, [Edit(start, start + len(before), before, after, "run-on", 1.0, "")], new)

    new, got = edit("wou1d", "would")
    assert got == _markdown(new) and got.code == parsed.code  # (the edit is after the code span)
    new, got = edit("Tbe", "The")  # at the head's first letter, a letter still: moved
    assert got == _markdown(new)
    assert edit("- Tbe", "Tbe")[1] is None  # the list marker
    assert edit(" `cli`", "`cli`")[1] is None  # beside a backtick
    assert edit("wou1d work.", "would\nwork.")[1] is None  # a line break


def test_an_edit_at_the_end_of_a_text_moves_the_last_heading_end():
    """A heading on a last line without a line break ends at the text's end, after an edit there too."""
    text = "# Heading tbe one"
    new = text + "a"
    got = shifted(_markdown(text), text, [Edit(len(text), len(text), "", "a", "run-on", 1.0, "")], new)
    assert got == _markdown(new)


def test_a_repaired_page_is_parsed_once_when_its_edits_are_prose(monkeypatch):
    """Repairing a Markdown page whose fixes are words parses the page once, and the result is as before."""
    read: list[str] = []
    parse = markup_module._markdown
    monkeypatch.setattr(markup_module, "_markdown", lambda text: read.append(text) or parse(text))
    page = "# Notes\n\nIt wou1d be fine, said the `cli` docs.\n"
    result = Repairer().repair(page, markup="markdown")
    assert result.text == "# Notes\n\nIt would be fine, said the `cli` docs.\n"
    assert read == [page]


def test_line_starts_move_with_the_text():
    """The moved parse carries the edited text's line starts."""
    text = "Tbe cat\nsat here\n"
    new = "The big cat\nsat here\n"
    got = shifted(_markdown(text), text, [Edit(0, 3, "Tbe", "The big", "run-on", 1.0, "")], new)
    assert got is not None and got.starts == markdown_line_starts(new)
