"""Synthetic OCR pages: whole documents of real prose damaged the way a scanner damages print.

The ocr-context scorer needs labelled examples to set its weights, and the
ICDAR data is evaluation only: nothing tuned on it may ship. This makes
labelled pages from the *train* halves of ``corpora/clean`` (openly licensed,
see corpora/README.md), so weights can be fitted here and ICDAR stays a test
(``python -m benchmarks.ocr_fit``).

A page is about 1,500 words of consecutive paragraphs, on one line (as the
ICDAR pages come) or with its line breaks. Each page draws its own damage
rate (2–15% of words, the range of the 2017 competition's pages), and each
damaged word gets one of:

- a confusion of the channel's table (``src/repair/data/ocr-channel.tsv``,
  set by hand from published tables), drawn by its rate: "m" -> "rn";
- a letter any scanner may get wrong: replaced by another, dropped, or
  doubled ("illness" -> "illnesa", "only" -> "onlv");
- its space to the next word dropped ("of the" -> "ofthe");
- two of these.
A confusion that makes another word ("and" -> "aud") is kept: real-word
errors are half of what context is for.

Each page records its spans: where the damaged text lies in the page and
what the print said there, so a suspect can be labelled right or wrong.
Deterministic for a seed::

    python -m benchmarks.ocr_noise > corpora/ocr-synthetic.jsonl
"""

from __future__ import annotations

import json
import random
import string
import sys
from pathlib import Path

import regex

from .corpus import clean_texts

CHANNEL = Path(__file__).resolve().parent.parent / "src" / "repair" / "data" / "ocr-channel.tsv"
SEED = 20261207
PAGE_WORDS = 1_500
SOURCES = ("fiction", "speeches", "encyclopedic")  # not the Python docs: code is no print
WORD_RE = regex.compile(r"\p{L}[\p{L}'’]*")


def confusions() -> list[tuple[str, str, float]]:
    """The channel's letter confusions as (printed, seen, rate)."""
    out = []
    for line in CHANNEL.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("#", "*")):
            continue
        seen, meant, rate = line.split("\t")
        if any(ch.isalpha() for ch in meant):
            out.append((meant, seen, float(rate)))
    return out


def pages(rng: random.Random) -> list[tuple[str, str]]:
    """Runs of consecutive paragraphs of about ``PAGE_WORDS`` words, as (source, text)."""
    out = []
    for name, text in sorted(clean_texts("train").items()):
        if not any(name.startswith(s) or s in name for s in SOURCES):
            continue
        paras = [" ".join(p.split()) for p in regex.split(r"\n\s*\n", text) if p.strip()]
        page: list[str] = []
        for para in paras:
            page.append(para)
            if sum(len(p.split()) for p in page) >= PAGE_WORDS:
                out.append((name, page))
                page = []
    return [(name, (" " if rng.random() < 0.5 else "\n").join(page)) for name, page in out]


class Scanner:
    """Damages words as a scanner would, each damage drawn by its rate."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.table = confusions()

    def confusion(self, word: str) -> str | None:
        options = [(i, meant, seen, rate) for meant, seen, rate in self.table for i in _places(word, meant)]
        if not options:
            return None
        i, meant, seen, _ = self.rng.choices(options, weights=[o[3] for o in options])[0]
        if meant.isupper() != seen.isupper() and not seen.isdigit():
            return None
        return word[:i] + seen + word[i + len(meant) :]

    def letter(self, word: str) -> str:
        rng = self.rng
        i = rng.randrange(len(word))
        kind = rng.choice(("sub", "sub", "del", "dup"))
        if kind == "del" and len(word) > 2:
            return word[:i] + word[i + 1 :]
        if kind == "dup":
            return word[: i + 1] + word[i:]
        new = rng.choice(string.ascii_lowercase)
        if word[i].isupper():
            new = new.upper()
        return word[:i] + new + word[i + 1 :]

    def damage(self, word: str) -> str:
        roll = self.rng.random()
        changed = self.confusion(word) if roll < 0.6 else None
        if changed is None:
            changed = self.letter(word)
        if self.rng.random() < 0.1:
            changed = self.letter(changed)
        return changed


def _places(word: str, part: str) -> list[int]:
    return [m.start() for m in regex.finditer(regex.escape(part), word, overlapped=True)]


def damaged(text: str, rate: float, scanner: Scanner, rng: random.Random) -> tuple[str, list[list]]:
    """``text`` with about ``rate`` of its words damaged, and the spans as
    [start, end, printed] in the damaged text."""
    out: list[str] = []
    spans: list[list] = []
    at = 0  # in text
    size = 0  # of the output so far
    matches = list(WORD_RE.finditer(text))
    skip = -1
    for k, m in enumerate(matches):
        if k <= skip or rng.random() >= rate:
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        gap = text[m.end() : nxt.start()] if nxt else ""
        head = text[at : m.start()]
        out.append(head)
        size += len(head)
        if nxt is not None and gap == " " and rng.random() < 0.12:
            printed = text[m.start() : nxt.end()]
            seen = m.group() + nxt.group()
            skip = k + 1
            at = nxt.end()
        else:
            printed = m.group()
            seen = scanner.damage(printed)
            at = m.end()
        if seen != printed:
            spans.append([size, size + len(seen), printed])
        out.append(seen)
        size += len(seen)
    out.append(text[at:])
    return "".join(out), spans


def build(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    scanner = Scanner(rng)
    cases = []
    for n, (source, text) in enumerate(pages(rng)):
        rate = rng.uniform(0.02, 0.15)
        ocr, spans = damaged(text, rate, scanner, rng)
        cases.append({"id": f"ocr-synthetic-{n:03d}", "source": source, "rate": round(rate, 3), "ocr": ocr, "gold": text, "spans": spans})
    return cases


def main() -> None:
    for case in build():
        print(json.dumps(case, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
