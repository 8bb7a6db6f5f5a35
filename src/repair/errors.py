"""Typed exceptions; the library raises these and never prints or exits."""

from __future__ import annotations


class RepairError(Exception):
    """Base class for every error the library raises."""


class LexiconError(RepairError):
    """A lexicon file cannot be read or has a malformed line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ResourceError(RepairError):
    """Bundled data is missing or unreadable (a broken installation)."""
