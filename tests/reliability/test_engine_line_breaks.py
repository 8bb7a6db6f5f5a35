"""Markdown whose lines end in a bare carriage return is read on the same lines as markdown-it reads it."""

import pytest

from repair.markup import regions


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_indented_code_is_left_alone_whatever_ends_the_lines(repairer, newline):
    """An indented code block stays untouched in CR-only, CRLF and LF files alike."""
    text = newline.join(["Text.", "", "    code: tbe cornpany", "", "End with tbe cornpany.", ""])
    result = repairer.repair(text, markup="markdown")
    code = text.index("code:")
    assert all(e.start > code + 25 for e in result.edits), result.edits
    assert result.text.endswith(newline.join(["End with the company.", ""]))


def test_protected_spans_land_on_the_code_in_a_cr_only_file():
    """The code block's protected span covers its own characters, not a line counted by "\\n" alone."""
    text = "Some prose.\r\r    x = 1\r\rMore `inline` prose.\r"
    protected = regions(text, "markdown").protected
    code = text.index("    x = 1")
    inline = text.index("`inline`")
    assert any(s <= code and code + 9 <= e for s, e in protected), protected
    assert any(s <= inline and inline + 8 <= e for s, e in protected), protected
    assert not any(s < text.index("Some") + 4 and e > 0 for s, e in protected)
