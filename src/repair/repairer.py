"""The engine: build once, then repair any number of documents.

A :class:`Repairer` holds the lexicons, the vocabulary and the scorer
weights. It keeps no per-document state, so one instance can serve many
threads; it pickles without its loaded tables (they reload lazily), so a
process pool or a cluster worker can receive it cheaply.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from .detectors import DETECTORS
from .document import Document
from .lexicon import Lexicon, builtin_lexicon, load_lexicon
from .model import Family, Result, apply_edits
from .resources import Context, Resources
from .scorer import Weights, decide


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
    to run or skip.
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
    ) -> None:
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
        loaded = [builtin_lexicon()] if default_lexicon else []
        loaded += [lex if isinstance(lex, Lexicon) else load_lexicon(lex) for lex in lexicons]
        self.resources = Resources(lexicon=Lexicon.merged(loaded))
        self.weights = Weights.load(weights)
        self.threshold = threshold
        selected = _families(select) or frozenset(Family)
        self.families = tuple(f for f in DETECTORS if f in selected and f not in _families(ignore))

    def repair(self, text: str) -> Result:
        """Repair one document."""
        if not isinstance(text, str):
            raise TypeError(f"repair() takes str, not {type(text).__name__}")
        if not text.strip():
            return Result(source=text, text=text, edits=())
        ctx = Context(Document(text), self.resources)
        flags = [flag for family in self.families for flag in DETECTORS[family](ctx)]
        edits, findings = decide(flags, self.weights, self.threshold)
        return Result(source=text, text=apply_edits(text, edits), edits=tuple(edits), flags=tuple(findings))

    def warm_up(self) -> None:
        """Load every lazily loaded table now (before forking workers, or to time it)."""
        self.resources.vocabulary.load()


@functools.lru_cache(maxsize=8)
def _repairer_for(options: tuple) -> Repairer:
    return Repairer(**{k: list(v) if isinstance(v, tuple) else v for k, v in options})


def repair(text: str, **options) -> Result:
    """Repair ``text`` with a :class:`Repairer` built from ``options``.

    Repairers are cached per distinct options, so calling this in a loop does
    not reload the lexicons.

    >>> repair("It wou1d be fine.").text
    'It would be fine.'
    """
    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, set, frozenset)) else v) for k, v in options.items()))
    return _repairer_for(key).repair(text)
