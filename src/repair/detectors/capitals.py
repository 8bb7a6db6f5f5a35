"""Random capitals mid-sentence: "in general Used to train" → "used".

Grounded in data: ``casing.tsv`` counts how often edited prose capitalises
each word mid-sentence, so "Church", "President" or "Heaven" (often
capitalised) are trusted while "Used" or "Own" (never) are suspect.

A capital is expected far more often than a garbler makes one, so this
detector looks only where nothing explains it: the word follows a lower-case
word or a comma on the same line, is not followed by a number ("Room 41"),
is not linked to another capitalised word by small words ("Secretary of
Defense", "Moonrise by the Sea": titles and names), and is not capitalised
the same way elsewhere in the text (a house style: "every State").

Edited technical prose capitalises its own terms: types ("an Array of",
"a Promise"), products, tiers, labels. A text that shows it does so (long,
with few such capitals, or several common words capitalised again and
again) keeps a lone capitalised noun; verb forms and function words, which
name nothing ("Used", "Promising"), are still lowered in any text.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from itertools import compress, islice
from operator import itemgetter

import regex

from ..fast_re import Lazy
from ..model import Candidate, Family, Suspect, Token
from ..settings import setting
from .base import Context, Gate, Listing, Part, Probe, kind_bit
from .evidence import TEXT, found_twice, in_code, in_prose, typed_page, unknown_neighbours
from .matching import (
    FIRST,
    FIRST_RIGHT,
    LEXICON_GATE,
    POSSESSIVE_ENDINGS,
    SpanIndex,
    form_at,
    hyphened,
    name_index,
)

MIN_COUNT = setting("shared", "common-word-count")
# Small words that join the parts of a title or a name: "Bank of England",
# "Pride and Prejudice", "Salon de la Section d'Or".
LINKS = frozenset(
    "a about across after against al along among an and around at before behind below beneath beside between"
    " beyond bin by da das de del della der des di do dos du during e et for from her his ibn in into its la le"
    " les my near of off on or our out over since the their through to toward towards under until up upon van"
    " via von with within without y your".split()
)
MAX_LINKS = setting("random-capital", "max-links")
FIRST_CHAR = itemgetter(0)
INFLECTIONS = ("ing", "ed", "ly")
INFLECTION_BASE_MARGIN = setting("random-capital", "inflection-base-margin")
VOWELS = frozenset("aeiouy")
MENU_ARROWS = frozenset(">→›»")  # "click File > Export": a path through menus
CONSTANTS = frozenset({"True", "False", "None"})  # "set it to True": a programming language's values
OPENER_ZIPF = setting("shared", "opener-zipf")  # "The", "When", "But", "If": words that start sentences, not titles
# A text that capitalises common words this often does it on purpose: old
# print capitalises nouns ("the Manner of its departure") and verse starts
# each line with a capital even when the lines are run together. A garbled
# news article has about 5 per 1,000 words.
STYLE_MIN = setting("random-capital", "style-min")
FUNCTION_ZIPF = setting("shared", "function-word-zipf")
STYLE_PER_1000 = setting("random-capital", "style-per-1000")
STYLE_REACH = setting("random-capital", "style-reach-chars")
LABEL_NOUNS = frozenset(setting("random-capital", "label-nouns"))
SPARSE_MIN_WORDS = setting("random-capital", "sparse-min-words")
SPARSE_PER_1000 = setting("random-capital", "sparse-per-1000")
TERM_FORMS_MIN = setting("random-capital", "term-forms-min")
TYPED_PER_1000 = setting("random-capital", "typed-per-1000")
LOWER_LIMIT = 10  # lower-case uses in prose counted, at most (the reason reports the count)
SHORT_SPANS = (("**", "**"), ("__", "__"), ("“", "”"), ('"', '"'), ("*", "*"))
SHORT_SPAN_WORDS = 4  # words in a label besides the capitalised one
# A run of capitalised words (and small linking words) just before or after a word, on its line
RUN_REACH = 200  # characters read either side of a token for the non-space run it stands in
EXPANSION_REACH = 120  # characters read on either side for an expansion and its acronym
EXPANSION_LEFT_RE = Lazy(r"(?:(?:\p{Lu}\p{L}*|of|and|for|the|to|in|on|as|a|an|at|by)[ -])+$")
EXPANSION_RIGHT_RE = Lazy(r"(?:[ -](?:\p{Lu}\p{L}*|of|and|for|the|to|in|on|as|a|an|at|by))+")
# An acronym: capitals, and small words' letters in lower case between them ("FaaS")
ACRONYM_BEFORE_RE = Lazy(r"\b(\p{Lu}(?:\p{Ll}{0,3}\p{Lu})+)s? \($")  # "EOF (" before the expansion
ACRONYM_AFTER_RE = Lazy(r" \((\p{Lu}(?:\p{Ll}{0,3}\p{Lu})+)s?\)")  # " (TTL)", " (FaaS)" after it
LIST_OF_NAMES_RE = Lazy(r",[ \t]*\n?[ \t]*\p{Lu}")  # ", Google": the next name of a list
TABLE_ROW_RE = Lazy(r"[ \t>]*\|", engine=re)  # a line that starts a table row (``re``: ``regex`` first hunts the "|" through the line)
SENTENCE_MARK_RE = Lazy(r"[.!?:;]")
NON_SPACE_RE = Lazy(r"\S+", engine=re)  # (``re``'s \s is ``str.split``'s whitespace)
LIST_MARK_RE = Lazy(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")  # a list item's marker, at a line start


family = Family.RANDOM_CAPITAL
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
context_features: dict = {}


def detect(ctx: Context) -> Iterator[Suspect]:
    doc, vocab = ctx.doc, ctx.vocab
    suspects: list[Token] = []
    tokens = doc.tokens
    # (tokens starting with a capital picked at C speed: most start with none)
    for token in compress(tokens, map(str.isupper, map(FIRST_CHAR, map(TEXT, tokens)))):
        word = token.text
        if not token.is_word or len(word) < 2 or not word[1:].islower() or word in CONSTANTS:
            continue
        if not _plain_context(ctx, token) or doc.in_heading(token.start):
            continue
        lower = word.lower()
        if not vocab.is_common(lower, MIN_COUNT) or vocab.is_name(word):
            continue
        if typed_page(ctx) and in_code(ctx, word):
            continue  # "returns a Promise" beside "`pack() -> Promise`": the code's type, named in prose
        suspects.append(token)
    if not suspects:
        return
    names = name_index(ctx)
    # Capitals that no name, title or label explains: what a style would show.
    unexplained = [
        t
        for t in suspects
        if doc.in_core(t.start)  # a statistic of the whole text: only tokens with all their context
        and not doc.is_protected(t.start, t.end)
        and not names.holding(t.start)
        and not _in_title(ctx, t, names)
        and not _before_number(ctx, t)
        and not _in_menu_path(ctx, t)
        and not _structural(ctx, t)
    ]
    house_style = len(unexplained) >= STYLE_MIN and len(unexplained) * 1000 / doc.word_count >= STYLE_PER_1000
    styled = _styled_passages(unexplained) if not house_style else None
    recurring_terms = {t.text for t in unexplained if _recurs(ctx, t.text)}
    lone = sum(1 for t in unexplained if t.text not in recurring_terms)
    if _edited_capitals(ctx, lone):
        return
    terms = _capitalises_terms(ctx, lone, len(recurring_terms))
    for token in unexplained:
        word = token.text
        lower = word.lower()
        # "every State ... every State": a house style (a word written once cannot be one)
        if word in recurring_terms:
            continue
        if terms and not _never_a_term(ctx, lower):
            continue  # "creating a Promise", "Liquid tags": a term, in a text that capitalises its terms
        lower_n, title_n = vocab.casing(lower)
        style = house_style or (styled is not None and token.start in styled)
        prev, nxt = doc.prev_word(token), doc.next_word(token)
        next_to_name = any(t is not None and names.holding(t.start) for t in (prev, nxt))
        after_article = prev is not None and prev.text.lower() in ("the", "a", "an", "this", "our", "every")
        lower_here = in_prose(ctx, (lower,), LOWER_LIMIT) if doc.form_counts[lower] else 0  # not in code: "{% highlight liquid %}"
        features = {
            "capital": 1.0,
            "cap_rate": math.log((title_n + 0.5) / (lower_n + title_n + 1)),
            "observations": math.log10(lower_n + title_n + 1),
            "next_to_name": float(next_to_name),
            "after_article": float(after_article),
            "lower_in_doc": float(lower_here > 0),
            "zipf": vocab.zipf(lower),
            # verb and adverb forms are seldom part of a name ("Used", "Promising")
            "inflected": float(len(lower) >= 5 and lower.endswith(INFLECTIONS)),
            "capital_style": float(style),
            # run-together verse lines and old quoted speech: "boast, Like curing gold", "said, That they"
            "after_comma": float(doc.tokens[token.index - 1].text == ","),
            # "when We shall", "calmer far Than": a capital on a function word
            # more often marks a lost line or sentence break than a random capital
            "function_word": float(vocab.zipf(lower) >= FUNCTION_ZIPF),
            # among unreadable OCR ("tiliu But then") the context says little
            "unknown_neighbours": float(unknown_neighbours(ctx, token)),
        }
        stats = (
            f"edited prose capitalises “{lower}” mid-sentence {title_n} of {lower_n + title_n} times"
            if lower_n + title_n
            else f"“{lower}” is a common word"
        )
        reason = f"“{word}” is capitalised mid-sentence; {stats}"
        if lower_here:
            reason += f", and this text writes it in lower case {lower_here} time{'s' if lower_here > 1 else ''}"
        if house_style:
            reason += f"; but this text capitalises common words {len(unexplained)} times, as a style"
        elif style:
            reason += "; but this passage capitalises common words again and again, as verse does"
        yield Suspect(token.start, token.end, word, Family.RANDOM_CAPITAL, (Candidate(lower, features, reason),))


def _styled_passages(unexplained: list[Token]) -> set[int]:
    """The offsets of the capitals that stand in a passage capitalising common words as
    often as a house style does: verse quoted in prose starts each line with a capital, and
    OCR runs its lines together ("she leaps Rolling in this yeasty leaven"), while a garbler's
    capitals are spread thin (about 5 per 1,000 words)."""
    places = [t.start for t in unexplained]  # in text order (offsets: a text may be read in pieces)
    return {
        i
        for i in places
        if bisect.bisect_right(places, i + STYLE_REACH) - bisect.bisect_left(places, i - STYLE_REACH) >= STYLE_MIN
    }


def _recurs(ctx: Context, word: str) -> bool:
    """True when the text capitalises ``word`` mid-sentence more than once: a house style
    ("every State"), or one of its terms ("Liquid … Liquid").

    Mid-sentence is after a word or a comma, and also after inline code, a link
    or a bracket closed with no sentence mark: a list whose items read
    "`name` See [Names]…", "`range`  See [Ranges]…" shows the writer's habit
    as plainly as two "See" after words do.
    """
    doc = ctx.doc
    if doc.form_counts[word] < 2:
        return False
    after_words = doc.capital_count(word)
    return after_words > 1 or after_words + _capital_after_element(ctx, word) > 1


def _capital_after_element(ctx: Context, word: str) -> int:
    """How many times (up to 2) ``word`` follows, on its line, a closed inline element
    (code, a link, a bracket) and spaces. Remembered per document."""
    return found_twice(ctx, "capital_after_element", r"(?<=[`)\]][ \t]+)" + regex.escape(word) + r"(?![\p{L}\p{M}\p{N}])")


def _capitalises_terms(ctx: Context, lone: int, recurring: int) -> bool:
    """True when the text shows that it capitalises its own terms: type and class names
    ("an Array of", "a Promise"), products, tiers ("Platinum members"), labels.

    Two kinds of evidence, each of which a garbled article lacks: a long text
    in which ``lone`` capitals (those nothing explains, not even a recurrence)
    are rare (machine translation sprinkles about 5 per 1,000 words; an
    edited 5,000-word page has one or two, each the writer's choice), or a
    text that capitalises several (``recurring``) common words again and again
    mid-sentence (garbling seldom hits a word twice). A text too short to
    say either is read as before.
    """
    doc = ctx.doc
    sparse = doc.word_count >= SPARSE_MIN_WORDS and lone * 1000 / doc.word_count < SPARSE_PER_1000
    return sparse or recurring >= TERM_FORMS_MIN


def _edited_capitals(ctx: Context, lone: int) -> bool:
    """True when the text is a typed page (code spans, fences, links) with fewer than
    :data:`TYPED_PER_1000` ``lone`` capitals (nothing explains them, the page writes
    each once) per 1,000 of its words: a page written in an editor, whose capitals
    are its writer's.

    A page in an editor has no translator to re-case its words; a capital
    mid-sentence there names something: a section ("add Installing Node.js
    header"), a label or status ("remove Locked from the index"), an API
    ("deprecated Has"), verb forms and function words as much as nouns: a long
    page has a handful in tens of thousands of words. Damage that re-cases
    words does it as a pattern, a few per 1,000 words. Prose without typed
    marks is read as before.
    """
    return typed_page(ctx) and lone * 1000 < TYPED_PER_1000 * ctx.doc.word_count


def _never_a_term(ctx: Context, lower: str) -> bool:
    """Verb and adverb forms ("Used", "Promising", "Highly") and function words ("When",
    "Also") name nothing: capitalised mid-sentence, they are damage in any text. (Common
    nouns, "Number" or "File", may be a text's terms: "the Number of milliseconds".)"""
    return _inflected(ctx, lower) or ctx.vocab.zipf(lower) >= FUNCTION_ZIPF


def _inflected(ctx: Context, lower: str) -> bool:
    """True when ``lower`` is a verb or adverb form of a word: it ends in "-ing", "-ed" or
    "-ly" and what is left ("use", "promise", "high", "stop" of "stopped", "apply" of
    "applied") is a word about as common. "String", "Reply", "Thing" or "Family" end so
    by chance ("str", "rep" are far rarer): nouns, which a text may capitalise as its
    terms ("a Reply decoration", "given as a String")."""
    if len(lower) < 4:
        return False
    vocab = ctx.vocab
    floor = vocab.zipf(lower) - INFLECTION_BASE_MARGIN
    for ending in INFLECTIONS:
        if not lower.endswith(ending):
            continue
        stem = lower[: -len(ending)]
        if not VOWELS.intersection(stem):
            return False  # "string", "thing", "reply"'s "rep" aside: no stem at all
        bases = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem}
        if len(stem) >= 2 and stem[-1] == stem[-2]:
            bases.add(stem[:-1])  # "stopped", "embedding"
        return any(len(base) >= 3 and vocab.is_word(base) and vocab.zipf(base) >= floor for base in bases)
    return False


def _plain_context(ctx: Context, token: Token) -> bool:
    """True when only a lower-case word or a comma, and a space, come just before ``token``.

    Anything else (a line start, a quote mark, a bracket, emphasis marks, a
    sentence end, a capitalised word) can explain a capital.
    """
    doc = ctx.doc
    if token.index == 0 or token.start == 0 or doc.text[token.start - 1] not in " \t":
        return False
    prev = doc.tokens[token.index - 1]
    if "\n" in doc.text[prev.end : token.start]:
        return False
    if prev.text == ",":
        before = doc.tokens[prev.index - 1] if prev.index else None
        return before is not None and before.is_word and before.text.islower()
    if not prev.is_word or doc.is_sentence_start(token):
        return False
    if prev.text[0].islower() or _plain_opener(ctx, prev):
        return True
    # After a name's possessive only a very common word ("OpenAI's Own blog"):
    # "the Queen's Speech", "OpenAI's Operator" name things
    possessive = prev.text.endswith(("'s", "’s"))
    return possessive and ctx.vocab.zipf(token.text.lower()) >= OPENER_ZIPF and bool(name_index(ctx).holding(prev.start))


def _plain_opener(ctx: Context, token: Token) -> bool:
    """A common word capitalised only because it starts the sentence ("The", "When")."""
    word, text = token.text, ctx.doc.text
    quoted = token.start > 0 and text[token.start - 1] in "\"'“‘"
    return (
        not quoted
        and ctx.doc.is_sentence_start(token)
        and word[1:].islower()
        and ctx.vocab.zipf(word.lower()) >= OPENER_ZIPF
        and not ctx.vocab.is_name(word)
    )


def _in_title(ctx: Context, token: Token, names: SpanIndex) -> bool:
    """True when a capitalised word, linked by at most two small words, stands beside ``token``.

    A lexicon name right beside it does not count: "the rise Own Facebook
    post" is still a random capital (but "Applications in Python" is a title).
    """
    tokens, text = ctx.doc.tokens, ctx.doc.text
    for step in (-1, 1):
        i, links = token.index, 0
        while True:
            j = i + step
            if not 0 <= j < len(tokens):
                break
            gap = text[tokens[min(i, j)].end : tokens[max(i, j)].start]
            nxt = tokens[j]
            if "\n" in gap:
                break
            if not gap and nxt.text in "-'’":  # "Drug-Free", "d'Or"
                i = j
                continue
            if gap and not gap.isspace():
                break
            if not nxt.is_word:
                break
            if nxt.text[0].isupper():
                possessive = step == 1 and text[tokens[i].start : tokens[i].end] in ("'", "’")
                name = names.holding(nxt.start) if links == 0 else None
                # "Own Facebook post": a name beside it explains nothing, unless the
                # capitals go on past the name ("the Ten American Painters")
                name_alone = name is not None and not (step == 1 and _capital_after(ctx, name[1]))
                if not possessive and (name_alone or _plain_opener(ctx, nxt)):
                    break
                return True
            if nxt.text.lower() not in LINKS or links == MAX_LINKS:
                break
            links += 1
            i = j
    return False


def _capital_after(ctx: Context, offset: int) -> bool:
    """True when a capitalised word follows ``offset`` after a single space."""
    text = ctx.doc.text
    return text[offset : offset + 1] == " " and text[offset + 1 : offset + 2].isupper()


def _before_number(ctx: Context, token: Token) -> bool:
    """"Room 41", "No. 37", "Level 1": a capitalised label before a number."""
    tokens = ctx.doc.tokens
    j = token.index + 1
    if j < len(tokens) and tokens[j].text == ".":
        j += 1
    return j < len(tokens) and tokens[j].text[0].isdigit()


def _structural(ctx: Context, token: Token) -> bool:
    """True when the document's structure explains the capital: a title-case term or label.

    - part of a hyphenated title-case term ("Time-To-Live", "Content-Type",
      "End-of-Life"), or after one ("Long-term Support");
    - a label: before a noun that names a control ("press the Install
      button"), or before inline code ("the Batch `ID`");
    - inside link text, emphasis or quotes ("[Getting Started Guide]",
      "**Install Now**"), in a table row, or in a list item's label (before
      its colon: "- Platinum members: …").
    Random capitals in running prose have none of these.
    """
    doc, tokens, text = ctx.doc, ctx.doc.tokens, ctx.doc.text
    i = token.index
    if _hyphen_title(tokens, text, i):
        return True
    prev = doc.prev_word(token)
    if prev is not None and text[prev.end : token.start] == " " and _hyphen_title(tokens, text, prev.index, rightwards=False):
        return True  # "Long-term Support"
    nxt = doc.next_word(token)
    if nxt is not None and text[token.end : nxt.start] == " " and nxt.text.lower() in LABEL_NOUNS:
        return True
    if text.startswith(" `", token.end) or text.startswith(("(", "::", ":", "#"), token.end):
        return True  # "the Batch `ID`", "Check()", "Verify::VerifyFinal", "Files:": code and field names
    if prev is not None and text[prev.end : token.start] == " " and _code_or_name_before(text, prev.start):
        return True  # "Node.js Project", "kIsInternal Symbol"
    if LIST_OF_NAMES_RE.match(text, token.end):
        return True  # "members Famous, Google, …": a list of names (the line may wrap after the comma)
    # (the line is read through positions and bounded windows, never copied: a
    # JSON Lines record may be one megabyte-long line with a capital every line)
    start, end = token.start, token.end
    line_start, line_end = doc.line_span(start)
    before, after = text[max(line_start, start - EXPANSION_REACH) : start], text[end : min(line_end, end + EXPANSION_REACH)]
    if _spells_acronym(before, token.text, after):
        return True  # "EOF (End of File)", "Time To Live (TTL)": an acronym's expansion
    if TABLE_ROW_RE.match(text, line_start, start):
        return True  # a table row: cells hold labels and title-case terms
    if _in_link_text(doc, start, end, line_end):
        return True  # link text
    if any(_short_span(doc, start, end, opener, closer) for opener, closer in SHORT_SPANS):
        return True  # a few words in emphasis or quotes: a UI label, a title
    marker = LIST_MARK_RE.match(text, line_start, start)
    if marker and _first_at(doc.line_places(start, ":"), end) >= 0 and not SENTENCE_MARK_RE.search(text, marker.end(), start):
        return True  # "- Platinum members Famous: …": a list item's label
    return False


def _last_before(places: list[int], pos: int, width: int = 1) -> int:
    """The last of ``places`` (of a mark ``width`` long) that ends at or before ``pos``; -1 if none."""
    i = bisect.bisect_right(places, pos - width) - 1
    return places[i] if i >= 0 else -1


def _first_at(places: list[int], pos: int) -> int:
    """The first of ``places`` at or after ``pos``; -1 if none."""
    i = bisect.bisect_left(places, pos)
    return places[i] if i < len(places) else -1


def _in_link_text(doc, start: int, end: int, line_end: int) -> bool:
    """True when ``[start, end)`` is inside "[…](…)" or "[…][…]" on its line: a "[" before it
    with no "]" between, and a "]" after it, before any "[", that a "(" or "[" follows."""
    opens, closes = doc.line_places(start, "["), doc.line_places(start, "]")
    if _last_before(opens, start) <= _last_before(closes, start):
        return False
    next_open = _first_at(opens, end)
    limit = next_open if next_open >= 0 else line_end
    text = doc.text
    for i in range(bisect.bisect_left(closes, end), len(closes)):
        q = closes[i]
        if q >= limit:
            break
        if q + 1 < line_end and text[q + 1] in "([":
            return True
    return False


def _spells_acronym(before: str, word: str, after: str) -> bool:
    """True when ``word`` (between ``before`` and ``after`` on its line) is in a run of
    capitalised words whose initials spell an acronym written in brackets beside it:
    "EOF (End of File)", "Time To Live (TTL)", "Function as a Service (FaaS)". An
    expansion is title case by design."""
    left = EXPANSION_LEFT_RE.search(before)
    right = EXPANSION_RIGHT_RE.match(after)
    run = (left.group() if left else "") + word + (right.group() if right else "")
    words = run.replace("-", " ").split()
    while words and words[0][0].islower():
        words.pop(0)  # "in various Function as a Service": the run starts at its first capital
    while words and words[-1][0].islower():
        words.pop()
    if not words:
        return False
    # "End of File" is "EOF" or "EF": small words may give their letter or not
    spellings = {"".join(w[0] for w in words if w[0].isupper()), "".join(w[0] for w in words).upper()}
    if min(map(len, spellings)) < 2:
        return False
    head = before[: len(before) - len(left.group())] if left else before
    tail = after[len(right.group()) :] if right else after
    opened = ACRONYM_BEFORE_RE.search(head)
    closed = ACRONYM_AFTER_RE.match(tail)
    # "FaaS" spells "Function as a Service" with its small words' letters in lower case
    spellings |= {s.upper() for s in spellings}
    return any(m is not None and m.group(1).upper() in spellings for m in (opened, closed))


def _code_or_name_before(text: str, end: int) -> bool:
    """True when the run of non-space characters ending at ``end`` (a token's start) is a
    dotted name ("Node.js", "test.py") or an identifier with a capital inside ("kIsInternal")."""
    start, floor = end, max(0, end - RUN_REACH)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    stop = text.find(" ", end, end + RUN_REACH)  # (not ``text[end:].split``: a copy of the rest of the text)
    run = text[start : stop if stop != -1 else min(len(text), end + RUN_REACH)]
    if regex.search(r"\w\.\w", run):
        return True  # "test.py Queue", "Node.js Project": after a file or a dotted name
    return any(ch.isupper() for ch in run) and not run[:1].isupper()  # "kIsInternal Symbol"


def _short_span(doc, start: int, end: int, opener: str, closer: str) -> bool:
    """True when the token at ``[start, end)`` stands, on its line, in a span of a few words
    opened by ``opener`` and closed by ``closer``: "**Install Now**", "“Save As”" (a quoted
    sentence of dialogue is longer). An ``opener`` that is also the ``closer`` opens only
    when the line has an odd number of them before the token."""
    opened = _last_before(doc.line_places(start, opener), start, len(opener))
    if opened < 0:
        return False
    if opener == closer and bisect.bisect_right(doc.line_places(start, opener, overlapping=False), start - len(opener)) % 2 == 0:
        return False
    closers = doc.line_places(start, closer)
    inside = opened + len(opener)
    if _last_before(closers, start, len(closer)) >= inside:
        return False  # closed again before the token
    closed = _first_at(closers, end)
    if closed < 0:
        return False
    words = _words(doc.text, inside, start, SHORT_SPAN_WORDS)
    return words <= SHORT_SPAN_WORDS and words + _words(doc.text, end, closed, SHORT_SPAN_WORDS - words) <= SHORT_SPAN_WORDS


def _words(text: str, start: int, end: int, limit: int) -> int:
    """The number of words (``str.split``'s) in ``text[start:end]``, counted only to ``limit + 1``."""
    return sum(1 for _ in islice(NON_SPACE_RE.finditer(text, start, end), limit + 1))


def _hyphen_title(tokens: list[Token], text: str, i: int, rightwards: bool = True) -> bool:
    """True when token ``i`` is part of a hyphenated compound ("Time-To-Live",
    "Long-term") another part of which, or whose first part, is capitalised."""
    first = last = i
    while first >= 2 and tokens[first - 1].text == "-" and tokens[first - 2].end == tokens[first - 1].start == tokens[first].start - 1:
        first -= 2
    while last + 2 < len(tokens) and tokens[last + 1].text == "-" and tokens[last].end == tokens[last + 1].start == tokens[last + 2].start - 1:
        last += 2
    if first == last:
        return False
    parts = [tokens[k] for k in range(first, last + 1, 2)]
    if not rightwards:
        return parts[0].text[:1].isupper()
    return any(p.index != i and p.text[:1].isupper() for p in parts)


def _in_menu_path(ctx: Context, token: Token) -> bool:
    """"click File > Export", "Settings → Privacy": a label on a path through menus."""
    tokens = ctx.doc.tokens
    for arrow, other in ((token.index + 1, token.index + 2), (token.index - 1, token.index - 2)):
        if 0 <= other < len(tokens) and tokens[arrow].text in MENU_ARROWS and tokens[other].text[0].isupper():
            return True
    return False


# -- the gate: the rules above, read the other way round ---------------------------
CAPITAL = kind_bit("a common word capitalised: suspect after a plain word or a comma")
PLAIN = kind_bit("before a capital, leaves it unexplained: a lower-case word, a comma, 'The', 'its'")
TITLED = kind_bit("after a capital, explains it as part of a title: 'Social Security'")
LINK = kind_bit("'of', 'the': may stand inside a title")
NUMBER = kind_bit("'Room 41'")


class CapitalsGate(Gate):
    """A common word capitalised after a plain word or a comma, that no title, name,
    number or label explains (what :func:`detect` weighs)."""

    uses = (LEXICON_GATE,)  # a correct name explains a capital
    bits = CAPITAL

    def classify(self, form: str, probe: Probe) -> int:
        if not form[0].isalnum():
            return PLAIN if form == "," else 0
        if form[0].islower() and form.isalpha() and form.islower():  # most new forms: answered at once
            return PLAIN | LINK if form in LINKS else PLAIN
        return self.classify_any(form, probe)

    def classify_any(self, form: str, probe: Probe) -> int:
        """:meth:`classify` by the general rule (``tests/test_screen.py`` holds the shortcut to it)."""
        if not form[0].isalnum():
            return PLAIN if form == "," else 0
        first = form[0]
        vocab = probe.resources.vocabulary
        lower = form.lower()
        title = len(form) >= 2 and first.isupper() and form[1:].islower()
        kind = 0
        if title and vocab.is_common(lower, MIN_COUNT) and not vocab.is_name(form):
            kind |= CAPITAL
        if first.islower() or form.endswith(POSSESSIVE_ENDINGS) or (title and vocab.zipf(lower) >= OPENER_ZIPF and not vocab.is_name(form)):
            kind |= PLAIN
        if first.isupper():
            kind |= TITLED
        if lower in LINKS:
            kind |= LINK
        if first.isdigit():
            kind |= NUMBER
        return kind

    def token_hits(self, listing: Listing, part: Part, picked: list[int]) -> list[int]:
        toks, ks = part.toks, part.kinds
        covered = LEXICON_GATE.scan(listing, part, picked)[1]
        ends = [last for _, last in covered]
        hits = []
        for i in picked:
            if not ks[i] & CAPITAL or not i or not ks[i - 1] & PLAIN:  # (a line break is not PLAIN)
                continue
            k = bisect.bisect_left(ends, i)
            if k < len(covered) and covered[k][0] <= i:
                continue  # inside a correct name
            if ks[i] & FIRST_RIGHT and not hyphened(toks, i, i):
                continue  # a listed name, written right
            prev = toks[i - 1]
            # a lower-case word or a comma before it, or a sentence opener ("The"), or a
            # possessive (of a name, before a very common word, as _plain_context asks: "OpenAI's Own")
            plain = prev[0].islower() or prev == "," or i < 2 or not toks[i - 2][0].isalnum() or prev.endswith(POSSESSIVE_ENDINGS)
            if plain and not _explained(listing, toks, i):
                hits.append(i)
        return hits


def _explained(listing: Listing, toks: list[str], i: int) -> bool:
    """True when what follows token ``i`` explains its capital for certain.

    A number after it ("Room 41"), or a capitalised word on either side,
    maybe across one or two small words ("Museum of Modern Art",
    "Secretary of State"), on the same line; right beside it, a
    capitalised word explains only if it starts no lexicon name ("the
    rise Own Facebook post" is still suspect): :func:`_in_title`,
    :func:`_before_number` and :func:`_plain_opener`, read the other way round.
    """
    kind = listing.kind
    n = len(toks)
    j = i + 1
    if j < n and toks[j] == "." and j + 1 < n:
        j += 1
    if j < n and kind(toks[j]) & NUMBER:
        return True
    j = i + 1
    for links in range(MAX_LINKS + 1):
        if j >= n:
            break
        k = kind(toks[j])
        if k & TITLED:
            if links == 0 and k & FIRST:
                suspect, named_until = form_at(listing.resources.memo("lexicon_firsts"), listing.resources.lexicon, toks, j, j - 1)
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
    for links in range(MAX_LINKS + 1):
        if j < 0:
            return False
        k = kind(toks[j])
        if k & TITLED:
            opener = k & PLAIN and (j == 0 or not toks[j - 1][0].isalnum())
            return links > 0 and not opener
        if not k & LINK:
            return False
        j -= 1
    return False


gate = CapitalsGate()
