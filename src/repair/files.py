"""Reading and writing files without losing anything.

A file is read as bytes and decoded once: UTF-8 (with or without a BOM)
first, then, for anything else, the encoding charset-normalizer detects.
What was found (encoding, BOM, CRLF line endings) travels with the text, so
the repaired text is written back exactly as the file was stored, through a
temporary file in the same folder and a rename: a crash leaves the old file
or the new one, never half of each.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import RepairError

BINARY_SNIFF = 8192
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx", "*.txt")
LATIN_NEIGHBOURS = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15"})


class FileSkipped(RepairError):
    """A file repair does not handle (binary, undecodable); the batch goes on."""


class FileError(RepairError):
    """A file that cannot be read or written; the batch goes on."""


@dataclass(frozen=True)
class TextFile:
    """A file's text (line endings as ``\\n``) and how to store it again."""

    path: Path
    text: str
    encoding: str  # a Python codec name
    bom: bool
    crlf: bool

    @property
    def is_utf8(self) -> bool:
        return codecs.lookup(self.encoding).name == "utf-8"

    def can_hold(self, text: str) -> bool:
        """True when ``text`` can be stored in this file's encoding."""
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode(self.encoding)
        return (codecs.BOM_UTF8 + data) if self.bom else data

    def file_offset(self, offset: int, line: int) -> int:
        """The character offset in the stored file of ``offset`` on ``line`` (1-based) of the text."""
        return offset + (line - 1 if self.crlf else 0)


def read_text_file(path: Path) -> TextFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return decode(path, data)


def decode(path: Path, data: bytes) -> TextFile:
    if b"\x00" in data[:BINARY_SNIFF] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileSkipped(f"{path}: binary file skipped")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text, encoding = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(path, body)
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    return TextFile(path, text, encoding, bom, crlf)


def _detect(path: Path, data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise FileSkipped(f"{path}: not UTF-8 and no other text encoding fits; skipped")
    encoding = best.encoding
    # Single-byte Latin code pages agree on most letters, and short files
    # give the detector little to go on; English content is most often
    # Windows-1252 (a superset of Latin-1's printable range), so prefer it
    # whenever the detector's pick is one of its neighbours and it decodes.
    if encoding in LATIN_NEIGHBOURS:
        try:
            data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    text = data.decode(encoding)
    if text.encode(encoding) != data:
        raise FileSkipped(f"{path}: looks like {encoding} but would not round-trip; skipped")
    return text, encoding


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` at once, keeping the file's permission bits.

    A symbolic link stays a link: the file it points to is replaced.
    """
    path = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".repair-tmp", dir=path.parent)
    except OSError as exc:
        raise FileError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FileError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def markup_for(path: Path) -> str:
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"


def matches(path: Path, patterns: Iterable[str], root: Path) -> bool:
    """True when ``path`` or one of its folders (relative to ``root``) matches a glob."""
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    parts = rel.split("/")
    candidates = {rel, path.name} | {"/".join(parts[: i + 1]) for i in range(len(parts))}
    return any(fnmatch.fnmatchcase(c, p.rstrip("/")) for p in patterns for c in candidates)


def discover(paths: Iterable[Path], include: Iterable[str], exclude: Iterable[str], root: Path) -> Iterator[Path]:
    """Files to repair: named files as given, folders walked; hidden folders skipped.

    ``exclude`` applies to named files too (pre-commit names every file);
    ``include`` only filters what a walk finds.
    """
    include, exclude = tuple(include), tuple(exclude)
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path, include, exclude, root)
        elif matches(path, exclude, root):
            continue
        else:
            found = iter([path])
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _walk(folder: Path, include: tuple[str, ...], exclude: tuple[str, ...], root: Path) -> Iterator[Path]:
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not matches(here / d, exclude, root))
        for name in sorted(files):
            file = here / name
            if name.startswith(".") or matches(file, exclude, root):
                continue
            if any(fnmatch.fnmatchcase(name, p) for p in include) or matches(file, include, root):
                yield file
