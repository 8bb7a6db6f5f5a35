"""Run ``repair`` in a child process: time- and memory-limited, paused at chosen points, or as an unprivileged user.

A child process is what a fault needs: a hang must end in a timeout, not
hang the suite; a kill must kill a real process; a permission check must
be made by a user the kernel does not wave through. CI and the developers'
machines run as root, for whom a read-only file or folder stops nothing,
so :func:`unprivileged` runs the command through ``setpriv`` as ``nobody``
(or skips, saying why, where that cannot work).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

NOBODY = 65534
MEMORY_LIMIT = 1 << 30  # far above a run's ~100 MB; reading /dev/zero must fail fast, not swap the machine
TIMEOUT = 120
ENTRY = "import sys; from repair.cli import main; main(sys.argv[1:], prog_name='repair')"

# Code run before the CLI in a gated child: `pause(event)` touches GATE/event
# and waits for GATE/go-event, so a test can act at an exact point of a run.
GATE_PRELUDE = """
import os, sys, time
from pathlib import Path
gate = Path(os.environ["REPAIR_TEST_GATE"])
def pause(event):
    (gate / event).touch()
    deadline = time.monotonic() + 120
    while not (gate / ("go-" + event)).exists():
        if time.monotonic() > deadline:
            raise SystemExit("test gate never opened: " + event)
        time.sleep(0.01)
"""

# Pause after each file is read (before its repair and write).
PAUSE_AFTER_READ = GATE_PRELUDE + """
import repair.batch
real_read = repair.batch.read_text_file
def read_then_pause(path):
    file = real_read(path)
    pause("read-" + path.name)
    return file
repair.batch.read_text_file = read_then_pause
"""

# Pause at each rename of one of repair's temporary files over a file (the new
# content is on disk); the table cache's own renames go through.
PAUSE_BEFORE_RENAME = GATE_PRELUDE + """
real_replace = os.replace
def pause_then_replace(src, dst, **kwargs):
    if os.fspath(src).endswith(".repair-tmp"):
        pause("rename-" + Path(dst).name)
    return real_replace(src, dst, **kwargs)
os.replace = pause_then_replace
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def command(args: Sequence[str], prelude: str = "", user: Sequence[str] = ()) -> list[str]:
    """The argument list running ``repair ARGS`` in this Python, after ``prelude``, through ``user`` (a setpriv prefix)."""
    return [*user, sys.executable, "-c", prelude + "\n" + ENTRY, *args]


def run_repair(args: Sequence[str], cwd: Path, *, env: dict[str, str] | None = None, user: Sequence[str] = (),
               timeout: float = TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    """``repair ARGS`` run to its end in ``cwd``; a hang raises ``TimeoutExpired``, a runaway read a MemoryError.

    Run as another user, the table cache is off: the suite's cache folder is private to the suite's user.
    """
    env = {**os.environ, **({"REPAIR_CACHE_DIR": ""} if user else {}), **(env or {})}
    return subprocess.run(command(args, user=user), cwd=cwd, env=env, capture_output=True, timeout=timeout,
                          preexec_fn=_limit_memory)


def text(stream: bytes) -> str:
    """A child's output as text, undecodable bytes (odd file names) escaped."""
    return stream.decode("utf-8", "backslashreplace")


class Gated:
    """``repair ARGS`` in a child that stops at named points until the test lets it go on."""

    def __init__(self, args: Sequence[str], cwd: Path, prelude: str) -> None:
        self.gate = Path(tempfile.mkdtemp(prefix="repair-gate-"))
        self.proc = subprocess.Popen(command(args, prelude), cwd=cwd, env={**os.environ, "REPAIR_TEST_GATE": str(self.gate)},
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limit_memory)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_for(self, event: str, timeout: float = TIMEOUT) -> None:
        """Wait until the child reached ``event``; fail with its stderr if it ended first."""
        deadline = time.monotonic() + timeout
        while not (self.gate / event).exists():
            if self.proc.poll() is not None:
                pytest.fail(f"repair ended (exit {self.proc.returncode}) before {event}: {text(self.proc.stderr.read())}")
            if time.monotonic() > deadline:
                pytest.fail(f"repair did not reach {event} in {timeout} s")
            time.sleep(0.01)

    def go(self, *events: str) -> None:
        """Let the child past ``events`` (now, or when it gets there)."""
        for event in events:
            (self.gate / f"go-{event}").touch()

    def finish(self, timeout: float = TIMEOUT) -> tuple[int, str, str]:
        """Exit code, stdout and stderr of the child, once it has ended."""
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, text(out), text(err)

    def __enter__(self) -> Gated:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        shutil.rmtree(self.gate, ignore_errors=True)


def unprivileged() -> list[str]:
    """The prefix that runs a command as ``nobody``; skips the test, saying why, when that cannot work.

    As root a permission check always passes; as any other user the command
    already meets them, and runs as it is. The child keeps one capability,
    CAP_DAC_READ_SEARCH, where the system allows: it may read any file (the
    interpreter may live in root's private home, as pyenv's does) while
    every write is checked like any user's. Without it, the interpreter and
    the package must be readable by every user.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("runs as root, and setpriv (util-linux) is missing: cannot drop root to test a permission check")
    plain = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    reader = [*plain, "--inh-caps=-all,+dac_read_search", "--ambient-caps=-all,+dac_read_search"]
    failures = []
    for prefix in (reader, plain):
        probe = subprocess.run([*prefix, sys.executable, "-c", "import repair.cli"], capture_output=True, cwd="/")
        if probe.returncode == 0:
            return prefix
        failures.append(text(probe.stderr).strip().splitlines()[-1:])
    pytest.skip(f"runs as root, and user {NOBODY} cannot run this Python and package ({failures}): "
                "install them where every user can read them")


def shared_folder() -> Path:
    """A new folder every user can enter (pytest's tmp_path is private to root), for tests run as ``nobody``."""
    folder = Path(tempfile.mkdtemp(prefix="repair-unprivileged-"))
    folder.chmod(0o755)
    return folder
