"""The review page as a file: self-contained, escaped, strict policy, the right data."""

from __future__ import annotations

import base64
import hashlib
import re

from review_helpers import page_data

from repair import Repairer
from repair.review import context, embed_json, record_document, render_page

HOSTILE = "It wou1d be fine.</script><script>alert(1)</script> <!-- <img src=x onerror=alert(2)> &amp; \u2028 tbe end.\n"


def page_for(text: str) -> str:
    result = Repairer().repair(text)
    return render_page([record_document("batch.jsonl", 1, b'{"text": "x"}', "text", result)])


def test_document_text_never_reaches_the_page_as_markup():
    """HTML and script in a document appear in the page only escaped inside the JSON block."""
    html = page_for(HOSTILE)
    assert "<script>alert" not in html and "<img" not in html and "<!-- <" not in html
    assert "\u2028" not in html
    assert html.count("</script>") == 2  # the data block's end and the page script's end, nothing else
    data = page_data(html)
    item = data["documents"][0]["items"][0]
    assert item["before"] == "wou1d" and item["after"] == "would"
    assert "</script><script>alert(1)</script>" in item["right"]


def test_embedded_json_escapes_what_could_end_the_block():
    """<, >, & and the two JavaScript line separators are written as \\u escapes."""
    assert embed_json("</script>&\u2028\u2029") == '"\\u003c/script\\u003e\\u0026\\u2028\\u2029"'


def test_policy_allows_only_the_inline_script_and_style_by_hash():
    """The CSP defaults to 'none' and names the exact hashes of the page's one script and one style."""
    html = page_for("Said tbe man.\n")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert policy.startswith("default-src 'none';") and "connect-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 1 and len(styles) == 1

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert f"script-src {digest(scripts[0])};" in policy
    assert f"style-src {digest(styles[0])};" in policy


def test_page_loads_nothing_from_anywhere():
    """No src or href attribute, url() or @import, and no address but the export's blob: nothing to fetch."""
    html = page_for("Said tbe man.\n")
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    assert not re.search(r"\s(?:src|href)\s*=", markup)
    assert re.findall(r"\.(?:src|href)\s*=\s*(\w+)", html) == ["url"]  # the export link, set to URL.createObjectURL(blob)
    assert "url(" not in html and "@import" not in html and "http://" not in html and "https://" not in html


def test_documents_are_ordered_by_damage_and_carry_decision_records():
    """The most damaged document comes first; each edit's record names its file, offsets and hash."""
    repairer = Repairer()
    light = record_document("b.jsonl", 1, b"{}", "text", repairer.repair("Said tbe man, who spoke for a long time about many other things.\n"))
    heavy = record_document("b.jsonl", 2, b"{}", "text", repairer.repair("The cornpany said tbe rest.\n"))
    clean = record_document("b.jsonl", 3, b"{}", "text", repairer.repair("Nothing wrong.\n"))
    data = page_data(render_page([light, heavy, clean]))
    assert [d["name"] for d in data["documents"]] == ["b.jsonl:2", "b.jsonl:1"]
    assert data["total"] == 3
    record = data["documents"][0]["items"][0]["record"]
    assert record["jsonl"] == "b.jsonl" and record["line"] == 2 and record["field"] == "text"
    assert record["start"] == 4 and record["before"] == "cornpany" and len(record["sha256"]) == 64


def test_flags_carry_a_record_only_when_they_suggest_something():
    """A flag with a suggestion can be decided (its record's after is the suggestion); one without cannot."""
    result = Repairer(threshold=0.99).repair("The cornpany said tbe results were good.\n")
    assert result.flags and not result.edits
    items = page_data(render_page([record_document("b.jsonl", 1, b"{}", "text", result)]))["documents"][0]["items"]
    for item, flag in zip(items, result.flags):
        assert item["origin"] == "flag"
        assert ("record" in item) == (flag.suggestion is not None)
        if flag.suggestion is not None:
            assert item["record"]["after"] == flag.suggestion and item["record"]["origin"] == "flag"


def test_context_is_the_sentence_around_the_edit():
    """Context stops at the sentence's ends and at blank lines, not at a wrapped line's end."""
    text = "First one. The cornpany said so! Next.\n\nHeading\n\nA wrapped\nline with tbe word\nin it\n\nOther."
    start = text.index("cornpany")
    assert context(text, start, start + 8) == ("The ", " said so!", False, False)
    start = text.index("tbe")
    assert context(text, start, start + 3) == ("A wrapped\nline with ", " word\nin it", False, False)
    long = "word " * 100 + "tbe " + "word " * 100
    start = long.index("tbe")
    left, right, cut_left, cut_right = context(long, start, start + 3)
    assert cut_left and cut_right and len(left) <= 160 and len(right) <= 160 and left.startswith("word")
