"""Each detector's gate covers its detector, and a new detector needs only its own module."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from content_repo import PROSE, sample_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import clean_prose, garbled_prose
from test_screen import CLEAN_LINES

from repair import Repairer
from repair.detectors import DETECTORS, Context, Gate, families, register, unregister
from repair.detectors.base import ALONE, Probe
from repair.document import Document
from repair.markup import regions
from repair.model import Candidate, Family, Suspect
from repair.weights import FamilyWeights, Weights

K = Family.GARBLED_WORD
CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def test_best_case_takes_each_context_feature_at_its_most_favourable_end(tmp_path, repairer):
    """A positive weight takes the top of its range, a negative one the bottom, when a gate bounds a suspect."""
    path = tmp_path / "weights.json"
    spec = {f.value: {"bias": -3.0, "weights": {"fits": 2.0, "crowded": -1.0}} for f in families()}
    path.write_text(json.dumps({"threshold": 0.6, "margin": 0.15, "families": spec}), encoding="utf-8")
    weights = Weights.load(path)
    ranges = {"fits": (0.0, 1.0), "crowded": (0.0, 6.0)}
    low = Suspect(0, 3, "tbe", K, (Candidate("the", {"fits": 0.0, "crowded": 4.0}, "why"),))
    # best case: fits=1, crowded=0 -> sigmoid(-1) = 0.27; as it stands sigmoid(-7)
    assert Probe(repairer.resources, weights, 0.2).reportable([low], ranges)
    assert not Probe(repairer.resources, weights, 0.3).reportable([low], ranges)
    assert not Probe(repairer.resources, weights, 0.2).reportable([low], {})


def _documents() -> st.SearchStrategy[str]:
    paragraph = st.one_of(clean_prose, garbled_prose, st.sampled_from(CLEAN_LINES), st.sampled_from([g for g, _ in PROSE]))
    return st.tuples(st.lists(paragraph, min_size=1, max_size=10), st.sampled_from(["\n", "\n\n", " "])).map(
        lambda parts: parts[1].join(parts[0])
    )


TOKEN_DETECTORS = [d for d in DETECTORS if d.reads == "tokens"]


def _name(detector) -> str:
    return getattr(detector, "__name__", type(detector).__name__).rsplit(".", 1)[-1]


def _uncovered(repairer: Repairer, detector, text: str, markup: str = "text") -> list[str]:
    """Suspects ``detector`` finds reading every token that would change a result, but
    that stand outside the cores its gate alone gives the screen."""
    screening = repairer.screen.screen(text, (detector,))
    ctx = Context(Document(text, regions(text, markup, repairer.keep)), repairer.resources)
    out = []
    for suspect in detector.detect(ctx):
        best = max(repairer.weights.confidence(suspect.kind, c) for c in suspect.candidates)
        if best >= repairer.screen.floor and not screening.keeps(suspect.start, suspect.end, True):
            out.append(f"{suspect.before!r} at {suspect.start}")
    return out


@pytest.fixture(scope="module")
def dev_repairer(lexicon_path) -> Repairer:
    return Repairer([lexicon_path])


@pytest.mark.parametrize("detector", TOKEN_DETECTORS, ids=_name)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_documents())
def test_a_gate_covers_every_suspect_of_its_detector_on_generated_documents(dev_repairer, detector, text):
    """Screened by its own gate alone, every suspect a detector finds (above the floor) lies in a core."""
    assert _uncovered(dev_repairer, detector, text) == []


@pytest.mark.parametrize("detector", TOKEN_DETECTORS, ids=_name)
def test_a_gate_covers_its_detector_on_the_sample_repository(dev_repairer, detector):
    """The same, on every file of the sample content repository (Markdown included)."""
    for sample in sample_files():
        markup = "markdown" if sample.path.endswith(".md") else "text"
        assert _uncovered(dev_repairer, detector, sample.before.decode("utf-8", errors="replace"), markup) == [], sample.path


@pytest.mark.slow
@pytest.mark.parametrize("detector", TOKEN_DETECTORS, ids=_name)
def test_a_gate_covers_its_detector_on_the_corpora(dev_repairer, detector):
    """The same, on the clean corpora and both sides of every development case."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("clean/**/*.txt"))]
    for path in sorted(CORPORA.glob("dev/*.jsonl")):
        for line in filter(None, path.read_text(encoding="utf-8").split("\n")):
            case = json.loads(line)
            texts += [case["garbled"], case["clean"]]
    for text in texts:
        assert _uncovered(dev_repairer, detector, text) == [], text[:200]


# -- a detector of the test's own, registered under a family of its own ---------
class ShoutDetector:
    """Flags a word of five capitals or more ("QWERTZ" -> "Qwertz")."""

    family = Family("shouting")
    reads = "tokens"
    context_features: dict = {}

    class _Gate(Gate):
        def classify(self, form: str, probe: Probe) -> int:
            return ALONE if len(form) >= 5 and form.isalpha() and form.isupper() else 0

    gate = _Gate()

    def detect(self, ctx: Context) -> Iterator[Suspect]:
        for token in ctx.doc.tokens:
            word = token.text
            if len(word) >= 5 and word.isalpha() and word.isupper() and not ctx.doc.is_protected(token.start, token.end):
                after = word.capitalize()
                yield Suspect(token.start, token.end, word, self.family, (Candidate(after, {"shout": 1.0}, f"“{word}” is shouted"),))


@pytest.fixture
def shouting():
    detector = ShoutDetector()
    register(detector, FamilyWeights(bias=-1.0, weights={"shout": 3.0}, threshold=0.6))
    yield detector
    unregister(detector)


def test_a_new_detector_needs_only_its_own_module_and_one_registry_line(shouting):
    """A detector defined here, with its own family and weights, is run, screened, selected and ignored."""
    assert Family("shouting") in families()
    text = "\n".join(CLEAN_LINES) + "\nThe crowd said QWERTZ to the cornpany.\n"
    screened, exhaustive = Repairer(default_lexicon=False), Repairer(default_lexicon=False, exhaustive=True)
    for repairer in (screened, exhaustive):
        result = repairer.repair(text)
        assert ("QWERTZ", "Qwertz", "shouting") in [(e.before, e.after, e.kind.value) for e in result.edits]
        assert "The crowd said Qwertz to the company." in result.text
    assert screened.repair(text).edits == exhaustive.repair(text).edits
    only = Repairer(default_lexicon=False, select=["shouting"]).repair(text)
    assert [e.after for e in only.edits] == ["Qwertz"]
    assert "QWERTZ" in Repairer(default_lexicon=False, ignore=["shouting"]).repair(text).text
    assert shouting in DETECTORS


def test_a_family_without_weights_is_refused(shouting):
    """A registered family with no weights anywhere is an error naming it, not a crash mid-repair."""
    from repair import detectors

    weights = detectors.DEFAULT_WEIGHTS.pop(shouting.family)
    try:
        with pytest.raises(ValueError, match="shouting"):
            Repairer(default_lexicon=False)
    finally:
        detectors.DEFAULT_WEIGHTS[shouting.family] = weights


@settings(max_examples=200)
@given(st.integers(0, 70), st.integers(0, 2), st.integers(1, 40), st.integers(0, 3))
def test_kept_indices_count_as_itertools_count_does(n, start, held, grown):
    """Indices.upto gives start, start+1, ... as count(start) would, past what it keeps too."""
    import itertools

    from repair.detectors import base

    indices = base.Indices()
    old = base.INDICES_HELD
    base.INDICES_HELD = held
    try:
        indices._held = list(range(min(held, 3)))
        for _ in range(grown):
            indices.upto(n)
        assert list(itertools.islice(indices.upto(n, start), max(0, n - start))) == list(range(start, n))
    finally:
        base.INDICES_HELD = old


def test_the_lexicon_scan_answers_as_form_at_at_every_token():
    """The lexicon gate's scan (which answers a form starting no longer one itself) finds the suspects and
    covered names that asking form_at at every token finds."""
    from repair import Repairer
    from repair.detectors.matching import FIRST_ALONE, FIRST_MULTI, NEWLINE, SECOND, form_at
    from repair.screen import LISTED

    repairer = Repairer()
    text = (
        "See https://github.com/nodejs/node and github, GitHub, Github or GITHUB.\n"
        "Node.js and node.js, New York and new york, Meta AI's and meta ai, Elizabeth-Bennet, new\nyork, GitHub\nActions,\n"
        "the Meta AI team, OpenAI, openai's, JavaScript javascript Javascript, Python-based, Google-Microsoft.\n"
    )
    screening = repairer.screen.screen(text, repairer.detectors)
    listed = screening.memo[LISTED]
    hits, covered = screening.memo[("lexicon_scan", 0)]
    memo, lexicon = repairer.resources.memo("lexicon_firsts"), repairer.resources.lexicon
    toks, ks = listed.toks, listed.kinds
    expected: tuple[list, list] = ([], [])  # form_at asked at every token where a form may start
    named_until = -1
    for i, k in enumerate(ks):
        may_start = k & FIRST_ALONE or (k & FIRST_MULTI and i + 1 < len(ks) and ks[i + 1] & (SECOND | NEWLINE))
        if not may_start or i <= named_until:
            continue
        suspect, until = form_at(memo, lexicon, toks, i, named_until)
        if suspect:
            expected[0].append(i)
        elif until > named_until:
            expected[1].append((i, until))
            named_until = until
    assert (hits, covered) == expected
    assert hits and covered


# Forms a gate may answer for from the form alone: misreadings with and without a
# candidate, words run together, known words, names, long and short forms, a
# ligature, accents, letters outside ASCII, and digits and apostrophes read as letters.
LONE_FORMS = ["tbe", "cornpany", "wliich", "kingwas", "everytime", "Theprimary", "notbooks", "the", "Paris",
              "qzxv", "antidisestablishmentarianisms", "ab", "fulﬁl", "café", "naïve", "Straße", "ſome", "oftheir",
              "wou1d", "c0mpany", "tbe's", "isn't", "37years", "1990was", "2020the"]


@pytest.mark.parametrize("module", ["garbled", "run_on"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.sampled_from(LONE_FORMS), st.text(st.sampled_from("aeiorsntlhcmbwfkſéïß10'"), min_size=1, max_size=16)))
def test_a_gate_rules_out_by_the_form_alone_only_what_its_detector_finds_nothing_in(dev_repairer, module, form):
    """The shortcut (``_no_candidate``, ``_no_split``) answers without a document only
    where the detector, reading the form alone, finds nothing reportable."""
    from repair.detectors import garbled, run_on

    detector, ruled_out = (garbled, garbled._no_candidate) if module == "garbled" else (run_on, run_on._no_split)
    probe = dev_repairer.screen.probe
    for written in (form, form.capitalize()):
        if ruled_out(probe.resources, written):
            assert not probe.reportable(detector.detect(probe.lone(written)), detector.context_features)


def test_the_gates_shortcut_answers_for_most_unknown_forms_and_not_for_a_reportable_one(dev_repairer):
    from repair.detectors import garbled, run_on

    resources = dev_repairer.resources
    assert garbled._no_candidate(resources, "qzxv") and not garbled._no_candidate(resources, "cornpany")
    assert run_on._no_split(resources, "qzxv") and not run_on._no_split(resources, "kingwas")
