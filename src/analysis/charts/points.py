"""The drawn points of a chart as rows (gid, date, when, value, who, source, url): what each point or
bar's tooltip says and which source page it links to, in SVG and the html export."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.charts.finalise import source_names

POINT_SCHEMA = {"gid": pl.String, "date": pl.Date, "when": pl.String, "value": pl.String,
                "who": pl.String, "source": pl.String, "url": pl.String}  # fmt: skip


def first_id(ids: str | None) -> str | None:
    """The first of a space-separated list of source ids."""
    return ids.split()[0] if ids and ids.split() else None


def lookup(sources: object) -> dict[str, tuple[str | None, str | None]]:
    """(publisher, url) by source id from the `sources` table; empty for a list of names."""
    if not isinstance(sources, pl.DataFrame):
        return {}
    names = dict(zip(sources["source_id"].to_list(),
                     source_names([sources.select("source_id")], sources, each=True), strict=True))  # fmt: skip
    rows = sources.select("source_id", "url").iter_rows()
    return {source_id: (names.get(source_id), url) for source_id, url in rows}


def make(rows: Sequence[dict[str, object]]) -> pl.DataFrame:
    """The points frame from dicts with the POINT_SCHEMA keys."""
    return pl.DataFrame([{k: r.get(k) for k in POINT_SCHEMA} for r in rows], schema=POINT_SCHEMA)


def cited(events: pl.DataFrame, table: dict[str, tuple[str | None, str | None]]
          ) -> tuple[str, str | None, str | None]:  # fmt: skip
    """Who gave the figures of `events` (claimants, once each), and the publisher and URL of the
    first source cited."""
    who = ", ".join(dict.fromkeys(events["claimant"].drop_nulls().to_list())) if events.height else ""
    ids = [first_id(i) for i in events["source_id"].to_list()] if "source_id" in events.columns else []
    first = next((i for i in ids if i), None)
    publisher, url = table.get(first, (None, None)) if first else (None, None)
    return who, publisher, url
