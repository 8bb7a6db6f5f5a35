"""Markdown awareness: only prose is repaired."""

import pytest

from repair.markup import regions

GARBLE = "tbe cornpany wou1d"


@pytest.mark.parametrize(
    "piece",
    [
        "```\ntbe cornpany wou1d\n```",
        "~~~python\ntbe = 'cornpany wou1d'\n~~~",
        "    tbe cornpany wou1d",
        "Run `tbe cornpany wou1d` now.",
        "Read [the docs](https://x.example/tbe-cornpany-wou1d) now.",
        "Read [the docs][tbe cornpany wou1d] now.\n\n[tbe cornpany wou1d]: https://x.example",
        "See ![a chart](tbe/cornpany/wou1d.png) now.",
        "See <https://tbe.example/cornpany-wou1d> now.",
        'A <span title="tbe cornpany wou1d">word</span> here.',
        "<div>\ntbe cornpany wou1d\n</div>",
        "$$\ntbe cornpany wou1d\n$$",
        "Inline $tbe cornpany wou1d$ math.",
        "[tbe cornpany wou1d]: https://example.com",
        "<!-- repair: ignore -->\ntbe cornpany wou1d",
        "<!-- repair: off -->\n\ntbe cornpany wou1d\n\nmore\n\n<!-- repair: on -->",
    ],
)
def test_markdown_constructs_survive(repairer, piece):
    text = f"Intro line.\n\n{piece}\n\nThe end.\n"
    assert repairer.repair(text, markup="markdown").text == text


def test_front_matter_survives_and_prose_is_fixed(repairer):
    text = "---\ntitle: tbe cornpany\n---\n\nThe cornpany grew.\n"
    assert repairer.repair(text, markup="markdown").text == "---\ntitle: tbe cornpany\n---\n\nThe company grew.\n"


def test_toml_front_matter_survives(repairer):
    text = "+++\ntitle = \"tbe cornpany\"\n+++\n\nThe cornpany grew.\n"
    assert repairer.repair(text, markup="markdown").text == text.replace("The cornpany", "The company")


def test_prose_around_code_is_still_fixed(repairer):
    text = "The cornpany ran `tbe` and [read tbe docs](https://x.example/tbe).\n"
    fixed = repairer.repair(text, markup="markdown").text
    assert fixed == "The company ran `tbe` and [read the docs](https://x.example/tbe).\n"


def test_headings_keep_their_title_case(repairer):
    text = "# Used Cars Are Promising\n\nSetext Heading Used Here\n---\n\nBody text here.\n"
    assert repairer.repair(text, markup="markdown").text == text
    spans = regions(text, "markdown").headings
    assert len(spans) == 2


def test_plain_text_honours_directives_but_not_markdown(repairer):
    text = "`tbe` stays only in Markdown.\n<!-- repair: off -->\ntbe cornpany\n<!-- repair: on -->\n"
    assert repairer.repair(text).text == text  # inline code is protected in text too
    assert repairer.repair("Run tbe tool.\n").text == "Run the tool.\n"


def test_keep_words_are_never_touched():
    from repair import Repairer

    keep = Repairer(words=["Openai"])
    assert keep.repair("Openai said tbe rest.").text == "Openai said the rest."


def test_unknown_markup_is_refused(repairer):
    with pytest.raises(ValueError, match="markup"):
        repairer.repair("x", markup="html")
