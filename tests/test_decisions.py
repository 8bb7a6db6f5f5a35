"""Decisions: the file format, `repair apply`, `repair lexicon learn`, and `!Form` lexicon lines."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_helpers import export, page_data, write_batch

from repair import LexiconError, Repairer
from repair.cli import main
from repair.decisions import Decision, DecisionsError, apply_to_file, learn, parse, sha256
from repair.files import decode
from repair.lexicon import Lexicon, load_lexicon, parse_lexicon
from repair.model import apply_edits


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def review(tmp_path: Path, *args: str) -> str:
    result = invoke("review", *args, "-o", str(tmp_path / "review.html"))
    assert result.exit_code == 0, result.output
    return (tmp_path / "review.html").read_text(encoding="utf-8")


def expected_bytes(data: bytes, records: list[dict]) -> bytes:
    """``data`` (a stored file) with the accepted ``records`` applied, stored as it was."""
    file = decode(Path("x"), data)
    edits = [Decision.from_dict(r, "test").as_edit() for r in sorted(records, key=lambda r: r["start"]) if r["decision"] == "accept"]
    return file.encode(apply_edits(file.text, edits))


@pytest.fixture
def batch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_batch(tmp_path)


# -- the lexicon's never-touch lines --------------------------------------------


def test_never_touch_line_is_parsed_apart_from_names():
    """`!tbe` becomes a never-touch form, not a canonical name."""
    lexicon = Lexicon(parse_lexicon("!tbe\nOpenAI\n", "t.txt"))
    assert lexicon.never == {"tbe"}
    assert "tbe" not in lexicon.canonicals and "OpenAI" in lexicon.canonicals


def test_never_touch_line_with_an_arrow_is_an_error():
    """A never-touch line names one form; an arrow there is refused with its line."""
    with pytest.raises(LexiconError, match="t.txt:2"):
        list(parse_lexicon("OpenAI\n!tbe -> the\n", "t.txt"))


def test_never_touch_forms_are_kept_by_the_repairer(tmp_path):
    """A lexicon's `!tbe` stops the fix the default lexicon makes, and survives the compiled cache."""
    path = tmp_path / "never.txt"
    path.write_text("# learned\n!tbe\n", encoding="utf-8")
    text = "The cornpany said tbe results were good.\n"
    assert Repairer().repair(text).text == "The company said the results were good.\n"
    load_lexicon(path)  # fills the compiled cache
    assert load_lexicon(path).never == {"tbe"}
    assert Repairer([path]).repair(text).text == "The company said tbe results were good.\n"


def test_merged_lexicons_keep_never_touch_forms():
    """Merging lexicons keeps every file's never-touch forms."""
    merged = Lexicon.merged([Lexicon(parse_lexicon("OpenAI\n", "a")), Lexicon(parse_lexicon("!tbe\n", "b")), Lexicon(parse_lexicon("!Teh\n", "c"))])
    assert merged.never == {"tbe", "Teh"}


# -- the file format -------------------------------------------------------------


def record(**changes) -> dict:
    base = {"path": "a.txt", "sha256": "0" * 64, "start": 4, "end": 7, "before": "tbe", "after": "the", "kind": "garbled-word",
            "confidence": 0.9, "reason": "r", "origin": "edit", "decision": "accept", "line": 1, "column": 5}
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "other", "version": 1, "edits": []}, "not a decisions file"),
        ({"format": "repair-decisions", "version": 2, "edits": []}, "newer"),
        ({"format": "repair-decisions", "version": 1, "edits": [{k: v for k, v in record().items() if k != "sha256"}]}, "missing 'sha256'"),
        ({"format": "repair-decisions", "version": 1, "edits": [record(decision="maybe")]}, "decision 'maybe'"),
        ({"format": "repair-decisions", "version": 1, "edits": [record(start=9)]}, "not a span"),
        ({"format": "repair-decisions", "version": 1, "edits": [record(jsonl="b.jsonl")]}, "either 'path' or 'jsonl'"),
    ],
)
def test_malformed_decisions_are_refused_with_a_reason(document, message):
    """Another format, a newer version, a missing key or a bad value is a DecisionsError saying which."""
    with pytest.raises(DecisionsError, match=message):
        parse(json.dumps(document), "d.json")


def test_decisions_round_trip_through_their_dict():
    """A record read back equals the record written."""
    decision = parse(json.dumps({"format": "repair-decisions", "version": 1, "edits": [record()]}), "d.json")[0]
    assert decision.to_dict() == record()


def test_apply_keeps_bom_and_crlf():
    """Accepted edits are applied to the decoded text and stored back with the BOM and CRLF."""
    data = codecs.BOM_UTF8 + "One.\r\nSaid tbe man.\r\n".encode()
    ok = Decision.from_dict(record(sha256=sha256(data), start=10, end=13), "t")
    applied = apply_to_file(Path("a.txt"), [ok], data)
    assert applied.refusal == "" and applied.data == codecs.BOM_UTF8 + "One.\r\nSaid the man.\r\n".encode()


def test_apply_refuses_changed_bytes_and_misplaced_edits():
    """A file whose hash differs, or whose text is not `before` at the offsets, is refused."""
    data = b"Said tbe man.\n"
    stale = Decision.from_dict(record(sha256=sha256(b"other")), "t")
    assert "SHA-256 differs" in apply_to_file(Path("a.txt"), [stale], data).refusal
    misplaced = Decision.from_dict(record(sha256=sha256(data), start=0, end=3), "t")
    assert "is not at" in apply_to_file(Path("a.txt"), [misplaced], data).refusal


# -- learning ---------------------------------------------------------------------


def test_learn_turns_rejections_into_never_touch_and_name_fixes_into_entries():
    """Rejected forms become `!form`; accepted name fixes give a name and, unless case-only, an alias."""
    decisions = [
        Decision.from_dict(record(before="tbe", after="the", decision="reject"), "t"),
        Decision.from_dict(record(before="Openai", after="OpenAI", kind="entity-case"), "t"),
        Decision.from_dict(record(before="Gogle", after="Google", kind="entity-near-miss"), "t"),
        Decision.from_dict(record(before="wou1d", after="would"), "t"),  # not a name: nothing to learn
        Decision.from_dict(record(before="cornpany", after="company"), "t"),
        Decision.from_dict(record(before="cornpany", after="company", decision="reject"), "t"),  # both: nothing
        Decision.from_dict(record(before="ok", after="OK", decision="undecided"), "t"),
        Decision.from_dict(record(before="“", after="”", kind="punctuation", decision="reject"), "t"),
    ]
    learned = learn(decisions)
    assert learned.never == ("tbe",)
    assert learned.names == ("Google", "OpenAI")
    assert learned.aliases == (("Gogle", "Google"),)
    assert learned.conflicts == ("cornpany",)
    assert learned.unlearnable == ("“",)
    text = learned.lexicon_text("test")
    entries = list(parse_lexicon(text, "learned"))
    assert {e.canonical for e in entries if e.tier == "never"} == {"tbe"}
    assert [e for e in entries if e.alias] and all(e.alias == "Gogle" for e in entries if e.alias)


# -- the commands, end to end ----------------------------------------------------------


def test_review_apply_learn_round_trip(tmp_path, batch):
    """Review, reject every 'tbe' edit, apply the rest, learn: files match byte for byte and the next run leaves 'tbe'."""
    html = review(tmp_path, "docs")
    decisions = export(html, lambda item: "reject" if item["before"] == "tbe" else "accept")
    assert any(e["decision"] == "reject" for e in decisions["edits"]) and any(e["decision"] == "accept" for e in decisions["edits"])
    (tmp_path / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")

    applied = invoke("apply", "decisions.json")
    assert applied.exit_code == 0, applied.output
    for name, data in batch.items():
        mine = [e for e in decisions["edits"] if e["path"] == name]
        assert (tmp_path / name).read_bytes() == expected_bytes(data, mine), name
    assert b"tbe" in (tmp_path / "docs/guide.md").read_bytes()

    learned = invoke("lexicon", "learn", "decisions.json", "-o", "learned.txt")
    assert learned.exit_code == 0, learned.output
    assert "!tbe" in (tmp_path / "learned.txt").read_text(encoding="utf-8").splitlines()
    checked = invoke("lexicon", "check", "learned.txt")
    assert checked.exit_code == 0, checked.output

    write_batch(tmp_path)  # the batch as it was: the rejected edits must not come back
    again = page_data(review(tmp_path, "docs", "--lexicon", "learned.txt"))
    befores = [item["before"] for doc in again["documents"] for item in doc["items"]]
    assert "tbe" not in befores
    assert "cornpany" in befores  # the accepted ones still come


def test_apply_refuses_a_changed_file_and_applies_the_others(tmp_path, batch):
    """A file edited after the review is refused on stderr with exit 2; the other files are still applied."""
    html = review(tmp_path, "docs")
    (tmp_path / "decisions.json").write_text(json.dumps(export(html, lambda item: "accept")), encoding="utf-8")
    (tmp_path / "docs/guide.md").write_bytes(batch["docs/guide.md"] + b"One more line.\n")
    result = invoke("apply", "decisions.json")
    assert result.exit_code == 2
    assert "docs/guide.md: changed since it was reviewed" in result.stderr
    assert (tmp_path / "docs/guide.md").read_bytes() == batch["docs/guide.md"] + b"One more line.\n"
    assert (tmp_path / "docs/notes.txt").read_bytes() != batch["docs/notes.txt"]
    assert b"the office" in (tmp_path / "docs/notes.txt").read_bytes()


def test_apply_refuses_paths_outside_the_folder_unless_named(tmp_path, monkeypatch):
    """A decision for a file outside the folder apply runs in is refused, unless that file is named."""
    outside = tmp_path / "outside"
    outside.mkdir()
    write_batch(outside)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    html = review(here, str(outside / "docs"))
    decisions = export(html, lambda item: "accept")
    assert all(Path(e["path"]).is_absolute() for e in decisions["edits"])
    (here / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    before = (outside / "docs/notes.txt").read_bytes()
    refused = invoke("apply", "decisions.json")
    assert refused.exit_code == 2 and "outside this folder" in refused.stderr
    assert (outside / "docs/notes.txt").read_bytes() == before
    allowed = invoke("apply", "decisions.json", str(outside / "docs"))
    assert allowed.exit_code == 0, allowed.output
    assert (outside / "docs/notes.txt").read_bytes() != before


def test_apply_refuses_a_link_leading_outside(tmp_path, monkeypatch):
    """A path inside the folder that is a symbolic link to a file outside it is refused."""
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"Said tbe man.\n")
    here = tmp_path / "here"
    here.mkdir()
    (here / "link.txt").symlink_to(outside)
    monkeypatch.chdir(here)
    decisions = {"format": "repair-decisions", "version": 1, "edits": [record(path="link.txt", sha256=sha256(b"Said tbe man.\n"), start=5, end=8)]}
    (here / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    result = invoke("apply", "decisions.json")
    assert result.exit_code == 2 and "outside this folder" in result.stderr
    assert outside.read_bytes() == b"Said tbe man.\n"


def test_jsonl_review_and_apply(tmp_path, monkeypatch):
    """JSONL decisions give the whole file back on -o, accepted records repaired, a changed record refused and kept."""
    monkeypatch.chdir(tmp_path)
    lines = [
        json.dumps({"id": 1, "text": "The cornpany said tbe results were good."}),
        "not json",
        json.dumps({"id": 2, "text": "It wou1d be fine, said Openai.", "lang": "en"}),
        json.dumps({"id": 3, "text": "Nothing wrong."}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("review", "--jsonl", "batch.jsonl", "-o", "review.html")
    assert result.exit_code == 2 and "batch.jsonl:2" in result.stderr  # the bad line is said, the rest reviewed
    decisions = export((tmp_path / "review.html").read_text(encoding="utf-8"), lambda item: "reject" if item["before"] == "tbe" else "accept")
    assert {e["line"] for e in decisions["edits"]} == {1, 3}
    (tmp_path / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    applied = invoke("apply", "decisions.json", "-o", "out.jsonl")
    assert applied.exit_code == 0, applied.output
    out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(out[0])["text"] == "The company said tbe results were good."
    assert out[1] == "not json" and out[3] == lines[3]
    assert json.loads(out[2]) == {"id": 2, "text": "It would be fine, said OpenAI.", "lang": "en"}

    lines[2] = lines[2].replace("fine", "good")
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stale = invoke("apply", "decisions.json")
    assert stale.exit_code == 2 and "batch.jsonl:3: record changed" in stale.stderr
    assert stale.stdout.splitlines()[2] == lines[2]
    assert json.loads(stale.stdout.splitlines()[0])["text"] == "The company said tbe results were good."


def test_apply_keeps_a_legacy_encoding(tmp_path, monkeypatch):
    """A Windows-1252 file reviewed and applied stays Windows-1252, its other bytes untouched."""
    monkeypatch.chdir(tmp_path)
    original = "Caf\u00e9 notes: the cornpany said tbe results were good.\n".encode("cp1252")
    (tmp_path / "old.txt").write_bytes(original)
    html = review(tmp_path, "old.txt")
    decisions = export(html, lambda item: "accept")
    assert decisions["edits"]
    (tmp_path / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    assert invoke("apply", "decisions.json").exit_code == 0
    assert (tmp_path / "old.txt").read_bytes() == expected_bytes(original, decisions["edits"])
    assert (tmp_path / "old.txt").read_bytes().startswith(b"Caf\xe9 ")


def test_apply_refuses_an_output_file_for_file_decisions(tmp_path, batch):
    """-o names where JSON Lines go; with decisions about files it is refused, not ignored."""
    html = review(tmp_path, "docs")
    (tmp_path / "decisions.json").write_text(json.dumps(export(html, lambda item: "accept")), encoding="utf-8")
    result = invoke("apply", "decisions.json", "-o", "out.txt")
    assert result.exit_code == 2 and "JSON Lines" in result.stderr
    assert all((tmp_path / name).read_bytes() == data for name, data in batch.items())


def test_apply_with_nothing_accepted_writes_nothing(tmp_path, batch):
    """Rejected and undecided edits leave every file as it was, and that is no error."""
    html = review(tmp_path, "docs")
    (tmp_path / "decisions.json").write_text(json.dumps(export(html, lambda item: "reject" if item["id"] % 2 else "undecided")), encoding="utf-8")
    result = invoke("apply", "decisions.json")
    assert result.exit_code == 0, result.output
    assert all((tmp_path / name).read_bytes() == data for name, data in batch.items())


def test_review_wants_paths_or_jsonl_not_both(tmp_path, batch):
    """Neither PATHS nor --jsonl, or both, is a usage error that writes no page."""
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    for args in ([], ["docs", "--jsonl", "b.jsonl"]):
        result = invoke("review", *args, "-o", "review.html")
        assert result.exit_code == 2 and "not both or neither" in result.stderr
    assert not (tmp_path / "review.html").exists()


def test_applied_jsonl_records_keep_every_other_byte(tmp_path, monkeypatch):
    """Applying to a record replaces the field's value only: huge numbers, duplicate keys, a bare CR stay as written."""
    monkeypatch.chdir(tmp_path)
    raw = b'{"n": 1e400, "f": 0.1000000000000000055511, "k": 1, "k": 2,\r "text": "Said tbe man."}\n'
    (tmp_path / "batch.jsonl").write_bytes(raw)
    assert invoke("review", "--jsonl", "batch.jsonl", "-o", "review.html").exit_code == 0
    decisions = export((tmp_path / "review.html").read_text(encoding="utf-8"), lambda item: "accept")
    assert [e["before"] for e in decisions["edits"]] == ["tbe"]
    (tmp_path / "decisions.json").write_text(json.dumps(decisions), encoding="utf-8")
    applied = invoke("apply", "decisions.json", "-o", "out.jsonl")
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "out.jsonl").read_bytes() == raw.replace(b"Said tbe man.", b"Said the man.")
