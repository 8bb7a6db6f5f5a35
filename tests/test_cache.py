"""The on-disk cache of parsed tables: reuse, invalidation, eviction, opt-out."""

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import cache


def test_reuses_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"n": len(calls)}

    assert cache.cached_value(b"source", "t", build) == {"n": 1}
    assert cache.cached_value(b"source", "t", build) == {"n": 1}  # from disk
    assert cache.cached_value(b"changed", "t", build) == {"n": 2}  # new source, new entry
    assert len(calls) == 2


def test_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path))
    cache.cached_value(b"s", "t", lambda: [1, 2])
    for entry in tmp_path.glob("*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert cache.cached_value(b"s", "t", lambda: [3]) == [3]


def test_empty_setting_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert cache.cached_value(b"s", "t", lambda: 5) == 5


def test_least_recently_used_entries_are_evicted(tmp_path, monkeypatch):
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_BYTES", 3_000)
    for i in range(6):
        cache.cached_value(b"%d" % i, "t", lambda: "x" * 1000)
        for n, entry in enumerate(sorted(tmp_path.glob("*.marshal"), key=os.path.getmtime)):
            os.utime(entry, (n, n))  # a clear age order
    assert sum(e.stat().st_size for e in tmp_path.glob("*.marshal")) <= 3_000
    assert len(list(tmp_path.glob("*.marshal"))) >= 2


def test_a_hashed_set_answers_like_a_set():
    """The compact table used for bigrams and rare words holds exactly its words."""
    from repair.vocabulary import HashedSet

    words = [f"word{i}" for i in range(2000)] + ["of the", "naïve", ""]
    table = HashedSet(HashedSet.pack(words + words[:100]))  # a word listed twice is held once
    assert len(table) == len(set(words))
    assert all(w in table for w in words)
    assert not any(f"other{i}" in table for i in range(2000))


@settings(max_examples=100, deadline=None)
@given(held=st.lists(st.text(max_size=6), max_size=20), asked=st.lists(st.text(max_size=6), max_size=40))
def test_a_remembering_hashed_set_answers_as_one_that_does_not(held, asked):
    """Answers kept in the memory (asked twice, or past its size) are the table's own."""
    from repair.vocabulary import HashedSet

    packed = HashedSet.pack(held)
    plain, remembering = HashedSet(packed), HashedSet(packed, remember=True)
    remembering.MEMO_MAX = 8  # the memory starts over often
    for word in asked + held + asked:
        assert (word in remembering) == (word in plain) == (word in set(held))


def test_the_bigram_table_holds_each_listed_pair():
    from repair.vocabulary import HashedSet, _parse_bigrams

    table = HashedSet(_parse_bigrams("of the 9000\n\n   \nin a 8000\nof the 9000\n"))
    assert len(table) == 2
    assert "of the" in table and "in a" in table and "the of" not in table


def test_derived_tables_from_the_cache_equal_a_fresh_build_and_follow_their_sources(tmp_path, monkeypatch):
    """common_words() and common_deletes() are cached keyed on the word lists' digests."""
    from repair import vocabulary
    from repair.vocabulary import HashedSet, Vocabulary

    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path))
    built = Vocabulary()
    deletes = built.common_deletes(300_000)  # built, then written to the cache
    cached = Vocabulary()
    words = cached.common_words(300_000)
    assert words == built.common_words(300_000)
    assert bytes(cached.common_deletes(300_000)._keys) == bytes(deletes._keys)
    fresh = HashedSet.pack(w[:i] + w[i + 1 :] for w in words for i in range(len(w)))
    assert bytes(deletes._keys) == fresh
    calls = []
    monkeypatch.setitem(vocabulary._DIGESTS, "counts", b"another frequency list")
    vocabulary._derived("common-words-300000", lambda: calls.append(1) or frozenset(), "counts", "words")
    assert calls == [1]  # a changed source is a new entry, not the old table
