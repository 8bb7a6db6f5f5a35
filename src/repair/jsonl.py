"""JSON Lines in, JSON Lines out: repair one text field of each record.

Each record comes back with the field repaired and its edits beside it
(``<field>_edits``, or the name given). Everything else in the line comes
back byte for byte: the line is parsed only to find the field, and the
repaired string is spliced into the original bytes at the field value's
place. So numbers keep their spelling (``1e400`` stays ``1e400``, long floats
keep every digit), duplicate keys stay, escapes stay as written.

Input is read as bytes and split at ``\\n`` only: a bare CR is JSON
whitespace, and an invalid byte spoils one line, not the rest. A line that
does not decode as UTF-8, does not parse, is not an object holding the field
as a string, holds the field twice, already holds the edits key, or whose
field holds a lone surrogate (an ``"\\ud800"`` escape: broken at the encoding
level, and no text we can repair and write back as UTF-8) is passed through
byte for byte with a problem the caller reports with the line number: a
pipeline never loses a record.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .formats import jsonl_extra_keys, jsonl_extras
from .model import Result
from .repairer import Repairer

_WHITESPACE = " \t\n\r"  # JSON's four whitespace characters (RFC 8259 §2)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Line:
    """One input line: its bytes as read (with its ``\\n`` if it had one), and
    for a record to repair, the field's text and where its value sits."""

    number: int
    raw: bytes
    text: str | None = None  # the field's value; None when the line is passed through
    problem: str = ""  # why a non-blank line is passed through
    decoded: str = ""  # raw as text (records only)
    value_span: tuple[int, int] = (0, 0)  # the field's JSON value in ``decoded``
    members_end: int = 0  # where the object's last member ends, for the edits key


@dataclass(frozen=True)
class Output:
    """What to write for one input line, and the repair behind it (None when passed through)."""

    data: bytes
    line: Line
    result: Result | None = None

    @property
    def changed(self) -> bool:
        return self.result is not None and self.result.changed


def parse(lines: Iterable[bytes], field: str, edits_field: str | None = None) -> Iterator[Line]:
    """Sort byte lines into records to repair and lines to pass through."""
    edits_key = edits_field or f"{field}_edits"
    for number, raw in enumerate(lines, start=1):
        yield _parse_line(number, raw, field, edits_key)


def parse_line(number: int, raw: bytes, field: str, edits_key: str | None = None) -> Line:
    """One byte line sorted as :func:`parse` sorts it (``edits_key``: refuse a record holding it)."""
    return _parse_line(number, raw, field, edits_key)


def _parse_line(number: int, raw: bytes, field: str, edits_key: str | None) -> Line:
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Line(number, raw, problem=f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
    if not decoded.strip(_WHITESPACE):
        return Line(number, raw)
    try:
        members, members_end = _members(decoded)
    except ValueError as exc:
        return Line(number, raw, problem=str(exc))
    except RecursionError:  # Python's parser recurses once per nesting level
        return Line(number, raw, problem="JSON nested too deeply to parse")
    if members is None:
        return Line(number, raw, problem="not a JSON object")
    found = [m for m in members if m[0] == field]
    if len(found) > 1:
        return Line(number, raw, problem=f"the key {field!r} appears {len(found)} times; which to repair is unclear")
    if not found or not isinstance(found[0][1], str):
        return Line(number, raw, problem=f"no text field {field!r}")
    if edits_key is not None:
        taken = [m[0] for m in members if m[0] == edits_key or m[0] in jsonl_extra_keys(field)]
        if taken:
            hint = " (see --edits-field)" if taken[0] == edits_key else ""
            return Line(number, raw, problem=f"the record already has a key {taken[0]!r}; not overwritten{hint}")
    _, text, start, end = found[0]
    if _SURROGATE_RE.search(text):
        return Line(number, raw, problem=f"the field {field!r} holds a lone surrogate escape, not Unicode text")
    return Line(number, raw, text, decoded=decoded, value_span=(start, end), members_end=members_end)


def _members(text: str) -> tuple[list[tuple[str, object, int, int]] | None, int]:
    """The top-level object's members as (key, value, value start, value end), and
    where the last member ends; (None, 0) for valid JSON that is not an object.

    Parsing is Python's own (so the line is validated exactly as ``json.loads``
    would), driven member by member to learn each value's span. Numbers are
    not converted (only strings matter here, and a 5,000-digit integer would
    be refused by ``int``), and objects are kept as pair lists.

    >>> _members('{"a": 1, "b": "x"}')
    ([('a', None, 6, 7), ('b', 'x', 14, 17)], 17)
    """
    decoder = json.JSONDecoder(object_pairs_hook=list, parse_float=_ignore, parse_int=_ignore, parse_constant=_ignore)
    scan = decoder.scan_once
    pos = _skip(text, 0)
    if not text.startswith("{", pos):
        try:
            decoder.decode(text)
        except json.JSONDecodeError as exc:
            raise ValueError(_describe(exc)) from None
        return None, 0
    members: list[tuple[str, object, int, int]] = []
    pos = _skip(text, pos + 1)
    end = pos
    if not text.startswith("}", pos):
        while True:
            if not text.startswith('"', pos):
                raise ValueError(_at("expecting a key in double quotes", pos))
            key, pos = _string(text, pos + 1)
            pos = _skip(text, pos)
            if not text.startswith(":", pos):
                raise ValueError(_at("expecting ':'", pos))
            start = _skip(text, pos + 1)
            try:
                value, end = scan(text, start)
            except StopIteration:
                raise ValueError(_at("expecting a value", start)) from None
            except json.JSONDecodeError as exc:
                raise ValueError(_describe(exc)) from None
            members.append((key, value, start, end))
            pos = _skip(text, end)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
                continue
            if not text.startswith("}", pos):
                raise ValueError(_at("expecting ',' or '}'", pos))
            break
    pos = _skip(text, pos + 1)
    if pos != len(text):
        raise ValueError(_at("extra data after the object", pos))
    return members, end


def _ignore(text: str) -> None:
    """Stands in for a number's value: its text stays in the line."""


def _string(text: str, pos: int) -> tuple[str, int]:
    try:
        return json.decoder.scanstring(text, pos, True)
    except json.JSONDecodeError as exc:
        raise ValueError(_describe(exc)) from None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _describe(exc: json.JSONDecodeError) -> str:
    return f"malformed JSON ({exc.msg} at column {exc.colno})"


def _at(message: str, pos: int) -> str:
    return f"malformed JSON ({message} at column {pos + 1})"


def _json(value: object) -> str:
    """``value`` as JSON text: non-ASCII kept as is, lone surrogates escaped
    (a raw one cannot be written as UTF-8)."""
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def split_lines(data: bytes) -> list[bytes]:
    """``data``'s lines, each with its ``\\n`` if it has one: split at ``\\n`` only."""
    lines = data.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    return out + [lines[-1]] if lines[-1] else out


def body(raw: bytes) -> bytes:
    """A line's bytes without its ``\\n`` (what a record's hash is taken over)."""
    return raw[:-1] if raw.endswith(b"\n") else raw


def splice(line: Line, text: str) -> bytes:
    """The line with the field's value replaced by ``text``; every other byte as read."""
    start, end = line.value_span
    return (line.decoded[:start] + _json(text) + line.decoded[end:]).encode("utf-8")


def render(line: Line, result: Result, edits_key: str, field: str) -> bytes:
    """The line with the field's value replaced (only when it changed) and the
    edits, then the damage and the format version (:func:`~repair.formats.jsonl_extras`),
    added as the object's last members; every other byte as read."""
    decoded = line.decoded
    start, end = line.value_span
    value = _json(result.text) if result.changed else decoded[start:end]
    members = {edits_key: [edit.to_dict() for edit in result.edits], **jsonl_extras(field, result)}
    added = "".join(f", {_json(key)}: {_json(member)}" for key, member in members.items())
    out = decoded[:start] + value + decoded[end : line.members_end] + added + decoded[line.members_end :]
    return out.encode("utf-8")


def repair_lines(
    repairer: Repairer, lines: Iterable[bytes], field: str = "text", jobs: int = 1, edits_field: str | None = None, markup: str = "text"
) -> Iterator[Output]:
    """One :class:`Output` per input line, in input order, streaming: input is
    read only as far ahead as the workers need (``Repairer.repair_many``)."""
    edits_key = edits_field or f"{field}_edits"
    pending: deque[Line] = deque()

    def texts() -> Iterator[str]:
        for line in parse(lines, field, edits_key):
            pending.append(line)
            if line.text is not None:
                yield line.text

    for result in repairer.repair_many(texts(), jobs=jobs, markup=markup):
        while True:
            line = pending.popleft()
            if line.text is None:
                yield Output(line.raw, line)
                continue
            yield Output(render(line, result, edits_key, field), line, result)
            break
    while pending:  # lines after the last record
        line = pending.popleft()
        yield Output(line.raw, line)
