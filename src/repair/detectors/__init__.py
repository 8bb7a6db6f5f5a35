"""Detectors: one module per artifact family, each yielding :class:`Flag` s.

A detector looks at the document, flags spans that look damaged and proposes
candidate fixes with the evidence for each (the scorer decides). ``DETECTORS``
is the one registry of families; the order only breaks ties between
overlapping flags of equal confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Family, Flag
from ..resources import Context
from . import alias, capitals, entity_case, garbled, mojibake, near_miss, ocr_context, punctuation, run_on

Detector = Callable[[Context], Iterable[Flag]]

DETECTORS: dict[Family, Detector] = {
    Family.MOJIBAKE: mojibake.detect,
    Family.ENTITY_ALIAS: alias.detect,
    Family.ENTITY_CASE: entity_case.detect,
    Family.ENTITY_NEAR_MISS: near_miss.detect,
    Family.RUN_ON: run_on.detect,
    Family.GARBLED_WORD: garbled.detect,
    Family.OCR_CONTEXT: ocr_context.detect,
    Family.RANDOM_CAPITAL: capitals.detect,
    Family.PUNCTUATION: punctuation.detect,
}

__all__ = ["DETECTORS", "Detector"]
