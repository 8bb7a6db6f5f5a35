"""Lexicon tools: learn names from clean articles, check lexicon files, explain a term.

The CLI (``repair lexicon build|check|show``) prints what these return.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex
from editdistpy import damerau_osa

from .casing import shape
from .document import Document
from .model import Token
from .settings import setting
from .lexicon import Entry, Lexicon
from .vocabulary import Vocabulary

MIN_USES = 2
DISTINCTIVE_MIN_USES = 1  # a distinctive multi-word name is learned from this many clean mentions
MAX_NAME_WORDS = 4
COMMON_ZIPF = 4.0  # "Apple", "Target": names that collide with words this frequent get a warning
LINKS = frozenset({"of", "and", "de", "la", "van", "von", "for", "the"})
POSSESSIVES = ("’s", "'s")
# Links no name learned from one mention has: "Asia and Europe" is two names, and
# "Remove a Broken Link for Refheap Plugin" a title-cased line, more often than one name.
SINGLE_BARS = frozenset({"and", "for"})
HYPHENS = frozenset("-\u2010\u2011")  # a hyphen joining a compound's halves ("High-Flyer")
HYPHEN_RE = regex.compile(r"[-\u2010\u2011]")
CAMEL_RE = regex.compile(r"\p{Lu}\p{Ll}+\p{Lu}|\p{Ll}+\p{Lu}")  # "LeCun", "DeepSeek", "iPhone"; not "APIs", "NATO"
TYPO_MIN_LENGTH = 6  # a shorter unknown word one letter from a common one is as often a name ("Yann", "Kong")
COMMON_COUNT = setting("shared", "common-word-count")
VARIANT_LONG = 6  # letters from which two edits, not one, make a near variant of a learned entry


@dataclass(frozen=True)
class Run:
    """A run of capitalised words a document writes: the name it spells, its parts
    ("High-Flyer" is one part), whether it starts mid-sentence, and whether it
    stands in running prose (see :func:`_in_prose`)."""

    name: str
    parts: tuple[str, ...]
    mid_sentence: bool
    in_prose: bool = False


def learn_names(
    texts: Corpus,
    vocab: Vocabulary,
    min_uses: int = MIN_USES,
    distinctive_uses: int = DISTINCTIVE_MIN_USES,
) -> list[str]:
    """Canonical forms a team's own clean articles use consistently.

    Camel-case brands ("QuantaFlow"), acronyms ("NATO") and multi-word names
    in title case ("Blue Origin", "Bank of England") written at least
    ``min_uses`` times, never in another casing, and not at the start of a
    sentence only. A distinctive multi-word name (see :func:`distinctive`:
    "High-Flyer Capital Management", "Yann LeCun") needs only
    ``distinctive_uses`` mentions mid-sentence: an article names a company
    once, and its name is no less a name for that.

    ``texts``: plain texts, ``(text, markup)`` pairs or :func:`documents`; with
    markup, code, link targets and front matter are skipped.
    """
    forms: Counter[str] = Counter()
    casings: dict[str, set[str]] = defaultdict(set)
    mid_sentence: Counter[str] = Counter()
    single: dict[str, tuple[str, ...]] = {}  # distinctive names seen mid-sentence, with their parts
    lowered: list[tuple[str, str]] = []
    for item in texts:
        doc = _document(item)
        lowered.append((doc.text, doc.text.lower()))
        for token in doc.tokens:
            if token.is_word and token.text.isalpha():
                casings[token.text.lower()].add(token.text)
        for run in _runs(doc):
            forms[run.name] += 1
            if run.mid_sentence:
                mid_sentence[run.name] += 1
                if run.in_prose and len(run.parts) >= 2 and not SINGLE_BARS & set(run.parts) and distinctive(run.parts, vocab):
                    single[run.name] = run.parts
    spellings: dict[str, set[str]] = defaultdict(set)
    for name in forms:
        spellings[_folded(name)].add(name)
    learned = []
    for name, uses in forms.items():
        if uses < min_uses:
            parts = single.get(name)
            if parts is None or mid_sentence[name] < distinctive_uses or len(spellings[_folded(name)]) > 1:
                continue  # "Eduardo Bouças" beside "Eduardo Boucas", "David Burela" beside "DavidBurela"
            if not _consistent(name, parts, casings, lowered, vocab):
                continue
            learned.append(name)
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


def distinctive(parts: Sequence[str], vocab: Vocabulary) -> bool:
    """True when a capitalised run of ``parts`` cannot be English capitalised for show.

    Title case turns any phrase into a run of capitals ("In The Morning",
    "Page Bundles", "United States"), so the capitals alone prove little
    from one mention. A run is distinctive when one of its parts is no
    English word written with a capital:

    - camel case ("LeCun", "DeepSeek"): English words have no inner capitals;
    - a word no English word list holds in lower case ("Andreessen", "Kong"),
      unless it is a long word one letter from a common one ("Materal"): a slip;
    - a compound of capitalised halves that English does not pair ("High-Flyer";
      not "Server-Side", "Built-In", "Real-Time", whose halves are a common bigram).

    Names made only of English words ("United States", "Silicon Valley",
    "New York": "york" is a verb in the lists) are learned when they recur,
    as before; the built-in lexicon has the famous ones anyway.

    >>> from repair.resources import Resources; from repair.lexicon import Lexicon
    >>> vocab = Resources(lexicon=Lexicon()).vocabulary
    >>> [distinctive(p, vocab) for p in (("High-Flyer", "Capital"), ("Server-Side", "Rendering"), ("In", "The", "Morning"))]
    [True, False, False]
    """
    return any(_name_like(part, vocab) for part in parts)


def _name_like(part: str, vocab: Vocabulary) -> bool:
    halves = HYPHEN_RE.split(part)
    if len(halves) > 1:
        if not all(h[:1].isupper() and h.isalpha() and len(h) >= 2 for h in halves):
            return False
        lows = [h.lower() for h in halves]
        return any(not vocab.is_bigram(a, b) for a, b in zip(lows, lows[1:])) or any(_name_like(h, vocab) for h in halves)
    if not part.isalpha() or len(part) < 2:
        return False
    if CAMEL_RE.match(part):
        return True
    lower = part.lower()
    return shape(part) == "title" and not vocab.in_word_lists(lower) and not _typo(lower, vocab)


def _typo(lower: str, vocab: Vocabulary) -> bool:
    """True when ``lower``, a word no list holds, is one letter from a common word
    ("materal"): more likely a slip than a name, in a long word."""
    if len(lower) < TYPO_MIN_LENGTH:
        return False
    deletes = vocab.common_deletes(COMMON_COUNT)
    return lower in deletes or any(lower[:i] + lower[i + 1 :] in deletes for i in range(len(lower)))


def _consistent(name: str, parts: Sequence[str], casings: dict[str, set[str]], lowered: list[tuple[str, str]], vocab: Vocabulary) -> bool:
    """True when the corpus writes ``name``, and each of its name-like parts, one way only.

    "High-Flyer Capital Management" once, and "high-flyer" elsewhere, is a
    phrase the team does not treat as a name; common words of the name
    ("Capital", "capital markets") may have other casings.
    """
    for part in parts:
        if not _name_like(part, vocab):
            continue
        if part.isalpha():
            if len(casings[part.lower()]) > 1:
                return False
        elif not _written_one_way(part, lowered):
            return False
    return _written_one_way(name, lowered)


def _folded(name: str) -> str:
    """``name`` without case, accents, spaces or hyphens: its spellings' common key."""
    bare = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in bare if ch.isalnum())


def _written_one_way(form: str, lowered: list[tuple[str, str]]) -> bool:
    """True when every whole-word occurrence of ``form``, ignoring case, is written ``form``."""
    needle = form.lower()
    for text, lower in lowered:
        pos = lower.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            bounded = (pos == 0 or not lower[pos - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum())
            if bounded and text[pos:end] != form:
                return False
            pos = lower.find(needle, pos + 1)
    return True


Corpus = Iterable["str | tuple[str, str] | Document"]  # texts, (text, markup) pairs, or documents read once


def documents(texts: Iterable[tuple[str, str]]) -> list[Document]:
    """``(text, markup)`` pairs read once, for the learners to share."""
    return [_document(item) for item in texts]


def _document(item: str | tuple[str, str] | Document) -> Document:
    """A text (or a ``(text, markup)`` pair) as a Document whose code and links are protected."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(item)
    from .markup import regions

    text, markup = item
    return Document(text, regions(text, markup))


def drop_near_variants(entries: Iterable[str], texts: Corpus, vocab: Vocabulary) -> list[str]:
    """``entries`` the corpus never writes in another spelling one or two letters away.

    A lexicon entry says its near variants are misspellings: repair will fix
    "TextDecoder" to a learned "TextEncoder", "Clauss" to a learned handle
    "cclauss", "Digital Ocean" to "DigitalOcean". Clean text that writes
    both knows they are different words, so such an entry is not learned.
    English words alone are not variants ("opened" beside "OpenAI"): repair
    does not fix a word to a name; capitalised words in a row are ("Side
    Effects" beside "sideEffects"). Spellings are compared without case, spaces or hyphens; a key of fewer
    than ``VARIANT_LONG`` letters allows one edit, a longer one two.
    """
    forms: set[str] = set()
    for item in texts:
        doc = _document(item)
        for token in doc.words():
            word = _bare(token.text)  # "DavidBurela's" is "DavidBurela"
            if word.isalpha() and not vocab.in_word_lists(word.lower()) and not doc.is_protected(token.start, token.end):
                forms.add(word)
        forms.update(run.name for run in _runs(doc) if len(run.parts) > 1)
        forms.update(_capitalised_windows(doc))
    by_first: dict[str, set[str]] = defaultdict(set)
    spelt: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        key = _folded(form)
        if key:
            by_first[key[0]].add(key)
            spelt[key].add(form.casefold())
    kept = []
    for entry in entries:
        key = _folded(entry)
        if not key:
            continue
        if spelt[key] - {entry.casefold()}:
            continue  # "Digital Ocean" beside "DigitalOcean"
        limit = 1 if len(key) < VARIANT_LONG else 2
        if any(other != key and abs(len(other) - len(key)) <= limit and damerau_osa.distance(key, other, limit) > 0 for other in by_first[key[0]]):
            continue
        kept.append(entry)
    return kept


def _capitalised_windows(doc: Document) -> Iterator[str]:
    """Every two and three capitalised words in a row, headings included ("Side Effects",
    "Chunk Filenames"): the windows near-miss repair compares with names."""
    tokens, text = doc.tokens, doc.text
    words = [t for t in tokens if t.is_word and t.text[:1].isupper() and t.text.isalpha() and not doc.is_protected(t.start, t.end)]
    for i, first in enumerate(words):
        window = [first]
        for nxt in words[i + 1 : i + 3]:
            if nxt.index != window[-1].index + 1 or text[window[-1].end : nxt.start] != " ":
                break
            window.append(nxt)
            yield " ".join(t.text for t in window)


WORD_MIN_LENGTH = 4  # shorter unknown words are too often fragments ("std", "env")


def learn_words(texts: Corpus, vocab: Vocabulary, min_uses: int = MIN_USES) -> list[str]:
    """Lower-case words a repository's prose keeps using that no word list knows
    ("nextra", "webserver", "frontmatter"), from ``(text, markup)`` pairs.

    Written into a lexicon as plain lower-case entries, they are known words:
    never split, never "corrected" to a common word one letter away, and a
    lower-case entry never lowercases a capitalised word. Kept in a file, so
    that what repair knows does not depend on which files one run reads
    (pre-commit splits a repository across processes). Only prose counts:
    code, link targets and front matter are skipped.

    A word the prose also writes with capitals a sentence start does not
    explain ("MkDocs", "RubyGems", or "Mkdocs" mid-sentence) is a name the
    team sometimes writes in lower case, in commands and package names: a
    lower-case entry for it would be read as its canonical casing, and
    every "MkDocs" would be lowercased. It is not learned; nor is a word the
    prose also writes as two ("frontmatter" beside "Front Matter"), which
    would make the two-word form a misspelling.
    """
    uses: Counter[str] = Counter()
    other_ways: set[str] = set()  # capitalised, or split in two ("Front Matter", "data files")
    for item in texts:
        doc = _document(item)
        previous = None
        for token in doc.words():
            word = token.text
            if previous is not None and doc.text[previous.end : token.start] in (" ", "-"):
                other_ways.add((previous.text + word).lower())
            previous = token
            if len(word) < WORD_MIN_LENGTH or not word.isalpha() or doc.is_protected(token.start, token.end):
                continue
            if word.islower():
                uses[word] += 1
            elif shape(word) != "title" or not doc.is_sentence_start(token):
                other_ways.add(word.lower())
    return sorted(w for w, n in uses.items() if n >= min_uses and w not in other_ways and not vocab.knows(w))


def _runs(doc: Document) -> Iterator[Run]:
    """The document's name candidates, outside protected text and headings: camel-case
    and capitalised words of two letters or more alone ("QuantaFlow", "NATO"), and runs
    of capitalised words ("Blue Origin", "Bank of England", "High-Flyer Capital
    Management", "Yann LeCun"; a possessive ends a run and is left out).

    A run starts with a word in title case; it goes on through title-case and
    camel-case words, compounds of capitalised halves, and linking words
    ("of", "and") between them.
    """
    tokens = doc.tokens
    n = len(tokens)
    i = 0
    while i < n:
        token = tokens[i]
        if not token.is_word or not token.text.isalpha() or doc.is_protected(token.start, token.end):
            i += 1
            continue
        kind = shape(token.text)
        if kind in ("mixed", "upper") and len(token.text) >= 2 and not doc.in_heading(token.start) and not doc.in_capitals(token.start):
            yield Run(token.text, (token.text,), not doc.is_sentence_start(token))
            i += 1
            continue
        if kind != "title":
            i += 1
            continue
        parts: list[str] = []
        j = i  # the index of the run's last token so far
        k = _part(doc, i, parts)
        while k is not None and len(parts) < MAX_NAME_WORDS * 2:
            j = k
            if parts[-1].endswith(POSSESSIVES) or k + 1 >= n or doc.text[tokens[k].end : tokens[k + 1].start] != " ":
                break
            nxt = tokens[k + 1]
            if nxt.text in LINKS and k + 2 < n and doc.text[nxt.end : tokens[k + 2].start] == " " and _part(doc, k + 2, []) is not None:
                parts.append(nxt.text)
                k = _part(doc, k + 2, parts)
            else:
                k = _part(doc, k + 1, parts)
        if parts and parts[-1].endswith(POSSESSIVES):
            parts[-1] = _bare(parts[-1])
        if len(parts) >= 2 and parts[-1] not in LINKS and not doc.in_heading(token.start) and not doc.in_capitals(token.start):
            if not doc.is_protected(token.start, tokens[j].end):
                yield Run(" ".join(parts), tuple(parts), not doc.is_sentence_start(token), _in_prose(doc, token))
        for inner in tokens[i + 1 : j + 1]:  # "LeCun" of "Yann LeCun" is a name of its own too
            if inner.is_word and inner.text.isalpha() and shape(inner.text) == "mixed":
                yield Run(inner.text, (inner.text,), True)
        i = j + 1


def _in_prose(doc: Document, token: Token) -> bool:
    """True when ``token`` follows a lower-case word, or a word and a comma, on its line:
    running prose, where only a name explains a capital. Not after emphasis marks,
    brackets, colons or table bars ("__On February 1", "| Page Bundles |"), nor
    after part of a dotted name ("Node.js Applications")."""
    tokens, text = doc.tokens, doc.text
    i = token.index - 1
    if i < 0 or "\n" in text[tokens[i].end : token.start]:
        return False
    prev = tokens[i]
    if prev.text == "," and i > 0 and tokens[i - 1].is_word and prev.start == tokens[i - 1].end:
        return True  # "Comparatively, Yann LeCun"; "Aaron Adams, Aaron K Redshaw"
    if not (prev.is_word and prev.text.isalpha() and prev.text.islower()):
        return False
    return prev.start == 0 or text[prev.start - 1].isspace() or text[prev.start - 1] in HYPHENS  # "Kong-based High-Flyer"


def _part(doc: Document, i: int, parts: list[str]) -> int | None:
    """Read one part of a run at token ``i`` into ``parts``: a word in title or camel
    case, or a compound of such halves joined by hyphens. The index of its last
    token, or None (and ``parts`` untouched) when token ``i`` starts no part."""
    tokens = doc.tokens
    n = len(tokens)
    if i >= n or not _capital_word(tokens[i].text):
        return None
    text, j = tokens[i].text, i
    while j + 2 < n and tokens[j + 1].text in HYPHENS and tokens[j].end == tokens[j + 1].start and tokens[j + 1].end == tokens[j + 2].start:
        if not _capital_word(tokens[j + 2].text):
            if len(text) == len(tokens[i].text):
                break  # "Kong-based": the word is a part; the compound is not
            return None  # "High-Flyer-based": no part of a name
        text += tokens[j + 1].text + tokens[j + 2].text
        j += 2
    parts.append(text)
    return j


def _bare(word: str) -> str:
    """``word`` without a possessive ending."""
    return next((word[: -len(p)] for p in POSSESSIVES if word.endswith(p)), word)


def _capital_word(text: str) -> bool:
    bare = _bare(text)
    return bare.isalpha() and shape(bare) in ("title", "mixed") and bare[:1].isupper()


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
