"""Detectors: one module per artifact family, each yielding :class:`~repair.model.Suspect` s.

A detector looks at the document, flags spans that look damaged and proposes
candidate fixes with the evidence for each (the scorer decides). Each module
keeps the contract of :mod:`.base`: its family, what it reads, its gate (the
screen's fast path, beside the rules it speeds up) and detect().

``DETECTORS`` is the one registry, in the order detectors run (the order only
breaks ties between overlapping suspects of equal confidence); a new
detector is one :func:`register` call.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Iterable

from ..model import Family
from ..weights import FamilyWeights
from . import (
    alias,
    capitals,
    entity_case,
    garbled,
    learned_names,
    mojibake,
    near_miss,
    ocr_context,
    punctuation,
    run_on,
)
from .base import Context, Detector, Gate

DETECTORS: list[Detector] = [mojibake, alias, entity_case, learned_names, near_miss, run_on, garbled, ocr_context, capitals, punctuation]
# Weights of families the bundled weights file does not list (registered detectors' own).
DEFAULT_WEIGHTS: dict[Family, FamilyWeights] = {}


def register(detector: Detector, weights: FamilyWeights | None = None) -> None:
    """Add ``detector`` (after the others), with weights for its family if the
    bundled weights file has none. Register before building a Repairer."""
    if detector not in DETECTORS:
        DETECTORS.append(detector)
    if weights is not None:
        DEFAULT_WEIGHTS[detector.family] = weights


def unregister(detector: Detector) -> None:
    """Remove ``detector`` (and its family's default weights, if no other detector has that family)."""
    DETECTORS.remove(detector)
    if all(d.family != detector.family for d in DETECTORS):
        DEFAULT_WEIGHTS.pop(detector.family, None)


def families(detectors: Iterable[Detector] | None = None) -> list[Family]:
    """The registered families, each once, in registry order."""
    return list(dict.fromkeys(d.family for d in (DETECTORS if detectors is None else detectors)))


def portable(detectors: Iterable[Detector]) -> tuple:
    """``detectors`` as they pickle: a module by its name (a module object does not pickle)."""
    return tuple(("module", d.__name__) if isinstance(d, types.ModuleType) else ("object", d) for d in detectors)


def restored(portable_detectors: Iterable[tuple]) -> tuple[Detector, ...]:
    """The detectors :func:`portable` described."""
    return tuple(importlib.import_module(ref) if how == "module" else ref for how, ref in portable_detectors)


__all__ = ["DETECTORS", "Context", "Detector", "Gate", "families", "portable", "register", "restored", "unregister"]
