"""The contract every detector keeps, and what it may tell the screen.

A detector is any object (a module will do) with

- ``family``: its :class:`~repair.model.Family`;
- ``detect(ctx)``: the :class:`~repair.model.Suspect` s it finds in the
  :class:`Context`'s document;
- ``reads``: ``"tokens"`` when every suspect stands on tokens its gate can
  pick (the screen may then skip the rest of the text), or ``"text"`` when it
  searches the whole text itself (regular expressions over
  ``doc.scan_spans``);
- ``gate``: a :class:`Gate`, or None (a ``"text"`` detector that needs none);
- ``context_features``: the features its surroundings decide, with their
  ranges (:data:`ContextFeatures`), so a gate can bound a form's best case;
- optionally ``goes_first = True`` (its edits end a pass, and the others
  read the repaired text on the next: mojibake decoding), and
  ``warm_up(resources)`` (load its tables now, before workers fork). The
  driver asks every detector for ``goes_first`` on every repair, and a
  module without the name answers with an AttributeError raised and caught
  (2.5 µs): the built-in ones say ``goes_first = False``.

The gate is the fast path, and it belongs beside the rules it speeds up: it
answers "could this form, alone, ever lead to a suspect of mine worth
reporting?" (:meth:`Gate.classify`, remembered per form by the screen), and
which tokens or spans of a listed text are suspect (:meth:`Gate.token_hits`,
:meth:`Gate.span_hits`). It must only ever over-select: the parity test
(``tests/test_gates.py``) and ``python -m benchmarks.parity`` hold every gate
to its detector.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, count, islice
from typing import Literal, Protocol

from ..document import Document, Protection
from ..lexicon import Lexicon
from ..model import Candidate, Family, Suspect
from ..resources import Resources
from ..vocabulary import Vocabulary
from ..weights import Weights

# Features a detector's surroundings decide, with their ranges: "bigram_seen" may be 0 or 1.
ContextFeatures = Mapping[str, tuple[float, float]]


@dataclass
class Context:
    """One document and the shared resources, as every detector sees them.

    ``memo`` holds what one repair computes once and several detectors read
    (lexicon matches, masks); the screen hands over what its gates found.
    """

    doc: Document
    resources: Resources
    memo: dict = field(default_factory=dict)

    @property
    def vocab(self) -> Vocabulary:
        return self.resources.vocabulary

    @property
    def lexicon(self) -> Lexicon:
        return self.resources.lexicon


# -- kind bits ---------------------------------------------------------------
# A form's kind is an int of bits, one int per distinct form, so that a pass
# over every token's kind runs at C speed. The screen sets NEWLINE and FOLD;
# ALONE means "a suspect wherever it stands"; a gate needing more asks for a
# private bit of its own with kind_bit(). Kinds stay below 2**30, one digit
# of a Python int. (A bit operation still makes a new int when its result is
# above 256, the cached ones: testing the low bits of most tokens gives 0,
# but a xor of two words' kinds allocates.)
ALONE = 1
NEWLINE = 2
_FLAG_BITS = 14  # bits below FOLD: ALONE, NEWLINE and twelve private bits
FOLD = 1 << _FLAG_BITS  # kinds from here up hold a hash of the form's case fold
FOLD_HASH = (1 << (30 - _FLAG_BITS)) - 1  # (two forms' hashes collide one time in 65,000:
# a line read that need not be)
_next_bit = 4


def kind_bit(name: str) -> int:
    """A new private kind bit for a gate's own classification (``name`` documents it).

    Taken once, at import; past the twelve that fit below :data:`FOLD`, a
    gate gets a bit above the fold hash (correct, slightly slower).
    """
    global _next_bit
    bit = _next_bit
    _next_bit <<= 1
    if bit == FOLD:
        bit = _next_bit = 1 << 31  # above the hash
        _next_bit <<= 1
    return bit


INDICES_HELD = 1 << 18  # token indices :class:`Indices` keeps (9 MB); a longer part makes the rest as it goes


class Indices:
    """The token indices 0, 1, 2, ... kept as int objects, for ``compress`` to pick
    indices at C speed: ``itertools.count`` makes a new int for every token it
    passes (only ints up to 256 are cached), a list of kept ones costs nothing
    to pass over. One per :class:`~repair.screen.Screen`, grown as texts need."""

    def __init__(self) -> None:
        self._held: list[int] = list(range(4096))

    def upto(self, n: int, start: int = 0) -> Iterator[int]:
        """``start``, ``start + 1``, ... (as ``count(start)``), kept ones up to ``n`` at least where it can."""
        held = self._held
        if n > len(held) and len(held) < INDICES_HELD:
            # a new list, not a grown one: another thread may be reading the old
            held = self._held = list(range(min(INDICES_HELD, max(n, 2 * len(held)))))
        kept = islice(held, start, None)
        return kept if n <= len(held) else chain(kept, count(max(start, len(held))))


# -- what a gate works with ---------------------------------------------------
@dataclass
class Probe:
    """What a gate may consult to classify a form: the resources, the scorer's
    weights (handed over, never imported) and the floor a suspect must reach."""

    resources: Resources
    weights: Weights
    floor: float
    _lone: tuple[str, Context] | None = None

    def lone(self, form: str) -> Context:
        """``form`` standing alone, as one document (shared by the gates that ask about it)."""
        last = self._lone
        if last is None or last[0] != form:
            last = self._lone = (form, Context(Document.lone(form), self.resources))
        return last[1]

    def reportable(self, suspects: Iterable[Suspect], ranges: ContextFeatures) -> bool:
        """Whether some context could lift one of ``suspects`` to the floor: each
        feature in ``ranges`` is given its most favourable value."""
        weights = self.weights
        for suspect in suspects:
            spec = weights.families.get(suspect.kind)
            if spec is None:
                return True  # no weights to bound it by: read it
            for candidate in suspect.candidates:
                features = dict(candidate.features)
                for name, (low, high) in ranges.items():
                    features[name] = high if spec.weights.get(name, 0.0) > 0 else low
                if weights.confidence(suspect.kind, Candidate(candidate.after, features, candidate.reason)) >= self.floor:
                    return True
        return False


@dataclass
class Part:
    """One stretch of lines the screen lists (the first may start inside its line: a later
    pass's window round a change): its token forms (a line break as
    "\\n"), their kinds, where the line breaks are among them, and its first line."""

    start: int
    end: int
    toks: list[str]
    kinds: list[int]
    breaks: list[int]
    first_line: int


@dataclass
class Listing:
    """What the screen has listed of a text, for the gates to read.

    ``counts`` are the whole text's token counts; ``parts`` the stretches to
    search (the whole text, or the lines a later pass reads); ``kind`` gives
    any form's kind (classifying a new one); ``probe`` is what classifying
    reads; ``memo`` is handed to the
    document's :class:`Context`, so what a gate computed once a detector need
    not compute again; ``whole`` is True when ``parts`` cover the text;
    ``indices`` picks token indices without making an int per token;
    ``earlier``, when the screen listed this text from an earlier version of
    it, is the memo of that version's whole listing and the lines changed
    since (numbered alike in both): a gate may carry over what it found there
    on other lines, where it reads a line alone.
    """

    text: str
    counts: Counter[str]
    parts: list[Part]
    line_starts: list[int]
    protection: Protection
    kind: Callable[[str], int]
    probe: Probe
    memo: dict = field(default_factory=dict)
    whole: bool = True
    indices: Indices = field(default_factory=Indices)  # the screen's, kept from text to text
    earlier: tuple[dict, frozenset[int]] | None = None

    @property
    def resources(self) -> Resources:
        return self.probe.resources


class Gate:
    """A detector's fast path: override what applies. Every hook must over-select."""

    uses: tuple[Gate, ...] = ()  # gates whose classification and memo this one reads
    bits: int = 0  # the kind bits of the tokens token_hits reads (the screen picks them all in one pass)

    def classify(self, form: str, probe: Probe) -> int:
        """The kind bits ``form`` sets off for this detector: :data:`ALONE` if it could be
        a suspect wherever it stands, private bits that :meth:`token_hits` reads, or 0."""
        return 0

    def token_hits(self, listing: Listing, part: Part, picked: list[int]) -> Iterable[int]:
        """Indices (into ``part.toks``) of tokens that may be suspects, beyond those of ALONE kind.

        ``picked``: the indices of the part's tokens whose kind has one of this
        gate's :attr:`bits` (or another gate's), in order; found at C speed.
        """
        return ()

    def span_hits(self, listing: Listing, part: Part) -> Iterable[tuple[int, int]]:
        """Character spans that may hold suspects (already cleared of protected text)."""
        return ()

    def prepare(self, listing: Listing) -> None:
        """Compute, once per screening, what the detector will read from ``listing.memo``."""


class Detector(Protocol):
    family: Family
    reads: Literal["tokens", "text"]
    gate: Gate | None
    context_features: ContextFeatures

    def detect(self, ctx: Context) -> Iterator[Suspect] | Iterable[Suspect]: ...
