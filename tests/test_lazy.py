"""fast_re.Lazy: a module-level pattern compiled on first use, answering as the compiled one."""

from __future__ import annotations

import re

import regex

from repair.fast_re import Lazy


def test_not_compiled_until_used():
    """Making a Lazy compiles nothing; the first method read compiles it once."""
    lazy = Lazy(r"\p{Lu}\p{Ll}+")
    assert "_compiled" not in vars(lazy)
    assert lazy.findall("Paris and Rome") == ["Paris", "Rome"]
    compiled = vars(lazy)["_compiled"]
    assert lazy.search("x Oslo").group() == "Oslo"
    assert vars(lazy)["_compiled"] is compiled


def test_same_answers_as_the_compiled_pattern_on_either_engine():
    """Methods, flags and positions behave as on ``regex.compile`` / ``re.compile``."""
    text = "one\n  two\nthree"
    for engine in (regex, re):
        lazy, plain = Lazy(r"^\s*(\w+)", engine.MULTILINE, engine), engine.compile(r"^\s*(\w+)", engine.MULTILINE)
        assert [m.span(1) for m in lazy.finditer(text, 1)] == [m.span(1) for m in plain.finditer(text, 1)]
        assert lazy.sub("-", text) == plain.sub("-", text)
        assert lazy.pattern == plain.pattern and lazy.flags == plain.flags


def test_compile_all_compiles_lazy_patterns():
    """Repairer.warm_up's compile_all leaves no Lazy pattern to compile inside a first text."""
    from repair import fast_re

    lazy = Lazy(r"\d+ apples")
    fast_re.compile_all()
    assert "_compiled" in vars(lazy)
