"""A small on-disk cache of parsed tables, so each run does not re-parse them.

Values are built-in types written with :mod:`marshal` (no code, fast to
read). The key is a hash of the source bytes, a label and a format version:
a changed source never reads a stale entry. The cache lives in
``$REPAIR_CACHE_DIR``, else ``$XDG_CACHE_HOME/repair``, else
``~/.cache/repair``; ``REPAIR_CACHE_DIR=""`` turns it off. A cache that
cannot be written or read is ignored; past 256 MB the least recently used
entries are removed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_BYTES = 256 * 1024 * 1024  # beyond this, the least recently used entries go


def cache_dir() -> Path | None:
    configured = os.environ.get("REPAIR_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "repair"


def cached_value(source: bytes, label: str, build: Callable[[], Any]) -> Any:
    """``build()``, or what it returned last time for the same ``source`` and ``label``."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(b"%d\0%s\0" % (FORMAT, label.encode()) + source).hexdigest()[:32]
    path = folder / f"{digest}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
        os.utime(path)  # recently used: evicted last
        return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, path)
        _evict(folder)
    except (OSError, ValueError):
        pass
    return value


def _evict(folder: Path) -> None:
    """Remove the least recently used entries while the cache holds more than MAX_BYTES.

    Every edit of a lexicon makes a new entry; without this the folder
    would only grow.
    """
    entries = []
    for item in folder.glob("*.marshal"):
        try:
            info = item.stat()
        except OSError:
            continue
        entries.append((info.st_mtime, info.st_size, item))
    total = sum(size for _, size, _ in entries)
    for _, size, item in sorted(entries):
        if total <= MAX_BYTES:
            break
        try:
            item.unlink()
            total -= size
        except OSError:
            pass
