"""Screened and exhaustive repair must agree: the same edits and flags on every corpus.

The screen only decides which lines the token detectors read; each detector's
gate must cover every form its ``detect`` can flag. This command repairs every
text the project can reach both ways and reports each disagreement::

    python -m benchmarks.parity                  # every corpus (several minutes)
    python -m benchmarks.parity --quick          # the project's own corpora only
    python -m benchmarks.parity --dump FILE      # also write screened results, one JSON line a text
    python -m benchmarks.parity --compare FILE   # and compare them with an earlier dump (an A/B
                                                 # check that a change kept every result)

Texts: the clean corpora, the development sets (garbled and clean sides),
and, when ``../shared`` is present, the shared clean prose, ftfy's cases, the
example articles, the ICDAR OCR and gold texts, and the real documentation
trees of ``docs-real`` (as Markdown, or MDX where the markup knows it). Each
set runs with the built-in lexicon, and the development sets with their own
lexicon too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from repair import Repairer
from repair.repairer import MARKUPS

from .corpus import CLEAN, DEV, SHARED, clean_files, load_jsonl

Text = tuple[str, str, str, str]  # (set, name, markup, text)


def _markup_of(path: Path) -> str:
    if path.suffix == ".mdx" and "mdx" in MARKUPS:
        return "mdx"
    return "markdown" if path.suffix in (".md", ".markdown", ".mdx") else "text"


def own_texts() -> Iterator[Text]:
    for path in clean_files():
        yield "clean", str(path.relative_to(CLEAN)), "text", path.read_text(encoding="utf-8")
    for path in sorted(DEV.glob("*.jsonl")):
        for case in load_jsonl(path):
            for side in ("garbled", "clean"):
                yield "dev", f"{path.name}:{case['id']}:{side}", "text", case[side]


def shared_texts() -> Iterator[Text]:
    if not SHARED.is_dir():
        return
    for path in sorted((SHARED / "corpora" / "clean").rglob("*.txt")):
        yield "shared-clean", path.name, "text", path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "examples").glob("*.txt")):
        yield "examples", path.name, "text", path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "corpora" / "ftfy-cases").glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            yield "ftfy", f"{path.name}:{i}", "text", case["original"]
    ocr = SHARED / "corpora" / "ocr" / "icdar-english.jsonl"
    if ocr.is_file():
        for doc in load_jsonl(ocr):
            for side in ("ocr", "gold"):
                yield "icdar", f"{doc['id']}:{side}", "text", doc[side]
    docs = SHARED / "corpora" / "docs-real"
    for tree in sorted(p for p in docs.iterdir() if p.is_dir()) if docs.is_dir() else ():
        for path in sorted(tree.rglob("*")):
            if path.suffix in (".md", ".markdown", ".mdx") and path.is_file():
                text = path.read_bytes().decode("utf-8", errors="replace")
                yield f"docs-real/{tree.name}", str(path.relative_to(docs)), _markup_of(path), text


def _signature(result) -> dict:
    return {
        "text": hashlib.sha256(result.text.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        "edits": [e.to_dict() for e in result.edits],
        "flags": [f.to_dict() for f in result.flags],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the project's own corpora only")
    parser.add_argument("--dump", type=Path, help="write each text's screened result here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="compare screened results with this earlier dump")
    parser.add_argument("--no-exhaustive", action="store_true", help="skip the exhaustive run (with --dump/--compare)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    dev_lexicon = DEV / "lexicon.txt"
    setups = {"built-in": ([], None), "dev lexicon": ([dev_lexicon], {"dev"})}
    earlier = {}
    if args.compare:
        for line in args.compare.read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            row = json.loads(line)
            earlier[(row["setup"], row["set"], row["name"])] = row["result"]
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    texts = list(own_texts()) + ([] if args.quick else list(shared_texts()))
    per_set: dict[str, list[int]] = {}  # set -> [texts, disagreements, changed since the dump]
    failures: list[str] = []
    for setup, (lexicons, only) in setups.items():
        screened = Repairer(lexicons)
        exhaustive = None if args.no_exhaustive else Repairer(lexicons, exhaustive=True)
        for set_name, name, markup, text in texts:
            if only is not None and set_name not in only:
                continue
            counts = per_set.setdefault(f"{set_name} ({setup})", [0, 0, 0])
            counts[0] += 1
            one = screened.repair(text, markup=markup)
            signature = _signature(one)
            if exhaustive is not None:
                other = _signature(exhaustive.repair(text, markup=markup))
                if other != signature:
                    counts[1] += 1
                    failures.append(f"screened != exhaustive: {set_name} {name} ({setup})")
            key = (setup, set_name, name)
            if args.compare and earlier.get(key) != signature:
                counts[2] += 1
                failures.append(f"changed since {args.compare}: {set_name} {name} ({setup})")
            if dump is not None:
                dump.write(json.dumps({"setup": setup, "set": set_name, "name": name, "result": signature}, ensure_ascii=False) + "\n")
    if dump is not None:
        dump.close()

    print(f"{'texts':>6} {'differ':>7} {'changed':>8}  set (lexicon)")
    for set_name, (n, differ, changed) in per_set.items():
        print(f"{n:6d} {differ:7d} {changed if args.compare else '-':>8}  {set_name}")
    total = sum(v[0] for v in per_set.values())
    print(f"{total} texts; {len(failures)} disagreements; {time.perf_counter() - started:.0f} s")
    for line in failures[:50]:
        print("  " + line)
    if not SHARED.is_dir() and not args.quick:
        print("(../shared is absent: only the project's own corpora were read)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
