"""A huge text is repaired in paragraph-aligned chunks (issue 17 #12)."""

import json
from pathlib import Path

import pytest

from repair import Repairer, apply_edits
from repair.chunks import cuts

DEV = Path(__file__).resolve().parents[2] / "corpora" / "dev"


def garbled_dev_set() -> str:
    lines = (DEV / "synthetic.jsonl").read_text(encoding="utf-8").splitlines()
    return "\n\n".join(json.loads(line)["garbled"] for line in lines if line.strip()) + "\n"


@pytest.fixture(scope="module")
def chunking():
    """A Repairer that cuts anything over 40,000 characters into chunks of about 20,000."""
    repairer = Repairer()
    repairer.chunk_chars, repairer.chunk_threshold = 20_000, 40_000
    return repairer


def test_cuts_fall_after_blank_lines_and_never_inside_a_directive_region():
    """Every cut follows a blank line; an off/on region spanning the size limit stays in one chunk."""
    text = "one.\n\ntwo <!-- repair: off -->\n\nstill off\n\n<!-- repair: on --> x\n\nlast\n"
    offsets = cuts(text, 5)
    assert offsets[0] == 0 and offsets[-1] == len(text)
    assert all(text[:c].endswith("\n\n") for c in offsets[1:-1])
    assert not any(text.index("off -->") < c < text.index("<!-- repair: on") for c in offsets)


def test_chunked_repair_is_consistent_and_fixes_each_chunk(chunking):
    """Edits from every chunk land on the whole text at their own places, in order, and replay to the result."""
    text = garbled_dev_set()
    result = chunking.repair(text)
    assert len(cuts(text, chunking.chunk_chars)) > 4  # it was cut
    assert result.source is text and result.edits
    assert apply_edits(text, result.edits) == result.text
    assert all(text[e.start : e.end] == e.before for e in result.edits)
    assert all(a.end <= b.start for a, b in zip(result.edits, result.edits[1:]))
    assert all(text[f.start : f.end] == f.before for f in result.flags)
    assert chunking.repair(text[: len(text) // 2]).edits  # and the first half alone, as one chunk


def test_a_clean_huge_text_comes_back_as_itself(chunking):
    """With no edit, the chunked result is the source object itself, not a copy."""
    text = "The meeting went well and the minister spoke.\n\n" * 2_000
    result = chunking.repair(text)
    assert result.edits == () and result.text is text


def test_one_paragraph_longer_than_the_threshold_is_repaired_whole(chunking):
    """A text with no blank line cannot be cut, and is repaired in one piece (no endless recursion)."""
    text = "It wou1d be fine. " * 5_000
    result = chunking.repair(text)
    assert result.text == "It would be fine. " * 5_000


def test_markdown_is_never_cut(chunking):
    """A fenced block may hold blank lines; only a whole parse knows where it ends, so Markdown is not chunked."""
    code = "```\n" + "tbe cornpany\n\n" * 3_000 + "```\n"
    result = chunking.repair(code + "\nThe end of tbe text.\n", markup="markdown")
    assert [e.before for e in result.edits] == ["tbe"]


def test_chunked_and_whole_repair_give_the_same_edits(chunking):
    """On the garbled development set, read in 20 KB chunks, the edits, flags and text equal a whole-text repair's."""
    text = garbled_dev_set()
    whole, chunked = Repairer().repair(text), chunking.repair(text)
    assert len(cuts(text, chunking.chunk_chars)) > 4  # it was cut
    assert [(e.start, e.end, e.after, e.reason) for e in chunked.edits] == [(e.start, e.end, e.after, e.reason) for e in whole.edits]
    assert [(f.start, f.end, f.suggestion) for f in chunked.flags] == [(f.start, f.end, f.suggestion) for f in whole.flags]
    assert chunked.text == whole.text and chunked.profile == whole.profile
