"""The `newsprism` command: a thin edge over the library.

It parses options, calls library functions and renders what they return;
analysis lives in the stages. Heavy imports happen inside commands so that
`newsprism --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="newsprism",
    help="Read many outlets' reports of one event and see the event itself.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Sources = Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feed URLs, WARC files, or - for stdin.")]
DbOption = Annotated[Optional[str], typer.Option("--db", help="SQLite store file, or a postgresql:// URL (default: $NEWSPRISM_DB or the user data dir).")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")]
MaxSize = Annotated[float, typer.Option("--max-size", help="Largest input to read, in MB (archives: 25x this).", min=0.001)]
InputFormat = Annotated[Optional[str], typer.Option("--input-format", help="Force one reader: text, html, json, jsonl, csv, feed, warc.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or skip lines on stderr.")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")]


class ReadFormat(str, Enum):
    json = "json"
    text = "text"


class ReportFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"


def main() -> None:
    """The console entry point: no traceback reaches the user (NEWSPRISM_DEBUG=1 shows it)."""
    import os

    from newsprism.errors import NewsprismError

    # Our parallel work is explicit (MiniLM batches side by side, Dask workers); OpenBLAS's own threads
    # only spin against it on the small products we ask of numpy (the seeds: 0.5 s less CPU). Set
    # before numpy is imported; a value the user sets wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        app()
    except SystemExit as done:
        if _models_done and not done.code:
            _leave_at_once()
        raise
    except NewsprismError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except MemoryError:
        typer.echo("error: out of memory; analyse fewer or shorter articles (README: Resource limits)", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last edge: a bug is reported in one line, not a traceback
        if os.environ.get("NEWSPRISM_DEBUG"):
            raise
        message = " ".join(str(exc).split())[:300]
        typer.echo(f"error: internal error ({type(exc).__name__}: {message}); run again with NEWSPRISM_DEBUG=1 "
                   f"for the traceback, and please report it", err=True)
        sys.exit(1)


# Set by a command once its output is written (`analyze`, `show`): the process then leaves without tearing
# down the models it loaded, about 0.2 s of freeing memory that the system frees anyway.
_models_done = False


def _done_with_models() -> None:
    global _models_done
    _models_done = True


def _leave_at_once() -> None:
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe ("| head"): nothing more to say to it
            pass
    os._exit(0)


# Copies of the command that parse shares of the articles (`extract`): one a core, at most this many.
_MOST_PROCESSES = 4


def _processes() -> int:
    from newsprism.embed import usable_cores

    return min(usable_cores(), _MOST_PROCESSES)


def _options(allow_private: bool, max_size: float, input_format: str | None):
    from newsprism.read import READERS, ReadOptions

    if input_format and input_format not in READERS:
        raise typer.BadParameter(f"unknown input format {input_format!r}; choose from {', '.join(READERS)}",
                                 param_hint="--input-format")
    max_bytes = int(max_size * 1_000_000)
    return ReadOptions(max_bytes=max_bytes, max_archive_bytes=25 * max_bytes,
                       allow_private=allow_private, format=input_format)


def _read(sources: list[str], options, quiet: bool, outputs: tuple[Path, ...] = ()):
    from newsprism.pipeline import read_articles
    from newsprism.render.progress import ReadProgress

    with ReadProgress(enabled=not quiet) as progress:
        outcome = read_articles(sources, options, on_item=progress.advance, outputs=outputs)
    if not quiet:
        for skip in outcome.skipped:
            typer.echo(f"skipped: {skip.source}: {skip.reason}", err=True)
    if not outcome.articles:
        typer.echo("error: nothing could be read from the given sources", err=True)
        raise typer.Exit(1)
    return outcome


def _analysis_status(articles: int, quiet: bool):
    """A spinner on stderr while a larger event is analysed; nothing for a handful, a pipe or --quiet."""
    from contextlib import nullcontext

    from newsprism.render.progress import SHOW_AFTER

    if quiet or articles < SHOW_AFTER or not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(f"analysing {articles} articles: sentences, quotes, facts, conflicts, framing")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    _write(output, text)
    typer.echo(f"wrote {output}", err=True)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        typer.echo(f"error: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def read(
    sources: Sources,
    format: Annotated[Optional[ReadFormat], typer.Option("--format", "-f", help="json or text (default: text on a terminal, else json).")] = None,
    output: Output = None,
    allow_private: AllowPrivate = False,
    max_size: MaxSize = 20.0,
    input_format: InputFormat = None,
    quiet: Quiet = False,
) -> None:
    """Read and clean only: one record per article with its metadata, body and removed boilerplate."""
    outcome = _read(sources, _options(allow_private, max_size, input_format), quiet)
    fmt = format or (ReadFormat.text if sys.stdout.isatty() and output is None else ReadFormat.json)
    if fmt is ReadFormat.json:
        payload = {
            "articles": [a.to_record() for a in outcome.articles],
            "skipped": [s.to_record() for s in outcome.skipped],
        }
        _emit(json.dumps(payload, ensure_ascii=False, indent=2), output)
    else:
        from newsprism.render.articles import articles_text

        _emit(articles_text(outcome.articles, outcome.skipped), output)


@app.command()
def analyze(
    sources: Sources,
    format: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", help="text, md, json or html (default: text).")] = None,
    output: Output = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write the HTML page to this file.")] = None,
    allow_private: AllowPrivate = False,
    max_size: MaxSize = 20.0,
    input_format: InputFormat = None,
    quiet: Quiet = False,
    model: Annotated[str, typer.Option("--model", help="English pipeline: sm (bundled) or md (if installed).")] = "sm",
) -> None:
    """Read the sources as reports of one event and print the briefing."""
    fmt = format or ReportFormat.text
    outcome = _read(sources, _options(allow_private, max_size, input_format), quiet,
                    tuple(p for p in (output, html) if p is not None))
    from newsprism.brief import brief
    from newsprism.errors import AnalysisError, UsageError
    from newsprism.pipeline import analyze as run_analysis
    from newsprism.render import render

    try:
        with _analysis_status(len(outcome.articles), quiet):
            analysis = run_analysis(outcome, model=model, processes=_processes())
            briefing = brief(analysis)
    except UsageError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except AnalysisError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if not quiet:
        for skip in analysis.skipped[len(outcome.skipped):]:
            typer.echo(f"skipped: {skip.source}: {skip.reason}", err=True)
    color = fmt is ReportFormat.text and output is None and sys.stdout.isatty()
    _emit(render(briefing, fmt.value, color=color), output)
    if html is not None:
        _write(html, render(briefing, "html"))
        typer.echo(f"wrote the HTML briefing to {html.resolve()}", err=True)
    _done_with_models()


@app.command()
def ingest(
    sources: Sources,
    db: DbOption = None,
    allow_private: AllowPrivate = False,
    max_size: MaxSize = 20.0,
    input_format: InputFormat = None,
    quiet: Quiet = False,
) -> None:
    """Add articles to the store (the same article twice is stored once)."""
    from newsprism.errors import StoreError
    from newsprism.pipeline import event_clusterer
    from newsprism.store import open_store

    outcome = _read(sources, _options(allow_private, max_size, input_format), quiet)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        with open_store(db) as store:
            result = store.ingest(outcome.articles, outcome.skipped, now=now, cluster=event_clusterer())
            path = store.path
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{len(result.added)} added, {len(result.present)} already present, "
               f"{len(result.skipped)} skipped ({path})")
    if result.undated:
        typer.echo(f"{len(result.undated)} of the added articles have no date: placed in events by their content "
                   f"alone", err=True)


@app.command()
def check(db: DbOption = None) -> None:
    """Check the store file: its header, then SQLite's integrity check (read-only; nothing is changed)."""
    from newsprism.store import check_store, store_path

    result = check_store(store_path(db))
    if not result.ok:
        typer.echo(f"store {result.path}: damaged or unusable", err=True)
        for problem in result.problems[:20]:
            typer.echo(f"  {problem}", err=True)
        if len(result.problems) > 20:
            typer.echo(f"  ... and {len(result.problems) - 20} more", err=True)
        raise typer.Exit(1)
    typer.echo(f"store {result.path}: ok ({result.articles} articles, {result.events} events, "
               f"schema {result.migrations[-1] if result.migrations else 'none'})")


class EventsFormat(str, Enum):
    json = "json"
    text = "text"


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f", help="text or json.")] = EventsFormat.text,
) -> None:
    """Events found in the store, newest first."""
    from newsprism.errors import StoreError
    from newsprism.store import open_store

    try:
        with open_store(db) as store:
            # Titled as the briefing is (`title.event_title`): the store keeps each event's headline,
            # written when the event's articles last changed.
            rows = store.events()
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if format is EventsFormat.json:
        _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return
    if not rows:
        typer.echo("no events yet: add articles with `newsprism ingest`")
        return
    for row in rows:
        when = row["first"] if row["first"] == row["last"] else f"{row['first'] or '?'} to {row['last'] or '?'}"
        typer.echo(f"{row['id'][:12]}  {row['articles']:>3} articles  {when or 'undated'}  {row['title'] or '(untitled)'}"
                   f"  [{', '.join(o for o in row['outlets'] if o)}]")


@app.command()
def show(
    event: Annotated[str, typer.Argument(help="An event id (or a unique prefix of at least 6 characters).")],
    db: DbOption = None,
    format: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", help="text, md, json or html.")] = None,
    output: Output = None,
) -> None:
    """The briefing of one stored event (cached until the event changes)."""
    import hashlib

    from newsprism.errors import StoreError
    from newsprism.store import open_store

    fmt = format or ReportFormat.text
    try:
        with open_store(db) as store:
            event_id = store.resolve_event(event)
            if event_id is None:
                typer.echo(f"error: no event {event!r} in {store.path} (see `newsprism events`)", err=True)
                raise typer.Exit(1)
            articles = store.event_articles(event_id)
            fingerprint = hashlib.sha256("\n".join(a.id for a in articles).encode()).hexdigest()[:16]
            content = store.cached_briefing(event_id, fmt.value, fingerprint)
            if content is None:
                from newsprism.brief import brief
                from newsprism.pipeline import ReadOutcome
                from newsprism.pipeline import analyze as run_analysis
                from newsprism.render import render

                analysis = run_analysis(ReadOutcome(tuple(articles), ()), processes=_processes())
                content = render(brief(analysis), fmt.value)
                store.store_briefing(event_id, fmt.value, fingerprint, content)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    _emit(content, output)
    _done_with_models()


# `serve` and `user` (the web app and its users) live with the web app.
from newsprism.web.commands import register as _register_web  # noqa: E402

_register_web(app)


@app.command()
def batch(
    sources: Sources,
    out: Annotated[Path, typer.Option("--out", help="Output folder: Parquet tables and one JSON briefing per event.")],
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Local worker processes (default: one a core).")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="A running Dask scheduler, tcp://HOST:PORT.")] = None,
    window_days: Annotated[int, typer.Option("--window-days", min=11, help="Days in one unit of event clustering.")] = 90,
    briefings: Annotated[bool, typer.Option("--briefings/--no-briefings", help="Analyse events with two or more independent sources (default) or only find events.")] = True,
    max_size: MaxSize = 20.0,
    input_format: InputFormat = None,
    quiet: Quiet = False,
) -> None:
    """Large corpora on Dask distributed: Parquet tables and briefings in --out; rerun to resume."""
    if workers and scheduler:
        raise typer.BadParameter("give --workers or --scheduler, not both", param_hint="--workers")
    from newsprism.batch import BatchOptions, run_batch
    from newsprism.batch.console import BatchProgress, summary_lines

    options = BatchOptions(workers=workers, scheduler=scheduler, window_days=window_days, analyse=briefings)
    with BatchProgress(enabled=not quiet) as progress:
        summary = run_batch(sources, out, options, _options(False, max_size, input_format), progress=progress,
                            on_start=progress.dashboard)
    for line in summary_lines(summary):
        typer.echo(line, err=True)
    if summary.written and not summary.articles:
        typer.echo("error: nothing could be read from the given sources", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    main()
