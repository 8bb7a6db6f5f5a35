"""The lexicon file contract: comments, aliases, clear errors naming file and line."""

import pytest

from repair import LexiconError, load_lexicon
from repair.lexicon import Lexicon, parse_lexicon


def test_parses_canonicals_aliases_and_comments(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text(
        "# comment line\n\nOpenAI\nHigh-Flyer Capital Management  # trailing comment\nC#\nIn depth -> DeepSeek\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    assert set(lexicon.canonicals) == {"OpenAI", "High-Flyer Capital Management", "C#", "DeepSeek"}
    (alias,) = lexicon.aliases.values()
    assert (alias.alias, alias.canonical) == ("In depth", "DeepSeek")
    assert alias.source == f"{path}:6"


def test_reads_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffOpenAI\n".encode("utf-8"))
    assert set(load_lexicon(path).canonicals) == {"OpenAI"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("a -> b -> c", "more than one"),
        (" -> DeepSeek", "wrong form on the left"),
        ("DeepSeek ->", "wrong form on the left"),
        ("Same -> Same", "equals its canonical form"),
        ("!!!", "no letter or digit"),
        ("bad\x07bell", "control character"),
    ],
)
def test_malformed_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(f"OpenAI\n{line}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert info.value.path == str(path)
    assert info.value.line == 2
    assert message in str(info.value)
    assert f"{path}:2" in str(info.value)


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"OpenAI\nMontr\xe9al\n")
    with pytest.raises(LexiconError, match="not valid UTF-8") as info:
        load_lexicon(path)
    assert info.value.line == 2


def test_missing_file_is_a_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "nope.txt")


def test_merged_keeps_first_source_and_all_entries():
    a = Lexicon(parse_lexicon("OpenAI\n", "a.txt"))
    b = Lexicon(parse_lexicon("OpenAI\nDeepSeek\nDeepseek AI -> DeepSeek\n", "b.txt"))
    merged = Lexicon.merged([a, b])
    assert merged.canonicals["OpenAI"].source == "a.txt:1"
    assert set(merged.canonicals) == {"OpenAI", "DeepSeek"}
    assert len(merged) == 3


def test_fuzzy_pool_finds_names_with_a_damaged_second_letter():
    lexicon = Lexicon(parse_lexicon("Bingley\nPython\n", "t"))
    assert any(entry.canonical == "Bingley" for _, entry in lexicon.fuzzy_pool("bngley"))
    assert any(entry.canonical == "Python" for _, entry in lexicon.fuzzy_pool("ptyhon"))


def test_canonical_forms_lists_every_casing_of_a_name():
    lexicon = Lexicon(parse_lexicon("iPhone\nIPhone\nMeta AI\n", "t"))
    assert sorted(lexicon.canonical_forms("iphone")) == ["IPhone", "iPhone"]
    assert lexicon.canonical_forms("meta ai") == ["Meta AI"]
    assert lexicon.canonical_forms("meta") == []


def test_a_merge_into_a_compiled_lexicon_keeps_its_other_buckets_compiled(tmp_path, monkeypatch):
    """Adding a few names to a cached 1,000-name lexicon builds only the buckets they touch."""
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "names.txt"
    path.write_text("".join(f"Zqname{i} Corp\n" for i in range(1000)) + "OpenAI\n", encoding="utf-8")
    load_lexicon(path)  # writes the compiled cache
    big = load_lexicon(path)  # reads it: buckets stay compiled until looked up
    small = Lexicon(parse_lexicon("Openai -> OpenAI\nDeepSeek\n", "mine.txt"))
    merged = Lexicon.merged([small, big])
    assert merged._raw_first is not None and len(merged._by_first) <= 3
    assert {e.canonical for _, e in merged.starting_with("openai")} == {"OpenAI"}
    assert [e.alias for _, e in merged.starting_with("openai") if e.alias] == ["Openai"]
    assert [e.canonical for _, e in merged.starting_with("zqname7")] == ["Zqname7 Corp"]
    assert len(merged) == len(big) + 2


def test_key_sets_carried_through_cache_copy_and_merge_are_exact(tmp_path, monkeypatch, lexicon_path):
    """Second tokens are compiled with a lexicon, and both key sets are carried into
    copies; they must equal the sets computed from the entries themselves."""
    from repair.lexicon import Entry, builtin_lexicon

    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "names.txt"
    user.write_text("Zork Industries\nNew Zork -> New York\nOpenAI\n", encoding="utf-8")
    load_lexicon(user)  # writes the compiled cache
    parts = [builtin_lexicon(), load_lexicon(user), load_lexicon(lexicon_path), Lexicon([Entry("Fresh Name", "<test>")])]
    for lexicon in [parts[1], parts[0].copy(), Lexicon.merged(parts)]:
        carried = (lexicon.first_keys(), lexicon.second_keys())
        lexicon._first_keys = lexicon._second_keys = None
        assert (lexicon.first_keys(), lexicon.second_keys()) == carried
    assert {"zork", "fresh"} <= Lexicon.merged(parts).first_keys()
    assert {"industries", "zork", "name"} <= Lexicon.merged(parts).second_keys()
