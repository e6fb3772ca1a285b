"""The ``finclaims`` command: the nightly job, local ingestion, extraction and analyst queries.

Heavy imports (Prefect, spaCy, Scrapy) happen inside the commands so that ``--help`` and
the analyst's ``sql`` stay quick.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from finclaims.config import Settings, resolve_db
from finclaims.errors import FinclaimsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Capex guidance, ad-performance claims and stances from financial text, in DuckDB.",
)

DbOption = Annotated[
    Path | None, typer.Option("--db", help="database (default: $FINCLAIMS_DB or ./data/)")
]
Paths = Annotated[list[Path], typer.Argument(help="files to read")]


def _fail(message: str) -> None:
    raise FinclaimsError(message)


def _existing(paths: list[Path]) -> list[Path]:
    for path in paths:
        if not path.is_file():
            _fail(f"no such file: {path}")
    return paths


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} must be a date like 2026-01-31, got {value!r}")
    return None


@app.command()
def run(
    demo: Annotated[bool, typer.Option(help="crawl the bundled demo site on 127.0.0.1")] = False,
    config: Annotated[Path | None, typer.Option(help="sources.yaml to crawl")] = None,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="only filings on/after YYYY-MM-DD")] = None,
    dry_run: Annotated[bool, typer.Option(help="crawl and extract, store nothing")] = False,
) -> None:
    """Run the nightly job (the Prefect flow): crawl, extract, load, publish, alert."""
    from finclaims.summary import print_run_summary

    settings = Settings()
    db_path = resolve_db(db, settings)
    since_date = _parse_date(since, "--since")
    if demo:
        from finclaims.demo.runner import run_demo

        summary = run_demo(db_path, dry_run=dry_run)
    else:
        sources = config or settings.sources
        if not sources.is_file():
            _fail(f"no sources file at {sources} (pass --config PATH or set FINCLAIMS_SOURCES)")
        from spiders.sources import load_sources

        load_sources(sources)  # an unreadable file fails here, before Prefect starts
        from flows.nightly import nightly_ingest

        summary = nightly_ingest(
            sources=str(sources), db=str(db_path), since=since_date, dry_run=dry_run
        )
    print_run_summary(summary)
    if summary.status == "failed":
        raise typer.Exit(1)


@app.command()
def ingest(paths: Paths, db: DbOption = None) -> None:
    """Extract, load and alert on local .txt/.md/.html/.pdf files an analyst drops in."""
    _existing(paths)
    from finclaims.summary import print_run_summary
    from flows.steps import ingest_files

    summary = ingest_files(paths, resolve_db(db), Settings())
    print_run_summary(summary)


@app.command()
def extract(
    paths: Paths,
    format: Annotated[str, typer.Option("--format", help="output format: jsonl")] = "jsonl",  # noqa: A002
) -> None:
    """Print the extraction contract's JSON, one line per document; no database.

    A document the pipeline cannot process still gets its line (no facts, and an ``error``
    key with the reason), the reason also goes to stderr, and the exit status is 1.
    """
    if format != "jsonl":
        _fail(f"unknown --format {format!r}; the only format is jsonl")
    _existing(paths)
    import extractors
    from finclaims.localfiles import read_document
    from finclaims.models import Extraction

    documents = [read_document(path) for path in paths]
    names = [str(path) for path in paths]
    problems: list = []
    found = extractors.extract_documents(extractors.load(), documents, names, problems=problems)
    by_id = {result.document_id: result for result in found}
    failed = {p.document_id: p.reason for p in problems if p.stage != "fact"}
    for problem in problems:
        typer.echo(f"finclaims: warning: {problem}", err=True)
    for document, name in zip(documents, names, strict=True):
        result = by_id.get(document.id)
        record = (result or Extraction(document_id=document.id, document=name)).to_format()
        if result is None:
            record["published"] = document.published.isoformat() if document.published else None
            record["error"] = failed.get(document.id, "not processed")
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def article(paths: Paths) -> None:
    """Print main text and metadata of HTML pages (.html, .htm, .html.gz), one JSON per line."""
    _existing(paths)
    from spiders.article import extract_article

    for path in paths:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        page = extract_article(raw.decode("utf-8", errors="replace"), None)
        record = {
            "path": str(path),
            "title": page.title,
            "author": page.author,
            "published": page.published.isoformat() if page.published else None,
            "publisher": page.publisher,
            "text": page.text,
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="one SQL query, run read-only")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="read the query from a .sql file (queries/)")
    ] = None,
    db: DbOption = None,
    format: Annotated[  # noqa: A002
        str, typer.Option("--format", help="table, csv or json")
    ] = "table",
    out: Annotated[Path | None, typer.Option(help="write .parquet, .csv or .json")] = None,
) -> None:
    """Query the analysts' snapshot (read-only, no file access from SQL)."""
    if (query is None) == (file is None):
        _fail("give either a query or --file FILE.sql, not both or neither")
    if file is not None:
        query = _existing([file])[0].read_text(encoding="utf-8")
    if format not in ("table", "csv", "json"):
        _fail(f"unknown --format {format!r}; use table, csv or json")
    if out is not None and out.suffix not in (".parquet", ".csv", ".json"):
        _fail(f"--out must end in .parquet, .csv or .json, got {out.name}")
    from finclaims.output import print_result, write_result
    from warehouse import run_query

    result = run_query(resolve_db(db), query)
    if out is not None:
        write_result(result, out)
        typer.echo(f"{len(result.rows)} rows written to {out}", err=True)
    else:
        print_result(result, format)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="directory for one file per table/view")],
    format: Annotated[str, typer.Option("--format", help="parquet")] = "parquet",  # noqa: A002
    db: DbOption = None,
) -> None:
    """Write every table and view of the snapshot as Parquet, for notebooks and BI tools."""
    if format != "parquet":
        _fail(f"unknown --format {format!r}; the export format is parquet")
    from warehouse import export_parquet

    written = export_parquet(resolve_db(db), out)
    typer.echo(f"{len(written)} files written to {out}", err=True)


@app.command()
def alerts(
    since: Annotated[str | None, typer.Option(help="only alerts created on/after")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
    db: DbOption = None,
) -> None:
    """List capex-guidance events: new, raised, lowered, narrowed, widened, reaffirmed."""
    since_date = _parse_date(since, "--since")
    from finclaims.output import print_alerts
    from warehouse import analyst_connect, list_alerts

    con = analyst_connect(resolve_db(db))
    try:
        found = list_alerts(con, since_date)
    finally:
        con.close()
    print_alerts(found, as_json)


@app.command()
def report(
    company: Annotated[str | None, typer.Option(help="one ticker, e.g. META")] = None,
    out: Annotated[Path, typer.Option(help="HTML file to write")] = Path("report.html"),
    db: DbOption = None,
) -> None:
    """Write a self-contained HTML picture: guidance over time, weekly stance, latest alerts."""
    from finclaims.report import build_report

    result = build_report(resolve_db(db), out, company=company)
    typer.echo(
        f"report on {len(result.companies)} companies ({result.charts} charts, "
        f"{result.bytes / 1e6:.1f} MB) written to {result.path}",
        err=True,
    )


def main() -> None:
    """Entry point: a user mistake is one line on stderr and exit status 2."""
    # Prefect's temporary server would try to phone home; this machine may have no internet.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # A new Prefect home builds its database on the temporary server's first start, which can
    # take longer than Prefect's 20 s on a small machine (a clean CI run timed out there).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    try:
        app()
    except FinclaimsError as exc:
        typer.echo(f"finclaims: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("finclaims: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
