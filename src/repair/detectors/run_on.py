"""Run-together words: "depththe", "R1which", and "age.Join".

Only a token that is no word at all is split, and only into common words
(segmentation at edit distance 0: a split never also "corrects" a letter).
Names, compounds the document repeats, and anything inside a URL, file name
or abbreviation are left alone, and so are a typed page's unknown compounds
unless the page runs words together as a pattern (:func:`_edited_terms`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import or_

import regex

from ..casing import shape
from ..fast_re import Lazy, Twin
from ..model import Candidate, Family, Suspect, Token
from ..settings import setting
from ..vocabulary import Vocabulary
from .base import ALONE, Context, Gate, Listing, Part, Probe
from .evidence import (
    RECURRING_MIN_LENGTH,
    TEXT,
    bracketed_alone,
    broken_half,
    found_twice,
    glued,
    in_identifier,
    inflects_known_word,
    letters_alone,
    named_by_own_link,
    recurring,
    typed_page,
    unknown_neighbours,
    unknown_word_mask,
)

MIN_PART_COUNT = setting("run-on", "min-part-count")
FUNCTION_ZIPF = setting("shared", "function-word-zipf")
TITLE_LEFT_ZIPF = setting("run-on", "title-left-zipf")
SHORT_PART_COUNT = setting("run-on", "short-part-count")
MIN_LENGTH = setting("run-on", "min-length")
MAX_LENGTH = setting("run-on", "max-length")
TYPED_PER_1000 = setting("run-on", "typed-per-1000")
GLUED_COMMA_RE = Lazy(r"(?<=\p{L}\p{L}),(?=\p{Ll}\p{Ll})")  # "meeting,the"
ALNUM_RE = Lazy(r"^(\p{L}*\p{N}+[\p{L}\p{N}]*?)(\p{Ll}{3,})$")
MARKS = frozenset(".!?,")  # a missing space after one of these is run-together text too
SHORT_PARTS = frozenset({"a"})  # a lower-case "i" is never English
# "age.Join": sentence punctuation glued between a word and a capital;
# "meeting,the": a comma glued between two words. What _missing_space and
# _missing_space_after_comma read, as one pattern for the gate.
MISSING_SPACE_RE = Twin(
    r"[.!?,](?:(?<=[\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}][.!?])(?=[\p{N}\p{M}]*[\p{Lu}\p{Lt}])|(?<=\p{L}\p{L},)(?=\p{Ll}\p{Ll}))"
)

family = Family.RUN_ON
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
# Features the surroundings decide, with their ranges (for the gate's best case).
context_features = {"repeated": (0.0, 1.0)}


def detect(ctx: Context) -> Iterator[Suspect]:
    doc, vocab, lexicon = ctx.doc, ctx.vocab, ctx.lexicon
    tokens = doc.tokens
    # only sentence marks and words no word list knows can be run together (picked at C speed)
    readable = map(or_, unknown_word_mask(ctx), map(MARKS.__contains__, map(TEXT, tokens)))
    splits: list[Suspect] = []  # of words into two words: a typed page must show a pattern of them
    for token in compress(tokens, readable):
        word = token.text
        if not token.is_word:
            flag = _missing_space(ctx, token) if word != "," else _missing_space_after_comma(ctx, token)
            if flag:
                yield flag
            continue
        if _ruled_out(vocab, lexicon, word):
            continue
        if doc.is_protected(token.start, token.end) or glued(ctx, token) or broken_half(ctx, token):
            continue
        if recurring(ctx, word):
            continue  # "webserver" again and again: the document's own compound
        if _named(ctx, token):
            continue  # "jekyll-onebox", "(freestraws)", "[rackup](…rackup…)"
        if any(ch.isdigit() for ch in word):
            flag = _alnum_split(ctx, token)
            if flag:
                yield flag
        elif shape(word) in ("lower", "title") and "'" not in word and "’" not in word:
            flag = _word_split(ctx, token)
            if flag:
                splits.append(flag)
    if splits and not _edited_terms(ctx):
        yield from splits


def _ruled_out(vocab: Vocabulary, lexicon, word: str) -> bool:
    """True when ``word`` alone says it is no run-on, wherever it stands: too short or
    too long, a word some list knows, or an inflection of a known word ("inlines",
    "timestamping")."""
    if len(word) < MIN_LENGTH or len(word) > MAX_LENGTH:
        return True
    lower = word.lower()
    if vocab.is_rare_word(lower) or vocab.is_technical_word(lower) or lexicon.starting_with(lower):
        return True
    return inflects_known_word(vocab, lower)


def _edited_terms(ctx: Context) -> bool:
    """True when the document is a typed page (code spans, fences, links) whose unknown
    words that split into two common words (:func:`_split_forms`) are too few to be
    damage: fewer than :data:`TYPED_PER_1000` per 1,000 of its words.

    A page written in an editor has no scanner or translator to lose its
    spaces; its unknown compounds are its own terms and identifiers
    ("onread", "readtime", "datastore"), one here and there in thousands of
    words, and a person's own slip ("everytime") is as rare. Damage that runs
    words together does it again and again ("theprimary" in a 40-word
    paragraph). A text with no typed marks (prose, scans, ``lone`` texts read
    by the gate) is read as before.
    """
    return typed_page(ctx) and _split_forms(ctx) * 1000 < TYPED_PER_1000 * ctx.doc.word_count


def _split_forms(ctx: Context) -> int:
    """How many words of the whole text (code too) are lower-case forms no word list
    knows, not among the page's recurring words, that split into two common words:
    the page's candidates for words run together. Counted once per text from its
    counts, so every reading of it (the lines a pass reads, or every token) sees
    the same number."""
    memo = ctx.doc.facts.memo  # a fact of the whole text, shared by the chunks it is read in
    found = memo.get("run_on_split_forms")
    if found is None:
        from ..profile import unknown_forms  # (the profile stage, as evidence.typed_page)

        vocab, lexicon = ctx.vocab, ctx.lexicon
        found = 0
        for form, n in unknown_forms(ctx.doc.form_counts, vocab).items():
            if not MIN_LENGTH <= len(form) <= MAX_LENGTH or not form.isalpha() or not form.islower():
                continue
            if vocab.is_rare_word(form) or vocab.is_technical_word(form) or lexicon.starting_with(form) or recurring(ctx, form):
                continue
            if _ranked_splits(ctx.resources, form):
                found += n
        memo["run_on_split_forms"] = found
    return found


def _named(ctx: Context, token: Token) -> bool:
    """True when the text's layout shows ``token`` is a name, not words run together: a
    command-line option ("--nosystem"), part of a hyphenated or underscored identifier ("fs-readfile-tostring-fail",
    "jekyll-onebox"), alone in brackets ("(freestraws)": a handle), or a link's text
    its target spells too ("[rackup](…/rackup-howto)")."""
    text, start, end = ctx.doc.text, token.start, token.end
    if text.startswith("--", max(0, start - 2)) and start >= 2:
        return True  # "--nosystem": a command-line option
    return in_identifier(text, start, end) or bracketed_alone(text, start, end) or named_by_own_link(text, start, end)


def _slip_of_recurring(ctx: Context, word: str) -> bool:
    """True when ``word`` is one letter away (dropped, added, changed or two swapped) from
    a word the document writes again and again: a slip in typing that word
    ("notbooks" beside "notebooks", "dostrings" beside "docstrings"), which
    splitting into two words ("not books") would make worse.

    Asked only of an unknown word that splits into two common words (few), so
    trying every one-letter variant against the document's counts costs little.
    """
    lower = word.lower()
    if len(lower) < RECURRING_MIN_LENGTH or not lower.isalpha():
        return False
    counts = ctx.doc.form_counts
    letters = "abcdefghijklmnopqrstuvwxyz"
    variants = {lower[:i] + lower[i + 1 :] for i in range(len(lower))}
    variants.update(lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :] for i in range(len(lower) - 1))
    for i in range(len(lower) + 1):
        variants.update(lower[:i] + ch + lower[i:] for ch in letters)
        if i < len(lower):
            variants.update(lower[:i] + ch + lower[i + 1 :] for ch in letters)
    variants.discard(lower)
    variants.update([v.capitalize() for v in variants])
    # (only the forms the text writes: tested against the counts at C speed, a
    # Counter's missing key being a Python call)
    return any(recurring(ctx, form) for form in filter(counts.__contains__, variants) if counts[form])


def _valid_part(vocab: Vocabulary, part: str) -> bool:
    if len(part) == 1:
        return part in SHORT_PARTS
    return vocab.is_common(part, SHORT_PART_COUNT if len(part) <= 3 else MIN_PART_COUNT)


def _ranked_splits(resources, lower: str) -> tuple[tuple[float, str, str], ...]:
    """The splits of ``lower`` into two common words, likeliest first (none when it is
    likelier a word misspelt). Depends on the word alone, so it is remembered across
    documents (in ``resources``)."""
    memo = resources.memo("run_on_splits")
    splits = memo.get(lower)
    if splits is None:
        vocab = resources.vocabulary
        found = []
        for i in range(1, len(lower)):
            left, right = lower[:i], lower[i:]
            if _valid_part(vocab, left) and _valid_part(vocab, right):
                found.append((vocab.log_prob(left) + vocab.log_prob(right), left, right))
        found.sort(reverse=True)
        if found and _spelling_of_a_word(vocab, lower, found[0][0]):
            found = []  # "soone" is "soon" spelled the old way (or mistyped), not "so one"
        splits = memo[lower] = tuple(found)  # (most words have none: one shared empty tuple)
    return splits


def _word_split(ctx: Context, token: Token) -> Suspect | None:
    vocab = ctx.vocab
    word = token.text
    splits = _ranked_splits(ctx.resources, word.lower())
    if not splits or unknown_neighbours(ctx, token):
        return None  # among unknown words, a "run-on" is more likely another language
    if _slip_of_recurring(ctx, word):
        return None  # "notbooks" in a text about notebooks: a letter dropped, not "not books"
    candidates = []
    prev, nxt = ctx.doc.prev_word(token), ctx.doc.next_word(token)
    for score, left, right in splits[:2]:
        if (prev is not None and prev.text.lower() == left) or (nxt is not None and nxt.text.lower() == right):
            continue  # "The theeves" is no "The the eves": a split that doubles a word is no repair
        after = word[: len(left)] + " " + word[len(left) :]
        function = max(vocab.zipf(left), vocab.zipf(right)) >= FUNCTION_ZIPF
        if shape(word) == "title" and vocab.zipf(left) < TITLE_LEFT_ZIPF:
            continue  # "Newhouse": a capitalised unknown word is a name unless it hides "The"
        bigram = vocab.is_bigram(left, right)
        features = {
            "split": 1.0,
            "function_word": float(function),
            "rarer_part_zipf": min(vocab.zipf(left), vocab.zipf(right)),
            "bigram_seen": float(bigram),
            "title": float(shape(word) == "title"),
            "name": float(ctx.vocab.is_name(word)),
            "repeated": float(ctx.doc.form_counts[word] > 1),
            "short_part": float(min(len(left), len(right)) <= 2),
        }
        reason = (
            f"“{word}” is no word, but splits into the common words “{left}” and “{right}”"
            + (" (a frequent pair)" if bigram else "")
        )
        candidates.append(Candidate(after, features, reason))
    if not candidates:
        return None
    return Suspect(token.start, token.end, word, Family.RUN_ON, tuple(candidates))


def _spelling_of_a_word(vocab: Vocabulary, lower: str, split_score: float) -> bool:
    """True when ``lower`` is more likely a word with one "e" added or one letter
    doubled ("soone", "warme", "forrests", "severall": old print's spellings,
    and common slips) than two words glued together: the word is more frequent
    than the split's two words together (``split_score``, a log probability),
    as "soon" is, and "forth" for "forthe" is not."""
    for i, ch in enumerate(lower):
        if ch == "e" or (i and lower[i - 1] == ch):
            word = lower[:i] + lower[i + 1 :]
            if vocab.is_word(word) and vocab.log_prob(word) >= split_score:
                return True
    return False


def _alnum_split(ctx: Context, token: Token) -> Suspect | None:
    match = ALNUM_RE.match(token.text)
    if not match:
        return None
    head, tail = match.groups()
    if not any(ch.isalpha() for ch in head) or tail in ctx.resources.glued_suffixes:
        return None
    if head[-1].isupper() and head[0].isalpha():
        return None  # "mgf1Hash": an identifier's capital starts the word "Hash"; "mgf1H ash" cuts it
    if sum(ch.isalpha() for ch in head) >= 2 and head.islower():
        return None  # "arc4rand", "sha256sum": a lower-case identifier, where "R1which" has a name's capital
    if not ctx.vocab.is_common(tail, MIN_PART_COUNT):
        return None
    features = {
        "split": 1.0,
        "alnum": 1.0,
        "function_word": float(ctx.vocab.zipf(tail) >= FUNCTION_ZIPF),
        "rarer_part_zipf": ctx.vocab.zipf(tail),
        "repeated": float(ctx.doc.form_counts[token.text] > 1),
    }
    reason = f"“{tail}” is a common word glued to the name or number “{head}”"
    return Suspect(token.start, token.end, token.text, Family.RUN_ON, (Candidate(f"{head} {tail}", features, reason),))


def _between_words(ctx: Context, token: Token) -> tuple[Token, Token] | None:
    """The words glued to ``token`` on both sides, if there are two, unprotected."""
    doc = ctx.doc
    i = token.index
    if i == 0 or i + 1 >= len(doc.tokens):
        return None
    prev, nxt = doc.tokens[i - 1], doc.tokens[i + 1]
    if prev.end != token.start or nxt.start != token.end or not (prev.is_word and nxt.is_word):
        return None
    if len(prev.text) < 2 or len(nxt.text) < 2 or doc.is_protected(prev.start, nxt.end):
        return None
    return prev, nxt


def _missing_space(ctx: Context, token: Token) -> Suspect | None:
    """"age.Join": sentence punctuation between a word and a capitalised word."""
    words = _between_words(ctx, token)
    if words is None:
        return None
    prev, nxt = words
    if shape(prev.text) != "lower" or shape(nxt.text) != "title":
        return None
    vocab = ctx.vocab
    if token.text == "." and _member_access(ctx, prev, nxt):
        return None
    left_known = vocab.is_word(prev.text.lower())
    right_lower = nxt.text.lower()
    right_known = vocab.is_word(right_lower) or bool(ctx.lexicon.starting_with(right_lower)) or vocab.is_name(nxt.text)
    features = {
        "punct": 1.0,
        "left_known": float(left_known),
        "right_known": float(right_known),
    }
    reason = f"no space after “{token.text}” between “{prev.text}” and the capitalised “{nxt.text}”"
    return Suspect(token.start, token.end, token.text, Family.RUN_ON, (Candidate(token.text + " ", features, reason),))


def _member_access(ctx: Context, prev: Token, nxt: Token) -> bool:
    """True when "prev.Next" reads as code's member access ("net.Socket", "global.Buffer",
    "resources.Minify"), not a sentence run into the next.

    Either the text uses "prev." as a namespace elsewhere too (another "net.connect",
    or the same "global.Buffer" twice), or the word after the dot is no common
    word and no name ("Minify"), where a sentence run on opens with a word or a
    name ("growth.Investors", "taste.Elizabeth"). The name before the dot may show
    it is code ("uri_template."), and so may the member on a typed page, when it ends
    its line or its sentence ("in gs.Key.⏎", "threading.Lock. You"; prose may be
    wrapped anywhere): a sentence run on there would be one word. An abbreviation's
    period ends no sentence ("acquaintance.Mr. Collins" goes on; only an abbreviation
    has no vowel). So may the line, when it names code elsewhere ("scope.Close to
    fs.sendfileSync"). Otherwise a member that is also a word ("net.Socket" written
    once) cannot be told from a sentence.
    """
    if _namespace_uses(ctx, prev.text) >= 2:
        return True
    text = ctx.doc.text
    if in_identifier(text, prev.start, prev.end):
        return True  # "uri_template.Variable": the namespace is an identifier
    after = text[nxt.end : nxt.end + 1]
    end = nxt.end + (after in (".", ",", ";", ":", "!", "?", ")"))
    one_word = text[end : end + 1] in ("", "\n") or (after == "." and not _VOWELS.isdisjoint(nxt.text.lower()))
    if typed_page(ctx) and (one_word or _code_on_line(text, prev.start, nxt.end)):
        # "in gs.Key.⏎", "threading.Lock. You": split, the member would be a sentence of one
        # word; "Add missing scope.Close to fs.sendfileSync": the line names code
        return True
    vocab, right = ctx.vocab, nxt.text
    lower = right.lower()
    return not (vocab.is_common(lower, MIN_PART_COUNT) or vocab.is_name(right) or ctx.lexicon.starting_with(lower))


_VOWELS = frozenset("aeiouy")  # every word but an abbreviation ("Mr", "Dr") has one
_GLUED_MEMBER = Lazy(r"(?<![\p{L}\p{N}_.])\p{L}[\p{L}\p{N}_]*\.\p{Ll}[\p{L}\p{N}_]*\p{Lu}")


def _code_on_line(text: str, start: int, end: int) -> bool:
    """True when the line around ``text[start:end]`` holds, elsewhere, a member access in
    code's own casing ("fs.sendfileSync": a dot glued to a lower-case, camel-case member):
    no sentence runs on into a word so, and a line that names code names it twice more
    often than a run-on stands beside one."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(m.end() <= start or m.start() >= end for m in _GLUED_MEMBER.finditer(text, line_start, line_end))


def _namespace_uses(ctx: Context, name: str) -> int:
    """How many times (up to 2) the text glues "name." to a following letter, as code
    does with a namespace ("net.connect", "net.Socket"). Remembered per document."""
    return found_twice(ctx, "namespace_uses", r"(?<![\p{L}\p{N}_])" + regex.escape(name) + r"\.(?=\p{L})")


def _missing_space_after_comma(ctx: Context, token: Token) -> Suspect | None:
    """"meeting,the": a comma glued between two words (OCR and careless typing drop the space).

    Both must be words of the English word lists (not merely of the frequency
    list, which holds foreign words), the second in lower case, and the comma
    the only one glued there: "id,name,email" is a list of fields, not prose.
    And it must be the text's only such comma: one glued comma in a text that
    spaces the others is a slip; a text that glues them again and again does
    it as its typography (old print, as transcribed: "Substance,or Places").
    """
    words = _between_words(ctx, token)
    if words is None:
        return None
    prev, nxt = words
    vocab = ctx.vocab
    if not (prev.text.isalpha() and nxt.text.isalpha() and nxt.text.islower()):
        return None
    if in_identifier(ctx.doc.text, nxt.start, nxt.end):
        return None  # "win,node-gyp": a list of names, one of them hyphenated
    if not (vocab.in_word_lists(prev.text.lower()) and vocab.in_word_lists(nxt.text)):
        return None
    tokens, i = ctx.doc.tokens, token.index
    before, after = (tokens[i - 2] if i >= 2 else None), (tokens[i + 2] if i + 2 < len(tokens) else None)
    if (before is not None and before.end == prev.start and before.text == ",") or (
        after is not None and after.start == nxt.end and after.text == ","
    ):
        return None
    if _glued_commas(ctx) > 1:
        return None
    features = {"punct": 1.0, "left_known": 1.0, "right_known": 1.0}
    reason = f"no space after “{token.text}” between the words “{prev.text}” and “{nxt.text}”"
    return Suspect(token.start, token.end, token.text, Family.RUN_ON, (Candidate(token.text + " ", features, reason),))


def _glued_commas(ctx: Context) -> int:
    """How many commas the text glues between words (counted once per document)."""
    memo = ctx.doc.facts.memo  # a count over the whole text, however it is read
    if "glued_commas" not in memo:
        memo["glued_commas"] = sum(1 for _ in GLUED_COMMA_RE.finditer(ctx.doc.text))
    return memo["glued_commas"]


class RunOnGate(Gate):
    """A token no word list knows that splits into common words wherever it stands,
    and a missing space after sentence punctuation or a comma."""

    def classify(self, form: str, probe: Probe) -> int:
        if not form[0].isalnum():
            return 0
        lower = form.lower()
        if lower in probe.resources.lexicon.first_keys() or probe.resources.vocabulary.is_word(lower):
            return 0
        if _no_split(probe.resources, form):
            return 0  # (said by the word alone: no document need be made to ask)
        # alone is where this detector flags most readily: no neighbour is
        # unknown, nothing is protected, no form repeats
        return ALONE if probe.reportable(detect(probe.lone(form)), context_features) else 0

    def span_hits(self, listing: Listing, part: Part) -> list[tuple[int, int]]:
        touches = listing.protection.touches
        return [m.span() for m in MISSING_SPACE_RE.finditer(listing.text, part.start, part.end) if not touches(*m.span())]


def _no_split(resources, form: str) -> bool:
    """True when :func:`detect` reading ``form`` alone finds nothing, as the form itself
    tells: a word of letters alone (one token, with no missing space and no digits)
    that :func:`_ruled_out` rules out, or that :func:`_word_split` finds no split of."""
    if not letters_alone(form):
        return False
    if _ruled_out(resources.vocabulary, resources.lexicon, form):
        return True
    return shape(form) not in ("lower", "title") or not _ranked_splits(resources, form.lower())


gate = RunOnGate()
