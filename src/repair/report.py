"""Render batch outcomes for people and for tools.

Formats: ``human`` (``file:line:col: kind: before → after (confidence)
reason``), ``json`` (one object per file), ``github`` (workflow
annotations), ``sarif`` (SARIF 2.1.0 for code-scanning tools), plus the
unified diff and the end-of-run summary.
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
from .formats import FORMAT_VERSION

FORMATS = ("human", "json", "github", "sarif")
INFO_URI = "https://github.com/repair-tools/repair"


def human(outcome: FileOutcome, color: bool) -> str:
    lines = []
    for loc in outcome.located:
        e = loc.edit
        where = f"{outcome.path}:{loc.line}:{loc.column}:"
        change = f"{e.before!r} → {e.after!r}"
        if color:
            where = click.style(where, bold=True)
            change = click.style(repr(e.before), fg="red") + " → " + click.style(repr(e.after), fg="green")
        lines.append(f"{where} {e.kind.value}: {change} ({e.confidence:.2f}) {e.reason}\n")
    return "".join(lines)


def made(outcome: FileOutcome) -> str:
    """One line per edit made, for a person reading stderr after ``fix`` or the hook:
    ``path:line:col: before → after (family, confidence)``."""
    return "".join(
        f"{outcome.path}:{loc.line}:{loc.column}: {loc.edit.before!r} → {loc.edit.after!r} "
        f"({loc.edit.kind.value}, {loc.edit.confidence:.2f})\n"
        for loc in outcome.located
    )


def diff(outcome: FileOutcome) -> str:
    assert outcome.result is not None
    return outcome.result.diff(outcome.path.as_posix())


def json_record(outcome: FileOutcome) -> dict:
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
        record["flags"] = [f.to_dict() for f in outcome.result.flags]
        record["damage"] = outcome.result.damage.to_dict()
    return record


def github(outcome: FileOutcome) -> str:
    out = []
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


def sarif(outcomes: Sequence[FileOutcome]) -> str:
    rules = [
        {"id": f.value, "name": f.value.title().replace("-", ""), "shortDescription": {"text": f"repair: {f.value}"}}
        for f in families()
    ]
    results = []
    documents = []
    for outcome in outcomes:
        damage = outcome.result.damage.to_dict() if outcome.result is not None else None
        if damage is not None:
            documents.append({"uri": outcome.path.as_posix(), "damage": damage})
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
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "repair", "version": __version__, "informationUri": INFO_URI, "rules": rules}},
                "results": results,
                "properties": {"format_version": FORMAT_VERSION, "documents": documents},
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
