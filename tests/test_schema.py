"""Schema rules: each violated rule sends the row to quarantine with a readable reason."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from pandera.errors import SchemaError

from analysis import schema, schema_export
from analysis.validate import validate


def _claims(**overrides: object) -> pl.DataFrame:
    """A one-row claims frame (with provenance) that passes every rule unless overridden."""
    row = {
        "claim_id": "C1", "claim_date": dt.date(2025, 2, 16), "claim_date_precision": "day",
        "as_of": dt.date(2025, 2, 1), "as_of_precision": "month", "subject": "ukraine_military",
        "metric": "killed", "value": 46000.0, "value_low": None, "value_high": None,
        "qualifier": "at_least", "claimant": "Zelensky", "claim_kind": "official_claim",
        "period": None, "source_id": "s1", "source_ids": "s1", "supersedes": None,
        "checked_on": dt.date(2025, 12, 1), "evidence": "single_outlet", "is_current": True, "notes": None, "_file": "claims.csv", "_line": 2,
    }  # fmt: skip
    row.update(overrides)
    return pl.DataFrame(
        [row], schema={**schema.CLAIMS.polars_schema, "_file": pl.String, "_line": pl.Int64}
    )


UPPER = dt.date(2026, 1, 1)


def test_valid_row_passes() -> None:
    good, bad = validate(schema.CLAIMS, _claims(), {"s1"}, upper=UPPER)
    assert good.height == 1 and bad.height == 0
    assert good.columns == schema.CLAIMS.columns


@pytest.mark.parametrize(
    ("overrides", "column", "reason"),
    [
        ({"value": -1.0}, "value", "value: must be >= 0"),
        ({"qualifier": "roughly"}, "qualifier", "qualifier: not one of exact, at_least, about, at_most, range"),
        ({"subject": "martians"}, "subject", "subject: not one of ukraine_military"),
        ({"claimant": None}, "claimant", "claimant: required value is missing"),
        ({"claim_date": dt.date(2013, 12, 31), "as_of": dt.date(2013, 12, 31)}, "claim_date", "claim_date: date before 2014-01-01"),
        ({"claim_date": dt.date(2026, 3, 1)}, "claim_date", "claim_date: date after today (2026-01-01)"),
        ({"qualifier": "range", "value": 10.0, "value_low": 10.0, "value_high": 5.0}, "value_high", "value_high: value must not exceed value_high"),
        ({"qualifier": "exact", "value_high": 5e4}, "value_high", "value_high: value_high must be given exactly when qualifier is 'range'"),
        ({"as_of": dt.date(2025, 3, 1)}, "as_of", "as_of: as_of must not be after claim_date"),
        ({"source_id": "nowhere"}, "source_id", "source_id: source not listed in sources"),
    ],
)  # fmt: skip
def test_each_rule_quarantines_with_reason(overrides: dict, column: str, reason: str) -> None:
    good, bad = validate(schema.CLAIMS, _claims(**overrides), {"s1"}, upper=UPPER)
    assert good.height == 0
    row = bad.row(0, named=True)
    assert (row["table"], row["file"], row["line"], row["column"]) == (
        "claims",
        "claims.csv",
        2,
        column,
    )
    assert reason in row["reason"]


def test_duplicate_key_names_first_line() -> None:
    frame = pl.concat([_claims(), _claims(_line=7)])
    good, bad = validate(schema.CLAIMS, frame, {"s1"}, upper=UPPER)
    assert good.height == 1 and good["claim_id"].to_list() == ["C1"]
    assert bad.select("line", "column", "value", "reason").rows() == [
        (7, "claim_id", "C1", "claim_id: duplicate key (claim_id), first at line 2")
    ]


def test_several_problems_one_quarantine_row() -> None:
    good, bad = validate(
        schema.CLAIMS, _claims(value=-5.0, metric="vibes"), {"s1"}, upper=UPPER
    )
    assert bad.height == 1
    assert (
        bad["reason"][0]
        == "metric: not one of " + ", ".join(schema.METRICS) + "; value: must be >= 0"
    )


def test_rows_in_equal_rows_out_plus_quarantined() -> None:
    frame = pl.concat([_claims(claim_id=f"C{i}", _line=i, value=float(i - 3)) for i in range(1, 8)])
    good, bad = validate(schema.CLAIMS, frame, {"s1"}, upper=UPPER)
    assert (good.height, bad.height) == (5, 2)
    assert bad["line"].to_list() == [1, 2]


def test_event_count_and_undisclosed_must_agree() -> None:
    row = {
        "figure_id": "E1", "event_id": "2025-06-11-body_repatriation", "stage": None,
        "date": dt.date(2025, 6, 11), "date_precision": "day", "event_type": "body_repatriation",
        "received_by": "ukraine", "count": 1212, "qualifier": "undisclosed", "status": "completed",
        "mediator": None, "claimant": "Coordination HQ", "claimant_side": "ukraine", "source_id": "s1",
        "source_ids": "s1", "agreement_id": None, "supersedes": None, "checked_on": None,
        "evidence": "primary", "is_current": True, "notes": None, "_file": "events.csv", "_line": 3,
    }  # fmt: skip
    frame = pl.DataFrame(
        [row], schema={**schema.EVENTS.polars_schema, "_file": pl.String, "_line": pl.Int64}
    )
    _, bad = validate(schema.EVENTS, frame, {"s1"}, upper=UPPER)
    assert bad["reason"][0] == "count: count must be empty exactly when qualifier is 'undisclosed'"


def test_frictionless_schema_from_the_same_declaration() -> None:
    spec = schema_export.frictionless_schema(schema.EVENTS)
    fields = {f["name"]: f for f in spec["fields"]}
    assert fields["count"]["type"] == "integer"
    assert fields["count"]["constraints"] == {"minimum": 0}
    assert fields["received_by"]["constraints"] == {"required": True, "enum": ["ukraine", "russia"]}
    assert spec["primaryKey"] == ["figure_id"]
    assert spec["foreignKeys"][0]["reference"] == {"resource": "sources", "fields": "source_id"}


def test_pandera_schema_accepts_valid_and_rejects_bad() -> None:
    good, _ = validate(schema.CLAIMS, _claims(), {"s1"}, upper=UPPER)
    checker = schema_export.pandera_schema(schema.CLAIMS)
    checker.validate(good)
    with pytest.raises(SchemaError, match="qualifier"):
        checker.validate(good.with_columns(qualifier=pl.lit("roughly")))
