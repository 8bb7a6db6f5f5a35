"""The screen: which parts of a text the token detectors need to read.

Most tokens in real prose need no work at all, and building a token object
for each costs more than everything else. So before a :class:`Document` is
built, one regex pass lists the token forms (at C speed), and each distinct
form is classified once per process by the detectors' own gates (see
:mod:`repair.detectors.base`). Only the neighbourhood of each suspect the
gates find (its *core*, within its line) and a margin of context around it
are tokenised; document-wide statistics (form counts) still come from the
whole text.

The screen holds no rule of any family: it lists forms, takes the union of
the gates' answers, and grows cores and margins. It must only ever
over-select, and it does as long as every gate covers its detector
(``tests/test_gates.py``, ``python -m benchmarks.parity``). Detectors that
read the whole text themselves (``reads = "text"``) are not screened.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, filterfalse, islice, repeat
from operator import and_

import regex

from .detectors.base import ALONE, FOLD, FOLD_HASH, NEWLINE, Detector, Gate, Indices, Listing, Part, Probe
from .document import LAST_SPACE_RE, SCREEN_RE, SPACE_RE, TOKENS_RE, Protection, Screening, line_breaks
from .markup import merge
from .model import line_starts
from .passes import Region, unchanged_gaps
from .resources import Resources
from .weights import Weights

MARGIN = 12  # runs of non-space characters of context kept on each side of a core
# (the detectors look at most 8 tokens away: a name's length, the words spelling an acronym)
CHUNKS_BEFORE_RE = regex.compile(r"(?r)(?:\S++\s*+){1,%d}" % MARGIN)
CHUNKS_AFTER_RE = regex.compile(r"(?:\s*+\S++){1,%d}" % MARGIN)
MAX_CACHED = 200_000  # forms remembered per process before the memory starts over
MAX_SELECTIONS = 64  # selections of detectors whose gates are remembered


class Screen:
    """Per-process memory of what each word form can set off; one per :class:`Repairer`.

    ``detectors``: the Repairer's; a form's kind is what all their gates say of
    it, so it holds whichever of them a document selects. A suspect counts
    only if some context could lift it to ``floor`` (see :meth:`Weights.floor`):
    below it, it changes no result.
    """

    def __init__(self, resources: Resources, weights: Weights, floor: float, detectors: Sequence[Detector]) -> None:
        self.resources = resources
        self.weights = weights
        self.floor = floor
        self.detectors = tuple(detectors)
        self.probe = Probe(resources, weights, floor)
        self.classifiers = _gates(self.detectors)
        self.kinds: dict[str, int] = {"\n": NEWLINE}
        self.indices = Indices()
        self._gate_lists: dict[tuple, list[Gate]] = {}

    def screen(
        self,
        text: str,
        detectors: Sequence[Detector],
        exhaustive: bool = False,
        region: Region | None = None,
        known: Screening | None = None,
        earlier: Earlier | None = None,
        blocks: tuple[tuple[int, int], ...] = (),
        listing: Screening | None = None,
    ) -> Screening:
        """The spans of ``text`` the token detectors among ``detectors`` must read.

        ``exhaustive``: all of them (or all of ``region``), unscreened.
        ``region``: the lines a later pass reads; nothing else is read, and
        the counts are the last pass's, brought up to date on those lines.
        ``known``: an earlier screening of this same ``text`` (a later pass's,
        which read part of it): its protected spans are the whole text's, so
        they are not searched for again. (Its counts are too, but in another
        order, which what reads them in order, such as the profile's sample,
        may notice: they are counted afresh, at C speed.) ``blocks``: whole
        lines the markup protects (:attr:`Regions.blocks`), protected spans
        not searched for there. ``listing``: an exhaustive screening of this
        same ``text`` (its forms and counts), which need not be listed again.
        """
        if region is not None:
            return self._screen_region(text, detectors, exhaustive, region)
        relisted = _relisted(text, earlier, self._kinds_of) if earlier is not None and not exhaustive else None
        if relisted is None and listing is not None:
            toks, counts = listing.forms, listing.counts
        else:
            toks = SCREEN_RE.findall(text) if relisted is None else relisted[0]
            counts = Counter(toks)  # (afresh, as one reading of the text counts them: in text order)
        if exhaustive:
            return Screening(forms=toks, counts=counts)
        if not any(d.reads == "tokens" for d in detectors):
            return Screening(spans=[], cores=[], forms=toks, counts=counts)
        gates = self._gates_of(detectors)
        self._trim_memory()
        if relisted is None:
            starts, kinds, changed = line_starts(text), self._kinds_of(toks, counts), None
        else:
            _, kinds, starts, changed = relisted
        part = Part(0, len(text), toks, kinds, line_breaks(toks), 0)
        protection = Protection(text, known.protected if known is not None else None, blocks)
        before = (earlier.listed.memo, earlier.lines) if relisted is not None else None
        listing = Listing(text, counts, [part], starts, protection, self.kind, self.probe, indices=self.indices, earlier=before)
        spans = _span_hits(listing, gates, earlier, changed) if relisted is not None else None
        cores, spans = self._cores(listing, gates, spans)
        screening = Screening(_grown(text, cores), cores, toks, None, counts, listing.protection.found, listing.memo)
        listed = Listed(text, toks, kinds, starts, part.breaks, spans, frozenset(id(g) for g in gates), dict(listing.memo))
        screening.memo[LISTED] = listed
        return screening

    def _screen_region(self, text: str, detectors: Sequence[Detector], exhaustive: bool, region: Region) -> Screening:
        starts = region.line_starts(text)
        spans = region.spans(text, starts)
        counts = region.recount(text, starts)
        if exhaustive:
            return Screening(_grown(text, spans), spans, None, spans, counts)
        if not any(d.reads == "tokens" for d in detectors):
            return Screening([], [], None, spans, counts)
        self._trim_memory()
        parts = []
        for start, end in spans:
            toks = SCREEN_RE.findall(text, start, end)
            first = bisect.bisect_right(starts, start) - 1
            parts.append(Part(start, end, toks, self._kinds_of(toks, set(toks)), line_breaks(toks), first))
        protection = Protection(text, region.protected_spans(text, starts))
        listing = Listing(text, counts, parts, starts, protection, self.kind, self.probe, whole=False, indices=self.indices)
        cores = self._cores(listing, self._gates_of(detectors))[0]
        return Screening(_grown(text, cores), cores, None, spans, counts, protection.found, listing.memo)

    def _cores(
        self, listing: Listing, gates: list[Gate], spans: list[tuple[int, int]] | None = None
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Every suspect the gates find, grown to its core, and the spans the gates' span
        hits gave; the gates' memo filled. ``spans``: those span hits, if known already
        (the settling reading's, see :func:`_span_hits`)."""
        text, starts, touches = listing.text, listing.line_starts, listing.protection.touches
        found: list[tuple[int, int]] = []
        by_span: list[tuple[int, int]] = []
        for gate in gates:
            gate.prepare(listing)
        wanted = ALONE
        for gate in gates:
            wanted |= gate.bits
        for part in listing.parts:
            # one C-level pass picks every token any gate reads; each gate's Python runs on those alone
            ks = part.kinds
            picked = list(compress(listing.indices.upto(len(ks)), map(and_, ks, repeat(wanted))))
            hits = [i for i in picked if ks[i] & ALONE]
            for gate in gates:
                hits += gate.token_hits(listing, part, picked)
                if spans is None:
                    by_span += gate.span_hits(listing, part)
            for line, places in _by_line(part, hits).items():
                line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
                # (a part may start inside its first line: a later pass's window; places count from there)
                found += (t for t in _token_spans(text, max(starts[line], part.start), line_end, places) if not touches(*t))
        if spans is not None:
            by_span = spans
        return _cores(text, starts, sorted(found + by_span)), by_span

    def _gates_of(self, detectors: Sequence[Detector]) -> list[Gate]:
        """:func:`_gates` of ``detectors``, remembered per selection of them (a repair
        makes one or two selections, and asks on every screening)."""
        key = tuple(detectors)
        try:
            gates = self._gate_lists.get(key)
        except TypeError:  # a detector that cannot be hashed: no memory
            return _gates(detectors)
        if gates is None:
            if len(self._gate_lists) >= MAX_SELECTIONS:
                self._gate_lists = {}  # (a new dictionary: another thread may be reading the old)
            gates = self._gate_lists[key] = _gates(detectors)
        return gates

    def _trim_memory(self) -> None:
        if len(self.kinds) > MAX_CACHED:
            # a new dictionary, not a cleared one: another thread may be reading the old
            self.kinds = {"\n": NEWLINE}

    def _kinds_of(self, toks: list[str], forms: Iterable[str]) -> list[int]:
        """The kind of each token of ``toks``; ``forms`` holds each distinct one once (classified if new)."""
        kinds = self.kinds  # read once: another thread may start the memory over meanwhile
        # (filterfalse tests each distinct form at C speed; listed first, since classifying adds to the memory)
        for form in list(filterfalse(kinds.__contains__, forms)):
            kinds[form] = self._classify(form)
        return list(map(kinds.__getitem__, toks))

    def kind(self, form: str) -> int:
        """The kind of ``form`` (classified now if new)."""
        k = self.kinds.get(form)
        if k is None:
            k = self.kinds[form] = self._classify(form)
        return k

    def _classify(self, form: str) -> int:
        """What every gate says of ``form``, and above those bits a hash of its case fold
        (doubled words are found by comparing kinds; a collision only has a line read
        that need not be)."""
        kind = 0
        probe = self.probe
        for gate in self.classifiers:
            kind |= gate.classify(form, probe)
        fold = form.casefold()
        if fold[:1].isalpha():
            kind |= ((hash(fold) & FOLD_HASH) | 1) * FOLD
        return kind


LISTED = ("screen", "listed")  # the key of a whole screening's :class:`Listed` in its memo


@dataclass(frozen=True)
class Listed:
    """What the screen listed of a whole text: its token forms (line breaks as "\\n"), their
    kinds, its line starts, where the line breaks are among the forms, the gates' span
    hits, which gates ran, and what the gates kept in the listing's memo. The reading that
    settles a repair starts from it."""

    text: str
    toks: list[str]
    kinds: list[int]
    starts: list[int]
    breaks: list[int]
    spans: list[tuple[int, int]]
    gates: frozenset[int]
    memo: dict


@dataclass(frozen=True)
class Earlier:
    """A whole listing of an earlier version of a text, and the lines changed since
    (numbered as in both: the changes kept every line break), for
    :meth:`Screen.screen`."""

    listed: Listed
    lines: frozenset[int]


def _relisted(text: str, earlier: Earlier, kinds_of) -> tuple[list[str], list[int], list[int], list[tuple[int, int]]] | None:
    """The token forms and kinds of ``text``, and its line starts, from the earlier listing:
    only the changed lines are listed again (no token crosses a line break, so every
    other line's tokens are the earlier text's); with the changed stretches, as
    character spans of ``text``. None when the lines moved, or text outside the changed
    lines differs from the earlier text's (then the text is listed afresh)."""
    listed = earlier.listed
    old_starts, starts = listed.starts, line_starts(text)
    if len(old_starts) != len(starts) or not earlier.lines:
        return None
    last = len(starts) - 1
    runs = _runs(sorted(earlier.lines))
    old_spans = [(old_starts[a], old_starts[b + 1] if b < last else len(listed.text)) for a, b in runs]
    spans = [(starts[a], starts[b + 1] if b < last else len(text)) for a, b in runs]
    if unchanged_gaps(listed.text, old_spans, text, spans) is None:
        return None  # the stretches between changed lines must be the earlier text's
    toks: list[str] = []
    kinds: list[int] = []
    old_toks, old_kinds, breaks = listed.toks, listed.kinds, listed.breaks
    at = 0
    for (a, b), (start, end) in zip(runs, spans):
        first = breaks[a - 1] + 1 if a else 0  # the earlier listing's first token of line ``a``
        stop = breaks[b] + 1 if b < len(breaks) else len(old_toks)  # ... and past line ``b``'s
        new = SCREEN_RE.findall(text, start, end)
        toks += old_toks[at:first]
        toks += new
        kinds += old_kinds[at:first]
        kinds += kinds_of(new, set(new))
        at = stop
    toks += old_toks[at:]
    kinds += old_kinds[at:]
    return toks, kinds, starts, spans


def _span_hits(listing: Listing, gates: list[Gate], earlier: Earlier, changed: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The gates' span hits in ``listing`` (a whole text), from the earlier listing's: a
    span hit lies within a line and depends on that line's text alone (and on what is
    protected there, which is a line's own too), so those of unchanged lines are the
    earlier ones, moved as far as their line moved; the changed lines are searched.
    None when other gates ran before."""
    listed = earlier.listed
    if listed.gates != frozenset(id(g) for g in gates):
        return None
    old_starts, starts = listed.starts, listing.line_starts
    spans: list[tuple[int, int]] = []
    lines = earlier.lines
    for start, end in listed.spans:
        line = bisect.bisect_right(old_starts, start) - 1
        if line not in lines:
            shift = starts[line] - old_starts[line]
            spans.append((start + shift, end + shift))
    for start, end in changed:
        part = Part(start, end, [], [], [], bisect.bisect_right(starts, start) - 1)
        for gate in gates:
            spans += gate.span_hits(listing, part)
    return sorted(spans)


def _runs(lines: list[int]) -> list[tuple[int, int]]:
    """Sorted ``lines`` as runs of consecutive lines, (first, last)."""
    runs: list[tuple[int, int]] = []
    for line in lines:
        if runs and runs[-1][1] == line - 1:
            runs[-1] = (runs[-1][0], line)
        else:
            runs.append((line, line))
    return runs


def _gates(detectors: Iterable[Detector]) -> list[Gate]:
    """The gates of ``detectors`` and the gates they use, each once."""
    out: dict[int, Gate] = {}

    def add(gate: Gate) -> None:
        for used in gate.uses:
            add(used)
        out.setdefault(id(gate), gate)

    for detector in detectors:
        if detector.gate is not None:
            add(detector.gate)
    return list(out.values())


def _by_line(part: Part, hits: list[int]) -> dict[int, list[int]]:
    """The lines holding the token ``hits`` (indices into ``part.toks``), each with
    their places in the line (0 for its first token)."""
    by_line: dict[int, list[int]] = {}
    breaks, line = part.breaks, part.first_line
    for i in hits:
        k = bisect.bisect_left(breaks, i)
        by_line.setdefault(line + k, []).append(i - (breaks[k - 1] + 1 if k else 0))
    return by_line


def _token_spans(text: str, start: int, end: int, places: list[int]) -> list[tuple[int, int]]:
    """The spans of the tokens at ``places`` (0 for the first) between ``start`` and ``end``."""
    wanted = sorted(set(places))
    spans = []
    tokens = TOKENS_RE.finditer(text, start, end)
    at = 0
    for place in wanted:
        m = next(islice(tokens, place - at, None))  # skipped at C speed
        spans.append(m.span())
        at = place + 1
    return spans


def _cores(text: str, starts: list[int], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each suspect span (sorted), grown to whole runs of non-space characters within its line; merged.

    A suspect stands on its tokens (or a name starting there), so it lies in
    the core; the detectors' context comes from the margin ``_grown`` adds. A
    suspect inside the last core grown is skipped: a line without spaces is
    then searched once, not once per suspect.
    """
    spans: list[tuple[int, int]] = []
    last = len(starts) - 1
    for start, end in found:
        if spans and spans[-1][0] <= start < spans[-1][1] and end <= spans[-1][1]:
            continue
        line = bisect.bisect_right(starts, start) - 1
        line_start = starts[line]
        line_end = starts[line + 1] if line < last else len(text)
        lo, hi = max(line_start, start), min(line_end, end)
        if lo > line_start and not text[lo - 1].isspace():  # never cut a token in two
            m = LAST_SPACE_RE.search(text, line_start, lo)
            lo = m.end() if m else line_start
        if hi < line_end and not text[hi].isspace():
            m = SPACE_RE.search(text, hi, line_end)
            hi = m.start() if m else line_end
        spans.append((lo, hi))
    return merge(spans)


def _grown(text: str, cores: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``cores`` grown by ``MARGIN`` runs of non-space characters each side (at least as many tokens)."""
    spans: list[tuple[int, int]] = []
    for start, end in cores:
        before = CHUNKS_BEFORE_RE.search(text, 0, start)
        after = CHUNKS_AFTER_RE.search(text, end)
        spans.append((before.start() if before else start, after.end() if after else end))
    return merge(spans)


__all__ = ["LISTED", "Earlier", "Listed", "Screen"]
