"""Helpers shared by the review tests: a garbled batch, and reading the page's data."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

# A small batch with what the page must survive: HTML in the text, CRLF
# line endings, a BOM, and a name the lexicon fixes.
BATCH = {
    "docs/guide.md": "# Guide\n\nThe cornpany said tbe results were good.\nIt wou1d be fine, said Openai.\n",
    "docs/notes.txt": "Notes on <script>alert('x')</script> and tbe cornpany.\r\nWe met at tbe office.\r\nThe rnodel works well.\r\n",
    "docs/bom.txt": "\ufeffOpenai wou1d ship it.\n",
    "docs/clean.txt": "Nothing is wrong here.\n",
}


def write_batch(root: Path) -> dict[str, bytes]:
    """Write :data:`BATCH` under ``root``; the bytes of each file, by relative name."""
    stored = {}
    for name, text in BATCH.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.replace("\ufeff", "").encode("utf-8")
        if text.startswith("\ufeff"):
            data = codecs.BOM_UTF8 + data
        path.write_bytes(data)
        stored[name] = data
    return stored


def page_data(html: str) -> dict:
    """The JSON the page embeds."""
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def export(html: str, choose) -> dict:
    """The decisions file the page exports when ``choose(item)`` gives each decision."""
    data = page_data(html)
    edits = []
    for doc in data["documents"]:
        for item in doc["items"]:
            if "record" in item:
                edits.append({**item["record"], "decision": choose(item)})
    return {**data["export"], "edits": edits}
