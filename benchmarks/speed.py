"""Speed benchmark: throughput beside peers, hook start-up, and scaling.

    python -m benchmarks.speed               # everything (about a minute)
    python -m benchmarks.speed --max-mb 10   # scaling up to 10 MB instead of 50
    python -m benchmarks.speed --memory      # only: peak memory repairing one 200 MB file

Needs the ``bench`` extra (codespell, matplotlib). Prints:

- throughput in MB/s (UTF-8 bytes) on one core on at least 5 MB of clean
  prose (whole files, and cut into news-sized articles of about 5 KB) and on
  garbled text, with the built-in lexicon, beside
  ``ftfy.fix_text``, codespell and a bare tokenisation pass with ``regex``,
  as ratios to repair (these machines are noisy; ratios travel better), each
  the median of ``--runs`` runs (repair's each with a new Repairer, so that
  every run reads the corpus first as new text);
- start-up: wall time of ``repair check`` on one 2 KB Markdown file (what a
  pre-commit hook pays) and of ``codespell`` on the same file;
- with ``--memory`` (and nothing else): the peak resident memory of a fresh
  process that reads a ``--memory-mb`` (200) MB file of clean prose and
  repairs it as one document, as ``repair fix`` does (``ru_maxrss`` in a
  child process, so nothing this process loaded counts), beside its size;
- real documentation (``../shared/corpora/docs-real``, when present): the
  six trees as a whole, each file repaired in memory as ``repair fix``
  reads it (``markup`` by its extension) and again as plain text, on a
  first reading (a new Repairer) and warm (the same Repairer's second
  pass), with the Markdown path's cost against the plain-text path's
  (issue 18: at least 1 MB/s warm, Markdown at most 1.5 times plain text);
  ``--docs`` runs this section alone;
- OCR text (``../shared/corpora/ocr/icdar-english.jsonl``, when present,
  read in place): the raw OCR of the ICDAR 2017 monographs and periodicals,
  each document repaired in memory with the damage profile read from it, on
  a first reading (and with ``--ocr``, which runs this section alone, warm
  too), in MB/s of CPU time, with how many documents were read as OCR
  (issue 19: 0.5 MB/s or better);
- scaling: time against input size (1 KB up to ``--max-mb``) and against
  lexicon size (1,000 to 100,000 names), with peak memory; both curves go to
  ``benchmarks/scaling.png``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ftfy

from .corpus import DEV, ROOT, SHARED, clean_texts, load_jsonl
from .lexicon import synthetic_lexicon

sys.path.insert(0, str(ROOT / "src"))
from repair import Repairer  # noqa: E402
from repair.detectors.mojibake import ftfy_config  # noqa: E402

FTFY_CONFIG = ftfy_config()
from repair.document import TOKEN_RE  # noqa: E402

BIN = Path(sys.executable).parent
MB = 1_000_000
DOCS = SHARED / "corpora" / "docs-real"
ICDAR = SHARED / "corpora" / "ocr" / "icdar-english.jsonl"
OCR_SUBSETS = ("icdar2017-monograph", "icdar2017-periodical")
DOC_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".mdx": "mdx"}


def repeated(texts: list[str], min_bytes: int) -> list[str]:
    """``texts`` over and over, until they hold ``min_bytes`` of UTF-8."""
    docs, size = [], 0
    while size < min_bytes:
        for text in texts:
            docs.append(text)
            size += len(text.encode())
    return docs


def clean_corpus(min_bytes: int) -> list[str]:
    """The clean corpora, whole files, repeated until ``min_bytes``."""
    return repeated(list(clean_texts("all").values()), min_bytes)


def clean_articles(min_bytes: int, size: int = 5_000) -> list[str]:
    """The clean corpora cut at blank lines into articles of about ``size`` bytes
    (what a pipeline of news articles reads), repeated until ``min_bytes``."""
    pieces = []
    for text in clean_texts("all").values():
        article = ""
        for paragraph in text.split("\n\n"):
            article += paragraph + "\n\n"
            if len(article.encode()) >= size:
                pieces.append(article)
                article = ""
        if article.strip():
            pieces.append(article)
    return repeated(pieces, min_bytes)


def garbled_corpus(min_bytes: int) -> list[str]:
    """Development-set cases, 25 to an article, repeated until ``min_bytes``."""
    cases = [c["garbled"] for c in load_jsonl(DEV / "synthetic.jsonl")] + [c["garbled"] for c in load_jsonl(DEV / "handwritten.jsonl")]
    return repeated(["\n\n".join(cases[i : i + 25]) + "\n" for i in range(0, len(cases), 25)], min_bytes)


def throughput(fn, docs: list[str]) -> float:
    size = sum(len(d.encode()) for d in docs)
    started = time.perf_counter()
    for doc in docs:
        fn(doc)
    return size / MB / (time.perf_counter() - started)


def median_rate(rate, runs: int) -> float | None:
    """The median of ``runs`` calls of ``rate()`` (these machines are noisy)."""
    rates = [rate() for _ in range(runs)]
    return None if None in rates else statistics.median(rates)


def repair_rate(docs: list[str]) -> float:
    """Throughput of a new Repairer, warmed up as the CLI's is: each run starts with
    no form seen before, so every run mixes first and later passes alike."""
    repairer = Repairer()
    repairer.warm_up(freeze=True)
    return throughput(repairer.repair, docs)


def codespell_rate(docs: list[str], tmp: Path, label: str) -> float | None:
    exe = shutil.which("codespell", path=str(BIN)) or shutil.which("codespell")
    if exe is None:
        return None
    folder = tmp / f"codespell-{label}"
    if not folder.exists():
        folder.mkdir()
        for i, doc in enumerate(docs):
            (folder / f"{i:04d}.txt").write_text(doc, encoding="utf-8")
    size = sum(len(doc.encode()) for doc in docs)
    started = time.perf_counter()
    subprocess.run([exe, str(folder)], capture_output=True)
    return size / MB / (time.perf_counter() - started)


def wall(cmd: list[str], cwd: Path, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])  # the first run warms the disk and the lexicon cache


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=50, help="largest input for the size curve")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs per tool; the median is reported")
    parser.add_argument("--memory", action="store_true", help="only measure peak memory on one large file")
    parser.add_argument("--memory-mb", type=float, default=200, help="size of that file (default 200 MB)")
    parser.add_argument("--docs", action="store_true", help="only the real-documentation section")
    parser.add_argument("--ocr", action="store_true", help="only the OCR-text section (ICDAR 2017's raw OCR)")
    args = parser.parse_args(argv)
    if args.memory:
        memory(args.memory_mb)
        return
    if args.docs:
        docs_speed()
        return
    if args.ocr:
        ocr_speed(readings=2)
        return
    started = time.perf_counter()
    repairer = Repairer()
    repairer.warm_up(freeze=True)  # as the CLI and worker processes do

    clean = clean_corpus(5 * MB)
    articles = clean_articles(5 * MB)
    garbled = garbled_corpus(1 * MB)
    clean_mb = sum(len(d.encode()) for d in clean) / MB
    articles_mb = sum(len(d.encode()) for d in articles) / MB
    garbled_mb = sum(len(d.encode()) for d in garbled) / MB
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = args.runs
        corpora = {"clean": clean, "articles": articles, "garbled": garbled}
        rates = {
            "repair": tuple(median_rate(lambda d=d: repair_rate(d), runs) for d in corpora.values()),
            "ftfy.fix_text": tuple(median_rate(lambda d=d: throughput(lambda t: ftfy.fix_text(t, FTFY_CONFIG), d), runs) for d in corpora.values()),
            "codespell": tuple(median_rate(lambda d=d, k=k: codespell_rate(d, tmp, k), runs) for k, d in corpora.items()),
            "regex tokenisation": tuple(median_rate(lambda d=d: throughput(TOKEN_RE.findall, d), runs) for d in corpora.values()),
        }
        print(
            f"Throughput, one core, MB/s, median of {runs} runs (clean prose {clean_mb:.1f} MB; the same prose as "
            f"{len(articles):,} articles of about 5 KB, {articles_mb:.1f} MB; garbled {garbled_mb:.1f} MB; built-in lexicon)"
        )
        print(f"  {'tool':20}" + "".join(f" {name:>8} {'÷ repair':>9}" for name in corpora))
        base_c, base_a, base_g = rates["repair"]
        for tool, values in rates.items():
            cells = []
            for value, base in zip(values, rates["repair"]):
                cells.append(f"{value:8.2f} {value / base:9.1f}" if value else f"{'n/a':>8} {'':>9}")
            print(f"  {tool:20} " + " ".join(cells))

        # start-up: what a hook pays per commit
        page = tmp / "site"
        page.mkdir()
        md = page / "page.md"
        body = (clean_texts("all")["fiction-pride-and-prejudice.txt"][:1900]).rsplit(" ", 1)[0]
        md.write_text("# A page\n\n" + body + "\n", encoding="utf-8")
        check = wall([str(BIN / "repair"), "check", str(md)], page)
        codespell = shutil.which("codespell", path=str(BIN))
        peer = wall([codespell, str(md)], page) if codespell else None
        print(f"\nStart-up: one {md.stat().st_size:,}-byte Markdown file, median wall time of 6 warm runs")
        print(f"  repair check   {check:.3f} s")
        if peer is not None:
            print(f"  codespell      {peer:.3f} s   (repair ÷ codespell: {check / peer:.1f})")

        # scaling with input size
        source = "\n\n".join(clean_texts("all").values())
        sizes = [s for s in (1e3, 1e4, 1e5, 1e6, 5e6, 1e7, 2e7, 5e7) if s <= args.max_mb * MB]
        size_points = []
        print("\nTime against input size (one document, built-in lexicon)")
        for size in sizes:
            text = (source * (int(size) // len(source) + 1))[: int(size)]
            runs = 3 if size <= 1e6 else 1
            seconds = min(_time(repairer, text) for _ in range(runs))
            size_points.append((size, seconds))
            print(f"  {size / MB:10.3f} MB  {seconds:9.3f} s  {size / MB / seconds:6.2f} MB/s")

        # scaling with lexicon size
        lexicon_points = []
        sample = source[: 1 * MB]
        print("\nTime against user-lexicon size (the same 1 MB, built-in lexicon too)")
        for names in (1_000, 10_000, 100_000):
            path = tmp / f"names-{names}.txt"
            synthetic_lexicon(path, names)
            with_names = Repairer([path])
            with_names.warm_up(freeze=True)
            seconds = min(_time(with_names, sample) for _ in range(2))
            lexicon_points.append((names, seconds))
            print(f"  {names:7,d} names  {seconds:.3f} s")
    docs = docs_speed()
    docs.update(ocr_speed())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak memory of this benchmark process: {peak:.0f} MB")
    plot(size_points, lexicon_points, ROOT / "benchmarks" / "scaling.png")
    print(f"Plot: benchmarks/scaling.png\n(benchmark took {time.perf_counter() - started:.0f} s)")
    print(json.dumps({"clean_mb_s": base_c, "articles_mb_s": base_a, "garbled_mb_s": base_g, "check_s": check, **docs}), file=sys.stderr)


def doc_files() -> list[tuple[str, str]]:
    """Every Markdown and MDX file of the real-documentation trees, as (text, markup)."""
    files = []
    for folder in sorted(p for p in DOCS.iterdir() if p.is_dir()):
        for path in sorted(folder.rglob("*")):
            markup = DOC_SUFFIXES.get(path.suffix.lower())
            if markup is not None and path.is_file():
                files.append((path.read_bytes().decode("utf-8", errors="replace"), markup))
    return files


def docs_speed() -> dict[str, float]:
    """Throughput on the real-documentation trees as a whole (issue 18): Markdown as
    ``repair fix`` reads it, and the same files as plain text; a first reading by
    a new Repairer, then warm (its second pass). CPU time of this process, so
    another job on the machine weighs less. Returns the figures, or nothing
    when the trees are absent."""
    if not DOCS.is_dir():
        print(f"\nReal documentation: {DOCS} absent, not measured")
        return {}
    files = doc_files()
    size = sum(len(text.encode()) for text, _ in files) / MB
    print(f"\nReal documentation ({len(files):,} files of the six trees of docs-real, {size:.1f} MB; MB/s of CPU time, one core)")
    print(f"  {'path':12} {'first read':>10} {'warm':>8}")
    figures: dict[str, float] = {}
    for label, as_text in (("markdown", False), ("plain text", True)):
        repairer = Repairer()
        repairer.warm_up(freeze=True)
        rates = []
        for _ in range(2):
            started = time.process_time()
            for text, markup in files:
                repairer.repair(text, markup="text" if as_text else markup)
            rates.append(size / (time.process_time() - started))
        key = "docs_text" if as_text else "docs_markdown"
        figures[f"{key}_first_mb_s"], figures[f"{key}_warm_mb_s"] = rates
        print(f"  {label:12} {rates[0]:10.2f} {rates[1]:8.2f}")
    ratio = figures["docs_text_warm_mb_s"] / figures["docs_markdown_warm_mb_s"]
    print(f"  Markdown path's cost against plain text's, warm: {ratio:.2f} (issue 18: at most 1.5); warm target 1 MB/s")
    return figures


def ocr_speed(readings: int = 1) -> dict[str, float]:
    """Throughput on real OCR (issue 19: at least 0.5 MB/s): the raw OCR of each ICDAR 2017
    subset, every document repaired by itself as a pipeline would, the profile read
    from it ("auto"); a first reading by a new Repairer, and with ``readings=2`` warm
    too (its second pass), in CPU time. The data is read in place and never copied.
    Returns the figures, or nothing when the file is absent."""
    if not ICDAR.is_file():
        print(f"\nOCR text: {ICDAR} absent, not measured")
        return {}
    docs = load_jsonl(ICDAR)
    print("\nOCR text (raw OCR of ICDAR 2017, read in place; MB/s of CPU time, one core; issue 19: at least 0.5)")
    print(f"  {'subset':22} {'docs':>5} {'MB':>6} {'read as OCR':>11} {'first read':>10} {'warm':>8}")
    figures: dict[str, float] = {}
    for subset in OCR_SUBSETS:
        texts = [d["ocr"] for d in docs if d["subset"] == subset]
        if not texts:
            continue
        size = sum(len(text.encode()) for text in texts) / MB
        repairer = Repairer()
        repairer.warm_up(freeze=True)
        rates = []
        for _ in range(readings):
            started = time.process_time()
            results = [repairer.repair(text) for text in texts]
            rates.append(size / (time.process_time() - started))
        as_ocr = sum(1 for r in results if r.profile == "ocr")
        figures[f"{subset}_first_mb_s"] = rates[0]
        warm = f"{rates[1]:8.3f}" if readings > 1 else f"{'-':>8}"
        if readings > 1:
            figures[f"{subset}_warm_mb_s"] = rates[1]
        print(f"  {subset:22} {len(texts):5d} {size:6.2f} {as_ocr:11d} {rates[0]:10.3f} {warm}")
    return figures


MEMORY_CHILD = """
import resource, sys, time
from pathlib import Path
from repair import Repairer
path = Path(sys.argv[1])
repairer = Repairer()
repairer.warm_up()
ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
text = path.read_text(encoding="utf-8")
result = repairer.repair(text)
seconds = time.perf_counter() - started
print(ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, seconds, len(result.edits))
"""


def memory(mb: float) -> None:
    """Peak memory of a new process repairing one ``mb`` MB file of clean prose."""
    source = "\n\n".join(clean_texts("all").values()) + "\n\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        size = 0
        with path.open("w", encoding="utf-8") as out:
            while size < mb * MB:
                size += out.write(source)
        size = path.stat().st_size
        run = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path)], capture_output=True, text=True, check=True)
    ready, peak, seconds, edits = run.stdout.split()
    ready_mb, peak_mb = int(ready) / 1024, int(peak) / 1024
    print(f"Peak memory repairing one {size / MB:.0f} MB file of clean prose ({edits} edits, {float(seconds):.0f} s):")
    print(f"  {peak_mb:,.0f} MB peak resident ({peak_mb / (size / MB):.1f} x the file); {ready_mb:,.0f} MB of it loaded before reading")


def _time(repairer: Repairer, text: str) -> float:
    started = time.perf_counter()
    repairer.repair(text)
    return time.perf_counter() - started


def plot(size_points, lexicon_points, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    xs, ys = zip(*size_points)
    left.loglog([x / MB for x in xs], ys, "o-", label="repair")
    k = ys[-1] / xs[-1]
    left.loglog([x / MB for x in xs], [k * x for x in xs], "--", color="grey", label="linear")
    left.set_xlabel("input size (MB)")
    left.set_ylabel("seconds")
    left.set_title("Time against input size")
    left.legend()
    xs, ys = zip(*lexicon_points)
    right.semilogx(xs, ys, "o-")
    right.set_ylim(0, max(ys) * 1.5)
    right.set_xlabel("user lexicon entries")
    right.set_ylabel("seconds for 1 MB")
    right.set_title("Time against lexicon size")
    fig.tight_layout()
    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    main()
