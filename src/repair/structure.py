"""What a site build reads from a Markdown or MDX document, as a multiset.

A repair of documentation may change prose and nothing else: code, link
and image targets, reference and footnote labels, heading IDs and
attribute lists, template tags, HTML, emoji codes, container lines, URLs
and front matter must come out identical, or the site breaks. This module
lists those elements so that a test (or a cautious caller) can compare a
document before and after repair: ``changes(before, after)`` must be empty.

The list is made independently of :mod:`repair.markup`, which decides what
repair may edit: the parser is run with every inline rule (links, images,
HTML, autolinks), and site-generator syntax is matched by deliberately broad
patterns (any ``{…}`` on one line, any ``[…]`` not followed by a link
destination), so a gap in the protection shows up here as a change.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

__all__ = ["Element", "changes", "structure"]

Element = tuple[str, str]  # (kind, source text)

FRONT_MATTER_RE = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*$", re.MULTILINE | re.DOTALL)
PATTERNS = {
    "template tag": re.compile(r"\{\{(?s:.){0,2000}?\}\}|\{%(?s:.){0,2000}?%\}|\{#[\s-](?s:.){0,2000}?#\}"),
    "braces": re.compile(r"\{[^{}\n]*\}"),  # heading IDs, attribute lists, MDX {expressions}
    "label": re.compile(r"\[[^\[\]\n]*\](?![(\[])"),  # shortcut, footnote and wiki-link labels
    "collapsed reference": re.compile(r"\[[^\[\]\n]*\]\[\]"),  # [time.Time][]: the text is the label
    "reference label": re.compile(r"\]\[[^\[\]\n]+\]"),  # the label of [text][label]
    "reference definition": re.compile(r"^[ \t]*\[(?!\^)[^\[\]\n]+\]:[^\n]*", re.MULTILINE),  # not a footnote: its text is prose
    "html tag": re.compile(r"</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>"),
    "code element": re.compile(  # inline: within a paragraph, outside inline code
        r"<(code|kbd|pre|script|style|samp|var|tt)\b[^<>]*>(?:[^`\n]|\n(?![ \t]*\n))*?</\1\s*>", re.IGNORECASE
    ),
    "html comment": re.compile(r"<!--(?s:.)*?-->"),
    "emoji code": re.compile(r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])"),
    "container line": re.compile(r"^[ \t]*(?::{3,}|!!!|\?{3}|={3}(?![=\n]))[^\n]*", re.MULTILINE),
    "target line": re.compile(r"^[ \t]*\([^()\s]+\)=[ \t]*$", re.MULTILINE),  # MyST (label)=
    "snippet include": re.compile(r"^[^\n]*-+8<-+[^\n]*", re.MULTILINE),
    "module line": re.compile(r"^(?:import|export)\b[^\n]*", re.MULTILINE),
    "url": re.compile(r"\b(?:https?|ftp|file|mailto):[^\s<>()\[\]\"'`]+"),
    "e-mail": re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
}
CODE_BLOCKS = frozenset({"fence", "code_block", "html_block", "math_block", "math_block_label"})
INLINE_SOURCE = frozenset({"code_inline", "math_inline", "html_inline"})


def structure(text: str) -> Counter[Element]:
    """Every element of ``text`` a site build reads, counted.

    >>> sorted(structure("See [the docs](https://x.example) {#top}").elements())
    [('braces', '{#top}'), ('link', 'https://x.example'), ('url', 'https://x.example')]
    """
    found: Counter[Element] = Counter()
    front = FRONT_MATTER_RE.match(text)
    if front:
        found["front matter", front.group(0)] += 1
        text = re.sub(r"[^\n]", " ", front.group(0)) + text[front.end() :]  # same lines, no front matter
    found.update(_parsed(text))
    for kind, pattern in PATTERNS.items():
        found.update((kind, m.group(0)) for m in pattern.finditer(text))
    found.update(("table row", str(line.count("|"))) for line in text.splitlines() if "|" in line)
    return found


def changes(before: str, after: str) -> list[tuple[str, str, int]]:
    """The elements whose count differs between ``before`` and ``after``: (kind, text, after − before).

    >>> changes("Run `tbe`.", "Run `the`.")
    [('inline code', 'tbe', -1), ('inline code', 'the', 1)]
    """
    old, new = structure(before), structure(after)
    return sorted((kind, source, new[kind, source] - old[kind, source]) for kind, source in old.keys() | new.keys() if new[kind, source] != old[kind, source])


@functools.cache
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    return MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)


def _parsed(text: str) -> Counter[Element]:
    """Code, HTML, math, link and image targets and reference definitions, as the parser reads them."""
    found: Counter[Element] = Counter()
    env: dict = {}
    tokens = _parser().parse(text, env)
    for token in tokens:
        if token.type in CODE_BLOCKS:
            found[token.type, token.info + "\n" + token.content] += 1
        for child in token.children or ():
            if child.type in INLINE_SOURCE:
                found[child.type.replace("_", " ").replace("code inline", "inline code"), child.content] += 1
            elif child.type == "link_open":
                found["link", str(child.attrs.get("href", ""))] += 1
            elif child.type == "image":
                found["image", str(child.attrs.get("src", ""))] += 1
            if child.type in ("link_open", "image") and child.attrs.get("title"):
                found["title", str(child.attrs["title"])] += 1
    for label, ref in env.get("references", {}).items():
        found["reference", f"{label} {ref.get('href', '')} {ref.get('title', '')}"] += 1
    return found
