"""Rebuild ``src/repair/data/software-terms.txt`` from npm's ``@cspell/dict-software-terms`` (MIT).

The words of software writing that no English list holds ("brotli",
"kubectl", "haproxy") are known words (``Vocabulary.is_technical_word``),
so that repair neither splits nor "corrects" them. Only the lower-case form of each
plain alphabetic entry is kept (casing is a lexicon's business), and only
if no English list of ours holds it already; entries with digits, affix
markers or punctuation are skipped. Needs npm at build
time only::

    python scripts/build_software_terms.py            # runs `npm pack` in a temporary folder
    python scripts/build_software_terms.py PACKAGE.tgz  # or reads a packed tarball
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
PACKAGE = "@cspell/dict-software-terms"
# The word lists of the package (its acronym, errno and signal lists hold no words repair could damage).
LISTS = ("dict/softwareTerms.txt.gz", "dict/software-tools.txt", "dict/networkingTerms.txt", "dict/webServices.txt")
WORD_RE = re.compile(r"[A-Za-z][a-z]+(?:[A-Z][a-z]+)*")  # "brotli", "Kubernetes", "TypeScript"; not "0ff1ce", "*Auth*", "AWS"


def packed(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    folder = Path(tempfile.mkdtemp())
    name = subprocess.run(["npm", "pack", PACKAGE], cwd=folder, check=True, capture_output=True, text=True).stdout.split()[-1]
    return folder / name


def main(argv: list[str]) -> int:
    tarball = packed(argv)
    words: set[str] = set()
    with tarfile.open(tarball) as tar:
        meta = tar.extractfile("package/package.json").read().decode()
        version = re.search(r'"version":\s*"([^"]+)"', meta).group(1)
        licence = tar.extractfile("package/LICENSE").read().decode()
        for name in LISTS:
            data = tar.extractfile("package/" + name).read()
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            for line in io.StringIO(data.decode("utf-8")):
                entry = line.strip()
                if entry and not entry.startswith("#") and WORD_RE.fullmatch(entry):
                    words.add(entry.lower())
    # words an English list already holds are known already ("and", "rust")
    for listed in ("words.txt", "rare-words.txt", "technical-words.txt"):
        words -= set((DATA / listed).read_text(encoding="utf-8").split())
    header = (
        f"# Lower-case words of software writing, from npm {PACKAGE} {version}\n"
        "# (MIT, (c) Street Side Software; licence in CSPELL-SOFTWARE-TERMS-LICENSE.txt),\n"
        "# rebuilt by scripts/build_software_terms.py. Known words: neither split nor corrected.\n"
    )
    (DATA / "software-terms.txt").write_text(header + "".join(w + "\n" for w in sorted(words)), encoding="utf-8")
    (DATA / "CSPELL-SOFTWARE-TERMS-LICENSE.txt").write_text(licence, encoding="utf-8")
    print(f"software-terms.txt: {len(words)} words from {PACKAGE} {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
