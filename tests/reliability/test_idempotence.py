"""Repairing repaired text changes nothing (issue 17 #14)."""

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.fuzz import garbled_text, not_idempotent  # noqa: E402

from repair import Repairer  # noqa: E402


@pytest.fixture(scope="module")
def default_repairer():
    """The built-in lexicon alone, as the CLI runs (it holds "Pfizer")."""
    return Repairer()


@pytest.mark.parametrize(
    "text",
    [
        "pfizer\n\n,pfizer,\n",  # a fix far away makes another occurrence a likelier name
        "firstfirstâ€œ",  # mojibake, then a split, then a doubled word: a chain of three fixes
        "Most thc\n\nGOOGLE\n\nthc\n\nthc\n\n",  # fixing one "thc" of three makes the others likelier typos
        "of, of, cornpany, cornpany, thethe ",  # a chain longer than three passes
        "asthc\n\n… - … - …\n\ntlie\n\ntbe, ",  # a fix two lines away gives a word its neighbour
    ],
)
def test_known_unsettled_repairs_settle(default_repairer, text):
    """Each input that once needed a second run is repaired in one."""
    assert not_idempotent(default_repairer, text) is None


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(garbled_text)
def test_repair_is_idempotent_on_broad_garbled_text(default_repairer, text):
    """Broad garbled text (names in any case, glued and doubled words, mojibake, bare punctuation) settles in one run."""
    assert not_idempotent(default_repairer, text) is None


@pytest.mark.slow
@settings(max_examples=25_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(garbled_text)
def test_repair_is_idempotent_on_many_more_examples(default_repairer, text):
    """The same property on 25,000 examples (python -m benchmarks.fuzz runs 100,000)."""
    assert not_idempotent(default_repairer, text) is None
