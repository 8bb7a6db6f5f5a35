"""Named settings that decide what the detectors flag at all, from ``data/settings.toml``.

One place for the numbers, each with its reason beside it in the data file;
a detector reads the ones it needs once, at import (module constants, so its
hot loops pay nothing). One concept has one name: the function-word level
that run-on, random-capital and punctuation all use is ``shared.function-word-zipf``.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources
from typing import Any

from .errors import ResourceError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@functools.cache
def _table() -> dict[str, dict[str, Any]]:
    source = resources.files("repair") / "data" / "settings.toml"
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # pragma: no cover - a broken install
        raise ResourceError(f"cannot read detector settings {source}: {exc}") from exc


def setting(section: str, name: str) -> Any:
    """The value of ``name`` in ``[section]`` (a missing one is a broken install: KeyError names it)."""
    try:
        return _table()[section][name]
    except KeyError:
        raise KeyError(f"no setting {section}.{name} in data/settings.toml") from None
