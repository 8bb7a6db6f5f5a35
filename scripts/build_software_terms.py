"""Rebuild ``src/repair/data/software-terms.txt`` from npm's ``@cspell/dict-software-terms``
and ``@cspell/dict-npm`` (both MIT, Street Side Software).

The words of software writing that no English list holds ("brotli",
"kubectl", "haproxy") and the names of popular npm packages ("rollup",
"esbuild": a docs page writes them in lower case as words) are known words
(``Vocabulary.is_technical_word``), so that repair neither splits nor
"corrects" them. Only the lower-case form of each plain alphabetic entry is
kept (casing is a lexicon's business), and only if no English list of ours
holds it already; entries with digits, affix markers or punctuation are
skipped, and so are package names shorter than four letters ("bl", "co":
what OCR damage makes of words). Needs npm at build time only::

    python scripts/build_software_terms.py                  # runs `npm pack` in a temporary folder
    python scripts/build_software_terms.py TERMS.tgz NPM.tgz  # or reads the packed tarballs, in that order
"""

from __future__ import annotations

import gzip
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "repair" / "data"
# Each package, the word lists read from it (the software terms' acronym, errno and
# signal lists hold no words repair could damage) and the shortest entry kept.
PACKAGES = {
    "@cspell/dict-software-terms": (
        ("dict/softwareTerms.txt.gz", "dict/software-tools.txt", "dict/networkingTerms.txt", "dict/webServices.txt"),
        2,
    ),
    "@cspell/dict-npm": (("dict/npm.txt",), 4),
}
WORD_RE = re.compile(r"[A-Za-z][a-z]+(?:[A-Z][a-z]+)*")  # "brotli", "Kubernetes", "TypeScript"; not "0ff1ce", "*Auth*", "AWS"


def packed(argv: list[str]) -> list[Path]:
    if argv:
        return [Path(a) for a in argv]
    folder = Path(tempfile.mkdtemp())
    out = subprocess.run(["npm", "pack", *PACKAGES], cwd=folder, check=True, capture_output=True, text=True).stdout.split()
    return [folder / name for name in out[-len(PACKAGES) :]]


def main(argv: list[str]) -> int:
    words: set[str] = set()
    versions = []
    for tarball, (package, (lists, shortest)) in zip(packed(argv), PACKAGES.items(), strict=True):
        with tarfile.open(tarball) as tar:
            meta = tar.extractfile("package/package.json").read().decode()
            assert f'"name": "{package}"' in meta, f"{tarball} is not {package}"
            version = re.search(r'"version":\s*"([^"]+)"', meta).group(1)
            versions.append(f"{package} {version}")
            licence = tar.extractfile("package/LICENSE").read().decode()  # the same MIT notice in each
            for name in lists:
                data = tar.extractfile("package/" + name).read()
                if name.endswith(".gz"):
                    data = gzip.decompress(data)
                for line in io.StringIO(data.decode("utf-8")):
                    entry = line.strip()
                    if len(entry) >= shortest and not entry.startswith("#") and WORD_RE.fullmatch(entry):
                        words.add(entry.lower())
    # words an English list already holds are known already ("and", "rust")
    for listed in ("words.txt", "rare-words.txt", "technical-words.txt"):
        words -= set((DATA / listed).read_text(encoding="utf-8").split())
    header = (
        f"# Lower-case words of software writing, from npm {' and '.join(versions)}\n"
        "# (MIT, (c) Street Side Software; licence in CSPELL-SOFTWARE-TERMS-LICENSE.txt),\n"
        "# rebuilt by scripts/build_software_terms.py. Known words: neither split nor corrected.\n"
    )
    (DATA / "software-terms.txt").write_text(header + "".join(w + "\n" for w in sorted(words)), encoding="utf-8")
    (DATA / "CSPELL-SOFTWARE-TERMS-LICENSE.txt").write_text(licence, encoding="utf-8")
    print(f"software-terms.txt: {len(words)} words from {' and '.join(versions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
