"""Markdown awareness: only prose is repaired."""

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Repairer
from repair import markup as markup_module
from repair.markup import INLINE_CODE, RULE_MARKS, _parser, _parser_for, code_spans, regions

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
    """Code, links, HTML, math, definitions and directives come out as they went in."""
    text = f"Intro line.\n\n{piece}\n\nThe end.\n"
    assert repairer.repair(text, markup="markdown").text == text


def test_front_matter_survives_and_prose_is_fixed(repairer):
    """YAML front matter is kept while the prose after it is repaired."""
    text = "---\ntitle: tbe cornpany\n---\n\nThe cornpany grew.\n"
    assert repairer.repair(text, markup="markdown").text == "---\ntitle: tbe cornpany\n---\n\nThe company grew.\n"


def test_toml_front_matter_survives(repairer):
    """Hugo's TOML front matter is kept while the prose after it is repaired."""
    text = "+++\ntitle = \"tbe cornpany\"\n+++\n\nThe cornpany grew.\n"
    assert repairer.repair(text, markup="markdown").text == text.replace("The cornpany", "The company")


def test_prose_around_code_is_still_fixed(repairer):
    """Protection stops at the code and the link target: the prose around them is repaired."""
    text = "The cornpany ran `tbe` and [read tbe docs](https://x.example/tbe).\n"
    fixed = repairer.repair(text, markup="markdown").text
    assert fixed == "The company ran `tbe` and [read the docs](https://x.example/tbe).\n"


def test_headings_keep_their_title_case(repairer):
    """ATX and setext headings are reported as headings and keep their capitals."""
    text = "# Used Cars Are Promising\n\nSetext Heading Used Here\n---\n\nBody text here.\n"
    assert repairer.repair(text, markup="markdown").text == text
    spans = regions(text, "markdown").headings
    assert len(spans) == 2


def test_plain_text_honours_directives_but_not_markdown(repairer):
    """Plain text obeys repair directives but reads no Markdown block syntax."""
    text = "`tbe` stays only in Markdown.\n<!-- repair: off -->\ntbe cornpany\n<!-- repair: on -->\n"
    assert repairer.repair(text).text == text  # inline code is protected in text too
    assert repairer.repair("Run tbe tool.\n").text == "Run the tool.\n"


def test_keep_words_are_never_touched():
    """A user's keep-word is left alone while the rest is repaired."""
    from repair import Repairer

    keep = Repairer(words=["Openai"])
    assert keep.repair("Openai said tbe rest.").text == "Openai said the rest."


def test_unknown_markup_is_refused(repairer):
    """An unknown markup name is an error, not plain text."""
    with pytest.raises(ValueError, match="markup"):
        repairer.repair("x", markup="html")


CASES = json.loads((Path(__file__).parent / "data" / "markdown-syntax-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True)) if c["expect"] == "fail" else c for c in CASES],
    ids=[c["label"] for c in CASES],
)
def test_site_generator_syntax_cases(repairer, case):
    """Each case from tests/data/markdown-syntax-cases.json repairs (or keeps) as recorded."""
    assert repairer.repair(case["original"], markup=case["markup"]).text == case["fixed"]


def test_every_table_pipe_is_protected():
    """An edit may not cross a table cell boundary, so every pipe of a table is protected."""
    text = "| AND | and |\n|-----|-----|\n| more | more |\n"
    spans = regions(text, "markdown").protected
    pipes = [i for i, ch in enumerate(text) if ch == "|"]
    assert all(any(s <= i < e for s, e in spans) for i in pipes)


def test_paired_shortcode_bodies_protected_unless_markdown():
    """A {{< x >}} body is handed to the template as it is; a {{% x %}} body is Markdown prose."""
    text = "{{< highlight go >}}\ntbe := 1\n{{< /highlight >}}\n\n{{% note %}}\ntbe prose\n{{% /note %}}\n"
    spans = regions(text, "markdown").protected
    covered = lambda word_at: any(s <= word_at < e for s, e in spans)  # noqa: E731
    assert covered(text.index("tbe :="))
    assert not covered(text.index("tbe prose"))


def test_mdx_is_markdown_with_jsx(repairer):
    """Read as "mdx", module lines and expressions are protected; read as "markdown", a module line is not."""
    text = "export const meta = {tbe: 1};\n\nThe {props.tbe + 1} cornpany grew.\n"
    assert repairer.repair(text, markup="mdx").text == "export const meta = {tbe: 1};\n\nThe {props.tbe + 1} company grew.\n"
    assert not any(s == 0 for s, _ in regions(text, "markdown").protected)  # a module line is prose in Markdown


def test_mdx_files_are_walked_and_hooked():
    """.mdx is in the default globs, read as "mdx" by the batch, and in the hooks' file types."""
    from repair.files import DEFAULT_INCLUDE

    assert "*.mdx" in DEFAULT_INCLUDE
    hooks = (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks.count("types_or: [markdown, mdx, plain-text]") == 2


def test_batch_reads_mdx_as_mdx(repairer, tmp_path):
    """A .mdx file in a batch keeps its JSX expression while its prose is repaired."""
    from repair.batch import Batch
    from repair.config import Config

    path = tmp_path / "page.mdx"
    path.write_text("The {tbe} cornpany grew.\n", encoding="utf-8")
    outcome = Batch(repairer, Config(root=tmp_path)).process(path)
    assert outcome.result is not None and outcome.result.text == "The {tbe} company grew.\n"


NESTED_LINKS = {
    "links inside link text": lambda n: "[a " * n + "x" + "](u)" * n,
    "images inside links": lambda n: "[![a](b)" * n + "](c)" * n,
    "unclosed destinations": lambda n: "[x](" * n,
    "brackets before a link": lambda n: "[" * n + "a](u)",
    "link after link": lambda n: "[a](u (t)) " * n,
}


@pytest.mark.parametrize("name", NESTED_LINKS)
def test_nested_links_take_linear_time(name):
    """Finding protected spans in nested or unclosed links grows linearly with the text (issue 17, item 10)."""
    make = NESTED_LINKS[name]

    def timed(n):
        started = time.perf_counter()
        regions(make(n), "markdown")
        return time.perf_counter() - started

    timed(1_000)
    small = min(timed(4_000) for _ in range(2))
    assert timed(16_000) < 10 * small + 0.5, name


def _parsed_code(content: str) -> list[tuple[str, str]]:
    md = _parser()
    return [(c.markup, c.content) for c in md.inline.parse(content, md, {}, []) if c.type in INLINE_CODE]


@pytest.mark.parametrize(
    "content",
    ["a `b` c", "``a ` b``", "\\`no` code `yes`", "`open only", "`a\nb` and ``` x ``` and `` ` ``", "\\\\`code`", "x\\", "` `", "`  a  `"],
)
def test_code_spans_are_the_parsers(content):
    """The fast code-span walk finds what markdown-it's inline parse finds (no ``<``, no ``$``)."""
    assert code_spans(content) == _parsed_code(content)


def test_code_spans_are_the_parsers_on_any_text():
    """Hypothesis: on text of backticks, backslashes, spaces, newlines and words, the walk is the parser."""
    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["`", "``", "\\", " ", "\n", "a", "b c", "&amp;", "*", "[x]", "\t"]), max_size=30).map("".join))
    def check(content):
        assert code_spans(content) == _parsed_code(content)

    check()


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text the Markdown parser is given, in order, while the test runs."""
    read: list[str] = []
    parse = markup_module._markdown
    monkeypatch.setattr(markup_module, "_markdown", lambda text: read.append(text) or parse(text))
    return read


def test_a_text_read_twice_is_parsed_once(parsed):
    """The pass that settles a repaired Markdown text reads the text the pass before read: one parse of it."""
    # inline HTML in the paragraph: the parse is not moved through the edit (see test_markup_shift.py)
    result = Repairer().repair("# Notes\n\nIt wou1d be fine, said the <b>cli</b> docs.\n", markup="markdown")
    assert result.text == "# Notes\n\nIt would be fine, said the <b>cli</b> docs.\n"
    assert len(parsed) == len(set(parsed)) == 2  # the source, and the repaired text once


def test_a_text_edited_in_prose_alone_is_parsed_once(parsed):
    """A repair whose edits are plain prose moves the first parse through them: the repaired text is never parsed."""
    result = Repairer().repair("# Notes\n\nIt wou1d be fine, said the docs.\n", markup="markdown")
    assert result.text == "# Notes\n\nIt would be fine, said the docs.\n"
    assert parsed == ["# Notes\n\nIt wou1d be fine, said the docs.\n"]


def test_the_screen_reads_no_line_of_a_code_block():
    """The screen picks no suspect inside a fenced code block, whose lines no edit may touch."""
    text = "Tbe cornpany grew.\n\n```\nteh cornpany wou1d\n```\n"
    repairer = Repairer()
    marks = regions(text, "markdown")
    (fence,) = marks.blocks
    assert text[fence[0] : fence[1]] == "```\nteh cornpany wou1d\n```\n"
    screening = repairer.screen.screen(text, repairer.detectors, blocks=marks.blocks)
    assert screening.cores and screening.cores[0][0] < fence[0]  # the prose is read
    assert not any(start < fence[1] and fence[0] < end for start, end in screening.cores)


LINES = st.lists(
    st.lists(st.sampled_from(["a/b", "x.md", "`c d`", "see", "v1.2", "http://q.example/r", ">>> f()", " ", "\t", "e@x.io"]), max_size=6).map("".join),
    min_size=1,
    max_size=12,
)


def test_protected_spans_skip_blocks_and_cover_them():
    """Hypothesis: skipping whole-line blocks gives what a search of every line, merged with the blocks, gives."""
    from repair.document import protected_spans_within
    from repair.markup import merge

    @settings(max_examples=300, deadline=None)
    @given(LINES, st.data())
    def check(lines, data):
        text = "\n".join(lines)
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        bounds = sorted(set(data.draw(st.lists(st.sampled_from([*starts, len(text)]), max_size=6))))
        blocks = merge(list(zip(bounds[::2], bounds[1::2])))
        everything = merge(protected_spans_within(text, 0, len(text)) + blocks)
        assert merge(protected_spans_within(text, 0, len(text), blocks)) == everything

    check()


def test_merge_covers_the_same_characters():
    """Hypothesis: merge gives sorted spans, apart and non-empty, covering the characters its input covers."""
    from repair.markup import merge

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40))))
    def check(spans):
        out = merge(spans)
        assert all(a < b for a, b in out) and all(b < c for (_, b), (c, _) in zip(out, out[1:]))
        assert {i for a, b in out for i in range(a, b)} == {i for a, b in spans for i in range(a, b)}

    check()


def test_markdown_line_starts_are_where_each_break_ends():
    """Hypothesis: the line starts are 0 and the end of every CommonMark line break, with or without carriage returns."""
    from repair.markup import MARKDOWN_BREAK_RE, markdown_line_starts

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["a", "bc", "\n", "\r", "\r\n", " "]), max_size=20).map("".join))
    def check(text):
        assert markdown_line_starts(text) == [0, *(m.end() for m in MARKDOWN_BREAK_RE.finditer(text))]

    check()


def _block_parse(md, text: str) -> list[tuple]:
    return [(t.type, t.map, t.content, t.markup, t.info, t.level, t.nesting) for t in md.parse(text, {})]


# Line pieces that start or end every kind of block, and the marks of RULE_MARKS among plain words.
BLOCK_PIECES = ["a", "b c", " ", "    ", "\t", "\n", "\n\n", "# ", "## x", "> ", "```", "~~~", "$$", "$", "<div>", "</div>",
                "<!-- c -->", "[a]: /u", "[a]", "| x |", "|", "---", "- ", "* ", "1. ", "===", "`", "---\nk: v\n---\n"]


def test_the_parser_without_rules_a_text_cannot_fire_parses_it_alike():
    """Hypothesis: on text mixing every block's marks, the parser without the rules whose marks the text lacks gives the same tokens."""
    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(BLOCK_PIECES), max_size=30).map("".join))
    def check(text):
        assert _block_parse(_parser_for(text), text) == _block_parse(_parser(), text)

    check()


def test_a_rule_is_left_out_only_when_its_marks_are_absent():
    """A text with a table, a fence and a heading keeps those rules; one with none of the marks loses every rule of RULE_MARKS."""
    kept = _parser_for("# T\n\n| a | b |\n|---|---|\n\n```\nx\n```\n").block.ruler.get_active_rules()
    assert {"table", "fence", "heading"} <= set(kept)
    bare = _parser_for("Just words.\n").block.ruler.get_active_rules()
    assert not set(RULE_MARKS) & set(bare)
    assert _block_parse(_parser_for("Just words.\n"), "Just words.\n") == _block_parse(_parser(), "Just words.\n")
