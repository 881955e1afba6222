"""The command line: a thin click layer over `newsrecon.analyze`.

Exit codes: 0 the run finished (inputs that could not be read are listed on stderr); 2 bad usage;
3 nothing could be read from the inputs; 4 the store could not be opened or written.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from newsrecon import __version__
from newsrecon.errors import NoInputError, StoreError
from newsrecon.ingest import discover
from newsrecon.pipeline import ProgressHook, analyze
from newsrecon.report import write_csv, write_html, write_json, write_markdown

EXIT_OK, EXIT_USAGE, EXIT_NOTHING_READ, EXIT_STORE = 0, 2, 3, 4
PROGRESS_MIN_FILES = 20  # a bar for a handful of files is noise
SHOW_PROBLEMS = 20  # inputs left out named one by one on stderr; the rest counted by code


@contextmanager
def _progress(paths: tuple[str, ...], console: Console) -> Iterator[ProgressHook | None]:
    """A progress bar over the input files, shown only on a terminal and only for long runs."""
    if not console.is_terminal:
        yield None
        return
    total = sum(1 for _ in discover(paths))
    if total < PROGRESS_MIN_FILES:
        yield None
        return
    columns = (TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("read", total=total)
        yield lambda _source: bar.advance(task)


@click.group()
@click.version_option(__version__, prog_name="newsrecon")
def main() -> None:
    """newsrecon: what do the sources agree on, where do they disagree, and who said which number."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result as JSON here.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Add the documents to this SQLite store.",
)
@click.option(
    "--md", "md_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the dossier as Markdown."
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the dossier as one HTML page.",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write claims.csv and measures.csv here.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for the per-document stages [default: cores, up to 4].",
)
@click.option(
    "--corpus",
    is_flag=True,
    help="With --db: file these articles among all stored ones: they join the stories of earlier"
    " --corpus runs or open new ones; the result holds the stories they touched.",
)
@click.option(
    "--reprocess",
    is_flag=True,
    help="With --db: process every article again, even one this version already stored.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def analyze_command(
    paths: tuple[str, ...],
    json_path: Path | None,
    db_path: Path | None,
    md_path: Path | None,
    html_path: Path | None,
    csv_dir: Path | None,
    workers: int | None,
    corpus: bool,
    reprocess: bool,
    quiet: bool,
) -> None:
    """Read articles (files or folders of .txt / .jsonl) and reconcile what they report."""
    err = Console(stderr=True)
    if corpus and db_path is None:
        raise click.UsageError("--corpus needs --db: the stories it builds on are in the store")
    try:
        with _progress(paths, err) as hook:
            result = analyze(
                list(paths), db=db_path, on_item=hook, workers=workers, corpus=corpus, reuse=not reprocess
            )
    except NoInputError as exc:
        err.print(f"[bold red]error:[/] {exc.reason} [{exc.code}]", highlight=False)
        sys.exit(EXIT_NOTHING_READ)
    except StoreError as exc:
        err.print(f"[bold red]error:[/] {exc.reason} [{exc.code}]", highlight=False)
        sys.exit(EXIT_STORE)
    for problem in result.problems[:SHOW_PROBLEMS]:
        err.print(f"skipped {problem}", highlight=False, markup=False, style="yellow", soft_wrap=True)
    if len(result.problems) > SHOW_PROBLEMS:
        rest = Counter(p.code for p in result.problems[SHOW_PROBLEMS:])
        codes = ", ".join(f"{code} x{n}" for code, n in sorted(rest.items()))
        where = " (all listed in the JSON result and the store)" if json_path or db_path else ""
        err.print(
            f"skipped {len(result.problems) - SHOW_PROBLEMS} more inputs: {codes}{where}",
            highlight=False, markup=False, style="yellow", soft_wrap=True,
        )  # fmt: skip
    written = []
    if json_path is not None:
        write_json(result, json_path)
        written.append(("JSON result", json_path))
    if md_path is not None:
        write_markdown(result, md_path)
        written.append(("Markdown dossier", md_path))
    if html_path is not None:
        write_html(result, html_path)
        written.append(("HTML dossier", html_path))
    if csv_dir is not None:
        write_csv(result, csv_dir)
        written.append(("CSV (claims.csv, measures.csv)", csv_dir))
    if not quiet:
        out = Console()
        n, bad = len(result.documents), len(result.problems)
        out.print(
            f"read {n} article{'s' * (n != 1)}" + (f", skipped {bad} input{'s' * (bad != 1)}" if bad else "")
        )
        for doc in result.documents:
            title = doc.meta.value("title") or doc.body[:70].split("\n")[0]
            out.print(f"  {doc.id}: {title}", highlight=False, markup=False)
        for story in result.stories:
            conflicts = sum(m.status == "conflict" for m in story.measures)
            out.print(f"{len(story.measures)} measures, {conflicts} in conflict", highlight=False)
        for what, where in written:
            out.print(f"{what}: {where}", highlight=False)
        if db_path is not None:
            out.print(f"store: {db_path}", highlight=False)
