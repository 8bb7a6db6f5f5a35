"""JSON Lines in, JSON Lines out: repair one text field of each record.

Each record comes back with the field repaired and its edits beside it
(``<field>_edits``). A line that is not a JSON object with that field as a
string is reported with its line number and passed through as it was:
a pipeline never loses a record.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .formats import jsonl_extras
from .repairer import Repairer


@dataclass(frozen=True)
class Line:
    number: int
    raw: str  # without its newline
    record: dict | None  # None when the line is passed through
    problem: str = ""


def parse(lines: Iterable[str], field: str) -> Iterator[Line]:
    for number, raw in enumerate(lines, start=1):
        raw = raw.rstrip("\r\n")
        if not raw.strip():
            yield Line(number, raw, None)
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield Line(number, raw, None, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Line(number, raw, None, "not a JSON object")
        elif not isinstance(record.get(field), str):
            yield Line(number, raw, None, f"no text field {field!r}")
        else:
            yield Line(number, raw, record)


def repair_lines(
    repairer: Repairer, lines: Iterable[str], field: str = "text", jobs: int = 1, markup: str = "text"
) -> Iterator[tuple[str, Line]]:
    """(output line, input line) pairs in input order, streaming: input is read
    only as far ahead as the workers need."""
    pending: deque[Line] = deque()

    def texts() -> Iterator[str]:
        for line in parse(lines, field):
            pending.append(line)
            if line.record is not None:
                yield line.record[field]

    for result in repairer.repair_many(texts(), jobs=jobs, markup=markup):
        while True:
            line = pending.popleft()
            if line.record is None:
                yield line.raw, line
                continue
            record = dict(line.record)
            record[field] = result.text
            record[f"{field}_edits"] = [edit.to_dict() for edit in result.edits]
            record.update(jsonl_extras(field, result))  # issue 20: <field>_damage, <field>_format_version
            yield json.dumps(record, ensure_ascii=False), line
            break
    while pending:  # lines after the last record
        line = pending.popleft()
        yield line.raw, line
