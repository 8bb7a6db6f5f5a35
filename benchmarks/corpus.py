"""Shared access to the project's corpora for benchmarks and table builders.

Every clean text is split once, at a paragraph boundary near its middle:
the first half ("train") may be used to build tables and tune weights, the
second ("test") is held out for reporting false edits.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
CLEAN = CORPORA / "clean"
DEV = CORPORA / "dev"
SHARED = ROOT.parent / "shared"


def clean_files() -> list[Path]:
    return sorted(p for p in CLEAN.rglob("*.txt"))


def split(text: str) -> tuple[str, str]:
    """(train, test) halves of ``text``, cut at the paragraph break nearest the middle."""
    middle = len(text) // 2
    cut = text.find("\n\n", middle)
    if cut == -1:
        cut = text.find("\n", middle)
    if cut == -1:
        cut = middle
    return text[:cut], text[cut:]


def clean_texts(part: str) -> dict[str, str]:
    """Clean prose by file name: ``part`` is "train", "test" or "all"."""
    out = {}
    for path in clean_files():
        text = path.read_text(encoding="utf-8")
        train, test = split(text)
        out[str(path.relative_to(CLEAN))] = {"train": train, "test": test, "all": text}[part]
    return out


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
