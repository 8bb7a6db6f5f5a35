"""Real documentation trees (``../shared/corpora/docs-real``), repaired as ``repair fix`` would.

Clean, edited Markdown and MDX with the syntax of each site generator: nearly
every change repair makes there is false, and any change to syntax breaks a
site. Per tree: words, changed regions per 10,000 words (a region is a run of
changed tokens inside a changed block of lines, the measure the team's
docs-check tool uses), and elements a site build reads that changed
(:func:`repair.structure.changes`). ``--list FILE`` writes every region, with
its edits' families and reasons, for a reader to judge. Run alone as
``python -m benchmarks.docs_real [--root FOLDER] [--list FILE]``: ``--root`` reads
any folder of trees (one folder each) instead of docs-real.

Files are read in place and repaired in memory, so a tree's file modes
(the shared trees are read-only) do not matter.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from repair import Repairer
from repair.structure import changes

from .corpus import SHARED

DOCS = SHARED / "corpora" / "docs-real"
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdx": "mdx"}
TOKEN_RE = re.compile(r"\w+|[^\w\s]|[^\S\n]+")


@dataclass
class Tree:
    name: str
    files: int = 0
    words: int = 0
    regions: list[tuple[str, str, str, str]] = field(default_factory=list)  # (file, before, after, why)
    structure: list[tuple[str, str]] = field(default_factory=list)  # (file, element)
    seconds: float = 0.0
    size: int = 0

    @property
    def per_10k(self) -> float:
        return len(self.regions) / max(self.words, 1) * 10_000


def regions(before: str, after: str) -> list[tuple[int, int, str, str]]:
    """Changed token runs, as (start line, end line, before, after): lines are matched
    first, then tokens within each changed block of lines."""
    la, lb = before.split("\n"), after.split("\n")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        ta, tb = TOKEN_RE.findall("\n".join(la[i1:i2])), TOKEN_RE.findall("\n".join(lb[j1:j2]))
        for op2, k1, k2, m1, m2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
            if op2 != "equal":
                out.append((i1 + 1, i2, "".join(ta[max(0, k1 - 4) : k2 + 4]), "".join(tb[max(0, m1 - 4) : m2 + 4])))
    return out


def measure(repairer: Repairer, root: Path = DOCS) -> list[Tree]:
    """Every tree (each folder of ``root``) repaired in memory, file by file."""
    trees = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        tree = Tree(folder.name)
        for path in sorted(folder.rglob("*")):
            markup = SUFFIXES.get(path.suffix.lower())
            if markup is None or not path.is_file():
                continue
            text = path.read_bytes().decode("utf-8", errors="replace")
            tree.files += 1
            tree.words += len(text.split())
            tree.size += len(text.encode())
            started = time.perf_counter()
            result = repairer.repair(text, markup=markup)
            tree.seconds += time.perf_counter() - started
            if not result.edits:
                continue
            rel = str(path.relative_to(folder))
            why = "; ".join(f"{e.kind.value}: {e.reason}" for e in result.edits)
            for line, _, old, new in regions(text, result.text):
                reasons = [f"{e.kind.value} ({e.confidence:.2f}): {e.reason}" for e in result.edits if e.line is not None and abs(e.line - line) <= 3]
                tree.regions.append((f"{rel}:{line}", old, new, " | ".join(reasons) or why))
            tree.structure += [(rel, f"{kind}: {text_[:100]!r}") for kind, text_ in changes(text, result.text)]
        trees.append(tree)
    return trees


def report(trees: list[Tree], listing: Path | None = None, root: Path = DOCS) -> None:
    where = "../shared/corpora/docs-real" if root == DOCS else str(root)
    print(f"\nReal documentation ({where}, read in place, repaired in memory with the built-in lexicon)")
    print(f"  {'tree':18} {'files':>5} {'words':>8} {'regions':>7} {'per 10k':>7} {'syntax changed':>14} {'MB/s':>5}")
    for t in trees:
        rate = t.size / 1e6 / t.seconds if t.seconds else 0.0
        print(f"  {t.name:18} {t.files:5d} {t.words:8d} {len(t.regions):7d} {t.per_10k:7.2f} {len(t.structure):14d} {rate:5.2f}")
        for rel, element in t.structure[:5]:
            print(f"    SYNTAX CHANGED {rel}: {element}")
    if listing is not None:
        with listing.open("w", encoding="utf-8") as out:
            for t in trees:
                for where, old, new, why in t.regions:
                    out.write(f"{t.name}\t{where}\t{old!r}\t{new!r}\t{why}\n")
        print(f"  (every region, with its edits' reasons: {listing})")


def main(argv: list[str] | None = None) -> None:
    """Only this section of the quality benchmark, on docs-real or on any folder of trees."""
    import argparse

    parser = argparse.ArgumentParser(description="Real documentation trees, repaired in memory as repair fix would.")
    parser.add_argument("--root", type=Path, default=DOCS, help="a folder holding one folder per tree (default: docs-real)")
    parser.add_argument("--list", type=Path, help="write every changed region, with its edits' reasons, here")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"no such folder: {args.root}")
    report(measure(Repairer(), args.root), args.list, args.root)


if __name__ == "__main__":
    main()
