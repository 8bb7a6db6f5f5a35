"""Known wrong forms from lexicon aliases, gated by context."""


def test_alias_fixed_when_entity_is_mentioned(fix):
    text = "DeepSeek released R1. In depth said the model was cheap to train."
    assert fix(text) == "DeepSeek released R1. DeepSeek said the model was cheap to train."


def test_alias_that_is_plain_english_needs_context(fix):
    text = "In depth reporting takes time and money."
    assert fix(text) == text


def test_alias_revealed_by_a_run_on_split_is_fixed_in_one_call(repairer):
    text = "DeepSeek released R1. In depththe lab said it was cheap."
    result = repairer.repair(text)
    assert result.text == "DeepSeek released R1. DeepSeek the lab said it was cheap."
    (edit,) = result.edits
    assert edit.before == "In depththe" and "then" in edit.reason
