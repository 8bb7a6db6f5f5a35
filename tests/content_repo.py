"""A sample content repository, built from hand-written pieces.

Every file is assembled from prose pieces (a garbled form and the form a
careful editor would write) and from pieces repair must leave alone (code,
front matter, links, HTML, tables, math, directives), which hold the same
kinds of damage on purpose. The expected file after ``repair fix`` is the
same assembly with the clean prose: if anything but prose changes, the
comparison fails.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

# (garbled, clean) prose paragraphs
PROSE = [
    ("The cornpany said tbe results wou1d improve.", "The company said the results would improve."),
    ("Openai and Deepseek both shipped new models.", "OpenAI and DeepSeek both shipped new models."),
    ("Engineers in general Used to train on rented chips.", "Engineers in general used to train on rented chips."),
    ("They were more and more more convinced.", "They were more and more convinced."),
    ("Prices in MontrÃ©al fell.", "Prices in Montréal fell."),
    ("Analysts expect growth.Investors agree.", "Analysts expect growth. Investors agree."),
    ("The govern- ment said no.", "The government said no."),
    ("Meta Ai released a model ( finally) today.", "Meta AI released a model (finally) today."),
]

# Markdown pieces that must survive byte for byte
KEEP_MD = [
    "---\ntitle: tbe cornpany wou1d\ntags: [Openai, Deepseek]\n---",
    "```python\ntbe = cornpany  # wou1d\nprint(Openai)\n```",
    "    tbe cornpany indented code\n    wou1d stay",
    "Run `tbe --cornpany` and read [the guide](https://tbe.example/cornpany \"wou1d\").",
    '<div class="tbe" data-x="cornpany">\n<p>Openai wou1d</p>\n</div>',
    "| Name | Value |\n|------|-------|\n| alpha | 1 |\n| beta | 2 |",
    "$$\ntbe + cornpany\n$$",
    "[cornpany]: https://example.com/tbe",
    "# Used Cars For Sale In Town",
    "See <https://tbe.example/wou1d> and ![a chart](img/tbe-cornpany.png).",
    "<!-- repair: off -->\nThe cornpany wou1d stay as it is.\n<!-- repair: on -->",
    "<!-- repair: ignore -->\nOpenai wou1d stay too.",
]


@dataclass(frozen=True)
class SampleFile:
    path: str
    before: bytes
    after: bytes  # expected content after `repair fix` (== before when untouched)


def _assemble(prose_indexes, keep_pieces, clean: bool, markdown: bool) -> str:
    parts = []
    for i, index in enumerate(prose_indexes):
        if markdown and i < len(keep_pieces):
            parts.append(keep_pieces[i])
        garbled, fixed = PROSE[index % len(PROSE)]
        parts.append(fixed if clean else garbled)
    if markdown:
        parts += keep_pieces[len(prose_indexes) :]
    return "\n\n".join(parts) + "\n"


def sample_files() -> list[SampleFile]:
    files: list[SampleFile] = []
    # Markdown articles, each mixing prose with a rotation of pieces to keep
    for n in range(14):
        keep = [KEEP_MD[(n + k) % len(KEEP_MD)] for k in range(3)]
        if any(k.startswith("---\n") for k in keep):  # front matter only at the top
            keep = [k for k in keep if k.startswith("---\n")] + [k for k in keep if not k.startswith("---\n")]
        indexes = [n, n + 3, n + 5]
        before = _assemble(indexes, keep, False, True)
        after = _assemble(indexes, keep, True, True)
        if keep[0].startswith("---\n"):
            # front matter must open the file: move it before the first prose paragraph
            before, after = _front_first(before, keep[0]), _front_first(after, keep[0])
        files.append(SampleFile(f"articles/{n:02d}-story.md", before.encode(), after.encode()))
    # plain-text articles
    for n in range(4):
        indexes = [n, n + 2, n + 4]
        files.append(
            SampleFile(
                f"notes/{n:02d}-note.txt",
                _assemble(indexes, [], False, False).encode(),
                _assemble(indexes, [], True, False).encode(),
            )
        )
    crlf_before = "Openai said tbe thing.\n\nNext line stays.\n"
    crlf_after = "OpenAI said the thing.\n\nNext line stays.\n"
    files.append(SampleFile("articles/windows.md", crlf_before.replace("\n", "\r\n").encode(), crlf_after.replace("\n", "\r\n").encode()))
    files.append(SampleFile("notes/windows.txt", crlf_before.replace("\n", "\r\n").encode(), crlf_after.replace("\n", "\r\n").encode()))
    latin_before = "Le café est bon. The cornpany wou1d agree.\n"
    latin_after = "Le café est bon. The company would agree.\n"
    files.append(SampleFile("notes/latin1.txt", latin_before.encode("latin-1"), latin_after.encode("latin-1")))
    files.append(SampleFile("articles/bom.md", codecs.BOM_UTF8 + b"The cornpany grew.\n", codecs.BOM_UTF8 + b"The company grew.\n"))
    files.append(SampleFile("articles/no-final-newline.md", b"The cornpany grew.", b"The company grew."))
    files.append(SampleFile("articles/clean.md", b"# A Clean Page\n\nNothing here needs a fix.\n", b"# A Clean Page\n\nNothing here needs a fix.\n"))
    # files repair must not touch
    binary = b"\x89PNG\r\n\x1a\n\x00\x00tbe cornpany"
    files.append(SampleFile("articles/img/chart.png", binary, binary))
    files.append(SampleFile("notes/data.txt", b"tbe\x00cornpany\x00" * 4, b"tbe\x00cornpany\x00" * 4))
    files.append(SampleFile(".github/hidden.md", b"The cornpany grew.\n", b"The cornpany grew.\n"))
    files.append(SampleFile("scripts/tool.py", b"# tbe cornpany\n", b"# tbe cornpany\n"))
    return files


def _front_first(text: str, front: str) -> str:
    rest = text.replace(front + "\n\n", "", 1)
    return front + "\n\n" + rest


def write_repo(root: Path) -> list[SampleFile]:
    files = sample_files()
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.before)
    return files
