"""The engine: build once, then repair any number of documents.

A :class:`Repairer` holds the lexicons, the vocabulary and the scorer
weights. It keeps no per-document state, so one instance can serve many
threads; it pickles without its loaded tables (they reload lazily), so a
process pool or a cluster worker can receive it cheaply.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .detectors import DETECTORS, garbled, near_miss
from .detectors.ocr_context import OcrSetup
from .document import Document
from .lexicon import Lexicon, builtin_lexicon, load_lexicon
from .markup import keep_pattern, regions
from .model import Edit, Family, Finding, Flag, Result, apply_edits
from .passes import compose, output_spans, place_findings
from .resources import Context, Resources
from .scorer import Weights, decide
from .screen import Region, Screen, Screening

if TYPE_CHECKING:
    from .channel import Channel
    from .wordmodel import TeamModel

MAX_PASSES = 3
PROFILES = ("auto", "ocr", "mt", "clean")  # as repair.profile.PROFILES, which loads with the first document
HYPHEN_HABIT = 3  # line-break hyphens in one text that make them its convention, not errors
CLEAN_MARGIN = 0.3  # under the clean profile, confidence needed above a family's threshold
# Families the OCR profile turns off when ocr-context runs: it reads the same unknown
# words with context and period spelling in mind (garbled-word), and the capitals of
# print are the print's (random-capital).
OCR_REPLACES = frozenset({Family.GARBLED_WORD, Family.RANDOM_CAPITAL})
MARKUPS = ("text", "markdown")


def _families(names: Iterable[str | Family] | None) -> frozenset[Family]:
    if names is None:
        return frozenset()
    try:
        return frozenset(Family(str(n)) for n in names)
    except ValueError as exc:
        known = ", ".join(f.value for f in Family)
        raise ValueError(f"{exc}; known families: {known}") from None


class Repairer:
    """Repairs garbled text; every edit comes with its reason and confidence.

    ``lexicons``: paths of lexicon files (or loaded :class:`Lexicon` objects)
    added to the built-in one unless ``default_lexicon`` is false.
    ``threshold``: fix only edits at least this confident (default: per
    family, from the weights file). ``select``/``ignore``: artifact families
    to run or skip. ``exhaustive``: read every token instead of only the
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
        keep_words: Iterable[str] = (),
        exhaustive: bool = False,
        profile: str = "auto",
        models: Iterable[str | Path | "TeamModel"] = (),
        rejoin_hyphens: bool = False,
    ) -> None:
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
        loaded = [builtin_lexicon()] if default_lexicon else []
        loaded += [lex if isinstance(lex, Lexicon) else load_lexicon(lex) for lex in lexicons]
        self.resources = Resources(lexicon=Lexicon.merged(loaded))
        self.weights = Weights.load(weights)
        self.threshold = threshold
        selected = _families(select) or frozenset(Family)
        self.families = tuple(f for f in DETECTORS if f in selected and f not in _families(ignore))
        self.keep = keep_pattern(keep_words)
        self.exhaustive = exhaustive
        self.screen = Screen(self.resources, self.weights, self.weights.floor(threshold))
        self.profile = profile
        self.rejoin_hyphens = rejoin_hyphens
        from .wordmodel import TeamModel, WordContext

        team = [m if isinstance(m, TeamModel) else TeamModel.load(m) for m in models]
        self.word_context = WordContext(self.resources.vocabulary, TeamModel.merged(team) if team else None)
        self._channel: Channel | None = None

    @property
    def channel(self) -> Channel:
        """The OCR channel's priors (read on first use)."""
        if self._channel is None:
            from .channel import Channel

            self._channel = Channel.load()
        return self._channel

    def repair(self, text: str, *, markup: str = "text", ignore: Iterable[str | Family] = ()) -> Result:
        """Repair one document.

        ``markup="markdown"`` repairs only prose: code, link targets, HTML,
        front matter and math are left as they are, and headings keep their
        capitals. ``ignore`` skips families for this document only.
        """
        if not isinstance(text, str):
            raise TypeError(f"repair() takes str, not {type(text).__name__}")
        if markup not in MARKUPS:
            raise ValueError(f"unknown markup {markup!r}; expected one of {', '.join(MARKUPS)}")
        if not text.strip():
            return Result(source=text, text=text, edits=())
        source = text
        families = tuple(f for f in self.families if f not in _families(ignore)) if ignore else self.families
        setup: list[OcrSetup] = []  # filled by the first pass, which profiles the document
        edits, findings, screening, whole = self._pass(source, markup, families, setup=setup)
        if not whole:
            setup.clear()  # read as mojibake, not as text: profile the decoded text next pass
        text = apply_edits(source, edits)
        # One fix can reveal another ("In depththe" → "In depth the" → "DeepSeek the"):
        # repeat until nothing changes, so that repairing the output changes nothing.
        # A later pass reads only the lines the last one changed, and their
        # neighbours, unless the last pass stopped after decoding mojibake.
        changed, read = edits, source
        for _ in range(MAX_PASSES - 1):
            if not changed:
                break
            region = Region.around(read, screening.counts, text, output_spans(changed), screening.protected) if whole else None
            changed, more_findings, screening, whole = self._pass(text, markup, families, region, setup)
            if not whole:
                setup.clear()
            if not changed:
                break
            final = apply_edits(text, changed)
            findings += place_findings(edits, more_findings, source)
            edits = compose(source, edits, changed, final)
            read, text = text, final
        findings = _unedited(findings, edits)
        profile = setup[0].profile.kind if setup else None
        return Result(source=source, text=text, edits=tuple(edits), flags=tuple(findings), profile=profile)

    def _pass(
        self,
        text: str,
        markup: str,
        families: tuple[Family, ...],
        region: Region | None = None,
        setup: list[OcrSetup] | None = None,
    ) -> tuple[list[Edit], list[Finding], Screening, bool]:
        """Edits and findings for one reading of ``text``, what the screen saw, and
        whether every family ran (False when decoded mojibake ended the pass early).

        ``setup``: empty on the first pass, which profiles the document from the
        screen's token counts and appends what it found; later passes read it.
        """
        screening = self.screen.screen(text, families, self.exhaustive, region)
        if setup is not None and not setup and screening.counts is not None:
            from .profile import estimate

            profile = estimate(screening.counts, self.resources.vocabulary, self.channel, self.profile)
            setup.append(OcrSetup(profile, self.word_context, self.channel))
        ocr = bool(setup) and setup[0].profile.ocr
        keep_hyphens = not self.rejoin_hyphens and (ocr or bool(setup) and setup[0].keep_hyphens)
        if ocr and Family.OCR_CONTEXT in families:
            families = tuple(f for f in families if f not in OCR_REPLACES or f is Family.GARBLED_WORD and self.rejoin_hyphens)
        if ocr and Family.OCR_CONTEXT in families and screening.cores is not None:
            # the screen picks suspects by today's rules; in OCR every word may be one
            screening = self.screen.screen(text, families, True, region)
        doc = Document(
            text,
            regions(text, markup, self.keep),
            screening.spans,
            screening.forms,
            screening.counts,
            screening.region,
            screening.cores,
            screening.repeats,
            screening.protected,
        )
        ctx = Context(doc, self.resources, {"ocr": setup[0]} if setup else {})
        keeps = screening.keeps
        if ocr:
            keeps = _ocr_keeps(keeps, not keep_hyphens)
        if Family.MOJIBAKE in families:
            # Decode mojibake first, alone: the other detectors should read
            # "Montréal", not "MontrÃ©al"; they run on the next pass.
            flags = [flag for flag in DETECTORS[Family.MOJIBAKE](ctx) if keeps(flag)]
            edits, findings = decide(flags, self.weights, self.threshold)
            if edits:
                return edits, findings, screening, False
        flags = [
            flag
            for family in families
            if family is not Family.MOJIBAKE
            for flag in DETECTORS[family](ctx)
            if keeps(flag)
        ]
        if not self.rejoin_hyphens and setup:
            flags = self._hyphen_convention(flags, setup, keep_hyphens)
        edits, findings = decide(flags, self.weights, self.threshold)
        if setup and setup[0].profile.kind == "clean":
            edits, findings = self._only_sure(edits, findings)
        return edits, findings, screening, True

    def _hyphen_convention(self, flags: list[Flag], setup: list[OcrSetup], keep: bool) -> list[Flag]:
        """``flags`` without rejoined line-break hyphens where the text breaks words so
        as a habit (``HYPHEN_HABIT`` times or more on the first reading, or read as OCR):
        "pro- perty" is then how this text is laid out, and its transcriptions keep it.
        A lone break in modern prose is still an error to fix."""
        joins = [f for f in flags if any(c.features.get("hyphen_break") for c in f.candidates)]
        if not keep and len(joins) >= HYPHEN_HABIT and not setup[0].keep_hyphens:
            setup[0] = dataclasses.replace(setup[0], keep_hyphens=True)
            keep = True
        return [f for f in flags if f not in joins] if keep and joins else flags

    def _only_sure(self, edits: list[Edit], findings: list[Finding]) -> tuple[list[Edit], list[Finding]]:
        """Under the clean profile: edits far above their family's threshold; the rest become findings."""
        kept = []
        for e in edits:
            limit = self.weights.families[e.kind].threshold if self.threshold is None else self.threshold
            if e.confidence >= min(0.99, limit + CLEAN_MARGIN):
                kept.append(e)
            else:
                why = "; not fixed: the text was declared clean"
                findings.append(Finding(e.start, e.end, e.before, e.after, e.kind, e.confidence, e.reason + why))
        return kept, sorted(findings, key=lambda f: f.start)

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
        near_miss.listed_index(resources)
        garbled.candidate_tables(resources.vocabulary)
        self.word_context.load()
        self.channel  # noqa: B018 - read on first use
        for table in ("ocr_confusions", "legit_doubles", "glued_suffixes"):
            getattr(resources, table)  # a cached property: loaded when first read
        # ftfy (40 ms, 10 MB) stays lazy: it is imported by the first text with
        # mojibake-like characters, and a process that never meets one saves both
        if freeze:
            gc.freeze()


def _ocr_keeps(keeps, rejoin_hyphens: bool):
    """``keeps`` for a document read as OCR: rejoined line-break hyphens ("pro- perty")
    only when asked, since in print they are the text's own convention and its
    transcriptions keep them; and of garbled-word (which runs only then) nothing else."""

    def keep(flag) -> bool:
        join = any(c.features.get("hyphen_break") for c in flag.candidates)
        if join:
            return rejoin_hyphens and keeps(flag)
        return flag.kind is not Family.GARBLED_WORD and keeps(flag)

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


def _unedited(findings: list[Finding], edits: list[Edit]) -> list[Finding]:
    """Findings no edit touches, each once, in text order."""
    spans = [(e.start, e.end) for e in edits]
    seen: set[tuple[int, int, Family]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        key = (f.start, f.end, f.kind)
        if key in seen or any(s < f.end and f.start < e or s == e == f.start for s, e in spans):
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
    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, set, frozenset)) else v) for k, v in options.items()))
    return _repairer_for(key).repair(text, markup=markup)
