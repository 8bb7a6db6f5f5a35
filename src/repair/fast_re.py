"""Whole-text patterns run on the standard library's ``re`` when it gives the same answer.

The ``regex`` module knows Unicode properties (``\\p{L}``), which our
patterns need, but its matcher is two to three times slower than ``re`` on
plain character classes, and the whole-text passes (the screen lists every
token of every text) are most of a clean text's cost. So a :class:`Twin`
keeps both: the ``regex`` pattern, and a translation for ``re`` in which
every property and class escape (``\\p{Lu}``, ``\\s``, ``\\w``, ``\\d``) is
spelt out as the code points the ``regex`` module itself puts in it. The
translation is exact for text without characters beyond U+FFFF (``re``
looks those up in a slow list), so it is used only for such text, and
only once a Twin has read enough text to repay compiling it (a hook's
small file never compiles it; a pipeline's articles soon do). A pattern
using anything whose meaning could differ between the two engines
(``\\b``, case folding, reverse search, a variable look-behind...) is
not translated at all: it simply runs on ``regex``.
``tests/test_fast_re.py`` holds both engines to the same answers.

A :class:`ByFirstChar` is the other way to a faster scan: a pattern that
starts with a class of characters, split into one pattern per character.

A :class:`Lazy` pattern is compiled when first used: most of the
module-level patterns serve text a short clean page does not hold (doctest
lines, bracketed acronyms, OCR hyphens...), and compiling them all at import
was a tenth of a hook's start-up.
"""

from __future__ import annotations

import functools
import re
import sys
import weakref

import regex

from .memo import per_text

FAST_MIN = 16_384  # characters a Twin reads before compiling its translation: a hook's one small
# file would not repay the compiling, a pipeline's stream of small articles soon does
ASTRAL_RE = regex.compile("[\U00010000-\U0010ffff]")
ESCAPES = frozenset("pPsSwWdD")  # spelt out as code points
PLAIN_ESCAPES = frozenset("ntrfvxuUAZ")  # the same in both engines
GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P<", "(?P=")
FLAGS = regex.MULTILINE | regex.UNICODE | regex.VERSION0  # flags both engines read alike
# (not VERBOSE: its comments would be read as pattern)


@functools.lru_cache(maxsize=None)
def _code_points(escape: str) -> str:
    """The BMP code points ``escape`` (``\\p{L}``, ``\\s``) matches in ``regex``, as ``re`` class ranges."""
    parts = []
    for m in regex.finditer(f"[{escape}]+", _bmp()):
        first, last = m.start(), m.end() - 1
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return "".join(parts)


@functools.cache
def _bmp() -> str:
    """Every character below U+10000, in order (built only when a translation is first compiled)."""
    return "".join(map(chr, range(0x10000)))


def translate(pattern: str) -> str | None:
    """``pattern`` for ``re``, its escapes spelt out; None when it uses anything not known to mean the same."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            e = pattern[i + 1]
            if e in ESCAPES:
                if e in "pP":
                    end = pattern.find("}", i)
                    if pattern[i + 2 : i + 3] != "{" or end < 0:
                        return None
                    escape, i = pattern[i : end + 1], end + 1
                else:
                    escape, i = pattern[i : i + 2], i + 2
                negated = escape[1] in "PSWD"
                points = _code_points("\\" + escape[1].lower() + escape[2:])
                if in_class:
                    if negated:
                        return None  # a negated escape inside a class: not worth spelling out
                    out.append(points)
                else:
                    out.append(f"[{'^' if negated else ''}{points}]")
                continue
            if e.isalnum() and e not in PLAIN_ESCAPES:
                return None  # \b, \X, \N{...}, \G...: meanings that may differ
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "[":
                return None  # a nested set (regex's V1) or a POSIX class
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern[i : i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i : i + 1] == "]":
                out.append("\\]")  # a literal "]" first in a class
                i += 1
            continue
        elif c == "(" and pattern.startswith("(?", i) and not pattern.startswith(GROUP_OPENERS, i):
            return None  # inline flags, reverse search, named lists
        out.append(c)
        i += 1
    if in_class:
        return None
    return "".join(out)


@per_text(2)  # the screen's patterns all read the same text
def _within_bmp(text: str) -> bool:
    return text.isascii() or ASTRAL_RE.search(text) is None


class Twin:
    """A ``regex`` pattern and, when one means exactly the same, its faster ``re`` translation.

    Offers ``findall``, ``finditer`` and ``search`` on whole texts with
    ``pos``/``endpos``, choosing the engine per text.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._slow: regex.Pattern | None = None  # compiled on first use: a module imported for a short page may never search
        self.pattern = pattern
        self.flags = flags
        self._fast: re.Pattern | None | bool = False  # False: not compiled yet; None: none
        self._read = 0  # characters of the texts read before compiling
        _TWINS.add(self)

    @property
    def slow(self) -> regex.Pattern:
        """The ``regex`` pattern, compiled when first asked for."""
        if self._slow is None:
            self._slow = regex.compile(self.pattern, self.flags)
        return self._slow

    @property
    def fast(self) -> re.Pattern | None:
        """The ``re`` pattern, compiled when first asked for; None when there is none."""
        if self._fast is False:
            self._fast = _compile_fast(self.pattern, self.slow.flags)
        return self._fast  # type: ignore[return-value]

    def engine(self, text: str):
        """The pattern to run on ``text``: the translation for text within U+FFFF, once
        this Twin has read ``FAST_MIN`` characters (in one text or several)."""
        fast = self._fast
        if fast is False:
            self._read += len(text)
            if self._read < FAST_MIN:
                return self.slow
            fast = self.fast
        if fast is not None and _within_bmp(text):
            return fast
        return self.slow

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.engine(text).findall(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(text).finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.engine(text).search(text, pos, endpos)


_TWINS: weakref.WeakSet[Twin] = weakref.WeakSet()  # every Twin made, for compile_all


def compile_all() -> None:
    """Compile every Twin's translation and every :class:`Lazy` pattern now (``Repairer.warm_up``:
    a process that exists to repair, or a benchmark, should not pay for them inside its first
    long text, and forked workers then share them)."""
    for twin in list(_TWINS):
        twin.slow, twin.fast  # noqa: B018 - compiled when first read
    for lazy in list(_LAZIES):
        lazy.pattern  # noqa: B018 - compiled when first read


def _compile_fast(pattern: str, flags: int) -> re.Pattern | None:
    if flags & ~FLAGS:
        return None
    translated = translate(pattern)
    if translated is None:
        return None
    try:
        return re.compile(translated, re.MULTILINE if flags & regex.MULTILINE else 0)
    except re.error:  # a variable-width look-behind; possessive quantifiers before Python 3.11
        return None


class ByFirstChar:
    """A pattern each of whose matches starts with one of a few given characters,
    kept as one pattern per character.

    The ``regex`` module tries a class of first characters ("[(\\[{]") at every
    position of a text, but finds a pattern that starts with one literal
    character by scanning for that character: several times faster, and a
    character the text lacks (``str.find``, a memchr) costs nothing at all.
    ``tests/test_fast_re.py`` holds each against the single pattern it replaces.
    """

    def __init__(self, patterns: dict[str, str]) -> None:
        for char, pattern in patterns.items():
            if not pattern.startswith(regex.escape(char)):
                raise ValueError(f"{pattern!r} does not start with {char!r}")
        self.patterns = {char: regex.compile(pattern) for char, pattern in patterns.items()}

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        """The matches, ordered by where they start."""
        found: list = []
        searched = 0
        for char, pattern in self.patterns.items():
            if text.find(char, pos, endpos) >= 0:
                found += pattern.finditer(text, pos, endpos)
                searched += 1
        if searched > 1:
            found.sort(key=_start)
        return found


def _start(match) -> int:
    return match.start()


class Lazy:
    """A pattern compiled on first use, then used exactly as the compiled one.

    Only attribute access is passed on (``search``, ``finditer``, ``pattern``,
    ``flags``...): an attribute read once is kept on the instance, so later
    calls cost what the compiled pattern's would. Not for a place that needs
    a real pattern object (``isinstance``, ``regex.sub(PATTERN, ...)``).
    Two threads racing to the first use compile the same pattern twice: harmless.
    """

    def __init__(self, pattern: str, flags: int = 0, engine=regex) -> None:
        self._source = (pattern, flags, engine)
        _LAZIES.add(self)

    def __getattr__(self, name: str):
        # called only for attributes not already kept on the instance
        if name.startswith("__"):
            raise AttributeError(name)  # copy and pickle probes: not a pattern's
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            if "_source" not in self.__dict__:
                raise AttributeError(name)
            pattern, flags, engine = self.__dict__["_source"]
            compiled = self.__dict__["_compiled"] = engine.compile(pattern, flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"Lazy({self._source[0]!r})"


_LAZIES: weakref.WeakSet[Lazy] = weakref.WeakSet()  # every Lazy made, for compile_all
