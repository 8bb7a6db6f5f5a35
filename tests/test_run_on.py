"""Run-together words: split only what is no word and splits cleanly."""

import pytest


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("The report was in depththe whole week.", "The report was in depth the whole week."),
        ("The lab shipped R1which beats the old model.", "The lab shipped R1 which beats the old model."),
        ("It was a long day at the office.Join us tomorrow.", "It was a long day at the office. Join us tomorrow."),
        ("Analysts expect growth.Investors agree.", "Analysts expect growth. Investors agree."),
        ("She began the acquaintance.Mr. Collins listened.", "She began the acquaintance. Mr. Collins listened."),
        ("Analysts expect slow growth.Investors\nagree.", "Analysts expect slow growth. Investors\nagree."),  # prose wraps anywhere
        ("Prices rose again in March, and thecompany said so.", "Prices rose again in March, and the company said so."),
    ],
)
def test_splits_run_together_words(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.com/page.Join for details.",
        "Write to press.office@example.org today.",
        "The U.S. economy grew, e.g. in farming.",
        "The server runs Node.js and reads config.yaml on start.",
        "Upgrade to version 3.11.4 before Friday.",
        "The meeting starts at 4pm and lasts 90min on the 10th floor.",
        "Homeownership and the filesystem are ordinary words now.",
        "Il est sorti un art simple et noble, expressif et mesuré.",
        "The `headers` and `meta` are kept when available in gs.Key.\n",  # a member ending its line on a typed page
        "### uri_template.Variable\n\nA variable of the template.\n",  # a namespace written as an identifier
    ],
)
def test_leaves_protected_and_real_words_alone(fix, text):
    assert fix(text) == text


_TYPED = "Run `npm install`, then `npm test`.\n\n"


@pytest.mark.parametrize(
    "line",
    [
        "The lock used is threading.Lock. You can swap it.\n",  # the member would be a sentence of one word
        "* Add missing scope.Close to fs.sendfileSync\n",  # the line names code in code's own casing
    ],
)
def test_a_member_on_a_typed_page_is_kept(fix, line):
    assert fix(_TYPED + line) == _TYPED + line


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("Stop and return an object.The content is set.\n", "Stop and return an object. The content is set.\n"),
        ("She began the acquaintance.Mr. Collins listened.\n", "She began the acquaintance. Mr. Collins listened.\n"),
    ],
)
def test_a_sentence_run_on_on_a_typed_page_is_still_split(fix, garbled, clean):
    """Nothing on the line is code and the sentence goes on past the word after the dot
    (an abbreviation's period ends no sentence): a sentence run on."""
    assert fix(_TYPED + garbled) == _TYPED + clean


def test_reason_names_the_parts(repairer):
    (edit,) = repairer.repair("The report was in depththe whole week.").edits
    assert edit.kind.value == "run-on"
    assert "depth" in edit.reason and "the" in edit.reason


def test_a_word_broken_apart_is_not_split_further(fix):
    # "to gether" is "together" broken in two, not "get her" glued together
    assert fix("Put any dozen of the largest noses to gether in all the town.") == (
        "Put any dozen of the largest noses to gether in all the town."
    )


def test_half_of_a_word_a_line_break_split_is_joined_not_split(fix):
    # "gether" would split into "get her"; it is the end of "to- gether"
    assert fix("They came to- gether at last.") == "They came together at last."


@pytest.mark.parametrize("text", ["The theeves woke at dawn.", "We rode the theeves home."])
def test_a_split_that_would_double_a_word_is_not_made(fix, text):
    # "theeves" (old print's "thieves") is not "the eves" after "The": that would read "The the eves"
    assert fix(text) == text


@pytest.mark.parametrize("text", ["He came as soone as he could.", "The fire was warme enough.", "They sold it to two severall men."])
def test_a_word_with_an_added_e_or_a_doubled_letter_is_not_split(fix, text):
    # old print's "soone", "warme", "severall" are one word each, not "so one", "war me", "sever all"
    assert fix(text) == text


def test_two_common_words_outweigh_a_rarer_word_with_an_e_added(fix):
    # "forthe" could be "forth" with an "e", but "for the" is far likelier
    assert fix("The firm cut its forecast forthe second time.") == "The firm cut its forecast for the second time."


@pytest.mark.parametrize("word", ["datetime", "async", "webhook"])
def test_words_of_software_writing_are_not_split(fix, word):
    # no English list holds them; "date time", "a sync", "web hook" would damage a docs page
    text = f"The guide shows how each {word} is handled."
    assert fix(text) == text


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("In the meeting,the minister spoke.", "In the meeting, the minister spoke."),
        ("They painted picture;que views.", "They painted picture;que views."),  # a misread letter, not a lost space
        ("Of any Substance,or Places,and of all Goods,after a time.", "Of any Substance,or Places,and of all Goods,after a time."),  # the text's typography
        ("The columns are id,name,email in that order.", "The columns are id,name,email in that order."),  # a list of fields
        ("It cost 1,000 dollars, or {m,n} of them.", "It cost 1,000 dollars, or {m,n} of them."),
    ],
)
def test_a_space_lost_after_a_comma_between_words_is_restored(fix, garbled, clean):
    assert fix(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        "It reads the resources.Minify option first.",  # a member no word list knows
        "It adds global.Timer hooks, and global.Timer reads them.",  # the same "global." twice
        "It fixes the shared.Server options, as shared.connect does.",  # "shared." a namespace elsewhere
    ],
)
def test_leaves_member_access_alone(fix, text):
    """A dot between an identifier and its capitalised member is code, not a sentence run on."""
    assert fix(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Install the jekyll-newpost plugin first.",  # part of a hyphenated name
        "- fix the cache (firstpage) [#12]",  # a handle alone in brackets
        "Read [firstpage](https://example.org/firstpage-tool) first.",  # the link's target spells it
        "The tool automatically inlines small files.",  # "inline" inflected
        "It keeps timestamping them.",  # "timestamp" inflected
        "Load the webfonts early.",  # a software word ("webfont") inflected
        "Call the sha2Hash helper.",  # camel case: "Hash" is one word
        "We use arc4rand on that system.",  # a lower-case identifier with a digit
        "It no longer uses the 'morestack' feature.",  # a name alone in quotes
        "Fixed **mac,node-pre-gyp** builds.",  # a list of names, one hyphenated
    ],
)
def test_leaves_names_and_inflected_words_whole(fix, text):
    """Compounds that layout or morphology shows to be one word are not split."""
    assert fix(text) == text


def test_a_command_line_option_is_one_word(fix):
    """A word after "--" is an option's name, whatever words it seems to hold."""
    text = "Pass the --nosystem argument when no system Python exists."
    assert fix(text) == text


def test_slip_of_a_word_the_text_repeats_is_not_split(repairer):
    """An unknown word one letter from a word the text keeps using is a typing slip, not two words."""
    text = (
        "The notebooks run nightly. Keep notebooks small, and clear notebooks before commit.\n\n"
        "- Fixed a crash when notbooks held empty cells.\n"
    )
    assert repairer.repair(text, markup="markdown").text == text


@pytest.mark.parametrize("word", ["rollup", "matcha"])
def test_npm_package_names_written_as_words_are_not_split(fix, word):
    """Docs write popular packages' names in lower case as words (npm's list, vendored):
    "roll up", "match a" would rename the tool."""
    text = f"We moved the build from webpack to {word} last year."
    assert fix(text) == text


PAGE_LINE = "- The build reads `config.toml` first, then the [plugin list](https://example.com/plugins) it names, and each plugin in turn.\n"


def _typed_page(*lines: str, filler: int = 25) -> str:
    """A Markdown page (code spans and links: typed) with ``lines`` in its middle between
    ``filler`` lines of plain list items on each side (25: about 1,100 words)."""
    return "# Changes\n\n" + PAGE_LINE * filler + "".join(lines) + PAGE_LINE * filler


def test_a_typed_page_keeps_a_lone_unknown_compound(repairer):
    """One unknown word in a long typed page is the page's own identifier, not two words run together."""
    text = _typed_page("- Fixed the onsave handler when a file is closed early.\n")
    assert not repairer.repair(text, markup="markdown").edits
    plain = text.replace("`", "").replace("[plugin list](https://example.com/plugins)", "plugin list")
    (edit,) = repairer.repair(plain).edits  # prose without typed marks: read as before
    assert edit.after == "on save"


def test_a_typed_page_that_runs_words_together_again_and_again_is_repaired(repairer):
    """Damage that loses spaces shows as a pattern: a typed page with several such words gets them split."""
    text = _typed_page(
        "- Fixed the onsave handler when a file is closed early.\n",
        "- The cache is now cleared forthe second time at the end of a run.\n",
        "- When a plugin fails, the build stops andthe log says which one.\n",
        filler=4,
    )
    after = repairer.repair(text, markup="markdown").text
    assert "for the second" in after and "and the log" in after and "on save handler" in after
