"""Where prose is: the spans of a document that repair must never edit.

Markdown is parsed with markdown-it-py (CommonMark, tables, front matter,
dollar math), not guessed at with regular expressions: fenced and indented
code, HTML blocks, front matter, math and reference definitions are whole
blocks to skip; inside paragraphs, inline code, link and image destinations,
autolinks, inline HTML and inline math are located from the parser's tokens.
Heading text is reported separately: it is prose, but title case is right
there.

Inline directives work in Markdown and plain text alike:
``<!-- repair: ignore -->`` protects the next block (up to a blank line),
``<!-- repair: off -->`` … ``<!-- repair: on -->`` a region.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

Span = tuple[int, int]

DIRECTIVE_RE = regex.compile(r"<!--\s*repair:\s*(ignore|off|on)\s*-->")
BLANK_LINE_RE = regex.compile(r"\n[ \t]*\n")
TOML_FRONT_MATTER_RE = regex.compile(r"\A\+\+\+[ \t]*\n.*?^\+\+\+[ \t]*$", regex.MULTILINE | regex.DOTALL)
MARKDOWN_BREAK_RE = regex.compile(r"\r\n?|\n")  # markdown-it's line-break rule (CommonMark 2.1)
SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "front_matter", "math_block", "math_block_label"})


@dataclass(frozen=True)
class Regions:
    """Spans to leave untouched, and spans of heading text (both sorted)."""

    protected: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()


def keep_pattern(words) -> regex.Pattern | None:
    """A pattern for words never to touch (a user's list), matched as whole words."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(regex.escape(w) for w in words)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternatives + r")(?![\p{L}\p{N}])")


def regions(text: str, markup: str = "text", keep: regex.Pattern | None = None) -> Regions:
    """The protected and heading spans of ``text`` read as ``markup`` ("text" or "markdown").

    ``keep`` (from :func:`keep_pattern`) protects every occurrence of a user's words.
    """
    if markup == "markdown":
        protected, headings = _markdown(text)
    elif markup == "text":
        protected, headings = [], []
    else:
        raise ValueError(f"unknown markup {markup!r}; expected 'text' or 'markdown'")
    protected += _directives(text)
    if keep is not None:
        protected += [m.span() for m in keep.finditer(text)]
    return Regions(tuple(merge(protected)), tuple(sorted(headings)))


def merge(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same characters."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _directives(text: str) -> list[Span]:
    spans = []
    off_at: int | None = None
    for m in DIRECTIVE_RE.finditer(text):
        kind = m.group(1)
        spans.append(m.span())
        if kind == "off" and off_at is None:
            off_at = m.start()
        elif kind == "on" and off_at is not None:
            spans.append((off_at, m.end()))
            off_at = None
        elif kind == "ignore" and off_at is None:
            # the next block: skip blank lines after the comment, then up to the next blank line
            start = m.end()
            while start < len(text) and text[start] in " \t\r\n":
                start += 1
            gap = BLANK_LINE_RE.search(text, start)
            spans.append((m.start(), gap.start() if gap else len(text)))
    if off_at is not None:
        spans.append((off_at, len(text)))  # "off" without "on" runs to the end
    return spans


@functools.cache
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(dollarmath_plugin)


def markdown_line_starts(text: str) -> list[int]:
    """The offset where each line starts, as markdown-it numbers lines.

    CommonMark ends a line at "\\r\\n", "\\r" or "\\n", and markdown-it's
    token maps count lines so; reading them with a "\\n"-only rule would put
    every block of a file with bare carriage returns on the wrong lines.

    >>> markdown_line_starts("a\\rb\\r\\nc\\nd")
    [0, 2, 5, 7]
    """
    return [0, *(m.end() for m in MARKDOWN_BREAK_RE.finditer(text))]


def _markdown(text: str) -> tuple[list[Span], list[Span]]:
    starts = markdown_line_starts(text)
    n_lines = len(starts)

    def offset(line: int) -> int:
        return starts[line] if line < n_lines else len(text)

    protected: list[Span] = []
    headings: list[Span] = []
    toml = TOML_FRONT_MATTER_RE.match(text)  # Hugo's "+++" front matter; the plugin reads only "---"
    if toml:
        protected.append(toml.span())
        # the parser sees blank lines there: offsets and line numbers stay the same
        text = regex.sub(r"[^\n]", " ", text[: toml.end()]) + text[toml.end() :]
    covered = [False] * n_lines
    for token in _parser().parse(text):
        if token.map:
            first, last = token.map
            for i in range(first, min(last, n_lines)):
                covered[i] = True
            start, end = offset(first), offset(last)
            if token.type in SKIPPED_BLOCKS:
                protected.append((start, end))
            elif token.type == "heading_open":
                headings.append((start, end))
            elif token.type == "inline" and token.children:
                protected += _inline(text, start, end, token.children)
    # Lines no block claims are reference definitions ("[id]: https://…"):
    # markdown-it consumes them without a token.
    for i, claimed in enumerate(covered):
        if not claimed and text[offset(i) : offset(i + 1)].strip():
            protected.append((offset(i), offset(i + 1)))
    return protected, headings


def _inline(text: str, start: int, end: int, children) -> list[Span]:
    """Spans of inline code, HTML, math and link targets between ``start`` and ``end``.

    Tokens carry no offsets, so each construct is found in the source in
    order, from a cursor that only moves forward.
    """
    spans: list[Span] = []
    cursor = start
    for child in children:
        kind = child.type
        if kind in ("code_inline", "math_inline"):
            opened = text.find(child.markup, cursor, end)
            if opened == -1:
                continue
            closed = text.find(child.markup, opened + len(child.markup) + max(0, len(child.content.strip()) - 1), end)
            stop = closed + len(child.markup) if closed != -1 else end
            spans.append((opened, stop))
            cursor = stop
        elif kind == "html_inline":
            found = text.find(child.content, cursor, end)
            if found != -1:
                spans.append((found, found + len(child.content)))
                cursor = found + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            opened = text.find("<", cursor, end)
            closed = text.find(">", opened, end) if opened != -1 else -1
            if closed != -1:
                spans.append((opened, closed + 1))
                cursor = closed + 1
        elif kind == "link_open" and child.markup == "linkify":
            continue
        elif kind in ("link_close", "image"):
            if child.markup == "autolink":
                continue
            span = _link_target(text, cursor, end)
            if span:
                spans.append(span)
                cursor = span[1]
    return spans


def _link_target(text: str, cursor: int, end: int) -> Span | None:
    """The "(destination "title")" or "[label]" after a link's text, from ``cursor``."""
    close = text.find("]", cursor, end)
    if close == -1 or close + 1 >= end:
        return None
    opener = text[close + 1]
    if opener == "(":
        depth, i = 0, close + 1
        while i < end:
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return close + 1, i + 1
            i += 1
        return close + 1, end
    if opener == "[":
        label_end = text.find("]", close + 1, end)
        return (close + 1, label_end + 1) if label_end != -1 else None
    return close, close + 1  # "[label]" shortcut: the label is the link text itself
