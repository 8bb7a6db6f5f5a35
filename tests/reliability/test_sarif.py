"""SARIF and JSON reports stay valid with odd file names (issue 17, item 7).

Every SARIF report is validated against the official SARIF 2.1.0 schema
(tests/data/sarif, see its NOTICE) with a format checker that checks URIs;
what the schema cannot see (columnKind, where a URI leads) is tested directly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from repair.cli import main

SCHEMA = Path(__file__).parent.parent / "data" / "sarif" / "sarif-2.1.0-rtm.5.json"
TEXT = "Café au lait: tbe cornpany said so.\nA second line, tbe end.\n"
ODD_NAMES = [b"a#1.md", b"q?x.md", b"sp ace.md", b"caf\xc3\xa9.md", b"100%.md", b"[x]{y}.md", b"a:b.md", b"back\\slash.md", b"tab\there.md"]
UNDECODABLE = [b"\xff\xfe.md", b"caf\xe9.md"]


@pytest.fixture(scope="module")
def validator():
    """A Draft 4 validator for the SARIF schema that also checks every format it knows (uri, uri-reference)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def make_tree(root: Path, names: list[bytes]) -> None:
    root.mkdir(exist_ok=True)
    for name in names:
        with open(os.path.join(os.fsencode(root), name), "wb") as handle:
            handle.write(TEXT.encode())


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def sarif_log(stdout: bytes, validator) -> dict:
    """The report parsed from strict UTF-8, after the schema found no error."""
    log = json.loads(stdout.decode("utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, errors
    return log


def resolve(uri: str, base: Path) -> Path:
    """The file a result's URI names, resolved as a URI reference against the folder ``base``."""
    absolute = urllib.parse.urljoin(Path(base).absolute().as_uri() + "/", uri)
    parts = urllib.parse.urlsplit(absolute)
    assert parts.scheme == "file" and not parts.query and not parts.fragment, uri
    return Path(os.fsdecode(urllib.parse.unquote_to_bytes(parts.path)))


def test_the_validator_checks_uri_formats(validator):
    """The format checker is live: an unencoded '#' twice, a space or a raw non-ASCII character in a URI is an error."""
    log = json.loads(check_output_template())
    assert not list(validator.iter_errors(log))
    for bad in ("a#1#2.md", "sp ace.md", "café.md", "100%.md"):
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = bad
        assert list(validator.iter_errors(log)), bad


def check_output_template() -> str:
    """A minimal valid SARIF log with one result, to mutate."""
    location = {"physicalLocation": {"artifactLocation": {"uri": "ok.md"}, "region": {"startLine": 1}}}
    result = {"ruleId": "x", "message": {"text": "m"}, "locations": [location]}
    return json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [result]}]})


@pytest.mark.parametrize("names", [ODD_NAMES, UNDECODABLE], ids=["odd", "undecodable"])
def test_odd_names_give_a_valid_report_whose_uris_lead_to_their_files(names, tmp_path, monkeypatch, validator):
    """Names with #, ?, spaces, %, brackets, a colon, non-ASCII or undecodable bytes: valid SARIF, each URI resolves to its own file."""
    make_tree(tmp_path / "tree", names)
    monkeypatch.chdir(tmp_path / "tree")
    result = check("--format", "sarif", ".")
    assert result.exit_code == 1, result.stderr
    log = sarif_log(result.stdout_bytes, validator)
    run = log["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    files = {resolve(uri, tmp_path / "tree") for uri in uris}
    assert files == {Path(os.fsdecode(os.path.join(os.fsencode(tmp_path / "tree"), name))) for name in names}


def test_column_kind_is_code_points_and_regions_fit(tmp_path, monkeypatch, validator):
    """run.columnKind is unicodeCodePoints, and each region's columns, counted in code points, hold the edit's text."""
    make_tree(tmp_path / "tree", [b"a#1.md", b"q?x.md"])
    (tmp_path / "tree" / "a.md").write_text("Nothing to see.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "tree")
    log = sarif_log(check("--format", "sarif", ".").stdout_bytes, validator)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["results"]
    for res in run["results"]:
        where = res["locations"][0]["physicalLocation"]
        path = resolve(where["artifactLocation"]["uri"], tmp_path / "tree")
        assert path.name in ("a#1.md", "q?x.md")  # not a.md, not q
        region = where["region"]
        line = path.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
        before = res["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
        assert before == region
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] in res["message"]["text"]


def test_absolute_paths_are_file_uris(tmp_path, validator):
    """A file named by its absolute path gets a percent-encoded file:// URI that leads back to it."""
    make_tree(tmp_path / "tree", [b"a#1.md", b"sp ace.md"])
    result = check("--format", "sarif", str(tmp_path / "tree" / "a#1.md"), str(tmp_path / "tree" / "sp ace.md"))
    log = sarif_log(result.stdout_bytes, validator)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert all(uri.startswith("file:///") for uri in uris)
    assert {resolve(uri, Path("/nowhere")) for uri in uris} == {tmp_path / "tree" / "a#1.md", tmp_path / "tree" / "sp ace.md"}


def test_no_results_is_still_valid(tmp_path, monkeypatch, validator):
    """A clean tree gives a valid report with columnKind and no results."""
    (tmp_path / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    log = sarif_log(check("--format", "sarif", "clean.md").stdout_bytes, validator)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_json_report_stays_valid_utf8_with_undecodable_names(tmp_path, monkeypatch):
    """The json format is strict UTF-8 JSON even for undecodable names, and each path gives its name's bytes back."""
    make_tree(tmp_path / "tree", ODD_NAMES + UNDECODABLE)
    monkeypatch.chdir(tmp_path / "tree")
    result = check("--format", "json", ".")
    records = json.loads(result.stdout_bytes.decode("utf-8"))
    assert sorted(os.fsencode(r["path"]) for r in records) == sorted(ODD_NAMES + UNDECODABLE)
    assert all(r["status"] == "changed" and r["edits"] for r in records)


@pytest.mark.parametrize("fmt", ["sarif", "json"])
def test_reports_in_a_c_locale_process_are_utf8(fmt, tmp_path, validator):
    """In a real process under LC_ALL=C (stdout with surrogateescape), undecodable names no longer leak raw bytes."""
    make_tree(tmp_path, UNDECODABLE)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("PYTHONIOENCODING", None)
    code = "import sys; from repair.cli import main; sys.argv[0] = 'repair'; main()"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--format", fmt, "."], cwd=tmp_path, env=env, capture_output=True, check=False)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout.decode("utf-8"))
    if fmt == "sarif":
        sarif_log(proc.stdout, validator)
    else:
        assert sorted(os.fsencode(r["path"]) for r in report) == sorted(UNDECODABLE)


def test_sample_repository_report_is_valid(tmp_path, monkeypatch, validator):
    """The sample content repository (CRLF, cp1252, binary, Markdown) gives a SARIF report the schema accepts."""
    from content_repo import write_repo

    write_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    log = sarif_log(check("--format", "sarif", ".").stdout_bytes, validator)
    assert len(log["runs"][0]["results"]) > 20
