"""`repair lexicon build|check|show`, and reading Vale and codespell files."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from repair import Repairer
from repair.cli import main
from repair.lexicon import Lexicon, load_lexicon


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def built(tmp_path) -> tuple[Path, list[str]]:
    """``repair lexicon build`` over ``tmp_path`` (which must succeed): the file written and its entries."""
    out = tmp_path.parent / f"{tmp_path.name}-learned.txt"
    assert run("lexicon", "build", str(tmp_path), "-o", str(out)).exit_code == 0
    return out, [l for l in out.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]


def test_build_learns_consistent_names(tmp_path):
    (tmp_path / "a.md").write_text(
        "QuantaFlow launched. The team at Blue Origin met NATO.\n\nLater QuantaFlow grew and Blue Origin flew; NATO met.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("The Red Planet is far. Nobody says red planet twice. The Red Planet.\n", encoding="utf-8")
    out = tmp_path / "learned.txt"
    result = run("lexicon", "build", str(tmp_path), "-o", str(out))
    assert result.exit_code == 0
    names = [l for l in out.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    assert names == ["Blue Origin", "NATO", "QuantaFlow"]  # "Red Planet" is also written "red planet"
    assert load_lexicon(out).canonicals.keys() == set(names)


def test_check_reports_errors_and_warnings(tmp_path):
    lexicon = tmp_path / "lex.txt"
    lexicon.write_text("Openai\nOpenAI\nfoo -> bar\nbar -> foo\nApple\nZorblax\nZorblax\n", encoding="utf-8")
    result = run("lexicon", "check", str(lexicon))
    assert result.exit_code == 1
    out = result.stdout
    assert "lex.txt:2: warning: conflicting casings" in out
    assert "alias cycle through 'foo'" in out
    assert "'Apple' is also the common word 'apple'" in out
    assert "lex.txt:7: error: duplicate of 'Zorblax'" in out
    clean = tmp_path / "clean.txt"
    clean.write_text("Zorblax\nQuantaFlow\n", encoding="utf-8")
    assert run("lexicon", "check", str(clean)).exit_code == 0


def test_show_names_the_file(tmp_path):
    lexicon = tmp_path / "lex.txt"
    lexicon.write_text("Zorblax Labs\nZorblax Lab -> Zorblax Labs\n", encoding="utf-8")
    result = run("lexicon", "show", "zorblax labs", "--lexicon", str(lexicon))
    assert result.exit_code == 0
    assert f"Zorblax Labs: canonical name (full) from {lexicon}:1" in result.stdout
    assert "OpenAI: canonical name" in run("lexicon", "show", "openai").stdout
    assert run("lexicon", "show", "no-such-name-anywhere").exit_code == 1


def test_reads_vale_vocabularies(tmp_path):
    accept = tmp_path / "accept.txt"
    accept.write_text("QuantaFlow\n[Oo]bsidian\nZorblax Labs\n", encoding="utf-8")
    lexicon = load_lexicon(accept)
    assert set(lexicon.canonicals) == {"QuantaFlow", "Zorblax Labs"}
    assert Repairer([accept]).repair("We met zorblax labs about Quantaflow.").text == "We met Zorblax Labs about QuantaFlow."


def test_reads_codespell_dictionaries(tmp_path):
    words = tmp_path / "dictionary.txt"
    words.write_text("teh->the\nabandonned->abandoned\ninout->input, in out,\n", encoding="utf-8")
    lexicon = load_lexicon(words)
    assert {e.alias for e in lexicon.aliases.values()} == {"teh", "abandonned"}  # several suggestions: not automatic
    assert Repairer([words], default_lexicon=False).repair("He said teh plan was abandonned by the board.").text == (
        "He said the plan was abandoned by the board."
    )


def test_build_learns_the_words_the_prose_keeps_using(tmp_path):
    """Unknown lower-case words used again across the repository become known words, so a
    file that uses one once is left alone whatever else a run reads."""
    (tmp_path / "a.md").write_text("We build the site with pextra.\n\n```\nzorbfoo = 1\nzorbfoo()\n```\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("The pextra theme has a sidebar.\n", encoding="utf-8")
    out = tmp_path / "learned.txt"
    assert run("lexicon", "build", str(tmp_path), "-o", str(out)).exit_code == 0
    entries = [l for l in out.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    assert entries == ["pextra"]  # "zorbfoo" is only in code
    lone = "Use pextra for docs.\n"
    assert Repairer().repair(lone, markup="markdown").text == "Use extra for docs.\n"  # alone, one letter from "extra"
    assert Repairer([out]).repair(lone, markup="markdown").text == lone
    assert "pextra" not in run("lexicon", "build", str(tmp_path), "--no-words").stdout


def _learned(corpus, *args):
    """The names ``repair lexicon build`` learns from the folder ``corpus`` (printed, so nothing is written into it)."""
    result = run("lexicon", "build", str(corpus), "-o", "-", "--no-words", *args)
    assert result.exit_code == 0
    return [l for l in result.stdout.splitlines() if not l.startswith("#")]


def test_build_learns_a_distinctive_name_from_one_clean_mention(tmp_path):
    """A multi-word name with a capitalised compound or a camel-case part, written once mid-sentence, is learned."""
    (tmp_path / "article.txt").write_text(
        "The lab is a subsidiary of Zurich-based Bright-Kestrel Asset Partners, which few had heard of.\n"
        "Its chief scientist, Yann LeCunningham, said the model was cheap.\n",
        encoding="utf-8",
    )
    assert _learned(tmp_path) == ["Bright-Kestrel Asset Partners", "Yann LeCunningham"]
    assert _learned(tmp_path, "--distinctive-min-uses", "2") == []


def test_one_mention_of_a_title_case_phrase_or_a_start_is_no_evidence(tmp_path):
    """English capitalised for show, a run opening a sentence or a line, and an English compound are not learned from one mention."""
    (tmp_path / "article.md").write_text(
        "# In The Morning Zorvath\n\n"
        "We met early, as we do In The Morning, to read the Page Bundles guide.\n"
        "Zorvath Kellerman wrote it, and the Server-Side Rendering notes came later.\n"
        "- Quillon Marsh reviewed it.\n"
        "Then __Prentiss Vole__ and the Asia and Europe teams signed off, with Brindle Oakhurst-Vane.\n",
        encoding="utf-8",
    )
    assert _learned(tmp_path) == ["Brindle Oakhurst-Vane"]


def test_a_distinctive_name_written_another_way_is_not_learned(tmp_path):
    """One mention is enough only when the corpus never writes the name, or its distinctive part, another way."""
    (tmp_path / "a.txt").write_text("Funding came from Bright-Kestrel Asset Partners last year.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Funding came from Dovetail-Marrow Holdings this year.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Some call them bright-kestrel investors.\n", encoding="utf-8")
    assert _learned(tmp_path) == ["Dovetail-Marrow Holdings"]


def test_build_learns_names_from_prose_not_code(tmp_path):
    """Identifiers in a Markdown code block are not names the team writes, however often they recur."""
    (tmp_path / "a.md").write_text(
        "Call the helper as shown.\n\n```js\nconst el = getElementById('x');\ngetElementById('y');\n```\n\nThe team at QuantaFlow uses it; QuantaFlow likes it.\n",
        encoding="utf-8",
    )
    assert _learned(tmp_path) == ["QuantaFlow"]


def test_the_example_article_names_are_learned_from_one_file():
    """On the shared example clean article (when present), its one-off company and person names are learned."""
    article = Path(__file__).resolve().parents[2] / "shared" / "examples" / "clean-article.txt"
    if not article.is_file():
        pytest.skip(f"{article} is absent (the team's shared examples are not part of a clone)")
    from repair.lexicon_tools import learn_names
    from repair.resources import Resources

    names = learn_names([article.read_text(encoding="utf-8")], Resources(lexicon=Lexicon()).vocabulary)
    assert {"High-Flyer Capital Management", "Yann LeCun", "DeepSeek", "OpenAI"} <= set(names)
    assert not {"Silicon Valley", "As Silicon Valley", "Marc Andreessen", "Mark Zuckerberg"} & set(names)  # sentence starts


def test_build_learns_no_lower_case_word_the_prose_also_capitalises(tmp_path):
    """A word the prose writes both "zorbdocs" (commands) and "ZorbDocs" (the name) is a name, not a lower-case word to impose."""
    (tmp_path / "a.md").write_text("Run zorbdocs serve and zorbdocs build; ZorbDocs then serves the site.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Every page uses pextra and pextra themes.\n", encoding="utf-8")
    out, entries = built(tmp_path)
    assert "zorbdocs" not in entries and "pextra" in entries
    text = "Use ZorbDocs for the docs.\n"
    assert Repairer([out]).repair(text, markup="markdown").text == text


def test_build_learns_neither_of_two_spellings_nor_a_word_the_prose_splits(tmp_path):
    """A one-off name spelt two ways ("Bouças", "Boucas") is not learned, nor a word also written as two ("frontmatter", "Front Matter")."""
    (tmp_path / "a.md").write_text(
        "Thanks to Eduardo Bouças, to Eduardo Boucas and to Quillon Brindlemarsh.\n\n"
        "Set the frontmatter here; the frontmatter keys and the Front Matter guide agree.\n",
        encoding="utf-8",
    )
    _, entries = built(tmp_path)
    assert entries == ["Quillon Brindlemarsh"]


def test_build_learns_no_entry_the_corpus_also_writes_a_letter_or_two_away(tmp_path):
    """Clean text writing "TextEncoder" and "TextDecoder", or "Clauss" and "cclauss", keeps both: neither becomes an entry that would fix the other."""
    (tmp_path / "a.md").write_text(
        "Use TextEncoder here and TextDecoder there; TextEncoder and TextDecoder differ.\n\n"
        "Thanks to Christian Clauss (cclauss) and again cclauss, and to QuantaFlow, twice: QuantaFlow.\n\n"
        "We added DavidZorbela's tutorial, and thanked David Zorbela.\n",
        encoding="utf-8",
    )
    out, entries = built(tmp_path)
    assert entries == ["QuantaFlow"]
    text = "Thanks to Christian Clauss for the TextDecoder fix.\n"
    assert Repairer([out]).repair(text, markup="markdown").text == text


def test_build_learns_no_identifier_the_prose_also_writes_as_capitalised_words(tmp_path):
    """A corpus writing "sideEffects" and the heading "Side Effects" keeps both: no entry joins the heading's words."""
    (tmp_path / "a.md").write_text(
        "# Side Effects\n\nSet sideEffects in the manifest; sideEffects tells the bundler more.\n",
        encoding="utf-8",
    )
    out, entries = built(tmp_path)
    assert entries == []
    text = "## Side Effects\n\nMark the package.\n"
    assert Repairer([out]).repair(text, markup="markdown").text == text
