"""Repair many files: read, repair, and say what would be written, per file.

Nothing here prints or writes: :func:`process` turns one path into a
:class:`FileOutcome` (the new bytes included), and the CLI decides whether
to write, diff or report. With ``jobs > 1`` files are spread over worker
processes, each holding one copy of the Repairer, and outcomes come back in
input order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .files import FileError, FileSkipped, TextFile, markup_for, read_text_file
from .model import Edit, Result, apply_edits, line_locator
from .repairer import Repairer
from .walk import matches

if TYPE_CHECKING:  # only the --changed run makes one (the CLI imports it then)
    from .changes import Changes


@dataclass(frozen=True)
class Located:
    """An edit with its line and column (1-based) and offsets in the stored file."""

    edit: Edit
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    status: str  # "unchanged", "changed", "skipped" or "error"
    message: str = ""
    result: Result | None = None
    file: TextFile | None = None
    data: bytes | None = None  # the new content, when changed
    notes: tuple[str, ...] = ()
    located: tuple[Located, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.status == "changed"


class Batch:
    """One Repairer and one configuration, applied file by file."""

    def __init__(self, repairer: Repairer, config: Config, changes: Changes | None = None, markup: str | None = None) -> None:
        self.repairer = repairer
        self.config = config
        self.markup = markup  # None: each file's by its extension
        self.changes = changes  # when set, only edits on changed lines are kept (--changed)

    def process(self, path: Path) -> FileOutcome:
        try:
            file = read_text_file(path)
        except FileSkipped as exc:
            return FileOutcome(path, "skipped", str(exc))
        except FileError as exc:
            return FileOutcome(path, "error", str(exc))
        return self.process_file(path, file)

    def process_file(self, path: Path, file: TextFile, markup: str | None = None) -> FileOutcome:
        """The outcome for ``file``, already read (standard input comes this way, named by ``path``).

        ``markup`` None: decided by the path's extension.
        """
        ignore = [f for glob, families in self.config.per_path_ignores if matches(path, [glob], self.config.root) for f in families]
        chosen = markup or self.markup or ("mdx" if path.suffix.lower() == ".mdx" else markup_for(path))  # .mdx: Markdown with JSX
        result = self.repairer.repair(file.text, markup=chosen, ignore=ignore, name=str(path))
        if self.changes is not None:
            result = only_changed(result, self.changes.changed_lines(path))
        notes: list[str] = []
        if not file.is_utf8 and result.edits:
            result, dropped = _storable(result, file)
            notes.append(f"{path}: read as {file.encoding}; written back in {file.encoding}")
            if dropped:
                notes.append(f"{path}: {dropped} edit(s) left out: {file.encoding} cannot hold the new characters")
        located = tuple(_locate(result, file))
        if not result.changed:
            return FileOutcome(path, "unchanged", result=result, file=file, notes=tuple(notes))
        return FileOutcome(path, "changed", result=result, file=file, data=file.encode(result.text), notes=tuple(notes), located=located)

    def run(self, paths: Iterable[Path], jobs: int = 1) -> Iterator[FileOutcome]:
        paths = list(paths)
        if jobs <= 1 or len(paths) < 2:
            yield from map(self.process, paths)
            return
        from concurrent.futures import ProcessPoolExecutor

        self.repairer.warm_up()  # load once here; forked workers inherit the tables
        workers = min(jobs, len(paths), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(self,)) as pool:
            yield from pool.map(_process_in_worker, paths, chunksize=max(1, min(16, len(paths) // (workers * 4))))


_worker_batch: Batch | None = None


def _init_worker(batch: Batch) -> None:
    global _worker_batch
    _worker_batch = batch
    batch.repairer.warm_up(freeze=True)


def _process_in_worker(path: Path) -> FileOutcome:
    assert _worker_batch is not None
    return _worker_batch.process(path)


def _storable(result: Result, file: TextFile) -> tuple[Result, int]:
    """The result without edits the file's encoding cannot store."""
    kept = tuple(e for e in result.edits if file.can_hold(e.after))
    if len(kept) == len(result.edits):
        return result, 0
    return Result(result.source, apply_edits(result.source, kept), kept, result.flags), len(result.edits) - len(kept)


def only_changed(result: Result, lines: frozenset[int] | None) -> Result:
    """``result`` keeping only the edits and flags that touch one of ``lines`` (None: all lines).

    An edit on an untouched line is dropped, so that line stays as it is;
    the kept edits are disjoint spans of the same source, so applying them
    alone is exact.
    """
    if lines is None:
        return result
    locate = line_locator(result.source)

    def touches(start: int, end: int) -> bool:
        first, last = locate(start)[0], locate(max(start, end - 1))[0]
        return any(n in lines for n in range(first, last + 1))

    kept = tuple(e for e in result.edits if touches(e.start, e.end))
    flags = tuple(f for f in result.flags if touches(f.start, f.end))
    if len(kept) == len(result.edits) and len(flags) == len(result.flags):
        return result
    return Result(result.source, apply_edits(result.source, kept), kept, flags)


def _locate(result: Result, file: TextFile) -> Iterator[Located]:
    line_col = line_locator(result.source)
    for edit in result.edits:
        line, col = line_col(edit.start)
        end_line, end_col = line_col(edit.end)
        yield Located(edit, line, col, end_line, end_col, file.file_offset(edit.start, line), file.file_offset(edit.end, end_line))
