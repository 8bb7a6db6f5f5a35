"""Sums of money in British print (£ s. d.) whose figures the scan read as letters.

"£5 Is. Gd." is "£5 1s. 6d.": OCR engines read the figures 1, 6 and 0 as
the letters of the same shape (I, l; G, b; O, o), and a shillings or
pence field of one or two figures has no word around it to correct it. A
field is read as a sum only where its neighbour is one: pence after
shillings ("18s. Gd."), shillings before pence ("Is 9d") or after pounds
("£1 Is"). Without such a neighbour it stays as printed ("Is" is a word).
A lower-case i is never read so: a scan makes it of 4 as readily as of 1,
and "the fee is 6d." is English.

The letter readings are the published shape confusions of digits (see
``data/ocr-digits.tsv``), not counts from any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = resources.files("repair") / "data"

# A field of a sum: one or two figures or letters, the unit (shillings or pence), a stop.
FIELD_RE = re.compile(r"([^\W_]{1,2})([sd])([.,;]?)")
NEIGHBOUR_CHARS = 40  # how far to look for a field's neighbour (a sum is written on one line)
POUNDS_RE = re.compile(r"£[\d,]*\d[.,]?")
SHILLINGS_RE = re.compile(r"\d{1,2}s[.,]?")
PENCE_RE = re.compile(r"\d{1,2}[½¼¾]?d[.,;]?")
# "7s.", "16s": a text that writes its sums in £ s. d. (shillings run to 19; "the 90s" is a decade)
FIGURE_SHILLINGS_RE = re.compile(r"(?<!\S)1?\ds[.,;]?(?!\S)")
MAX_PENCE = 11  # twelve pence make a shilling


@dataclass(frozen=True)
class MoneyFix:
    """A field of a sum read as letters: ``source[start:end]`` is ``before``, printed ``after``."""

    start: int
    end: int
    before: str
    after: str


@cache
def digit_readings() -> dict[str, str]:
    """The letters a scan reads for a figure: letter -> figure (``data/ocr-digits.tsv``)."""
    readings: dict[str, str] = {}
    for line in (_DATA / "ocr-digits.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            seen, meant = line.split("\t")
            readings[seen] = meant
    return readings


@cache
def _candidates() -> re.Pattern[str]:
    """Tokens that may be a misread field: figures and the letters read for them, then a
    unit, each with the space before it. The space is a first step ``re`` finds 1.7 times
    as fast as a look-behind's place, and the text is scanned on every pass."""
    shapes = re.escape("".join(digit_readings()))
    return re.compile(rf"\s([\d{shapes}]{{1,2}}[sd][.,;]?)(?!\S)")


def _field(token: str) -> tuple[str, str] | None:
    """A token as a field of a sum read partly as letters: (figures as printed, unit and
    stop), or None. "Is." -> ("1", "s."); "1Od" -> ("10", "d")."""
    m = FIELD_RE.fullmatch(token)
    if m is None:
        return None
    readings = digit_readings()
    figures = m.group(1)
    if not any(ch in readings for ch in figures) or not all(ch.isdigit() or ch in readings for ch in figures):
        return None
    number = "".join(readings.get(ch, ch) for ch in figures)
    if number[0] == "0" or m.group(2) == "d" and int(number) > MAX_PENCE:
        return None  # "old" is no "01d": no field starts with 0, and pence stop at 11
    return number, m.group(2) + m.group(3)


def fixes(text: str, strict: bool = False) -> Iterator[MoneyFix]:
    """The fields of sums in ``text`` whose figures the scan read as letters.

    ``strict`` (a text not read as OCR, where a misread figure is the exception):
    a shillings field after pounds alone carries its stop, or the text writes
    shillings in figures elsewhere ("7s.", "16s"): "£5 Is that fair?" is a question
    with its mark lost, not "£5 1s"."""
    shillings = not strict or FIGURE_SHILLINGS_RE.search(text) is not None
    for m in _candidates().finditer(" " + text):  # (the space: a first token has one before it too)
        start, end, token = m.start(1) - 1, m.end(1) - 1, m.group(1)
        found = _field(token)
        if found is None:
            continue
        figures, unit = found
        prev, nxt = _token_before(text, start), _token_after(text, end)
        if unit[0] == "s":
            after_pounds = POUNDS_RE.fullmatch(prev) and (len(unit) > 1 or shillings)
            money = after_pounds or PENCE_RE.fullmatch(nxt) or _is_field(nxt, "d")
        else:
            money = SHILLINGS_RE.fullmatch(prev) or _is_field(prev, "s")
        if money:
            yield MoneyFix(start, end, token, figures + unit)


def _token_before(text: str, start: int) -> str:
    head = text[max(0, start - NEIGHBOUR_CHARS) : start].split()
    return head[-1] if head else ""


def _token_after(text: str, end: int) -> str:
    tail = text[end : end + NEIGHBOUR_CHARS].split()
    return tail[0] if tail else ""


def is_field(token: str) -> bool:
    """Whether ``token`` could be a field of a sum read partly as letters ("Is", "Gd.")."""
    return _field(token) is not None


def _is_field(token: str, unit: str) -> bool:
    """Whether ``token`` is itself a misread field of that unit ("Is. Gd.")."""
    found = _field(token)
    return found is not None and found[1][0] == unit
