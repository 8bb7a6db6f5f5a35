"""The lexicon's compiled cache form: what ``thaw`` reads back is the lexicon ``freeze`` wrote."""

from __future__ import annotations

import marshal

import pytest

from repair.lexicon import Entry, Lexicon, builtin_lexicon, parse_lexicon

TEXT = """\
OpenAI
High-Flyer Capital Management
New Zealand
New York Times
In depth -> DeepSeek
Open AI -> OpenAI
!Teh
"""


def _state(lexicon: Lexicon) -> tuple:
    """Everything a look-up can see: entries, keys, every first token's bucket."""
    firsts = sorted(lexicon.first_keys())
    return (
        dict(lexicon.canonicals),
        dict(lexicon.aliases),
        set(lexicon.never),
        firsts,
        sorted(lexicon.second_keys()),
        [lexicon.starting_with(first) for first in firsts],
    )


def _round_trip(lexicon: Lexicon) -> Lexicon:
    """``lexicon`` frozen, through marshal as the cache writes it, and thawed."""
    return Lexicon.thaw(marshal.loads(marshal.dumps(lexicon.freeze())))


def _tiered(entries):
    return Lexicon([e._replace(tier=tier) for e, tier in zip(entries, ["full", "case", "protect"] * 9)])


def test_round_trip_keeps_every_entry_and_bucket():
    """Canonical forms, wrong forms, never-touch forms, tiers and buckets read back the same."""
    lexicon = _tiered(parse_lexicon(TEXT, "<test>"))
    assert _state(_round_trip(lexicon)) == _state(lexicon)


def test_round_trip_of_a_thawed_lexicon_after_an_addition():
    """A thawed lexicon given one more entry (a bucket leaves the compact form) freezes to the same again."""
    lexicon = _round_trip(_tiered(parse_lexicon(TEXT, "<test>")))
    lexicon.add(Entry("New Amsterdam", "<more>:1"))
    lexicon.add(Entry("OpenAI", "<more>:2"), prefer=True)
    assert _state(_round_trip(lexicon)) == _state(lexicon)
    assert [e.canonical for _, e in lexicon.starting_with("new")] == ["New York Times", "New Zealand", "New Amsterdam"]


@pytest.mark.parametrize("odd", ["a\nb", "x\x1ey", "p\x1fq"])
def test_round_trip_with_separator_characters(odd):
    """A form or source holding one of the separators the compact form uses still reads back the same."""
    lexicon = Lexicon([Entry("Plain Name", "<a>:1"), Entry(f"Odd {odd} Name", f"<b{odd}>:2"), Entry("Other", "<c>:3", alias=f"Wrong {odd}")])
    assert _state(_round_trip(lexicon)) == _state(lexicon)


def test_builtin_lexicon_matches_a_fresh_parse(monkeypatch):
    """The built-in lexicon read through the cache equals one parsed from its files without it."""
    from repair import lexicon as module

    cached = builtin_lexicon()
    monkeypatch.setenv("REPAIR_CACHE_DIR", "")  # no cache: parsed and indexed from the files
    parsed = module._builtin.__wrapped__()
    assert len(parsed.canonicals) > 30_000
    assert _state(cached) == _state(parsed)


def test_thawed_lexicon_answers_as_the_built_one_after_additions():
    """Thawed from the cache or built from entries, a lexicon given more entries looks up the same."""
    entries = list(parse_lexicon(TEXT, "<test>"))
    more = [Entry("New Amsterdam", "<more>:1"), Entry("Deep Seek", "<more>:2"), Entry("OpenAI", "<more>:3", tier="case")]
    built, thawed = Lexicon(entries), _round_trip(Lexicon(entries))
    for lexicon in (built, thawed):
        for entry in more:
            lexicon.add(entry)
    assert _state(thawed) == _state(built)


def test_pickled_lexicon_keeps_its_cached_index():
    """A thawed lexicon pickled (as for worker processes) unpickles with the same look-ups."""
    import pickle

    lexicon = _round_trip(_tiered(parse_lexicon(TEXT, "<test>")))
    lexicon.starting_with("new")  # one bucket out of the cached form, the rest still in it
    assert _state(pickle.loads(pickle.dumps(lexicon))) == _state(lexicon)
