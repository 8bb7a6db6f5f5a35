"""The review page in a real browser: Debian's chromium, driven by selenium, offline.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run``
installs them when it runs as root); nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_helpers import page_data, write_batch

from repair.cli import main
from repair.decisions import Decision
from repair.files import decode
from repair.model import apply_edits

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
INSTALL = "install Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"

webdriver = pytest.importorskip("selenium.webdriver", reason=f"selenium is not installed (pip install -e '.[test]'); {INSTALL}")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip(f"no chromium or chromedriver found; {INSTALL}", allow_module_level=True)

pytestmark = pytest.mark.slow  # a real browser: seconds to start, seconds per page


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """A headless chromium with a fresh profile that saves downloads to ``tmp_path/downloads``."""
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium never looks for a driver online
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,900",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def text_of(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def wait_for_download(folder: Path, seconds: float = 15.0) -> Path:
    """The exported file once it is whole: Chrome may create it under its final name before writing it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in (p for p in folder.iterdir() if p.suffix == ".json"):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            return path
        time.sleep(0.1)
    raise AssertionError(f"no complete download in {folder}: {list(folder.iterdir())}")


def test_review_in_the_browser_then_apply_and_learn(tmp_path, monkeypatch, browser):
    """Reject one edit and accept the rest with the keyboard, export, apply: files match byte for byte; learning keeps the rejection."""
    monkeypatch.chdir(tmp_path)
    stored = write_batch(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["review", "docs", "-o", "review.html"])
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "review.html").read_text(encoding="utf-8"))
    order = [item for doc in data["documents"] for item in doc["items"] if "record" in item]
    rejected = next(i for i, item in enumerate(order) if item["before"] == "rnodel")

    browser.get((tmp_path / "review.html").as_uri())
    cards = browser.find_elements("css selector", "article.item")
    assert len(cards) == sum(len(doc["items"]) for doc in data["documents"])
    assert text_of(browser, "count-left") == str(len(order))
    assert any("<script>alert('x')</script>" in card.text for card in cards)  # shown as text, never run

    press(browser, "jjk")  # down twice, up once: on the second item
    assert "current" in browser.find_element("id", f"item-{order[1]['id']}").get_attribute("class")
    press(browser, "k")
    keys = "".join("r" if i == rejected else "a" for i in range(len(order)))
    press(browser, keys)
    assert text_of(browser, "count-left") == "0"
    press(browser, "u")  # the last decision is undone ...
    assert text_of(browser, "count-left") == "1"
    press(browser, "r" if rejected == len(order) - 1 else "a")  # ... and made again
    assert (text_of(browser, "count-left"), text_of(browser, "count-rejected")) == ("0", "1")
    assert "reject" in browser.find_element("id", f"item-{order[rejected]['id']}").get_attribute("class").split()

    browser.find_element("id", "export").click()
    exported = wait_for_download(browser.downloads)
    problems = [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert not problems, problems  # no policy violation, no script error

    decisions = json.loads(exported.read_text(encoding="utf-8"))
    assert decisions["format"] == "repair-decisions" and decisions["version"] == 1
    assert [e["decision"] for e in decisions["edits"]].count("reject") == 1
    applied = runner.invoke(main, ["apply", str(exported)])
    assert applied.exit_code == 0, applied.output
    for name, data_bytes in stored.items():
        file = decode(Path(name), data_bytes)
        mine = sorted((e for e in decisions["edits"] if e["path"] == name and e["decision"] == "accept"), key=lambda e: e["start"])
        expected = file.encode(apply_edits(file.text, [Decision.from_dict(e, "t").as_edit() for e in mine]))
        assert (tmp_path / name).read_bytes() == expected, name
    assert b"The rnodel works well." in (tmp_path / "docs/notes.txt").read_bytes()
    assert b"The company said the results" in (tmp_path / "docs/guide.md").read_bytes()

    learned = runner.invoke(main, ["lexicon", "learn", str(exported), "-o", "learned.txt"])
    assert learned.exit_code == 0, learned.output
    write_batch(tmp_path)
    again = runner.invoke(main, ["check", "--format", "json", "--lexicon", "learned.txt", "docs"])
    befores = [edit["before"] for record in json.loads(again.stdout) for edit in record["edits"]]
    assert "rnodel" not in befores and "cornpany" in befores


def test_every_edit_like_this_filters_and_flags(tmp_path, monkeypatch, browser):
    """'Reject all like this' decides the whole batch's same before → after, u undoes it as one step,
    filters hide what they should, a flag's 'fix this as suggested' is exported as accepted, and a reload keeps decisions."""
    from selenium.webdriver.support.ui import Select

    monkeypatch.chdir(tmp_path)
    write_batch(tmp_path)
    result = CliRunner().invoke(main, ["review", "docs", "-o", "review.html", "--threshold", "0.95"])
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "review.html").read_text(encoding="utf-8"))
    items = [item for doc in data["documents"] for item in doc["items"]]
    tbe = [item for item in items if item["before"] == "tbe" and "record" in item]
    assert len(tbe) >= 2 and any(item["origin"] == "flag" for item in tbe)
    browser.get((tmp_path / "review.html").as_uri())

    card = browser.find_element("id", f"item-{tbe[0]['id']}")
    card.find_element("css selector", "button.reject-all").click()
    assert text_of(browser, "count-rejected") == str(len(tbe))
    assert all("reject" in browser.find_element("id", f"item-{i['id']}").get_attribute("class").split() for i in tbe)
    press(browser, "u")
    assert text_of(browser, "count-rejected") == "0"

    Select(browser.find_element("id", "filter-family")).select_by_value("entity-case")
    shown = [c.get_attribute("id") for c in browser.find_elements("css selector", "article.item") if c.is_displayed()]
    assert shown and shown == [f"item-{i['id']}" for i in items if i["kind"] == "entity-case"]
    Select(browser.find_element("id", "filter-family")).select_by_value("")
    Select(browser.find_element("id", "filter-confidence")).select_by_value("high")
    shown = [c.get_attribute("id") for c in browser.find_elements("css selector", "article.item") if c.is_displayed()]
    assert shown == [f"item-{i['id']}" for i in items if i["confidence"] >= 0.9]
    Select(browser.find_element("id", "filter-confidence")).select_by_value("")

    flag = next(i for i in items if i["origin"] == "flag" and "record" in i)
    browser.find_element("id", f"item-{flag['id']}").find_element("css selector", "button.accept-one").click()
    Select(browser.find_element("id", "filter-state")).select_by_value("undecided")
    assert not browser.find_element("id", f"item-{flag['id']}").is_displayed()

    browser.find_element("id", "export").click()
    decisions = json.loads(wait_for_download(browser.downloads).read_text(encoding="utf-8"))
    chosen = [e for e in decisions["edits"] if e["decision"] == "accept"]
    assert len(chosen) == 1 and chosen[0]["origin"] == "flag" and chosen[0]["after"] == flag["after"]
    browser.refresh()  # closing and reopening the page keeps what was decided
    assert (text_of(browser, "count-accepted"), text_of(browser, "count-rejected")) == ("1", "0")
    assert "accept" in browser.find_element("id", f"item-{flag['id']}").get_attribute("class").split()
