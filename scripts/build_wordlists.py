"""Rebuild ``src/repair/data/words.txt``, ``rare-words.txt`` and ``names.txt`` from SCOWL.

Source: Debian's ``wamerican-large`` (SCOWL size 70), ``wamerican-huge``
(size 80) and ``wbritish-large`` (size 70, British spellings) packages, by
Kevin Atkinson; the SCOWL licence permits use, copying and redistribution
with its notice, kept in ``src/repair/data/README.md``. Run::

    apt-get download wamerican-large wamerican-huge wbritish-large
    for f in w*.deb; do dpkg-deb -x $f scowl; done
    python scripts/build_wordlists.py scowl/usr/share/dict/american-english-large \\
        scowl/usr/share/dict/american-english-huge scowl/usr/share/dict/british-english-large

``words.txt`` holds the lower-case words of size 70 (a second opinion beside
symspellpy's frequency list, which lacks many inflections); ``rare-words.txt``
the lower-case words only size 80 adds ("severities", "homeownership"), and
the British spellings no American list has ("armour", "colour"): real
words a repair must not split or recase, but also where a few OCR
misreadings hide ("frorn"), so they weigh as evidence rather than settle it. ``names.txt``
holds the words size 80 lists capitalised: proper nouns, which a capitals fix
must respect.
"""

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "repair" / "data"
HEADER = "# Derived from SCOWL (Debian {}) by scripts/build_wordlists.py; see README.md.\n"


def read(source: str) -> tuple[set[str], set[str]]:
    words, names = set(), set()
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.endswith("'s"):
            continue
        if word[0].isupper():
            names.add(word)
        elif len(word) > 1 or word in ("a", "i"):
            words.add(word)
    return words, names


def write(name: str, package: str, items: set[str]) -> None:
    (DATA / name).write_text(HEADER.format(package) + "\n".join(sorted(items)) + "\n", encoding="utf-8")


def main(large: str, huge: str, british: str) -> None:
    core, _ = read(large)
    every, names = read(huge)
    british_only = read(british)[0] - every
    write("words.txt", "wamerican-large", core)
    write("rare-words.txt", "wamerican-huge and wbritish-large", (every - core) | british_only)
    write("names.txt", "wamerican-huge", names)
    print(f"{len(core)} words, {len(every - core)} rare words and {len(british_only)} British spellings, {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
