"""Project settings from ``.repair.toml`` or ``[tool.repair]`` in ``pyproject.toml``.

The nearest file from the current folder upwards wins; command-line flags
override it. An unknown key or a wrongly typed value is an error naming the
file: a misspelt setting silently ignored is a setting that does not work.
Paths in the file (lexicons, globs) are relative to the file's folder.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RepairError
from .detectors import families as registered_families
from .files import DEFAULT_INCLUDE, FileTooLarge, NotRegularFile, read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = (".repair.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1024 * 1024  # settings files are a few lines; pyproject.toml files a few KB


class ConfigError(RepairError):
    """A configuration file that cannot be used."""


@dataclass(frozen=True)
class Config:
    """Settings for a batch; defaults are what a run with no file gets."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    lexicons: tuple[Path, ...] = ()
    default_lexicon: bool = True
    threshold: float | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    words: tuple[str, ...] = ()
    profile: str = "auto"
    models: tuple[Path, ...] = ()
    rejoin_hyphens: bool = False


# key -> (Config field, expected type, element type for lists)
KEYS = {
    "lexicons": ("lexicons", list, str),
    "default-lexicon": ("default_lexicon", bool, None),
    "threshold": ("threshold", (int, float), None),
    "include": ("include", list, str),
    "exclude": ("exclude", list, str),
    "select": ("select", list, str),
    "ignore": ("ignore", list, str),
    "per-path-ignores": ("per_path_ignores", dict, None),
    "words": ("words", list, str),
    "profile": ("profile", str, None),
    "models": ("models", list, str),
    "rejoin-hyphens": ("rejoin_hyphens", bool, None),
}
PROFILES = ("auto", "ocr", "mt", "clean")  # as repair.profile.PROFILES (imported there would pull in the engine)


def find_config(start: Path) -> Path | None:
    """The nearest ``.repair.toml``, or ``pyproject.toml`` with a ``[tool.repair]`` table."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and "repair" not in _read(candidate).get("tool", {}):
                continue
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read(path)
    table = data.get("tool", {}).get("repair", {}) if path.name == "pyproject.toml" else data
    where = f"{path} [tool.repair]" if path.name == "pyproject.toml" else str(path)
    values: dict = {}
    families = {f.value for f in registered_families()}
    if path.name != "pyproject.toml" and "tool" in table and isinstance(table["tool"], dict) and "repair" in table["tool"]:
        raise ConfigError(f"{where}: a [tool.repair] table belongs in pyproject.toml; in .repair.toml write the keys at top level")
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}; known keys: {', '.join(KEYS)}")
        name, kind, element = KEYS[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise ConfigError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
        if kind is list and not all(isinstance(v, element) for v in value):
            raise ConfigError(f"{where}: {key!r} must be a list of strings")
        if key in ("select", "ignore") and set(value) - families:
            bad = ", ".join(sorted(set(value) - families))
            raise ConfigError(f"{where}: {key!r} names unknown families: {bad}")
        if key == "threshold" and not 0.0 <= value <= 1.0:
            raise ConfigError(f"{where}: 'threshold' must be between 0 and 1")
        if key == "profile" and value not in PROFILES:
            raise ConfigError(f"{where}: 'profile' must be one of {', '.join(PROFILES)}")
        if key == "per-path-ignores":
            value = _per_path(where, value, families)
        elif key in ("lexicons", "models"):
            value = tuple(path.parent / v for v in value)
        elif kind is list:
            value = tuple(value)
        values[name] = value
    return Config(path=path, root=path.parent, **values)


def _per_path(where: str, value: dict, families: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for glob, names in value.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"{where}: per-path-ignores[{glob!r}] must be a list of family names")
        if set(names) - families:
            raise ConfigError(f"{where}: per-path-ignores[{glob!r}] names unknown families: {', '.join(sorted(set(names) - families))}")
        out.append((glob, tuple(names)))
    return tuple(out)


def _read(path: Path) -> dict:
    """A settings file's table; any failure is a :class:`ConfigError` naming the file.

    Only a regular file of at most :data:`MAX_CONFIG_BYTES` is read: a FIFO
    would block the run and ``/dev/zero`` would fill the memory.
    """
    try:
        data, _ = read_regular(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (NotRegularFile, FileTooLarge) as exc:
        raise ConfigError(f"{path}: cannot read: {exc.reason}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not valid UTF-8 (byte {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
