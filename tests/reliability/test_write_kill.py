"""Temporary files after a kill: named after host and process, removed only when their writer is gone (issue 17, item 16).

pre-commit runs hook processes in parallel over one tree, so a temporary
file may belong to a run still writing it; only one whose process no longer
exists on this host may go.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys

from click.testing import CliRunner

from cli_process import PAUSE_BEFORE_RENAME, Gated, run_repair, text
from repair.cli import main

GARBLED = "The cornpany said tbe thing.\n"
FIXED = "The company said the thing.\n"
HOST = re.sub(r"[^A-Za-z0-9-]", "_", socket.gethostname())


def _big_article() -> str:
    """About 1 MB of clean prose with one garbled line, so the write of the repair is a large one."""
    paragraph = "The committee met on Tuesday to discuss the budget for the coming year, and agreed on most points.\n\n"
    return GARBLED + paragraph * 10_000


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_kill_during_a_write_leaves_the_original_and_the_next_run_cleans_up(tmp_path):
    """kill -9 with the new content on disk but not renamed: the file is intact, the temporary file names the dead process, and the next run removes it."""
    big = tmp_path / "big.md"
    big.write_text(_big_article())
    original = big.read_bytes()
    with Gated(["fix", "big.md"], tmp_path, PAUSE_BEFORE_RENAME) as run:
        run.wait_for("rename-big.md")
        (temp,) = tmp_path.glob(".big.md.*.repair-tmp")
        assert temp.name.startswith(f".big.md.{HOST}.{run.pid}.")
        assert temp.stat().st_size == len(original) - len(GARBLED) + len(FIXED)
        os.kill(run.pid, signal.SIGKILL)
        assert run.proc.wait(timeout=30) == -signal.SIGKILL
    assert big.read_bytes() == original
    assert temp.exists()

    again = run_repair(["fix", "big.md"], tmp_path)
    err = text(again.stderr)
    assert again.returncode == 0, err
    assert f"{temp.name}: removed a temporary file left by a stopped run" in err
    assert not list(tmp_path.glob("*.repair-tmp"))
    assert big.read_text().startswith(FIXED)


def test_temporary_files_of_live_runs_and_other_hosts_are_kept(tmp_path, monkeypatch):
    """A run started while another is mid-write keeps that run's temporary file (which it then renames) and other hosts' files, and removes a dead process's."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GARBLED)
    (tmp_path / "b.md").write_text(GARBLED)
    dead = _dead_pid()
    gone = tmp_path / f".a.md.{HOST}.{dead}.abcd_123.repair-tmp"
    elsewhere = tmp_path / f".a.md.other-host.{dead}.abcd_123.repair-tmp"
    old_style = tmp_path / ".a.md.k2j4h5g6.repair-tmp"  # the old name says nothing of its writer
    with Gated(["fix", "b.md"], tmp_path, PAUSE_BEFORE_RENAME) as run:
        run.wait_for("rename-b.md")
        for leftover in (gone, elsewhere, old_style):
            leftover.write_text("partial")
        (live,) = tmp_path.glob(f".b.md.{HOST}.{run.pid}.*.repair-tmp")
        result = CliRunner().invoke(main, ["fix", "a.md"], catch_exceptions=False)
        assert live.exists()
        run.go("rename-b.md")
        code, _, err = run.finish()
    assert code == 0, err
    assert (tmp_path / "b.md").read_text() == FIXED and not live.exists()
    assert result.exit_code == 0, result.stderr
    assert f"{gone.name}: removed a temporary file left by a stopped run" in result.stderr
    assert not gone.exists()
    assert elsewhere.exists() and old_style.exists()
    assert (tmp_path / "a.md").read_text() == FIXED
