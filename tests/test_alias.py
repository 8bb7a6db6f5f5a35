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


def test_ordinary_alias_fires_mid_sentence_without_the_name(fix):
    """Written as declared and capitalised mid-sentence, an ordinary-word alias is fixed with the real name nowhere in the text."""
    assert fix("The Chinese lab In depth released R1 last week.") == "The Chinese lab DeepSeek released R1 last week."
    assert fix("Analysts say In depth the subsidiary surprised everyone.") == "Analysts say DeepSeek the subsidiary surprised everyone."


def test_ordinary_alias_at_a_start_or_in_lower_case_is_english(fix):
    """The same words opening a sentence, a line or a list item, or in lower case, are left alone; mid-sentence they are not."""
    for text in (
        "Prices fell. In depth the report compared it with rivals.",
        "Prices fell:\n- In depth the report compared it with rivals.",
        "Prices fell as the lab in depth compared it with rivals.",
        "Prices fell as the lab In Depth compared it with rivals.",
    ):
        assert fix(text) == text
    assert fix("Prices fell as the lab In depth compared it with rivals.") == "Prices fell as the lab DeepSeek compared it with rivals."


def test_ordinary_alias_stays_where_the_word_model_reads_english(fix):
    """A neighbour the phrase joins in ordinary English ("In depth analysis") keeps it, while an unrelated one does not."""
    assert fix("The paper gives an In depth analysis of the market.") == "The paper gives an In depth analysis of the market."
    assert fix("The paper compares In depth with its rivals.") == "The paper compares DeepSeek with its rivals."


def test_ordinary_alias_in_a_title_case_run_is_left_alone(fix):
    """Between capitalised words the capital reads as a title's ("The Deep In depth Fund"), not as a name's."""
    assert fix("Investors in The Deep In depth Fund lost money.") == "Investors in The Deep In depth Fund lost money."
    assert fix("Investors in the deep In depth fund lost money.") == "Investors in the deep DeepSeek fund lost money."


def test_ordinary_alias_reason_names_the_context(repairer):
    """The edit says why it was made without the name: a capital mid-sentence the word model cannot read as English."""
    (edit,) = repairer.repair("Shares of In depth rose sharply.").edits
    assert edit.after == "DeepSeek" and "capital mid-sentence" in edit.reason and "unlikely" in edit.reason


def test_word_model_is_read_only_for_an_ordinary_alias_written_mid_sentence(lexicon_path):
    """The bigram table stays unread until an ordinary-word alias stands where only context can judge it."""
    from repair import Repairer

    fresh = Repairer([lexicon_path])
    fresh.repair("In depth the report compared it with rivals. The lab in depth released it.")
    assert "_bigrams" not in vars(fresh.word_context)
    fresh.repair("The Chinese lab In depth released R1 last week.")
    assert "_bigrams" in vars(fresh.word_context)
