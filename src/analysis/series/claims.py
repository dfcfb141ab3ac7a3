"""Official casualty figures against the nearest earlier independent count."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.series.common import SERIES_QUALIFIERS


def _as_list(value: str | Sequence[str]) -> list[str]:
    """A single name or several as a list."""
    return [value] if isinstance(value, str) else list(value)


def running_claims(claims: pl.DataFrame) -> pl.DataFrame:
    """The claims that are running totals since the war's start (`period` blank): a figure for
    one period ("per month", "2025", three days in June 2023) is never a point on a total's line."""
    return claims.filter(pl.col("period").is_null()) if "period" in claims.columns else claims


def _from_claims(
    claims: pl.DataFrame | None, kind: str, subject: str, metrics: list[str]
) -> pl.DataFrame:
    """Current claims of one kind → (said, as_of, value, qualifier, who) observations."""
    if claims is None:
        return _observations_schema()
    return running_claims(claims).filter(
        pl.col("is_current")
        & (pl.col("claim_kind") == kind)
        & (pl.col("subject") == subject)
        & pl.col("metric").is_in(metrics)
    ).select(
        said=pl.col("claim_date"),
        as_of=pl.col("as_of"),
        value=pl.col("value").cast(pl.Float64),
        qualifier=pl.col("qualifier"),
        who=pl.col("claimant"),
        value_high=pl.col("value_high").cast(pl.Float64),
    )


def _from_series(
    series: pl.DataFrame | None, kind: str, subject: str, metrics: list[str]
) -> pl.DataFrame:
    """Series rows of one kind → observations (the source id stands in for the claimant)."""
    if series is None:
        return _observations_schema()
    return series.filter(
        (pl.col("kind") == kind)
        & (pl.col("subject") == subject)
        & pl.col("metric").is_in(metrics)
        & pl.col("cumulative").is_not_null()
    ).select(
        said=pl.col("date"),
        as_of=pl.col("date"),
        value=pl.col("cumulative").cast(pl.Float64),
        qualifier=pl.lit(SERIES_QUALIFIERS[kind]),
        who=pl.col("source"),
        value_high=pl.lit(None, pl.Float64),
    )


def _observations_schema() -> pl.DataFrame:
    """An empty observations frame."""
    return pl.DataFrame(
        schema={
            "said": pl.Date,
            "as_of": pl.Date,
            "value": pl.Float64,
            "qualifier": pl.String,
            "who": pl.String,
            "value_high": pl.Float64,
        }
    )


def _match(officials: pl.DataFrame, independents: pl.DataFrame) -> pl.DataFrame:
    """Each official figure × independent source, joined to that source's latest count on or
    before the figure's as_of date (as-of join)."""
    sources = independents.select(independent_source=pl.col("who").unique())
    if sources.height == 0:  # no independent count: keep the claims, unmatched
        sources = pl.DataFrame(
            {"independent_source": [None]}, schema={"independent_source": pl.String}
        )
    left = (
        officials.rename(
            {
                "said": "claim_date",
                "as_of": "claim_as_of",
                "value": "claim_value",
                "qualifier": "claim_qualifier",
                "who": "claimant",
                "value_high": "claim_value_high",
            }
        )
        .join(sources, how="cross")
        .sort("claim_as_of", "independent_source", "claimant", "claim_date")
    )
    right = independents.select(
        independent_source="who",
        independent_date="as_of",
        _on="as_of",
        independent_value="value",
        independent_qualifier="qualifier",
        independent_value_high="value_high",
    ).sort("_on", "independent_source", "independent_value")
    right = right.unique(["independent_source", "_on"], keep="last").sort("_on")
    matched = left.join_asof(
        right,
        left_on="claim_as_of",
        right_on="_on",
        by="independent_source",
        strategy="backward",
        check_sortedness=False,  # both sides are sorted by date just above
    )
    return matched


def claims_vs_independent(
    claims: pl.DataFrame | None,
    series: pl.DataFrame | None = None,
    *,
    subject: str,
    metric_claim: str | Sequence[str] = "killed",
    metric_independent: str | Sequence[str] = ("killed", "names_identified"),
    claimant: str | Sequence[str] | None = None,
    independent: str | Sequence[str] | None = None,
) -> pl.DataFrame:
    """Official figures for a subject matched to the nearest earlier independent count.

    Officials: claims of kind official_claim and series of kind claim (metric in metric_claim,
    optionally only `claimant`, a claimant or series source). Independents: claims of kind
    independent_count and series of kind confirmed_lower_bound (metric in metric_independent,
    optionally only `independent`). Dates compared are the figures' as_of dates; one row per
    official figure and independent source, lag_days = claim as_of − independent date;
    ratio is to the independent figure's value (a range's low end, value_high its top).
    """
    officials = pl.concat(
        [
            _from_claims(claims, "official_claim", subject, _as_list(metric_claim)),
            _from_series(series, "claim", subject, _as_list(metric_claim)),
        ]
    )
    independents = pl.concat(
        [
            _from_claims(claims, "independent_count", subject, _as_list(metric_independent)),
            _from_series(series, "confirmed_lower_bound", subject, _as_list(metric_independent)),
        ]
    )
    if claimant is not None:
        officials = officials.filter(pl.col("who").is_in(_as_list(claimant)))
    if independent is not None:
        independents = independents.filter(pl.col("who").is_in(_as_list(independent)))
    matched = _match(officials, independents)
    return (
        matched.with_columns(
            lag_days=(pl.col("claim_as_of") - pl.col("independent_date")).dt.total_days(),
            ratio=pl.when(pl.col("independent_value") > 0).then(
                pl.col("claim_value") / pl.col("independent_value")
            ),
        )
        .sort("claim_as_of", "claimant", "claim_date", "independent_source")
        .select(
            "claim_date",
            "claim_as_of",
            "claim_value",
            "claim_qualifier",
            "claimant",
            "independent_date",
            "independent_value",
            "independent_qualifier",
            "independent_source",
            "lag_days",
            "ratio",
            "claim_value_high",
            "independent_value_high",
        )
    )
