"""Commands on news text: extract (candidates triaged against the ledger, optionally reviewed into
it) and verify (each ledger row's figure checked against its cited pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analysis import escape
from analysis.cli.common import date_option, err, iso_date, out
from analysis.config import MAX_ARTICLE_BYTES, MAX_PAGE_BYTES, PAGE_SECONDS, default_paths
from analysis.config import ca_file as default_ca_file
from analysis.errors import ExitCode

app = typer.Typer()


@app.command("extract")
def extract_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Plain text, Markdown or HTML files and folders of them; - reads standard input."
        ),
    ],
    date: Annotated[
        str | None, date_option(help="Article date YYYY-MM-DD (default: the text's date line).")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(help="Article URL for source_urls (default: its 'Original url' line)."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write OUT-events.csv and OUT-claims.csv (ledger columns + sentence, confidence).",
        ),
    ] = None,
    triage_file: Annotated[
        Path | None,
        typer.Option("--triage", help="Write the triage table (known/conflict/new) as CSV."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest input file read, in bytes.", min=1)
    ] = MAX_ARTICLE_BYTES,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Accept, edit or skip each new or conflicting candidate; append accepted ones.",
        ),
    ] = False,
) -> None:
    """Propose ledger rows from news texts, each marked known, conflict or new against the ledger."""
    from analysis.text import commands

    commands.run_extract(
        sources, default_paths(), out, err, date=iso_date(date, "--date"), url=url,
        out_file=out_file, triage_file=triage_file, review=review, max_bytes=max_bytes,
        ask=lambda q: typer.prompt(escape.terminal(q), default="", show_default=False),
    )  # fmt: skip


@app.command("verify")
def verify_command(
    ids: Annotated[
        list[str] | None,
        typer.Option("--ids", help="Ledger row ids, repeated or comma-separated (default: all)."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Read the archived snapshots only; fetch nothing.")
    ] = False,
    csv_path: Annotated[
        Path | None,
        typer.Option("--csv", help="Where to write the verdicts (default: reports/verify.csv)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed for one page (wall clock).", min=0.1)
    ] = PAGE_SECONDS,
    max_bytes: Annotated[
        int, typer.Option(help="Largest page read, in bytes.", min=1)
    ] = MAX_PAGE_BYTES,
    ca_file: Annotated[
        str | None,
        typer.Option(
            help="CA certificates (PEM) to trust instead of the system's ($ANALYSIS_CA_FILE)."
        ),
    ] = None,
) -> None:
    """Check each ledger row's figure on its cited pages: confirmed, not_found, page_gone, not_fetched.

    Exits 1 when a row's figure is not on a page that was read.
    """
    from analysis.ingest import fetch
    from analysis.text import commands

    paths = default_paths()
    limits = fetch.Limits(timeout=min(20.0, timeout), total_seconds=timeout, max_bytes=max_bytes)
    ok = commands.run_verify(
        paths, out, err, ids=[i for v in ids or [] for i in v.split(",") if i], offline=offline,
        csv_path=csv_path or paths.reports / "verify.csv", limits=limits,
        cafile=ca_file or default_ca_file(),
    )  # fmt: skip
    if not ok:
        raise typer.Exit(ExitCode.FAILED)
