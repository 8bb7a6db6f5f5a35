"""Quality benchmark: precision, recall and F0.5 per family, false edits on
clean prose, ftfy's real-world cases and the ICDAR OCR character error rate,
for repair beside a naive baseline and ftfy alone.

    python -m benchmarks.quality            # everything (ICDAR only if ../shared is there)
    python -m benchmarks.quality --show-fp  # also list every false edit on clean prose

An edit is correct when, over the span it shares with a gold edit, it gives
the same text (so "delete the first 'more'" and "delete the second" agree).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ftfy
from editdistpy import levenshtein

from .corpus import DEV, SHARED, clean_texts, load_jsonl

sys.path.insert(0, str(DEV.parent.parent / "src"))
from repair import Repairer  # noqa: E402
from repair.detectors import families  # noqa: E402
from repair.weights import Weights  # noqa: E402
from repair.detectors.mojibake import ftfy_config  # noqa: E402

FTFY_CONFIG = ftfy_config()
from repair.lexicon import Lexicon, builtin_lexicon, load_lexicon  # noqa: E402
from repair.model import apply_edits  # noqa: E402
from repair.wordmodel import TeamModel  # noqa: E402

from . import docs_real  # noqa: E402

WORD_RE = re.compile(r"\w+")
LONG_DOCUMENT_CASES = (20, 100)  # dev cases joined to a document: about 1,000 and 5,000 words


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    after: str
    kind: str


def gold_from_diff(garbled: str, clean: str, kind: str) -> list[Span]:
    """Gold edits of a hand-written case: the word-level diff from garbled to clean."""
    a = re.findall(r"\s+|\w+|[^\w\s]", garbled)
    b = re.findall(r"\s+|\w+|[^\w\s]", clean)
    offsets = [0]
    for tok in a:
        offsets.append(offsets[-1] + len(tok))
    spans = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            spans.append(Span(offsets[i1], offsets[i2], "".join(b[j1:j2]), kind))
    return spans


def same_change(source: str, p: Span, g: Span) -> bool:
    lo, hi = min(p.start, g.start), max(p.end, g.end)
    if p.end < g.start or g.end < p.start:
        return False
    via_p = source[lo : p.start] + p.after + source[p.end : hi]
    via_g = source[lo : g.start] + g.after + source[g.end : hi]
    return via_p == via_g


def dev_cases() -> list[dict]:
    cases = []
    for case in load_jsonl(DEV / "handwritten.jsonl"):
        case["gold"] = gold_from_diff(case["garbled"], case["clean"], case["family"])
        cases.append(case)
    for case in load_jsonl(DEV / "synthetic.jsonl"):
        case["gold"] = [Span(g["start"], g["end"], g["after"], g["kind"]) for g in case["gold"]]
        cases.append(case)
    return cases


def long_documents(cases: Sequence[dict], per_document: int) -> list[dict]:
    """The cases, interleaved by family (so a document mixes them, as a garbled article
    does) and joined at blank lines, ``per_document`` to a document, gold moved with them.

    Rules that read a whole document (a house style, a text that capitalises its own
    terms, names written as edited text writes them) see each short case alone; this
    shows what they do to the same damage in a longer document.
    """
    by_family: dict[str, list[dict]] = {}
    for case in cases:
        by_family.setdefault(case["family"], []).append(case)
    mixed = [c for row in itertools.zip_longest(*by_family.values()) for c in row if c is not None]
    documents = []
    for i in range(0, len(mixed), per_document):
        text, gold = "", []
        for case in mixed[i : i + per_document]:
            text += "\n\n" if text else ""
            gold += [Span(g.start + len(text), g.end + len(text), g.after, g.kind) for g in case["gold"]]
            text += case["garbled"]
        documents.append({"garbled": text, "gold": gold})
    return documents


def display_order() -> list:
    """The families in the order the weights file lists them (the tables' rows since the
    first benchmark), then any registered family the file does not list."""
    listed = list(Weights.load().families)
    return listed + [f for f in families() if f not in listed]


# -- systems --------------------------------------------------------------
System = Callable[[str], list[Span]]


def repair_system(repairer: Repairer) -> System:
    def run(text: str) -> list[Span]:
        return [Span(e.start, e.end, e.after, e.kind.value) for e in repairer.repair(text).edits]

    return run


def naive_system(lexicon: Lexicon) -> System:
    """Case-insensitive whole-word replacement of every lexicon name (longest first)."""
    by_words: dict[tuple[str, ...], str] = {}
    for name in lexicon.canonicals:
        words = tuple(w.lower() for w in WORD_RE.findall(name))
        if words and " ".join(WORD_RE.findall(name)) == " ".join(name.split()):
            by_words.setdefault(words, name)
    longest = max((len(k) for k in by_words), default=0)

    def run(text: str) -> list[Span]:
        out = []
        words = list(WORD_RE.finditer(text))
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                window = words[i : i + size]
                if any(text[a.end() : b.start()] != " " for a, b in zip(window, window[1:])):
                    continue
                want = by_words.get(tuple(m.group().lower() for m in window))
                if want is None:
                    continue
                start, end = window[0].start(), window[-1].end()
                if text[start:end] != want:
                    out.append(Span(start, end, want, "entity-case"))
                i += size - 1
                break
            i += 1
        return out

    return run


def ftfy_system(text: str) -> list[Span]:
    """ftfy.fix_text line by line (so the character diff stays cheap), as spans."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, FTFY_CONFIG)
        if fixed != line:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "equal":
                    spans.append(Span(offset + i1, offset + i2, fixed[j1:j2], "mojibake"))
        offset += len(line)
    return spans


# -- scoring --------------------------------------------------------------
def f_beta(p: float, r: float, beta: float = 0.5) -> float:
    return 0.0 if p + r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


def score_dev(system: System, cases: Sequence[dict]) -> dict[str, tuple[int, int, int]]:
    """Per family: (true positives among predictions, predictions, gold edits found / gold edits)."""
    tp_pred, n_pred, tp_gold, n_gold = Counter(), Counter(), Counter(), Counter()
    for case in cases:
        source, gold = case["garbled"], case["gold"]
        predicted = system(source)
        for p in predicted:
            n_pred[p.kind] += 1
            if any(same_change(source, p, g) for g in gold):
                tp_pred[p.kind] += 1
        for g in gold:
            n_gold[g.kind] += 1
            if any(same_change(source, p, g) for p in predicted):
                tp_gold[g.kind] += 1
    return {k: (tp_pred[k], n_pred[k], tp_gold[k], n_gold[k]) for k in set(n_pred) | set(n_gold)}


def print_dev(name: str, table: dict) -> dict[str, float]:
    print(f"\n{name}")
    print(f"  {'family':18} {'precision':>9} {'recall':>7} {'F0.5':>6} {'edits':>6} {'gold':>5}")
    totals = [0, 0, 0, 0]
    rows = {}
    for family in [f.value for f in display_order()]:
        tp_p, n_p, tp_g, n_g = table.get(family, (0, 0, 0, 0))
        totals = [a + b for a, b in zip(totals, (tp_p, n_p, tp_g, n_g))]
        p = tp_p / n_p if n_p else 1.0
        r = tp_g / n_g if n_g else 0.0
        rows[family] = r
        print(f"  {family:18} {p:9.3f} {r:7.3f} {f_beta(p, r):6.3f} {n_p:6d} {n_g:5d}")
    tp_p, n_p, tp_g, n_g = totals
    p = tp_p / n_p if n_p else 1.0
    r = tp_g / n_g if n_g else 0.0
    print(f"  {'overall':18} {p:9.3f} {r:7.3f} {f_beta(p, r):6.3f} {n_p:6d} {n_g:5d}")
    rows["overall_f05"] = f_beta(p, r)
    return rows


def false_edits(system: System, texts: dict[str, str], show: bool) -> tuple[int, int]:
    edits = words = 0
    for name, text in texts.items():
        words += len(WORD_RE.findall(text))
        for span in system(text):
            edits += 1
            if show:
                ctx = text[max(0, span.start - 30) : span.end + 30].replace("\n", " ")
                print(f"    {name}: {span.kind}: {text[span.start:span.end]!r} -> {span.after!r}   …{ctx}…")
    return edits, words


def ftfy_cases(repairer: Repairer) -> None:
    folder = SHARED / "corpora" / "ftfy-cases"
    if not folder.exists():
        print("\nftfy cases: ../shared/corpora/ftfy-cases not found, skipped")
        return
    wild = json.loads((folder / "in-the-wild.json").read_text(encoding="utf-8"))
    negative = json.loads((folder / "negative.json").read_text(encoding="utf-8"))
    only = Repairer(default_lexicon=False, select=["mojibake"])
    fixed = sum(1 for c in wild if only.repair(c["original"]).text == c.get("fixed-encoding", c["fixed"]))
    fixed_full = sum(1 for c in wild if repairer.repair(c["original"]).text == c.get("fixed-encoding", c["fixed"]))
    # A negative case must come back unchanged, or as ftfy's expected output
    # where that differs only by what ftfy itself fixes (C1 controls such as
    # "\x85" become "…"; its "fixed" also uncurls quotes, a style fix we keep off).
    negative = [c for c in negative if c.get("expect", "pass") == "pass"]
    kept = sum(1 for c in negative if repairer.repair(c["original"]).text in (c["original"], c["fixed"]))
    print("\nftfy's test cases")
    print(f"  in the wild repaired exactly (mojibake family only): {fixed}/{len(wild)}")
    print(f"  in the wild repaired exactly (all families):         {fixed_full}/{len(wild)}")
    print(f"  negative cases as ftfy expects (all families):      {kept}/{len(negative)}")


# What the garbled example must lose (issue 2): each family as a pattern
# counted before and after repair with benchmarks/example-lexicon.txt.
EXAMPLE_ARTIFACTS = {
    "run-on words": r"\b(?:depththe|R1which)\b|[a-z]\.[A-Z][a-z]",
    "mis-cased names": r"\b(?:Deepseek|Openai|NetScape|Pytorch|Meta Ai|A16Z|META)\b|\(Fair\)",
    "High-Fly Flyer": r"High-Fly Flyer",
    "random capitals": r"\b(?:general Used|rise Own|post Promising)\b",
    "misdirected quotes": r"\w[.,!?]?“|”\w|»",
    "doubled words": r"\b(\w+) \1\b",
}


def examples() -> None:
    folder = SHARED / "examples"
    if not folder.exists():
        print("\nExample articles: ../shared/examples not found, skipped")
        return
    garbled = (folder / "garbled-article.txt").read_text(encoding="utf-8")
    clean = (folder / "clean-article.txt").read_text(encoding="utf-8")
    repairer = Repairer([load_lexicon(Path(__file__).parent / "example-lexicon.txt")])
    result = repairer.repair(garbled)
    print("\nExample articles (../shared/examples, lexicon benchmarks/example-lexicon.txt)")
    print(f"  garbled article: {len(result.edits)} edits; artifacts left (before → after):")
    for label, pattern in EXAMPLE_ARTIFACTS.items():
        before = len(re.findall(pattern, garbled))
        after = len(re.findall(pattern, result.text))
        print(f"    {label:20} {before:3d} → {after}")
    kept = repairer.repair(clean)
    print(f"  clean article unchanged: {'yes' if kept.text == clean else 'NO'} ({len(kept.edits)} edits)")


def _cer(text: str, gold: str) -> int:
    return levenshtein.distance(text, gold, max(len(text), len(gold)))


def icdar(repairer: Repairer) -> None:
    path = SHARED / "corpora" / "ocr" / "icdar-english.jsonl"
    if not path.exists():
        print("\nICDAR OCR: ../shared/corpora/ocr not found, skipped")
        return
    rows = list(load_jsonl(path))
    before, after, chars, docs, edits = Counter(), Counter(), Counter(), Counter(), Counter()
    on_gold: Counter[str] = Counter()  # edits on the gold transcriptions themselves, per family
    by_family: Counter[tuple[str, str]] = Counter()  # (subset, family) -> errors with that family's edits alone
    seen: set[str] = set()  # the families that edited something
    profiles: Counter[tuple[str, str]] = Counter()
    every_family = [f.value for f in families()]
    gold_words = 0
    for row in rows:
        subset, ocr, gold = row["subset"], row["ocr"], row["gold"]
        on_gold.update(e.kind.value for e in repairer.repair(gold).edits)
        gold_words += len(gold.split())
        result = repairer.repair(ocr)
        before[subset] += _cer(ocr, gold)  # (the same as raw below)
        after[subset] += _cer(result.text, gold)
        chars[subset] += len(gold)
        docs[subset] += 1
        edits[subset] += len(result.edits)
        profiles[subset, str(result.profile)] += 1
        kinds = {e.kind.value for e in result.edits}
        seen |= kinds
        raw = _cer(ocr, gold)
        for family in every_family:  # edits never overlap, so one family's apply alone
            if family in kinds:
                by_family[subset, family] += _cer(apply_edits(ocr, [e for e in result.edits if e.kind.value == family]), gold)
            else:
                by_family[subset, family] += raw  # no edit of this family here: the raw OCR's errors
    print("\nICDAR post-OCR (real OCR; character error rate against the gold transcription)")
    print(f"  {'subset':22} {'docs':>5} {'CER before':>10} {'CER after':>10} {'change':>8} {'edits':>6}")
    for subset in sorted(chars):
        b, a = before[subset] / chars[subset], after[subset] / chars[subset]
        print(f"  {subset:22} {docs[subset]:5d} {b:10.4%} {a:10.4%} {a - b:+8.4%} {edits[subset]:6d}")
    total = sum(on_gold.values())
    print(f"  edits on the gold transcriptions themselves (period prose; each one suspect): {total} in {gold_words:,} words"
          f" = {total / gold_words * 10000:.1f} per 10,000")
    print("    " + ", ".join(f"{family} {n}" for family, n in on_gold.most_common()))

    print("\n  CER change relative to the raw OCR, and each family's share (its edits applied alone)")
    for subset in sorted(chars):
        change = (after[subset] - before[subset]) / before[subset]
        shares = ", ".join(
            f"{family} {(by_family[subset, family] - before[subset]) / before[subset]:+.2%}"
            for family in sorted(seen)
            if by_family[subset, family] != before[subset]
        )
        picked = ", ".join(f"{kind} {profiles[subset, kind]}" for kind in ("ocr", "mt", "clean") if profiles[subset, kind])
        print(f"  {subset:22} {change:+8.2%}  ({shares}; profile {picked})")

    rejoined = Repairer(rejoin_hyphens=True)
    hyphen = Counter()
    for row in rows:
        hyphen[row["subset"]] += _cer(rejoined.repair(row["ocr"]).text, row["gold"])
    print("\n  line-break hyphens (\"pro- perty\"): kept as printed (default) vs rejoined (rejoin_hyphens=True), CER")
    for subset in sorted(chars):
        print(f"  {subset:22} {after[subset] / chars[subset]:10.4%} {hyphen[subset] / chars[subset]:10.4%}"
              f"  (relative change {(hyphen[subset] - before[subset]) / before[subset]:+.2%})")

    # A team model: built from the gold of half the documents, used on the other half, then swapped.
    # (Evaluation only: the model lives in memory for this run.)
    halves = (rows[0::2], rows[1::2])
    team = Counter()
    for built_from, repaired in (halves, halves[::-1]):
        model = TeamModel.learn(row["gold"] for row in built_from)
        with_model = Repairer(models=[model])
        for row in repaired:
            team[row["subset"]] += _cer(with_model.repair(row["ocr"]).text, row["gold"])
    print("\n  with a team word model built from the gold of the other half of the documents (swapped), CER")
    for subset in sorted(chars):
        print(f"  {subset:22} {before[subset] / chars[subset]:10.4%} -> {team[subset] / chars[subset]:10.4%}"
              f"  (relative change {(team[subset] - before[subset]) / before[subset]:+.2%}; without the model"
              f" {(after[subset] - before[subset]) / before[subset]:+.2%})")


def realword() -> None:
    """The real-word OCR cases (corpora/dev/realword.jsonl), in their own row."""
    cases = []
    for case in load_jsonl(DEV / "realword.jsonl"):
        case["gold"] = gold_from_diff(case["garbled"], case["clean"], case["family"])
        cases.append(case)
    print(f"\nReal-word OCR errors (corpora/dev/realword.jsonl: {len(cases)} cases, "
          f"{sum(len(c['gold']) for c in cases)} gold edits, {sum(not c['gold'] for c in cases)} to leave alone)")
    for label, system in (("profile auto", Repairer()), ("profile ocr", Repairer(profile="ocr"))):
        table = score_dev(repair_system(system), cases)
        tp_p = sum(v[0] for v in table.values())
        n_p = sum(v[1] for v in table.values())
        tp_g = sum(v[2] for v in table.values())
        n_g = sum(v[3] for v in table.values())
        p = tp_p / n_p if n_p else 1.0
        r = tp_g / n_g if n_g else 0.0
        print(f"  {label:14} precision {p:6.3f}  recall {r:6.3f}  F0.5 {f_beta(p, r):6.3f}  edits {n_p:3d}  gold {n_g:3d}")


def synthetic_ocr() -> None:
    """The synthetic OCR pages (corpora/ocr-synthetic.jsonl, see benchmarks.ocr_noise):
    CER before and after, and edits on the same pages as printed, read as OCR.
    Weights may be fitted on these pages (benchmarks.ocr_fit), so this is a
    development figure; ICDAR is the test."""
    pages = load_jsonl(DEV.parent / "ocr-synthetic.jsonl")
    repairer, as_ocr = Repairer(), Repairer(profile="ocr")
    before = after = chars = false = words = 0
    for page in pages:
        before += _cer(page["ocr"], page["gold"])
        after += _cer(repairer.repair(page["ocr"]).text, page["gold"])
        chars += len(page["gold"])
        false += len(as_ocr.repair(page["gold"]).edits)
        words += len(page["gold"].split())
    print(f"\nSynthetic OCR pages (corpora/ocr-synthetic.jsonl: {len(pages)} pages, {words:,} words; development pages, ICDAR is the test)")
    print(f"  CER {before / chars:.4%} -> {after / chars:.4%} ({(after - before) / before:+.2%} relative)")
    print(f"  the same pages as printed, read as OCR: {false} edits = {false / words * 10000:.2f} per 10,000 words")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-fp", action="store_true", help="list every false edit on clean prose")
    parser.add_argument("--no-icdar", action="store_true", help="skip the (slow) ICDAR evaluation")
    parser.add_argument("--no-docs", action="store_true", help="skip the real documentation trees")
    parser.add_argument("--docs-list", type=Path, help="write every changed region of the documentation trees here")
    parser.add_argument(
        "--docs-root", type=Path, default=docs_real.DOCS, help="read the documentation trees (one folder each) from here instead of docs-real"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    lexicon = load_lexicon(DEV / "lexicon.txt")
    repairer = Repairer([lexicon])
    cases = dev_cases()
    n_hand = sum(1 for c in cases if c["id"].startswith("hand"))
    print(f"Development set: {len(cases)} cases ({n_hand} hand-written, {len(cases) - n_hand} synthetic), "
          f"{sum(len(c['gold']) for c in cases)} gold edits; lexicon corpora/dev/lexicon.txt + built-in")
    naive = naive_system(Lexicon.merged([builtin_lexicon(), lexicon]))
    print_dev("repair (default settings)", score_dev(repair_system(repairer), cases))
    for per_document in LONG_DOCUMENT_CASES:
        documents = long_documents(cases, per_document)
        words = sum(len(d["garbled"].split()) for d in documents) // len(documents)
        print_dev(f"repair, the same cases joined {per_document} to a document ({len(documents)} documents of about {words:,} words)",
                  score_dev(repair_system(repairer), documents))
    print_dev("baseline: case-insensitive lexicon replacement", score_dev(naive, cases))
    print_dev("baseline: ftfy alone (style fixes off)", score_dev(ftfy_system, cases))

    print("\nFalse edits on clean, edited prose (corpora/clean; every edit there is false)")
    for part in ("test", "all"):
        texts = clean_texts(part)
        for label, system in (("repair", repair_system(repairer)), ("naive lexicon", naive), ("ftfy alone", ftfy_system)):
            n, words = false_edits(system, texts, args.show_fp and label == "repair" and part == "all")
            where = "test half" if part == "test" else "all"
            print(f"  {where:9} ({words:7d} words)  {label:14} {n:5d} edits = {n / words * 10000:6.2f} per 10,000 words")
    realword()
    synthetic_ocr()
    ftfy_cases(repairer)
    examples()
    if not args.no_docs and args.docs_root.is_dir():
        docs_real.report(docs_real.measure(Repairer(), args.docs_root), args.docs_list, args.docs_root)
    if not args.no_icdar:
        icdar(Repairer())
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
