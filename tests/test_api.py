"""The library contract: Result, module-level repair(), threads and pickling."""

import json
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import repair
from repair import Family, Repairer, apply_edits

GARBLED = "Openai said tbe cornpany wou1d ship, and and it did.The rest followed."


def test_result_carries_source_text_and_explained_edits(repairer):
    result = repairer.repair(GARBLED)
    assert result.source == GARBLED
    assert result.text == "OpenAI said the company would ship, and it did. The rest followed."
    assert apply_edits(result.source, result.edits) == result.text
    for edit in result.edits:
        assert result.source[edit.start : edit.end] == edit.before
        assert 0.0 <= edit.confidence <= 1.0
        assert isinstance(edit.kind, Family)
        assert edit.reason.strip() and edit.before in edit.reason or edit.kind is Family.PUNCTUATION
    assert {e.kind for e in result.edits} >= {Family.ENTITY_CASE, Family.GARBLED_WORD, Family.PUNCTUATION, Family.RUN_ON}


def test_diff_word_diff_and_json(repairer):
    result = repairer.repair(GARBLED)
    diff = result.diff("news.txt")
    assert diff.startswith("--- a/news.txt\n+++ b/news.txt\n")
    assert "-Openai said tbe" in diff and "+OpenAI said the" in diff
    assert "[-tbe-]{+the+}" in result.word_diff()
    assert "\x1b[32mthe\x1b[0m" in result.word_diff(color=True)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["text"] == result.text and data["changed"] is True
    assert {"start", "end", "before", "after", "kind", "confidence", "reason"} <= set(data["edits"][0])


def test_unchanged_text_has_empty_diff(repairer):
    result = repairer.repair("A plain sentence.\n")
    assert not result.changed and result.diff() == "" and result.edits == ()


def test_low_confidence_findings_are_reported_not_applied():
    strict = Repairer(threshold=1.0)
    result = strict.repair("It wou1d be fine.")
    assert result.text == "It wou1d be fine."
    assert [f.before for f in result.flags] == ["wou1d"]
    assert result.flags[0].suggestion == "would"
    assert "not fixed" in result.flags[0].reason


def test_module_level_repair_caches_its_repairer():
    assert repair.repair("It wou1d be fine.").text == "It would be fine."
    first = repair.repair("x", select=["garbled-word"])
    assert repair.repair("It wou1d be fine.", select=["garbled-word"]).text == "It would be fine."
    assert first.text == "x"
    assert repair.repairer._repairer_for.cache_info().hits >= 1
    assert repair.repair("Run `tbe` now.\n", markup="markdown").text == "Run `tbe` now.\n"


def test_select_and_ignore_families():
    only_case = Repairer(select=["entity-case"])
    assert only_case.repair("Openai said tbe rest.").text == "OpenAI said tbe rest."
    no_case = Repairer(ignore=[Family.ENTITY_CASE])
    assert no_case.repair("Openai said tbe rest.").text == "Openai said the rest."
    with pytest.raises(ValueError, match="known families"):
        Repairer(select=["spelling"])


def test_rejects_non_text_and_bad_threshold(repairer):
    with pytest.raises(TypeError):
        repairer.repair(b"bytes")
    with pytest.raises(ValueError):
        Repairer(threshold=1.5)


def test_pickled_repairer_repairs_the_same(repairer):
    clone = pickle.loads(pickle.dumps(repairer))
    assert clone.repair(GARBLED) == repairer.repair(GARBLED)


def test_threads_share_one_repairer():
    shared = Repairer()  # fresh, so the threads race to load its tables
    texts = [f"Case {i}: the cornpany wou1d say so, said Openai." for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(shared.repair, texts))
    assert [r.text for r in results] == [shared.repair(t).text for t in texts]
    assert all("company would" in r.text for r in results)


def test_import_is_light():
    # Importing must not load the dictionaries: a hook imports on every commit.
    code = "import time, sys; t = time.perf_counter(); import repair; print(time.perf_counter() - t, 'symspellpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert float(out[0]) < 1.0
    assert out[1] == "False"


def test_the_hook_does_not_import_the_ocr_corrector():
    """The CLI's start-up loads no OCR corrector or word-context model: only a text read as OCR needs them."""
    code = "import sys, repair.cli; print(' '.join(m for m in ('repair.ocr_correct', 'repair.wordmodel') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
