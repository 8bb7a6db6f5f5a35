"""Repair changes prose, never what a site build reads: the structure check, on real and generated docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Repairer
from repair.structure import changes, structure

DOCS_REAL = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "docs-real"
TREES = ("hugo-docs", "jekyll-docs", "mkdocs-material", "nodejs-blog", "prettier-docs", "webpack-docs")


@pytest.fixture(scope="module")
def default_repairer() -> Repairer:
    return Repairer()


def markup_of(path: Path) -> str:
    return "mdx" if path.suffix == ".mdx" else "markdown"


def test_structure_lists_what_a_site_build_reads():
    """Each kind of syntax in a sample document is listed with its source text."""
    text = (
        "---\ntitle: x\n---\n\n## Setup {#setup-restructuredtext}\n\n"
        "Use [time.Time][] and [^note], {{ site.repository }}, {{< youtube id >}}, :new_zealand:, "
        "<kbd>Ctrl</kbd> and [docs](https://x.example/a \"T\").\n\n:::tip Title\nbody\n:::\n\n"
        "```go\nx := 1\n```\n\n| a | b |\n|---|---|\n\n[time.Time]: https://pkg.go.dev/time#Time\n"
    )
    kinds = {kind for kind, _ in structure(text)}
    assert {
        "front matter", "braces", "collapsed reference", "label", "template tag", "emoji code", "code element",
        "html tag", "link", "title", "container line", "fence", "table row", "reference", "url",
    } <= kinds


def test_changes_ignore_prose_and_name_every_syntax_change():
    """Editing prose changes nothing listed; editing a label, a tag or code is reported."""
    before = "Tbe cornpany uses [lang.Merge] and {{ .Date }} with `time.Now`.\n"
    assert changes(before, before.replace("Tbe cornpany", "The company")) == []
    assert changes(before, before.replace("[lang.Merge]", "[lang. Merge]")) == [
        ("label", "[lang. Merge]", 1), ("label", "[lang.Merge]", -1)
    ]
    assert ("template tag", "{{ .Date}}", 1) in changes(before, before.replace("{{ .Date }}", "{{ .Date}}"))
    assert [c[0] for c in changes(before, before.replace("time.Now", "time. Now"))] == ["inline code"] * 2


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES)
def test_real_documentation_keeps_its_structure(default_repairer, tree):
    """Every Markdown and MDX file of a real docs tree keeps its syntax through repair."""
    root = DOCS_REAL / tree
    if not root.is_dir():
        pytest.skip(f"{root} is absent (the team's shared corpora are not part of a clone)")
    damaged = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".md", ".markdown", ".mdx")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        repaired = default_repairer.repair(text, markup=markup_of(path)).text
        if repaired != text:
            damaged += [(str(path.relative_to(root)), *change) for change in changes(text, repaired)]
    assert damaged == []


GARBLED = ["tbe cornpany", "Openai said", "in general Used cars", "more more", "wou1d", "The cornpany grew."]
INLINE = [
    "{{ site.repository }}", "{{ .Date }}", "{% if page.tbe %}", "{# tbe cornpany #}", "{{< youtube tbe >}}",
    "{{% eturl twitter_cards %}}", "{#settings-restructuredtext}", "{: .tbe}", "{ .md-button }",
    "[time.Time][]", "[lang.Merge]", "[^tbe]", "[[Tbe Page]]", "[tbe cornpany][lang.Merge]",
    ":caribbean_netherlands:", ":material-tbe:", "<kbd>Ctrl tbe</kbd>", "<code>{{ tbe }}</code>",
    "mailto:tbe@cornpany.example", "tbe@cornpany.example", "`time.Now`", "[docs](https://x.example/tbe \"Tbe\")",
    "![tbe](tbe/cornpany.png)", "<https://tbe.example>", '<span title="tbe">Openai</span>', "$tbe$",
]
BLOCKS = [
    "```go\ntbe := cornpany.Now\n```", "    tbe cornpany wou1d", ":::tip Tbe cornpany\nThe cornpany grew.\n:::",
    '!!! note "Tbe cornpany"\n\n    The cornpany grew.', '=== "Tbe Tab"', '--8<-- "includes/tbe.md"',
    "{% raw %}\n{{ tbe }} cornpany\n{% endraw %}", "{{< highlight go >}}\ntbe := time.Now\n{{< /highlight >}}",
    "{{< code-toggle file=hugo >}}\nlanguages = '{en,de}'\nfacebook_app_id = 1\n{{< /code-toggle >}}",
    "{{% note %}}\nThe cornpany grew.\n{{% /note %}}", "| AND | and tbe |\n|---|---|\n| more | more |",
    "  [SuperFences]: ../tbe.md#superfences", "[lang.Merge]: https://x.example/tbe", "<div>\ntbe cornpany\n</div>",
    "<script>\nvar tbe = 1;\n</script>", "### Tbe Settings {#tbe-settings}", "[^tbe]: The cornpany grew.",
]
MDX_BLOCKS = [
    "import Tabs from '@theme/Tabs';", "export const tbe = {cornpany: 1};",
    '<Tabs groupId="tbe">\n<TabItem value="cornpany">\n\nThe cornpany grew.\n\n</TabItem>\n</Tabs>',
    "The {props.tbe} cornpany {/* tbe */} grew.", '<Badge text={tbe.cornpany} type="tip" />',
]


def paragraphs(blocks: list[str]):
    prose = st.lists(st.sampled_from(GARBLED + INLINE), min_size=1, max_size=8).map(" ".join)
    return st.lists(st.one_of(prose, st.sampled_from(blocks)), min_size=1, max_size=8).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(text=paragraphs(BLOCKS))
def test_generated_markdown_keeps_its_structure(repairer, text):
    """Garbled prose mixed with site syntax: repair changes the prose only."""
    assert changes(text, repairer.repair(text, markup="markdown").text) == []


@settings(max_examples=40, deadline=None)
@given(text=paragraphs(BLOCKS + MDX_BLOCKS))
def test_generated_mdx_keeps_its_structure(repairer, text):
    """MDX with JSX, module lines and expressions: repair changes the prose only."""
    assert changes(text, repairer.repair(text, markup="mdx").text) == []
