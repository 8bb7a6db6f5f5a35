"""Extract the prose of reStructuredText documents into plain text.

Used once to build ``corpora/clean/technical-python-docs.txt`` from the
Python 3.11 documentation sources (Debian package python3.11-doc,
``/usr/share/doc/python3.11/html/_sources``; PSF License v2). Code blocks,
directives, tables, doctest lines and markup are dropped; inline literals
become `backticked`; paragraphs become single lines.

    python scripts/extract_rst_prose.py SOURCES... > corpora/clean/technical-python-docs.txt
"""

import re
import sys
from pathlib import Path

ROLE_RE = re.compile(r":[\w:-]+:`(?:[^`<]*<)?~?([^`>]+)>?`")
LINK_RE = re.compile(r"`([^`<]+?)\s*<[^>]+>`_+")
LITERAL_RE = re.compile(r"``([^`]+)``")
REF_RE = re.compile(r"`([^`]+)`_+")
UNDERLINE_RE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def prose(text: str) -> str:
    out, para = [], []
    lines = text.splitlines()
    skip_indent = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if not stripped or indent > skip_indent:
                continue
            skip_indent = None
        if stripped.startswith(".. ") or stripped.endswith("::") and not stripped[:-2].strip():
            skip_indent = indent
            _flush(out, para)
            continue
        if stripped.endswith("::"):
            # docutils: "text::" renders "text:", but "text ::" renders "text"
            para.append(stripped[:-3].rstrip() if stripped.endswith(" ::") else stripped[:-1])
            skip_indent = indent
            _flush(out, para)
            continue
        if not stripped:
            _flush(out, para)
            continue
        if UNDERLINE_RE.match(stripped) or stripped.startswith((">>>", "...", "+-", "|", "====")):
            continue
        if indent >= 3 and not para and not stripped.startswith(("*", "-")):
            continue  # block quote or definition body without a lead-in; often code
        next_line = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if UNDERLINE_RE.match(next_line):
            _flush(out, para)
            out.append(stripped)
            continue
        para.append(stripped)
    _flush(out, para)
    return "\n\n".join(out) + "\n"


def _flush(out: list[str], para: list[str]) -> None:
    if para:
        text = " ".join(para)
        text = LINK_RE.sub(r"\1", text)
        text = ROLE_RE.sub(r"`\1`", text)
        text = LITERAL_RE.sub(r"`\1`", text)
        text = REF_RE.sub(r"\1", text)
        text = text.replace("\\ ", "").replace("**", "").replace("|", "")
        out.append(text)
        para.clear()


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sys.stdout.write(prose(Path(name).read_text(encoding="utf-8")))
