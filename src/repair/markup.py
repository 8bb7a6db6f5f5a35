"""Where prose is: the spans of a document that repair must never edit.

Markdown is parsed with markdown-it-py (CommonMark, tables, front matter,
dollar math), not guessed at with regular expressions, for what only a
parser can say: fenced and indented code, HTML blocks, front matter, math
and reference definitions are whole blocks to skip; inside paragraphs,
inline code and inline math are located from the parser's tokens. Heading
text is reported separately: it is prose, but title case is right there.

Site generators add syntax of their own that CommonMark reads as text:
template tags, shortcodes, attribute lists, emoji codes, admonition lines,
snippet includes, JSX. Each is a delimiter pair or a marked line, so one
pass of :data:`SYNTAX_RE` over the text finds them all (parser plugins
would each add a pass and still give no offsets). Two rules stand in for
per-site lists:

- a template tag is anything between ``{{``/``{%``/``{#`` and its closer,
  whatever the engine (Liquid, Jinja, Hugo, Nunjucks);
- the body of a paired tag is protected when the generator passes it on
  unread as Markdown: Hugo's ``{{< x >}}…{{< /x >}}`` (its ``{{% %}}`` form
  is the one that renders the body as Markdown, so that body stays prose)
  and the template blocks whose body is verbatim (:data:`VERBATIM_BLOCKS`).

Bracketed labels not followed by a link destination (``[label][]``,
``[lang.Merge]``, ``[^note]``, ``[[Page]]``) are protected whole: a label
must still match its definition, which may live in another file.

Inline directives work in Markdown and plain text alike:
``<!-- repair: ignore -->`` protects the next block (up to a blank line),
``<!-- repair: off -->`` … ``<!-- repair: on -->`` a region.
"""

from __future__ import annotations

import functools
import re
from itertools import accumulate
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from .fast_re import Lazy

Span = tuple[int, int]

DIRECTIVE_RE = regex.compile(r"<!--\s*repair:\s*(ignore|off|on)\s*-->")
BLANK_LINE_RE = Lazy(r"\n[ \t]*\n")
TOML_FRONT_MATTER_RE = regex.compile(r"\A\+\+\+[ \t]*\n.*?^\+\+\+[ \t]*$", regex.MULTILINE | regex.DOTALL)
MARKDOWN_BREAK_RE = regex.compile(r"\r\n?|\n")  # markdown-it's line-break rule (CommonMark 2.1)
BREAK_END = type(MARKDOWN_BREAK_RE.match("\n")).end  # a match's end, for map() at C speed
NEXT_LINE = (1).__add__  # a line's length and its break
INLINE_CODE = frozenset({"code_inline", "math_inline"})
ESCAPE_OR_TICKS_RE = Lazy(r"\\|`+", engine=re)
TICKS_RE = Lazy(r"`+", engine=re)
LEAF_BLOCKS = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "table_open", "math_block", "math_block_label", "front_matter"})
SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "front_matter", "math_block", "math_block_label"})
VERBATIM_BLOCKS = ("raw", "highlight", "comment", "verbatim", "codeblock")  # template blocks whose body is not Markdown
CODE_ELEMENTS = ("code", "kbd", "pre", "script", "style", "samp", "var", "tt")  # inline HTML protected whole

LABEL = r"(?:[^\[\]\n]|\n(?![ \t]*\n)){0,500}"  # a link label: no brackets, may wrap, never past a blank line

# Every alternative starts with one of a few fixed characters, so the engine
# skips to those at C speed; every open-ended one is bounded, so an unclosed
# delimiter costs at most its bound and the pass stays linear on hostile text.
SYNTAX_RE = re.compile(
    r"""
      \{%-?[ \t]*(""" + "|".join(VERBATIM_BLOCKS) + r""")\b[^%]{0,500}%\}(?s:.){0,100000}?\{%-?[ \t]*end\1[ \t]*-?%\}
                                                             # {% raw %}…{% endraw %}, {% highlight %}…
    | \{\{(?s:.){0,2000}?\}\}                                # {{ liquid }}, {{< shortcode >}}, {{% shortcode %}}
    | \{%(?s:.){0,2000}?%\}                                  # {% tag %}
    | \{\#[\s-](?s:.){0,2000}?\#\}                           # {# comment #}
    | \{[^{}\n]{0,500}\}                                     # one-line brace groups: {#id .class}, {: .note},
                                                             # { data-preview }, {test,spec}, {string | URL}
    | :(?<![\w:]:)[a-z0-9_+-]+:(?![\w:])                     # emoji :smile: :material-xyz:
    | \[\^[^\[\]\n]{1,200}\]                                 # footnote labels [^note]
    | \[\[[^\[\]\n]{1,200}\]\]                               # wiki links [[Page]]
    | \[""" + LABEL + r"""\](?![(\[:])                         # shortcut references [lang.Merge]
    | \[""" + LABEL + r"""\]\[\]                               # collapsed references [time.Time][]
    | \[[ \t]*[^\[\]\n]{1,500}\]:[^\n]*                      # reference definitions, indented too
    | \]\[""" + LABEL + r"""\]                                 # the label of full references [text][label]
    | \]\((?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)
        (?:\s+(?:"(?:[^"\\]|\\.){0,1000}"|'(?:[^'\\]|\\.){0,1000}'|\((?:[^()\\]|\\.){0,1000}\)))?[ \t]*\)
                                                             # link destinations ](url "title")
    | <((?i:""" + "|".join(CODE_ELEMENTS) + r"""))\b[^<>]{0,1000}>(?:[^\n]|\n(?![ \t]*\n)){0,5000}?</\2[ \t]*>
                                                             # inline code-like HTML, whole (within a paragraph)
    | <!--(?s:.){0,5000}?-->                                 # HTML comments
    | </?[A-Za-z][\w.:-]*(?:\s[^<>]{0,1000})?/?>             # HTML and JSX tags
    | <[A-Za-z][\w+.-]{1,31}:[^\s<>]*>                       # autolinks <https://…>
    | mailto:(?<![\w.+-]mailto:)[^\s<>()\[\]"']+             # mailto: addresses
    | \|                                                     # table cell boundaries
    """,
    re.VERBOSE,
)
# Lines that are syntax whole: container, admonition and tab lines with their
# titles, callouts, MyST targets, and a snippet block's list of files.
LINE_RE = re.compile(
    r"""
      ^[ \t]*(?::{3,}|!!!|\?{3}|={3}(?![=\n]))[^\n]*         # :::tip Title, !!! note "Title", ??? x, === "Tab"
    | ^[ \t]*[A-Z?]>(?=[ \t])                                # callouts: T> W> ?>
    | ^[ \t]*\([^()\s]+\)=[ \t]*$                            # MyST targets: (install-guide)=
    | ^[ \t]*-{2,}8<-{2,}[ \t]*\n(?:[^\n]*\n){0,100}?[ \t]*-{2,}8<-{2,}[ \t]*$   # a snippet block: --8<--, files, --8<--
    | ^[ \t]*-+8<-+[^\n]*                                    # snippet includes: --8<-- "file.md"
    """,
    re.VERBOSE | re.MULTILINE,
)
# MDX: ES module lines run to a blank line; {expressions} may hold one level of braces.
MDX_RE = Lazy(
    r"""
      ^(?:import|export)\b[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*
    | \{(?:[^{}]|\{[^{}]*\})*\}
    """,
    re.VERBOSE | re.MULTILINE,
    engine=re,
)
RE_SPAN = re.Match.span  # a match's span, for map()
SHORTCODE_RE = Lazy(r"\{\{<[ \t]*(/?)[ \t]*([\w./-]+)(?s:.){0,2000}?(/?)[ \t]*>\}\}", engine=re)


@dataclass(frozen=True)
class Regions:
    """Spans to leave untouched, and spans of heading text (both sorted).

    ``blocks``: the whole lines among ``protected`` that the Markdown parse
    protects as blocks (code, HTML, math, front matter, reference
    definitions). Nothing in them is prose, so the search for protected
    spans in the text (:func:`repair.document.protected_spans`) skips them.
    """

    protected: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    blocks: tuple[Span, ...] = ()


class LastRegions:
    """:func:`regions` remembering the last text read: one repair's passes read the
    same text twice when a pass changes nothing (the whole reading that settles a
    text follows a pass over its changed lines), and a Markdown parse is the
    costliest part of a pass. A text said (:meth:`follow`) to be the last one
    edited is not parsed again when ``shift`` (:func:`repair.markup_shift.shifted`,
    handed in: that module reads this one) can move the last parse through the
    edits, as it can when they are of prose alone."""

    __slots__ = ("markup", "keep", "shift", "text", "regions", "parsed", "edited")

    def __init__(self, markup: str, keep: regex.Pattern | None, shift: Callable[..., Parsed | None] | None = None) -> None:
        self.markup, self.keep, self.shift = markup, keep, shift
        self.text: str | None = None
        self.regions = Regions()
        self.parsed: Parsed | None = None  # the Markdown parse of ``text``
        self.edited: tuple[str, Sequence] | None = None  # a text that is ``text`` edited, and the edits

    def __call__(self, text: str) -> Regions:
        if text is not self.text:
            parsed = None
            if self.shift is not None and self.edited is not None and self.edited[0] is text and self.parsed is not None:
                parsed = self.shift(self.parsed, self.text, self.edited[1], text)
            self.edited = None
            self.text = text
            self.regions, self.parsed = _regions(text, self.markup, self.keep, parsed)
        return self.regions

    def follow(self, before: str, edits: Sequence, after: str) -> None:
        """Say that ``after`` is ``before`` with ``edits`` (sorted, disjoint, each with
        ``start``, ``end`` and ``after``) applied, in case it is read next."""
        if before is self.text and edits:
            self.edited = (after, edits)


def keep_pattern(words) -> regex.Pattern | None:
    """A pattern for words never to touch (a user's list), matched as whole words."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(regex.escape(w) for w in words)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + alternatives + r")(?![\p{L}\p{N}])")


def regions(text: str, markup: str = "text", keep: regex.Pattern | None = None) -> Regions:
    """The protected and heading spans of ``text`` read as ``markup`` ("text", "markdown" or "mdx").

    "mdx" is Markdown with JSX: ES module lines and ``{expressions}`` are
    protected too. ``keep`` (from :func:`keep_pattern`) protects every
    occurrence of a user's words.
    """
    return _regions(text, markup, keep)[0]


def _regions(text: str, markup: str, keep: regex.Pattern | None, parsed: Parsed | None = None) -> tuple[Regions, Parsed | None]:
    """:func:`regions`, and the Markdown parse they came from (``parsed``, if given: the
    parse of ``text``, known already)."""
    blocks: list[Span] = []
    if markup in ("markdown", "mdx"):
        if parsed is None:
            parsed = _markdown(text)
        blocks, headings = parsed.blocks, parsed.headings
        protected = blocks + parsed.code + _syntax(text)
        if markup == "mdx":
            protected += [m.span() for m in MDX_RE.finditer(text)]
    elif markup == "text":
        protected, headings = [], []
    else:
        raise ValueError(f"unknown markup {markup!r}; expected 'text', 'markdown' or 'mdx'")
    protected += _directives(text)
    if keep is not None:
        protected += [m.span() for m in keep.finditer(text)]
    return Regions(tuple(merge(protected)), tuple(sorted(headings)), tuple(merge(blocks))), parsed


def merge(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same characters (spans that touch become one).

    Called on every page several times, on thousands of spans: the open span
    is kept in locals, and a tuple is built once per span returned.

    >>> merge([(5, 9), (0, 2), (2, 3), (7, 12), (4, 4)])
    [(0, 3), (5, 12)]
    """
    out: list[Span] = []
    append = out.append
    open_start = open_end = -1
    for start, end in sorted(spans):
        if end <= start:
            continue
        if start <= open_end:
            if end > open_end:
                open_end = end
            continue
        if open_end >= 0:
            append((open_start, open_end))
        open_start, open_end = start, end
    if open_end >= 0:
        append((open_start, open_end))
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


def _syntax(text: str) -> list[Span]:
    """Spans of site-generator syntax (see :data:`SYNTAX_RE`), and the bodies of paired shortcodes."""
    spans = list(map(RE_SPAN, SYNTAX_RE.finditer(text)))  # (at C speed: a docs page has thousands)
    spans += map(RE_SPAN, LINE_RE.finditer(text))
    if "{{<" in text:
        spans += _shortcode_bodies(text)
    return spans


def _shortcode_bodies(text: str) -> list[Span]:
    """From the end of each ``{{< name >}}`` to its ``{{< /name >}}``.

    Hugo hands such a body to the shortcode's template as it is (code for
    ``highlight``, TOML for ``code-toggle``, HTML for others); only the
    ``{{% %}}`` form renders its body as Markdown, so only that body is prose.
    """
    spans: list[Span] = []
    open_at: dict[str, list[int]] = {}
    for m in SHORTCODE_RE.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2), m.group(3)
        if closing:
            starts = open_at.get(name)
            if starts:
                spans.append((starts.pop(), m.start()))
        elif not self_closing:
            open_at.setdefault(name, []).append(m.end())
    return spans


@functools.cache
def _parser():
    """CommonMark with tables, front matter and math; inline syntax is read on demand.

    Only code spans and inline math are wanted from a paragraph's inline
    syntax (:data:`SYNTAX_RE` finds the rest in one pass), and most
    paragraphs hold neither: the core inline pass is off, and
    :func:`_markdown` parses only the paragraphs with a backtick or a
    dollar, without the costly link and emphasis rules.
    """
    return _parser_without(frozenset())


# Block rules that can start a block only at a line holding one of these marks
# (each rule returns False, having changed nothing, unless the line's first
# character past its indent is one of them, or, for a table, the header line
# holds a "|"): in a text without them, the rule never fires.
RULE_MARKS = {
    "table": ("|",),
    "math_block": ("$$",),
    "fence": ("```", "~~~"),
    "blockquote": (">",),
    "html_block": ("<",),
    "heading": ("#",),
    "reference": ("[",),
}


def _parser_for(text: str):
    """:func:`_parser` without the block rules ``text`` gives no mark to (:data:`RULE_MARKS`).

    The block parser tries every rule at every line, and at every line of a
    paragraph each rule that may end one; a rule that cannot fire returns
    False having changed nothing, so the parse is the same without it (and
    ``tests/test_markup.py`` holds the two parses equal), a tenth cheaper on
    docs-real.
    """
    return _parser_without(frozenset(rule for rule, marks in RULE_MARKS.items() if not any(mark in text for mark in marks)))


@functools.lru_cache(maxsize=len(RULE_MARKS) * 16)  # (at most 2 ** 7 sets; a few dozen in practice)
def _parser_without(rules: frozenset[str]):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(dollarmath_plugin)
    md.disable(["inline", "link", "image", "emphasis", *sorted(rules)])
    return md


def markdown_line_starts(text: str) -> list[int]:
    """The offset where each line starts, as markdown-it numbers lines.

    CommonMark ends a line at "\\r\\n", "\\r" or "\\n", and markdown-it's
    token maps count lines so; reading them with a "\\n"-only rule would put
    every block of a file with bare carriage returns on the wrong lines.

    >>> markdown_line_starts("a\\rb\\r\\nc\\nd")
    [0, 2, 5, 7]

    Without a carriage return, the lines' lengths (a split at C speed)
    give the starts three times faster than a search for each break.
    """
    if "\r" not in text:
        return [0, *accumulate(map(NEXT_LINE, map(len, text.split("\n")[:-1])))]
    return [0, *map(BREAK_END, MARKDOWN_BREAK_RE.finditer(text))]


@dataclass(frozen=True)
class Parsed:
    """What the Markdown parse protects: whole lines (``blocks``: code, HTML, math,
    front matter, reference definitions) and inline code and math (``code``), and
    where the headings are.

    ``editable``: 1 for each line (by number) of paragraphs, headings and table
    rows where an edit of prose, made as
    :mod:`repair.markup_shift` allows, leaves the parse the same but for
    offsets; ``starts``: the text's line starts (:func:`markdown_line_starts`).
    """

    blocks: list[Span]
    code: list[Span]
    headings: list[Span]
    editable: bytearray
    starts: list[int]


def _markdown(text: str) -> Parsed:
    starts = markdown_line_starts(text)
    n_lines = len(starts)
    bounds = [*starts, len(text)]  # a line's start, and the end for the line after the last

    blocks: list[Span] = []
    code: list[Span] = []
    headings: list[Span] = []
    toml = TOML_FRONT_MATTER_RE.match(text)  # Hugo's "+++" front matter; the plugin reads only "---"
    if toml:
        blocks.append(toml.span())
        # the parser sees blank lines there: offsets and line numbers stay the same
        text = regex.sub(r"[^\n]", " ", text[: toml.end()]) + text[toml.end() :]
    # one byte a line (set by slices at C speed): which lines a block holds, and a leaf block
    ones = b"\x01" * n_lines
    covered = bytearray(n_lines)
    leaf = bytearray(n_lines)  # lines of a block that holds no other
    inlines: list[tuple[int, int, str]] = []
    md = _parser_for(text)
    env: dict = {}
    for token in md.parse(text, env):
        lines = token.map
        if not lines:
            continue
        first, last = lines
        stop = last if last < n_lines else n_lines
        covered[first:stop] = ones[first:stop]
        kind = token.type
        if kind in LEAF_BLOCKS:
            leaf[first:stop] = ones[first:stop]
            if kind in SKIPPED_BLOCKS:
                blocks.append((bounds[first], bounds[stop]))
            elif kind == "heading_open":
                headings.append((bounds[first], bounds[stop]))
        elif kind == "inline":
            content = token.content
            inlines.append((first, stop, content))
            if "`" in content or "$" in content:
                if "$" in content or "<" in content:
                    codes = [(c.markup, c.content) for c in md.inline.parse(content, md, env, []) if c.type in INLINE_CODE]
                else:
                    codes = code_spans(content)
                code += _inline(text, bounds[first], bounds[stop], codes)
    # Lines no block claims are reference definitions ("[id]: https://…"):
    # markdown-it consumes them without a token.
    i = covered.find(0)
    while i >= 0:
        if text[bounds[i] : bounds[i + 1]].strip():
            blocks.append((bounds[i], bounds[i + 1]))
        i = covered.find(0, i + 1)
    return Parsed(blocks, code, headings, _editable(text, bounds, inlines, leaf), starts)


def _editable(text: str, bounds: list[int], inlines: list[tuple[int, int, str]], leaf: bytearray) -> bytearray:
    """Which lines (1 for yes, by line number) only ``inlines`` (first line, end line,
    content) whose parse an edit of prose cannot change (see
    :mod:`repair.markup_shift`) hold. Not those with inline HTML, autolinks or
    math (the full inline parse reads them: ``<``, ``$``), nor those that may
    be read as reference definitions: starting with ``[``, or right after a
    line no leaf block holds (a definition before it may take its lines as a
    title, once an edit closes a quote). A table row's cells share a line:
    one such cell makes the line not editable."""
    lines = bytearray(len(leaf))
    fragile = []
    for first, stop, content in inlines:
        if "<" in content or "$" in content or content[:1] == "[" or (
            first and not leaf[first - 1] and text[bounds[first - 1] : bounds[first]].strip()
        ):
            fragile.append((first, stop))
        else:
            lines[first:stop] = b"\x01" * (stop - first)
    for first, stop in fragile:
        lines[first:stop] = bytes(stop - first)
    return lines


def code_spans(content: str) -> list[tuple[str, str]]:
    """The code spans of an inline ``content`` with no ``<`` and no ``$``, as
    (backtick run, code), in order: what markdown-it's inline parse finds there.

    Without those two characters only three of its inline rules can touch a
    backtick: an escape (a backslash takes the next character, whatever it
    is), a code span (a run of backticks, closed by the next run of exactly
    its length; unclosed, the run is text) and plain text; autolinks, HTML
    and math need ``<`` or ``$``. Walking the backslashes and backtick runs
    is several times cheaper than the parser's loop over every punctuation
    mark. ``tests/test_markup.py`` holds the two to each other.

    >>> code_spans("Run `npm test`, not ``a ` b`` or \\\\`this` one.")
    [('`', 'npm test'), ('``', 'a ` b')]
    """
    spans = []
    pos = 0
    while True:
        m = ESCAPE_OR_TICKS_RE.search(content, pos)
        if m is None:
            return spans
        if m.group() == "\\":
            pos = m.end() + 1  # the escaped character (a backslash at the end is text)
            continue
        opened, after = m.span()
        width = after - opened
        cursor = after
        while True:
            closer = TICKS_RE.search(content, cursor)
            if closer is None:
                pos = after  # no closer of this width: the run is text
                break
            if closer.end() - closer.start() == width:
                code = content[after : closer.start()].replace("\n", " ")
                if code[:1] == " " and code[-1:] == " " and code.strip(" "):
                    code = code[1:-1]  # (as CommonMark: one space each side is padding)
                spans.append((m.group(), code))
                pos = closer.end()
                break
            cursor = closer.end()


def _inline(text: str, start: int, end: int, codes: list[tuple[str, str]]) -> list[Span]:
    """Spans of inline code and math between ``start`` and ``end``, given each one's
    delimiter and content (as the inline parse found them), in order.

    Tokens carry no offsets, so each construct is found in the source in
    order, from a cursor that only moves forward. (Link destinations, HTML
    and autolinks are found by :data:`SYNTAX_RE` in one pass instead.)
    """
    spans: list[Span] = []
    cursor = start
    for markup, content in codes:
        opened = text.find(markup, cursor, end)
        if opened == -1:
            continue
        closed = text.find(markup, opened + len(markup) + max(0, len(content.strip()) - 1), end)
        stop = closed + len(markup) if closed != -1 else end
        spans.append((opened, stop))
        cursor = stop
    return spans
