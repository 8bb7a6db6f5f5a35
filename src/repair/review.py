"""The review page: one self-contained HTML file for deciding a batch's edits.

A reviewer opens it from a CI artifact or an e-mail, so it needs no server,
loads nothing and sends nothing: the style and script are inline, allowed by
their SHA-256 hashes in a Content-Security-Policy whose default is
``'none'``, and the batch travels as JSON inside a
``<script type="application/json">`` block (which never runs). The script
builds the page with ``textContent`` only, so document text, which may hold
``<script>`` or HTML, is never read as markup; in the JSON block ``<``,
``>``, ``&`` and U+2028/U+2029 are escaped so no text can end the block.

Each edit and each suggestion carries its decision record (see
:mod:`repair.decisions`) minus the decision, which the page fills in and
exports as a file download (a ``blob:`` URL, which needs no network).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import regex

from . import __version__
from .decisions import FORMAT, VERSION, Decision, sha256
from .files import FileError, decode
from .model import Result, line_locator

CONTEXT = 160  # characters of context on each side, at most, cut at a sentence end
SENTENCE_END_RE = regex.compile(r"[.!?…][\"'”’)\]]*\s+")
WORD_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
PLACEHOLDER_RE = re.compile(r"\{\{(\w+)\}\}")
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class ReviewDocument:
    """One document of the batch: its text, what repair made of it, and where it lives.

    ``where`` holds the decision record's location keys: ``{"path": ...}`` or
    ``{"jsonl": ..., "line": n, "field": ...}``; ``digest`` is the SHA-256 of
    the bytes the edits were computed on.
    """

    name: str
    result: Result
    where: dict
    digest: str


def file_document(path: Path, name: str, result: Result) -> ReviewDocument:
    """A file's review entry; its bytes are read again to record their hash.

    Raises :class:`FileError` when the file no longer decodes to the text
    that was repaired (it changed in between).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if decode(path, data).text != result.source:
        raise FileError(f"{path}: changed while it was being repaired; left out of the review")
    return ReviewDocument(name, result, {"path": name}, sha256(data))


def record_document(jsonl: str, number: int, raw: bytes, field: str, result: Result) -> ReviewDocument:
    """A JSON Lines record's review entry: ``raw`` is its line without the line ending."""
    return ReviewDocument(f"{jsonl}:{number}", result, {"jsonl": jsonl, "line": number, "field": field}, sha256(raw))


def damage(result: Result) -> float:
    """Edits and flags per 1,000 words, from the document's damage estimate
    (:attr:`Result.damage`, which also orders the page by its score)."""
    estimate = result.damage
    return sum(estimate.edits.values()) + sum(estimate.flags.values())


def context(text: str, start: int, end: int) -> tuple[str, str, bool, bool]:
    """The text of the sentence around ``[start, end)``: (left, right, cut on the left, cut on the right).

    Sentences end at ``.``, ``!``, ``?`` or a blank line (a single line break
    is only wrapping); past ``CONTEXT`` characters the context is cut at a space.
    """
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start == -1 else para_start + 2
    lo = max(para_start, start - CONTEXT)
    ends = list(SENTENCE_END_RE.finditer(text, lo, start))
    if ends:
        lo = ends[-1].end()
    cut_left = lo > para_start and not ends
    if cut_left:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end == -1 else para_end
    hi = min(para_end, end + CONTEXT)
    stop = SENTENCE_END_RE.search(text, end, hi)
    if stop:
        hi = stop.start() + len(stop.group().rstrip())
    cut_right = hi < para_end and not stop
    if cut_right:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return text[lo:start], text[end:hi].rstrip("\n"), cut_left, cut_right


def _item(doc: ReviewDocument, index: int, change, origin: str, locate) -> dict:
    """One edit (``origin="edit"``) or flag of ``doc`` as the page shows it."""
    text = doc.result.source
    left, right, cut_left, cut_right = context(text, change.start, change.end)
    after = change.after if origin == "edit" else change.suggestion
    line, column = locate(change.start)
    item = {
        "id": index,
        "origin": origin,
        "before": change.before,
        "after": after,
        "kind": str(change.kind),  # the family's name
        "confidence": round(change.confidence, 3),
        "reason": change.reason,
        "line": line if "path" in doc.where else doc.where["line"],
        "column": column if "path" in doc.where else 0,
        "left": left,
        "right": right,
        "cutLeft": cut_left,
        "cutRight": cut_right,
    }
    if after is not None:
        record = Decision(
            sha256=doc.digest,
            start=change.start,
            end=change.end,
            before=change.before,
            after=after,
            kind=item["kind"],
            confidence=item["confidence"],
            reason=change.reason,
            origin=item["origin"],
            line=item["line"],
            column=item["column"],
            **{k: v for k, v in doc.where.items() if k != "line"},
        ).to_dict()
        del record["decision"]
        item["record"] = record
    return item


def page_data(documents: list[ReviewDocument]) -> dict:
    """What the page shows: documents with something to review, most damaged first."""
    shown = [d for d in documents if d.result.edits or d.result.flags]
    shown.sort(key=lambda d: (-d.result.damage.score, -damage(d.result), d.name))
    out = []
    index = 0
    for doc in shown:
        locate = line_locator(doc.result.source)
        items = []
        for origin, changes in (("edit", doc.result.edits), ("flag", doc.result.flags)):
            for change in changes:
                items.append(_item(doc, index, change, origin, locate))
                index += 1
        out.append({"name": doc.name, "damage": round(damage(doc.result), 1), "edits": len(doc.result.edits), "flags": len(doc.result.flags), "items": items})
    data = {
        "tool": f"repair {__version__}",
        "export": {"format": FORMAT, "version": VERSION},
        "total": len(documents),
        "documents": out,
    }
    # The browser keeps a reviewer's decisions under this key until they are
    # exported: the same batch reviewed again finds them, another batch does not.
    data["key"] = sha256(json.dumps(data, sort_keys=True).encode("utf-8"))[:32]
    return data


def embed_json(data: object) -> str:
    """JSON safe inside a ``<script>`` block: nothing in it can close the block or end a JS line.

    >>> embed_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_ESCAPES[m.group()], text)


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def render_page(documents: list[ReviewDocument], title: str = "repair review") -> str:
    """The whole page, as one HTML string."""
    folder = resources.files("repair") / "data" / "review"
    template = (folder / "page.html").read_text(encoding="utf-8")
    style = (folder / "page.css").read_text(encoding="utf-8")
    script = (folder / "page.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    values = {
        "csp": html.escape(csp, quote=False),  # the attribute is in double quotes; the policy has none
        "title": html.escape(title),
        "style": style,
        "script": script,
        "data": embed_json(page_data(documents)),
    }
    return PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], template)  # one pass: inserted text is never read again
