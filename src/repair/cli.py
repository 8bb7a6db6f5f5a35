"""Command line: a thin layer over :class:`repair.Repairer` and :mod:`repair.batch`.

Only this module reads arguments, prints and chooses exit codes:
0 nothing to change (or all fixed), 1 ``check`` found something to change,
2 usage errors, unreadable input or a bad configuration or lexicon (the batch
still goes on where it can).
"""

from __future__ import annotations

import functools
import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from . import Family, Repairer, RepairError, Result
from .batch import Batch, FileOutcome
from .config import Config, find_config, load_config
from .files import discover, write_atomic
from .lexicon import Lexicon, builtin_lexicon, load_lexicon
from .model import line_locator
from .report import FORMATS, Summary, diff, github, human, json_record, sarif

EXIT_CHANGES = 1
EXIT_USAGE = 2
FAMILIES = [f.value for f in Family]


def _explain(result: Result) -> str:
    """One line per edit: offset, line:col, before → after, kind, confidence, reason."""
    line_col = line_locator(result.source)
    lines = []
    for edit in result.edits:
        line, col = line_col(edit.start)
        lines.append(
            f"{edit.start} {line}:{col}: {edit.before!r} → {edit.after!r} "
            f"({edit.kind.value}, {edit.confidence:.2f}) {edit.reason}"
        )
    return "".join(line + "\n" for line in lines)


def _shared_options(command: Callable) -> Callable:
    options = [
        click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False), help="Lexicon file to add (repeatable)."),
        click.option("--no-default-lexicon", is_flag=True, default=None, help="Do not load the built-in lexicon."),
        click.option("--threshold", type=click.FloatRange(0.0, 1.0), help="Fix only edits at least this confident."),
        click.option("--select", multiple=True, type=click.Choice(FAMILIES), help="Run only these families (repeatable)."),
        click.option("--ignore", multiple=True, type=click.Choice(FAMILIES), help="Skip these families (repeatable)."),
        click.option("--include", multiple=True, help="Glob of files to take from folders (default: *.md *.markdown *.txt)."),
        click.option("--exclude", multiple=True, help="Glob of files or folders to skip, named files too."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True), help="Settings file (default: nearest .repair.toml or pyproject.toml)."),
        click.option("--profile", type=click.Choice(["auto", "ocr", "mt", "clean"]), help="What kind of text to expect (default: auto, read from each document)."),
        click.option("--model", "models", multiple=True, type=click.Path(dir_okay=False), help="Word model of a team's own clean text, from `repair model build` (repeatable)."),
        click.option("--rejoin-hyphens", is_flag=True, default=None, help="In OCR text, rejoin words broken at line ends (\"pro- perty\")."),
        click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True, help="Worker processes for large batches."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


class _Run:
    """What one invocation settled on: the configuration and the Repairer."""

    def __init__(self, options: dict, strict_lexicons: bool) -> None:
        path = Path(options["config_path"]) if options["config_path"] else find_config(Path.cwd())
        self.config: Config = load_config(path)
        cfg = self.config
        self.errors: list[str] = []
        lexicons: list[Lexicon] = []
        for lexicon_path in [*cfg.lexicons, *map(Path, options["lexicons"])]:
            try:
                lexicons.append(load_lexicon(lexicon_path))
            except RepairError as exc:
                if strict_lexicons:
                    raise
                self.errors.append(str(exc))
        default = cfg.default_lexicon if options["no_default_lexicon"] is None else not options["no_default_lexicon"]
        self.repairer = Repairer(
            ([builtin_lexicon()] if default else []) + lexicons,
            default_lexicon=False,
            threshold=options["threshold"] if options["threshold"] is not None else cfg.threshold,
            select=list(options["select"] or cfg.select) or None,
            # a family selected on the command line runs even if the file ignores it
            ignore=list(options["ignore"]) or [f for f in cfg.ignore if f not in options["select"]],
            keep_words=cfg.words,
            profile=options.get("profile") or cfg.profile,
            models=[*cfg.models, *map(Path, options.get("models") or ())],
            rejoin_hyphens=cfg.rejoin_hyphens if options.get("rejoin_hyphens") is None else options["rejoin_hyphens"],
        )
        self.include = tuple(options["include"]) or cfg.include
        self.exclude = (*cfg.exclude, *options["exclude"])
        self.jobs = options["jobs"]


def _fail(message: str) -> None:
    click.echo(f"repair: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _setup(options: dict, strict_lexicons: bool = False) -> _Run:
    try:
        run = _Run(options, strict_lexicons)
        gc.freeze()  # the loaded lexicons stay alive to the end: keep collections from walking them
        return run
    except (RepairError, ValueError) as exc:
        _fail(str(exc))
        raise AssertionError("unreachable")


def _outcomes(run: _Run, paths: Sequence[str]) -> tuple[list[FileOutcome], float]:
    """Repair every file under ``paths``, with a progress bar on a terminal."""
    started = time.perf_counter()
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        run.errors.append(f"{p}: no such file or folder")
    files = list(discover([Path(p) for p in paths if p not in missing], run.include, run.exclude, run.config.root))
    batch = Batch(run.repairer, run.config)
    results = batch.run(files, run.jobs)
    outcomes: list[FileOutcome] = []
    if sys.stderr.isatty() and len(files) > 1:
        with click.progressbar(results, length=len(files), label="repair", file=sys.stderr) as bar:
            outcomes.extend(bar)
    else:
        outcomes.extend(results)
    return outcomes, started


def _finish(run: _Run, outcomes: list[FileOutcome], started: float, verb: str, changes_exit: bool) -> None:
    summary = Summary()
    for outcome in outcomes:
        summary.add(outcome)
        for note in outcome.notes:
            click.echo(f"repair: {note}", err=True)
        if outcome.status in ("skipped", "error"):
            click.echo(f"repair: {outcome.message}", err=True)
    for error in run.errors:
        click.echo(f"repair: {error}", err=True)
    summary.errors += len(run.errors)
    click.echo(summary.line(time.perf_counter() - started, verb), err=True)
    if summary.errors:
        sys.exit(EXIT_USAGE)
    if changes_exit and summary.changed:
        sys.exit(EXIT_CHANGES)


def _print_findings(outcomes: list[FileOutcome], fmt: str, show_diff: bool) -> None:
    color = sys.stdout.isatty()
    if show_diff:
        for outcome in outcomes:
            if outcome.changed:
                click.echo(diff(outcome), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([json_record(o) for o in outcomes], ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(sarif(outcomes), nl=False)
    else:
        render = github if fmt == "github" else functools.partial(human, color=color)
        for outcome in outcomes:
            text = render(outcome)
            if text:
                click.echo(text, nl=False, color=color)


@click.group()
@click.version_option(package_name="repair")
def main() -> None:
    """Repair machine-garbled articles, with every edit explained."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_shared_options
@click.option("--diff", "show_diff", is_flag=True, help="Show a unified diff of what would change.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="human", show_default=True, help="Report format.")
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, **options) -> None:
    """Report what would change in PATHS (files or folders); change nothing.

    Exit 0 when nothing would change, 1 when something would, 2 on errors.
    """
    run = _setup(options)
    outcomes, started = _outcomes(run, paths)
    _print_findings(outcomes, fmt, show_diff)
    _finish(run, outcomes, started, "would change", changes_exit=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_shared_options
@click.option("--diff", "show_diff", is_flag=True, help="Show the diff instead of writing files.")
@click.option("--explain", is_flag=True, help="With -: write one line per edit to stderr.")
@click.option("--markdown", is_flag=True, help="With -: read standard input as Markdown.")
@click.option("--jsonl", is_flag=True, help="Read JSON Lines (a file or -), repair one field, write JSON Lines to stdout.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to repair.")
def fix(paths: tuple[str, ...], show_diff: bool, explain: bool, markdown: bool, jsonl: bool, field: str, **options) -> None:
    """Repair PATHS in place, or standard input (-) to standard output."""
    if jsonl:
        _fix_jsonl(paths, field, options)
        return
    if paths == ("-",):
        _fix_stdin(options, show_diff, explain, markdown)
        return
    if "-" in paths:
        _fail("'-' (standard input) cannot be mixed with file names")
    run = _setup(options)
    outcomes, started = _outcomes(run, paths)
    if show_diff:
        _print_findings(outcomes, "human", show_diff=True)
        _finish(run, outcomes, started, "would change", changes_exit=True)
        return
    for outcome in outcomes:
        if outcome.changed and outcome.data is not None:
            try:
                write_atomic(outcome.path, outcome.data)
            except RepairError as exc:
                run.errors.append(str(exc))
                continue
            click.echo(f"fixed {outcome.path} ({len(outcome.located)} edit{'s' if len(outcome.located) != 1 else ''})", err=True)
    _finish(run, outcomes, started, "changed", changes_exit=False)


def _fix_stdin(options: dict, show_diff: bool, explain: bool, markdown: bool) -> None:
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        _fail(f"standard input is not UTF-8 (byte {exc.start}, line {line}); nothing written")
    run = _setup(options, strict_lexicons=True)
    result = run.repairer.repair(text, markup="markdown" if markdown else "text")
    out = result.diff("stdin") if show_diff else result.text
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()
    if explain:
        sys.stderr.write(_explain(result))


@main.group()
def lexicon() -> None:
    """Build, check and query lexicons."""


@lexicon.command("build")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Lexicon file to write (default: stdout).")
@click.option("--min-uses", type=click.IntRange(1), default=2, show_default=True, help="Uses a name needs to be learned.")
def lexicon_build(corpus: tuple[str, ...], output: str, min_uses: int) -> None:
    """Learn canonical names from a team's own clean articles (files or folders)."""
    from .files import DEFAULT_INCLUDE, FileError, FileSkipped, read_text_file
    from .lexicon_tools import learn_names
    from .resources import Resources

    texts = []
    for path in discover([Path(p) for p in corpus], DEFAULT_INCLUDE, (), Path.cwd()):
        try:
            texts.append(read_text_file(path).text)
        except (FileSkipped, FileError) as exc:
            click.echo(f"repair: {exc}", err=True)
    names = learn_names(texts, Resources(lexicon=Lexicon()).vocabulary, min_uses)
    body = f"# Learned by 'repair lexicon build' from {len(texts)} file(s); review before use.\n" + "".join(n + "\n" for n in names)
    if output == "-":
        click.echo(body, nl=False)
    else:
        write_atomic_new(Path(output), body.encode("utf-8"))
        click.echo(f"repair: {len(names)} names from {len(texts)} file(s) written to {output}", err=True)


@lexicon.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "repair", "vale", "codespell"]), default="auto", show_default=True)
def lexicon_check(files: tuple[str, ...], fmt: str) -> None:
    """Report duplicates, conflicting casings, alias cycles and names that are common words.

    Exit 1 when an error is found, 2 when a file cannot be read.
    """
    from .lexicon import read_entries
    from .lexicon_tools import check_lexicon
    from .resources import Resources

    entries = []
    for file in files:
        try:
            entries += read_entries(file, fmt)[1]
        except RepairError as exc:
            _fail(str(exc))
    problems = check_lexicon(entries, Resources(lexicon=Lexicon()).vocabulary)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.level == "error" for p in problems)
    click.echo(f"repair: {len(entries)} entries, {errors} errors, {len(problems) - errors} warnings", err=True)
    if errors:
        sys.exit(EXIT_CHANGES)


@lexicon.command("show")
@click.argument("term")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False), help="Lexicon file to add (repeatable).")
@click.option("--no-default-lexicon", is_flag=True, default=None, help="Do not load the built-in lexicon.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True), help="Settings file.")
def lexicon_show(term: str, lexicons: tuple[str, ...], no_default_lexicon: bool | None, config_path: str | None) -> None:
    """Everything the loaded lexicons know about TERM, and which file said it. Exit 1 if nothing."""
    from .lexicon_tools import describe

    options = {"config_path": config_path, "lexicons": lexicons, "no_default_lexicon": no_default_lexicon,
               "threshold": None, "select": (), "ignore": (), "include": (), "exclude": (), "jobs": 1,
               "profile": None, "models": (), "rejoin_hyphens": None}
    run = _setup(options, strict_lexicons=True)
    lines = describe(term, run.repairer.resources.lexicon)
    for line in lines:
        click.echo(line)
    if not lines:
        click.echo(f"repair: no lexicon knows {term!r}", err=True)
        sys.exit(EXIT_CHANGES)


@main.group()
def model() -> None:
    """Build word models of a team's own clean text (context for OCR repair)."""


@model.command("build")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), required=True, help="Model file to write (- for stdout).")
def model_build(corpus: tuple[str, ...], output: str) -> None:
    """Learn word unigrams and bigrams from clean text a team owns (files or folders).

    Use the model with --model FILE, the library's ``models`` argument or the
    ``models`` config key; it adds to the built-in word context.
    """
    from .files import DEFAULT_INCLUDE, FileError, FileSkipped, read_text_file
    from .wordmodel import TeamModel

    texts = []
    for path in discover([Path(p) for p in corpus], DEFAULT_INCLUDE, (), Path.cwd()):
        try:
            texts.append(read_text_file(path).text)
        except (FileSkipped, FileError) as exc:
            click.echo(f"repair: {exc}", err=True)
    built = TeamModel.learn(texts)
    body = built.dumps()
    if output == "-":
        click.echo(body, nl=False)
    else:
        write_atomic_new(Path(output), body.encode("utf-8"))
        click.echo(f"repair: {len(built.unigrams)} words, {len(built.bigrams)} pairs from {len(texts)} file(s) written to {output}", err=True)


def write_atomic_new(path: Path, data: bytes) -> None:
    """Write a new or existing file atomically."""
    if not path.exists():
        path.write_bytes(b"")
    write_atomic(path, data)


def _fix_jsonl(paths: tuple[str, ...], field: str, options: dict) -> None:
    """Each record back with its field repaired; bad lines reported and passed through."""
    from .jsonl import repair_lines

    if len(paths) != 1:
        _fail("--jsonl takes one input: a file or -")
    run = _setup(options, strict_lexicons=True)
    started = time.perf_counter()
    try:
        stream = sys.stdin if paths[0] == "-" else open(paths[0], encoding="utf-8", newline="")
    except OSError as exc:
        _fail(f"{paths[0]}: cannot read: {exc.strerror or exc}")
    records = problems = changed = 0
    with stream:
        try:
            for out, line in repair_lines(run.repairer, stream, field, run.jobs):
                sys.stdout.write(out + "\n")
                if line.problem:
                    problems += 1
                    click.echo(f"repair: line {line.number}: {line.problem}; passed through unchanged", err=True)
                elif line.record is not None:
                    records += 1
                    changed += out != line.raw and line.record[field] != json.loads(out)[field]
        except UnicodeDecodeError as exc:
            _fail(f"{paths[0]}: not UTF-8 ({exc.reason})")
    sys.stdout.flush()
    click.echo(f"repair: {records} records, {changed} changed, {problems} passed through in {time.perf_counter() - started:.2f} s", err=True)
    if problems:
        sys.exit(EXIT_USAGE)
