"""Render batch outcomes for people and for tools.

Formats: ``human`` (``file:line:col: kind: before → after (confidence)
reason``), ``json`` (one object per file), ``github`` (workflow
annotations), ``sarif`` (SARIF 2.1.0 for code-scanning tools), plus the
unified diff and the end-of-run summary.

Flags (suspects left for a person: too unsure to fix) are shown only when
asked (``flags=True``, the CLI's ``--flags``), in every format: ``human``
prints them as ``file:line:col: kind? before → suggestion``, ``github`` as
notices, ``sarif`` as results of level "note" without a fix, ``json`` under
"flags".
"""

from __future__ import annotations

import difflib
import json
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import __version__
from .batch import FileOutcome
from .detectors import families
from .fast_re import Lazy
from .formats import FORMAT_VERSION

FORMATS = ("human", "json", "github", "sarif")
INFO_URI = "https://github.com/repair-tools/repair"
_SURROGATE_RE = Lazy("[\ud800-\udfff]", engine=re)


def human(outcome: FileOutcome, color: bool, flags: bool = False) -> str:
    lines = []
    for loc in outcome.located:
        e = loc.edit
        where = f"{outcome.path}:{loc.line}:{loc.column}:"
        change = f"{e.before!r} → {e.after!r}"
        if color:
            where = click.style(where, bold=True)
            change = click.style(repr(e.before), fg="red") + " → " + click.style(repr(e.after), fg="green")
        lines.append(f"{where} {e.kind.value}: {change} ({e.confidence:.2f}) {e.reason}\n")
    for f in _flags(outcome, flags):
        where = f"{outcome.path}:{f.line}:{f.column}:"
        if color:
            where = click.style(where, bold=True)
        lines.append(f"{where} {f.kind.value}? {f.before!r} → {f.suggestion!r} ({f.confidence:.2f}) {f.reason}\n")
    return "".join(lines)


def made(outcome: FileOutcome) -> str:
    """One line per edit made, for a person reading stderr after ``fix`` or the hook:
    ``path:line:col: before → after (family, confidence)``."""
    return "".join(
        f"{outcome.path}:{loc.line}:{loc.column}: {loc.edit.before!r} → {loc.edit.after!r} "
        f"({loc.edit.kind.value}, {loc.edit.confidence:.2f})\n"
        for loc in outcome.located
    )


def diff(outcome: FileOutcome, context: int = 3) -> bytes:
    """A unified diff of the file's bytes as stored and as they would be written.

    Built from bytes, not from the decoded text, so CRLF line ends, the
    encoding (cp1252, a BOM) and a missing final newline are what ``patch``
    and ``git apply`` find in the file. Lines end at ``\n`` only, as both
    tools split them: a form feed, \v, U+0085, U+2028 or a lone CR is part
    of a line.
    """
    assert outcome.file is not None and outcome.result is not None and outcome.data is not None
    old = outcome.file.encode(outcome.result.source)
    name = os.fsencode(outcome.path.as_posix())
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        _split_lines(old),
        _split_lines(outcome.data),
        fromfile=_diff_name(b"a/", name),
        tofile=_diff_name(b"b/", name),
        n=context,
    )
    return b"".join(line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n" for line in lines)


def _split_lines(data: bytes) -> list[bytes]:
    """``data`` cut after each ``\n`` (each line keeps it).

    >>> _split_lines(b"a\\fb\\r\\nc")
    [b'a\\x0cb\\r\\n', b'c']
    """
    lines = [line + b"\n" for line in data.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


_QUOTED = {ord("\\"): b"\\\\", ord('"'): b'\\"', ord("\t"): b"\\t", ord("\n"): b"\\n"}


def _diff_name(prefix: bytes, name: bytes) -> bytes:
    """A diff header's file name as git writes it, which ``patch`` reads too.

    An absolute path loses its leading slash (``a/tmp/x``, not ``a//tmp/x``:
    apply it from ``/``); a name with a space ends with a tab, or ``patch``
    cuts it at the space; a name with a quote, backslash or control
    character is C-quoted.

    >>> _diff_name(b"a/", b"/tmp/my notes.md")
    b'a/tmp/my notes.md\\t'
    """
    name = prefix + name.lstrip(b"/")
    if not any(byte < 0x20 or byte in b'"\\\x7f' for byte in name):
        return name + b"\t" if b" " in name else name
    quoted = bytearray(b'"')
    for byte in name:
        if byte in _QUOTED:
            quoted += _QUOTED[byte]
        elif byte < 0x20 or byte == 0x7F:
            quoted += b"\\%03o" % byte
        else:
            quoted.append(byte)
    return bytes(quoted + b'"')


def json_report(outcomes: Sequence[FileOutcome], flags: bool = False) -> str:
    """The ``json`` format: a list with one object per file.

    A file name that does not decode (Python holds its bytes as lone
    surrogates) is written with ``\\udcXX`` escapes, so the output stays
    valid UTF-8 and ``os.fsencode(json.loads(...)["path"])`` gives the name's bytes back.
    """
    return _escape_surrogates(json.dumps([json_record(o, flags) for o in outcomes], ensure_ascii=False, indent=2)) + "\n"


def _escape_surrogates(text: str) -> str:
    """JSON text with each lone surrogate written as a ``\\uXXXX`` escape (it cannot be encoded raw)."""
    return _SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def file_uri(path: Path) -> str:
    """``path`` as a URI reference (RFC 3986): its bytes percent-encoded but for
    unreserved characters and ``/``; absolute paths as ``file://`` URIs.

    So ``a#1.md`` is ``a%231.md`` (not ``a`` with a fragment), and a name that
    does not decode keeps its bytes (``%FF``).

    >>> file_uri(Path("q?x é.md")), file_uri(Path("/tmp/a#1.md"))
    ('q%3Fx%20%C3%A9.md', 'file:///tmp/a%231.md')
    """
    quoted = urllib.parse.quote(os.fsencode(path.as_posix()), safe="/")
    return "file://" + quoted if path.is_absolute() else quoted


def _flags(outcome: FileOutcome, shown: bool) -> tuple:
    """The outcome's flags if they are to be shown, else none."""
    if not shown or outcome.result is None:
        return ()
    return outcome.result.flags


def json_record(outcome: FileOutcome, flags: bool = False) -> dict:
    record = {"format_version": FORMAT_VERSION, "path": outcome.path.as_posix(), "status": outcome.status}
    if outcome.message:
        record["message"] = outcome.message
    if outcome.file is not None:
        record["encoding"] = outcome.file.encoding
    record["edits"] = [
        {
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "start": loc.start,
            "end": loc.end,
            "before": loc.edit.before,
            "after": loc.edit.after,
            "kind": loc.edit.kind.value,
            "confidence": round(loc.edit.confidence, 3),
            "reason": loc.edit.reason,
        }
        for loc in outcome.located
    ]
    if outcome.result is not None:
        if flags:
            record["flags"] = [f.to_dict() for f in outcome.result.flags]
        record["damage"] = outcome.result.damage.to_dict()
    return record


def github(outcome: FileOutcome, flags: bool = False) -> str:
    out = []
    for f in _flags(outcome, flags):
        props = f"file={_gh_prop(outcome.path.as_posix())},line={f.line},col={f.column},title={_gh_prop('repair ' + f.kind.value + '?')}"
        out.append(f"::notice {props}::{_gh_data(f'{f.before!r} → {f.suggestion!r} ({f.confidence:.2f}) {f.reason}')}\n")
    for loc in outcome.located:
        e = loc.edit
        props = (
            f"file={_gh_prop(outcome.path.as_posix())},line={loc.line},col={loc.column},"
            f"endLine={loc.end_line},endColumn={loc.end_column},title={_gh_prop('repair ' + e.kind.value)}"
        )
        message = f"{e.before!r} → {e.after!r} ({e.confidence:.2f}) {e.reason}"
        out.append(f"::warning {props}::{_gh_data(message)}\n")
    if outcome.status == "error":
        out.append(f"::error file={_gh_prop(outcome.path.as_posix())}::{_gh_data(outcome.message)}\n")
    return "".join(out)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sarif(outcomes: Sequence[FileOutcome], flags: bool = False) -> str:
    rules = [
        {"id": f.value, "name": f.value.title().replace("-", ""), "shortDescription": {"text": f"repair: {f.value}"}}
        for f in families()
    ]
    results = []
    documents = []
    for outcome in outcomes:
        damage = outcome.result.damage.to_dict() if outcome.result is not None else None
        if damage is not None:
            documents.append({"uri": file_uri(outcome.path), "damage": damage})
        for loc in outcome.located:
            e = loc.edit
            region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
            uri = file_uri(outcome.path)
            results.append(
                {
                    "ruleId": e.kind.value,
                    "level": "warning",
                    "message": {"text": f"{e.before!r} → {e.after!r}: {e.reason}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                    "properties": {"confidence": round(e.confidence, 3), "documentDamage": damage["score"] if damage else None},
                    "fixes": [
                        {
                            "description": {"text": f"replace with {e.after!r}"},
                            "artifactChanges": [
                                {
                                    "artifactLocation": {"uri": uri},
                                    "replacements": [{"deletedRegion": region, "insertedContent": {"text": e.after}}],
                                }
                            ],
                        }
                    ],
                }
            )
        for f in _flags(outcome, flags):
            region = {"startLine": f.line, "startColumn": f.column}
            results.append(
                {
                    "ruleId": f.kind.value,
                    "level": "note",
                    "message": {"text": f"{f.before!r} → {f.suggestion!r}?: {f.reason}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": file_uri(outcome.path)}, "region": region}}],
                    "properties": {"confidence": round(f.confidence, 3)},
                }
            )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "repair", "version": __version__, "informationUri": INFO_URI, "rules": rules}},
                # columns count code points of the decoded text (batch._locate), as Python indexes it
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"format_version": FORMAT_VERSION, "documents": documents},
            }
        ],
    }
    return _escape_surrogates(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


@dataclass
class Summary:
    scanned: int = 0
    changed: int = 0
    skipped: int = 0
    errors: int = 0
    by_family: Counter = field(default_factory=Counter)

    def add(self, outcome: FileOutcome) -> None:
        if outcome.status == "skipped":
            self.skipped += 1
            return
        if outcome.status == "error":
            self.errors += 1
            return
        self.scanned += 1
        if outcome.changed:
            self.changed += 1
        self.by_family.update(loc.edit.kind.value for loc in outcome.located)

    def line(self, seconds: float, verb: str) -> str:
        edits = sum(self.by_family.values())
        parts = [f"{self.scanned} file{'s' if self.scanned != 1 else ''} scanned", f"{self.changed} {verb}"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.errors:
            parts.append(f"{self.errors} with errors")
        families = ", ".join(f"{k} {v}" for k, v in sorted(self.by_family.items(), key=lambda kv: (-kv[1], kv[0])))
        text = f"repair: {'; '.join(parts)}; {edits} edit{'s' if edits != 1 else ''}"
        if families:
            text += f" ({families})"
        return text + f" in {seconds:.2f} s"
