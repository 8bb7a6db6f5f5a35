"""Small helpers about letter case shared by detectors."""

from __future__ import annotations


def shape(word: str) -> str:
    """The case pattern of ``word``: "lower", "title", "upper" or "mixed".

    >>> [shape(w) for w in ("the", "The", "NASA", "iPhone")]
    ['lower', 'title', 'upper', 'mixed']
    """
    if word.isascii() and word.isalpha():  # most words: every character a cased letter
        if word.islower():
            return "lower"
        if word.isupper():
            return "upper" if len(word) > 1 else "title"
        return "title" if word[0].isupper() and word[1:].islower() else "mixed"
    return shape_of_letters([ch for ch in word if ch.isalpha()])


def shape_of_letters(letters: list[str]) -> str:
    """The case pattern of a word's ``letters`` (the rule :func:`shape` applies, letter by letter)."""
    if not letters:
        return "lower"
    if all(ch.islower() for ch in letters):
        return "lower"
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    return "mixed"


def cased_like(template: str, word: str) -> str:
    """``word`` in the case pattern of ``template`` (title, upper or lower).

    >>> cased_like("Tbe", "the"), cased_like("WOU1D", "would")
    ('The', 'WOULD')
    """
    kind = shape(template)
    if kind == "upper":
        return word.upper()
    if kind == "title":
        return word[:1].upper() + word[1:]
    return word
