"""The scorer: threshold, margin between candidates, and non-overlap."""

import json

import pytest

from repair import Family
from repair.detectors import families as registered
from repair.model import Candidate, Suspect
from repair.scorer import decide
from repair.weights import Weights

K = Family.GARBLED_WORD


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    path = tmp_path_factory.mktemp("w") / "weights.json"
    families = {f.value: {"bias": 0.0, "weights": {"evidence": 1.0}} for f in registered()}
    path.write_text(json.dumps({"threshold": 0.6, "margin": 0.15, "families": families}), encoding="utf-8")
    return Weights.load(path)


def flag(start, end, *candidates):
    return Suspect(start, end, "x" * (end - start), K, tuple(Candidate(a, {"evidence": e}, f"because {a}") for a, e in candidates))


def test_confident_single_candidate_is_fixed(weights):
    edits, findings = decide([flag(0, 3, ("abc", 3.0))], weights)
    assert [(e.after, round(e.confidence, 3)) for e in edits] == [("abc", 0.953)]
    assert findings == []


def test_below_threshold_is_reported_with_the_reason(weights):
    """A suspect above the report floor but below the threshold is a flag that says why."""
    edits, findings = decide([flag(0, 3, ("abc", 1.5))], weights, threshold=0.9)  # sigmoid(1.5) = 0.82 < 0.9
    assert edits == []
    assert findings[0].suggestion == "abc" and "below 0.90" in findings[0].reason


def test_an_unsure_suspect_under_the_report_floor_is_no_flag(weights):
    """Below the report floor (0.7) a suspect the scorer will not fix is noise: "vue" → "vile"."""
    assert decide([flag(0, 3, ("abc", 0.0))], weights) == ([], [])  # sigmoid(0) = 0.5


def test_two_close_candidates_abstain(weights):
    edits, findings = decide([flag(0, 3, ("abc", 3.0), ("abd", 2.9))], weights)
    assert edits == []
    assert "almost as likely" in findings[0].reason


def test_one_clearly_ahead_is_fixed(weights):
    edits, _ = decide([flag(0, 3, ("abc", 4.0), ("abd", 0.0))], weights)
    assert [e.after for e in edits] == ["abc"]


def test_noise_below_report_floor_is_dropped(weights):
    assert decide([flag(0, 3, ("abc", -5.0))], weights) == ([], [])


def test_overlapping_edits_keep_the_more_confident(weights):
    edits, _ = decide([flag(0, 5, ("long", 2.0)), flag(3, 8, ("other", 4.0)), flag(9, 10, ("z", 2.0))], weights)
    assert [(e.start, e.after) for e in edits] == [(3, "other"), (9, "z")]


def test_threshold_override(weights):
    edits, _ = decide([flag(0, 3, ("abc", 3.0))], weights, threshold=0.99)
    assert edits == []


def test_shipped_weights_cover_every_family():
    shipped = Weights.load()
    assert set(shipped.families) == set(registered())
    assert all(0.0 < w.threshold < 1.0 for w in shipped.families.values())
