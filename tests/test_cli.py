"""`repair fix -`: the stable stdin-to-stdout filter."""

import pytest
from click.testing import CliRunner

from repair.cli import main


@pytest.fixture
def run():
    def invoke(args, data):
        runner = CliRunner()
        return runner.invoke(main, args, input=data)

    return invoke


def test_fix_stdin_to_stdout(run):
    result = run(["fix", "-"], "The cornpany wou1d ship.\n".encode())
    assert result.exit_code == 0
    assert result.stdout == "The company would ship.\n"


def test_lexicon_option_adds_names(run, tmp_path):
    lexicon = tmp_path / "names.txt"
    lexicon.write_text("# ours\nZorblax Labs\n", encoding="utf-8")
    plain = run(["fix", "-"], b"We met zorblax labs today.\n")
    taught = run(["fix", "--lexicon", str(lexicon), "-"], b"We met zorblax labs today.\n")
    assert plain.stdout == "We met zorblax labs today.\n"
    assert taught.stdout == "We met Zorblax Labs today.\n"


def test_explain_writes_one_line_per_edit_to_stderr(run):
    result = run(["fix", "--explain", "-"], "Openai said tbe rest.\n".encode())
    assert result.stdout == "OpenAI said the rest.\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("0 1:1: 'Openai' → 'OpenAI' (entity-case, ")
    assert "'tbe' → 'the' (garbled-word, " in lines[1]


def test_diff_option(run):
    result = run(["fix", "--diff", "-"], b"It wou1d be fine.\n")
    assert result.stdout.splitlines()[:2] == ["--- a/stdin", "+++ b/stdin"]
    assert "+It would be fine." in result.stdout


def test_non_utf8_input_is_refused_with_exit_2(run):
    result = run(["fix", "-"], "caf\xe9 au lait\n".encode("latin-1"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "not UTF-8" in result.stderr and "line 1" in result.stderr


def test_malformed_lexicon_names_file_and_line(run, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Good Name\nwrong -> \n", encoding="utf-8")
    result = run(["fix", "--lexicon", str(bad), "-"], b"text\n")
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and ":2" in result.stderr


def test_missing_lexicon_is_a_clear_error(run, tmp_path):
    result = run(["fix", "--lexicon", str(tmp_path / "nope.txt"), "-"], b"text\n")
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr
