"""Command line: a thin layer over :class:`repair.Repairer`.

Only this module reads, writes, prints and chooses exit codes:
0 success, 1 reserved for "something would change" (``check``), 2 for usage
errors and unreadable input.
"""

from __future__ import annotations

import sys

import click

from . import Family, Repairer, RepairError, Result
from .document import Document

EXIT_USAGE = 2


def _explain(result: Result) -> str:
    doc = Document(result.source) if result.edits else None
    lines = []
    for edit in result.edits:
        line, col = doc.line_col(edit.start)
        lines.append(
            f"{edit.start} {line}:{col}: {edit.before!r} → {edit.after!r} "
            f"({edit.kind.value}, {edit.confidence:.2f}) {edit.reason}"
        )
    return "".join(line + "\n" for line in lines)


@click.group()
@click.version_option(package_name="repair")
def main() -> None:
    """Repair machine-garbled articles, with every edit explained."""


@main.command()
@click.argument("source", type=click.Choice(["-"]), metavar="-")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False), help="Lexicon file to add (repeatable).")
@click.option("--no-default-lexicon", is_flag=True, help="Do not load the built-in lexicon.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), help="Fix only edits at least this confident.")
@click.option("--select", multiple=True, type=click.Choice([f.value for f in Family]), help="Run only these families.")
@click.option("--ignore", multiple=True, type=click.Choice([f.value for f in Family]), help="Skip these families.")
@click.option("--explain", is_flag=True, help="Write one line per edit to stderr.")
@click.option("--diff", "show_diff", is_flag=True, help="Write a unified diff instead of the repaired text.")
def fix(
    source: str,
    lexicons: tuple[str, ...],
    no_default_lexicon: bool,
    threshold: float | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    explain: bool,
    show_diff: bool,
) -> None:
    """Repair text read from standard input (-) and write it to standard output."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        click.echo(f"repair: standard input is not UTF-8 (byte {exc.start}, line {line}); nothing written", err=True)
        sys.exit(EXIT_USAGE)
    try:
        repairer = Repairer(
            lexicons,
            default_lexicon=not no_default_lexicon,
            threshold=threshold,
            select=select or None,
            ignore=ignore,
        )
        result = repairer.repair(text)
    except RepairError as exc:
        click.echo(f"repair: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    out = result.diff("stdin") if show_diff else result.text
    sys.stdout.buffer.write(out.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()
    if explain:
        sys.stderr.write(_explain(result))
