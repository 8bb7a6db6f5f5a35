"""Idempotence fuzzing: repairing repaired text must change nothing.

    python -m benchmarks.fuzz                   # 100,000 examples, about 7 minutes
    python -m benchmarks.fuzz --examples 5000   # a quick look
    python -m benchmarks.fuzz --corpora         # the same property on real and corpus texts

Hypothesis draws garbled text from a broad pool of pieces: common words,
lexicon names in every case, OCR misreadings, words glued together or
doubled, mojibake, quotes and commas without spaces, line breaks and blank
lines; the property is that ``repair(repair(t).text)`` makes no edit. Prints
how many examples ran and each failure found (Hypothesis shrinks it first).
The test suite runs the same property with fewer examples
(tests/reliability/test_idempotence.py).

Generated text never reads as a scan, so ``--corpora`` runs the property on
texts of every kind instead: the ICDAR OCR and its gold (from ../shared, when
present), the dev sets' garbled sides, our synthetic OCR pages, the examples
and the clean prose.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

WORDS = (
    "the a of and to in is was for on that with as by at from his her it be are this have had not but first "
    "company year people time said would there their which about after over new market report minister "
    "government meeting budget study first last more most other such only also city council water school"
).split()
NAMES = ["Pfizer", "DeepSeek", "OpenAI", "PyTorch", "Meta", "Blue Origin", "Microsoft", "Google", "Paris", "London"]
GARBLED = ["tbe", "cornpany", "wou1d", "rnarket", "tlie", "goverment", "thc", "arid", "1n", "yeat", "rneeting"]
MOJIBAKE = ["Ã©", "â€œ", "â€\x9d", "â€™", "Ã¨", "Ã ", "Ã¶", "Â", "cafÃ©", "itâ€™s", "MontrÃ©al"]
MARKS = [",", ".", ";", ":", "!", "?", "“", "”", "‘", "’", '"', "'", "(", ")", "-", "—", "…"]
SEPARATORS = [" ", " ", " ", " ", "", "\n", "\n\n", ", ", ",", ". ", ".", " - "]


def _name_forms(name: str) -> list[str]:
    return [name, name.lower(), name.upper(), name.capitalize()]


word = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.capitalize),
    st.sampled_from(NAMES).flatmap(lambda n: st.sampled_from(_name_forms(n))),
    st.sampled_from(GARBLED),
    st.sampled_from(MOJIBAKE),
    st.sampled_from(MARKS),
    st.tuples(st.sampled_from(WORDS + NAMES), st.sampled_from(WORDS + NAMES + GARBLED)).map("".join),  # glued
    st.sampled_from(WORDS).map(lambda w: f"{w} {w}"),  # doubled
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é’—", min_size=1, max_size=8),
)
garbled_text = st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), min_size=1, max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


def not_idempotent(repairer, text: str) -> str | None:
    """Why repairing ``text``'s repair changes it again, or None when it does not."""
    once = repairer.repair(text)
    twice = repairer.repair(once.text)
    if not twice.edits:
        return None
    return f"{text!r} -> {once.text!r} -> {twice.text!r}: {[(e.before, e.after, e.reason) for e in twice.edits]}"


def run(repairer, examples: int, seed: int | None = None) -> tuple[int, list[str]]:
    """Run the property on ``examples`` examples; (examples run, failures found)."""
    ran = 0
    failures: list[str] = []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is not None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(garbled_text)
    def prop(text: str) -> None:
        nonlocal ran
        ran += 1
        why = not_idempotent(repairer, text)
        assert why is None, why

    try:
        prop()
    except AssertionError as exc:
        failures.append(str(exc).splitlines()[0])
    return ran, failures


def corpus_texts() -> list[tuple[str, str]]:
    """(name, text) of every corpus text the property is run on with ``--corpora``."""
    from .corpus import CORPORA, SHARED, clean_texts, load_jsonl

    texts: list[tuple[str, str]] = []
    icdar = SHARED / "corpora" / "ocr" / "icdar-english.jsonl"
    if icdar.exists():
        for row in load_jsonl(icdar):
            texts += [(f"{row['id']} (OCR)", row["ocr"]), (f"{row['id']} (gold)", row["gold"])]
    for path in sorted((CORPORA / "dev").glob("*.jsonl")):
        texts += [(f"{path.name}:{row['id']}", row["garbled"]) for row in load_jsonl(path) if "garbled" in row]
    texts += [(row["id"], row["ocr"]) for row in load_jsonl(CORPORA / "ocr-synthetic.jsonl")]
    for path in sorted((SHARED / "examples").glob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    texts += sorted(clean_texts("all").items())
    return texts


def run_corpora(repairer) -> tuple[int, list[str]]:
    """The property on :func:`corpus_texts`; (texts run, names of those a second run changes)."""
    texts = corpus_texts()
    failures = [name for name, text in texts if not_idempotent(repairer, text) is not None]
    return len(texts), failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples to generate (default 100,000)")
    parser.add_argument("--corpora", action="store_true", help="run the property on the corpus texts instead")
    args = parser.parse_args(argv)
    from repair import Repairer

    repairer = Repairer()
    repairer.warm_up(freeze=True)
    started = time.perf_counter()
    if args.corpora:
        ran, failures = run_corpora(repairer)
        print(f"{ran:,} corpus texts repaired twice in {time.perf_counter() - started:.0f} s; {len(failures)} changed by the second run")
        for name in failures:
            print("  " + name)
        return 1 if failures else 0
    ran, failures = run(repairer, args.examples)
    print(f"{ran:,} examples ran in {time.perf_counter() - started:.0f} s; {len(failures)} failure(s)")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
