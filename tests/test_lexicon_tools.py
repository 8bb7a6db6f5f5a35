"""`repair lexicon build|check|show`, and reading Vale and codespell files."""

from click.testing import CliRunner

from repair import Repairer
from repair.cli import main
from repair.lexicon import load_lexicon


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


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
    (tmp_path / "a.md").write_text("We build the site with nextra.\n\n```\nzorbfoo = 1\nzorbfoo()\n```\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("The nextra theme has a sidebar.\n", encoding="utf-8")
    out = tmp_path / "learned.txt"
    assert run("lexicon", "build", str(tmp_path), "-o", str(out)).exit_code == 0
    entries = [l for l in out.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    assert entries == ["nextra"]  # "zorbfoo" is only in code
    lone = "Use nextra for docs.\n"
    assert Repairer().repair(lone, markup="markdown").text == "Use extra for docs.\n"  # alone, one letter from "extra"
    assert Repairer([out]).repair(lone, markup="markdown").text == lone
    assert "nextra" not in run("lexicon", "build", str(tmp_path), "--no-words").stdout
