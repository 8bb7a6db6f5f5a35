"""Period spelling is not damage.

Old print spells "onely", "beene", "himselfe", "countrey", "cryed",
"comming", "extremitie", "vnto", "shew", "connexion", "to-day"; British
print "colour", "realise". Transcriptions keep these, and so must a
corrector: a candidate that differs from the token only as a period or
national spelling would is no correction. OCR seldom adds an "e", doubles a
consonant, or swaps y for i, so these differences are read as spelling.
"""

from __future__ import annotations

PERIOD_FORMS = frozenset(
    {"shew", "shewn", "shewed", "connexion", "gaol", "gaoler", "to-day", "to-morrow", "to-night", "withall", "ony"}
)


VOWELS = frozenset("aeiou")
VOWELS_Y = VOWELS | {"y"}  # every modern word but an abbreviation has one ("my", "rhythm")
# Shorter tokens are read as damage, not spelling, when they drop an "e" or swap a
# vowel: period print spelt "the", "are", "of" as today ("th", "aro", "ef" are
# a scan's slips), while "entred" and "forgat" are spellings.
MIN_RESPELT_LEN = 4


def period_variant(seen: str, word: str) -> bool:
    """True when ``seen`` is ``word`` as period or British print spells it (both lower case)."""
    if seen in PERIOD_FORMS:
        return True
    if len(seen) == len(word) + 1:
        # an added "e" ("onely", "beene", "himselfe"), or a doubled letter ("comming", "untill")
        for i in range(len(seen)):
            if seen[:i] + seen[i + 1 :] == word and (seen[i] == "e" or (i and seen[i - 1] == seen[i])):
                return True
    if len(word) == len(seen) + 1 and len(seen) >= MIN_RESPELT_LEN:
        # a dropped "e" ("entred", "deliv'red" spelt out)
        for i in range(len(word)):
            if word[i] == "e" and word[:i] + word[i + 1 :] == seen:
                return True
    if len(seen) == len(word):
        diffs = [(a, b) for a, b in zip(seen, word) if a != b]
        if len(diffs) == 1 and diffs[0][0] in VOWELS and diffs[0][1] in VOWELS and len(seen) >= MIN_RESPELT_LEN:
            return True  # "forgat", "bene", "streight": a vowel the period wrote otherwise
        if len(diffs) == 1 and diffs[0] in (("v", "u"), ("u", "v"), ("y", "i"), ("i", "y"), ("i", "j"), ("s", "z")):
            return True  # "vnto", "cryed", "iudgement", "realise"
    if seen.endswith("ie") and word.endswith("y") and seen[:-2] == word[:-1]:
        return True  # "extremitie"
    if seen.endswith("our") and word == seen[:-3] + "or":
        return True  # "colour"
    if seen.endswith("ey") and word == seen[:-2] + "y":
        return True  # "countrey"
    return False


def period_readings(seen: str) -> set[str]:
    """The modern words ``seen`` may be a period spelling of (every undoing; most are no word).

    Only words with a vowel: the period respelt words, not abbreviations ("tbe"
    is no "TB" with an added "e", whatever else a scan left on the page)."""
    out = set()
    for i in range(1, len(seen)):
        if seen[i] == "e" or seen[i] == seen[i - 1]:
            out.add(seen[:i] + seen[i + 1 :])
    if seen.endswith("ie"):
        out.add(seen[:-2] + "y")
    if seen.endswith("ey"):
        out.add(seen[:-2] + "y")
    if seen.endswith("our"):
        out.add(seen[:-3] + "or")
    for i, ch in enumerate(seen):
        swap = {"v": "u", "u": "v", "y": "i", "i": "j"}.get(ch)
        if swap:
            out.add(seen[:i] + swap + seen[i + 1 :])
    return {w for w in out if w != seen and not VOWELS_Y.isdisjoint(w) and period_variant(seen, w)}
