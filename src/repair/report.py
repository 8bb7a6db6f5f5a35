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

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import click

from . import __version__
from .batch import FileOutcome
from .detectors import families

FORMATS = ("human", "json", "github", "sarif")
INFO_URI = "https://github.com/repair-tools/repair"


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


def _flags(outcome: FileOutcome, shown: bool) -> tuple:
    """The outcome's flags if they are to be shown, else none."""
    if not shown or outcome.result is None:
        return ()
    return outcome.result.flags


def diff(outcome: FileOutcome) -> str:
    assert outcome.result is not None
    return outcome.result.diff(outcome.path.as_posix())


def json_record(outcome: FileOutcome, flags: bool = False) -> dict:
    record = {"path": outcome.path.as_posix(), "status": outcome.status}
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
    if flags and outcome.result is not None:
        record["flags"] = [f.to_dict() for f in outcome.result.flags]
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
    for outcome in outcomes:
        for loc in outcome.located:
            e = loc.edit
            region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
            uri = outcome.path.as_posix()
            results.append(
                {
                    "ruleId": e.kind.value,
                    "level": "warning",
                    "message": {"text": f"{e.before!r} → {e.after!r}: {e.reason}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                    "properties": {"confidence": round(e.confidence, 3)},
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
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": outcome.path.as_posix()}, "region": region}}],
                    "properties": {"confidence": round(f.confidence, 3)},
                }
            )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "repair", "version": __version__, "informationUri": INFO_URI, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


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
