"""Lexicon tools: learn names from clean articles, check lexicon files, explain a term.

The CLI (``repair lexicon build|check|show``) prints what these return.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .casing import shape
from .document import Document
from .lexicon import Entry, Lexicon
from .vocabulary import Vocabulary

MIN_USES = 2
MAX_NAME_WORDS = 4
COMMON_ZIPF = 4.0  # "Apple", "Target": names that collide with words this frequent get a warning
LINKS = frozenset({"of", "and", "de", "la", "van", "von", "for", "the"})


def learn_names(texts: Iterable[str], vocab: Vocabulary, min_uses: int = MIN_USES) -> list[str]:
    """Canonical forms a team's own clean articles use consistently.

    Camel-case brands ("QuantaFlow"), acronyms ("NATO") and multi-word names
    in title case ("Blue Origin", "Bank of England") written at least
    ``min_uses`` times, never in another casing, and not at the start of a
    sentence only.
    """
    forms: Counter[str] = Counter()
    casings: dict[str, set[str]] = defaultdict(set)
    mid_sentence: Counter[str] = Counter()
    for text in texts:
        doc = Document(text)
        for token in doc.tokens:
            if token.is_word and token.text.isalpha():
                casings[token.text.lower()].add(token.text)
        for name, start_token in _candidates(doc):
            forms[name] += 1
            if not doc.is_sentence_start(start_token):
                mid_sentence[name] += 1
    learned = []
    for name, uses in forms.items():
        if uses < min_uses:
            continue
        if " " in name and not mid_sentence[name]:
            continue  # "Blue Origin" only at sentence starts may be any two capitalised words
        words = name.split()
        if any(len(casings[w.lower()]) > 1 and w.lower() not in LINKS for w in words if w.isalpha()):
            continue  # written in another casing somewhere: not consistent
        if len(words) == 1 and (vocab.is_word(name.lower()) or vocab.is_rare_word(name.lower())):
            continue
        learned.append(name)
    return sorted(learned, key=lambda s: (s.casefold(), s))


WORD_MIN_LENGTH = 4  # shorter unknown words are too often fragments ("std", "env")


def learn_words(texts: Iterable[tuple[str, str]], vocab: Vocabulary, min_uses: int = MIN_USES) -> list[str]:
    """Lower-case words a repository's prose keeps using that no word list knows
    ("nextra", "webserver", "frontmatter"), from ``(text, markup)`` pairs.

    Written into a lexicon as plain lower-case entries, they are known words:
    never split, never "corrected" to a common word one letter away, and a
    lower-case entry never lowercases a capitalised word. Kept in a file, so
    that what repair knows does not depend on which files one run reads
    (pre-commit splits a repository across processes). Only prose counts:
    code, link targets and front matter are skipped.
    """
    from .markup import regions

    uses: Counter[str] = Counter()
    for text, markup in texts:
        doc = Document(text, regions(text, markup))
        for token in doc.words():
            word = token.text
            if len(word) >= WORD_MIN_LENGTH and word.isalpha() and word.islower() and not doc.is_protected(token.start, token.end):
                uses[word] += 1
    return sorted(w for w, n in uses.items() if n >= min_uses and not vocab.knows(w))


def _candidates(doc: Document):
    tokens = doc.tokens
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = shape(token.text) if token.is_word and token.text.isalpha() else None
        if kind in ("mixed", "upper") and len(token.text) >= 2 and not doc.in_heading(token.start) and not doc.in_capitals(token.start):
            yield token.text, token
            i += 1
            continue
        if kind == "title":
            j, words = i, [token.text]
            while j + 2 < len(tokens) + 1 and len(words) < MAX_NAME_WORDS * 2:
                nxt = tokens[j + 1] if j + 1 < len(tokens) else None
                if nxt is None or doc.text[tokens[j].end : nxt.start] != " " or not nxt.is_word:
                    break
                if shape(nxt.text) == "title" or (nxt.text in LINKS and j + 2 < len(tokens) and shape(tokens[j + 2].text) == "title"):
                    words.append(nxt.text)
                    j += 1
                    continue
                break
            if len(words) >= 2 and words[-1] not in LINKS and not doc.in_heading(token.start):
                yield " ".join(words), token
            i = j + 1
            continue
        i += 1


@dataclass(frozen=True)
class Problem:
    level: str  # "error" or "warning"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


def check_lexicon(entries: list[Entry], vocab: Vocabulary) -> list[Problem]:
    """Duplicates, conflicting casings, alias cycles, and names that are common words."""
    problems: list[Problem] = []
    canonical_at: dict[str, str] = {}
    by_lower: dict[str, list[Entry]] = defaultdict(list)
    alias_at: dict[str, Entry] = {}
    entries = [e for e in entries if e.tier != "never"]  # never-touch forms name nothing to check
    for entry in entries:
        if entry.alias is None:
            if entry.canonical in canonical_at:
                problems.append(Problem("error", entry.source, f"duplicate of {entry.canonical!r} ({canonical_at[entry.canonical]})"))
                continue
            canonical_at[entry.canonical] = entry.source
            by_lower[entry.canonical.lower()].append(entry)
        else:
            key = entry.alias.lower()
            if key in alias_at and alias_at[key].canonical != entry.canonical:
                other = alias_at[key]
                problems.append(Problem("error", entry.source, f"wrong form {entry.alias!r} points to {entry.canonical!r} here and to {other.canonical!r} at {other.source}"))
            alias_at[key] = entry
    for lower, group in by_lower.items():
        if len(group) > 1:
            forms = ", ".join(f"{e.canonical!r} ({e.source})" for e in group)
            problems.append(Problem("warning", group[1].source, f"conflicting casings: {forms}"))
    canonical_lower = set(by_lower)
    for entry in alias_at.values():
        if entry.alias.lower() == entry.canonical.lower():
            problems.append(Problem("warning", entry.source, f"wrong form {entry.alias!r} differs from {entry.canonical!r} only in case; a canonical entry already fixes case"))
        if entry.alias.lower() in canonical_lower:
            problems.append(Problem("error", entry.source, f"wrong form {entry.alias!r} is also a canonical name"))
        if entry.alias.lower() == entry.canonical.lower():
            continue
        seen, target = {entry.alias.lower()}, entry.canonical.lower()
        while target in alias_at:
            if target in seen:
                problems.append(Problem("error", entry.source, f"alias cycle through {entry.alias!r}"))
                break
            seen.add(target)
            target = alias_at[target].canonical.lower()
    for entry in entries:
        if entry.alias is None and " " not in entry.canonical:
            lower = entry.canonical.lower()
            count = vocab.count(lower)
            if count and vocab.zipf(lower) >= COMMON_ZIPF:
                problems.append(
                    Problem("warning", entry.source, f"{entry.canonical!r} is also the common word {lower!r} ({count:,} uses in the frequency dictionary); it will be fixed only with context")
                )
    return sorted(problems, key=lambda p: p.where)


def describe(term: str, lexicon: Lexicon) -> list[str]:
    """Everything ``lexicon`` knows about ``term`` (any case), one line each."""
    lower = term.lower()
    lines = [f"{form}: never touched" for form in sorted(lexicon.never) if form.lower() == lower]
    for entry in lexicon.canonicals.values():
        if entry.canonical.lower() == lower:
            lines.append(f"{entry.canonical}: canonical name ({entry.tier}) from {entry.source}")
    for entry in lexicon.aliases.values():
        if entry.alias.lower() == lower:
            lines.append(f"{entry.alias}: wrong form of {entry.canonical!r} from {entry.source}")
        elif entry.canonical.lower() == lower:
            lines.append(f"{entry.canonical}: has the wrong form {entry.alias!r} ({entry.source})")
    return lines
