"""Reading and writing files without losing anything.

A file is read as bytes and decoded once: UTF-8 (with or without a BOM)
first, then, for anything else, the encoding charset-normalizer detects.
What was found (encoding, BOM, CRLF line endings) travels with the text, so
the repaired text is written back exactly as the file was stored, through a
temporary file in the same folder and a rename: a crash leaves the old file
or the new one, never half of each.

Only regular files are read: a FIFO would block, ``/dev/zero`` never ends.
What was read is stamped (size, modification time, a hash of the bytes), and
the rename happens only if the file still matches the stamp, so an edit made
while the batch ran is never overwritten. The new file keeps the old one's
mode, owner and extended attributes where the system lets us. A temporary
file is named after the host and process writing it, so a later run can tell
one left by a killed run from one a running process is still writing.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RepairError

BINARY_SNIFF = 8192
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx", "*.txt")
LATIN_NEIGHBOURS = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15"})
TEMP_SUFFIX = ".repair-tmp"
NAME_MAX = 255  # bytes in one file name on the common file systems


class FileSkipped(RepairError):
    """A file repair does not handle (binary, undecodable, not regular); the batch goes on."""


class FileError(RepairError):
    """A file that cannot be read or written; the batch goes on."""


class NotRegularFile(FileSkipped):
    """A FIFO, device, socket or folder where a regular file was expected."""

    def __init__(self, path: Path | str, mode: int) -> None:
        self.reason = f"not a regular file ({file_kind(mode)})"
        super().__init__(f"{path}: {self.reason}; skipped")


class FileTooLarge(FileError):
    """A file over the size a settings or lexicon file may have."""

    def __init__(self, path: Path | str, limit: int) -> None:
        self.reason = f"larger than the {limit:,}-byte limit"
        super().__init__(f"{path}: {self.reason}")


class FileChanged(FileError):
    """A file that changed between reading and writing; it is left as it is."""


@dataclass(frozen=True)
class Stamp:
    """What a file was when read: which file, its size and time, and a hash of the bytes read."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, status: os.stat_result, data: bytes) -> Stamp:
        return cls(status.st_dev, status.st_ino, len(data), status.st_mtime_ns, _digest(data))


@dataclass(frozen=True)
class TextFile:
    """A file's text (line endings as ``\\n``) and how to store it again."""

    path: Path
    text: str
    encoding: str  # a Python codec name
    bom: bool
    crlf: bool
    stamp: Stamp | None = field(default=None, compare=False)

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


def file_kind(mode: int) -> str:
    """What a file is, in words, from its ``st_mode``."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"))
    return next((name for test, name in kinds if test(mode)), "a regular file" if stat.S_ISREG(mode) else "a special file")


def read_regular(path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status, read through one descriptor.

    Anything else raises :class:`NotRegularFile` before it is opened (opening
    a device can have effects) and again if it was swapped in since: checked
    on the open descriptor, opened without blocking, so a FIFO can neither
    hang the open nor the read. Over ``limit`` bytes raises
    :class:`FileTooLarge`. Errors of the system come as :class:`OSError`.
    """
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegularFile(path, before.st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path, status.st_mode)
        if limit is not None and status.st_size > limit:
            raise FileTooLarge(path, limit)
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise FileTooLarge(path, limit)
    return data, status


def read_text_file(path: Path) -> TextFile:
    """A regular file's text, stamped so that a later write can tell whether it changed."""
    try:
        data, status = read_regular(path)
    except OSError as exc:
        raise FileError(f"{path}: cannot read: {_reason(exc)}") from exc
    return decode(path, data, Stamp.of(status, data))


def decode(path: Path, data: bytes, stamp: Stamp | None = None) -> TextFile:
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
    return TextFile(path, text, encoding, bom, crlf, stamp)


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


def write_back(file: TextFile, data: bytes, force: bool = False) -> None:
    """Replace ``file`` on disk by ``data``, if it is still what was read (see :func:`replace_if_unchanged`)."""
    replace_if_unchanged(file.path, file.stamp, data, force)


def replace_if_unchanged(path: Path, stamp: Stamp | None, data: bytes, force: bool = False) -> None:
    """Replace the file at ``path`` by ``data``, if it is still what ``stamp`` says was read.

    A symbolic link stays a link: the file it points to is replaced. A
    read-only file, or one with several hard links (the rename would split
    them), is skipped with :class:`FileSkipped` unless ``force``. A file
    changed since it was read raises :class:`FileChanged` and is left as it
    is; the check is made after the new content is on disk, just before the
    rename, to keep the window for a lost update as short as it can be.
    """
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except OSError as exc:
        raise FileError(f"{path}: cannot write: {_reason(exc)}") from exc
    if not force and not status.st_mode & 0o222:
        raise FileSkipped(f"{path}: read-only; not written (--force writes it)")
    if not force and status.st_nlink > 1:
        raise FileSkipped(f"{path}: has {status.st_nlink} hard links; not written, as the rename would split them (--force writes it)")

    def unchanged() -> None:
        if stamp is not None and not _matches(target, stamp):
            raise FileChanged(f"{path}: changed since it was read; not written (run again to repair the new content)")

    _replace(path, target, data, status, unchanged)


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named as output (``-o PATH``).

    A regular file, or a new one, is written through a temporary file and a
    rename. A FIFO or a character device (``/dev/stdout``, a shell's
    ``>(...)``) is written in place, as a shell's ``>`` would: a rename would
    destroy the node. Anything else is refused with :class:`FileError`.
    """
    target = Path(os.path.realpath(path))
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise FileError(f"{path}: cannot write: {_reason(exc)}") from exc
    if status is None:
        if not target.parent.is_dir():
            raise FileError(f"{path}: cannot write: folder {target.parent} does not exist")
        _replace(path, target, data, None)
    elif stat.S_ISREG(status.st_mode):
        _replace(path, target, data, status)
    elif stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
        _write_in_place(path, target, data)
    else:
        raise FileError(f"{path}: cannot write: {file_kind(status.st_mode)}, not a regular file")


def _write_in_place(path: Path, target: Path, data: bytes) -> None:
    try:
        # without blocking: a FIFO no process reads would make the open wait forever
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        reason = "no process is reading from it" if exc.errno == errno.ENXIO else _reason(exc)
        raise FileError(f"{path}: cannot write: {reason}") from exc
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise FileError(f"{path}: cannot write: {_reason(exc)}") from exc
    finally:
        os.close(fd)


def _replace(path: Path, target: Path, data: bytes, old: os.stat_result | None, check: Callable[[], None] | None = None) -> None:
    """Write ``data`` to a temporary file beside ``target``, give it ``old``'s metadata, run ``check``, rename."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise FileError(f"{path}: cannot write: {_reason(exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _keep_metadata(handle.fileno(), target, old)
            os.fsync(handle.fileno())
        if check is not None:
            check()
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileError(f"{path}: cannot write: {_reason(exc)}") from exc
        raise


def _keep_metadata(fd: int, source: Path, old: os.stat_result | None) -> None:
    """Give the new file the old one's owner, extended attributes and mode, as far as allowed.

    Owner first (changing it can clear set-id bits), then attributes (an ACL
    is one), then the mode. A new file gets what ``open`` would have given it.
    """
    if old is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
            try:
                os.fchown(fd, uid, gid)
                break
            except OSError:
                continue  # not permitted: keep what we can (the group, if we belong to it)
    if hasattr(os, "listxattr"):
        try:
            names = os.listxattr(source)
        except OSError:
            names = []
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(source, name))
            except OSError:
                continue  # not supported here, or not ours to set (security.*, trusted.*)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _matches(path: Path, stamp: Stamp) -> bool:
    """True when ``path`` is the file ``stamp`` describes, with the same bytes (hashed a chunk at a time)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:  # without blocking, in case a FIFO was put in its place
            status = os.fstat(handle.fileno())
            if (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns) != (stamp.device, stamp.inode, stamp.size, stamp.mtime_ns):
                return False
            digest = hashlib.blake2b(digest_size=16)
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return False
    return digest.digest() == stamp.digest


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _host() -> str:
    """This machine's name as it goes into temporary file names: no dots, nothing odd."""
    import socket  # here, not at the top: only a write needs it, and a hook's start-up pays for the import

    return re.sub(r"[^A-Za-z0-9-]", "_", socket.gethostname()) or "localhost"


def _temp_prefix(name: str) -> str:
    """``.NAME.HOST.PID.`` (mkstemp adds 8 random characters and the suffix), NAME cut to fit."""
    tail = f".{_host()}.{os.getpid()}."
    room = NAME_MAX - len(tail) - len(TEMP_SUFFIX) - 8 - 1
    cut = name.encode("utf-8", "surrogateescape")[: max(room, 1)].decode("utf-8", "ignore") or "_"
    return f".{cut}{tail}"


def stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Our temporary files in ``folders`` whose writer is gone: this host, a process no longer running.

    pre-commit runs several hooks at once: a temporary file of a live
    process, or of another host sharing the folder, is never touched.
    """
    pattern = re.compile(rf"\..+\.{re.escape(_host())}\.([0-9]+)\.[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}", re.DOTALL)
    stale = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            found = pattern.fullmatch(entry.name)
            if found and entry.is_file(follow_symlinks=False) and not _alive(int(found[1])):
                stale.append(Path(entry.path))
    return sorted(stale)


def _alive(pid: int) -> bool:
    """True unless process ``pid`` certainly does not exist (doubt keeps the file)."""
    if pid <= 0 or pid == os.getpid():
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def markup_for(path: Path) -> str:
    return "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES else "text"
