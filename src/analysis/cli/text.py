"""Commands on news text: extract (candidate ledger rows, optionally reviewed into the ledger)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analysis import escape
from analysis.cli.common import SafeTable, date_option, iso_date, out
from analysis.config import default_paths

app = typer.Typer()


@app.command("extract")
def extract_command(
    source: Annotated[
        str, typer.Argument(help="Plain text, Markdown or HTML file; - reads standard input.")
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
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Accept, edit or skip each candidate; append accepted ones to the ledger.",
        ),
    ] = False,
) -> None:
    """Propose ledger rows (exchanges, repatriations, casualty claims) from a news text."""
    from analysis.text import extract
    from analysis.text.review import review as review_candidates

    if review and source == "-":
        raise typer.BadParameter("--review reads answers from the terminal: give a FILE, not -")
    text = extract.read_input(source)
    article = extract.parse_article(text)
    link = url or article.url or ""
    candidates = extract.extract(text, iso_date(date, "--date"), link)
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        paths = extract.write_candidates(candidates, out_file)
        counts = {t: sum(c.table == t for c in candidates) for t in paths}
        out.print(
            ", ".join(f"{counts[t]} candidate(s) in {p}" for t, p in paths.items()), markup=False
        )
    elif not review:
        view = SafeTable(
            "table", "date", "what", "side/subject", "value", "qualifier", "claimant", "conf.",
            box=None,
        )  # fmt: skip
        for row in extract.summary_rows(candidates):
            view.add_row(*row)
        out.print(view if candidates else "no candidate figures found")
    if review:
        review_candidates(
            candidates, default_paths(), link,
            ask=lambda q: typer.prompt(escape.terminal(q), default="", show_default=False),
            say=lambda m: out.print(m, markup=False),
        )  # fmt: skip
