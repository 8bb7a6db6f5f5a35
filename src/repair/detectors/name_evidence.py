"""Evidence about a document's names that the name families weigh beside the lexicon.

Machine translation garbles names as a habit: one article writes "Openai",
"Pytorch" and "NetScape" within a few hundred words, each maybe several
times. Edited text (documentation, blogs, changelogs) writes names the way
its authors chose: "openssl" for the package, "CommonJs" twenty times as its
house spelling, "Alfred Xing" for a person. So the evidence that a name is
damaged is not only the name: it is how many other names the same document
writes wrong (:func:`names_edited`), whether the form is a piece of an
identifier (:func:`in_code_name`) and whether it stands where a person's name
stands (:func:`after_given_name`, :func:`in_people_list`).
"""

from __future__ import annotations

import regex

from ..casing import shape
from ..document import Document
from ..fast_re import Lazy
from ..model import Token
from ..settings import setting
from .base import Context
from .evidence import is_ordinary
from .matching import lexicon_matches

EDITED_MIN_WORDS = setting("entity-case", "edited-min-words")
EDITED_MAX_DAMAGE = setting("entity-case", "edited-max-damage")
EDITED_SHORT_WORDS = setting("entity-case", "edited-short-words")
GIVEN_NAME_MAX_COUNT = setting("entity-case", "given-name-max-count")
LIST_SEPARATORS = frozenset({",", ";"})
LIST_ITEM_RE = Lazy(r"[ \t]*[-*+][ \t]+")  # a Markdown list item's marker, up to its text
# A list item that names a person: a first name and a capitalised word, or a link to a mail
# address ("- Lawrence Chan", "- [Matt VanEseltine](mailto:…)")
PERSON_ITEM_RE = Lazy(r"[ \t]*[-*+][ \t]+\[?(\p{Lu}\p{Ll}+) \p{Lu}[^\]\n]*(\]\(mailto:)?")
MENTION_GAP = 24  # characters, at most, between a form and the right one it is set against
# What stands between two spellings of a name when a text discusses them:
# "Nodejs to Node.js", "NodeJS->Node.js", "“JavaScript” instead of “Javascript”".
MENTION_CUE_RE = Lazy(r"[\s\p{Pi}\p{Pf}\"'`*()]*(?:->|→|=>|to|instead of|rather than|not|vs\.?|versus)[\s\p{Pi}\p{Pf}\"'`*()]*", regex.IGNORECASE)


def miscased_forms(ctx: Context) -> set[str]:
    """The distinct lexicon names the document writes in a casing the lexicon does not
    accept, where the form is no ordinary word and not all lower case ("Openai",
    "NetScape", "Meta Ai"): what machine translation leaves, not a package's name."""
    found: set[str] = set()
    judged: dict[tuple[str, str, str | None], bool] = {}  # a name is written many times: judge each form once
    doc, lexicon = ctx.doc, ctx.lexicon
    for m in lexicon_matches(ctx):
        entry = m.entry
        if entry.tier == "protect" or m.text in found or m.text.islower():
            continue
        key = (m.text, entry.canonical, entry.alias)
        wrong = judged.get(key)
        if wrong is None:
            wrong = judged[key] = entry.alias is not None or not (
                m.text == entry.canonical
                or " ".join(m.text.split()) in lexicon.canonical_forms(entry.canonical.lower())
                or is_ordinary(ctx, m.text)  # "Fair", "meta": a word, so no evidence either way
                or is_ordinary(ctx, entry.canonical)
            )
        if wrong and not doc.is_protected(m.start, m.end) and not doc.in_capitals(m.start):
            found.add(m.text)  # (a line in capitals, "AUSTIN, TEXAS", says nothing of names)
    return found


def names_edited(ctx: Context) -> bool:
    """True when the document writes its names as edited text does: long enough to
    judge (``edited-min-words``), and fewer distinct names written wrong than
    ``edited-max-damage`` per 10,000 words, a text shorter than ``edited-short-words``
    counted as that long (two slips on a short page are no habit).

    On such a text a name's unusual casing is its author's choice far more often than
    damage, so only a lone slip beside the right form is worth fixing. A short text
    says too little about itself and is read as today. Remembered per document.
    """
    known = ctx.memo.get("names_edited")
    if known is None:
        words = ctx.doc.word_count
        known = words >= EDITED_MIN_WORDS and len(miscased_forms(ctx)) * 10_000 < EDITED_MAX_DAMAGE * max(words, EDITED_SHORT_WORDS)
        ctx.memo["names_edited"] = known
    return known


def in_code_name(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a name code reads, whose case is part of it:
    glued by an underscore to more letters ("GITHUB_TOKEN", "MACOS_DEPLOYMENT_TARGET"),
    a URL scheme ("javascript:" with no space after the colon), a handle ("@watson"),
    or a file or key name after a dot ("the .editorconfig file")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if (before == "_" and start >= 2 and text[start - 2].isalnum()) or (after == "_" and end + 1 < len(text) and text[end + 1].isalnum()):
        return True
    if after == ":" and end + 1 < len(text) and not text[end + 1].isspace():
        return True
    if before == "@":
        return True
    if before != ".":
        return False
    # "the .editorconfig file", "process.env.PYTHON"; a capitalised word after a dot
    # with no space ("model.Openai") may be a sentence run on, and is left to be judged
    return start < 2 or not text[start - 2].isalnum() or not text[start : end].istitle()


def _is_given_name(ctx: Context, token: Token) -> bool:
    """True when ``token`` reads as a person's given name: capitalised, a proper noun of the
    word lists, rarer as a word than ``given-name-max-count`` ("anna", "ruth" are words
    too, but seldom), and no lexicon name's first word ("Alfred", not "Google", "New"
    or "Will")."""
    return _given_name(ctx, token.text)


def _given_name(ctx: Context, word: str) -> bool:
    if shape(word) != "title" or not word.isalpha():
        return False
    lower = word.lower()
    return ctx.vocab.is_name(word) and ctx.vocab.count(lower) < GIVEN_NAME_MAX_COUNT and lower not in ctx.lexicon.first_keys()


def after_given_name(ctx: Context, index: int) -> bool:
    """True when the capitalised token ``index`` follows a given name across one space on
    the same line ("Alfred Xing"), or a capitalised word and an initial ("Mark S.
    Everitt"): a surname, which no company's or place's name recases."""
    doc = ctx.doc
    if index == 0:
        return False
    tokens, text = doc.tokens, doc.text
    token, prev = tokens[index], tokens[index - 1]
    if prev.is_word and text[prev.end : token.start] == " " and _is_given_name(ctx, prev):
        return True
    if index < 4 or prev.text != "." or text[prev.end : token.start] != " ":
        return False
    initial, name = tokens[index - 2], tokens[index - 3]
    return (
        len(initial.text) == 1
        and initial.text.isupper()
        and name.is_word
        and shape(name.text) == "title"
        and text[name.end : initial.start] == " "
    )


def mentioned_beside(doc: Document, start: int, end: int, canonical: str) -> bool:
    """True when the right form ``canonical`` is set against ``text[start:end]`` close by on
    the same line, with "to", "->", "instead of" between: the text discusses the two
    spellings ("correct Nodejs to Node.js"), and the wrong one is quoted, not written."""
    text = doc.text
    line_start, line_end = doc.line_span(start)
    after = text.find(canonical, end, min(line_end, end + MENTION_GAP + len(canonical)))
    if after >= 0 and MENTION_CUE_RE.fullmatch(text, end, after):
        return True
    before = text.rfind(canonical, max(line_start, start - MENTION_GAP - len(canonical)), start)
    return before >= 0 and bool(MENTION_CUE_RE.fullmatch(text, before + len(canonical), start))


def in_people_list(ctx: Context, first: int, last: int) -> bool:
    """True when tokens ``first`` to ``last`` are an item of a list of people: commas set
    them apart, and an item beside them is a given name and a surname ("Lou Rectoret,
    Malathi, …", "Alexandr, Andreas Möller"). A contributor's name there is no
    misspelt place or language."""
    tokens = ctx.doc.tokens
    left = tokens[first - 1].text if first > 0 else "\n"
    right = tokens[last + 1].text if last + 1 < len(tokens) else "\n"
    if left not in LIST_SEPARATORS and right not in LIST_SEPARATORS:
        return _alone_in_people_item(ctx, tokens[first].start, tokens[last].end)
    if right in LIST_SEPARATORS and _person_at(ctx, tokens, last + 2, 1):
        return True
    return left in LIST_SEPARATORS and _person_at(ctx, tokens, first - 2, -1)


def _alone_in_people_item(ctx: Context, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is all of a Markdown list item, and the item before or
    after it names a person (a first name the word lists know and a capitalised word, or a
    link to a mail address): an AUTHORS list ("- Lawrence Chan", "- Mariatta",
    "- [Matt VanEseltine](mailto:…)"), where a contributor may go by one name."""
    doc = ctx.doc
    line_start, line_end = doc.line_span(start)
    if not LIST_ITEM_RE.fullmatch(doc.text, line_start, start) or doc.text[end:line_end].strip():
        return False
    neighbours = []
    if line_start > 0:
        neighbours.append(doc.line_span(line_start - 1))
    if line_end < len(doc.text):
        neighbours.append(doc.line_span(line_end + 1))
    for a, b in neighbours:
        item = PERSON_ITEM_RE.match(doc.text, a, b)
        if item is not None and (item.group(2) or ctx.vocab.is_name(item.group(1))):
            return True
    return False


def _person_at(ctx: Context, tokens: list[Token], i: int, step: int) -> bool:
    """True when the list item ending (``step`` -1) or starting (``step`` 1) at token ``i``
    is a given name followed by a capitalised word."""
    doc = ctx.doc
    j = i + step
    if not (0 <= i < len(tokens) and 0 <= j < len(tokens)):
        return False
    a, b = (tokens[i], tokens[j]) if step > 0 else (tokens[j], tokens[i])
    if not (a.is_word and b.is_word and b.text[:1].isupper() and doc.text[a.end : b.start] == " "):
        return False
    return _is_given_name(ctx, a)


def recurs(doc: Document, form: str) -> bool:
    """True when the document writes ``form`` more than once: its own way, not a slip."""
    return doc.count_phrase(form) >= 2
