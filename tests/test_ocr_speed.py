"""What makes reading OCR cheaper changes nothing: memos kept across a document's
passes (exact and bounded), and later passes that skip the gates' screening."""

from __future__ import annotations

import json
from functools import partial
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Repairer
from repair.channel import TWO_STEP_MAX_LEN, Channel
from repair.detectors import garbled
from repair.ocr_correct import Corrector
from repair.wordmodel import DocumentCache, WordContext

ICDAR = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ocr" / "icdar-english.jsonl"
# Scanner misreadings and plain words: one and two confusions, long and short, cased.
FORMS = ["tbe", "bim", "wbich", "aU", "wiU", "cornpany", "tlie", "arid", "bead", "Tbe", "shaU", "rnodern", "hirn", "vvhen", "liis", "tho", "ruthlessiy"]


def _corrector(vocab, context, channel, counts, memo=None):
    common, deletes = garbled.candidate_tables(vocab)
    one_edit = partial(garbled._one_edit_away, words=common, deletes=deletes)
    return Corrector(context, channel, DocumentCache.of_forms(counts), vocab, common, one_edit, memo)


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


def test_memo_kept_across_passes_gives_what_a_fresh_corrector_gives(vocab):
    """Memos filled under one pass's channel and counts (the document's and the word context's), read under the next pass's or another document's (refined, other counts), give what a fresh corrector gives."""
    base = Channel.load()
    first_counts = {"the": 40, "tbe": 3, "him": 2, "bim": 2, "which": 3, "wbich": 2, "of": 20, "cold": 2, "arid": 1, "wet": 2}
    later_counts = {"the": 43, "him": 4, "which": 5, "of": 20, "cold": 2, "arid": 1, "wet": 2, "company": 2}
    refined = base.refined(["tbe", "bim", "wbich"], {"the": 40, "him": 2, "which": 3})
    kept = WordContext(vocab)
    memo: dict = {}
    first = _corrector(vocab, kept, refined, first_counts, memo)
    for form in FORMS:
        first.nonword(form, "of", "the")
        first.realword("arid", "cold", "wet")
    later = _corrector(vocab, kept, base, later_counts, memo)
    other = _corrector(vocab, kept, base, later_counts)  # another document read by the same Repairer
    fresh = _corrector(vocab, WordContext(vocab), base, later_counts)
    assert later.shared is first.shared is other.shared and fresh.shared is not first.shared
    for form in FORMS:
        assert later.nonword(form, "of", "the") == other.nonword(form, "of", "the") == fresh.nonword(form, "of", "the")
    for form, prev, nxt in [("arid", "cold", "wet"), ("bead", "his", "and"), ("tho", "of", "man")]:
        assert later.realword(form, prev, nxt) == other.realword(form, prev, nxt) == fresh.realword(form, prev, nxt)
        assert later.has_rivals(form, prev, nxt) == (len(fresh.realword(form, prev, nxt)) > 1)
    assert first.shared["targets"] and first.shared["rivals"] and memo["doc-forms"]


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
    words = {"the": 3} | {word: 2 for word in ("house", "horse", "company", "which", "modern", "when", "himself")}
    corrector = _corrector(vocab, WordContext(vocab), channel, words, memo)
    for form in FORMS:
        corrector.nonword(form, "of", "the")
        corrector.realword("bead", form.lower(), "and")
        channel.undo(form)
    channel.refined(FORMS, {"the": 5, "him": 2})
    assert all(0 < len(kept) <= 5 for kept in memo.values())
    assert len(corrector.shared) >= 4 and all(0 < len(kept) <= 5 for kept in corrector.shared.values())
    assert 0 < len(channel._undone) <= 5 and 0 < len(channel._undone_lower) <= 5


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


@pytest.mark.skipif(not ICDAR.is_file(), reason="ICDAR OCR corpus (../shared) absent")
def test_a_forms_facts_are_worked_out_once_for_all_a_repairers_documents(monkeypatch):
    """What a form alone says is worked out once for all the pages one Repairer reads (a form with
    no reading tried included), and each page is repaired as a Repairer of its own would."""
    from repair.detectors import ocr_context

    docs = [json.loads(line) for line in ICDAR.read_text(encoding="utf-8").splitlines()]
    pages = [d["ocr"] for d in docs if d["subset"] == "icdar2017-monograph"][:3]
    alone = [Repairer().repair(page) for page in pages]
    asked: list[str] = []
    facts = ocr_context._form_facts
    monkeypatch.setattr(ocr_context, "_form_facts", lambda form, *more: asked.append(form) or facts(form, *more))
    repairer = Repairer()
    together = [repairer.repair(page) for page in pages]
    assert all(r.profile == "ocr" for r in together)
    assert [(r.edits, r.flags) for r in together] == [(r.edits, r.flags) for r in alone]
    assert asked and len(asked) == len(set(asked))


@pytest.mark.skipif(not ICDAR.is_file(), reason="ICDAR OCR corpus (../shared) absent")
def test_a_forms_words_one_edit_away_are_worked_out_once_for_both_readings(monkeypatch):
    """The words one edit from a form are worked out once for one Repairer's pages, whether the
    OCR reading's targets or garbled-word's candidates ask (a scan's output is read once more
    as MT), and the pages are repaired as with nothing remembered."""
    from repair import resources

    docs = [json.loads(line) for line in ICDAR.read_text(encoding="utf-8").splitlines()]
    pages = [d["ocr"] for d in docs if d["subset"] == "icdar2017-monograph"][:3]
    asked: list[str] = []
    away = garbled._one_edit_away
    monkeypatch.setattr(garbled, "_one_edit_away", lambda word, *tables: asked.append(word) or away(word, *tables))
    repairer = Repairer()
    together = [repairer.repair(page) for page in pages]
    assert asked and len(asked) == len(set(asked))
    monkeypatch.setattr(resources, "MEMO_SIZE", 0)  # every memory of Resources forgets at once
    forgetful = Repairer()
    assert [(r.text, r.edits, r.flags) for r in together] == [(r.text, r.edits, r.flags) for r in map(forgetful.repair, pages)]


def test_passes_over_ocr_skip_the_gates_screening(monkeypatch):
    """A text read as OCR has every word read, so no pass screens it by the gates: the first lists its tokens, reads the profile, and reads them all."""
    from repair.screen import Screen

    calls = []
    screen = Screen.screen

    def spy(self, text, detectors, exhaustive=False, *args, **kwargs):
        calls.append(exhaustive)
        return screen(self, text, detectors, exhaustive, *args, **kwargs)

    monkeypatch.setattr(Screen, "screen", spy)
    page = "It was tbe last day of tbe month when the old man came down from bis farm. " * 3
    repairer = Repairer(profile="ocr")
    result = repairer.repair(page + "He had walked aU the way, and tbe wind blew hard.")
    assert result.profile == "ocr" and "the last day" in result.text
    assert len(calls) > 1 and all(calls), calls
    assert list(repairer.screen.kinds) == ["\n"]  # no gate classified a form


def test_text_not_read_as_ocr_is_screened_by_the_gates_from_its_listing(monkeypatch):
    """Clean text is listed once for its profile, then screened by the gates from that listing, not tokenised again."""
    from repair import screen as screen_module

    found = []
    findall = screen_module.SCREEN_RE.findall
    monkeypatch.setattr(screen_module, "SCREEN_RE", type("Spy", (), {"findall": lambda self, *a: found.append(a) or findall(*a)})())
    text = "The committee met on Tuesday to discuss the budget for the coming year. " * 20
    result = Repairer().repair(text)
    assert result.profile == "mt" and result.text == text
    assert len(found) == 1


def test_rare_word_is_a_target_only_where_the_document_uses_it(vocab, context):
    """"rirne" reads as "rime" (rare, short, known) only in a text that writes "rime" elsewhere, on a pass that reads its counts afresh."""
    memo: dict = {}
    without = _corrector(vocab, context, Channel.load(), {"rirne": 1, "the": 5}, memo).nonword("rirne", "the", "of")
    assert "rime" not in {h.after for h in without}
    with_word = _corrector(vocab, context, Channel.load(), {"rirne": 1, "rime": 3, "the": 5}, memo).nonword("rirne", "the", "of")
    assert "rime" in {h.after for h in with_word}
    fresh = _corrector(vocab, context, Channel.load(), {"rirne": 1, "rime": 3, "the": 5}).nonword("rirne", "the", "of")
    assert with_word == fresh


def _confusion_forms() -> list[str]:
    """Every confusion of the channel's data in a few surroundings: at a word's start, inside and at its end, beside another confusion."""
    channel = Channel.load()
    pieces = sorted({text for pairs in channel.confusions.values() for seen, meant, _ in pairs for text in (seen, meant)})
    forms = []
    for piece in pieces:
        forms += [piece, f"{piece}at", f"th{piece}", f"wo{piece}ds", f"{piece}{piece}", f"rn{piece}li"]
    return forms + FORMS


def test_variant_forms_are_the_ways_without_their_confusions():
    """The variants listed without their confusions are the ways' variants, in the same order, for every confusion of the channel's data."""
    channel = Channel.load()
    for form in _confusion_forms():
        assert channel.variant_forms(form) == list(channel.ways(form)), form
        assert channel.variant_forms(form, two_steps=False) == list(channel.ways(form, two_steps=False)), form


def test_ways_to_wanted_variants_are_the_ways_of_those_variants():
    """The confusions that make a few wanted variants are those ways() gives them, in the same order, for every confusion of the channel's data."""
    channel = Channel.load()
    for form in _confusion_forms():
        ways = channel.ways(form)
        for wanted in ({v for i, v in enumerate(ways) if i % 3 == 0}, set(list(ways)[-2:]), {form, "the"}, set(ways)):
            assert channel.ways_to(form, wanted) == {v: ways[v] for v in wanted if v in ways}, (form, wanted)


CONFUSION_TEXT = st.text(alphabet=sorted(set("rnmcldhiuvwoeabtfsI10O5S86UH,.'\"éà") | set("gky")), max_size=9)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=sorted(set("rnmcldhiuvwoeabtfsI10O5S86UH,.'\"éà") | set("gky")), max_size=16))
def test_variant_forms_are_every_second_confusion_in_order(form):
    """Trying a variant's second confusions only from where its first was undone lists the variants a scan of every place lists, in the same order."""
    channel = Channel.load()
    first = channel._forms_at(form)
    scanned = dict(first)
    for variant in first:
        scanned.update(channel._forms_at(variant))
    scanned.pop(form, None)
    expected = list(scanned) if len(form) <= TWO_STEP_MAX_LEN else list(first)
    assert channel.variant_forms(form) == expected


@given(CONFUSION_TEXT, st.data())
@settings(max_examples=300, deadline=None)
def test_variants_and_ways_to_agree_with_enumeration(form, data):
    """For any string of the confusions' characters, the variants and the ways to any of them are what the full enumeration gives."""
    channel = Channel.load()
    for two_steps in (True, False):
        ways = channel.ways(form, two_steps)
        assert channel.variant_forms(form, two_steps) == list(ways)
        wanted = data.draw(st.sets(st.sampled_from(list(ways) + [form, "x"])))
        assert channel.ways_to(form, wanted, two_steps) == {v: ways[v] for v in wanted if v in ways}


def _targets_by_enumeration(corrector, form):
    """The targets as the enumeration of every variant's ways defines them (the reference the lookup must equal)."""
    from repair.ocr_correct import RARE_TARGET_LEN, _candidate, _case_fits

    vocab, common = corrector.vocab, corrector.common
    confusions, rest = [], set()
    for index, (variant, paths) in enumerate(corrector.channel.ways(form).items()):
        if not _case_fits(form, variant):
            continue
        low = variant.lower()
        if (low in common or len(low) >= RARE_TARGET_LEN) and vocab.in_word_lists(low):
            confusions.append((index, variant, low, tuple(paths), _candidate(form, form.lower(), variant)))
        elif vocab.knows(low):
            rest.add(low)
    return tuple(confusions), frozenset(rest)


@pytest.mark.parametrize("form", FORMS + ["Governrnent", "tliemselves", "circumstancea", "rirne", "Tlie", "WHICII", "cornrnittee"])
def test_targets_found_by_lookup_are_the_enumerated_ones(vocab, context, form):
    """A form's targets, found by asking the lists about all its variants at once, are those the enumeration of every variant's ways gives."""
    corrector = _corrector(vocab, context, Channel.load(), {"the": 3})
    confusions, rest, _ = corrector._targets(form, form.lower())
    assert (confusions, frozenset(rest)) == _targets_by_enumeration(corrector, form)


@settings(max_examples=150, deadline=None)
@given(CONFUSION_TEXT.filter(lambda form: len(form) >= 2))
def test_targets_by_lookup_agree_with_enumeration_for_any_form(vocab, context, form):
    """For any string of the confusions' characters, the targets found by lookup are the enumerated ones."""
    corrector = _corrector(vocab, context, Channel.load(), {"the": 3})
    confusions, rest, _ = corrector._targets(form, form.lower())
    assert (confusions, frozenset(rest)) == _targets_by_enumeration(corrector, form)


def test_pair_membership_from_the_key_set_is_the_tables(context):
    """has_pair's set of keys answers as the sorted bigram table's counts do, for listed pairs and for pairs made of their words in other orders."""
    from importlib import resources

    from repair.wordmodel import BIGRAM_FILE

    lines = (resources.files("symspellpy") / BIGRAM_FILE).read_text(encoding="utf-8").splitlines()[::997]
    pairs = [tuple(line.split(" ")[:2]) for line in lines if line.count(" ") == 2]
    pairs += [(b, a) for a, b in pairs] + [(a, a) for a, _ in pairs] + [("of", "the"), ("tbe", "man"), ("the", "the")]
    fresh = WordContext(context.vocabulary)
    assert sum(fresh.has_pair(a, b) for a, b in pairs) > len(lines) // 2
    assert all(fresh.has_pair(a, b) == (fresh._bigrams.get(f"{a} {b}") > 0) for a, b in pairs)


def test_document_forms_index_reused_only_for_the_same_forms():
    """A pass whose indexed forms are the last pass's reuses its index; one where a form reached two uses finds it."""
    from repair.ocr_correct import DocumentForms

    memo: dict = {}
    first = DocumentForms({"house": 3, "horse": 1, "the": 9}, memo)
    assert first.near("hause") == {"house": 1}
    same = DocumentForms({"house": 4, "horse": 1, "the": 8}, memo)
    assert same._index is first._index
    grown = DocumentForms({"house": 4, "horse": 2, "the": 8}, memo)
    assert grown.near("hause") == {"house": 1} and grown.near("harse") == {"horse": 1}
    assert grown.near("harse") == DocumentForms({"house": 4, "horse": 2, "the": 8}).near("harse")


@pytest.mark.parametrize("form", FORMS + ["Bead", "BEAD", "head", "arid", "cold", "modern", "bis"])
def test_readings_are_the_common_words_among_the_ways(vocab, context, form):
    """A known word's readings (found by listing the variants, then the ways to the common ones) are the common words among its one-confusion ways."""
    from repair.ocr_correct import _case_fits

    corrector = _corrector(vocab, context, Channel.load(), {"the": 3})
    lower = form.lower()
    expected = tuple(
        (variant, variant.lower(), tuple(paths))
        for variant, paths in corrector.channel.ways(form, two_steps=False).items()
        if variant.lower() != lower and variant.lower() in corrector.common and _case_fits(form, variant)
    )
    assert corrector._readings(form, lower) == expected


SHORT = st.text(alphabet="abehinortw", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(SHORT, st.integers(1, 60), max_size=40), SHORT, st.integers(1, 60))
def test_frequent_near_by_index_is_every_short_form_one_edit_away(counts, word, at_least):
    """The document's frequent short words one edit from a token, found by their deletions, are those a scan of every form finds, in the same order."""
    from repair.ocr_correct import MIN_DOC_FORM_LEN, SHORT_TARGET_MIN, DocumentForms, _one_edit

    scanned = [
        form
        for form, n in counts.items()
        if n >= SHORT_TARGET_MIN and len(form) <= MIN_DOC_FORM_LEN and form.isalpha() and n >= at_least and _one_edit(word, form)
    ]
    assert DocumentForms(counts).frequent_near(word, at_least) == scanned
