"""A small on-disk cache of parsed tables, so each run does not re-parse them.

Values are built-in types written with :mod:`marshal` (no code, fast to
read). The key is a hash of the source bytes, a label and a format version:
a changed source never reads a stale entry. The cache lives in
``$REPAIR_CACHE_DIR``, else ``$XDG_CACHE_HOME/repair``, else
``~/.cache/repair``; ``REPAIR_CACHE_DIR=""`` turns it off. A cache that
cannot be written or read is ignored.
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
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
    return value
