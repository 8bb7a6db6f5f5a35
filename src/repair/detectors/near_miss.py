"""Near-miss entities: "Blue Origine" → "Blue Origin", "High-Fly Flyer" → "High-Flyer".

Windows of capitalised words are compared with lexicon names on their letters
alone (so split, merged and re-hyphenated forms compare equal) by edit
distance. Real names are often close to other names, so the evidence that
counts is a small distance on a long name, words of the window that are not
English, and the name's other words matching exactly. Names of the large
built-in lists (companies, places) are matched only under strict conditions
(see ``LISTED_MIN_COMPACT``).
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

import regex
from editdistpy import damerau_osa

from ..casing import shape
from ..document import TOKEN_RE
from ..fast_re import Twin
from ..lexicon import Entry, FuzzyIndex, compact_key, token_key
from ..markup import merge
from ..model import Candidate, Family, Suspect, Token
from ..resources import Resources
from ..settings import setting
from ..vocabulary import Vocabulary
from .base import Context, Gate, Listing, Part
from .evidence import RECURRING_MIN, in_identifier
from .matching import lexicon_matches, name_index, strip_possessive
from .name_evidence import after_given_name, in_people_list, mentioned_beside, names_edited, recurs

family = Family.ENTITY_NEAR_MISS
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
context_features: dict = {}

MAX_WINDOW = setting("entity-near-miss", "max-window")
OPENER_ZIPF = setting("shared", "opener-zipf")
MIN_COMPACT = setting("entity-near-miss", "min-compact")
# The large lists' names (companies, places: see Entry.tier) are matched only
# one letter off, on a long word that is no word or name in any list, written
# once, and the name must be one the frequency list knows (a place, well).
# Unlisted real names are too often one letter from one of 30,000 places
# ("Tambora", "Tabora") or 1,600 companies; the misspellings of famous ones
# are what readers meet.
LISTED_MIN_COMPACT = setting("entity-near-miss", "listed-min-compact")
LISTED_MIN_ZIPF = {"case": setting("entity-near-miss", "listed-min-zipf-case"), "protect": setting("entity-near-miss", "listed-min-zipf-protect")}
DISTANCE_1_MAX = setting("entity-near-miss", "distance-1-max")
DISTANCE_2_MAX = setting("entity-near-miss", "distance-2-max")
VOWELS = frozenset("aeiouy")
JOINERS = frozenset({"-", "&"})
# A list's separator: what stands between a name and the next item on its line ("Sqlite, Mysql").
LIST_SEP = r"[ \t]*(?:[,/;&]|\band\b|\bor\b)[ \t]*"


def allowed_distance(length: int) -> int:
    return 1 if length <= DISTANCE_1_MAX else 2 if length <= DISTANCE_2_MAX else 3


def _capital_runs(ctx: Context) -> Iterator[list[Token]]:
    """Maximal runs of capitalised words joined by single spaces or hyphens."""
    doc = ctx.doc
    run: list[Token] = []
    for token in doc.tokens:
        if token.is_word and token.text[0].isupper():
            if run and not _joined(doc.text, run[-1], token):
                yield run
                run = []
            run.append(token)
        elif token.text in JOINERS and run and token.start == run[-1].end:
            continue
        elif run:
            yield run
            run = []
    if run:
        yield run


def _joined(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "-", "&", " & ", "")


def is_stutter(seen: str, canonical: str) -> bool:
    """True when ``seen`` is ``canonical`` with a piece said twice ("highflyflyer").

    >>> is_stutter("highflyflyer", "highflyer")
    True
    """
    extra = len(seen) - len(canonical)
    if extra < 2:
        return False
    for i in range(len(seen) - 2 * extra + 1):
        if seen[i : i + extra] == seen[i + extra : i + 2 * extra] and seen[:i] + seen[i + extra :] == canonical:
            return True
    return False


def _legit_variant(seen: str, canonical: str) -> bool:
    """Forms a careful writer uses on purpose: the plural of a name ("the
    Bingleys"), a name with its version ("Python3") and a hyphenated name
    used as a modifier ("an Art-Nouveau chair")."""
    seen_l, canonical_l = seen.lower(), canonical.lower()
    if seen_l in (canonical_l + "s", canonical_l + "es") or seen_l.rstrip("0123456789") == canonical_l:
        return True
    return "-" in seen and seen_l.replace("-", " ") == canonical_l


def _holds_words(seen: str, canonical: str) -> bool:
    """True when ``seen`` holds all of ``canonical``'s tokens in a row, ignoring case.

    Its extra letters are then whole words beside the name ("Deepseek R1",
    "Microsoft X"): the name is there to be recased, and the words are not
    part of it. A piece said twice inside a name is not a whole token of its
    own ("High-Fly Flyer").
    """
    name, window = token_key(canonical), token_key(seen)
    return any(window[i : i + len(name)] == name for i in range(len(window) - len(name) + 1))


def warm_up(resources: Resources) -> None:
    """Build the large lists' fuzzy index now (before forking workers)."""
    listed_index(resources)


def listed_index(resources: Resources) -> FuzzyIndex:
    """The large lists' names that may be matched as near misses: those the
    frequency list knows (see ``LISTED_MIN_ZIPF``); built once per resources."""

    def build() -> FuzzyIndex:
        vocab = resources.vocabulary
        floors = {tier: vocab.count_at_zipf(zipf) for tier, zipf in LISTED_MIN_ZIPF.items()}
        entries = list(resources.lexicon.canonicals.values())
        counts = vocab.counts_of(map(str.lower, map(attrgetter("canonical"), entries)))
        return FuzzyIndex(e for e, n in zip(entries, counts) if e.tier in floors and n >= floors[e.tier])

    return resources.shared("near_miss_listed", build)


def _near_keys(pool: list[tuple[str, Entry]], compact: str, limit: int) -> list[tuple[str, Entry, int]]:
    """The keys of ``pool`` within ``limit`` edits of ``compact``, each with its entry and distance."""
    near = []
    for key, entry in pool:
        distance = damerau_osa.distance(compact, key, limit)
        if distance >= 0:
            near.append((key, entry, distance))
    return near


def _may_be_misspelt(vocab: Vocabulary, word: str) -> bool:
    """A capitalised word (not in capitals, not camel case) that no word list knows in any case."""
    return shape(word) == "title" and not vocab.knows(word)


def _whole_name(ctx: Context, run: list[Token], i: int, j: int) -> bool:
    """True when the window ``run[i:j]`` is the whole name its run of capitalised words
    spells, but for a common word opening a sentence ("In Philadephia"): a large list's
    name one letter from part of a longer name ("Ben Rubinson", "Malathi Sharma",
    "the Apache Software Foundation") is that other name, not a slip."""
    vocab = ctx.vocab
    outside = run[:i] + run[j:]
    return all(t is run[0] and vocab.zipf(t.text.lower()) >= OPENER_ZIPF for t in outside)


DERIVING_SUFFIXES = ("s", "es", "er", "ers", "ist", "ists", "ism", "ish", "ian", "ians")


def _listed_beside(doc, start: int, end: int, canonical: str) -> bool:
    """True when the name ``canonical`` (in any case) is the next or the previous item of a
    list ``text[start:end]`` stands in: a comma, slash, semicolon, "&", "and" or "or" apart
    on the same line. A writer who lists "Mysql, Mssql" names two things; bending the
    second to the first makes the list say one of them twice."""
    text, name = doc.text, regex.escape(canonical)
    line_start, line_end = doc.line_span(start)
    before = regex.compile(r"(?i)(?<![\p{L}\p{N}])" + name + LIST_SEP + r"$")
    after = regex.compile(r"(?i)" + LIST_SEP + name + r"(?![\p{L}\p{N}])")
    reach = len(canonical) + 8
    return bool(before.search(text, max(line_start, start - reach), start) or after.match(text, end, min(line_end, end + reach)))


def _in_constant(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of an identifier: glued by an underscore to
    more letters or digits, or an all-capitals part glued by a hyphen ("NODEJS-ORG-MIRROR").
    (A hyphen after a name in prose is a compound: "Nodejs-based" may still be fixed.)"""
    if not in_identifier(text, start, end):
        return False
    glued_by_underscore = (start and text[start - 1] == "_") or (end < len(text) and text[end] == "_")
    return bool(glued_by_underscore) or text[start:end].isupper()


def _derived(seen: str, canonical: str) -> bool:
    """True when ``seen`` is the first word of ``canonical`` (a name of several words) with a
    suffix English derives words by ("Noders" from "Node.js", "Rubyists" from "Ruby on Rails")."""
    words = token_key(canonical)
    if len(words) < 2:
        return False
    first, lower = words[0], seen.lower()
    if first.endswith("e") and lower.startswith(first[:-1]) and lower[len(first) - 1 :] in DERIVING_SUFFIXES:
        return True  # "Noders": the name's final "e" merges with the suffix's
    return lower.startswith(first) and lower[len(first) :] in DERIVING_SUFFIXES


def _another_acronym(seen: str, canonical: str) -> bool:
    """True when ``seen`` is an acronym in capitals that holds the acronym ``canonical`` and
    more ("JSONC", "JSONP" beside "JSON"): one more letter makes another acronym."""
    compact = seen.replace(" ", "")
    return compact.isupper() and canonical.isupper() and canonical in compact and compact != canonical


def _listed_misspelling(ctx: Context, seen: str, compact: str, key: str, entry: Entry) -> bool:
    """Whether ``seen`` (one letter from ``key``, a large list's name) is that name misspelt.

    Accents the name lacks mean a foreign spelling ("Siméon"), not a slip; so
    does another final vowel (languages end names their own way: "Alexandre",
    "Alexandra"; "Trente", "Trento") and a name that is ``seen`` plus "s"
    ("Phillip", "Phillips"); a form the text repeats is a name of its own.
    """
    if key == compact + "s" or any(ch not in key for ch in compact if not ch.isascii()):
        return False
    if len(key) == len(compact) and key[:-1] == compact[:-1] and key[-1] in VOWELS and compact[-1] in VOWELS:
        return False
    if abs(len(key) - len(compact)) == 1 and (key[:-1] == compact or compact[:-1] == key) and max(key, compact, key=len)[-1] in VOWELS:
        return False  # "Alexandr" beside "Alexandra": a final vowel dropped or added is another language's form
    return ctx.doc.count_phrase(seen) == 1


def _keys_near(resources: Resources, compact: str, words: list[str]) -> tuple[list, list]:
    """The lexicon keys near a window's ``compact`` key (``words``: its words): full-tier
    ones, and the large lists' ones when the window may be one of their names misspelt.

    Both depend on the letters alone, so they are remembered across documents
    (and between the screen, which asks about each run of capitals, and this detector).
    """
    remembered = resources.memo("near_miss")
    near = remembered.get(compact)
    if near is None:
        limit = allowed_distance(len(compact))
        near = remembered[compact] = _near_keys(resources.lexicon.fuzzy_pool(compact, limit), compact, limit)
    if len(compact) < LISTED_MIN_COMPACT:
        return near, []
    misspelt = resources.memo("near_miss_misspelt")  # a word is in many windows
    for word in words:
        hit = misspelt.get(word)
        if hit is None:
            hit = misspelt[word] = _may_be_misspelt(resources.vocabulary, word)
        if not hit:
            return near, []
    remembered = resources.memo("near_miss_listed")
    listed = remembered.get(compact)
    if listed is None:
        listed = remembered[compact] = _near_keys(listed_index(resources).pool(compact, 1), compact, 1)
    return near, listed


def may_flag(resources: Resources, run: str) -> bool:
    """False when :func:`detect`, reading ``run`` (capitalised words) alone, cannot flag it.

    Every window of its capitalised words is looked up, even across breaks
    :func:`detect` would make (so this answers True at least as often); no
    document is built. The answer depends on the letters alone: it is
    remembered, and :func:`detect` asks it first of each run it reads.
    """
    remembered = resources.memo("near_miss_runs")
    hit = remembered.get(run)
    if hit is None:
        hit = remembered[run] = _may_flag(resources, run)
    return hit


def _may_flag(resources: Resources, run: str) -> bool:
    if run.isalpha():  # one word, most runs: the one window is the run itself
        compact = compact_key(run)
        return len(compact) >= MIN_COMPACT and any(_keys_near(resources, compact, [run]))
    words = [m for m in TOKEN_RE.finditer(run) if m.group()[0].isupper()]
    texts = [m.group() for m in words]
    stops = [m.start() + len(strip_possessive(word)) for m, word in zip(words, texts)]  # a window ends before "'s"
    for i, first in enumerate(words):
        start = first.start()
        for j in range(i + 1, min(len(words), i + MAX_WINDOW) + 1):
            compact = compact_key(run[start : stops[j - 1]])
            if len(compact) >= MIN_COMPACT and any(_keys_near(resources, compact, texts[i:j])):
                return True
    return False


def detect(ctx: Context) -> Iterator[Suspect]:
    doc, lexicon, vocab = ctx.doc, ctx.lexicon, ctx.vocab
    if not lexicon.canonicals:
        return
    matches = lexicon_matches(ctx)
    exact = {(m.start, m.end) for m in matches}
    covered = name_index(ctx, canonical_only=True)
    for run in _capital_runs(ctx):
        if not may_flag(ctx.resources, doc.text[run[0].start : run[-1].end]):
            continue  # no window of it is near a name: the windows below would find nothing
        best = None
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + MAX_WINDOW) + 1):
                last = run[j - 1]
                start, end = run[i].start, last.start + len(strip_possessive(last.text))
                if (start, end) in exact or doc.is_protected(start, end):
                    continue
                if covered.holding(start, end):
                    continue  # a correct name (or its case fix) already explains it
                seen = doc.text[start:end]
                compact = compact_key(seen)
                if len(compact) < MIN_COMPACT:
                    continue
                near, listed = _keys_near(ctx.resources, compact, [t.text for t in run[i:j]])
                if listed and _whole_name(ctx, run, i, j):
                    near = near + [n for n in listed if _listed_misspelling(ctx, seen, compact, *n[:2])]
                for key, entry, distance in near:
                    if entry.canonical == seen:
                        continue
                    if distance == 0 and seen.lower() == entry.canonical.lower():
                        continue  # a pure case difference is entity-case's business
                    if _legit_variant(seen, entry.canonical) or _holds_words(seen, entry.canonical):
                        continue  # "Miss Darcy I", "Deepseek R1": the name (in any case) and other words
                    if _another_acronym(seen, entry.canonical):
                        continue  # "JSONC", "JSONP" are formats of their own, not "JSON" misspelt
                    score = (distance / len(key), -len(key))
                    if best is None or score < best[0]:
                        best = (score, start, end, seen, entry, distance)
        if best is None:
            continue
        _, start, end, seen, entry, distance = best
        elsewhere = doc.count_phrase(entry.canonical)
        if not elsewhere and doc.count_phrase(seen) >= RECURRING_MIN:
            continue  # written so again and again, the right name never: the document's own name
        words = [t for t in run if start <= t.start and t.end <= end]
        if len(words) == 1 and (after_given_name(ctx, words[0].index) or in_people_list(ctx, words[0].index, words[0].index)):
            continue  # "Alfred Xing", "Lou Rectoret, Malathi, …": a person's name, not a place's or a language's
        if mentioned_beside(doc, start, end, entry.canonical):
            continue  # "correct Nodejs to Node.js": a note on the spelling
        if _in_constant(doc.text, start, end):
            continue  # "NODEJS_ORG_MIRROR", "my_Nodejs_app": a part of an identifier, spelt as the code needs
        if _listed_beside(doc, start, end, entry.canonical):
            continue  # "Sqlite, Mysql, Mssql": the name is the item beside it, this one is another
        if distance and _derived(seen, entry.canonical):
            continue  # "Noders": a word made from the name, not the name misspelt
        if names_edited(ctx) and (recurs(doc, seen) or (distance == 0 and not elsewhere)):
            continue  # edited text: a form written twice is its house spelling, "NodeJS" alone its choice
        unknown = sum(1 for t in words if not vocab.is_word(t.text.lower()) and not vocab.is_name(t.text))
        canonical_words = set(token_key(entry.canonical))
        shared = sum(1 for t in words if t.text.lower() in canonical_words)
        features = {
            "fuzzy": 1.0,
            "distance": float(distance),
            "relative_distance": distance / max(len(compact_key(entry.canonical)), 1),
            "unknown_words": float(unknown),
            "shared_words": float(shared),
            "all_words_known": float(unknown == 0),
            "support_doc": float(elsewhere > 0),
            "same_letters": float(distance == 0),
            "stutter": float(is_stutter(compact_key(seen), compact_key(entry.canonical))),
        }
        how = "the same letters split or joined differently" if distance == 0 else f"{distance} letter{'s' if distance > 1 else ''} from"
        reason = f"“{seen}” is {how} the lexicon name “{entry.canonical}” ({entry.source})"
        if elsewhere:
            reason += f", which the text writes correctly {elsewhere} time{'s' if elsewhere > 1 else ''}"
        yield Suspect(start, end, seen, Family.ENTITY_NEAR_MISS, (Candidate(entry.canonical, features, reason),))


# -- the gate ---------------------------------------------------------------------
# Capitalised words joined by a space, a hyphen or an ampersand: where a
# near miss can be (the runs _capital_runs reads, or longer ones).
# (The capital comes before the look-behind, which then spans it: the faster
# engine tests for a capital first at each place. tests/test_gates.py checks
# it against the plain form, look-behind first.)
RUN_RE = Twin(r"\p{Lu}(?<![\p{L}\p{M}\p{N}].)[\p{L}\p{M}\p{N}'’]*(?:[ &-]\p{Lu}[\p{L}\p{M}\p{N}'’]*)*")


class NearMissGate(Gate):
    """Runs of capitalised words some window of which lies near a lexicon name."""

    def span_hits(self, listing: Listing, part: Part) -> list[tuple[int, int]]:
        resources = listing.resources
        if not resources.lexicon.canonicals:
            return []
        text = listing.text
        # the distinct runs first (at C speed); their places only when one is suspect
        memo = resources.memo("near_miss_alone")
        suspect = set()
        for run in set(RUN_RE.findall(text, part.start, part.end)):
            hit = memo.get(run)
            if hit is None:
                hit = memo[run] = may_flag(resources, run) and any(True for _ in detect(listing.probe.lone(run)))
            if hit:
                suspect.add(run)
        if not suspect:
            return []
        holds = listing.protection.holds
        return [m.span() for m in runs_among(text, part.start, part.end, suspect) if not holds(*m.span())]


def runs_among(text: str, start: int, end: int, runs: set[str]) -> Iterator:
    """The matches of :data:`RUN_RE` between ``start`` and ``end`` that are one of ``runs``.

    Only lines where one of them is written are read: a run never crosses a
    line break, so each line's matches are the whole text's.
    """
    lines = []
    for run in runs:
        pos = text.find(run, start, end)
        while pos >= 0:
            line_end = text.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end
            lines.append((max(start, text.rfind("\n", start, pos) + 1), line_end))
            pos = text.find(run, line_end, end)
    for line_start, line_end in merge(lines):
        yield from (m for m in RUN_RE.finditer(text, line_start, line_end) if m.group() in runs)


gate = NearMissGate()
