"""Review decisions: the file format, applying accepted edits, learning a lexicon.

The review page (:mod:`repair.review`) exports what a reviewer decided as a
JSON file; ``repair apply`` and ``repair lexicon learn`` read it. Format
``repair-decisions``, version 1::

    {"format": "repair-decisions", "version": 1, "created": "...",
     "edits": [{"path": "docs/a.md", "sha256": "<64 hex>",
                "start": 12, "end": 15, "before": "tbe", "after": "the",
                "line": 1, "column": 13, "kind": "garbled-word",
                "confidence": 0.97, "reason": "...", "origin": "edit",
                "decision": "accept"}, ...]}

Every record says where its text lives: ``path`` (a file), or ``jsonl``,
``line`` and ``field`` (a field of one JSON Lines record). ``sha256`` is the
hash of the bytes the edit was computed on: the file's bytes as stored, or
the record's line (UTF-8, without its line ending). ``start``/``end`` are
code-point offsets into the decoded text (a file's text after its BOM is
dropped and CRLF read as LF; a record's field value), half-open, and
``before`` is the text there. ``origin`` is ``edit`` (made by ``fix``) or
``flag`` (a suggestion ``fix`` did not apply). ``decision`` is ``accept``,
``reject`` or ``undecided``. A reader refuses a file of another format or of
a newer version; version 1 readers ignore keys they do not know.

Nothing here prints or writes files: the CLI does.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, asdict, dataclass, fields
from pathlib import Path

import regex

from .errors import RepairError
from .files import FileError, FileSkipped, TextFile, decode
from .lexicon import ARROW, MAX_ENTRY_TOKENS, NEVER, token_key
from .model import Edit, apply_edits

FORMAT = "repair-decisions"
VERSION = 1
DECISIONS = ("accept", "reject", "undecided")
ORIGINS = ("edit", "flag")
# Families whose accepted fixes name something: the after-form is a name to
# learn, the before-form a known wrong form of it.
NAME_FAMILIES = frozenset({"entity-case", "entity-near-miss", "entity-alias"})
WORD_RE = regex.compile(r"[\p{L}\p{N}]")


class DecisionsError(RepairError):
    """A decisions file that cannot be read, or is not in the documented format."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Decision:
    """One edit or suggestion, where it lives, and what the reviewer decided about it."""

    sha256: str
    start: int
    end: int
    before: str
    after: str
    kind: str
    confidence: float
    reason: str
    origin: str = "edit"
    decision: str = "undecided"
    line: int = 0  # 1-based line of the edit in a file; the record's line number in a JSONL file
    column: int = 0  # 1-based column of the edit in a file (0 for JSONL)
    path: str | None = None
    jsonl: str | None = None
    field: str | None = None

    @property
    def target(self) -> tuple[str, str]:
        """What the edit changes: ("path", file) or ("jsonl", file)."""
        return ("path", self.path) if self.path is not None else ("jsonl", self.jsonl or "")

    def as_edit(self) -> Edit:
        return Edit(self.start, self.end, self.before, self.after, self.kind, self.confidence, self.reason)  # type: ignore[arg-type]

    def to_dict(self) -> dict:
        record = {k: v for k, v in asdict(self).items() if v is not None}
        if self.jsonl is not None:
            record.pop("column", None)
        return record

    @classmethod
    def from_dict(cls, record: object, where: str) -> Decision:
        if not isinstance(record, dict):
            raise DecisionsError(f"{where}: an edit must be a JSON object")
        missing = [name for name in REQUIRED if name not in record]
        if missing:
            raise DecisionsError(f"{where}: missing {', '.join(map(repr, missing))}")
        decision = cls(**{f.name: record[f.name] for f in fields(cls) if f.name in record})
        decision._check(where)
        return decision

    def _check(self, where: str) -> None:
        types = {"sha256": str, "start": int, "end": int, "before": str, "after": str, "kind": str, "reason": str, "origin": str, "decision": str, "line": int, "column": int}
        for name, kind in types.items():
            value = getattr(self, name)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise DecisionsError(f"{where}: {name!r} must be {kind.__name__}, not {type(value).__name__}")
        if not isinstance(self.confidence, (int, float)) or isinstance(self.confidence, bool):
            raise DecisionsError(f"{where}: 'confidence' must be a number")
        if self.decision not in DECISIONS:
            raise DecisionsError(f"{where}: decision {self.decision!r} is not one of {', '.join(DECISIONS)}")
        if self.origin not in ORIGINS:
            raise DecisionsError(f"{where}: origin {self.origin!r} is not one of {', '.join(ORIGINS)}")
        if not 0 <= self.start <= self.end:
            raise DecisionsError(f"{where}: offsets {self.start}..{self.end} are not a span")
        if not regex.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise DecisionsError(f"{where}: 'sha256' must be 64 lower-case hex digits")
        if (self.path is None) == (self.jsonl is None):
            raise DecisionsError(f"{where}: an edit names either 'path' or 'jsonl'")
        if self.jsonl is not None and (not isinstance(self.field, str) or self.line < 1):
            raise DecisionsError(f"{where}: a JSONL edit needs 'field' and a 'line' from 1")
        for name in ("path", "jsonl"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value or "\x00" in value):
                raise DecisionsError(f"{where}: {name!r} must be a file name")


REQUIRED = tuple(f.name for f in fields(Decision) if f.default is MISSING)


def parse(text: str, source: str) -> list[Decision]:
    """The decisions of a decisions file's text; ``source`` names it in errors."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DecisionsError(f"{source}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DecisionsError(f"{source}: not a decisions file (expected \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DecisionsError(f"{source}: 'version' must be a whole number")
    if version < 1:
        raise DecisionsError(f"{source}: decisions format version {version} does not exist (the first is 1)")
    if version > VERSION:
        raise DecisionsError(f"{source}: decisions format version {version} is newer than this repair reads ({VERSION}); upgrade repair")
    edits = data.get("edits")
    if not isinstance(edits, list):
        raise DecisionsError(f"{source}: 'edits' must be a list")
    return [Decision.from_dict(record, f"{source}: edit {i + 1}") for i, record in enumerate(edits)]


def load(path: str | Path) -> list[Decision]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return parse(text, str(path))


# -- applying -----------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    """What applying the accepted edits to one file or record gives.

    ``data`` is the new content (None when refused or when nothing changes);
    ``refusal`` says why nothing was applied.
    """

    target: str
    edits: int
    data: bytes | None = None
    refusal: str = ""


def accepted(decisions: Iterable[Decision]) -> list[Decision]:
    return [d for d in decisions if d.decision == "accept"]


def by_target(decisions: Iterable[Decision]) -> dict[tuple[str, str], list[Decision]]:
    """Decisions grouped by file, in first-seen order."""
    groups: dict[tuple[str, str], list[Decision]] = {}
    for d in decisions:
        groups.setdefault(d.target, []).append(d)
    return groups


def is_allowed(path: Path, cwd: Path, named: Sequence[Path]) -> bool:
    """True when ``path`` (links followed) lies in ``cwd`` or is, or is inside, a path in ``named``."""
    real = Path(os.path.realpath(cwd / path))
    for root in [cwd, *named]:
        root = Path(os.path.realpath(cwd / root))
        if real == root or real.is_relative_to(root):
            return True
    return False


def _applied_text(text: str, items: list[Decision], where: str) -> tuple[str | None, str]:
    """``text`` with ``items`` applied, or (None, why not)."""
    items = sorted(items, key=lambda d: (d.start, d.end))
    for d in items:
        if d.end > len(text) or text[d.start : d.end] != d.before:
            return None, f"{where}: {d.before!r} is not at {d.start}..{d.end}; not applied"
    for a, b in zip(items, items[1:]):
        if b.start < a.end or (a.start == a.end == b.start == b.end):
            return None, f"{where}: accepted edits at {a.start} and {b.start} overlap; not applied"
    return apply_edits(text, [d.as_edit() for d in items]), ""


def apply_to_file(path: Path, items: list[Decision], data: bytes) -> Applied:
    """The file's new bytes with the accepted ``items`` applied, given its current bytes ``data``.

    Refused when the bytes are not the ones the edits were computed on, or an
    edit does not fit; the encoding, BOM and line endings stay as stored.
    """
    where = str(path)
    items = accepted(items)
    if not items:
        return Applied(where, 0)
    hashes = {d.sha256 for d in items}
    if hashes != {sha256(data)}:
        return Applied(where, 0, refusal=f"{where}: changed since it was reviewed (its SHA-256 differs); not applied")
    try:
        file: TextFile = decode(path, data)
    except (FileSkipped, FileError) as exc:
        return Applied(where, 0, refusal=str(exc))
    text, refusal = _applied_text(file.text, items, where)
    if text is None:
        return Applied(where, 0, refusal=refusal)
    if not file.can_hold(text):
        return Applied(where, 0, refusal=f"{where}: {file.encoding} cannot hold the accepted text; not applied")
    return Applied(where, len(items), file.encode(text))


def apply_to_jsonl(name: str, data: bytes, decisions: list[Decision]) -> tuple[bytes, list[Applied]]:
    """The JSON Lines file ``data`` with the accepted edits applied to their records.

    Lines without accepted edits, and records refused (changed since review,
    or an edit that does not fit), come out byte for byte as they were; in a
    changed record only the field's value is replaced, every other byte as
    read (as ``repair fix --jsonl`` does). Lines are split at ``\\n`` only.
    """
    from .jsonl import body as line_body
    from .jsonl import split_lines

    wanted: dict[int, list[Decision]] = {}
    for d in accepted(decisions):
        wanted.setdefault(d.line, []).append(d)
    out: list[bytes] = []
    report: list[Applied] = []
    for number, raw_line in enumerate(split_lines(data), start=1):
        items = wanted.pop(number, None)
        if not items:
            out.append(raw_line)
            continue
        body = line_body(raw_line)
        ending = raw_line[len(body) :]
        new, result = _apply_record(f"{name}:{number}", number, body, items)
        report.append(result)
        out.append(new + ending)
    for number, items in wanted.items():
        report.append(Applied(f"{name}:{number}", 0, refusal=f"{name}:{number}: no such line; not applied"))
    return b"".join(out), report


def _apply_record(where: str, number: int, body: bytes, items: list[Decision]) -> tuple[bytes, Applied]:
    from .jsonl import parse_line, splice

    if {d.sha256 for d in items} != {sha256(body)}:
        return body, Applied(where, 0, refusal=f"{where}: record changed since it was reviewed (its SHA-256 differs); not applied")
    fields_named = {d.field for d in items}
    field = next(iter(fields_named))
    line = parse_line(number, body, field) if len(fields_named) == 1 else None
    if line is None or line.text is None:
        return body, Applied(where, 0, refusal=f"{where}: no text field {field!r} to apply to ({line.problem if line else 'several fields named'}); not applied")
    text, refusal = _applied_text(line.text, items, where)
    if text is None:
        return body, Applied(where, 0, refusal=refusal)
    new = splice(line, text)
    return new, Applied(where, len(items), new)


# -- learning -------------------------------------------------------------------


@dataclass(frozen=True)
class Learned:
    """What a batch of decisions teaches: never-touch forms, names, and wrong forms of names."""

    never: tuple[str, ...]
    names: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...]  # (wrong, canonical)
    conflicts: tuple[str, ...]  # forms accepted in one place and rejected in another: nothing learned
    unlearnable: tuple[str, ...] = ()  # rejected forms no lexicon line can hold (no letter or digit, a line break)

    def lexicon_text(self, header: str) -> str:
        """A lexicon file (see :mod:`repair.lexicon`) holding what was learned."""
        lines = [f"# {line}" for line in header.splitlines()]
        if self.conflicts:
            lines.append("# accepted in one place and rejected in another, so not learned: " + ", ".join(self.conflicts))
        lines += [f"{NEVER}{form}" for form in self.never]
        lines += list(self.names)
        lines += [f"{wrong} {ARROW} {right}" for wrong, right in self.aliases]
        return "".join(line + "\n" for line in lines)


def _writable(form: str) -> bool:
    """True when ``form`` can stand on a lexicon line and means itself there."""
    return (
        form == form.strip()
        and bool(WORD_RE.search(form))
        and not any(c in form for c in "\n\r\t\x00")
        and ARROW not in form
        and not form.startswith((NEVER, "#"))
        and " #" not in form
        and len(token_key(form)) <= MAX_ENTRY_TOKENS * 2
    )


def learn(decisions: Iterable[Decision]) -> Learned:
    """Rejected corrections become never-touch forms; accepted name fixes become names
    and their wrong forms aliases. A form both accepted and rejected teaches nothing."""
    decisions = list(decisions)
    rejected = {d.before.strip() for d in decisions if d.decision == "reject"}
    accepted_forms = {d.before.strip() for d in decisions if d.decision == "accept"}
    conflicts = rejected & accepted_forms
    never = sorted(f for f in rejected - conflicts if _writable(f))
    unlearnable = sorted({d.before for d in decisions if d.decision == "reject" and d.before.strip() not in conflicts and not _writable(d.before.strip())})
    names: set[str] = set()
    aliases: set[tuple[str, str]] = set()
    for d in decisions:
        if d.decision != "accept" or d.kind not in NAME_FAMILIES or d.before.strip() in conflicts:
            continue
        after, before = d.after.strip(), d.before.strip()
        if not _writable(after):
            continue
        names.add(after)
        if _writable(before) and before.lower() != after.lower():
            aliases.add((before, after))  # a case-only wrong form needs no alias: the name fixes case
    order = lambda s: (s.casefold(), s)  # noqa: E731
    return Learned(
        tuple(never),
        tuple(sorted(names, key=order)),
        tuple(sorted(aliases, key=lambda a: (order(a[0]), a[1]))),
        tuple(sorted(conflicts, key=order)),
        tuple(unlearnable),
    )
