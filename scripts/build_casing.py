"""Rebuild ``src/repair/data/casing.tsv``: how often edited prose capitalises
each word mid-sentence.

Counts come from the *train* half of every text in ``corpora/clean/`` (the
test half stays unseen, for honest false-edit figures). A word counts as
mid-sentence when the tokeniser's sentence-start rule (the same one the
random-capitals detector uses) says no capital is expected there and the
line is not a heading. Only words seen at least twice are kept.

    python scripts/build_casing.py
"""

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from benchmarks.corpus import clean_texts  # noqa: E402
from repair.document import Document  # noqa: E402

OUT = ROOT / "src" / "repair" / "data" / "casing.tsv"


def main() -> None:
    lower, title = Counter(), Counter()
    for text in clean_texts("train").values():
        doc = Document(text)
        for token in doc.words():
            word = token.text
            if not word.isalpha() or doc.is_sentence_start(token) or doc.in_heading(token.start):
                continue
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and word[1:].islower():
                title[word.lower()] += 1
    rows = [
        f"{w}\t{lower[w]}\t{title[w]}" for w in sorted(set(lower) | set(title)) if lower[w] + title[w] >= 2
    ]
    header = (
        "# word<TAB>lower-case mid-sentence<TAB>capitalised mid-sentence, counted in the train half of\n"
        "# corpora/clean by scripts/build_casing.py (public-domain, PSF and CC BY-SA texts; see corpora/README.md)\n"
    )
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words")


if __name__ == "__main__":
    main()
