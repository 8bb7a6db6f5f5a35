"""Entity casing against the lexicon: "Openai" → "OpenAI", "Meta Ai" → "Meta AI".

(Names the document itself spells consistently are :mod:`.learned_names`,
the same family.)

When the canonical form is also an ordinary word ("Fair"/FAIR, "meta"/Meta,
"x"/X), the case difference alone proves nothing: the scorer needs context
support, such as the acronym spelled out just before it or the canonical form
written elsewhere in the same document.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..casing import shape
from ..document import TOKEN_RE
from ..model import Candidate, Family, Suspect
from ..settings import setting
from .base import Context
from .evidence import RECURRING_MIN, in_identifier, in_prose, is_ordinary, typed_page
from .matching import LEXICON_GATE, lexicon_matches, preceding_words, spells_acronym, strip_possessive
from .name_evidence import after_given_name, in_code_name, mentioned_beside, names_edited, recurs

family = Family.ENTITY_CASE
reads = "tokens"
goes_first = False  # (said, not left out: see base.py)
gate = LEXICON_GATE  # lexicon forms written other than canonically
context_features: dict = {}

LOWER_NAME_MIN = setting("entity-case", "lower-name-min")  # letters a lower-case word needs to pass for a name on the word lists alone
CODE_NOUNS = frozenset(setting("entity-case", "code-nouns"))


def _plainly_miscased(ctx: Context, observed: str, canonical: str) -> bool:
    """True when ``observed`` can only be a mis-cased name: no word in any case, not shouted.

    The frequency list holds every name lower-cased ("pfizer"), so a name of
    capitalised words written in lower case is judged by the English word
    lists alone, and only if each word is long: a short one is too often
    something else ("audi" in OCR'd text is "and I"; "hee" in old print is "he").
    Camel case and capitals are left out: lower case is how "webpack" or a
    stock ticker ("alle", ALLE) is meant to be written.
    """
    if observed.isupper():
        return False
    vocab = ctx.vocab
    lower_name = observed.islower() and all(shape(word) == "title" for word in canonical.split())
    for m in TOKEN_RE.finditer(observed):
        word = strip_possessive(m.group().lower())
        if not word.isalpha():
            continue
        if lower_name and len(word) < LOWER_NAME_MIN:
            return False  # "hee" (old print's "he") is no company "Hee"
        if lower_name and not vocab.in_word_lists(word):
            continue
        if vocab.is_word(word) or vocab.is_rare_word(word) or vocab.is_name(m.group()):
            return False
    return True


def _plural_acronym(observed: str, canonical: str) -> bool:
    """True when ``observed`` is an acronym in capitals with a plural "s" ("CVs", "APIs")."""
    return len(observed) >= 3 and observed.endswith("s") and observed[:-1].isalpha() and observed[:-1].isupper() and canonical.isupper()


def _capital_at_start(doc, first, observed: str, canonical: str) -> bool:
    """True when ``observed`` differs from a lower-case ``canonical`` only by the capital
    of its first letter: where a sentence, heading, list item, table cell or link text
    starts ("Autocomplete …", "| Webpack |") the capital belongs to the place, and
    mid-sentence writers capitalise a lower-case brand as a name ("with Webpack"); a
    lower-case entry lowercases neither."""
    if not canonical[:2].isalpha():
        return False  # "O1" for OpenAI's "o1": a letter and a number, a model's code; "Base64" is a word with one
    return observed[:1].isupper() and canonical[:1].islower() and observed[1:] == canonical[1:]


def _names_code(doc, match, canonical: str) -> bool:
    """True when ``match``, an acronym written in title case ("Url" for URL), stands just
    before a noun for a kind of thing code defines ("the Url class", "an Http module"):
    code writes acronyms so in its identifiers, and the prose names the identifier."""
    if not (canonical.isupper() and shape(match.text) == "title"):
        return False
    nxt = doc.next_word(doc.tokens[match.last])
    return nxt is not None and doc.text[match.end : nxt.start] == " " and nxt.text in CODE_NOUNS


def _written_as_code(doc, match, canonical: str) -> bool:
    """True when a lower-case ``match`` is an identifier, not a name mis-cased: part of a
    hyphenated or underscored name ("eslint-config-prettier", "test-…-nexttick"), or
    the lower-case form of a camel-case identifier ("tostring" is not "toString")."""
    observed = match.text
    if not observed.islower():
        return False
    if canonical[:1].islower() and not canonical.islower():
        return True  # "mustcall", "nexttick": another identifier, or a file's name
    return in_identifier(doc.text, match.start, match.end)


def _house_spelling(ctx: Context, observed: str, canonical: str) -> bool:
    """True when the prose writes a name in lower case, ``observed``, again and again: its
    own way ("eslint", "semver" for the tool or the package), not a slip."""
    if not observed.islower():
        return False
    # beside the lexicon's form, a lower-case one used often is a second, deliberate
    # spelling: the command or package beside the product ("eslint" and "ESLint"), so
    # one more use is needed where the text writes that form too. (The text is searched
    # for that form only when the count falls between the two bars: seldom.)
    seen = in_prose(ctx, (observed,), RECURRING_MIN + 1)
    if seen != RECURRING_MIN:
        return seen > RECURRING_MIN
    return not ctx.doc.count_phrase(canonical)


def _among_capitals(doc, first: int, last: int) -> bool:
    """True when a word in capitals stands right before or after tokens ``first`` to
    ``last`` on the same line: a dateline or a headline set in capitals."""
    tokens, text = doc.tokens, doc.text
    for i, step in ((first, -1), (last, 1)):
        j = i + step
        if not 0 <= j < len(tokens):
            continue
        near = tokens[j]
        gap = text[min(near.end, tokens[i].end) : max(near.start, tokens[i].start)]
        if near.is_word and "\n" not in gap and len(near.text) >= 2 and near.text.isalpha() and near.text.isupper():
            return True
    return False


def _edited_form(ctx: Context, observed: str, canonical: str) -> bool:
    """True when, in a text that writes its names as edited text does, ``observed`` is the
    author's own form: all in lower case (a package, a command: "openssl"), written more
    than once (a house spelling: "CommonJs"), or, once, in a casing of its own where the
    right form is written nowhere ("PHPStorm", "Coffeescript"). A name in capitals is
    shouted, not spelt: "PYTHON" is still recased, but not on a typed page, where a word
    in capitals is code's (a constant, a variable, a tag: "no META title")."""
    doc = ctx.doc
    if observed.islower() or recurs(doc, observed):
        return True
    return (not observed.isupper() or typed_page(ctx)) and not doc.count_phrase(canonical)


def _word_named(ctx: Context, observed: str, canonical: str) -> bool:
    """True when ``observed`` is an ordinary word in title case ("Arm") whose lexicon form
    is in capitals (ARM): in a text that writes its names as edited text does, a writer
    who capitalises a common word mid-sentence means a name, and a name written so is
    its owner's spelling ("Windows on Arm"), not the acronym's letters lowered; a
    translator lowers letters in any text, so elsewhere it is still recased ("Meta Ai")."""
    return canonical.isupper() and shape(observed) == "title" and is_ordinary(ctx, observed)


def _name_of_its_own(observed: str, entry) -> bool:
    """True when ``observed``, a capitalised word that reads as a word (a vowel after its
    first letter), meets a large list's name in capitals ("Xing" and XING, "Alle" and the
    ticker ALLE): the word is a name in its own right, which nothing says is that
    company's. A run of consonants ("Kpmg") is the acronym written wrong."""
    return (
        entry.tier != "full"
        and entry.canonical.isupper()
        and shape(observed) == "title"
        and any(ch in "aeiouy" for ch in observed[1:].lower())
    )


def _differing(observed: str, canonical: str) -> tuple[str, str]:
    """The words where ``observed`` and ``canonical`` differ (they match ignoring case)."""
    seen = [m.group() for m in TOKEN_RE.finditer(observed)]
    want = [m.group() for m in TOKEN_RE.finditer(canonical)]
    pairs = [(a, b) for a, b in zip(seen, want) if a != b]
    return " ".join(a for a, _ in pairs), " ".join(b for _, b in pairs)


def _recased(observed: str, canonical: str) -> str:
    """``observed`` with each word cased as in ``canonical``, its own spacing kept
    (a line break inside the name stays)."""
    want = [m.group() for m in TOKEN_RE.finditer(canonical)]
    seen = list(TOKEN_RE.finditer(observed))
    if len(want) != len(seen):
        return canonical
    out, pos = [], 0
    for m, word in zip(seen, want):
        out.append(observed[pos : m.start()])
        out.append(word)
        pos = m.end()
    out.append(observed[pos:])
    return "".join(out)


def detect(ctx: Context) -> Iterator[Suspect]:
    doc = ctx.doc
    for match in lexicon_matches(ctx):
        entry = match.entry
        if entry.alias is not None or match.text == entry.canonical or doc.is_protected(match.start, match.end):
            continue  # (protected first: on a docs page most matches are in links, "https://github.com/…")
        canonical = _recased(match.text, entry.canonical)
        if canonical == match.text or " ".join(match.text.split()) in ctx.lexicon.canonical_forms(entry.canonical.lower()):
            continue  # the lexicon accepts this casing too
        if entry.tier == "protect" or (entry.tier == "case" and not _plainly_miscased(ctx, match.text, entry.canonical)):
            continue  # "centre", "king's", "Du": a listed name is no reason to recase a word
        first = doc.tokens[match.first]
        if _plural_acronym(match.text, entry.canonical):
            continue  # "CVs", "APIs": the plural of an acronym, not "CVS"
        if _capital_at_start(doc, first, match.text, canonical):
            continue  # "Autocomplete …" opening a list item: the capital belongs to the place
        if _written_as_code(doc, match, canonical) or _house_spelling(ctx, match.text, entry.canonical):
            continue
        if _names_code(doc, match, entry.canonical):
            continue  # "using Url class": the class, as the code spells it
        if in_code_name(doc.text, match.start, match.end):
            continue  # "GITHUB_TOKEN", "javascript:", "@watson": code's names keep their case
        if match.first == match.last and shape(match.text) == "title" and after_given_name(ctx, match.first):
            continue  # "Alfred Xing": a surname, not the company XING
        if mentioned_beside(doc, match.start, match.end, entry.canonical):
            continue  # "use JavaScript instead of Javascript": a note on the spelling
        if _name_of_its_own(match.text, entry):
            continue  # "Intl", "Xing": a capitalised word is a name in its own right, not a listed ticker
        if names_edited(ctx) and (_edited_form(ctx, match.text, entry.canonical) or _word_named(ctx, match.text, entry.canonical)):
            continue
        observed_shape = shape(match.text)
        if doc.in_capitals(match.start) or (observed_shape == "upper" and _among_capitals(doc, match.first, match.last)):
            continue  # a line or a run in capitals ("NODE.JS INTERACTIVE 2015") says nothing about a name's casing
        elsewhere = doc.count_phrase(entry.canonical)
        is_acronym = entry.canonical.isupper() and len(entry.canonical) <= 6
        acronym = is_acronym and spells_acronym(entry.canonical, preceding_words(doc, match.first))
        seen_part, canonical_part = _differing(match.text, canonical)
        sentence_start = doc.is_sentence_start(first)
        features = {
            "lexicon": 1.0,
            "observed_word": float(is_ordinary(ctx, seen_part)),
            "canonical_word": float(is_ordinary(ctx, canonical_part)),
            "observed_lower": float(observed_shape == "lower"),
            "lower_acronym": float(observed_shape == "lower" and is_acronym),
            "capitalised_mid": float(not sentence_start and any(ch.isupper() for ch in match.text)),
            "multiword": float(match.last > match.first),
            "sentence_start": float(sentence_start),
            "heading": float(doc.in_heading(match.start)),
            "support_doc": float(elsewhere > 0),
            "support_acronym": float(acronym),
        }
        evidence = []
        if elsewhere:
            evidence.append(f"written “{entry.canonical}” {elsewhere} time{'s' if elsewhere > 1 else ''} elsewhere in the text")
        if acronym:
            evidence.append("the words before it spell the acronym out")
        if not features["observed_word"]:
            evidence.append(f"“{match.text}” is not an English word")
        reason = f"“{match.text}” is the lexicon name “{entry.canonical}” ({entry.source}) in the wrong case"
        if evidence:
            reason += "; " + ", ".join(evidence)
        yield Suspect(match.start, match.end, match.text, Family.ENTITY_CASE, (Candidate(canonical, features, reason),))
