"""JSON Lines under attack: nothing dropped, nothing altered but the repaired field (issue 17, items 4 and 5)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from repair.cli import main

GARBLED = "Tbe cornpany wou1d ship."
REPAIRED = "The company would ship."


def run_jsonl(data: bytes, *args: str):
    """Run `repair fix --jsonl ... -` on ``data``; return the click result."""
    return CliRunner().invoke(main, ["fix", "--jsonl", *args, "-"], input=data)


def _split_lf(data: bytes) -> list[bytes]:
    """``data`` cut after each b"\\n" (each line keeps it)."""
    parts = data.split(b"\n")
    return [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def record(i: int) -> bytes:
    return json.dumps({"id": i, "text": GARBLED if i % 3 == 0 else f"Record {i} is fine."}).encode() + b"\n"


@pytest.mark.parametrize("source", ["stdin", "file"])
def test_one_invalid_byte_loses_no_record(source, tmp_path):
    """2,000 records with one invalid UTF-8 byte give 2,000 lines, the bad one byte for byte with its line number."""
    lines = [record(i) for i in range(2000)]
    lines[1200] = b'{"id": 1200, "text": "caf\xe9 tbe"}\n'
    if source == "stdin":
        result = run_jsonl(b"".join(lines))
    else:
        (tmp_path / "in.jsonl").write_bytes(b"".join(lines))
        result = CliRunner().invoke(main, ["fix", "--jsonl", str(tmp_path / "in.jsonl")])
    out = _split_lf(result.stdout_bytes)
    assert len(out) == 2000
    assert out[1200] == lines[1200]
    assert "line 1201: not UTF-8" in result.stderr
    assert json.loads(out[1999])["id"] == 1999
    assert json.loads(out[0])["text"] == REPAIRED
    assert result.exit_code == 2


def test_lone_surrogate_is_passed_through_and_later_records_survive():
    """A lone-surrogate escape in the field is passed through untouched with a note; the records after it are repaired."""
    bad = b'{"text": "tbe \\ud800 cornpany"}\n'
    data = bad + record(0) + record(3)
    result = run_jsonl(data)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    out = _split_lf(result.stdout_bytes)
    assert out[0] == bad
    assert [json.loads(line)["text"] for line in out[1:]] == [REPAIRED, REPAIRED]
    assert "line 1: the field 'text' holds a lone surrogate" in result.stderr
    assert result.exit_code == 2


def test_lone_surrogate_elsewhere_does_not_stop_the_repair():
    """A lone surrogate in another field stays as written, and the text field is still repaired."""
    line = b'{"note": "\\udc80", "text": "Tbe cornpany wou1d ship."}\n'
    result = run_jsonl(line)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b'{"note": "\\udc80", "text": "The company would ship."')


@pytest.mark.parametrize(
    "member",
    [
        b'"big": 1e400',
        b'"pi": 3.14159265358979323846264338327950288',
        b'"n": 123456789012345678901234567890',
        b'"neg": -0.0',
        b'"esc": "caf\\u00e9 \\/ \\ud83d\\ude00"',
        b'"nested": {"a": 1E+2, "a": [1.0, 2.50]}',
    ],
)
def test_other_fields_come_back_byte_identical(member):
    """Numbers keep their spelling, escapes and nested duplicates stay: only the repaired field changes."""
    line = b'{"id": 7, ' + member + b', "text": "Tbe cornpany wou1d ship."}\n'
    result = run_jsonl(line)
    assert result.exit_code == 0, result.stderr
    expected_head = b'{"id": 7, ' + member + b', "text": "The company would ship.", "text_edits": ['
    assert result.stdout_bytes.startswith(expected_head)
    assert result.stdout_bytes.endswith(b", \"text_format_version\": 1}\n")  # the edits, damage and version come last
    assert b"Infinity" not in result.stdout_bytes


def test_duplicate_keys_are_kept():
    """Duplicate keys other than the field are not collapsed."""
    line = b'{"tag": "a", "tag": "b", "text": "Tbe cornpany wou1d ship."}\n'
    result = run_jsonl(line)
    assert result.stdout_bytes.startswith(b'{"tag": "a", "tag": "b", "text": "The company would ship."')


def test_duplicate_field_is_refused():
    """A record holding the field twice is passed through: which one a reader takes is not ours to guess."""
    line = b'{"text": "tbe", "text": "Tbe cornpany"}\n'
    result = run_jsonl(line)
    assert result.stdout_bytes == line
    assert "line 1: the key 'text' appears 2 times" in result.stderr
    assert result.exit_code == 2


def _strip_extras(line: bytes) -> bytes:
    """``line`` without the damage and format-version members repair adds after the edits
    (checked to be there, well formed, and last)."""
    start = line.index(b', "text_damage": ')
    version = b', "text_format_version": 1'
    end = line.index(version, start) + len(version)
    damage = json.loads(line[start + len(b', "text_damage": ') : end - len(version)])
    assert set(damage) >= {"score", "words"}
    return line[:start] + line[end:]


def test_unchanged_field_keeps_its_escapes():
    """A field the repair leaves alone keeps its bytes (escapes and all); only the edits key is added."""
    line = b'{"text": "Fine \\u0074ext, caf\\u00e9."}\n'
    result = run_jsonl(line)
    assert _strip_extras(result.stdout_bytes) == b'{"text": "Fine \\u0074ext, caf\\u00e9.", "text_edits": []}\n'


def test_existing_edits_key_is_not_overwritten():
    """A record that already has text_edits is refused with a note, and --edits-field names another key."""
    line = b'{"text": "Tbe cornpany wou1d ship.", "text_edits": "keep me"}\n'
    refused = run_jsonl(line)
    assert refused.stdout_bytes == line
    assert "line 1: the record already has a key 'text_edits'" in refused.stderr
    assert refused.exit_code == 2
    named = run_jsonl(line, "--edits-field", "repairs")
    assert named.exit_code == 0, named.stderr
    back = json.loads(named.stdout_bytes)
    assert back["text_edits"] == "keep me" and back["text"] == REPAIRED
    assert [e["after"] for e in back["repairs"]] == ["The", "company", "would"]


def test_edits_field_equal_to_field_is_a_usage_error():
    """--edits-field must not name the field being repaired."""
    result = run_jsonl(record(0), "--edits-field", "text")
    assert result.exit_code == 2
    assert "--edits-field must differ" in result.stderr


def test_bare_cr_inside_a_record_does_not_split_it():
    """A bare CR is JSON whitespace: the record stays one line, repaired, with its CR."""
    line = b'{"id": 1,\r"text": "Tbe cornpany wou1d ship."\r}\n'
    result = run_jsonl(line + record(1))
    assert result.exit_code == 0, result.stderr
    out = [_strip_extras(line) for line in _split_lf(result.stdout_bytes)]
    assert len(out) == 2
    assert out[0].startswith(b'{"id": 1,\r"text": "The company would ship.", "text_edits": [')
    assert out[0].endswith(b"]\r}\n")
    assert out[1] == record(1)[:-2] + b', "text_edits": []}\n'


def test_crlf_lines_and_missing_final_newline_are_kept():
    """CRLF line ends stay CRLF, and a last line without a newline gets none."""
    data = b'{"text": "Fine."}\r\n{"text": "Tbe cornpany wou1d ship."}'
    result = run_jsonl(data)
    assert result.exit_code == 0, result.stderr
    first, second = map(_strip_extras, _split_lf(result.stdout_bytes))
    assert first == b'{"text": "Fine.", "text_edits": []}\r\n'
    assert second.startswith(b'{"text": "The company would ship.", "text_edits": [') and second.endswith(b"]}")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"{not json}\n", "malformed JSON"),
        (b'{"text": "a"} trailing\n', "malformed JSON"),
        (b'{"text": "a",}\n', "malformed JSON"),
        (b"[1, 2]\n", "not a JSON object"),
        (b'{"text": 5}\n', "no text field 'text'"),
        (b'{"text": "a\tb"}\n', "malformed JSON"),  # a raw control character inside a string
        (b'{"a": ' + b"[" * 100_000 + b"\n", "JSON nested too deeply"),
        (b"[" * 100_000 + b"\n", "JSON nested too deeply"),
    ],
)
def test_bad_lines_pass_through_byte_for_byte(line, problem):
    """Lines that are not records to repair come back exactly, each named on stderr with its line number."""
    data = record(0) + line + record(3)
    result = run_jsonl(data)
    out = _split_lf(result.stdout_bytes)
    assert len(out) == 3 and out[1] == line
    assert f"line 2: {problem}" in result.stderr
    assert json.loads(out[2])["text"] == REPAIRED


def test_jobs_keep_order_and_pass_bad_lines_through():
    """With worker processes, every line comes back in order, bad ones untouched."""
    lines = [record(i) for i in range(200)]
    lines[50] = b"\xff\xfe\n"
    lines[120] = b'{"text": "\\udfff"}\n'
    result = run_jsonl(b"".join(lines), "--jobs", "2")
    out = _split_lf(result.stdout_bytes)
    assert len(out) == 200
    assert out[50] == lines[50] and out[120] == lines[120]
    assert [json.loads(out[i])["id"] for i in (0, 49, 51, 119, 121, 199)] == [0, 49, 51, 119, 121, 199]
    assert "line 51: not UTF-8" in result.stderr and "line 121:" in result.stderr


def test_repair_lines_streams(repairer):
    """repair_lines reads its byte lines lazily: the first output comes after a few lines of an endless input."""
    from repair.jsonl import repair_lines

    seen = []

    def source():
        for i in range(1_000_000):
            seen.append(i)
            yield b"\xff bad\n" if i % 2 else record(i)

    outputs = repair_lines(repairer, source())
    first, second = next(outputs), next(outputs)
    assert json.loads(first.data)["text"] == REPAIRED and second.line.problem.startswith("not UTF-8")
    assert len(seen) < 10
    outputs.close()
