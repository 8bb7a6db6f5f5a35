"""Clear errors, exit 2, and an honest summary (issue 17, item 8 and a minor).

CI reads exit 1 as "changes found": a traceback (exit 1) on a fault reads
as a finding. A fault is a message naming its cause and exit 2.
"""

from __future__ import annotations

import errno
import os

from click.testing import CliRunner

from cli_process import run_repair, text
from repair.cli import main

GARBLED = "The cornpany said tbe thing.\n"


def test_a_non_utf8_file_name_on_a_strict_stdout_is_a_clear_error(tmp_path):
    """`check d` on a file whose name is not UTF-8, with stdout encoding strictly, exits 2 with a message saying what to set, no traceback."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.md")).write_text(GARBLED)
    result = run_repair(["check", "d"], tmp_path, env={"PYTHONIOENCODING": "utf-8:strict"})
    err = text(result.stderr)
    assert "Traceback" not in err
    assert "standard output (utf-8, strict) cannot show '\\udce9'" in err
    assert "PYTHONIOENCODING=utf-8:surrogateescape" in err
    assert result.returncode == 2


def test_a_failed_write_is_not_counted_as_changed(tmp_path, monkeypatch):
    """When the only file's rename fails, the summary says 0 changed and 1 with errors, and the run exits 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GARBLED)

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = CliRunner().invoke(main, ["fix", "a.md"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "a.md: cannot write: No space left on device" in result.stderr
    assert "; 0 changed;" in result.stderr and "1 with errors" in result.stderr
    assert (tmp_path / "a.md").read_text() == GARBLED
    assert not list(tmp_path.glob(".*.repair-tmp"))
