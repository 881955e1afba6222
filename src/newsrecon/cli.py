"""The command line: a thin click layer over `newsrecon.analyze` and `pipeline.clean_inputs`.

Exit codes: 0 the run finished (inputs that could not be read are listed on stderr); 2 bad usage;
3 nothing could be read from the inputs; 4 the store could not be opened or written; 5 Spark
(`--spark`) could not start, or its job failed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from newsrecon import __version__, limits
from newsrecon.errors import NewsreconError, NoInputError, RunnerError, StoreError
from newsrecon.ingest.fetch import is_url
from newsrecon.ingest.files import kind_of, resolved
from newsrecon.model import Document, InputProblem
from newsrecon.pipeline import ProgressHook, analyze, clean_inputs, not_an_article, nothing_read
from newsrecon.report import write_csv, write_html, write_json, write_markdown
from newsrecon.report.cleaned import cleaned_to_dict
from newsrecon.report.files import replacing
from newsrecon.runners import SparkRunner

EXIT_OK, EXIT_USAGE, EXIT_NOTHING_READ, EXIT_STORE, EXIT_RUNNER = 0, 2, 3, 4, 5
PROGRESS_MIN = 20  # articles (or inputs read): a bar for a handful is noise
SHOW_PROBLEMS = 20  # inputs left out named one by one on stderr; the rest counted by code
LIST_UP_TO = 30  # articles and stories named one a line in the summary; more are counted
COUNTED = ("read", "clean")  # stages that count as they go, with no total known ahead
STAGES = {
    "fetch": "fetching",
    "read": "reading",
    "process": "processing",
    "clean": "cleaning",
    "stories": "filing into stories",
    "reconcile": "reconciling stories",
    "store": "writing the store",
}


@contextmanager
def _progress(console: Console) -> Iterator[ProgressHook | None]:
    """Progress on stderr, on a terminal only, once a run reaches `PROGRESS_MIN` articles: a count
    while inputs are read (a JSON Lines file or an archive holds any number), a bar with the time
    left while articles are processed, then the corpus-wide stages as they start."""
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("{task.description:<20}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),  # "1,234" read, "56/1,234" processed, nothing for one-off stages
        TimeRemainingColumn(),
    )
    bar = Progress(*columns, console=console, transient=True)
    tasks: dict[str, TaskID] = {}
    shown = False
    size = 0  # articles (or inputs) seen so far

    def hook(stage: str, done: int, total: int | None) -> None:
        nonlocal shown, size
        size = max(size, done, total or 0)
        if not shown and size < PROGRESS_MIN:
            return
        if not shown:
            bar.start()
            shown = True
        if stage not in tasks:
            bar.refresh()  # the stage before as it ended, then out of the way
            for other in tasks.values():
                bar.update(other, visible=False)
            tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total, count="")
        count = f"{done:,}/{total:,}" if total is not None else f"{done:,}" if stage in COUNTED else ""
        bar.update(tasks[stage], completed=done, total=total, count=count)
        if stage not in ("process", "reconcile", *COUNTED):
            bar.refresh()  # stages that report once: shown now, not at the next tick

    try:
        yield hook
    finally:
        if shown:
            bar.stop()


# Arguments and options both commands take.
_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
_quiet = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")


def _set_limits(ctx: click.Context, param: click.Parameter, given: tuple[str, ...]) -> tuple[str, ...]:
    """Apply `--limit NAME=VALUE` options (newsrecon.limits) before the run starts."""
    for item in given:
        name, eq, value = item.partition("=")
        try:
            limits.configure(**{name.strip(): float(value)})
        except ValueError as exc:
            detail = str(exc) if eq and value.strip() else f"{item!r} is not NAME=NUMBER"
            raise click.BadParameter(detail, ctx=ctx, param=param) from exc
    return given


_limit = click.option(
    "--limit",
    "limit",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_set_limits,
    expose_value=False,
    help="Change one of the limits on what one input may cost (repeatable): "
    + ", ".join(f"{k}={v}" if isinstance(v, int) else f"{k}={v:g}" for k, v in limits.current().items())
    + ".",
)


_spark = click.option(
    "--spark",
    "spark_master",
    metavar="MASTER",
    help="Run the per-document stages on Spark at this master URL (local[4], spark://HOST:7077,"
    " yarn) instead of local processes; needs pip install 'newsrecon[spark]' and Java.",
)


@contextmanager
def _runner(err: Console, spark_master: str | None) -> Iterator[SparkRunner | None]:
    """The Spark runner of `--spark`, started before any output is written (exit 5 when it cannot
    start) and stopped at the end; None without `--spark`."""
    if not spark_master:
        yield None
        return
    runner = SparkRunner(spark_master)
    try:
        runner.start()
    except RunnerError as exc:
        _fail(err, exc, EXIT_RUNNER)
    try:
        yield runner
    finally:
        runner.close()


def _workers(what: str):
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help=f"Processes for {what} [default: cores, up to 4].",
    )


@click.group()
@click.version_option(__version__, prog_name="newsrecon")
def main() -> None:
    """newsrecon: what do the sources agree on, where do they disagree, and who said which number."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a service manager, `kill`) stops a run as Ctrl-C does: the store's open transaction
    is rolled back, temporary files and worker processes go, and the exit code is 1."""
    raise KeyboardInterrupt


def _list_problems(err: Console, problems: list[InputProblem], where: str = "") -> None:
    """The inputs left out, on stderr: the first `SHOW_PROBLEMS` one a line, the rest counted by code."""
    for problem in problems[:SHOW_PROBLEMS]:
        err.print(f"skipped {problem}", highlight=False, markup=False, style="yellow", soft_wrap=True)
    if len(problems) > SHOW_PROBLEMS:
        rest = Counter(p.code for p in problems[SHOW_PROBLEMS:])
        codes = ", ".join(f"{code} x{n}" for code, n in sorted(rest.items()))
        err.print(
            f"skipped {len(problems) - SHOW_PROBLEMS} more inputs: {codes}{where}",
            highlight=False, markup=False, style="yellow", soft_wrap=True,
        )  # fmt: skip


def _input_paths(paths: tuple[str, ...]) -> set[Path]:
    return {r for p in paths if (r := resolved(p)) is not None}


def _check_outputs(paths: tuple[str, ...], outputs: list[tuple[str, Path | None]]) -> None:
    """Refuse, before any work, an output that would overwrite an input (one named on the command
    line, or an existing file of a kind the run reads inside an input folder) or that lies in a
    folder that does not exist (a typo would otherwise cost the whole run)."""
    inputs = _input_paths(paths)
    for option, path in outputs:
        if path is None:
            continue
        where = resolved(path)
        if where in inputs or (
            where is not None
            and path.is_file()
            and kind_of(path) is not None
            and any(where.is_relative_to(i) for i in inputs)
        ):
            raise click.BadParameter(
                f"{path} is one of the inputs; it would be overwritten", param_hint=option
            )
        if where is None or not where.parent.is_dir():
            raise click.BadParameter(f"cannot write {path}: no folder {path.parent}", param_hint=option)


def _make_folder(folder: Path, option: str) -> None:
    """Make an output folder the option names, or refuse the option (exit 2) saying why."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.BadParameter(f"cannot make {folder}: {exc.strerror or exc}", param_hint=option) from exc


def _check_text_dir(paths: tuple[str, ...], text_dir: Path | None) -> None:
    """The folder of `--text-dir` shares nothing with the inputs: neither holds the other, so no
    input is overwritten by a body and no body is read back as an article."""
    if text_dir is None:
        return
    folder = resolved(text_dir)
    if folder is None or any(
        folder.is_relative_to(i) or i.is_relative_to(folder) for i in _input_paths(paths)
    ):
        raise click.BadParameter(
            f"{text_dir} overlaps the inputs; choose a folder apart", param_hint="--text-dir"
        )


def _fail(err: Console, exc: NewsreconError, exit_code: int) -> None:
    """An error that ends the run, on stderr with its code; then exit with `exit_code`."""
    err.print(f"[bold red]error:[/] {escape(exc.reason)} [{exc.code}]", highlight=False, soft_wrap=True)
    sys.exit(exit_code)


def _write_failed(err: Console, path: Path, exc: OSError) -> None:
    err.print(
        f"[bold red]error:[/] cannot write {path}: {exc.strerror or exc}", highlight=False, soft_wrap=True
    )
    sys.exit(EXIT_USAGE)


@main.command("analyze")
@_paths
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
@_workers("the per-document stages")
@_spark
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
@click.option(
    "--fetched",
    "fetched_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the web archive of the URLs fetched in this folder [default: a temporary one,"
    " removed after the run].",
)
@_limit
@_quiet
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
    spark_master: str | None,
    fetched_dir: Path | None,
    quiet: bool,
) -> None:
    """Read articles (files, folders, web pages and feeds by URL) and reconcile what they report.

    URLs (http, https) are fetched first, politely (robots.txt, one request per host at a time),
    into a web archive that the run then reads; what cannot be fetched is listed with the other
    inputs left out."""
    err = Console(stderr=True)
    if corpus and db_path is None:
        raise click.UsageError("--corpus needs --db: the stories it builds on are in the store")
    _check_outputs(
        tuple(p for p in paths if not is_url(p)),
        [("--json", json_path), ("--md", md_path), ("--html", html_path), ("--db", db_path)],
    )
    if fetched_dir is not None and any(is_url(p) for p in paths):
        _make_folder(fetched_dir, "--fetched")
    try:
        with _runner(err, spark_master) as runner, _progress(err) as hook:
            result = analyze(
                list(paths), db=db_path, progress=hook, workers=workers, corpus=corpus,
                reuse=not reprocess, runner=runner, fetched=fetched_dir,
            )  # fmt: skip
    except NoInputError as exc:
        _fail(err, exc, EXIT_NOTHING_READ)
    except StoreError as exc:
        if exc.result is None:  # the store failed before the work: nothing to write
            _fail(err, exc, EXIT_STORE)
        store_failed, result = exc, exc.result  # the other outputs are still written, then exit 4
    except RunnerError as exc:
        _fail(err, exc, EXIT_RUNNER)
    else:
        store_failed = None
    where = " (all listed in the JSON result and the store)" if json_path or db_path else ""
    _list_problems(err, result.problems, where)
    written = []
    for what, path, write in (
        ("JSON result", json_path, write_json),
        ("Markdown dossier", md_path, write_markdown),
        ("HTML dossier", html_path, write_html),
        ("CSV (claims.csv, measures.csv)", csv_dir, write_csv),
    ):
        if path is None:
            continue
        try:
            write(result, path)
        except OSError as exc:
            _write_failed(err, path, exc)
        written.append((what, path))
    if not quiet:
        out = Console()
        n, bad = len(result.documents), len(result.problems)
        out.print(
            f"read {n} article{'s' * (n != 1)}" + (f", skipped {bad} input{'s' * (bad != 1)}" if bad else "")
        )
        if n <= LIST_UP_TO:
            for doc in result.documents:
                title = doc.meta.value("title") or doc.body[:70].split("\n")[0]
                out.print(f"  {doc.id}: {title}", highlight=False, markup=False)
        stories = result.stories
        if len(stories) <= LIST_UP_TO:
            for story in stories:
                conflicts = sum(m.status == "conflict" for m in story.measures)
                out.print(
                    f"{story.id}: {len(story.docs)} article{'s' * (len(story.docs) != 1)},"
                    f" {len(story.measures)} measures, {conflicts} in conflict",
                    highlight=False,
                )
        else:  # a corpus: the stories are in the outputs, not one line each here
            measures = sum(len(s.measures) for s in stories)
            conflicts = sum(m.status == "conflict" for s in stories for m in s.measures)
            out.print(
                f"{len(stories)} stories, {measures} measures, {conflicts} in conflict", highlight=False
            )
        for what, where in written:
            out.print(f"{what}: {where}", highlight=False)
        if db_path is not None and store_failed is None:
            out.print(f"store: {db_path}", highlight=False)
    if store_failed is not None:
        _fail(err, store_failed, EXIT_STORE)


@main.command("clean")
@_paths
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON Lines here [default: standard output].",
)
@click.option(
    "--with-text",
    is_flag=True,
    help="Also give each article's text as read, the text its offsets point into (for HTML, feeds"
    " and archives: the page's extracted text).",
)
@click.option(
    "--text-dir",
    "text_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write each article's body as plain text, one ID.txt a file, in this folder.",
)
@_workers("cleaning")
@_spark
@_limit
@_quiet
def clean_command(
    paths: tuple[str, ...],
    out_path: Path | None,
    with_text: bool,
    text_dir: Path | None,
    workers: int | None,
    spark_master: str | None,
    quiet: bool,
) -> None:
    """Remove the boilerplate of pages (any format analyze reads), and nothing more.

    Writes one JSON object a line for every input, in order: an article's body with the offsets
    of its paragraphs, every removed span with its reason, its metadata and the cleaner's
    confidence ("article": true); a page that is not an article (a home page, a list of links)
    says so ("article": false, error E114) and has no body; an input that cannot be read gives
    its error code and reason. Streams: memory holds one batch of pages, however many there are.
    """
    err = Console(stderr=True)
    _check_outputs(paths, [("-o", out_path)])
    _check_text_dir(paths, text_dir)
    created = out_path is not None and not out_path.exists()
    with _runner(err, spark_master) as runner:
        texts = _TextFiles(text_dir) if text_dir is not None else None
        try:
            articles, pages, problems = _clean_to(err, paths, out_path, workers, runner, texts, with_text)
        except RunnerError as exc:
            _fail(err, exc, EXIT_RUNNER)
    _list_problems(err, problems, f" (all in {out_path})" if out_path is not None else "")
    if not articles and not pages:
        if created and out_path.is_file():  # only a file this run made: never one the user pointed at
            out_path.unlink()
        _fail(err, nothing_read(problems), EXIT_NOTHING_READ)
    if not quiet:
        bad = len(problems) - pages
        err.print(
            f"cleaned {articles} article{'s' * (articles != 1)}"
            + (f", {pages} page{'s' * (pages != 1)} not an article" if pages else "")
            + (f", skipped {bad} input{'s' * (bad != 1)}" if bad else "")
            + (f": {out_path}" if out_path is not None else "")
            + (f", bodies in {text_dir}" if text_dir is not None else ""),
            highlight=False,
        )


def _clean_to(
    err: Console,
    paths: tuple[str, ...],
    out_path: Path | None,
    workers: int | None,
    runner: SparkRunner | None,
    texts: _TextFiles | None = None,
    with_text: bool = False,
) -> tuple[int, int, list[InputProblem]]:
    """Clean every input into JSON Lines (`out_path`, or stdout), and each article's body into
    `texts`; the articles, the pages that are not articles, and the problems (those pages' among
    them)."""
    articles, pages, problems = 0, 0, []
    # The file is written under a temporary name and moved into place at the end (`replacing`): a
    # full disk or an interrupted run leaves the output that was there, never half of a new one.
    try:
        with ExitStack() as stack, _progress(err) as hook:
            sink = sys.stdout
            if out_path is not None:
                try:
                    sink = stack.enter_context(replacing(out_path))
                except OSError as exc:
                    _write_failed(err, out_path, exc)
            elif hasattr(sys.stdout, "reconfigure"):  # JSON Lines are UTF-8, whatever the console's locale
                sys.stdout.reconfigure(encoding="utf-8")
            exclude = [out_path] if out_path is not None else []
            items = clean_inputs(list(paths), progress=hook, workers=workers, exclude=exclude, runner=runner)
            for item in items:
                problem, is_article = None, False
                if isinstance(item, InputProblem):
                    problems.append(item)
                elif (problem := not_an_article(item)) is not None:
                    pages += 1
                    problems.append(InputProblem.of(problem))
                else:
                    articles += 1
                    is_article = True
                line = json.dumps(cleaned_to_dict(item, problem, with_text), ensure_ascii=False) + "\n"
                try:
                    if texts is not None and is_article:
                        texts.write(item)
                    sink.write(line)
                except BrokenPipeError:  # `newsrecon clean ... | head`: the reader has had enough
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
                    sys.exit(EXIT_OK)
    except OSError as exc:  # a full disk (while writing, or as the file closes), a folder removed
        _write_failed(err, Path(exc.filename) if exc.filename else out_path or Path("-"), exc)
    return articles, pages, problems


from newsrecon.web.command import serve_command  # noqa: E402  (the web app's command lives with the app)

main.add_command(serve_command)

NAME_BYTES = 150  # of a body's file name from its id: file systems allow 255 bytes


class _TextFiles:
    """Articles' bodies as plain text files, ID.txt in one folder (made when missing); an id is
    made safe for a file name ("a/b" -> "a_b") and unique in the folder."""

    def __init__(self, folder: Path) -> None:
        _make_folder(folder, "--text-dir")
        self.folder = folder
        self.names: set[str] = set()

    def write(self, doc: Document) -> None:
        stem = re.sub(r"[^\w.-]+", "_", doc.id).lstrip(".") or "article"
        if len(stem.encode("utf-8")) > NAME_BYTES:  # a URL as an id: cut, and told apart by a hash
            digest = hashlib.sha1(doc.id.encode("utf-8")).hexdigest()[:12]
            stem = stem.encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore") + "-" + digest
        name, n = stem, 1
        while name in self.names:
            n += 1
            name = f"{stem}-{n}"
        self.names.add(name)
        with replacing(self.folder / f"{name}.txt") as f:  # never through a link planted in the folder
            f.write(doc.body + "\n")
