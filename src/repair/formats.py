"""The version of the machine-readable formats, and the keys JSON Lines records gain.

``FORMAT_VERSION`` is written into the JSON report (each file's record),
the SARIF run's ``properties`` and each repaired JSON Lines record. It goes
up only when a key is removed, renamed or changes meaning; adding a key does
not change it (see "Output formats and versions" in the README).
"""

from __future__ import annotations

from typing import Any

from .model import Result

FORMAT_VERSION = 1


def jsonl_extra_keys(field: str) -> tuple[str, str]:
    """The keys a repaired JSON Lines record gains besides ``<field>_edits``:
    ``<field>_damage`` (see :mod:`repair.damage`) and ``<field>_format_version``,
    prefixed by the field, so repairing two fields of one record keeps both."""
    return f"{field}_damage", f"{field}_format_version"


def jsonl_extras(field: str, result: Result) -> dict[str, Any]:
    """The values of :func:`jsonl_extra_keys` for ``result``."""
    damage, version = jsonl_extra_keys(field)
    return {damage: result.damage.to_dict(), version: FORMAT_VERSION}
