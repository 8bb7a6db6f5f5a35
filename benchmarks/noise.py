"""Noise generator: garble real prose the way OCR and machine translation do.

Takes paragraphs from the *train* halves of ``corpora/clean`` (openly
licensed; see corpora/README.md) and injects one artifact per case, recording
the gold edit that undoes it (span in the garbled text, the original text,
the family). Deterministic for a given seed, so the committed
``corpora/dev/synthetic.jsonl`` can be rebuilt exactly::

    python -m benchmarks.noise > corpora/dev/synthetic.jsonl

What each family does:

- run-on: delete the space between two lower-case words, or after a full stop
  before a capitalised word.
- entity-case / entity-near-miss / entity-alias: change a dev-lexicon name's
  casing (title-casing a camel-case name, lower-casing an acronym's tail),
  drop, double or swap a letter in it or split it, or replace it by one of
  its known wrong forms.
- garbled-word: one OCR confusion in a common word (m→rn, h→b, l→1, e→c,
  d→cl, o→0), or a hyphen and space breaking a long word.
- random-capital: capitalise a common word mid-sentence.
- punctuation: double a word, add a space inside a bracket or before a comma,
  or turn quote marks the wrong way.
- mojibake: encode a curly quote, dash or accented letter as UTF-8 and decode
  it as Windows-1252.
"""

from __future__ import annotations

import json
import random
import sys

import regex

from .corpus import DEV, clean_texts

sys.path.insert(0, str(DEV.parent.parent / "src"))
from repair.lexicon import Lexicon, parse_lexicon  # noqa: E402
from repair.vocabulary import Vocabulary  # noqa: E402

PER_FAMILY = 60
SEED = 20261124
WORD_RE = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Ll}{3,}(?![\p{L}\p{N}'’-])")
OCR = [("m", "rn"), ("h", "b"), ("l", "1"), ("e", "c"), ("d", "cl"), ("o", "0")]


def paragraphs() -> list[str]:
    out = []
    for text in clean_texts("train").values():
        for para in regex.split(r"\n\s*\n", text):
            para = " ".join(para.split())
            if 120 <= len(para) <= 600:
                out.append(para)
    return out


def edit(text: str, start: int, end: int, new: str, kind: str) -> tuple[str, dict]:
    """Replace text[start:end] by ``new``; the gold edit undoes it."""
    garbled = text[:start] + new + text[end:]
    return garbled, {"start": start, "end": start + len(new), "after": text[start:end], "kind": kind}


class Garbler:
    def __init__(self, rng: random.Random, vocab: Vocabulary, lexicon: Lexicon) -> None:
        self.rng, self.vocab, self.lexicon = rng, vocab, lexicon

    def _words(self, text: str, min_count: int = 1_000_000):
        return [m for m in WORD_RE.finditer(text) if self.vocab.is_common(m.group(), min_count)]

    def run_on(self, text):
        spots = [m for m in regex.finditer(r"(?<=\p{Ll}{3})( )(?=\p{Ll}{2,}\b)", text)]
        rng = self.rng
        if rng.random() < 0.25:
            spots2 = list(regex.finditer(r"(?<=\p{Ll}{2}\.)( )(?=\p{Lu}\p{Ll}+)", text))
            if spots2:
                m = rng.choice(spots2)
                return edit(text, m.start(1), m.end(1), "", "run-on")
        rng.shuffle(spots)
        for m in spots:
            left = regex.search(r"\p{L}+$", text[: m.start()]).group()
            right = regex.match(r"\p{L}+", text[m.end() :]).group()
            if not self.vocab.is_word((left + right).lower()):
                return edit(text, m.start(1), m.end(1), "", "run-on")
        return None

    def _names(self, text):
        found = []
        for canonical in self.lexicon.canonicals:
            for m in regex.finditer(r"(?<![\p{L}\p{N}])" + regex.escape(canonical) + r"(?![\p{L}\p{N}])", text):
                found.append((m, canonical))
        return found

    def entity_case(self, text):
        names = self._names(text)
        if not names:
            return None
        m, name = self.rng.choice(names)
        options = {name.lower(), name.title(), name.upper(), name[:1] + name[1:].lower()}
        options.discard(name)
        if not options:
            return None
        return edit(text, m.start(), m.end(), self.rng.choice(sorted(options)), "entity-case")

    def entity_near_miss(self, text):
        names = [(m, n) for m, n in self._names(text) if len(n) >= 6]
        if not names:
            return None
        m, name = self.rng.choice(names)
        rng = self.rng
        letters = [i for i, ch in enumerate(name) if ch.isalpha() and 0 < i < len(name) - 1]
        i = rng.choice(letters)
        op = rng.choice(["drop", "double", "swap", "split"])
        if op == "drop":
            new = name[:i] + name[i + 1 :]
        elif op == "double":
            new = name[:i] + name[i] + name[i:]
        elif op == "swap":
            new = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        else:
            humps = [j for j in range(1, len(name)) if name[j].isupper() and name[j - 1].islower()]
            if not humps:
                return None
            j = rng.choice(humps)
            new = name[:j] + " " + name[j:]
        if new == name or new.lower() == name.lower():
            return None
        return edit(text, m.start(), m.end(), new, "entity-near-miss")

    def entity_alias(self, text):
        aliases = {}
        for entry in self.lexicon.aliases.values():
            aliases.setdefault(entry.canonical, []).append(entry.alias)
        names = [(m, n) for m, n in self._names(text) if n in aliases]
        if not names:
            return None
        m, name = self.rng.choice(names)
        return edit(text, m.start(), m.end(), self.rng.choice(aliases[name]), "entity-alias")

    def garbled_word(self, text):
        words = [m for m in self._words(text, 300_000) if len(m.group()) >= 4]
        self.rng.shuffle(words)
        if self.rng.random() < 0.2:
            for m in words:
                w = m.group()
                if len(w) >= 8:
                    i = self.rng.randrange(3, len(w) - 3)
                    return edit(text, m.start(), m.end(), w[:i] + "- " + w[i:], "garbled-word")
        for m in words:
            w = m.group()
            pairs = [(a, b) for a, b in OCR if a in w]
            if not pairs:
                continue
            a, b = self.rng.choice(pairs)
            positions = [i for i in range(len(w)) if w.startswith(a, i)]
            i = self.rng.choice(positions)
            new = w[:i] + b + w[i + len(a) :]
            if not self.vocab.is_word(new.replace("1", "l").replace("0", "o")):
                return edit(text, m.start(), m.end(), new, "garbled-word")
        return None

    def random_capital(self, text):
        spots = [m for m in regex.finditer(r"(?<=\p{Ll}[,]? )(\p{Ll}{3,})(?= \p{Ll})", text)]
        spots = [m for m in spots if self.vocab.is_common(m.group(1), 1_000_000)]
        if not spots:
            return None
        m = self.rng.choice(spots)
        w = m.group(1)
        return edit(text, m.start(1), m.end(1), w[0].upper() + w[1:], "random-capital")

    def punctuation(self, text):
        rng = self.rng
        op = rng.choice(["double", "bracket", "comma", "quote"])
        if op == "double":
            m = rng.choice(self._words(text) or [None])
            if m and m.group() not in ("had", "that"):
                return edit(text, m.start(), m.end(), m.group() + " " + m.group(), "punctuation")
        if op == "bracket":
            spots = list(regex.finditer(r"\((?=\p{L})|(?<=\p{L})\)", text))
            if spots:
                m = rng.choice(spots)
                new = "( " if m.group() == "(" else " )"
                return edit(text, m.start(), m.end(), new, "punctuation")
        if op == "quote":
            spots = list(regex.finditer(r"“([^“”]{2,80})”", text))
            if spots:
                m = rng.choice(spots)
                close = m.end() - 1
                new = rng.choice(["“", "»"])
                return edit(text, close, close + 1, new, "punctuation")
        spots = list(regex.finditer(r"(?<=\p{L}),(?= )", text))
        if spots:
            m = rng.choice(spots)
            return edit(text, m.start(), m.end(), " ,", "punctuation")
        return None

    def mojibake(self, text):
        spots = list(regex.finditer(r"[’“”—–éèàçüöäñá]", text))
        if not spots:
            return None
        m = self.rng.choice(spots)
        try:
            bad = m.group().encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            return None
        return edit(text, m.start(), m.end(), bad, "mojibake")


FAMILIES = [
    "run-on", "entity-case", "entity-near-miss", "entity-alias",
    "garbled-word", "random-capital", "punctuation", "mojibake",
]


def generate(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    vocab = Vocabulary()
    lexicon = Lexicon(parse_lexicon((DEV / "lexicon.txt").read_text(encoding="utf-8"), "dev"))
    garbler = Garbler(rng, vocab, lexicon)
    paras = paragraphs()
    cases = []
    for family in FAMILIES:
        method = getattr(garbler, family.replace("-", "_"))
        made, tries = 0, 0
        order = paras[:]
        rng.shuffle(order)
        for para in order:
            if made == PER_FAMILY:
                break
            tries += 1
            out = method(para)
            if out is None:
                continue
            garbled, gold = out
            cases.append({"id": f"{family}-{made:03d}", "family": family, "garbled": garbled, "clean": para, "gold": [gold]})
            made += 1
    return cases


def known_failures(path) -> set[str]:
    """Ids of the cases an existing case file marks ``"expect": "fail"`` (the test
    suite runs them as strict xfails), so that a rebuild keeps the marks."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return set()
    return {row["id"] for row in map(json.loads, filter(None, lines)) if row.get("expect") == "fail"}


if __name__ == "__main__":
    from .corpus import DEV

    failing = known_failures(DEV / "synthetic.jsonl")
    for case in generate():
        if case["id"] in failing:
            case["expect"] = "fail"
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")
