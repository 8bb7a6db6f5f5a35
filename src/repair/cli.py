"""Command line: a thin layer over :class:`repair.Repairer` and :mod:`repair.batch`.

Only this module reads arguments, prints and chooses exit codes:
0 nothing to change (or all fixed), 1 ``check`` found something to change,
2 usage errors, unreadable input or a bad configuration or lexicon (the batch
still goes on where it can).
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import click

from . import Repairer, RepairError, Result
from .repairer import MARKUPS
from .detectors import families
from .batch import Batch, FileOutcome
from .config import Config, find_config, load_config
from .files import FileSkipped, Stamp, read_regular, replace_if_unchanged, stale_temp_files, write_back, write_output
from .lexicon import Lexicon, builtin_lexicon, load_lexicon
from .model import line_locator
from .report import FORMATS, Summary, diff, github, human, json_report, made, sarif
from .walk import discover

EXIT_CHANGES = 1
EXIT_USAGE = 2
GC_THRESHOLD = 50_000  # allocations between the collector's youngest-generation runs (Python's default: 700)
FAMILIES = [f.value for f in families()]


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


# -- issue 20: changed lines, markup, never-touch words, quiet, standard input ----------

_ISSUE_20_OPTIONS = [
    click.option("--changed", is_flag=True, help="Only edits on lines git says changed (staged, or since --base)."),
    click.option("--base", metavar="REF", help="With --changed: lines changed since REF (implies --changed)."),
    click.option("--all-lines", is_flag=True, help="Check whole files even with --changed (for the pre-commit hooks' args)."),
    click.option("--markup", type=click.Choice(["text", "markdown", "mdx", "auto"]), default=None,
                 help="Read input as this markup (default: auto for files, by extension; text for -)."),
    click.option("--markdown", "markup", flag_value="markdown", help="Same as --markup markdown."),
    click.option("--stdin-filename", metavar="NAME", help="With -: the name standard input stands for (--markup auto, path rules)."),
    click.option("--word", "words", multiple=True, metavar="WORD", help="A word never to touch (repeatable)."),
    click.option("--words-file", type=click.Path(dir_okay=False, exists=True), help="A file of words never to touch, one a line (# comments)."),
    click.option("--quiet", "-q", is_flag=True, help="Print only the summary."),
]


def _words(options: dict) -> list[str]:
    """--word values, then the words of --words-file (one a line; blank lines and # comments skipped)."""
    words = list(options["words"])
    if options["words_file"]:
        try:
            lines = Path(options["words_file"]).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise RepairError(f"{options['words_file']}: cannot read: {exc}") from exc
        words += [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]
    return words


def _changes(options: dict):
    """The changed lines for --changed/--base, or None for whole files (--all-lines wins)."""
    if options["all_lines"] or not (options["changed"] or options["base"]):
        return None
    from .changes import read_changes

    return read_changes(Path.cwd(), options["base"])


def _markup(options: dict) -> str:
    """The markup asked for: --markup, else auto (files by extension; - is text unless named)."""
    markup = options["markup"] or "auto"
    if markup not in MARKUPS and markup != "auto":
        raise RepairError(f"--markup {markup}: this version knows {', '.join(MARKUPS)} and auto")
    return markup


def _stdin_outcomes(run: _Run, paths: Sequence[str], options: dict) -> tuple[list[FileOutcome], float]:
    """Standard input as one document, named by --stdin-filename for markup and path rules."""
    from .files import decode

    if paths != ("-",):
        _fail("'-' (standard input) cannot be mixed with file names")
    started = time.perf_counter()
    data = sys.stdin.buffer.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        _fail(f"standard input is not UTF-8 (byte {exc.start}, line {line}); nothing written")
    name = options["stdin_filename"]
    path = Path(name or "-")
    markup = "text" if options["markup"] is None and not name else run.markup
    batch = Batch(run.repairer, run.config, run.changes if name else None)
    try:
        file = decode(path, data)
    except RepairError as exc:
        _fail(f"standard input: {exc}")
    return [batch.process_file(path, file, markup=markup)], started


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
        *_ISSUE_20_OPTIONS,
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
            words=[*cfg.words, *_words(options)],
            profile=options.get("profile") or cfg.profile,
            models=[*cfg.models, *map(Path, options.get("models") or ())],
            rejoin_hyphens=cfg.rejoin_hyphens if options.get("rejoin_hyphens") is None else options["rejoin_hyphens"],
        )
        self.include = tuple(options["include"]) or cfg.include
        self.exclude = (*cfg.exclude, *options["exclude"])
        self.jobs = options["jobs"]
        self.changes = _changes(options)
        self.markup = _markup(options)


def _fail(message: str) -> None:
    click.echo(f"repair: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _setup(options: dict, strict_lexicons: bool = False) -> _Run:
    # Loading the lexicons makes some 10^5 objects that live to the end: a
    # collection while they are made (one every 700) walks them and frees
    # nothing, a tenth of a short check's instructions. So none runs until
    # they are made and moved out of the collector's reach.
    collecting = gc.isenabled()
    gc.disable()
    try:
        run = _Run(options, strict_lexicons)
        gc.freeze()  # the loaded lexicons stay alive to the end: keep collections from walking them
        # The word tables the first document loads (sets of 100,000 words) live to the end
        # too, and each full collection walks them; collect less often (as mypy does).
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
        return run
    except (RepairError, ValueError) as exc:
        _fail(str(exc))
        raise AssertionError("unreachable")
    finally:
        if collecting:
            gc.enable()


def _outcomes(run: _Run, paths: Sequence[str], write: Callable[[FileOutcome], FileOutcome] | None = None) -> tuple[list[FileOutcome], float]:
    """Repair every file under ``paths``, with a progress bar on a terminal.

    With ``write``, each outcome goes through it as soon as it is ready (a
    file is written right after its repair, not after the batch's), and our
    temporary files left in those folders by killed runs are removed first.
    """
    started = time.perf_counter()
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        run.errors.append(f"{p}: no such file or folder")
    outcomes: list[FileOutcome] = []
    files = []
    for found in discover([Path(p) for p in paths if p not in missing], run.include, run.exclude, run.config.root):
        if found.status != "file":
            outcomes.append(FileOutcome(found.path, found.status, found.message))
            continue
        files.append(found.path)
        if found.message:
            click.echo(f"repair: {found.message}", err=True)
    if write is not None:
        _remove_stale_temp_files(Path(p).parent for p in files)
    batch = Batch(run.repairer, run.config, run.changes, None if run.markup == "auto" else run.markup)
    results = batch.run(files, run.jobs)
    if write is not None:
        results = map(write, results)
    if sys.stderr.isatty() and len(files) > 1:
        with click.progressbar(results, length=len(files), label="repair", file=sys.stderr) as bar:
            outcomes.extend(bar)
    else:
        outcomes.extend(results)
    return outcomes, started


def _remove_stale_temp_files(folders: Iterable[Path]) -> None:
    """Remove what killed runs of ours left in ``folders``, and say so."""
    for temp in stale_temp_files(folders):
        try:
            temp.unlink()
        except OSError as exc:
            click.echo(f"repair: {temp}: cannot remove a temporary file left by a stopped run: {exc.strerror}", err=True)
            continue
        click.echo(f"repair: {temp}: removed a temporary file left by a stopped run", err=True)


def _write(outcome: FileOutcome, force: bool, quiet: bool = False) -> FileOutcome:
    """Write a repaired file back, and say what changed (one line per edit, unless
    ``quiet``); a file not written becomes a skipped or failed outcome, never a changed one."""
    if not outcome.changed or outcome.data is None or outcome.file is None:
        return outcome
    try:
        write_back(outcome.file, outcome.data, force)
    except FileSkipped as exc:
        return dataclasses.replace(outcome, status="skipped", message=str(exc), data=None)
    except RepairError as exc:
        return dataclasses.replace(outcome, status="error", message=str(exc), data=None)
    if not quiet:
        click.echo(made(outcome), err=True, nl=False)
    return outcome


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


def _print_findings(outcomes: list[FileOutcome], fmt: str, show_diff: bool, flags: bool = False) -> None:
    color = sys.stdout.isatty()
    if show_diff:
        for outcome in outcomes:
            if outcome.changed:
                click.echo(diff(outcome), nl=False)
        return
    if fmt == "json":
        click.echo(json_report(outcomes, flags), nl=False)
    elif fmt == "sarif":
        click.echo(sarif(outcomes, flags), nl=False)
    else:
        render = functools.partial(github, flags=flags) if fmt == "github" else functools.partial(human, color=color, flags=flags)
        for outcome in outcomes:
            text = render(outcome)
            if text:
                click.echo(text, nl=False, color=color)


class _Main(click.Group):
    """The command group, turning an output encoding failure into a clear error (exit 2)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UnicodeEncodeError as exc:
            if not _is_stdout_encoding(exc.encoding):
                raise
            bad = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else ""
            near = exc.object[max(0, exc.start - 40) : exc.end + 40] if isinstance(exc.object, str) else ""
            _fail(
                f"standard output ({exc.encoding}, strict) cannot show {bad!r} in {near!r} "
                "(a file name that is not UTF-8?); output stopped there. "
                "PYTHONIOENCODING=utf-8:surrogateescape passes such names through"
            )


def _is_stdout_encoding(name: str) -> bool:
    try:
        return codecs.lookup(name).name == codecs.lookup(sys.stdout.encoding or "utf-8").name
    except LookupError:
        return False


@click.group(cls=_Main)
@click.version_option(package_name="repair")
def main() -> None:
    """Repair machine-garbled articles, with every edit explained."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_shared_options
@click.option("--diff", "show_diff", is_flag=True, help="Show a unified diff of what would change.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="human", show_default=True, help="Report format.")
@click.option("--min-damage", type=click.FloatRange(0.0, 1.0), help="Report only documents whose damage score is at least this.")
@click.option("--flags", "show_flags", is_flag=True, help="Also report suspects too unsure to fix, for a person to read.")
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, min_damage: float | None, show_flags: bool, **options) -> None:
    """Report what would change in PATHS (files, folders, or - for standard input); change nothing.

    Exit 0 when nothing would change, 1 when something would, 2 on errors.
    """
    run = _setup(options, strict_lexicons=paths == ("-",))
    outcomes, started = _stdin_outcomes(run, paths, options) if "-" in paths else _outcomes(run, paths)
    if min_damage is not None:
        outcomes = [o for o in outcomes if o.result is None or o.result.damage.score >= min_damage]
    if not options["quiet"]:
        _print_findings(outcomes, fmt, show_diff, show_flags)
    _finish(run, outcomes, started, "would change", changes_exit=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@_shared_options
@click.option("--diff", "show_diff", is_flag=True, help="Show the diff instead of writing files.")
@click.option("--explain", is_flag=True, help="With -: write one line per edit to stderr.")
@click.option("--jsonl", is_flag=True, help="Read JSON Lines (a file or -), repair one field, write JSON Lines to stdout.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to repair.")
@click.option("--force", is_flag=True, help="Also rewrite read-only files and files with several hard links (the rename gives this name a file of its own).")
@click.option("--edits-field", help="With --jsonl: the key to add the edits under (default: FIELD_edits); a record that has it already is passed through.")
def fix(
    paths: tuple[str, ...],
    show_diff: bool,
    explain: bool,
    jsonl: bool,
    field: str,
    force: bool,
    edits_field: str | None,
    **options,
) -> None:
    """Repair PATHS in place, or standard input (-) to standard output."""
    if jsonl:
        _fix_jsonl(paths, field, edits_field, options)
        return
    if paths == ("-",):
        _fix_stdin(options, show_diff, explain)
        return
    if "-" in paths:
        _fail("'-' (standard input) cannot be mixed with file names")
    run = _setup(options)
    if show_diff:
        outcomes, started = _outcomes(run, paths)
        _print_findings(outcomes, "human", show_diff=True)
        _finish(run, outcomes, started, "would change", changes_exit=True)
        return
    outcomes, started = _outcomes(run, paths, functools.partial(_write, force=force, quiet=options["quiet"]))
    _finish(run, outcomes, started, "changed", changes_exit=False)


def _fix_stdin(options: dict, show_diff: bool, explain: bool) -> None:
    run = _setup(options, strict_lexicons=True)
    outcomes, _ = _stdin_outcomes(run, ("-",), options)
    result = outcomes[0].result
    assert result is not None
    out = result.diff(options["stdin_filename"] or "stdin") if show_diff else result.text
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()
    if explain:
        sys.stderr.write(_explain(result))
    if show_diff and out:
        sys.exit(EXIT_CHANGES)


@main.group()
def lexicon() -> None:
    """Build, check and query lexicons."""


def _corpus_texts(corpus: Sequence[str]) -> list[tuple[Path, str]]:
    """The text of every file under ``corpus`` (files or folders) a batch would read;
    what cannot be read is said on stderr and left out."""
    from .files import DEFAULT_INCLUDE, FileError, read_text_file

    texts = []
    for found in discover([Path(p) for p in corpus], DEFAULT_INCLUDE, (), Path.cwd()):
        if found.message:
            click.echo(f"repair: {found.message}", err=True)
        if found.status != "file":
            continue
        try:
            texts.append((found.path, read_text_file(found.path).text))
        except (FileSkipped, FileError) as exc:
            click.echo(f"repair: {exc}", err=True)
    return texts


@lexicon.command("build")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Lexicon file to write (default: stdout).")
@click.option("--min-uses", type=click.IntRange(1), default=2, show_default=True, help="Uses a name or word needs to be learned.")
@click.option(
    "--distinctive-min-uses",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Uses a distinctive multi-word name needs (\"High-Flyer Capital Management\", \"Yann LeCun\": camel case, a word no list knows, or an unusual capitalised compound, mid-sentence).",
)
@click.option("--words/--no-words", default=True, show_default=True, help="Also learn the lower-case words the prose keeps using that no word list knows.")
def lexicon_build(corpus: tuple[str, ...], output: str, min_uses: int, distinctive_min_uses: int, words: bool) -> None:
    """Learn canonical names, and the repository's own words, from a team's clean articles (files or folders)."""
    from .files import markup_for
    from .lexicon_tools import documents, drop_near_variants, learn_names, learn_words
    from .resources import Resources

    texts = documents([(text, markup_for(path)) for path, text in _corpus_texts(corpus)])
    vocab = Resources(lexicon=Lexicon()).vocabulary
    names = learn_names(texts, vocab, min_uses, distinctive_min_uses)
    known = [w for w in learn_words(texts, vocab, min_uses) if w not in names] if words else []
    kept = set(drop_near_variants([*names, *known], texts, vocab))
    names, known = [n for n in names if n in kept], [w for w in known if w in kept]
    body = f"# Learned by 'repair lexicon build' from {len(texts)} file(s); review before use.\n" + "".join(n + "\n" for n in names)
    if known:
        body += "# Words the prose keeps using (lower-case entries: known words, never split or corrected)\n"
        body += "".join(w + "\n" for w in known)
    if output == "-":
        click.echo(body, nl=False)
    else:
        _remove_stale_temp_files([Path(os.path.realpath(output)).parent])
        try:
            write_output(Path(output), body.encode("utf-8"))
        except RepairError as exc:
            _fail(str(exc))
        click.echo(f"repair: {len(names)} names and {len(known)} words from {len(texts)} file(s) written to {output}", err=True)


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
               "words": (), "words_file": None, "changed": False, "base": None, "all_lines": False, "markup": None,
               "stdin_filename": None, "quiet": False,
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
    from .wordmodel import TeamModel

    texts = [text for _, text in _corpus_texts(corpus)]
    built = TeamModel.learn(texts)
    body = built.dumps()
    if output == "-":
        click.echo(body, nl=False)
    else:
        _write_output(Path(output), body.encode("utf-8"))
        click.echo(f"repair: {len(built.unigrams)} words, {len(built.bigrams)} pairs from {len(texts)} file(s) written to {output}", err=True)


def _fix_jsonl(paths: tuple[str, ...], field: str, edits_field: str | None, options: dict) -> None:
    """Each record back with its field repaired; other lines passed through byte for byte, with their line numbers on stderr."""
    from .jsonl import repair_lines

    if len(paths) != 1:
        _fail("--jsonl takes one input: a file or -")
    if edits_field == field:
        _fail("--edits-field must differ from --field")
    if options["markup"] == "auto":
        _fail("--markup auto decides by a file name, and JSON Lines records have none: say --markup text, markdown or mdx")
    if options["changed"] or options["base"]:
        _fail("--changed and --base read lines of files in git; they do not apply to --jsonl")
    run = _setup(options, strict_lexicons=True)
    started = time.perf_counter()
    try:
        stream = sys.stdin.buffer if paths[0] == "-" else open(paths[0], "rb")
    except OSError as exc:
        _fail(f"{paths[0]}: cannot read: {exc.strerror or exc}")
    records = problems = changed = 0
    out = sys.stdout.buffer
    with stream:  # iterating a binary stream splits at b"\n" only
        for output in repair_lines(run.repairer, stream, field, run.jobs, edits_field, markup=options["markup"] or "text"):
            out.write(output.data)
            line = output.line
            if line.problem:
                problems += 1
                click.echo(f"repair: line {line.number}: {line.problem}; passed through unchanged", err=True)
            elif output.result is not None:
                records += 1
                changed += output.changed
    out.flush()
    click.echo(f"repair: {records} records, {changed} changed, {problems} passed through in {time.perf_counter() - started:.2f} s", err=True)
    if problems:
        sys.exit(EXIT_USAGE)


# -- review, apply, learn (the review loop; see repair.review and repair.decisions) --


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_shared_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, exists=True), help="Review the records of a JSON Lines file instead of PATHS.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to review.")
def review(paths: tuple[str, ...], output: str, jsonl_path: str | None, field: str, **options) -> None:
    """Write one self-contained HTML page to review every edit of PATHS (or of --jsonl FILE)."""
    from .review import file_document, render_page

    if bool(paths) == bool(jsonl_path):
        _fail("give PATHS or --jsonl FILE, not both or neither")
    run = _setup(options, strict_lexicons=bool(jsonl_path))
    if jsonl_path:
        documents = _review_jsonl(run, jsonl_path, field)
    else:
        outcomes, started = _outcomes(run, paths)
        documents = []
        for outcome in outcomes:
            if outcome.result is not None:
                try:
                    documents.append(file_document(outcome.path, _portable(outcome.path), outcome.result))
                except RepairError as exc:
                    run.errors.append(str(exc))
    _write_output(Path(output), render_page(documents).encode("utf-8"))
    edits = sum(len(d.result.edits) for d in documents)
    flags = sum(len(d.result.flags) for d in documents)
    click.echo(f"repair: review of {len(documents)} document(s), {edits} edit(s) and {flags} flag(s), written to {output}", err=True)
    if jsonl_path:  # records, not files: no file summary
        for error in run.errors:
            click.echo(f"repair: {error}", err=True)
        if run.errors:
            sys.exit(EXIT_USAGE)
        return
    _finish(run, outcomes, started, "would change", changes_exit=False)


def _portable(path: Path) -> str:
    """``path`` as a decisions file records it: relative to here when inside, so the file travels."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix() if Path(path).is_absolute() else Path(path).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _review_jsonl(run: _Run, jsonl_path: str, field: str) -> list:
    from .jsonl import body, parse, split_lines
    from .review import record_document

    try:
        data, _ = read_regular(Path(jsonl_path))
    except OSError as exc:
        _fail(f"{jsonl_path}: cannot read: {getattr(exc, 'strerror', None) or exc}")
    name = _portable(Path(jsonl_path))
    documents = []
    for line in parse(split_lines(data), field):
        if line.problem:
            run.errors.append(f"{jsonl_path}:{line.number}: {line.problem}; not reviewed")
        elif line.text is not None:
            documents.append(record_document(name, line.number, body(line.raw), field, run.repairer.repair(line.text)))
    return documents


@main.command("apply")
@click.argument("decisions_file", type=click.Path(dir_okay=False, exists=True))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True, help="For JSON Lines decisions: where to write the repaired records.")
def apply_decisions(decisions_file: str, paths: tuple[str, ...], output: str) -> None:
    """Apply the edits accepted in DECISIONS_FILE (exported by the review page).

    Files are rewritten in place, atomically, in their own encoding and line
    endings; a file changed since the review is refused. Files outside this
    folder are refused unless named as PATHS. JSON Lines are written whole to
    --output (standard output by default). Exit 2 when anything was refused.
    """
    from .decisions import apply_to_file, apply_to_jsonl, by_target, is_allowed, load

    try:
        decisions = load(decisions_file)
    except RepairError as exc:
        _fail(str(exc))
    cwd, named = Path.cwd(), [Path(p) for p in paths]
    refused = applied = 0
    groups = by_target(decisions)
    if sum(kind == "jsonl" for kind, _ in groups) > 1:
        _fail(f"{decisions_file}: decisions for more than one JSON Lines file; apply them one file at a time")
    if output != "-" and not any(kind == "jsonl" for kind, _ in groups):
        _fail("-o/--output is for JSON Lines decisions; files are rewritten in place")
    for (kind, name), items in groups.items():
        path = Path(str(name))
        if kind == "path" and not any(d.decision == "accept" for d in items):
            continue
        if kind == "path" and not is_allowed(path, cwd, named):
            click.echo(f"repair: {name}: outside this folder; not applied (name it on the command line to allow it)", err=True)
            refused += 1
            continue
        try:
            data, status = read_regular(path)
        except OSError as exc:
            click.echo(f"repair: {name}: cannot read: {getattr(exc, 'strerror', None) or exc}; not applied", err=True)
            refused += 1
            continue
        if kind == "jsonl":
            out, results = apply_to_jsonl(str(name), data, items)
            if output == "-":
                sys.stdout.buffer.write(out)
                sys.stdout.buffer.flush()
            else:
                _write_output(Path(output), out)
        else:
            results = [apply_to_file(path, items, data)]
        for result in results:
            if result.refusal:
                click.echo(f"repair: {result.refusal}", err=True)
                refused += 1
            elif result.data is not None:
                if kind == "path":
                    try:
                        replace_if_unchanged(path, Stamp.of(status, data), result.data)
                    except RepairError as exc:
                        click.echo(f"repair: {exc}", err=True)
                        refused += 1
                        continue
                applied += result.edits
                click.echo(f"applied {result.edits} edit{'s' if result.edits != 1 else ''} to {result.target}", err=True)
    click.echo(f"repair: {applied} edit(s) applied, {refused} refused", err=True)
    if refused:
        sys.exit(EXIT_USAGE)


@lexicon.command("learn")
@click.argument("decisions_files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Lexicon file to write (default: stdout).")
def lexicon_learn(decisions_files: tuple[str, ...], output: str) -> None:
    """Turn review decisions into a lexicon: rejected corrections become
    never-touch lines (!Form), accepted name fixes names and their wrong forms aliases."""
    from .decisions import learn, load

    decisions = []
    for file in decisions_files:
        try:
            decisions += load(file)
        except RepairError as exc:
            _fail(str(exc))
    learned = learn(decisions)
    body = learned.lexicon_text(f"Learned by 'repair lexicon learn' from {len(decisions)} decision(s) in {', '.join(decisions_files)}.\nLines starting with '!' are never touched; review before use.")
    if output == "-":
        click.echo(body, nl=False)
    else:
        _write_output(Path(output), body.encode("utf-8"))
    click.echo(
        f"repair: {len(learned.never)} never-touch form(s), {len(learned.names)} name(s), {len(learned.aliases)} wrong form(s) learned"
        + (f"; {len(learned.conflicts)} form(s) both accepted and rejected left out" if learned.conflicts else ""),
        err=True,
    )
    if learned.unlearnable:
        forms = ", ".join(map(repr, learned.unlearnable))
        click.echo(f"repair: rejected edits of {forms} cannot be learned (a lexicon line needs a letter or digit and no line break); use an ignore directive there", err=True)


def _write_output(path: Path, data: bytes) -> None:
    """Write a command's output file, or stop with exit 2 saying why it cannot be written."""
    try:
        write_output(path, data)
    except (RepairError, OSError) as exc:
        _fail(f"{path}: cannot write: {getattr(exc, 'strerror', None) or exc}")
