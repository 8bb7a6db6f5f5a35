"""Which lines a change touched, read from git: for ``--changed``.

A one-line change to an old, still-garbled file should not make the hook
rewrite the rest of it: the contributor changed one line, and a commit
should carry their change, not a cleanup of the file. So ``--changed`` keeps
only edits on lines the change added or modified.

Where the lines come from:

- by default ``git diff --cached -U0`` (the index against ``HEAD``, or
  against the empty tree before the first commit): what is being committed.
  pre-commit stashes unstaged changes, so under it the index is the working
  tree;
- with a base ``REF``, ``git diff -U0 REF`` (the working tree against
  ``REF``): what a pull request changed, for CI.

A file git does not track at all is new: every line counts as changed. A
file git tracks that the diff does not mention has no changed line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RepairError
from .fast_re import Lazy

_HUNK_RE = Lazy(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", engine=re)
_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class ChangesError(RepairError):
    """git could not say what changed (not a repository, an unknown ref)."""


@dataclass(frozen=True)
class Changes:
    """Changed line numbers (1-based) per file, keyed by resolved absolute path."""

    root: Path
    lines: dict[str, frozenset[int]]
    tracked: frozenset[str]

    def changed_lines(self, path: Path) -> frozenset[int] | None:
        """The changed lines of ``path``; None when every line counts (a file git does not track)."""
        key = str(Path(os.path.realpath(path)))
        if key in self.lines:
            return self.lines[key]
        return frozenset() if key in self.tracked else None


def _git(args: list[str], cwd: Path) -> bytes:
    import subprocess  # here, not at the top: only --changed runs git, and a hook's start-up pays for the import

    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise ChangesError(f"--changed needs git: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(f"--changed: git {' '.join(args[:2])} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def _unquote(name: str) -> str:
    """A path as git prints it, C-quoted when it holds unusual characters."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    out = bytearray()
    body, i = name[1:-1], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += ch.encode()
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """Added or modified line numbers of the new side, per path, from a ``-U0`` diff.

    >>> parse_diff("+++ b/a.md\\n@@ -3 +3,2 @@\\n@@ -9,2 +10,0 @@\\n")
    {'a.md': frozenset({3, 4})}
    """
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = None if name == "/dev/null" else out.setdefault(name[2:] if name[:2] == "b/" else name, set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK_RE.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                current.update(range(start, start + count))
    return {name: frozenset(lines) for name, lines in out.items()}


def read_changes(cwd: Path, base: str | None = None) -> Changes:
    """What changed in the repository around ``cwd``: staged (``base`` None) or since ``base``."""
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8", "surrogateescape").strip())
    common = ["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames"]
    if base is None:
        import subprocess

        has_head = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root, capture_output=True).returncode == 0
        args = [*common, "--cached"]
        if not has_head:  # before the first commit: everything staged is new
            empty_tree = _git(["hash-object", "-t", "tree", os.devnull], root).decode().strip()
            args.append(empty_tree)
    else:
        args = [*common, base, "--"]
    diff = _git(args, root).decode("utf-8", "surrogateescape")
    tracked = _git(["-c", "core.quotePath=false", "ls-files", "-z"], root).decode("utf-8", "surrogateescape")
    resolve = lambda rel: str(Path(os.path.realpath(root / rel)))  # noqa: E731
    return Changes(
        root,
        {resolve(name): lines for name, lines in parse_diff(diff).items()},
        frozenset(resolve(name) for name in tracked.split("\0") if name),
    )
