"""Shared fixtures: one Repairer, one word list and one word context per test session
(building each loads tables)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# Tests write their compiled lexicons and tables to a cache of their own,
# not to the user's ~/.cache/repair.
os.environ["REPAIR_CACHE_DIR"] = tempfile.mkdtemp(prefix="repair-test-cache-")

from repair import Repairer
from repair.vocabulary import Vocabulary
from repair.wordmodel import WordContext

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def lexicon_path() -> Path:
    return DATA / "lexicon.txt"


@pytest.fixture(scope="session")
def repairer(lexicon_path: Path) -> Repairer:
    return Repairer([lexicon_path])


@pytest.fixture(scope="session")
def fix(repairer: Repairer):
    """Repair a text and return the repaired text."""
    return lambda text: repairer.repair(text).text


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    return Vocabulary()


@pytest.fixture(scope="session")
def context(vocab: Vocabulary) -> WordContext:
    """The general word-context model (its memos only remember answers)."""
    return WordContext(vocab)


@pytest.fixture(scope="session")
def synthetic_ocr_pages() -> list[str]:
    """The OCR sides of corpora/ocr-synthetic.jsonl, our own generated pages of scan damage."""
    path = Path(__file__).resolve().parents[1] / "corpora" / "ocr-synthetic.jsonl"
    return [json.loads(line)["ocr"] for line in path.read_text(encoding="utf-8").splitlines()]
