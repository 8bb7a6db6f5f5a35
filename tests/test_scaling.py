"""No input makes repair slow: hostile inputs take time linear in their size.

Each case runs at size n and 4n; a quadratic algorithm would take 16 times
as long on the larger one, a linear one about 4 times. The bound (10 times,
plus a small allowance for timer noise) separates the two on a noisy machine.
"""

import functools
import json
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # megabytes of hostile input, each size timed twice

CASES = {
    "token without spaces": lambda n: "abc1" * (n // 4),
    "punctuation": lambda n: ".,;:!?-()[]" * (n // 11),
    "quotes": lambda n: "“" * n,
    "nested markdown": lambda n: "> " * (n // 4) + "- " * (n // 4) + "text\n",
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "sentence starts": lambda n: "A. " * (n // 3),
    "glued commas": lambda n: "the meeting,the minister " * (n // 25),
}


def timed(repairer, text, markup):
    started = time.perf_counter()
    repairer.repair(text, markup=markup)
    return time.perf_counter() - started


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("markup", ["text", "markdown"])
def test_time_grows_linearly(repairer, name, markup):
    make = CASES[name]
    small, large = 50_000, 200_000
    timed(repairer, make(small), markup)  # warm caches
    t_small = min(timed(repairer, make(small), markup) for _ in range(2))
    t_large = timed(repairer, make(large), markup)
    assert t_large < 10 * t_small + 0.5, f"{name}: {t_small:.3f}s at {small}, {t_large:.3f}s at {large}"


def test_a_megabyte_hostile_input_finishes(repairer):
    """A megabyte of each hostile shape is repaired within a minute of CPU time
    (CPU, not wall time: on a shared machine the wall clock measures the neighbours;
    a million stray quotes, each an edit, take about half of it)."""
    for make in CASES.values():
        started = time.process_time()
        repairer.repair(make(1_000_000), markup="markdown")
        assert time.process_time() - started < 60


def test_counting_thousands_of_names_in_a_long_text_stays_fast():
    """Detectors ask a document how often a name is written; a page of distinct names
    (an index, a gazetteer) asks thousands of times, and each answer must not
    search the whole text again."""
    from repair.document import Document

    names = [f"Name{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}" for i in range(5000)]
    doc = Document("".join(f"They met {name} there. " for name in names) * 8)  # 1.2 MB
    started = time.perf_counter()
    assert all(doc.count_phrase(name) == 8 for name in names)
    assert doc.count_phrase("Nameqqq there") == 0 and doc.count_phrase("Namezzz") == 0
    assert time.perf_counter() - started < 1  # searching the text for each took 3 s here


# Real inputs, at sizes where a quadratic step shows (issue 17, items 10 and 11).
CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@functools.cache
def _words() -> list[str]:
    return " ".join(p.read_text(encoding="utf-8") for p in sorted((CORPORA / "clean").rglob("*.txt"))).split()


def mojibake_line(n: int) -> str:
    """Prose flattened to one line (as a JSON Lines record is), mis-decoded here and there."""
    words, out, size = _words(), [], 0
    for i in range(n):
        word = words[i % len(words)]
        if i % 50 == 7:
            word += " cafÃ©"
        if i % 70 == 3:
            word = "itâ€™s " + word
        out.append(word)
        size += len(word) + 1
        if size >= n:
            break
    return " ".join(out)[:n]


def garbled_prose(n: int) -> str:
    """The development set's garbled cases, one to a paragraph, repeated to ``n`` characters."""
    cases = [json.loads(line)["garbled"] for line in (CORPORA / "dev" / "synthetic.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "\n\n".join(cases) + "\n\n"
    return (text * (n // len(text) + 1))[:n]


def ratio(repairer, make, small: int, runs: int = 2) -> tuple[float, float]:
    timed(repairer, make(small // 4), "text")  # warm caches
    t_small = min(timed(repairer, make(small), "text") for _ in range(runs))
    return t_small, timed(repairer, make(4 * small), "text")


def test_one_long_line_of_prose_with_mojibake_takes_time_linear_in_its_length(repairer):
    """A line four times as long takes about four times as long, not sixteen (the diff of ftfy's output was quadratic)."""
    t_small, t_large = ratio(repairer, mojibake_line, 50_000)
    assert t_large < 10 * t_small + 0.5, f"{t_small:.2f}s at 50 KB, {t_large:.2f}s at 200 KB"


def test_edits_fold_in_time_linear_in_their_number(repairer):
    """Four times the garbled prose (four times the edits) takes about four times as long."""
    t_small, t_large = ratio(repairer, garbled_prose, 250_000, runs=1)
    assert t_large < 10 * t_small + 0.5, f"{t_small:.2f}s at 250 KB, {t_large:.2f}s at 1 MB"


@pytest.mark.slow
def test_a_megabyte_line_and_four_megabytes_of_garbled_prose_stay_linear(repairer):
    """At full size: one 1 MB line with mojibake, and 4 MB of garbled prose against 1 MB."""
    t_small, t_large = ratio(repairer, mojibake_line, 250_000, runs=1)
    assert t_large < 10 * t_small + 1, f"{t_small:.2f}s at 250 KB, {t_large:.2f}s at 1 MB"
    t_small, t_large = ratio(repairer, garbled_prose, 1_000_000, runs=1)
    assert t_large < 10 * t_small + 1, f"{t_small:.2f}s at 1 MB, {t_large:.2f}s at 4 MB"


@pytest.mark.slow
def test_a_line_of_glued_commas_takes_time_linear_in_its_length(repairer):
    """`tbe,` repeated on one line, up to the issue's megabyte: four times as long takes about four times as long."""
    t_small, t_large = ratio(repairer, lambda n: "tbe," * (n // 4), 250_000, runs=1)
    assert t_large < 10 * t_small + 0.5, f"{t_small:.2f}s at 250 KB, {t_large:.2f}s at 1 MB"


def test_a_huge_text_read_in_chunks_takes_time_linear_in_its_chunks():
    """A huge text is read a chunk at a time with what is known of the whole text, found once
    per pass: four times the chunks take about four times as long, not sixteen."""
    from repair import Repairer

    chunking = Repairer()
    chunking.chunk_chars, chunking.chunk_threshold = 2_000, 4_000
    paragraph = "It wou1d be tbe best cornpany , said the minister.\nThe meeting went well and pfizer agreed.\n\n"

    def make(n):
        return paragraph * (n // len(paragraph))

    timed(chunking, make(25_000), "text")  # warm caches
    t_small = min(timed(chunking, make(25_000), "text") for _ in range(2))
    t_large = timed(chunking, make(100_000), "text")
    assert t_large < 10 * t_small + 0.5, f"{t_small:.3f}s at 25 KB, {t_large:.3f}s at 100 KB"
