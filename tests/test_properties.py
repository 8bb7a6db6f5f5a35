"""Properties every repair must keep, on generated text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair import apply_edits

COMMON = (
    "about after again against all also always among and another any around asked away back because been "
    "before began being best better between both brought called came change children city close come could "
    "country course days during each early easy end enough even every face fact family far felt few find "
    "first following food form found four from full gave general given good great group half hand hard "
    "having head heard help high home house however important interest into just keep kind knew know land "
    "large last later least left less life light line little live long looked made make many matter might "
    "money more most mother much must name near need never next night nothing number often once only open "
    "order other over own part people perhaps place point power present problem public quite rather really "
    "right room said same school second seemed several shall short should show side since small social "
    "something soon still story such system table taken than that their them then there these thing think "
    "those though thought three through time today together took toward turned under until upon used very "
    "want water week well went were what when where whether which while white whole will with within without "
    "woman words work world would year years young"
).split()
NAMES = ["DeepSeek", "OpenAI", "PyTorch", "Meta AI", "Blue Origin", "High-Flyer"]


@st.composite
def clean_sentence(draw) -> str:
    words = draw(st.lists(st.sampled_from(COMMON), min_size=3, max_size=14))
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]  # no doubled words
    if draw(st.booleans()):
        position = draw(st.integers(0, len(words)))
        words.insert(position, draw(st.sampled_from(NAMES)))
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    first = words[0]
    words[0] = first if first in NAMES else first.capitalize()
    return " ".join(words) + draw(st.sampled_from([".", "!", "?"]))


clean_prose = st.lists(clean_sentence(), min_size=1, max_size=6).map(" ".join)

GARBLES = [
    lambda s: s.replace(" the ", " tbe ", 1),
    lambda s: s.replace(" company", " cornpany", 1),
    lambda s: s.replace("DeepSeek", "Deepseek", 1),
    lambda s: s.replace("OpenAI", "Openai", 1),
    lambda s: s.replace(" more ", " more more ", 1),
    lambda s: s.replace(". ", ".", 1),
    lambda s: s.replace(" which", "which", 1),
    lambda s: s.replace(" used ", " Used ", 1),
    lambda s: s.replace("’", "â€™", 1),
]
garbled_prose = st.tuples(clean_prose, st.lists(st.sampled_from(GARBLES), max_size=4)).map(
    lambda pair: _apply_all(*pair)
)


def _apply_all(text: str, garbles) -> str:
    for garble in garbles:
        text = garble(text)
    return text


any_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=300)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_result(source: str, result) -> None:
    assert result.source == source
    assert apply_edits(source, result.edits) == result.text
    previous_end = -1
    for edit in result.edits:
        assert source[edit.start : edit.end] == edit.before
        assert edit.start >= previous_end, "edits overlap or are out of order"
        previous_end = edit.end
        assert 0.0 <= edit.confidence <= 1.0
        assert edit.reason
    for finding in result.flags:
        assert source[finding.start : finding.end] == finding.before


@SETTINGS
@given(text=any_text)
def test_arbitrary_unicode_never_crashes_and_edits_replay(repairer, text):
    _check_result(text, repairer.repair(text))


@SETTINGS
@given(text=garbled_prose)
def test_edits_replay_and_never_overlap(repairer, text):
    _check_result(text, repairer.repair(text))


@SETTINGS
@given(text=garbled_prose)
def test_repair_is_idempotent(repairer, text):
    once = repairer.repair(text)
    twice = repairer.repair(once.text)
    assert twice.edits == (), f"second pass changed {[(e.before, e.after) for e in twice.edits]}"


@SETTINGS
@given(text=clean_prose)
def test_clean_prose_with_correct_names_is_left_alone(repairer, text):
    result = repairer.repair(text)
    assert result.edits == (), [(e.before, e.after, e.reason) for e in result.edits]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00\x01\x02 control \x1b[31m characters \x7f",
        "lone \ud800 surrogate \udfff here",
        "x" * 200_000,
        "Word" * 50_000,
        "“" * 100_000,
        "(" * 50_000 + ")" * 50_000,
        ". " * 100_000,
        "a-" * 100_000,
        "\u0301" * 10_000,
    ],
)
def test_hostile_inputs_finish_quickly(repairer, text):
    import time

    started = time.perf_counter()
    result = repairer.repair(text)
    assert time.perf_counter() - started < 20
    _check_result(text, result)
