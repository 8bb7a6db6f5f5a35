"""Which files a run takes: files named as given, folders walked.

A walk never leaves the folder it was given. Linked folders are not entered,
and a linked file is taken only when its target lies inside the walked
folder: a cloned repository could otherwise aim ``notes.md`` at any file the
user can write, and ``repair fix`` would rewrite it. A file named on the
command line is the user's own choice: a link is followed when its target is
a regular file, and the run says so. A FIFO or a device is left out, named
or walked: reading one blocks or never ends. A link loop or a dangling link
is an error naming it; nothing here raises for one.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .files import NotRegularFile, file_kind


@dataclass(frozen=True)
class Found:
    """A path discovery turned up: a file to repair (``status`` "file"), or one left out and why."""

    path: Path
    status: str = "file"  # "file", "skipped" or "error"
    message: str = ""  # for a file, a note to show (a link followed); else why it was left out


def matches(path: Path, patterns: Iterable[str], root: Path) -> bool:
    """True when ``path`` or one of its folders (relative to ``root``) matches a glob.

    The path's folders are resolved, its own name is not: a link is matched
    where it lies, and a link loop cannot make this raise.
    """
    here = Path(os.path.realpath(path.parent)) / path.name if path.name else Path(os.path.realpath(path))
    try:
        rel = here.relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        rel = path.as_posix()
    parts = rel.split("/")
    candidates = {rel, path.name} | {"/".join(parts[: i + 1]) for i in range(len(parts))}
    return any(fnmatch.fnmatchcase(c, p.rstrip("/")) for p in patterns for c in candidates)


def discover(paths: Iterable[Path], include: Iterable[str], exclude: Iterable[str], root: Path) -> Iterator[Found]:
    """Files to repair, and the ones left out: named files as given, folders walked, hidden folders skipped.

    ``exclude`` applies to named files too (pre-commit names every file);
    ``include`` only filters what a walk finds. A file reached twice (a link
    and its target) comes once.
    """
    include, exclude = tuple(include), tuple(exclude)
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path, include, exclude, root)
        elif matches(path, exclude, root):
            continue
        else:
            found = iter([_named(path)])
        for item in found:
            if item.status == "file":
                key = os.path.realpath(item.path)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _named(path: Path) -> Found:
    try:
        status = os.stat(path)
    except OSError as exc:
        return _unreachable(path, exc)
    link = os.path.islink(path)
    if not stat.S_ISREG(status.st_mode):
        if link:
            return Found(path, "skipped", f"{path}: a symbolic link to {file_kind(status.st_mode)}, not a regular file; skipped")
        return Found(path, "skipped", str(NotRegularFile(path, status.st_mode)))
    if link:
        return Found(path, "file", f"{path}: a symbolic link; followed to {os.path.realpath(path)}")
    return Found(path)


def _walk(folder: Path, include: tuple[str, ...], exclude: tuple[str, ...], root: Path) -> Iterator[Found]:
    inside = os.path.realpath(folder)
    errors: list[OSError] = []
    for current, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _folder_errors(errors)
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not matches(here / d, exclude, root))
        for name in sorted(files):
            file = here / name
            if name.startswith(".") or matches(file, exclude, root):
                continue
            if any(fnmatch.fnmatchcase(name, p) for p in include) or matches(file, include, root):
                yield _walked(file, folder, inside)
    yield from _folder_errors(errors)


def _walked(file: Path, folder: Path, inside: str) -> Found:
    try:
        link = stat.S_ISLNK(os.lstat(file).st_mode)
        status = os.stat(file)
    except OSError as exc:
        return _unreachable(file, exc)
    if link:
        target = os.path.realpath(file)
        if os.path.commonpath([inside, target]) != inside:
            return Found(file, "skipped", f"{file}: a symbolic link to {target}, outside {folder}; skipped")
    if not stat.S_ISREG(status.st_mode):
        return Found(file, "skipped", str(NotRegularFile(file, status.st_mode)))
    return Found(file)


def _unreachable(path: Path, exc: OSError) -> Found:
    if exc.errno == errno.ELOOP:
        return Found(path, "error", f"{path}: cannot read: a symbolic link loop")
    dangling = " (a dangling symbolic link)" if exc.errno == errno.ENOENT and os.path.islink(path) else ""
    return Found(path, "error", f"{path}: cannot read: {exc.strerror or exc}{dangling}")


def _folder_errors(errors: list[OSError]) -> Iterator[Found]:
    for error in errors:
        yield Found(Path(error.filename), "error", f"{error.filename}: cannot read folder: {error.strerror or error}")
    errors.clear()
