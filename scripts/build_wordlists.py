"""Rebuild ``src/repair/data/words.txt`` and ``names.txt`` from SCOWL.

Source: Debian's ``wamerican`` package (SCOWL size 50, Kevin Atkinson; the
SCOWL licence permits use, copying and redistribution with its notice, kept in
``src/repair/data/README.md``). Run::

    apt-get download wamerican && dpkg-deb -x wamerican_*.deb wamerican
    python scripts/build_wordlists.py wamerican/usr/share/dict/american-english

``words.txt`` holds lower-case words (a second opinion beside symspellpy's
frequency list, which lacks many inflections); ``names.txt`` holds words SCOWL
lists capitalised: proper nouns, which a capitals fix must respect.
"""

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "repair" / "data"


def main(source: str) -> None:
    words, names = set(), set()
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.endswith("'s"):
            continue
        if word[0].isupper():
            names.add(word)
        elif len(word) > 1 or word in ("a", "i"):
            words.add(word)
    header = "# Derived from SCOWL (wamerican) by scripts/build_wordlists.py; see README.md.\n"
    (DATA / "words.txt").write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    (DATA / "names.txt").write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1])
