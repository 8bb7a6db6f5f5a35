"""No input makes repair slow: hostile inputs take time linear in their size.

Each case runs at size n and 4n; a quadratic algorithm would take 16 times
as long on the larger one, a linear one about 4 times. The bound (10 times,
plus a small allowance for timer noise) separates the two on a noisy machine.
"""

import time

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
    for make in CASES.values():
        started = time.perf_counter()
        repairer.repair(make(1_000_000), markup="markdown")
        assert time.perf_counter() - started < 60


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
