"""Garbled ordinary words: OCR confusions ("tbe", "cornpany", "wou1d"),
near-miss spellings, and broken hyphenation ("govern- ment").

An unknown word is not an error. Capitalised words mid-sentence (names),
words in capitals (acronyms), and words among other unknown words (a passage
in another language, period spelling) are left alone. Candidates come from
the OCR confusion table and from single edits, and must be common words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from ..casing import cased_like, shape
from ..fast_re import Lazy
from ..model import Candidate, Family, Suspect, Token
from ..settings import setting
from ..vocabulary import HashedSet, Vocabulary
from .base import ALONE, Context, Gate, Listing, Part, Probe, kind_bit
from .evidence import (
    NEIGHBOUR_WINDOW,
    broken_half,
    glued,
    inflects_known_word,
    letters_alone,
    read_as_ocr,
    recurring,
    typed_page,
    unknown_neighbours,
    unknown_words,
)

DAMAGE_SHARE = setting("shared", "damage-share")
MIN_CANDIDATE_COUNT = setting("garbled-word", "min-candidate-count")
MIN_LENGTH = setting("garbled-word", "min-length")
MAX_LENGTH = setting("garbled-word", "max-length")
MIN_EDIT_LENGTH = setting("garbled-word", "min-edit-length")
MAX_TWO_CONFUSIONS_LENGTH = setting("garbled-word", "max-two-confusions-length")
MIN_JOINED_COUNT = setting("garbled-word", "min-joined-count")
family = Family.GARBLED_WORD
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
# Features the surroundings decide, with their ranges (the gate bounds a
# word's best case with them): a fitting neighbour, unknown words nearby.
context_features = {"bigram_seen": (0.0, 1.0), "unknown_neighbours": (0.0, 2.0 * NEIGHBOUR_WINDOW)}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
VOWELS = frozenset("aeiouy")
# The two consonants an English word may open with ("bl", "str" opens with "st").
ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gh gl gn gr kl kn kr ph pl pn pr ps pt qu rh sc sh sk sl sm sn sp sq st sv sw"
    " th tr ts tw vl wh wr zh".split()
)
SHORT_LENGTH = 3  # letters in a token short enough to be an abbreviation ("irc", "lld")
FUNCTION_ZIPF = setting("shared", "function-word-zipf")
OCR_DIGITS = frozenset("015869")
HYPHEN_BREAK_RE = Lazy(r"(?<![\p{L}\p{N}-])(\p{L}{2,})- (\p{Ll}{2,})(?![\p{L}\p{N}-])")
# Where one can be: "- " between letters. Scanning for this is a hundred
# times faster than trying the pattern above at every letter.
HYPHEN_GAP_RE = regex.compile(r"- (?<=\p{L}\p{L}- )(?=\p{Ll}\p{Ll})")
WORD_BEFORE_RE = Lazy(r"(?r)\p{L}+")


def hyphen_breaks(text: str, start: int = 0, end: int | None = None) -> Iterator[regex.Match]:
    """Matches of :data:`HYPHEN_BREAK_RE` in ``text`` (between ``start`` and ``end``), found fast."""
    for gap in HYPHEN_GAP_RE.finditer(text, start, len(text) if end is None else end):
        word = WORD_BEFORE_RE.search(text, 0, gap.start())
        m = HYPHEN_BREAK_RE.match(text, word.start()) if word else None
        if m:
            yield m


def detect(ctx: Context) -> Iterator[Suspect]:
    yield from _hyphen_breaks(ctx)
    doc, lexicon = ctx.doc, ctx.lexicon
    for token in unknown_words(ctx):
        word = token.text
        lower = word.lower()
        if _ruled_out(ctx.vocab, lexicon, word, lower):
            continue
        digits = {ch for ch in word if ch.isdigit()}
        if digits and not _ocr_digits(word, digits):
            continue
        if _shape(word) == "title" and not _lone_sentence_start(ctx, token):
            continue  # an unknown capitalised word is most likely a name
        if doc.is_protected(token.start, token.end) or glued(ctx, token) or broken_half(ctx, token):
            continue
        if _code_part(doc.text, token.start, token.end):
            continue  # "Buffer(buf)", "ucs-2": an argument in a call, a name with a number
        if recurring(ctx, word) and not _repeated_misreading(ctx, lower, bool(digits)):
            continue  # "nextra", "middie" again and again: the document's own word (OCR repeats its misreadings, though)
        flag = _propose(ctx, token, lower, bool(digits))
        if flag:
            yield flag


def _ruled_out(vocab: Vocabulary, lexicon, word: str, lower: str) -> bool:
    """True when ``word`` (``lower`` in lower case) alone says it is not to be read,
    wherever it stands: too short or too long, the start of a lexicon name, written
    with a ligature, in capitals or mixed case or with an apostrophe, or a word of
    software writing ("brotli", "kubectl") or an inflection of a known word ("mtimes")."""
    if len(word) < MIN_LENGTH or len(word) > MAX_LENGTH or lexicon.starting_with(lower):
        return True
    if not word.isascii() and unicodedata.normalize("NFKC", word) != word:
        return True  # "fulﬁl": a ligature is a letter pair, not a letter to drop ("full")
    if _shape(word) in ("upper", "mixed") or "'" in word or "’" in word:
        return True
    return vocab.is_technical_word(lower) or inflects_known_word(vocab, lower)


def _shape(word: str) -> str:
    """The case shape of ``word``, with the digits OCR puts for letters read as those letters."""
    return shape(word.replace("1", "l").replace("0", "o"))


def _code_part(text: str, start: int, end: int) -> bool:
    """True when the word at ``text[start:end]`` is part of code or a name, not prose: the
    first argument of a call, written against its function's name ("Buffer(buf)",
    "update(buf, enc)"), or a word joined to a number by a hyphen ("ucs-2", "utf-8")
    or a number joined to it ("2-pass")."""
    if start >= 2 and text[start - 1] == "(" and (text[start - 2].isalnum() or text[start - 2] in "._"):
        return True
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
        return True
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isdigit()


def _ocr_digits(word: str, digits: set[str]) -> bool:
    """True when the digits of ``word`` may be letters misread ("wou1d", "c0mpany"): each
    one alone between letters, in a word of at least four letters.

    A digit at either end or two together make an identifier, not a misreading:
    "v18", "x86", "a11y", "i18n", "k8s" are written so on purpose.
    """
    if not digits <= OCR_DIGITS or not (word[0].isalpha() and word[-1].isalpha()):
        return False
    if sum(ch.isalpha() for ch in word) < 4:
        return False
    return not any(a.isdigit() and b.isdigit() for a, b in zip(word, word[1:]))


def _lone_sentence_start(ctx: Context, token: Token) -> bool:
    """A capitalised unknown word is worth a look only at a sentence start, written
    this way once, and not followed by another capitalised word (a name: "Duc d'Orléans")."""
    doc = ctx.doc
    if not doc.is_sentence_start(token) or doc.form_counts[token.text] > 1:
        return False
    nxt = doc.next_word(token)
    return nxt is None or not nxt.text[0].isupper()


def _repeated_misreading(ctx: Context, lower: str, has_digits: bool) -> bool:
    """True when ``lower``, though the text writes it again and again, is still a misreading:
    undoing an OCR confusion makes it a common word, and OCR repeats its misreadings.

    A typed page (code spans, fences, links: no scan has them) not read as OCR
    repeats its own names, and one of them may be a confusion away from a word
    ("middie", a plugin, and "middle"): there a misreading is believed only
    when the word is a function word ("frorn", "tbe"), since nothing is named
    so, or when the page writes the word itself so much more often that
    damage could account for the form (at most :data:`DAMAGE_SHARE` of its
    uses: "cornmand" twice beside "command" ten times).
    """
    found = [word for word, how in _candidates(ctx.resources, lower, has_digits).items() if how != "edit"]
    if not found:
        return False
    if read_as_ocr(ctx) or not typed_page(ctx):
        return True
    counts = ctx.doc.form_counts
    uses = counts[lower] + counts[lower.capitalize()]
    return any(
        ctx.vocab.zipf(word) >= FUNCTION_ZIPF or uses <= DAMAGE_SHARE * (counts[word] + counts[word.capitalize()]) for word in found
    )


def _candidates(resources, lower: str, has_digits: bool) -> dict[str, str]:
    """Common words ``lower`` may stand for, each with how it was found ("ocr", "ocr2" when it
    took two OCR confusions, or "edit").

    Depends on the word alone, so it is remembered across documents (in ``resources``).
    """
    memo = resources.memo("garbled")
    hit = memo.get((lower, has_digits))
    if hit is None:
        common = candidate_tables(resources.vocabulary)[0]
        found: dict[str, str] = {}  # candidate -> how it was found
        variants = _ocr_variants(lower, resources.ocr_confusions)
        for variant, steps in variants.items():
            if variant in common:
                found.setdefault(variant, "ocr" if steps == 1 else "ocr2")
        if len(lower) >= MIN_EDIT_LENGTH and not has_digits:
            # a set operation, not a look-up per variant; sorted, so that equally
            # frequent candidates rank the same way in every process
            for variant in one_edit_words(resources, lower):
                if not (variant == lower[1:] and _letter_prefixed(lower)):
                    found.setdefault(variant, "edit")
        hit = memo[(lower, has_digits)] = found  # only what is needed: a memory holds many
    return hit


def warm_up(resources) -> None:
    """Load the candidate tables now (before forking workers)."""
    candidate_tables(resources.vocabulary)


def candidate_tables(vocab: Vocabulary) -> tuple[frozenset[str], HashedSet]:
    """The words a garbled word may stand for, and the strings one letter short of one
    (loaded on first use, from the compiled cache)."""
    return vocab.common_words(MIN_CANDIDATE_COUNT), vocab.common_deletes(MIN_CANDIDATE_COUNT)


def _propose(ctx: Context, token: Token, lower: str, has_digits: bool) -> Suspect | None:
    vocab = ctx.vocab
    found = _candidates(ctx.resources, lower, has_digits)
    if len(lower) <= SHORT_LENGTH and found and not read_as_ocr(ctx):
        # "irc", "lld", "gcm": outside OCR a short unknown token is an abbreviation,
        # unless it is a slip on one of the commonest words ("tbe", "aud")
        found = {w: how for w, how in found.items() if vocab.zipf(w) >= FUNCTION_ZIPF}
    if not found:
        return None
    foreign = unknown_neighbours(ctx, token, capitalised=True)
    prev = ctx.doc.prev_word(token)
    nxt = ctx.doc.next_word(token)
    ranked = sorted(found, key=lambda w: (found[w] == "edit", -vocab.count(w)))
    candidates = []
    for word in ranked[:3]:
        bigram = (prev is not None and vocab.is_bigram(prev.text.lower(), word)) or (
            nxt is not None and vocab.is_bigram(word, nxt.text.lower())
        )
        features = {
            "garbled": 1.0,
            "ocr": float(found[word] != "edit"),
            "two_confusions": float(found[word] == "ocr2"),
            "capitalised": float(token.text[0].isupper()),  # sentence-start words are often names
            "digits": float(has_digits),
            "zipf": vocab.zipf(word),
            "bigram_seen": float(bigram),
            "alternatives": float(len(found) - 1),
            "unknown_neighbours": float(foreign),
            "short": float(len(lower) <= 4),
            "rare_word": float(vocab.is_rare_word(lower)),
            "old_spelling": float(_old_spelling(lower, word)),
        }
        how = "one letter away from" if found[word] == "edit" else "a common OCR misreading of"
        reason = f"“{token.text}” is not a word; it is {how} “{word}”"
        if bigram:
            reason += ", which fits the neighbouring word"
        candidates.append(Candidate(cased_like(token.text, word), features, reason))
    return Suspect(token.start, token.end, token.text, Family.GARBLED_WORD, tuple(candidates))


def _letter_prefixed(lower: str) -> bool:
    """True when ``lower`` opens with two consonants no English word opens with ("rlimit",
    "mtimes", "nthreads"): a letter prefixed to a word, the way identifiers are named,
    not that word misspelt. A slip that adds a letter keeps the word sayable."""
    return lower[0] not in VOWELS and lower[1] not in VOWELS and lower[:2] not in ONSETS


def _old_spelling(seen: str, word: str) -> bool:
    """True when ``seen`` is ``word`` spelled the way old print spelled it.

    "onely", "countrey", "whiche" add an "e"; "vnto", "euen" swap u and v;
    "sayd" writes i as y. OCR seldom makes these, so they are a period's
    spelling, to be kept.
    """
    if len(seen) == len(word) + 1:
        return any(seen[i] == "e" and seen[:i] + seen[i + 1 :] == word for i in range(len(seen)))
    if len(seen) != len(word):
        return False
    diffs = [(a, b) for a, b in zip(seen, word) if a != b]
    return len(diffs) == 1 and diffs[0] in (("v", "u"), ("u", "v"), ("y", "i"))


def _ocr_variants(word: str, confusions: dict[str, tuple[tuple[str, str], ...]]) -> dict[str, int]:
    """Words reachable by undoing one or two OCR confusions, with how many it took."""
    first = _apply_confusions(word, confusions)
    found = dict.fromkeys(first, 1)
    if len(word) <= MAX_TWO_CONFUSIONS_LENGTH:
        for variant in first:
            for twice in _apply_confusions(variant, confusions):
                found.setdefault(twice, 2)
    return found


def _apply_confusions(word: str, confusions: dict[str, tuple[tuple[str, str], ...]]) -> set[str]:
    """``word`` with one confusion undone, each way it can be (``confusions`` filed by first letter)."""
    out = set()
    for i, letter in enumerate(word):
        for seen, meant in confusions.get(letter, ()):
            if word.startswith(seen, i):
                out.add(word[:i] + meant + word[i + len(seen) :])
    return out


def one_edit_words(resources, lower: str) -> tuple[str, ...]:
    """:func:`_one_edit_away` over :func:`candidate_tables`, remembered across documents (in
    ``resources``): the OCR reading's targets ask it about each unknown form, and this
    detector, reading that output once more as MT, about most of the same forms again."""
    memo = resources.memo("one-edit")
    hit = memo.get(lower)
    if hit is None:
        common, deletes = candidate_tables(resources.vocabulary)
        hit = memo[lower] = tuple(_one_edit_away(lower, common, deletes))
    return hit


def _one_edit_away(word: str, words: frozenset[str], deletes: HashedSet) -> list[str]:
    """The ``words`` one deletion, transposition, replacement or insertion away from ``word``, sorted.

    ``deletes`` holds every string one letter short of a word of ``words``:
    a word one replacement away, at place i, is one of them with ``word``'s
    letter i removed; one insertion away, ``word`` itself is. So the 26
    letters are tried only at such places (43 -> 17 us a word). Each kind
    of edit is intersected with ``words`` as it is listed: building one set
    of all of them first costs more than the look-ups.
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    shorter = [a + b[1:] for a, b in splits if b]  # word minus letter i, for each i
    found = set(words.intersection(shorter))
    found.update(words.intersection([a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]))
    found.update(words.intersection([a + c + b[1:] for (a, b), less in zip(splits, shorter) if less in deletes for c in LETTERS]))
    if word in deletes:
        found.update(words.intersection([a + c + b for a, b in splits for c in LETTERS]))
    found.discard(word)  # replacing a letter by itself
    return sorted(found)


def _hyphen_breaks(ctx: Context) -> Iterator[Suspect]:
    """"govern- ment": a word broken by a hyphen and a space, which OCR leaves."""
    vocab, doc = ctx.vocab, ctx.doc
    for m in (m for start, end in doc.scan_spans for m in hyphen_breaks(doc.text, start, end)):
        left, right = m.group(1), m.group(2)
        joined = (left + right).lower()
        if right in ("and", "or", "to", "nor") or not vocab.is_common(joined, MIN_JOINED_COUNT):
            continue  # "pre- and post-war" is a suspended hyphen, not a break
        if doc.is_protected(m.start(), m.end()):
            continue
        features = {
            "garbled": 1.0,
            "hyphen_break": 1.0,
            "zipf": vocab.zipf(joined),
            "right_word": float(vocab.is_word(right)),
            "left_word": float(vocab.is_word(left.lower())),
        }
        reason = f"“{m.group()}” is the word “{left + right}” broken by a hyphen and a space"
        yield Suspect(m.start(), m.end(), m.group(), Family.GARBLED_WORD, (Candidate(left + right, features, reason),))


# -- the gate ---------------------------------------------------------------------
MAYBE_AT_START = kind_bit("an unknown capitalised word: flagged only at a sentence start, written once")


class GarbledGate(Gate):
    """An unknown lower-case word with a reportable candidate wherever it stands; an
    unknown capitalised one only where :func:`_lone_sentence_start` lets it be read;
    and every hyphen break."""

    bits = MAYBE_AT_START

    def classify(self, form: str, probe: Probe) -> int:
        if not form[0].isalnum():
            return 0
        lower = form.lower()
        if lower in probe.resources.lexicon.first_keys() or probe.resources.vocabulary.is_word(lower):
            return 0
        if shape(form) == "title":
            return MAYBE_AT_START  # most are names never at a sentence start: asked when one is
        return ALONE if _alone(probe, form) else 0

    def token_hits(self, listing: Listing, part: Part, picked: list[int]) -> list[int]:
        toks, ks, counts, probe = part.toks, part.kinds, listing.counts, listing.probe
        return [
            i
            for i in picked
            if ks[i] & MAYBE_AT_START and (not i or not toks[i - 1][0].isalnum()) and counts[toks[i]] == 1 and _alone(probe, toks[i])
        ]

    def span_hits(self, listing: Listing, part: Part) -> list[tuple[int, int]]:
        touches = listing.protection.touches
        return [m.span() for m in hyphen_breaks(listing.text, part.start, part.end) if not touches(*m.span())]


def _alone(probe: Probe, form: str) -> bool:
    """Whether :func:`detect` could report ``form`` standing alone (remembered per form)."""
    memo = probe.resources.memo("garbled_alone")
    hit = memo.get(form)
    if hit is None:
        if _no_candidate(probe.resources, form):
            hit = memo[form] = False  # (said by the word alone: no document need be made to ask)
        else:
            hit = memo[form] = probe.reportable(detect(probe.lone(form)), context_features)
    return hit


def _no_candidate(resources, form: str) -> bool:
    """True when :func:`detect` reading ``form`` alone finds nothing, as the form itself
    tells: a word of letters alone (one token, no digits, no hyphen break) that
    :func:`_ruled_out` rules out, or that has no candidate at all."""
    if not letters_alone(form):
        return False
    lower = form.lower()
    return _ruled_out(resources.vocabulary, resources.lexicon, form, lower) or not _candidates(resources, lower, False)


gate = GarbledGate()
