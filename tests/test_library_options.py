"""Library additions of issue 20: Edit line/column, fix_text, words=, markup="auto"."""

from __future__ import annotations

import pytest

import repair
from repair import Repairer
from repair.model import line_locator


def test_edits_carry_one_based_line_and_column(repairer):
    """Every edit of a Result knows its line and column, matching the offsets."""
    source = "Fine.\n\nThe cornpany said tbe rest.\n"
    result = repairer.repair(source)
    assert [(e.line, e.column) for e in result.edits] == [(3, 5), (3, 19)]
    locate = line_locator(source)
    assert all((e.line, e.column) == locate(e.start) for e in result.edits)
    assert result.edits[0].to_dict()["line"] == 3 and result.edits[0].to_dict()["column"] == 5


def test_fix_text_returns_the_repaired_string():
    """fix_text is the one-call form, exported from the package."""
    assert "fix_text" in repair.__all__
    assert repair.fix_text("It wou1d be fine.") == "It would be fine."
    assert repair.fix_text("Run `tbe` now.\n", markup="markdown") == "Run `tbe` now.\n"


def test_keep_words_is_a_deprecated_alias_of_words():
    """Repairer(keep_words=...) still works, with a DeprecationWarning naming words=."""
    with pytest.warns(DeprecationWarning, match="words="):
        old = Repairer(keep_words=["Openai"])
    assert old.repair("Openai said tbe rest.").text == "Openai said the rest."


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.md", "    tbe\n"),
        ("dir.md/A.MARKDOWN", "    tbe\n"),
        ("a.txt", "    the\n"),
        ("README", "    the\n"),
        (None, "    the\n"),
    ],
)
def test_markup_auto_decides_by_name(repairer, name, expected):
    """markup="auto" reads .md/.markdown as Markdown (an indented code block is kept), anything else as text."""
    assert repairer.repair("    tbe\n", markup="auto", name=name).text == expected


def test_markup_auto_reads_mdx_as_markdown_until_mdx_is_known():
    """An .mdx name gets mdx where the Repairer knows it, Markdown otherwise."""
    from repair.repairer import MARKUPS, markup_for_name

    assert markup_for_name("page.mdx") == ("mdx" if "mdx" in MARKUPS else "markdown")
