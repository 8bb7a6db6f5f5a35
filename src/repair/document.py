"""One pass over the text: tokens, protected regions, sentence positions, counts.

Every detector reads the same :class:`Document`, so the text is tokenised
once. Protected regions (URLs, e-mail addresses, paths, file and domain names,
version numbers, inline code) are found here so that no detector edits them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, compress, count, islice
from operator import eq, itemgetter

import regex

from .fast_re import ByFirstChar, Lazy, Twin
from .markup import Regions, merge
from .memo import per_text
from .model import Token, line_starts
from .settings import setting
from .spans import SpanArray

TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\p{N}]")
SCREEN_RE = Twin(r"\n|" + TOKEN_RE.pattern)  # tokens, and line breaks to count lines by (every text, so the faster engine)
TOKENS_RE = Twin(TOKEN_RE.pattern)  # the same, for the spans a document tokenises (a docs page's are many)
MATCH = type(TOKEN_RE.match("a"))  # the match types, whose methods map() can call
RE_MATCH = type(re.match("a", "a"))
NEW_TOKEN = functools.partial(tuple.__new__, Token)  # a Token from a tuple of its fields, at C speed
TOKEN_BLOCK = 4096

# Spans no detector may touch. Every alternative starts only where a token
# starts (the look-behinds) and has no nested quantifiers, so the pattern is
# linear even on a megabyte without a space. A Twin: on a docs page, full of
# URLs and paths, ``re`` reads the suspect stretches three times faster (its
# translation needs Python 3.11's possessive quantifiers; 3.10 runs ``regex``).
PROTECTED_RE = Twin(
    r"``[^`\n]{1,200}``"  # inline literals (reStructuredText)
    r"|`[^`\n]{0,200}`"  # inline code
    r'|(?<![\w.+-])(?:https?|ftp)://[^\s<>()\[\]"“”]+'  # URLs
    r'|(?<![\w.+-])www\.[^\s<>()\[\]"“”]+'
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"  # e-mail addresses
    r"|(?<![\w./-])[\w.-]*+/[\w./-]*+"  # paths: a/b, ./x.md
    r"|(?<![\w\\])\w++\\[\w\\.-]++"  # windows paths
    r"|(?<![\w.])(?:\p{L}\.){2,}+"  # abbreviations: U.S., e.g.
    r"|(?<![\w.-])\p{L}[\w-]*+(?:\.[\p{Ll}\d][\w-]*+)+"  # file and domain names: Node.js
    r"|(?<![\w.-])\p{L}\w*+(?:\.\w++)+(?=\()"  # calls: term.Terminal()
    r"|(?<![\w.])v?\d++(?:\.\d++)+\w*+"  # version numbers
)

# Only stretches of non-space text holding one of these can be protected
# (a backtick, "://", "@", a slash, or a dot between letters or digits), so
# the full pattern runs on those stretches alone, found at C speed (one
# pattern per first character: four times faster than a class of four).
SUSPECT_RE = ByFirstChar({".": r"\.(?<=[\w)]\.)(?=[\w(])", "@": "@", "/": "/", "\\": r"\\"})
INLINE_CODE_RE = Lazy(r"``[^`\n]{1,200}``|`[^`\n]{0,200}`")
DOCTEST_RE = Lazy(r"(?m)^[ \t]*>>>[ \t][^\n]*")  # an interpreter session's input lines
SPACE_RE = Lazy(r"\s")
ALNUM_RUN_RE = Twin(r"[\p{L}\p{N}]+")  # the units count_phrase's word boundaries delimit (a long document's every run: the faster engine)
PHRASE_SCANS = 16  # phrases a document counts by searching its text before it indexes its runs
LAST_SPACE_RE = Lazy(r"(?r)\s")


def _tokens(matches: Iterator, match_type: type = MATCH) -> list[Token]:
    """The tokens of ``matches`` (of ``match_type``: ``regex``'s or ``re``'s), built by
    C-level passes over blocks of them (a document can hold millions of tokens; match
    objects are kept a block at a time)."""
    tokens: list[Token] = []
    index = count()
    group, start, end = match_type.group, match_type.start, match_type.end
    while block := list(islice(matches, TOKEN_BLOCK)):
        words = list(map(group, block))
        is_word = map(str.isalnum, map(itemgetter(0), words))
        # ``words`` first: zip stops there, before taking an index it will not use
        tokens += map(NEW_TOKEN, zip(words, map(start, block), map(end, block), index, is_word))
    return tokens


def line_breaks(forms: list[str]) -> list[int]:
    """The indices of the line breaks ("\\n") among token ``forms``, found by list.index
    (a C-level scan, twice as fast as testing every form)."""
    found: list[int] = []
    i = -1
    index = forms.index
    try:
        while True:
            i = index("\n", i + 1)
            found.append(i)
    except ValueError:
        return found


@per_text(2)  # the screen, then the document, ask about the same text
def protected_spans(text: str, blocks: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of ``text`` that look like code, addresses, paths, names of files or versions.

    ``blocks``: sorted, disjoint spans of whole lines protected already (the
    Markdown parse's code and HTML blocks, :attr:`Regions.blocks`). They are
    not searched, and are among the spans returned.

    Shared between callers: do not change the list.
    """
    return protected_spans_within(text, 0, len(text), blocks)


def protected_spans_within(text: str, start: int, end: int, blocks: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The protected spans of ``text`` between ``start`` and ``end``, which must be line boundaries.

    No protected span crosses a line break (every pattern stops at one), so
    the spans of a text are those of each of its lines, and a line inside
    ``blocks`` (see :func:`protected_spans`) need not be read: the block
    covers whatever would be found there.
    """
    if not blocks:
        return _search(text, start, end)
    spans: list[tuple[int, int]] = []
    pos = start
    for block_start, block_end in blocks:
        if block_end <= pos:
            continue
        if block_start >= end:
            break
        if block_start > pos:
            spans += _search(text, pos, block_start)
        spans.append((max(block_start, start), min(block_end, end)))
        pos = block_end
    if pos < end:
        spans += _search(text, pos, end)
    return merge(spans)


def _search(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`protected_spans_within`, every line read."""
    spans = list(map(MATCH.span, INLINE_CODE_RE.finditer(text, start, end))) if text.find("`", start, end) >= 0 else []
    spans += _doctest_lines(text, start, end)
    done = start  # the end of the last stretch read: later suspects inside it are read already
    protected = PROTECTED_RE.engine(text)
    span = RE_MATCH.span if isinstance(protected, re.Pattern) else MATCH.span
    for pos in _suspect_places(text, start, end):
        if pos < done:
            continue
        before = LAST_SPACE_RE.search(text, start, pos)
        after = SPACE_RE.search(text, pos, end)
        stretch_start = before.end() if before else start
        done = after.start() if after else end
        if done - stretch_start > 2:
            spans += map(span, protected.finditer(text, stretch_start, done))  # (no generator frame)
    return merge(spans)


def _doctest_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of :data:`DOCTEST_RE` between ``start`` and ``end`` (line boundaries): the
    lines holding ">>>" are found with str.find, and only their starts tried (the pattern
    tried at every line start of a long text cost 5 ms per MB)."""
    spans: list[tuple[int, int]] = []
    pos = text.find(">>>", start, end)
    while pos >= 0:
        line_start = max(start, text.rfind("\n", 0, pos) + 1)
        m = DOCTEST_RE.match(text, line_start, end)
        line_end = text.find("\n", pos, end)
        if m:
            spans.append(m.span())
        if line_end < 0:
            break
        pos = text.find(">>>", line_end, end)
    return spans


def _suspect_places(text: str, start: int, end: int) -> list[int]:
    """Where, between ``start`` and ``end``, a protected span may be (see :data:`SUSPECT_RE`), in order."""
    return list(map(MATCH.start, SUSPECT_RE.finditer(text, start, end)))


CAPITAL_AFTER_WORD_RE = Lazy(r"(?<=[\p{L}\p{M}\p{N},][ \t]+)\p{Lu}[\p{L}\p{M}\p{N}]*+(?:['’][\p{L}\p{M}]+)*+")

SENTENCE_END = frozenset(".!?:;…")
OPENERS = frozenset("“\"‘«‹([{—–-*•")
CLOSERS = frozenset("”\"’»›)]}")
HEADING_MAX_WORDS = setting("document", "heading-max-words")
CAPS_MIN_LETTERS = setting("document", "caps-min-letters")
CAPS_SHARE = setting("document", "caps-share")


@dataclass(frozen=True)
class Screening:
    """What the screen found in a text: where to tokenise, and every token form's count.

    ``cores`` are where a token detector's suspect may stand; ``spans`` the
    same with some text either side for context (None: everywhere). A
    suspect of a token detector outside the cores comes from a context cut
    short, and is dropped; so is any suspect outside ``region``, the lines a
    later pass is asked to read (also where text-searching detectors look).
    ``forms`` is the text's token sequence, a line break as "\\n" (None: not
    listed, on a later pass); ``counts`` their counts. ``protected``: the
    text's protected spans, if the screen found them; ``memo``: what the
    gates computed for the detectors (their :class:`Context` starts with it).
    """

    spans: list[tuple[int, int]] | None = None
    cores: list[tuple[int, int]] | None = None
    forms: list[str] | None = None
    region: list[tuple[int, int]] | None = None
    counts: Counter[str] | None = None
    protected: list[tuple[int, int]] | None = None
    memo: dict = field(default_factory=dict)

    def keeps(self, start: int, end: int, on_tokens: bool) -> bool:
        """False for a suspect at ``[start, end)`` outside the region, or outside every core
        if it stands on tokens (``on_tokens``)."""
        if self.region is not None and not _meets(self.region, start, end):
            return False
        return self.cores is None or not on_tokens or _meets(self.cores, start, end)


UNSCREENED = Screening()


def _meets(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` (or the point ``start``) meets one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (start, start)) - 1  # the last span starting at or before ``start``
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < max(end, start + 1)


class Protection:
    """A text's protected spans (URLs, file names, inline code), found only if asked.

    No token detector flags inside them, so the screen need not read a line
    for a suspect there.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None, blocks: tuple[tuple[int, int], ...] = ()) -> None:
        self.text = text
        self._spans = spans  # None: not searched for yet
        self.blocks = blocks  # whole lines the markup protects (see protected_spans)

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = protected_spans(self.text, self.blocks)
        return self._spans

    @property
    def found(self) -> list[tuple[int, int]] | None:
        """The spans, if something asked for them (so the document need not search again)."""
        return self._spans

    def touches(self, start: int, end: int) -> bool:
        return _meets(self.spans, start, end)

    def holds(self, start: int, end: int) -> bool:
        spans = self.spans
        i = bisect.bisect_right(spans, (start, len(self.text) + 1)) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


class TextFacts:
    """What is counted over a whole text, whichever part of it a :class:`Document` reads.

    A huge text is read a chunk at a time (see ``Repairer._pass``), each
    chunk by its own Document; they share one TextFacts, so that a count over
    the text is made once per pass, not once per chunk, and every chunk sees
    the whole text's counts, as a whole-text reading would. Counts over a long
    text are made a piece at a time: a list of every match of a 200 MB text
    would take gigabytes.
    """

    PIECE = 1_000_000  # characters counted at a time, about (cut after a line break)

    def __init__(self, text: str) -> None:
        self.text = text
        self.phrase_counts: dict[str, int] = {}
        self.capital_memo: dict[str, int] = {}
        self.memo: dict = {}  # evidence over the whole text, by key (see detectors.evidence)

    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    @cached_property
    def capital_counts(self) -> Counter[str]:
        return self.count(CAPITAL_AFTER_WORD_RE)

    @cached_property
    def alnum_runs(self) -> Counter[str]:
        return self.count(ALNUM_RUN_RE)

    def count(self, pattern) -> Counter[str]:
        """Every match of ``pattern`` (one that never crosses a line break) in the text, counted."""
        text = self.text
        counts: Counter[str] = Counter()
        for start, end in pieces(text, self.PIECE):
            counts.update(pattern.findall(text, start, end))
        return counts


def pieces(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``text`` as consecutive spans of about ``size`` characters, each ending after a line break
    (or at the end): a pattern that never crosses a line break matches within one."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size)
        end = len(text) if cut == -1 else cut + 1
        yield start, end
        start = end


@dataclass
class Document:
    """The analysed text. Built once per repair; detectors only read it.

    ``screening`` says which spans to tokenise (what the screen chose; by
    default everywhere); counts and protected regions always cover the
    whole text, and ``scan`` (the screening's region) limits where detectors
    that search the text look (a later pass reads only the lines the last
    one changed).
    """

    text: str
    regions: Regions = field(default_factory=Regions)
    screening: Screening = UNSCREENED
    facts: TextFacts | None = None  # shared with the other parts of a text read in chunks
    tokens: list[Token] = field(init=False)

    def __post_init__(self) -> None:
        text = self.text
        spans = self.screening.spans
        pattern = TOKENS_RE.engine(text)
        if spans is None:
            matches = pattern.finditer(text)
        else:
            # chained at C speed: a generator yielding each match costs a frame switch per token
            matches = chain.from_iterable(pattern.finditer(text, start, end) for start, end in spans)
        self.tokens = _tokens(matches, RE_MATCH if isinstance(pattern, re.Pattern) else MATCH)
        if self.facts is None:
            self.facts = TextFacts(text)
        markup = self.regions.protected
        self._markup_starts = self._shared("markup_starts", lambda: [s for s, _ in markup]) if markup else []
        self._phrase_counts = self.facts.phrase_counts
        self._capital_counts = self.facts.capital_memo
        self._caps_lines: dict[int, bool] = {}
        self._heading_lines: dict[int, bool] = {}
        self._line_places: dict[tuple[int, str, bool], list[int]] = {}

    @property
    def cores(self) -> list[tuple[int, int]] | None:
        """Where tokens have all their context (None: everywhere)."""
        return self.screening.cores

    @property
    def scan(self) -> list[tuple[int, int]] | None:
        """Where detectors that search the text look (None: everywhere; see :attr:`scan_spans`)."""
        return self.screening.region

    @property
    def forms(self) -> list[str] | None:
        """The text's token forms, line breaks as "\\n", if the screen listed them."""
        return self.screening.forms

    @classmethod
    def lone(cls, text: str) -> Document:
        """``text`` standing alone, nothing protected: how the screen asks a detector about a word."""
        doc = cls(text)
        doc.protected, doc._protected_starts = [], []  # set before first use, so never computed
        return doc

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        """Sorted, disjoint spans no detector may edit: the markup's and those found in the text."""

        def merged() -> list[tuple[int, int]]:
            found = self.screening.protected if self.screening.protected is not None else protected_spans(self.text, self.regions.blocks)
            return merge(found + list(self.regions.protected)) if self.regions.protected else found

        return self._shared("protected", merged)

    @cached_property
    def _protected_starts(self) -> list[int]:
        protected = self.protected
        if isinstance(protected, SpanArray):
            return protected.starts  # (a huge text's: no list of every start)
        return self._shared("protected_starts", lambda: [s for s, _ in protected])

    def _shared(self, name: str, make):
        """``make()``, made once for all the parts of a text read in chunks: they share
        their facts, markup regions and protected spans, and lists over the whole text
        made once per part would cost time and memory in proportion to the text each."""
        key = (name, id(self.regions), id(self.screening.protected))
        memo = self.facts.memo
        if key not in memo:
            memo[key] = (self.regions, self.screening.protected, make())  # (held: their ids stay theirs)
        return memo[key][2]

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
        return self.facts.line_starts

    def line_span(self, offset: int) -> tuple[int, int]:
        """The ``[start, end)`` of the line holding ``offset`` (without its newline)."""
        starts = self._line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def in_heading(self, offset: int) -> bool:
        """True when the line holding ``offset`` reads like a heading or title, not prose (memoised per line).

        A heading ends without sentence punctuation and is short, or starts
        with ``#``, or the markup says so. Random capitals are expected there.
        """
        start, end = self.line_span(offset)
        known = self._heading_lines.get(start)
        if known is None:
            line = self.text[start:end].strip()
            heads = self.regions.headings
            i = bisect.bisect_right(heads, (end, end)) - 1
            known = bool(line) and (
                (i >= 0 and heads[i][1] > start)
                or line.startswith("#")
                or (line[-1] not in ".!?:;,”\"’»)" and len(line.split()) <= HEADING_MAX_WORDS)
            )
            self._heading_lines[start] = known
        return known

    def in_capitals(self, offset: int) -> bool:
        """True when the line holding ``offset`` is written mostly in capitals (memoised per line)."""
        start, end = self.line_span(offset)
        if start not in self._caps_lines:
            line = self.text[start:end]
            letters = sum(map(str.isalpha, line))  # (C-level passes: a line may be a megabyte long)
            upper = sum(map(str.isupper, filter(str.isalpha, line)))
            self._caps_lines[start] = letters > CAPS_MIN_LETTERS and upper > CAPS_SHARE * letters
        return self._caps_lines[start]

    def line_places(self, offset: int, mark: str, overlapping: bool = True) -> list[int]:
        """Where ``mark`` stands on the line holding ``offset``, in order (memoised per line).

        ``overlapping=False`` gives the matches ``str.count`` counts (left to
        right, none overlapping). A test of what stands before or after a token
        on its line then costs a bisect, not a scan or a copy of the line: on a
        megabyte line (a JSON Lines record), per-token scans made a repair quadratic.
        """
        start, end = self.line_span(offset)
        key = (start, mark, overlapping)
        places = self._line_places.get(key)
        if places is None:
            places, find, step = [], self.text.find, 1 if overlapping else len(mark)
            pos = find(mark, start, end)
            while pos >= 0:
                places.append(pos)
                pos = find(mark, pos + step, end)
            self._line_places[key] = places
        return places

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

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's text in lower case, in order (made once: several detectors read them all)."""
        return list(map(str.lower, map(itemgetter(0), self.tokens)))

    # -- counts ------------------------------------------------------------
    @cached_property
    def form_counts(self) -> Counter[str]:
        """How often each exact token form occurs in the whole document (ask it about words;
        it counts the other tokens too, since filtering them out would cost a pass over every form)."""
        if self.screening.counts is not None:
            return self.screening.counts
        return Counter(self.forms if self.forms is not None else TOKEN_RE.findall(self.text))

    @cached_property
    def word_count(self) -> int:
        counts = self.form_counts
        return sum(compress(counts.values(), map(str.isalnum, map(itemgetter(0), counts))))  # words start with a letter or digit

    @cached_property
    def capital_counts(self) -> Counter[str]:
        """Capitalised words that follow a word or a comma on the same line, counted.

        A word capitalised so more than once is a house style ("every State").
        """
        return self.facts.capital_counts

    def capital_count(self, word: str) -> int:
        """``capital_counts[word]`` for one capitalised token form (memoised).

        The first few words are counted by searching the text for each (its
        letters are searched for at C speed); a document asked about more
        counts every capital after a word once, so the cost stays linear.
        """
        known = self._capital_counts.get(word)
        if known is None:
            if len(self._capital_counts) >= PHRASE_SCANS:
                known = self.capital_counts[word]
            else:
                # the token ends where CAPITAL_AFTER_WORD_RE's would: no letter (nor digit, before
                # any apostrophe) and no apostrophe before a letter follows it
                letters = r"[\p{L}\p{M}]" if "'" in word or "’" in word else r"[\p{L}\p{M}\p{N}]"
                pattern = regex.compile(r"(?<=[\p{L}\p{M}\p{N},][ \t]+)" + regex.escape(word) + rf"(?!{letters}|['’][\p{{L}}\p{{M}}])")
                known = sum(1 for _ in pattern.finditer(self.text))
            self._capital_counts[word] = known
        return known

    def in_core(self, offset: int) -> bool:
        """True when the token at ``offset`` has all the context it would have in the whole text.

        Tokens in the margins around the screen's cores do not: statistics
        over tokens count only the others.
        """
        if self.cores is None:
            return True
        i = bisect.bisect_right(self.cores, (offset, len(self.text) + 1)) - 1
        return i >= 0 and self.cores[i][0] <= offset < self.cores[i][1]

    @property
    def scan_spans(self) -> list[tuple[int, int]]:
        """Where detectors that search the text look: ``scan``, or everywhere."""
        return self.scan if self.scan is not None else [(0, len(self.text))]

    @cached_property
    def repeat_lines(self) -> list[tuple[int, int]]:
        """Spans of the lines where a token follows one equal to it ignoring case ("the the").

        Found with C-level passes over the token forms, so that the search
        for doubled words reads only these lines (or given by the screen).
        """
        lines: set[int] = set()
        for start, end in self.scan_spans:
            if self.forms is not None and self.scan is None:
                forms = self.forms
            else:
                forms = SCREEN_RE.findall(self.text, start, end)
            folded = list(map(str.casefold, forms))
            hits = [i for i in compress(count(1), map(eq, folded, islice(folded, 1, None))) if folded[i][0].isalpha()]
            if hits:
                first = bisect.bisect_right(self._line_starts, start) - 1
                breaks = line_breaks(forms)
                lines.update(first + bisect.bisect_left(breaks, i) for i in hits)
        return [self.line_span(self._line_starts[line]) for line in sorted(lines)]

    def count_phrase(self, phrase: str) -> int:
        """Occurrences of ``phrase`` as written, on word boundaries (memoised).

        The first few phrases are counted by searching the text; a document
        asked about more (a page of names) counts its runs of letters and
        digits once, which answers a one-word phrase outright and rules out
        any phrase with a word the text lacks, so the cost stays linear.
        """
        known = self._phrase_counts.get(phrase)
        if known is None:
            known = self._phrase_counts[phrase] = self._count_phrase(phrase)
        return known

    def _count_phrase(self, phrase: str) -> int:
        if not phrase:
            return 0
        if len(self._phrase_counts) >= PHRASE_SCANS:
            # every maximal letter-and-digit run of an occurrence is one of the text's
            words = ALNUM_RUN_RE.findall(phrase)
            runs = self._alnum_runs
            if any(runs[word] == 0 for word in words):
                return 0
            if len(words) == 1 and words[0] == phrase:
                return runs[phrase]
        if phrase not in self.text:  # most names asked about are not there: no pattern to compile
            return 0
        pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(phrase) + r"(?![\p{L}\p{N}])")
        return sum(1 for _ in pattern.finditer(self.text))

    @cached_property
    def _alnum_runs(self) -> Counter[str]:
        return self.facts.alnum_runs

    def words(self) -> Iterable[Token]:
        return (t for t in self.tokens if t.is_word)
