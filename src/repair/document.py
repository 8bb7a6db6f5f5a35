"""One pass over the text: tokens, protected regions, sentence positions, counts.

Every detector reads the same :class:`Document`, so the text is tokenised
once. Protected regions (URLs, e-mail addresses, paths, file and domain names,
version numbers, inline code) are found here so that no detector edits them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import regex

from .markup import Regions, merge
from .model import Token

TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]")

# Spans no detector may touch. Every alternative starts only where a token
# starts (the look-behinds) and has no nested quantifiers, so the pattern is
# linear even on a megabyte without a space.
PROTECTED_RE = regex.compile(
    r"""
      `[^`\n]{0,200}`                                          # inline code
    | (?<![\w.+-])(?:https?|ftp)://[^\s<>()\[\]"“”]+          # URLs
    | (?<![\w.+-])www\.[^\s<>()\[\]"“”]+
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+              # e-mail addresses
    | (?<![\w./-])[\w.-]*+/[\w./-]*+                             # paths: a/b, ./x.md
    | (?<![\w\\])\w++\\[\w\\.-]++                              # windows paths
    | (?<![\w.])(?:\p{L}\.){2,}+                                  # abbreviations: U.S., e.g.
    | (?<![\w.-])\p{L}[\w-]*+(?:\.[\p{Ll}\d][\w-]*+)+             # file and domain names: Node.js
    | (?<![\w.])v?\d++(?:\.\d++)+\w*+                             # version numbers
    """,
    regex.VERBOSE,
)

# Only stretches of non-space text holding one of these can be protected
# (a backtick, "://", "@", a slash, or a dot between letters or digits), so
# the full pattern runs on those stretches alone, not on every character.
CHUNK_RE = regex.compile(r"\S++")
SUSPECT_RE = regex.compile(r"[@/\\]|[\w)]\.[\w(]")
INLINE_CODE_RE = regex.compile(r"`[^`\n]{0,200}`")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in INLINE_CODE_RE.finditer(text)] if "`" in text else []
    search = SUSPECT_RE.search
    for chunk in CHUNK_RE.finditer(text):
        start, end = chunk.span()
        if end - start > 2 and search(text, start, end):
            spans.extend(m.span() for m in PROTECTED_RE.finditer(text, start, end))
    return merge(spans)


SENTENCE_END = frozenset(".!?:;…")
OPENERS = frozenset("“\"‘«‹([{—–-*•")
CLOSERS = frozenset("”\"’»›)]}")
HEADING_MAX_WORDS = 12
CAPS_MIN_LETTERS = 12
CAPS_SHARE = 0.7


@dataclass
class Document:
    """The analysed text. Built once per repair; detectors only read it."""

    text: str
    regions: Regions = field(default_factory=Regions)
    tokens: list[Token] = field(init=False)
    protected: list[tuple[int, int]] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [
            Token(w, m.start(), m.end(), i, w[0].isalnum())
            for i, m in enumerate(TOKEN_RE.finditer(self.text))
            for w in (m.group(),)
        ]
        found = _protected_spans(self.text)
        self.protected = merge(found + list(self.regions.protected)) if self.regions.protected else found
        self._protected_starts = [s for s, _ in self.protected]
        self._markup_starts = [s for s, _ in self.regions.protected]
        self._phrase_counts: dict[str, int] = {}
        self._caps_lines: dict[int, bool] = {}

    # -- regions -----------------------------------------------------------
    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a protected region.

        An empty span (an insertion) is protected when it falls strictly inside one.
        """
        i = bisect.bisect_right(self._protected_starts, max(start, end - 1)) - 1
        if i < 0:
            return False
        p_start, p_end = self.protected[i]
        # Regions are sorted and disjoint: only the last one starting before
        # ``end`` can reach into the span.
        return p_end > start if end > start else p_start < start < p_end

    def in_markup(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps code, a link target or another span the markup protects.

        Stricter than :meth:`is_protected` only in what it ignores: a name
        that looks like a file name is still text to decode.
        """
        spans = self.regions.protected
        i = bisect.bisect_right(self._markup_starts, max(start, end - 1)) - 1
        return i >= 0 and spans[i][1] > start

    # -- positions ---------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def line_span(self, offset: int) -> tuple[int, int]:
        """The ``[start, end)`` of the line holding ``offset`` (without its newline)."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        """Start offsets of lines that read like headings or titles, not prose.

        A heading ends without sentence punctuation and is short, or starts
        with ``#``. Random capitals are expected there.
        """
        heads = set()
        for h_start, h_end in self.regions.headings:
            i = bisect.bisect_right(self._line_starts, h_start) - 1
            while i < len(self._line_starts) and self._line_starts[i] < h_end:
                heads.add(self._line_starts[i])
                i += 1
        for start in self._line_starts:
            end = self.text.find("\n", start)
            line = self.text[start : len(self.text) if end == -1 else end].strip()
            if not line:
                continue
            if line.startswith("#") or (
                line[-1] not in ".!?:;,”\"’»)" and len(line.split()) <= HEADING_MAX_WORDS
            ):
                heads.add(start)
        return frozenset(heads)

    def in_capitals(self, offset: int) -> bool:
        """True when the line holding ``offset`` is written mostly in capitals (memoised per line)."""
        start, end = self.line_span(offset)
        if start not in self._caps_lines:
            letters = [ch for ch in self.text[start:end] if ch.isalpha()]
            upper = sum(ch.isupper() for ch in letters)
            self._caps_lines[start] = len(letters) > CAPS_MIN_LETTERS and upper > CAPS_SHARE * len(letters)
        return self._caps_lines[start]

    def in_heading(self, offset: int) -> bool:
        return self.line_span(offset)[0] in self.heading_lines

    def is_sentence_start(self, token: Token) -> bool:
        """True where a capital letter is expected or allowed at ``token``.

        Sentence starts, line starts (wrapped text and lists make a line start
        ambiguous), and the first word after an opening quote, bracket or dash.
        """
        if token.index == 0:
            return True
        prev = self.tokens[token.index - 1]
        gap = self.text[prev.end : token.start]
        if "\n" in gap:
            return True
        if prev.text in SENTENCE_END or prev.text in OPENERS:
            return True
        if prev.text in CLOSERS and token.index >= 2:
            before = self.tokens[token.index - 2].text
            return before in SENTENCE_END or before in CLOSERS
        return False

    def prev_word(self, token: Token) -> Token | None:
        """The word just before ``token`` in the same clause (no punctuation between)."""
        if token.index == 0:
            return None
        prev = self.tokens[token.index - 1]
        return prev if prev.is_word else None

    def next_word(self, token: Token) -> Token | None:
        if token.index + 1 >= len(self.tokens):
            return None
        nxt = self.tokens[token.index + 1]
        return nxt if nxt.is_word else None

    # -- counts ------------------------------------------------------------
    @cached_property
    def form_counts(self) -> Counter[str]:
        """How often each exact word form occurs in the document."""
        return Counter(t.text for t in self.tokens if t.is_word)

    @cached_property
    def lower_counts(self) -> Counter[str]:
        return Counter(t.text.lower() for t in self.tokens if t.is_word)

    def count_phrase(self, phrase: str) -> int:
        """Occurrences of ``phrase`` as written, on word boundaries (memoised)."""
        if phrase not in self._phrase_counts:
            pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + r"(?![\p{L}\p{N}])")
            self._phrase_counts[phrase] = sum(1 for _ in pattern.finditer(self.text)) if phrase else 0
        return self._phrase_counts[phrase]

    def words(self) -> Iterable[Token]:
        return (t for t in self.tokens if t.is_word)
