"""The screen: which parts of a text the token detectors need to read.

Most tokens in real prose need no work at all, and building a token object
for each costs more than everything else. So before a :class:`Document` is
built, one regex pass lists the token forms (at C speed), and each distinct
form is classified once per process, asking the detectors themselves about
the form alone (so the screen and the detectors cannot disagree about a
word) and whether any context could make their flag worth reporting. Only
the neighbourhood of each suspect (its *core*, within its line) and a
margin of context around it are tokenised; document-wide statistics (form
counts) still come from the whole text.

The screen must only ever over-select: text it skips must be text where no
token detector would report anything. Detectors that scan the text with
regular expressions (punctuation, mojibake, hyphen breaks) read the whole
text. ``tests/test_screen.py`` checks that screening changes no result.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, count, filterfalse, islice, repeat
from operator import and_, gt, xor

import regex

from .casing import shape
from .detectors import capitals, garbled, learned_names, near_miss, run_on
from .document import LAST_SPACE_RE, SCREEN_RE, SPACE_RE, TOKEN_RE, Document, line_breaks, line_starts, protected_spans, protected_spans_within
from .fast_re import Twin
from .markup import merge
from .matching import strip_possessive
from .model import Family, Flag
from .resources import Context, Resources
from .scorer import Weights

# Capitalised words joined by a space, a hyphen or an ampersand: where a
# near-miss name can be (the runs near_miss reads, or longer ones).
# (The capital comes before the look-behind, which then spans it: the faster
# engine tests for a capital first at each place. tests/test_screen.py checks
# it against the plain form, look-behind first.)
RUN_RE = Twin(r"\p{Lu}(?<![\p{L}\p{M}\p{N}].)[\p{L}\p{M}\p{N}'’]*(?:[ &-]\p{Lu}[\p{L}\p{M}\p{N}'’]*)*")
# "age.Join": sentence punctuation glued between a word and a capital;
# "meeting,the": a comma glued between two words.
MISSING_SPACE_RE = Twin(
    r"[.!?,](?:(?<=[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}][.!?])(?=[\p{N}\p{M}]*[\p{Lu}\p{Lt}])|(?<=\p{L}\p{L},)(?=\p{Ll}\p{Ll}))"
)
REACH = 0  # characters around a suspect, within its line, where its flags can stand: none,
# since every flag of a token family stands on its suspect (a name on its first
# word, a near miss inside its run); the core still spans whole runs of non-space
# characters. (A flag is kept when it meets a core; 0 is checked, like 100 and
# 40 before it, by comparing screened and exhaustive repair: tests/test_screen.py
# and every corpus.)
MARGIN = 12  # runs of non-space characters of context kept on each side of that
# (the detectors look at most 8 tokens away: a name's length, the words spelling an acronym)
CHUNKS_BEFORE_RE = regex.compile(r"(?r)(?:\S++\s*+){1,%d}" % MARGIN)
CHUNKS_AFTER_RE = regex.compile(r"(?:\s*+\S++){1,%d}" % MARGIN)

# A token ends in one of these when strip_possessive() can change it (TOKEN_RE
# ends no token with a bare apostrophe).
POSSESSIVE_ENDINGS = ("'s", "’s")
MAX_CACHED = 200_000  # forms remembered per process before the cache starts over

# What a form can set off, or explain, as bits.
ALONE = 1  # a detector flags it wherever it stands (run-together, garbled lower-case words)
MAYBE_AT_START = 2  # an unknown capitalised word: garbled-word flags it only at a sentence start,
# written once, so whether it could is asked (and remembered) only when it stands there
CAPITAL = 4  # a common word capitalised: suspect after a plain word or a comma
FIRST_ALONE = 8  # is a lexicon form of one token (right or wrong)
PLAIN = 16  # before a capital, leaves it unexplained: a lower-case word, a comma, "The", "its"
TITLED = 32  # after a capital, explains it as part of a title: "Social Security"
LINK = 64  # "of", "the": may stand inside a title
NUMBER = 128  # "Room 41"
NEWLINE = 256
FIRST_MULTI = 512  # starts a lexicon form of several tokens: compare what follows
SECOND = 1024  # can be a lexicon form's second token
FIRST_RIGHT = 2048  # is a lexicon name of one token, written right, starting no longer one and no
# capital to check: nothing to do where it stands (only _explained asks, beside a capital)
FIRST = FIRST_ALONE | FIRST_MULTI | FIRST_RIGHT
FOLD = 4096  # kinds from here up hold a hash of the form's case fold
FOLD_HASH = (1 << 18) - 1  # so that a kind stays below 2**30: one digit of a Python int, whose
# bit operations (a pass over every token's kind does several) then allocate nothing. (Two
# words' hashes collide one time in 260,000: a line read that need not be.)

TOKEN_FAMILIES = frozenset(
    {
        Family.ENTITY_ALIAS,
        Family.ENTITY_CASE,
        Family.ENTITY_NEAR_MISS,
        Family.RUN_ON,
        Family.GARBLED_WORD,
        Family.RANDOM_CAPITAL,
    }
)


@dataclass(frozen=True)
class Screening:
    """What the screen found: where to tokenise, and every token form's count.

    ``cores`` are where a flag may stand; ``spans`` the same with some text
    either side for context. A flag of a token family outside the cores
    comes from a context cut short, and is dropped; so is any flag outside
    ``region``, the lines a later pass is asked to read.
    ``forms`` is the text's token sequence, a line break as "\\n".
    """

    spans: list[tuple[int, int]] | None  # None: the whole text
    cores: list[tuple[int, int]] | None
    forms: list[str] | None  # None: not listed (a later pass reads only its region)
    region: list[tuple[int, int]] | None = None
    counts: Counter[str] | None = None  # of ``forms``, when the screen counted them
    repeats: list[tuple[int, int]] | None = None  # lines where a word may be doubled (see Document)
    protected: list[tuple[int, int]] | None = None  # the text's protected spans, if the screen found them

    def keeps(self, flag: Flag) -> bool:
        """True unless ``flag`` lies outside the region, or is a token family's flag outside every core."""
        if self.region is not None and not _overlaps(self.region, flag.start, flag.end):
            return False
        return self.cores is None or flag.kind not in TOKEN_FAMILIES or _overlaps(self.cores, flag.start, flag.end)


class Screen:
    """Per-process memory of what each word form can set off; one per :class:`Repairer`.

    A form counts only if some context could lift its flag to ``floor``
    (``weights``; see :meth:`Weights.floor`): a flag below it changes no result.
    """

    def __init__(self, resources: Resources, weights: Weights, floor: float) -> None:
        self.resources = resources
        self.weights = weights
        self.floor = floor
        self.kinds: dict[str, int] = {"\n": NEWLINE}
        self.runs: dict[str, bool] = {}
        self.garbled: dict[str, bool] = {}
        self.firsts: dict[str, tuple[bool, bool, dict[str, list]]] = {}

    def __getstate__(self) -> dict:
        return {"resources": self.resources, "weights": self.weights, "floor": self.floor}  # memory refills

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["resources"], state["weights"], state["floor"])

    def screen(
        self,
        text: str,
        families: tuple[Family, ...],
        exhaustive: bool = False,
        region: Region | None = None,
    ) -> Screening:
        """The spans of ``text`` the token detectors of ``families`` must read.

        ``exhaustive``: all of them (or all of ``region``), unscreened.
        ``region``: the lines a later pass reads; nothing else is read, and
        the counts are the last pass's, brought up to date on those lines.
        """
        if region is not None:
            return self._screen_region(text, families, exhaustive, region)
        toks = SCREEN_RE.findall(text)
        counts = Counter(toks)
        if exhaustive:
            return Screening(None, None, toks, None, counts)
        if not TOKEN_FAMILIES.intersection(families):
            return Screening([], [], toks, None, counts)
        self._trim_memory()
        starts = line_starts(text)
        ks = self._kinds_of(toks, counts)
        breaks = line_breaks(toks)
        protection = Protection(text)
        cores = _cores(text, starts, self._suspects(text, families, [(0, len(text))], starts, counts, protection, (toks, ks, breaks)))
        repeats = self._repeats(text, ks, breaks, starts)
        return Screening(_grown(text, cores), cores, toks, None, counts, repeats, protection.found)

    def _trim_memory(self) -> None:
        if len(self.kinds) > MAX_CACHED or len(self.runs) > MAX_CACHED:
            # new dictionaries, not cleared ones: another thread may be reading the old
            self.kinds, self.runs, self.firsts, self.garbled = {"\n": NEWLINE}, {}, {}, {}

    def _kinds_of(self, toks: list[str], forms: Iterable[str]) -> list[int]:
        """The kind of each token of ``toks``; ``forms`` holds each distinct one once (classified if new)."""
        kinds = self.kinds  # read once: another thread may start the memory over meanwhile
        # (filterfalse tests each distinct form at C speed; listed first, since _remember adds to the memory)
        for form in list(filterfalse(kinds.__contains__, forms)):
            kinds[form] = self._remember(form)
        return list(map(kinds.__getitem__, toks))

    def _repeats(self, text: str, ks: list[int], breaks: list[int], starts: list[int]) -> list[tuple[int, int]]:
        """The lines (spans without their line break) where a word follows itself, ignoring case.

        Neighbours' kinds ``ks`` are compared, at C speed: two forms with the
        same case fold have the same bits from FOLD up, so theirs differ only below.
        """
        hits = [i for i in compress(count(1), map(gt, repeat(FOLD), map(xor, ks, islice(ks, 1, None)))) if ks[i] >= FOLD]
        if not hits:
            return []
        last = len(starts) - 1
        lines = sorted({bisect.bisect_left(breaks, i) for i in hits})
        return [(starts[line], starts[line + 1] - 1 if line < last else len(text)) for line in lines]

    def _screen_region(self, text: str, families: tuple[Family, ...], exhaustive: bool, region: Region) -> Screening:
        starts = line_starts(text)
        spans = region.spans(text, starts)
        counts = region.recount(text, starts)
        if exhaustive:
            return Screening(_grown(text, spans), spans, None, spans, counts)
        if not TOKEN_FAMILIES.intersection(families):
            return Screening([], [], None, spans, counts)
        self._trim_memory()
        protection = Protection(text, region.protected_spans(text, starts))
        cores = _cores(text, starts, self._suspects(text, families, spans, starts, counts, protection))
        return Screening(_grown(text, cores), cores, None, spans, counts, protected=protection.found)

    def _suspects(
        self,
        text: str,
        families: tuple[Family, ...],
        spans: list[tuple[int, int]],
        starts: list[int],
        counts: Counter[str],
        protected: Protection,
        listed: tuple[list[str], list[int], list[int]] | None = None,
    ) -> list[tuple[int, int]]:
        """The character spans within ``spans`` (whole lines) of everything suspect, sorted.

        ``listed``: the tokens of the one span, their kinds and the line breaks' indices, if listed already.
        """
        learned = set(learned_names.learn(counts, self.resources.vocabulary)) if Family.ENTITY_CASE in families else set()
        found: list[tuple[int, int]] = []
        for start, end in spans:
            first = bisect.bisect_right(starts, start) - 1
            if listed is None:
                span_toks = SCREEN_RE.findall(text, start, end)
                span_kinds = self._kinds_of(span_toks, set(span_toks))
                listed_here = (span_toks, span_kinds, line_breaks(span_toks))
            else:
                listed_here = listed
            for line, places in self._lines(*listed_here, counts, learned, first).items():
                line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
                found += (t for t in _token_spans(text, starts[line], line_end, places) if not protected.touches(*t))
            matches: list[regex.Match] = []
            if Family.GARBLED_WORD in families:
                matches += garbled.hyphen_breaks(text, start, end)
            if Family.RUN_ON in families:
                matches += MISSING_SPACE_RE.finditer(text, start, end)
            found += (m.span() for m in matches if not protected.touches(*m.span()))
            if Family.ENTITY_NEAR_MISS in families and self.resources.lexicon.canonicals:
                # the distinct runs first (at C speed); their places only when one is suspect
                runs = self.runs
                suspect = set()
                for run in set(RUN_RE.findall(text, start, end)):
                    hit = runs.get(run)
                    if hit is None:
                        hit = runs[run] = self._near_miss_alone(run)
                    if hit:
                        suspect.add(run)
                if suspect:
                    found += (m.span() for m in _runs_among(text, start, end, suspect) if not protected.holds(*m.span()))
        return sorted(found)

    def _lines(
        self, toks: list[str], ks: list[int], breaks: list[int], counts: Counter[str], learned: set[str], line: int = 0
    ) -> dict[int, list[int]]:
        """The lines holding a suspect token, each with the suspects' places in the line
        (0 for its first token); ``toks``, of kinds ``ks`` and with line breaks at the
        indices ``breaks``, start on line ``line``.

        The walk over every token is done by C-level passes (keep the tokens
        whose kind can set something off); Python code runs only on the few kept.
        """
        hits: list[int] = []
        named_until = -1
        last = len(ks) - 1
        for i in compress(count(), map(and_, ks, repeat(ALONE | MAYBE_AT_START | CAPITAL | FIRST_ALONE | FIRST_MULTI))):
            # (the token before is read only when a test needs it: this loop is hot)
            k = ks[i]
            # a form of several tokens can start only where the next token can be its second
            # (or a line break comes between): most "a", "The", "new" start nothing
            if k & FIRST and i > named_until and (k & FIRST_ALONE or (i < last and ks[i + 1] & (SECOND | NEWLINE))):
                suspect, named_until = self._lexicon_form(toks, i, named_until)
                if suspect:
                    hits.append(i)
            if k & ALONE:
                hits.append(i)
            elif k & MAYBE_AT_START and (not i or not toks[i - 1][0].isalnum()) and counts[toks[i]] == 1 and self._garbled_alone(toks[i]):
                hits.append(i)
            if k & CAPITAL and i and ks[i - 1] & PLAIN and i > named_until:  # (a line break is not PLAIN)
                prev = toks[i - 1]
                # a lower-case word or a comma before it, or a sentence opener ("The"), or a
                # possessive (of a name, before a very common word, as capitals._plain_context asks: "OpenAI's Own")
                plain = prev[0].islower() or prev == "," or i < 2 or not toks[i - 2][0].isalnum() or prev.endswith(POSSESSIVE_ENDINGS)
                if plain and not self._explained(toks, i):
                    hits.append(i)
        if learned:
            hits += compress(count(), map(learned.__contains__, toks))
        by_line: dict[int, list[int]] = {}
        if hits:
            for i in hits:
                k = bisect.bisect_left(breaks, i)
                by_line.setdefault(line + k, []).append(i - (breaks[k - 1] + 1 if k else 0))
        return by_line

    def _explained(self, toks: list[str], i: int) -> bool:
        """True when what follows token ``i`` explains its capital for certain.

        A number after it ("Room 41"), or a capitalised word on either side,
        maybe across one or two small words ("Museum of Modern Art",
        "Secretary of State"), on the same line; right beside it, a
        capitalised word explains only if it starts no lexicon name ("the
        rise Own Facebook post" is still suspect): the capitals detector's
        own tests, read the other way round.
        """
        n = len(toks)
        j = i + 1
        if j < n and toks[j] == "." and j + 1 < n:
            j += 1
        if j < n and self._kind(toks[j]) & NUMBER:
            return True
        j = i + 1
        for links in range(capitals.MAX_LINKS + 1):
            if j >= n:
                break
            k = self._kind(toks[j])
            if k & TITLED:
                if links == 0 and k & FIRST:
                    suspect, named_until = self._lexicon_form(toks, j, j - 1)
                    if not suspect and named_until < j:
                        return True
                    break
                return True
            if not k & LINK:
                break
            j += 1
        # leftwards, past one or two small words ("Secretary of State"); a
        # capital that may only open the sentence ("The") explains nothing
        j = i - 1
        for links in range(capitals.MAX_LINKS + 1):
            if j < 0:
                return False
            k = self._kind(toks[j])
            if k & TITLED:
                opener = k & PLAIN and (j == 0 or not toks[j - 1][0].isalnum())
                return links > 0 and not opener
            if not k & LINK:
                return False
            j -= 1
        return False

    def _kind(self, form: str) -> int:
        k = self.kinds.get(form)
        return self._remember(form) if k is None else k

    def _remember(self, form: str) -> int:
        kind = self._classify(form)
        fold = form.casefold()
        if fold[:1].isalpha():
            # above the kind's bits, a hash of the case fold: doubled words are found by
            # comparing kinds (a collision only has a line read that need not be)
            kind |= ((hash(fold) & FOLD_HASH) | 1) * FOLD
        self.kinds[form] = kind
        return kind

    # -- what a form sets off ---------------------------------------------
    def _classify(self, form: str) -> int:
        """What ``form`` can set off; a plain lower-case word or a number (most new forms) answered at once."""
        if form.isalpha() and form[0].islower() and form.islower():
            lower = form.lower()
            lexicon = self.resources.lexicon
            if lower == form and lower not in lexicon.first_keys() and lower not in lexicon.second_keys() and self.resources.vocabulary.is_word(lower):
                # a known word: nothing to flag alone, no capital, no name to start or continue
                return PLAIN | LINK if lower in capitals.LINKS else PLAIN
        elif form.isdigit() and form.isascii():
            lexicon = self.resources.lexicon
            if form not in lexicon.first_keys() and form not in lexicon.second_keys():
                return NUMBER  # no letter: nothing to split off or misread, no capital
        return self._classify_any(form)

    def _classify_any(self, form: str) -> int:
        """What ``form`` can set off, by the general rule (``tests/test_screen.py`` holds
        :meth:`_classify`'s shortcut to it)."""
        if not form[0].isalnum():
            return PLAIN if form == "," else 0
        vocab, lexicon = self.resources.vocabulary, self.resources.lexicon
        lower = form.lower()
        firsts = lexicon.first_keys()  # set look-ups first: most forms start no lexicon form
        possessive = form.endswith(POSSESSIVE_ENDINGS)
        title = len(form) >= 2 and form[0].isupper() and form[1:].islower()
        kind = 0
        if lower not in firsts and not vocab.is_word(lower):
            ctx = Context(Document.lone(form), self.resources)
            # alone is where these detectors flag most readily: no neighbour is
            # unknown, nothing is protected, no form repeats
            reportable, floor = self.weights.reportable, self.floor
            if any(reportable(flag, run_on.CONTEXT_FEATURES, floor) for flag in run_on.detect(ctx)):
                kind |= ALONE
            elif shape(form) == "title":
                kind |= MAYBE_AT_START  # most are names never at a sentence start: ask garbled when one is
            elif self._garbled_alone(form, ctx):
                kind |= ALONE
        if title and vocab.is_common(lower, capitals.MIN_COUNT) and not vocab.is_name(form):
            kind |= CAPITAL
        if lower in firsts or (possessive and strip_possessive(form).lower() in firsts):
            info = self._first_info(form)
            if info[0] or info[1] or info[2]:
                self.firsts[form] = info
                if info[1] and not (info[0] or info[2] or kind & CAPITAL):
                    kind |= FIRST_RIGHT  # "Elizabeth": most lexicon names in clean prose
                else:
                    kind |= (FIRST_ALONE if info[0] or info[1] else 0) | (FIRST_MULTI if info[2] else 0)
        seconds = lexicon.second_keys()
        if lower in seconds or (lower.endswith(POSSESSIVE_ENDINGS) and strip_possessive(lower) in seconds):
            kind |= SECOND
        if form[0].islower() or possessive or (title and vocab.zipf(lower) >= capitals.OPENER_ZIPF and not vocab.is_name(form)):
            kind |= PLAIN
        if form[0].isupper():
            kind |= TITLED
        if lower in capitals.LINKS:
            kind |= LINK
        if form[0].isdigit():
            kind |= NUMBER  # "2Esop" may still be run together: it was read like any word above
        return kind

    def _garbled_alone(self, form: str, ctx: Context | None = None) -> bool:
        """Whether the garbled-word detector could report ``form`` (remembered per form);
        ``ctx``: the form alone, if made already."""
        hit = self.garbled.get(form)
        if hit is None:
            reportable, floor = self.weights.reportable, self.floor
            ctx = ctx or Context(Document.lone(form), self.resources)
            hit = self.garbled[form] = any(reportable(f, garbled.CONTEXT_FEATURES, floor) for f in garbled.detect(ctx))
        return hit

    def _near_miss_alone(self, run: str) -> bool:
        resources = self.resources
        if not near_miss.may_flag(resources, run):
            return False
        return any(True for _ in near_miss.detect(Context(Document.lone(run), resources)))

    def _lexicon_form(self, toks: list[str], i: int, named_until: int) -> tuple[bool, int]:
        """Whether a lexicon form starting at token ``i`` is written other than canonically.

        Returns (suspect, the last token index a correct name covers, or
    ``named_until`` unchanged).
        """
        info = self.firsts.get(toks[i])
        if info is None:  # forgotten since it was classified (the memory starts over now and then)
            info = self.firsts[toks[i]] = self._first_info(toks[i])
        single_wrong, single_right, by_second = info
        if by_second:
            j = _next_word(toks, i + 1)
            entries = None
            if j is not None:
                second = toks[j].lower()
                entries = by_second.get(second)
                if entries is None and ("'" in second or "’" in second):
                    entries = by_second.get(strip_possessive(second))  # "Meta Ai's"
            for key, entry, wanted in entries or ():
                seen = _following(toks, i, len(key))
                if seen is None:
                    continue
                if seen[-1].lower() != key[-1]:
                    seen[-1] = strip_possessive(seen[-1])  # "Meta Ai's"
                if [t.lower() for t in seen] != list(key):
                    continue
                exact = seen == wanted
                last = i + len(key) - 1
                if entry.tier == "protect":
                    if exact:
                        return False, named_until if _hyphened(toks, i, last) else last
                    continue
                if entry.alias is not None or not exact:
                    return True, named_until
                return False, named_until if _hyphened(toks, i, last) else last
        if single_wrong:
            return True, named_until
        return False, i if single_right and not _hyphened(toks, i, i) else named_until

    def _first_info(self, form: str) -> tuple[bool, bool, dict[str, list]]:
        lexicon = self.resources.lexicon
        lower = form.lower()
        bucket = lexicon.starting_with(lower)
        base = form
        if not bucket:
            base = strip_possessive(form)
            bucket = lexicon.starting_with(base.lower())
        single_wrong = single_right = False
        by_second: dict[str, list] = {}
        for key, entry in bucket:
            if entry.tier == "protect" and not entry.canonical.startswith(base):
                continue  # a place name matches only as written
            if len(key) > 1:
                wanted = TOKEN_RE.findall(entry.canonical) if entry.alias is None else None
                by_second.setdefault(key[1], []).append((key, entry, wanted))
            elif entry.tier == "protect":
                single_right |= base == entry.canonical
            elif entry.alias is not None or base != entry.canonical:
                single_wrong = True
            else:
                single_right = True
        return single_wrong, single_right, by_second


@dataclass(frozen=True)
class Region:
    """The lines a later pass reads: those the last pass changed, and their neighbours.

    ``before`` is the text the last pass read and ``counts`` its token
    counts; while the edits keep every line (no line break added or
    removed), line numbers match in both texts, so the counts are brought
    up to date by recounting these lines alone.
    """

    lines: frozenset[int]
    before: str
    counts: Counter[str]
    protected: list[tuple[int, int]] | None = None  # the protected spans of ``before``, if the last pass found them

    @classmethod
    def around(
        cls,
        before: str,
        counts: Counter[str],
        after: str,
        changed: list[tuple[int, int]],
        protected: list[tuple[int, int]] | None = None,
    ) -> Region:
        """The region of ``after`` round the ``changed`` spans (in ``after``)."""
        starts = line_starts(after)
        lines: set[int] = set()
        for start, end in changed:
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, end) - 1
            lines.update(range(max(0, first - 1), min(len(starts), last + 2)))
        return cls(frozenset(lines), before, counts, protected)

    def protected_spans(self, text: str, starts: list[int]) -> list[tuple[int, int]] | None:
        """The protected spans of ``text``, or None when they must be searched for afresh.

        Outside the region the text is the last pass's (checked), so its spans
        are carried over, moved by what the edits before them added or took;
        inside, they are searched for (no protected span crosses a line break).
        """
        if self.protected is None:
            return None
        before_starts = line_starts(self.before)
        if len(before_starts) != len(starts):
            return None
        old, new = self.spans(self.before, before_starts), self.spans(text, starts)
        # the stretches between region spans must be the same text in both
        gaps_old = [(0, old[0][0])] + [(a[1], b[0]) for a, b in zip(old, old[1:])] + [(old[-1][1], len(self.before))]
        gaps_new = [(0, new[0][0])] + [(a[1], b[0]) for a, b in zip(new, new[1:])] + [(new[-1][1], len(text))]
        if not all(_same_text(self.before, a, b, text, c, d) for (a, b), (c, d) in zip(gaps_old, gaps_new)):
            return None
        spans: list[tuple[int, int]] = []
        k = 0  # the gap a span of ``before`` lies in
        for start, end in self.protected:
            while gaps_old[k][1] < end:
                k += 1
            if start >= gaps_old[k][0]:
                shift = gaps_new[k][0] - gaps_old[k][0]
                spans.append((start + shift, end + shift))
        for start, end in new:
            spans += protected_spans_within(text, start, end)
        return sorted(spans)

    def spans(self, text: str, starts: list[int]) -> list[tuple[int, int]]:
        return _line_spans(text, starts, self.lines)

    def recount(self, text: str, starts: list[int]) -> Counter[str]:
        """The token counts of ``text``."""
        if self.before.count("\n") != len(starts) - 1:
            return Counter(SCREEN_RE.findall(text))  # lines moved: count afresh
        counts = Counter(self.counts)
        old = Counter()
        for start, end in self.spans(self.before, line_starts(self.before)):
            old.update(SCREEN_RE.findall(self.before, start, end))
        for start, end in self.spans(text, starts):
            counts.update(SCREEN_RE.findall(text, start, end))
        counts.subtract(old)
        for form in old:
            if counts[form] <= 0:
                del counts[form]
        return counts


def _same_text(one: str, start: int, end: int, other: str, other_start: int, other_end: int) -> bool:
    """``one[start:end] == other[other_start:other_end]``, compared a block at a time
    (slicing a whole stretch of a 50 MB text would copy it)."""
    if end - start != other_end - other_start:
        return False
    block = 1 << 16
    for i in range(start, end, block):
        j = other_start + (i - start)
        size = min(block, end - i)
        if one[i : i + size] != other[j : j + size]:
            return False
    return True


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` (or the point ``start``) meets one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (start, start)) - 1  # the last span starting at or before ``start``
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < max(end, start + 1)


def _hyphened(toks: list[str], first: int, last: int) -> bool:
    """True when a hyphen touches tokens ``first`` to ``last``: no match there ("meta-analysis")."""
    return (first > 0 and toks[first - 1] == "-") or (last + 1 < len(toks) and toks[last + 1] == "-")


def _next_word(toks: list[str], j: int) -> int | None:
    """The index of the next token that is not a line break."""
    while j < len(toks) and toks[j] == "\n":
        j += 1
    return j if j < len(toks) else None


def _following(toks: list[str], i: int, size: int) -> list[str] | None:
    """``size`` tokens from ``i`` on, line breaks skipped (a name may wrap)."""
    out = []
    j = i
    while len(out) < size:
        if j >= len(toks):
            return None
        if toks[j] != "\n":
            out.append(toks[j])
        j += 1
    return out


class Protection:
    """The text's protected spans (URLs, file names, inline code), found only if asked.

    No token detector flags inside them, so a suspect there is no reason to read a line.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._spans = spans  # None: not searched for yet

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = protected_spans(self.text)
        return self._spans

    @property
    def found(self) -> list[tuple[int, int]] | None:
        """The spans, if something asked for them (so the document need not search again)."""
        return self._spans

    def touches(self, start: int, end: int) -> bool:
        return _overlaps(self.spans, start, end)

    def holds(self, start: int, end: int) -> bool:
        spans = self.spans
        i = bisect.bisect_right(spans, (start, len(self.text) + 1)) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]



def _runs_among(text: str, start: int, end: int, runs: set[str]) -> Iterator[regex.Match]:
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


def _token_spans(text: str, start: int, end: int, places: list[int]) -> list[tuple[int, int]]:
    """The spans of the tokens at ``places`` (0 for the first) between ``start`` and ``end``."""
    wanted = sorted(set(places))
    spans = []
    tokens = TOKEN_RE.finditer(text, start, end)
    at = 0
    for place in wanted:
        m = next(islice(tokens, place - at, None))  # skipped at C speed
        spans.append(m.span())
        at = place + 1
    return spans


def _cores(text: str, starts: list[int], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each suspect span, ``REACH`` characters more either way within its line, grown to
    whole runs of non-space characters; merged.

    A flag stands on its suspect (or on a name starting there), so it lies in
    the core; the detectors' context comes from the margin ``_grown`` adds.
    """
    spans: list[tuple[int, int]] = []
    last = len(starts) - 1
    for start, end in found:
        line = bisect.bisect_right(starts, start) - 1
        line_start = starts[line]
        line_end = starts[line + 1] if line < last else len(text)
        lo, hi = max(line_start, start - REACH), min(line_end, end + REACH)
        if lo > line_start and not text[lo - 1].isspace():  # never cut a token in two
            m = LAST_SPACE_RE.search(text, line_start, lo)
            lo = m.end() if m else line_start
        if hi < line_end and not text[hi].isspace():
            m = SPACE_RE.search(text, hi, line_end)
            hi = m.start() if m else line_end
        spans.append((lo, hi))
    return merge(spans)


def _line_spans(text: str, starts: list[int], lines: Iterable[int]) -> list[tuple[int, int]]:
    """The character spans of ``lines`` (line numbers), adjacent lines merged."""
    last = len(starts) - 1
    return merge([(starts[line], starts[line + 1] if line < last else len(text)) for line in lines])


def _grown(text: str, cores: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``cores`` grown by ``MARGIN`` runs of non-space characters each side (at least as many tokens)."""
    spans: list[tuple[int, int]] = []
    for start, end in cores:
        before = CHUNKS_BEFORE_RE.search(text, 0, start)
        after = CHUNKS_AFTER_RE.search(text, end)
        spans.append((before.start() if before else start, after.end() if after else end))
    return merge(spans)
