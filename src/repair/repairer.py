"""The engine: build once, then repair any number of documents.

A :class:`Repairer` holds the lexicons, the vocabulary and the scorer
weights. It keeps no per-document state, so one instance can serve many
threads; it pickles without its loaded tables (they reload lazily), so a
process pool or a cluster worker can receive it cheaply.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gc
import itertools
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import chunks, fast_re
from .detectors import DEFAULT_WEIGHTS, DETECTORS, Context, Detector, families, portable, restored
from .detectors.ocr_context import OcrSetup
from .document import SCREEN_RE, Document, Screening, TextFacts, protected_spans_within
from .lexicon import Lexicon, builtin_lexicon, load_lexicon
from .markup import LastRegions, Regions, keep_pattern, regions
from .model import Edit, Family, Flag, Result, Suspect, apply_edits, compact_line_starts, flags_with_lines, with_lines
from .passes import CHAR_REACH, Region, SearchedForms, compose, output_spans, place_findings, recurrences
from .resources import Resources
from .scorer import decide
from .screen import LISTED, Earlier, Listed, Screen
from .spans import SpanArray
from .weights import Weights

if TYPE_CHECKING:  # the OCR model's modules load with the first document, not with the package
    from .channel import Channel
    from .wordmodel import TeamModel, WordContext

MAX_PASSES = 10  # a chain of fixes longer than this (none seen past 6) stops unsettled
PROFILES = ("auto", "ocr", "mt", "clean")  # as repair.profile.PROFILES, which loads with the first document
HYPHEN_HABIT = 3  # line-break hyphens in one text that make them its convention, not errors
CLEAN_MARGIN = 0.3  # under the clean profile, confidence needed above a family's threshold
# Families the OCR profile turns off when ocr-context runs: it reads the same unknown
# words with context and period spelling in mind (garbled-word), and the capitals of
# print are the print's (random-capital).
OCR_REPLACES = frozenset({Family.GARBLED_WORD, Family.RANDOM_CAPITAL})
MARKUPS = ("text", "markdown", "mdx")
AUTO_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown", ".mdx": "mdx"}


def _shifted(*args):
    """:func:`repair.markup_shift.shifted`, imported by the first edited Markdown text (a clean page has none)."""
    from .markup_shift import shifted

    return shifted(*args)


def markup_for_name(name: str | None) -> str:
    """The markup ``markup="auto"`` picks for a document called ``name``, by its extension.

    ``.md`` and ``.markdown`` (and ``.mdown``, ``.mkd``) are Markdown; ``.mdx`` is
    MDX where this version knows it, Markdown otherwise; anything else, or
    no name, is plain text.

    >>> markup_for_name("notes/a.MD"), markup_for_name("a.txt"), markup_for_name(None)
    ('markdown', 'text', 'text')
    """
    if not name:
        return "text"
    dot = name.rfind(".")
    chosen = AUTO_SUFFIXES.get(name[dot:].lower(), "text") if dot > name.replace("\\", "/").rfind("/") else "text"
    return chosen if chosen in MARKUPS else "markdown"


def _families(names: Iterable[str | Family] | None) -> frozenset[Family]:
    if names is None:
        return frozenset()
    known = families()
    chosen = frozenset(Family(str(n)) for n in names)
    unknown = sorted(chosen.difference(known))
    if unknown:
        raise ValueError(f"unknown famil{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(repr, unknown))}; known families: {', '.join(known)}")
    return chosen


class Repairer:
    """Repairs garbled text; every edit comes with its reason and confidence.

    ``lexicons``: paths of lexicon files (or loaded :class:`Lexicon` objects)
    added to the built-in one unless ``default_lexicon`` is false.
    ``threshold``: fix only edits at least this confident (default: per
    family, from the weights file). ``select``/``ignore``: artifact families
    to run or skip. ``words``: words never to touch, matched whole
    (``keep_words`` is its old name, deprecated). ``exhaustive``: read every token instead of only the
    lines the screen picks (several times slower, same results; for
    checking the screen). ``profile``: what kind of text to expect, "auto"
    (read from each document: OCR damage turns on the channel model and
    real-word checks), "ocr", "mt" (today's families, no channel model) or
    "clean" (only edits far above threshold); the result says which was
    used. ``models``: word models (``repair model build``) of a team's own
    clean text, added to the built-in word context. ``rejoin_hyphens``: in
    OCR text, rejoin words broken at a line end ("pro- perty"); by default
    the text's own convention is kept.
    """

    def __init__(
        self,
        lexicons: Iterable[str | Path | Lexicon] = (),
        *,
        default_lexicon: bool = True,
        threshold: float | None = None,
        select: Iterable[str | Family] | None = None,
        ignore: Iterable[str | Family] | None = None,
        weights: str | Path | None = None,
        words: Iterable[str] = (),
        exhaustive: bool = False,
        keep_words: Iterable[str] | None = None,
        profile: str = "auto",
        models: Iterable[str | Path | TeamModel] = (),
        rejoin_hyphens: bool = False,
    ) -> None:
        if keep_words is not None:
            warnings.warn("Repairer(keep_words=...) is deprecated; use words=...", DeprecationWarning, stacklevel=2)
            words = [*words, *keep_words]
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
        loaded = [builtin_lexicon()] if default_lexicon else []
        loaded += [lex if isinstance(lex, Lexicon) else load_lexicon(lex) for lex in lexicons]
        self.resources = Resources(lexicon=Lexicon.merged(loaded))
        self.weights = Weights.load(weights, DEFAULT_WEIGHTS)
        self.threshold = threshold
        selected = _families(select) or frozenset(families())
        ignored = _families(ignore)
        self.detectors: tuple[Detector, ...] = tuple(d for d in DETECTORS if d.family in selected and d.family not in ignored)
        self.families = tuple(families(self.detectors))
        missing = self.weights.missing(self.families)
        if missing:
            raise ValueError(f"no scorer weights for famil{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}")
        # a lexicon's never-touch forms (``!Form``) are kept like the user's own words
        self.words = tuple(words)
        self.keep = keep_pattern([*words, *self.resources.lexicon.never])
        self._searched_forms: SearchedForms | None = None  # see _searched
        self.exhaustive = exhaustive
        self.screen = Screen(self.resources, self.weights, self.weights.floor(threshold, self.families), self.detectors)
        self.profile = profile
        self.rejoin_hyphens = rejoin_hyphens
        models = list(models)
        self._team: TeamModel | None = None
        if models:  # read now, so a bad model file fails here, not with the first document
            from .wordmodel import TeamModel

            self._team = TeamModel.merged([m if isinstance(m, TeamModel) else TeamModel.load(m) for m in models])
        self._word_context: WordContext | None = None
        self._channel: Channel | None = None

    @property
    def word_context(self) -> WordContext:
        """The word-context model (made on first use: a short clean page never imports it)."""
        return self._load_word_context()

    def _load_word_context(self) -> WordContext:
        if self._word_context is None:
            from .wordmodel import WordContext

            self._word_context = WordContext(self.resources.vocabulary, self._team)
        return self._word_context

    @property
    def channel(self) -> Channel:
        """The OCR channel's priors (read on first use)."""
        return self._load_channel()

    def _load_channel(self) -> Channel:
        if self._channel is None:
            from .channel import Channel

            self._channel = Channel.load()
        return self._channel

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["detectors"] = portable(self.detectors)
        del state["screen"]  # its memory refills
        return state

    def __setstate__(self, state: dict) -> None:
        state["detectors"] = restored(state["detectors"])
        self.__dict__.update(state)
        self.screen = Screen(self.resources, self.weights, self.weights.floor(self.threshold, self.families), self.detectors)

    window_ocr = True  # later passes over a text read as OCR read windows round the changes (see _ocr_region)
    chunk_chars = chunks.CHUNK_CHARS  # a huge text is repaired in chunks of about this size
    chunk_threshold = chunks.THRESHOLD_CHARS  # ... when longer than this (at least twice chunk_chars)

    def repair(
        self, text: str, *, markup: str = "text", ignore: Iterable[str | Family] = (), name: str | None = None
    ) -> Result:
        """Repair one document.

        ``markup="markdown"`` repairs only prose: code, link targets, HTML,
        front matter and math are left as they are, and headings keep their
        capitals. ``markup="auto"`` decides by ``name``'s extension (see
        :func:`markup_for_name`). ``ignore`` skips families for this document only.
        """
        if markup == "auto":
            markup = markup_for_name(name)
        if not isinstance(text, str):
            raise TypeError(f"repair() takes str, not {type(text).__name__}")
        if markup not in MARKUPS:
            raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}, auto")
        if not text or text.isspace():  # (not ``text.strip()``: a copy of a huge text)
            return Result(source=text, text=text, edits=())
        source = text
        ignored = _families(ignore) if ignore else frozenset()
        detectors = tuple(d for d in self.detectors if d.family not in ignored) if ignored else self.detectors
        setup: list[OcrSetup] = []  # filled by the first pass, which profiles the document
        last = LastRegions(markup, self.keep, _shifted)  # a text read twice is parsed once, an edited one moved
        edits, findings, screening, whole = self._pass(source, markup, detectors, setup=setup, last=last)
        if not whole:
            setup.clear()  # read as mojibake, not as text: profile the decoded text next pass
        text = self._applied(source, edits)
        last.follow(source, edits, text)
        # One fix can reveal another ("In depththe" → "In depth the" → "DeepSeek the"):
        # repeat until nothing changes, so that repairing the output changes nothing.
        # A later pass reads only the lines the last one changed, and their
        # neighbours, unless the last pass stopped after decoding mojibake. A fix
        # can also change what is counted far away (fixing one "thc" of three makes
        # the other two likelier typos; "pfizer" → "Pfizer" makes another "pfizer"
        # a name written wrong), so once the changed lines settle, one pass reads
        # the whole output, as repairing it again would: only then is it settled.
        # Unless the region held every line (a text of one line), or the only edits
        # since that reading provably changed no statistic of the whole text
        # (_settles_in_region): then the region pass that changes nothing settles it.
        # A text read as OCR is read in windows (_ocr_region), and the windowed pass
        # that changes nothing settles it.
        changed, read = edits, source
        whole_read = True  # the last pass read all of the text it was given
        # what the last whole reading listed, and the lines changed since: the reading that
        # settles the text lists only those again (see Screen.screen)
        listing = _Listing(screening.memo.get(LISTED))
        listing.add(text, edits)
        for _ in range(MAX_PASSES - 1):
            if not changed and (whole_read or not edits):
                break
            settles = False  # True when this region pass, changing nothing, settles the text
            windowed = False  # True when this pass reads a text read as OCR in windows
            if changed and whole:
                windowed = self._windows_ocr(text, markup, setup)
                settles = not windowed and whole_read and markup == "text" and self._settles_in_region(read, changed, text, setup)
                spacing = _spacing(screening)
                if windowed:
                    region = self._ocr_region(read, screening, text, changed)
                else:
                    region = Region.around(read, screening.counts, text, output_spans(changed), screening.protected, changed if settles else None)
            else:
                region = None
            # the whole reading that settles a text follows a pass that changed nothing: what
            # that pass found of the whole text (its protected spans) still holds
            known = screening if region is None and not changed else None
            earlier = listing.earlier() if known is not None else None
            changed, more_findings, screening, whole = self._pass(text, markup, detectors, region, setup, known, earlier, last)
            # a region of every line is a whole reading (a text of one line, a page of OCR):
            # what settles the text, so no further reading of it repeats this one
            whole_read = region is None or region.whole or not changed and (windowed or settles and _plain_spacing(spacing, _spacing(screening)))
            if not whole:
                setup.clear()
            if whole_read:
                listing = _Listing(screening.memo.get(LISTED))
            if not changed:
                continue
            final = self._applied(text, changed)
            last.follow(text, changed, final)
            listing.add(final, changed)
            findings += place_findings(edits, more_findings, source)
            edits = compose(source, edits, changed, final)
            read, text = text, final
        profile = setup[0].profile.kind if setup else None
        if edits and setup and setup[0].profile.ocr and self._reads_otherwise(text):
            # The repair used up the evidence its profile was read from: with its
            # misreadings fixed, the text no longer reads as OCR, and repairing the
            # output would read it otherwise and change it again. Read it so now,
            # so that repairing the output changes nothing.
            again = self.repair(text, markup=markup, ignore=ignore)
            findings += place_findings(edits, again.flags, source)
            if again.edits:
                edits = compose(source, edits, again.edits, again.text)
                text = again.text
        return Result(
            source=source,
            text=text,
            edits=with_lines(source, edits),
            flags=flags_with_lines(source, _unedited(findings, edits)),
            profile=profile,
        )

    def _reads_otherwise(self, text: str) -> bool:
        """Whether the first pass of repairing ``text`` would not read it as OCR (under
        ``profile="auto"``): the profile of its token counts, as that pass reads them."""
        if self.profile != "auto" or len(text) > self.chunk_threshold:
            return False  # (a huge text is profiled from its first part, read in chunks)
        from collections import Counter

        return not self._estimate(Counter(SCREEN_RE.findall(text)), text).ocr

    def _settles_in_region(self, before: str, edits: list[Edit], after: str, setup: list[OcrSetup]) -> bool:
        """True when the region pass after ``edits`` (a whole reading's, of ``before``) can
        settle ``after``: when it changes nothing, a whole reading of ``after`` would not either.

        A settling pass reads the whole text because a fix can change a statistic
        of the whole text, and so a decision far away. These edits change none:
        each deletes one stray space between an opening bracket and a letter, or a
        letter and a closing bracket or mark ("( over" → "(over", "water ;" →
        "water;"; :func:`.passes.joined_pair`). Then, from ``before`` to ``after``:

        - the tokens are the same, in the same order, and so are the lines (a
          bracket or mark is a token of its own, and no line break moves): every
          count of forms, of words, of letter runs, the learned names, the
          lexicon's matches (found by tokens), the gates' kinds;
        - the capitals counted after a word or comma (the spaces directly before
          a capital after a letter, digit or comma) are the same: the space was
          before a mark, or after a bracket;
        - a string searched for in the whole text (a lexicon name or alias, a
          never-touch or kept word; word forms hold no mark) is found as often,
          unless it holds the two joined characters, with or without spaces
          between: none stands over the space or the join (checked; the forms
          that could are indexed once per Repairer), and no lexicon form's tokens
          hold the two tokens the space stood between;
        - what a line says of itself (a protected span, a heading, where its
          marks stand, a bracket's partner on it) changes only on a changed
          line, which the region reads whole;
        - the spacing style counts spaces before marks: it was not the text's
          style before the edits and is not after (checked on both readings;
          ``_plain_spacing``), and the typed-page test (:func:`.profile.typed`)
          gives the same answer (checked).

        So a decision outside the changes' reach reads the same words and the
        same statistics as in the whole reading before, which made no edit there.
        The region holds the changed lines, their neighbours and every word within
        ``REACH`` runs and ``CHAR_REACH`` characters of a change (what a detector's
        context spans: the screen's margin, and the furthest a rule looks by
        characters), read with the new text's statistics. Only plain text
        qualifies (a Markdown parse may move with a space; in plain text only a
        repair directive could, so a text with "<!--" does not), and not a text
        read as OCR, whose channel is refined on every pass.
        """
        if setup and setup[0].profile.ocr or len(after) > self.chunk_threshold or "<!--" in after:
            return False
        searched = self._searched()
        if not all(searched.unmoved(before, e) for e in edits):
            return False
        from .profile import typed

        return typed(before) == typed(after)

    def _windows_ocr(self, text: str, markup: str, setup: list[OcrSetup]) -> bool:
        """Whether a later pass over ``text`` reads it in windows (:meth:`_ocr_region`): a
        plain text read as OCR, not so huge that it is read in chunks (which go by lines)."""
        return self.window_ocr and bool(setup) and setup[0].profile.ocr and markup == "text" and len(text) <= self.chunk_threshold

    def _ocr_region(self, before: str, screening: Screening, after: str, edits: list[Edit]) -> Region:
        """What a later pass over a text read as OCR reads: a window round each of ``edits``
        (which made ``after`` of ``before``), and round every place that writes a word
        an edit replaced, or an unknown word one edit from a word an edit replaced or
        wrote (:func:`.passes.recurrences`), that word with its neighbours (``REACH`` runs, the
        context a decision about it reads); lines no longer than two windows' reach whole.

        Each pass over OCR has read every word again, and every line of a page of
        OCR on one line: 40% of the time of the longest ICDAR page went to later
        passes that made 109, 3 and 0 edits. A window holds a changed word's context.
        Further away the text is the same, and a decision there changes only with
        the statistics of the whole text it weighs: the counts of the words an edit
        replaced or wrote (a habitual misreading, now rarer; a word, now commoner,
        that a misreading is one slip from) and the channel refined on them. The
        recurrences are where those counts weigh most; the windowed pass that
        changes nothing settles the text. That is not a proof: a shift in the
        refined channel or in the document's size may still move a decision far
        away. On the 274 ICDAR texts (OCR and gold) and our synthetic OCR pages
        every result equals that of whole readings (``window_ocr = False``).
        """
        from .profile import unknown_forms

        words = {form.lower() for form in unknown_forms(screening.counts, self.resources.vocabulary)}
        spans, again = output_spans(edits), recurrences(after, edits, words)
        return Region.around(before, screening.counts, after, spans, screening.protected, edits, 2 * CHAR_REACH, again)

    def _searched(self) -> SearchedForms:
        """The forms with marks this Repairer searches texts for (see :class:`.passes.SearchedForms`)."""
        if self._searched_forms is None:
            lexicon = self.resources.lexicon
            aliases = (e.alias for e in lexicon.aliases.values() if e.alias)
            self._searched_forms = SearchedForms.of(itertools.chain(lexicon.canonicals, aliases, lexicon.never, self.words))
        return self._searched_forms

    def _applied(self, text: str, edits: list[Edit]) -> str:
        """``apply_edits``; for a huge text, without a third copy at the peak."""
        return chunks.applied(text, edits) if len(text) > self.chunk_threshold else apply_edits(text, edits)

    def _pass(
        self,
        text: str,
        markup: str,
        detectors: tuple[Detector, ...],
        region: Region | None = None,
        setup: list[OcrSetup] | None = None,
        known: Screening | None = None,
        earlier: Earlier | None = None,
        last: LastRegions | None = None,
    ) -> tuple[list[Edit], list[Flag], Screening, bool]:
        """Edits and flags for one reading of ``text``, what the screen saw, and
        whether every detector ran (False when a detector that goes first, such
        as mojibake decoding, changed the text and ended the pass early).

        ``setup``: empty on the first pass, which profiles the document from the
        screen's token counts and appends what it found; later passes read it.

        ``known``: an earlier screening of this same text; ``earlier``: a whole
        listing of an earlier version of it (see :meth:`Screen.screen`).
        ``last``: the markup regions of the last text read, reused if it is this one.

        A huge plain text is read a chunk at a time (see :mod:`.chunks`).
        """
        marks = last(text) if last is not None else regions(text, markup, self.keep)
        if markup == "text" and len(text) > self.chunk_threshold:
            offsets = chunks.cuts(text, self.chunk_chars, marks.protected)
            if len(offsets) > 2:
                return self._pass_in_chunks(text, markup, detectors, region, setup, marks, offsets, known)
        return self._read(text, markup, detectors, region, setup, marks, known=known, earlier=earlier)

    def _pass_in_chunks(
        self,
        text: str,
        markup: str,
        detectors: tuple[Detector, ...],
        region: Region | None,
        setup: list[OcrSetup] | None,
        marks: Regions,
        offsets: list[int],
        known: Screening | None = None,
    ) -> tuple[list[Edit], list[Flag], Screening, bool]:
        """:meth:`_pass` over a huge ``text``, read as the parts of ``region`` (or of the
        whole text) between ``offsets``, one after another.

        Every part is read with what is known of the whole text (token counts,
        protected spans, line starts, and the counts a :class:`TextFacts`
        holds), found once, so the pass finds what one reading of the whole
        would; only the per-token tables are a part's, and memory follows the
        part. Parts are cut at blank lines, where a detector's context ends.
        """
        starts = compact_line_starts(text)
        facts = TextFacts(text)
        facts.line_starts = starts  # (the cached property, given)
        if region is not None:
            counts, protected = region.recount(text, starts), region.protected_spans(text, starts)
            lines = sorted(region.lines)
        else:
            counts, lines = facts.count(SCREEN_RE), None  # a piece at a time
            protected = known.protected if known is not None else None
        if protected is None:
            protected = SpanArray()  # found a part at a time, held compactly (see :mod:`.spans`)
            for start, end in zip(offsets, offsets[1:]):  # (cut at line starts, which no span crosses)
                protected.extend(protected_spans_within(text, start, end))
        edits: list[Edit] = []
        flags: list[Flag] = []
        decoded: list[Edit] = []  # edits of parts whose pass ended after decoding mojibake
        for start, end in zip(offsets, offsets[1:]):
            first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            if lines is None:
                part_lines: Iterable[int] = range(first, stop)
            else:
                part_lines = lines[bisect.bisect_left(lines, first) : bisect.bisect_left(lines, stop)]
                if not part_lines:
                    continue
            part = Region.part(text, part_lines, counts, protected, starts)
            part_edits, part_flags, _, whole = self._read(text, markup, detectors, part, setup, marks, facts)
            if whole:
                edits += part_edits
                flags += part_flags
            else:
                decoded += part_edits
        if decoded:
            # as one reading of the whole text would: decoded first, alone; the rest next pass
            return decoded, [], Screening(counts=counts, protected=protected), False
        return edits, flags, Screening(counts=counts, protected=protected), True

    def _read(
        self,
        text: str,
        markup: str,
        detectors: tuple[Detector, ...],
        region: Region | None,
        setup: list[OcrSetup] | None,
        marks: Regions,
        facts: TextFacts | None = None,
        known: Screening | None = None,
        earlier: Earlier | None = None,
    ) -> tuple[list[Edit], list[Flag], Screening, bool]:
        """:meth:`_pass` over ``region`` (or all) of ``text``, whose markup regions are ``marks``."""
        # a later pass over a text read as OCR reads every word (see below): no gates to screen by
        runs_ocr = any(d.family == Family.OCR_CONTEXT for d in detectors)
        ocr_later = bool(setup) and setup[0].profile.ocr and runs_ocr
        listing = None  # a first whole reading lists its tokens before the gates run (see below)
        if setup is not None and not setup and region is None:
            # The profile decides how the text is screened: in OCR every word may be a
            # suspect, and the gates' screening would be thrown away (a fifth of a first
            # OCR reading). So the tokens are listed and counted first, the profile read
            # from them, and the gates (if any run) screen from that listing.
            listing = self.screen.screen(text, detectors, True, None, known, earlier, marks.blocks)
            self._profile(listing.counts, text, setup)
        if listing is not None and (self.exhaustive or setup[0].profile.ocr and runs_ocr):
            screening = listing  # every token is read: the listing is the screening
        else:
            screening = self.screen.screen(text, detectors, self.exhaustive or ocr_later, region, known, earlier, marks.blocks, listing)
            if setup is not None and not setup and screening.counts is not None:
                self._profile(screening.counts, text, setup)  # (a huge text's first part)
        ocr = bool(setup) and setup[0].profile.ocr
        keep_hyphens = not self.rejoin_hyphens and (ocr or bool(setup) and setup[0].keep_hyphens)
        ocr_context = ocr and runs_ocr
        if ocr_context:
            detectors = tuple(d for d in detectors if d.family not in OCR_REPLACES or d.family == Family.GARBLED_WORD and self.rejoin_hyphens)
            if screening.cores is not None and not ocr_later:
                # the gates pick suspects by today's rules; in OCR every word may be one
                screening = self.screen.screen(text, detectors, True, region, blocks=marks.blocks)
        memo = dict(screening.memo)
        if setup:
            memo["ocr"] = setup[0]
        listed = memo.pop(LISTED, None)
        if facts is None and listed is not None and listed.text is text:
            facts = TextFacts(text)
            facts.line_starts = listed.starts  # (the cached property, given: the screen found them)
        ctx = Context(Document(text, marks, screening, facts), self.resources, memo)
        def kept(suspect: Suspect, detector: Detector) -> bool:
            return screening.keeps(suspect.start, suspect.end, detector.reads == "tokens")

        if ocr:
            kept = _ocr_keeps(kept, not keep_hyphens)
        first = [d for d in detectors if getattr(d, "goes_first", False)]
        if first:
            # Decode mojibake first, alone: the other detectors should read
            # "Montréal", not "MontrÃ©al"; they run on the next pass.
            suspects = [s for d in first for s in d.detect(ctx) if kept(s, d)]
            edits, findings = decide(suspects, self.weights, self.threshold)
            if edits:
                return edits, findings, screening, False
        suspects = [
            s
            for d in detectors
            if not getattr(d, "goes_first", False)
            for s in d.detect(ctx)
            if kept(s, d)
        ]
        if not self.rejoin_hyphens and setup:
            suspects = self._hyphen_convention(suspects, setup, keep_hyphens)
        if setup and (ocr or setup[0].keep_hyphens):
            from .profile import questions_print

            suspects = [s for s in suspects if not questions_print(s)]  # print's capitals and spacing are its own
        edits, flags = decide(suspects, self.weights, self.threshold)
        screening.memo[FACTS] = ctx.doc.facts  # what the detectors counted over the whole text
        if setup and setup[0].profile.kind == "clean":
            edits, flags = self._only_sure(edits, flags)
        return edits, flags, screening, True

    def _estimate(self, counts, text: str):
        """The damage profile of ``text``, whose token counts are ``counts`` (see :func:`.profile.estimate`)."""
        from .profile import estimate

        return estimate(counts, self.resources.vocabulary, self._load_channel, self.profile, text)

    def _profile(self, counts, text: str, setup: list[OcrSetup]) -> None:
        """Read the document's damage profile from its token ``counts`` into ``setup``."""
        profile = self._estimate(counts, text)
        # the channel only where the OCR detector runs (a profile read as OCR): elsewhere it is never read
        setup.append(OcrSetup(profile, self._load_word_context, self.channel if profile.ocr else None))

    def _hyphen_convention(self, suspects: list[Suspect], setup: list[OcrSetup], keep: bool) -> list[Suspect]:
        """``suspects`` without rejoined line-break hyphens where the text breaks words so
        as a habit (``HYPHEN_HABIT`` times or more on the first reading, or read as OCR):
        "pro- perty" is then how this text is laid out, and its transcriptions keep it.
        A lone break in modern prose is still an error to fix."""
        joins = [s for s in suspects if any(c.features.get("hyphen_break") for c in s.candidates)]
        if not keep and len(joins) >= HYPHEN_HABIT and not setup[0].keep_hyphens:
            setup[0] = dataclasses.replace(setup[0], keep_hyphens=True)
            keep = True
        return [s for s in suspects if s not in joins] if keep and joins else suspects

    def _only_sure(self, edits: list[Edit], flags: list[Flag]) -> tuple[list[Edit], list[Flag]]:
        """Under the clean profile: edits far above their family's threshold; the rest become flags."""
        kept = []
        for e in edits:
            limit = self.weights.families[e.kind].threshold if self.threshold is None else self.threshold
            if e.confidence >= min(0.99, limit + CLEAN_MARGIN):
                kept.append(e)
            else:
                why = "; not fixed: the text was declared clean"
                flags.append(Flag(e.start, e.end, e.before, e.after, e.kind, e.confidence, e.reason + why))
        return kept, sorted(flags, key=lambda f: f.start)

    def repair_many(
        self, texts: Iterable[str], *, jobs: int = 1, markup: str = "text", chunk: int = 32
    ) -> Iterator[Result]:
        """Repair ``texts`` and yield their results in input order, as they are ready.

        With ``jobs`` > 1, worker processes share the work, each receiving this
        Repairer once; ``texts`` is read lazily, ``chunk`` texts at a time, and
        at most a few chunks per worker are in flight, so an endless stream
        needs bounded memory.
        """
        if jobs <= 1:
            for text in texts:
                yield self.repair(text, markup=markup)
            return
        from concurrent.futures import ProcessPoolExecutor

        self.warm_up()  # forked workers inherit loaded tables
        batches = _batches(texts, chunk)
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(self,)) as pool:
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.submit(_repair_batch, batch, markup))
                if len(pending) >= jobs * 4:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def warm_up(self, freeze: bool = False) -> None:
        """Load every lazily loaded table now (before forking workers, or to time it).

        ``freeze=True`` then moves every object alive in the process out of
        the garbage collector's reach (:func:`gc.freeze`): a full collection
        no longer walks the 100,000 entries of a large lexicon, so repair time
        stays flat with lexicon size. Meant for processes that exist to
        repair (the CLI, worker processes); a host application decides for
        itself.
        """
        resources = self.resources
        resources.vocabulary.load()
        resources.lexicon.warm_up()
        for detector in self.detectors:
            warm = getattr(detector, "warm_up", None)
            if warm is not None:
                warm(resources)
        self.word_context.load()
        self.channel  # noqa: B018 - read on first use
        fast_re.compile_all()
        for table in ("ocr_confusions", "legit_doubles", "glued_suffixes"):
            getattr(resources, table)  # a cached property: loaded when first read
        # ftfy (40 ms, 10 MB) stays lazy: it is imported by the first text with
        # mojibake-like characters, and a process that never meets one saves both
        if freeze:
            gc.freeze()


FACTS = ("repairer", "facts")  # the key of a reading's TextFacts in its screening's memo


def _spacing(screening: Screening) -> tuple | None:
    """The punctuation spacing a reading found (``TextFacts.memo["spacing"]``: where the
    text spaces before a mark, how often before , ; : ! ?, and whether that is its style)."""
    facts = screening.memo.get(FACTS)
    return None if facts is None else facts.memo.get("spacing")


def _plain_spacing(before: tuple | None, after: tuple | None) -> bool:
    """True when neither reading found spacing before marks to be the text's style (or
    neither asked)."""
    if before is None or after is None:
        return before is after
    return not before[2] and not after[2]


class _Listing:
    """What the last whole reading of a text listed (:class:`Listed`), and the lines the
    passes since have changed, while they keep every line break (numbered as in both)."""

    def __init__(self, listed: Listed | None) -> None:
        self.listed = listed
        self.lines: set[int] = set()

    def add(self, final: str, changed: list[Edit]) -> None:
        """Count the lines of ``final`` that ``changed`` (edits of the text before it) wrote."""
        listed = self.listed
        if listed is None or not changed:
            return
        starts = compact_line_starts(final)
        if len(starts) != len(listed.starts):
            self.listed = None  # lines moved: the next whole reading lists afresh
            return
        for start, end in output_spans(changed):
            first = bisect.bisect_right(starts, start) - 1
            self.lines.update(range(first, bisect.bisect_right(starts, end)))

    def earlier(self) -> Earlier | None:
        return Earlier(self.listed, frozenset(self.lines)) if self.listed is not None and self.lines else None


def _ocr_keeps(kept, rejoin_hyphens: bool):
    """``kept`` for a document read as OCR: rejoined line-break hyphens ("pro- perty")
    only when asked, since in print they are the text's own convention and its
    transcriptions keep them; and of garbled-word (which runs only then) nothing else."""

    def keep(suspect: Suspect, detector: Detector) -> bool:
        if any(c.features.get("hyphen_break") for c in suspect.candidates):
            return rejoin_hyphens and kept(suspect, detector)
        return suspect.kind != Family.GARBLED_WORD and kept(suspect, detector)

    return keep


_worker: Repairer | None = None


def _init_worker(repairer: Repairer) -> None:
    global _worker
    _worker = repairer
    repairer.warm_up(freeze=True)


def _repair_batch(texts: list[str], markup: str) -> list[Result]:
    assert _worker is not None
    return [_worker.repair(t, markup=markup) for t in texts]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unedited(findings: list[Flag], edits: list[Edit]) -> list[Flag]:
    """Findings no edit touches, each once, in text order.

    One sort and a bisection per finding: a garbled text has as many
    findings as edits, and testing each against every edit was quadratic.
    """
    spans = sorted((e.start, e.end) for e in edits)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end so far
    insertions = {s for s, e in spans if s == e}
    seen: set[tuple[int, int, Family]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end, f.kind)
        if key in seen:
            continue
        before_end = bisect.bisect_left(starts, f.end)  # the edits starting before the finding ends
        if (before_end and reach[before_end - 1] > f.start) or f.start in insertions:
            continue
        seen.add(key)
        out.append(f)
    return out


@functools.lru_cache(maxsize=8)
def _repairer_for(options: tuple) -> Repairer:
    return Repairer(**{k: list(v) if isinstance(v, tuple) else v for k, v in options})


def repair(text: str, *, markup: str = "text", **options) -> Result:
    """Repair ``text`` with a :class:`Repairer` built from ``options``.

    ``markup`` is as for :meth:`Repairer.repair`; every other option is a
    :class:`Repairer` argument. Repairers are cached per distinct options, so
    calling this in a loop does not reload the lexicons.

    >>> repair("It wou1d be fine.").text
    'It would be fine.'
    """
    return _cached(options).repair(text, markup=markup)


def fix_text(text: str, *, markup: str = "text", **options) -> str:
    """The repaired text alone: the one-call form (as in ftfy), with the options of :func:`repair`.

    >>> fix_text("It wou1d be fine.")
    'It would be fine.'
    """
    return _cached(options).repair(text, markup=markup).text


def _cached(options: dict) -> Repairer:
    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, set, frozenset)) else v) for k, v in options.items()))
    return _repairer_for(key)
