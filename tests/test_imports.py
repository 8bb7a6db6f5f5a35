"""What a short clean check loads: the OCR model's modules stay out of a hook's process.

A pre-commit hook checks a few small Markdown pages per run and pays every
import again each time; the OCR channel and its corrector serve only texts
whose damage profile reads as OCR. Run in a fresh interpreter, since this
test session has imported everything long ago.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PAGE = """# Installing

Run the installer, then open the settings page and choose a folder for the
archive. The [guide](https://example.org/guide) explains each option in turn.

- Pick a language.
- Restart the application when it asks.
"""

OCR_MODULES = ("repair.channel", "repair.ocr_correct", "repair.wordmodel", "repair.period")


def _modules_after(code: str) -> set[str]:
    """The ``repair`` modules loaded once ``code`` has run in a new interpreter."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('repair'))))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", OCR_MODULES)
def test_short_clean_page_never_imports_ocr_model(module):
    """Repairing a short clean Markdown page leaves the OCR channel and corrector unimported."""
    code = f"from repair import Repairer\nRepairer().repair({PAGE!r}, markup='markdown')"
    assert module not in _modules_after(code)


def test_ocr_page_still_loads_the_channel():
    """The channel and word model do load for a scan read as OCR, so the test above watches a real switch."""
    from test_ocr_context import OCR_PAGE

    code = f"from repair import Repairer\nr = Repairer().repair({OCR_PAGE!r})\nassert r.profile == 'ocr', r.profile"
    assert {"repair.channel", "repair.wordmodel"} <= _modules_after(code)
