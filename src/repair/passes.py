"""Fold the edits of a later pass into edits on the original text.

One fix can reveal another: splitting "In depththe" exposes the known wrong
form "In depth", which a second pass then fixes. Repair runs passes until
nothing changes, so that repairing its own output changes nothing, and reports
every change against the text the caller gave: where a later edit touches an
earlier one, the two become one edit that carries both reasons. A later pass
reads only the lines the last one changed (:class:`Region`).
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from functools import cached_property
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .document import LAST_SPACE_RE, SCREEN_RE, SPACE_RE, TOKEN_RE, TOKENS_RE, TextFacts, protected_spans_within
from .fast_re import Lazy
from .markup import merge
from .model import Edit, Family, Flag, compact_line_starts, line_starts
from .spans import SpanArray
from .vocabulary import with_deletions

REACH = 12  # runs of non-space characters a window reaches either side of its change
# ... and characters, at least: the furthest a detector looks by characters (a guillemet's
# partner, 400 on; a bracket's, 300 on its line; a word before a mark, 40)
CHAR_REACH = 400
FEW_FORMS = 16  # up to this many forms, recurrences() searches for each; beyond, it reads every token
LETTER_OR_DIGIT_RE = Lazy(r"[\p{L}\p{M}\p{N}]")
RUNS_BEFORE_RE = Lazy(r"(?r)(?:\S++\s*+){1,%d}" % REACH)
RUNS_AFTER_RE = Lazy(r"(?:\s*+\S++){1,%d}" % REACH)
OPENER_LETTER_RE = Lazy(r"([(\[{])\s*(\p{L})")
LETTER_CLOSER_RE = Lazy(r"(\p{L})\s*([)\]},;:!?])")


class SourceMap:
    """Maps spans of the text ``first`` produced back onto the source, by bisection.

    Built once per pass (a walk over ``first``), then asked once per later
    edit or finding: the cost is n log n in the number of edits, where a walk
    per question was quadratic (a garbled 4 MB text has 100,000 edits).
    """

    def __init__(self, first: Sequence[Edit]) -> None:
        self.edits = first
        self.out_starts: list[int] = []
        self.out_ends: list[int] = []
        self.deltas: list[int] = []  # how far the edits before each one moved the text
        delta = 0
        for edit in first:
            out_start = edit.start + delta
            self.out_starts.append(out_start)
            self.out_ends.append(out_start + len(edit.after))
            self.deltas.append(delta)
            delta += len(edit.after) - (edit.end - edit.start)
        self.total = delta

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span behind ``[start, end)``; see :func:`to_source`."""
        n = len(self.edits)
        # the first edit whose output starts at or after ``start``, or holds it
        i = min(bisect.bisect_left(self.out_starts, start), bisect.bisect_right(self.out_ends, start))
        if i == n:
            src_start = start - self.total
        elif start <= self.out_starts[i]:
            src_start = start - self.deltas[i]
        else:
            src_start = self.edits[i].start
        # the first edit whose output ends at or after ``end``
        j = bisect.bisect_left(self.out_ends, end)
        if j == n:
            src_end = end - self.total
        elif end <= self.out_starts[j]:
            src_end = end - self.deltas[j]
        else:
            src_end = self.edits[j].end
        return src_start, max(src_start, src_end)


def to_source(first: Sequence[Edit], start: int, end: int) -> tuple[int, int]:
    """The source span behind ``[start, end)`` of the text ``first`` produced.

    A span reaching into the output of an edit grows to cover the whole of
    that edit's source span. (For many spans, build one :class:`SourceMap`.)
    """
    return SourceMap(first).to_source(start, end)


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def compose(source: str, first: Sequence[Edit], second: Sequence[Edit], final: str) -> list[Edit]:
    """Edits taking ``source`` to ``final``: ``first`` applied to ``source``, then ``second``."""
    items = [((e.start, e.end), e, True) for e in first]
    mapped = SourceMap(first)
    items += [(mapped.to_source(e.start, e.end), e, False) for e in second]
    items.sort(key=lambda item: item[0])
    groups: list[tuple[list[int], list[Edit], bool]] = []  # [start, end], members, any second-pass member
    for span, edit, is_first in items:
        if groups and _touch(tuple(groups[-1][0]), span):
            bounds, members, later = groups[-1]
            bounds[0], bounds[1] = min(bounds[0], span[0]), max(bounds[1], span[1])
            members.append(edit)
            groups[-1] = (bounds, members, later or not is_first)
        else:
            groups.append(([span[0], span[1]], [edit], not is_first))
    first_set = {id(e) for e in first}
    out: list[Edit] = []
    shift = 0  # how far the groups so far moved the text, from source to final
    for (start, end), members, later in groups:
        length = end - start + sum(len(m.after) - (m.end - m.start) for m in members)
        after = final[start + shift : start + shift + length]
        shift += length - (end - start)
        if not later and len(members) == 1:
            out.append(members[0])
            continue
        ordered = [m for m in members if id(m) in first_set] + [m for m in members if id(m) not in first_set]
        reason = "; then ".join(dict.fromkeys(m.reason for m in ordered))
        confidence = min(m.confidence for m in members)
        out.append(Edit(start, end, source[start:end], after, ordered[-1].kind, confidence, reason))
    return out


def place_findings(first: Sequence[Edit], findings: Sequence[Flag], source: str) -> list[Flag]:
    """A later pass's findings, placed on the source text."""
    mapped = SourceMap(first)
    out = []
    for f in findings:
        start, end = mapped.to_source(f.start, f.end)
        out.append(Flag(start, end, source[start:end], f.suggestion, f.kind, f.confidence, f.reason))
    return out


def output_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where sorted, disjoint ``edits`` put their replacements in the text they produce."""
    spans = []
    delta = 0
    for edit in edits:
        start = edit.start + delta
        spans.append((start, start + len(edit.after)))
        delta += len(edit.after) - (edit.end - edit.start)
    return spans


@dataclass(frozen=True)
class Region:
    """What a later pass reads: the lines the last pass changed and their neighbours,
    and, when asked, a window of words round each change.

    ``before`` is the text the last pass read and ``counts`` its token
    counts; while the edits keep every line (no line break added or
    removed), line numbers match in both texts, so the counts are brought
    up to date by recounting these lines alone.

    ``windows`` (spans of the text after the edits) and ``old_windows`` (the
    same stretches of ``before``) are read besides the lines: each reaches
    ``REACH`` runs of non-space characters either side of its change (the
    detectors look at most 8 tokens away, as the screen's margin assumes, and
    the screen tokenises a margin beyond it) and at least ``CHAR_REACH``
    characters (what the detectors that look by characters reach), so every
    word whose context meets a change is read with all its context, across a
    blank line or a short one. A window starts and ends at a run's edge, so it cuts no
    token, and outside the changes it is the same text in both, so the
    counts are recounted on the windows alone; it takes in the whole of a
    line holding a backtick or ">>>" (where a protected span may hold spaces).
    The pass that may settle a text in its region reads so (see
    ``Repairer._settles_in_region``).

    A later pass over a text read as OCR reads so too, with windows also round
    the words the edits may have moved (see ``Repairer._ocr_region``).
    """

    lines: frozenset[int]
    before: str
    counts: Counter[str]
    protected: list[tuple[int, int]] | None = None  # the protected spans of ``before``, if the last pass found them
    starts: list[int] | None = None  # the line starts of ``before``, if known
    windows: tuple[tuple[int, int], ...] = ()  # stretches of long lines of the text after the edits
    old_windows: tuple[tuple[int, int], ...] = ()  # the same stretches of ``before``
    whole: bool = False  # True when the lines are every line of the text after the edits

    @classmethod
    def part(cls, text: str, lines: Iterable[int], counts: Counter[str], protected: list[tuple[int, int]], starts: list[int]) -> Region:
        """``lines`` of ``text`` itself, whose counts, protected spans and line starts are
        known: how a huge text is read a chunk at a time."""
        return cls(frozenset(lines), text, counts, protected, starts)

    @cached_property
    def before_starts(self) -> array:
        """The line starts of ``before`` (found once: a recount and the protected spans both need them)."""
        return self.starts if self.starts is not None else compact_line_starts(self.before)

    def line_starts(self, text: str) -> list[int]:
        """The line starts of ``text`` (known already when it is ``before``)."""
        return self.starts if self.starts is not None and text is self.before else line_starts(text)

    @classmethod
    def around(
        cls,
        before: str,
        counts: Counter[str],
        after: str,
        changed: list[tuple[int, int]],
        protected: list[tuple[int, int]] | None = None,
        edits: Sequence[Edit] | None = None,
        line_limit: int | None = None,
        also: Sequence[tuple[int, int]] = (),
    ) -> Region:
        """The region of ``after`` round the ``changed`` spans (in ``after``).

        ``edits``: the edits of ``before`` that made ``after`` (``changed`` are
        spans in ``after``, theirs and any others to read round); given, each
        change is read as its lines and a window, so that the region holds every
        word within ``REACH`` runs of it. ``line_limit``: lines longer than this
        are read only by the windows (a page of OCR on one line is not read whole).
        ``also``: spans of ``after`` the text did not change whose words are to be
        read again, with ``REACH`` runs either side (with ``edits`` only).
        """
        starts = compact_line_starts(after)
        lines: set[int] = set()
        windows: list[tuple[int, int]] = []
        size = len(after)
        spaced: dict[int, bool] = {}  # (see _window)
        for start, end in changed:
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, end) - 1
            near = range(max(0, first - 1), min(len(starts), last + 2))
            if line_limit is None:
                lines.update(near)
            else:
                lines.update(i for i in near if (starts[i + 1] if i + 1 < len(starts) else size) - starts[i] <= line_limit)
            if edits is not None:
                windows.append(_window(after, starts, start, end, spaced))
        if edits is not None:
            windows += (_window(after, starts, start, end, spaced, 0) for start, end in also)
        if not windows:
            return cls(frozenset(lines), before, counts, protected, whole=len(lines) == len(starts))
        merged = merge(windows)
        mapped = SourceMap(edits)
        old = tuple(mapped.to_source(start, end) for start, end in merged)
        return cls(frozenset(lines), before, counts, protected, windows=tuple(merged), old_windows=old, whole=len(lines) == len(starts))

    def protected_spans(self, text: str, starts: list[int]) -> list[tuple[int, int]] | None:
        """The protected spans of ``text``, or None when they must be searched for afresh.

        Outside the region the text is the last pass's (checked), so its spans
        are carried over, moved by what the edits before them added or took;
        inside, they are searched for (no protected span crosses a line break).
        """
        if self.protected is None or text is self.before:
            return self.protected
        before_starts = self.before_starts
        if len(before_starts) != len(starts):
            return None
        old, new = self.spans(self.before, before_starts), self.spans(text, starts)
        # the stretches between region spans must be the same text in both
        both = unchanged_gaps(self.before, old, text, new)
        if both is None:
            return None
        gaps_old, gaps_new = both

        def kept() -> Iterator[tuple[int, int]]:
            k = 0  # the gap a span of ``before`` lies in
            for start, end in self.protected:
                while gaps_old[k][1] < end:
                    k += 1
                if start >= gaps_old[k][0]:
                    shift = gaps_new[k][0] - gaps_old[k][0]
                    yield start + shift, end + shift

        found = [span for start, end in new for span in protected_spans_within(text, start, end)]
        if isinstance(self.protected, SpanArray):  # a huge text's: kept compact
            return SpanArray(heapq.merge(kept(), found))
        return sorted([*kept(), *found])

    def spans(self, text: str, starts: list[int]) -> list[tuple[int, int]]:
        """The character spans of the region in ``text`` (``before``, or the text after the edits)."""
        spans = line_spans(text, starts, self.lines)
        if not self.windows:
            return spans
        return merge([*spans, *(self.old_windows if text is self.before else self.windows)])

    def recount(self, text: str, starts: list[int]) -> Counter[str]:
        """The token counts of ``text``."""
        if text is self.before:
            return self.counts
        if self.before.count("\n") != len(starts) - 1:
            return TextFacts(text).count(SCREEN_RE)  # lines moved: count afresh (a piece at a time)
        counts = Counter(self.counts)
        old = Counter()
        for start, end in self.spans(self.before, self.before_starts):
            old.update(SCREEN_RE.findall(self.before, start, end))
        for start, end in self.spans(text, starts):
            counts.update(SCREEN_RE.findall(text, start, end))
        counts.subtract(old)
        for form in old:
            if counts[form] <= 0:
                del counts[form]
        return counts


SPACED_OPENERS = "([{"  # a stray space after one of these, before a letter ...
SPACED_CLOSERS = ")]},;:!?"  # ... or after a letter, before one of these


def joined_pair(text: str, edit: Edit) -> str | None:
    """The two characters ``edit`` of ``text`` brings together, lower-cased, when it deletes
    one space between an opening bracket and a letter, or between a letter and a closing
    bracket or one of ``,;:!?``; else None. (See ``Repairer._settles_in_region``.)

    >>> joined_pair("go ( Over", Edit(4, 5, " ", "", Family.PUNCTUATION, 1.0, "")), joined_pair("a b", Edit(1, 2, " ", "", Family.PUNCTUATION, 1.0, ""))
    ('(o', None)
    """
    if edit.before != " " or edit.after or edit.start == 0 or edit.end >= len(text):
        return None
    left, right = text[edit.start - 1], text[edit.end]
    if left in SPACED_OPENERS and right.isalpha():
        return left + right.lower()
    if left.isalpha() and right in SPACED_CLOSERS:
        return left.lower() + right
    return None


@dataclass(frozen=True)
class SearchedForms:
    """The forms a Repairer searches a whole text for (lexicon names and aliases, never-touch
    and kept words) that hold an opening bracket before a letter or a letter before a
    closing bracket or mark: what a deleted stray space could make more or fewer of.

    ``by_pair``: such forms, lower-cased, by each pair of characters :func:`joined_pair`
    could make that they hold (with or without spaces between); ``token_pairs``: their
    consecutive tokens with such a mark, lower-cased (lexicon matches go by tokens).
    """

    by_pair: dict[str, tuple[str, ...]]
    token_pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, forms: Iterable[str]) -> SearchedForms:
        """The forms of ``forms`` that hold a mark a stray space stands beside, indexed.

        >>> s = SearchedForms.of(["Zürich (Kreis 7)", "plain"])
        >>> s.by_pair, sorted(s.token_pairs)
        ({'(k': ('zürich (kreis 7)',)}, [('(', 'kreis'), ('7', ')'), ('zürich', '(')])
        """
        by_pair: dict[str, list[str]] = {}
        token_pairs: set[tuple[str, str]] = set()
        marks = set(SPACED_OPENERS + SPACED_CLOSERS)
        for form in forms:
            if marks.isdisjoint(form):
                continue
            lower = form.lower()
            for m in [*OPENER_LETTER_RE.finditer(lower), *LETTER_CLOSER_RE.finditer(lower)]:
                by_pair.setdefault(m.group(1) + m.group(2), []).append(lower)
            toks = [t for t in SCREEN_RE.findall(lower) if t != "\n"]
            token_pairs.update(pair for pair in zip(toks, toks[1:]) if marks.intersection(pair[0] + pair[1]))
        return cls({k: tuple(dict.fromkeys(v)) for k, v in by_pair.items()}, frozenset(token_pairs))

    def unmoved(self, text: str, edit: Edit) -> bool:
        """True when deleting the stray space ``edit`` of ``text`` (see :func:`joined_pair`)
        finds none of these forms more or less often: no form holding the joined pair
        stands over the space in ``text`` or over the join after it, and no form's tokens
        hold the two tokens the space stood between.

        >>> s = SearchedForms.of(["Zürich (Kreis 7)", "Foo (Over)"])
        >>> s.unmoved("go on ( under it", Edit(7, 8, " ", "", Family.PUNCTUATION, 1.0, "")), s.unmoved("foo ( Over)", Edit(5, 6, " ", "", Family.PUNCTUATION, 1.0, ""))
        (True, False)
        """
        pair = joined_pair(text, edit)
        if pair is None:
            return False
        space = LAST_SPACE_RE.search(text, 0, edit.start)
        left = TOKEN_RE.findall(text, space.end() if space else 0, edit.start)[-1]  # (tokens hold no space)
        right = TOKEN_RE.match(text, edit.end).group()
        if (left.lower(), right.lower()) in self.token_pairs:
            return False
        forms = self.by_pair.get(pair, ())
        if not forms:
            return True
        reach = max(map(len, forms))
        lo, hi = max(0, edit.start - reach), min(len(text), edit.end + reach)
        before = text[lo:hi].lower()
        after = before[: edit.start - lo] + before[edit.end - lo :]
        at = edit.start - lo  # where the space stood, and where the join is
        for form in forms:
            for near in (before, after):
                i = near.find(form)
                while 0 <= i <= at:
                    if i + len(form) >= at:
                        return False  # it stands over (or touches) the space, or the join
                    i = near.find(form, i + 1)
        return True


def recurrences(text: str, edits: Sequence[Edit], words: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` (which ``edits`` made) writes, in any case, a word an edit replaced, or
    one of ``words`` (lower case) one edit from a word an edit replaced or wrote.

    An edit moves the document's count of both words, and what the text makes of
    a word elsewhere may rest on those counts: the other "tbe" were left while the
    text wrote it often, "aul" may read as the "all" the text now writes more often.

    >>> text = "Tbe cat; the tbe; atbe aul thz"
    >>> [text[s:e] for s, e in recurrences(text, [Edit(0, 3, "tbe", "the", Family.OCR_CONTEXT, 1.0, "")], ["aul", "thz"])]
    ['Tbe', 'tbe', 'thz']
    """
    replaced = {t.lower() for e in edits for t in TOKEN_RE.findall(e.before) if t[0].isalpha()}
    forms = set(replaced)
    if words:
        written = {t.lower() for e in edits for t in TOKEN_RE.findall(e.after) if t[0].isalpha()}
        keys = set().union(*map(with_deletions, replaced | written))
        forms.update(w for w in words if not keys.isdisjoint(with_deletions(w)))
    if not forms:
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # (a character whose lower case is longer: places move)
        return [m.span() for m in TOKENS_RE.finditer(text) if m.group().lower() in forms]
    if len(forms) > FEW_FORMS:  # one scan of the tokens
        return [m.span() for m in TOKENS_RE.finditer(lowered) if m.group() in forms]
    found = []
    for form in forms:  # a search (at C speed) per form, each place checked to be a whole token
        at = lowered.find(form)
        while at >= 0:
            token = TOKEN_RE.match(lowered, at) if _token_starts(lowered, at) else None
            if token is not None and token.end() == at + len(form):
                found.append((at, token.end()))
            at = lowered.find(form, at + 1)
    return sorted(found)


def _token_starts(text: str, at: int) -> bool:
    """Whether a token of ``text`` starting with a letter may start at ``at``: no letter, mark
    or digit stands before it, nor an apostrophe after one ("don’t" is one token)."""
    if at and LETTER_OR_DIGIT_RE.match(text, at - 1):
        return False
    return not (at > 1 and text[at - 1] in "'’" and LETTER_OR_DIGIT_RE.match(text, at - 2))


def _window(text: str, starts: Sequence[int], start: int, end: int, spaced: dict[int, bool], chars: int = CHAR_REACH) -> tuple[int, int]:
    """``[start, end)`` grown by ``REACH`` runs of non-space characters either side, and
    at least ``chars`` characters (to a run's edge); an
    edge on a line holding a backtick or ">>>" (where a protected span may hold spaces)
    grown to the whole line. ``spaced``: what is known of which lines hold one (filled
    here: a page of OCR on one line has a window every few words)."""
    before = RUNS_BEFORE_RE.search(text, 0, start)
    after = RUNS_AFTER_RE.search(text, end)
    lo, hi = (before.start() if before else start), (after.end() if after else end)
    if start - lo < chars:  # at least ``chars`` characters, to a run's edge
        space = LAST_SPACE_RE.search(text, 0, max(0, start - chars))
        lo = space.end() if space else 0
    if hi - end < chars:
        space = SPACE_RE.search(text, min(len(text), end + chars))
        hi = space.start() if space else len(text)
    line = bisect.bisect_right(starts, lo) - 1
    if _spaced_line(text, starts, line, spaced):
        lo = starts[line]
    line = bisect.bisect_right(starts, hi) - 1
    if hi > starts[line] and _spaced_line(text, starts, line, spaced):
        hi = starts[line + 1] if line + 1 < len(starts) else len(text)
    return lo, hi


def _spaced_line(text: str, starts: Sequence[int], line: int, known: dict[int, bool]) -> bool:
    """True when line ``line`` of ``text`` may hold a protected span with a space in it
    (remembered in ``known``)."""
    found = known.get(line)
    if found is None:
        start, end = starts[line], starts[line + 1] if line + 1 < len(starts) else len(text)
        found = known[line] = text.find("`", start, end) >= 0 or text.find(">>>", start, end) >= 0
    return found


def unchanged_gaps(
    before: str, old: list[tuple[int, int]], after: str, new: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """The stretches of ``before`` around its sorted spans ``old`` and of ``after`` around
    ``new`` (the same spans, edited), if each stretch holds the same text in both;
    None if one differs. What a later pass reuses of an earlier one lies there."""
    gaps_old, gaps_new = _gaps(old, len(before)), _gaps(new, len(after))
    if all(_same_text(before, a, b, after, c, d) for (a, b), (c, d) in zip(gaps_old, gaps_new)):
        return gaps_old, gaps_new
    return None


def _gaps(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The stretches of a text of ``size`` characters between sorted, disjoint ``spans``."""
    ends = [0] + [e for _, e in spans]
    begins = [s for s, _ in spans] + [size]
    return list(zip(ends, begins))


def _same_text(one: str, start: int, end: int, other: str, other_start: int, other_end: int) -> bool:
    """``one[start:end] == other[other_start:other_end]``, compared a block at a time
    (slicing a whole stretch of a 50 MB text would copy it)."""
    if end - start != other_end - other_start:
        return False
    block = 1 << 16
    for i in range(start, end, block):
        j = other_start + (i - start)
        size = min(block, end - i)
        if one[i : i + size] != other[j : j + size]:
            return False
    return True


def line_spans(text: str, starts: list[int], lines: Iterable[int]) -> list[tuple[int, int]]:
    """The character spans of ``lines`` (line numbers), adjacent lines merged."""
    last = len(starts) - 1
    return merge([(starts[line], starts[line + 1] if line < last else len(text)) for line in lines])
