"""What makes reading OCR cheaper changes nothing: memos kept across a document's
passes (exact and bounded), and later passes that skip the gates' screening."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from repair import Repairer
from repair.channel import Channel
from repair.detectors import garbled
from repair.ocr_correct import Corrector
from repair.vocabulary import Vocabulary
from repair.wordmodel import DocumentCache, WordContext

ICDAR = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ocr" / "icdar-english.jsonl"
# Scanner misreadings and plain words: one and two confusions, long and short, cased.
FORMS = ["tbe", "bim", "wbich", "aU", "wiU", "cornpany", "tlie", "arid", "bead", "Tbe", "shaU", "rnodern", "hirn", "vvhen", "liis", "tho", "ruthlessiy"]


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary()


@pytest.fixture(scope="module")
def context(vocab):
    return WordContext(vocab)


def _corrector(vocab, context, channel, counts, memo=None):
    common, deletes = garbled.candidate_tables(vocab)
    return Corrector(context, channel, DocumentCache.of_forms(counts), vocab, common, deletes, garbled._one_edit_away, memo)


def test_ways_price_every_variant_as_variants_does():
    """Every variant the channel's ways list, priced by a channel (the priors or a document's refinement), has the rate variants() gives it."""
    base = Channel.load()
    refined = base.refined(["tbe", "bim", "wbich", "tlie", "hirn"], {"the": 5, "him": 2, "which": 1})
    assert refined is not base
    for channel in (base, refined):
        for form in FORMS:
            ways = channel.ways(form)
            assert list(ways) == list(channel.variants(form))
            assert all(channel.rate(paths) == rate for (variant, paths), rate in zip(ways.items(), channel.variants(form).values()))
            once = channel.ways(form, two_steps=False)
            assert {v: channel.rate(p) for v, p in once.items()} == channel.undo(form)


def test_memo_kept_across_passes_gives_what_a_fresh_corrector_gives(vocab, context):
    """A memo filled under one pass's channel and counts, read under the next pass's (refined, other counts), gives what a fresh corrector gives."""
    base = Channel.load()
    first_counts = {"the": 40, "tbe": 3, "him": 2, "bim": 2, "which": 3, "wbich": 2, "of": 20, "cold": 2, "arid": 1, "wet": 2}
    later_counts = {"the": 43, "him": 4, "which": 5, "of": 20, "cold": 2, "arid": 1, "wet": 2, "company": 2}
    refined = base.refined(["tbe", "bim", "wbich"], {"the": 40, "him": 2, "which": 3})
    memo: dict = {}
    first = _corrector(vocab, context, refined, first_counts, memo)
    for form in FORMS:
        first.nonword(form, "of", "the")
        first.realword("arid", "cold", "wet")
    later = _corrector(vocab, context, base, later_counts, memo)
    fresh = _corrector(vocab, context, base, later_counts)
    for form in FORMS:
        assert later.nonword(form, "of", "the") == fresh.nonword(form, "of", "the")
    for form, prev, nxt in [("arid", "cold", "wet"), ("bead", "his", "and"), ("tho", "of", "man")]:
        assert later.realword(form, prev, nxt) == fresh.realword(form, prev, nxt)
        assert later.has_rivals(form, prev, nxt) == (len(fresh.realword(form, prev, nxt)) > 1)
    assert memo["targets"] and memo["rivals"]


def test_memos_stay_bounded(vocab, context, monkeypatch):
    """No memo of the corrector, the detector or the channel grows past its bound, however many forms a text holds."""
    from repair import channel as channel_module
    from repair import ocr_correct
    from repair.detectors import ocr_context

    monkeypatch.setattr(ocr_correct, "MEMO_SIZE", 5)
    monkeypatch.setattr(ocr_correct, "MEMO_TARGETS", 5)
    monkeypatch.setattr(ocr_context, "MEMO_SIZE", 5)
    monkeypatch.setattr(channel_module, "MEMO_FORMS", 5)
    memo: dict = {}
    channel = Channel.load()
    corrector = _corrector(vocab, context, channel, {"the": 3}, memo)
    for form in FORMS:
        corrector.nonword(form, "of", "the")
        corrector.realword("bead", form.lower(), "and")
        channel.undo(form)
    assert all(0 < len(kept) <= 5 for kept in memo.values())
    assert 0 < len(channel._undone) <= 5


def test_channel_pickles_without_its_memo():
    """A channel sent to a worker process carries its rates, not what it remembered."""
    channel = Channel.load()
    channel.undo("tbe")
    channel.refined(["tbe", "bim", "wbich"], {"the": 5, "him": 2, "which": 1})
    copy = pickle.loads(pickle.dumps(channel))
    assert copy == channel and not copy._undone and not copy._refined
    assert copy.undo("tbe") == channel.undo("tbe")


def test_refined_channel_is_shared_by_a_documents_passes():
    """Two passes that find the same habits in a text get the same refined channel (its memo with it)."""
    channel = Channel.load()
    args = (["tbe", "bim", "wbich", "tliat"], {"the": 5, "him": 2, "which": 1, "that": 4})
    assert channel.refined(*args) is channel.refined(*args)
    assert channel.refined(["tbe"], {"the": 5}) is channel


@pytest.mark.skipif(not ICDAR.is_file(), reason="ICDAR OCR corpus (../shared) absent")
def test_icdar_pages_repaired_the_same_by_a_repairer_with_memos_and_without(monkeypatch):
    """Three ICDAR pages repaired with memos that forget after every entry give the same edits as with memos kept."""
    from repair import channel as channel_module
    from repair import ocr_correct
    from repair.detectors import ocr_context

    docs = [json.loads(line) for line in ICDAR.read_text(encoding="utf-8").splitlines()]
    pages = [d["ocr"] for d in docs if d["subset"] == "icdar2017-monograph"][:3]
    kept = [Repairer().repair(page) for page in pages]
    monkeypatch.setattr(ocr_correct, "MEMO_SIZE", 1)
    monkeypatch.setattr(ocr_correct, "MEMO_TARGETS", 1)
    monkeypatch.setattr(ocr_context, "MEMO_SIZE", 1)
    monkeypatch.setattr(channel_module, "MEMO_FORMS", 1)
    forgetful = [Repairer().repair(page) for page in pages]
    assert [r.edits for r in kept] == [r.edits for r in forgetful]
    assert [r.flags for r in kept] == [r.flags for r in forgetful]


def test_later_passes_over_ocr_skip_the_gates_screening(monkeypatch):
    """Once a text reads as OCR every word is read, so later passes screen it exhaustively at once (the gates' screening was thrown away)."""
    from repair.screen import Screen

    calls = []
    screen = Screen.screen

    def spy(self, text, detectors, exhaustive=False, *args, **kwargs):
        calls.append(exhaustive)
        return screen(self, text, detectors, exhaustive, *args, **kwargs)

    monkeypatch.setattr(Screen, "screen", spy)
    page = "It was tbe last day of tbe month when the old man came down from bis farm. " * 3
    result = Repairer(profile="ocr").repair(page + "He had walked aU the way, and tbe wind blew hard.")
    assert result.profile == "ocr" and "the last day" in result.text
    assert calls[0] is False and len(calls) > 2  # the first pass screens by the gates, then reads every word
    assert all(calls[2:]), calls


def test_rare_word_is_a_target_only_where_the_document_uses_it(vocab, context):
    """"rirne" reads as "rime" (rare, short, known) only in a text that writes "rime" elsewhere, on a pass that reads its counts afresh."""
    memo: dict = {}
    without = _corrector(vocab, context, Channel.load(), {"rirne": 1, "the": 5}, memo).nonword("rirne", "the", "of")
    assert "rime" not in {h.after for h in without}
    with_word = _corrector(vocab, context, Channel.load(), {"rirne": 1, "rime": 3, "the": 5}, memo).nonword("rirne", "the", "of")
    assert "rime" in {h.after for h in with_word}
    fresh = _corrector(vocab, context, Channel.load(), {"rirne": 1, "rime": 3, "the": 5}).nonword("rirne", "the", "of")
    assert with_word == fresh
