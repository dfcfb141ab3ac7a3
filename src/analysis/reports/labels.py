"""Reader-facing names for the columns, codes and running-total series the reports show."""

from __future__ import annotations

PROPER = {"ukraine": "Ukraine", "russia": "Russia", "istanbul": "Istanbul", "uae": "UAE",
          "pow": "POW", "pows": "POWs", "un": "UN", "hq": "HQ"}  # fmt: skip

COLUMN_LABELS = {
    "date": "Date",
    "first": "First day",
    "last": "Last day",
    "event_type": "Kind",
    "received_by": "Received by",
    "count": "Number",
    "status": "Status",
    "claimant": "Stated by",
    "source": "Source",
    "notes": "Notes",
    "mediator": "Mediator",
    "events": "Events",
    "stages": "Stages",
    "to_ukraine": "To Ukraine",
    "to_russia": "To Russia",
    "alt_count": "Other side's figure",
    "alt_claimant": "Other side's figure stated by",
    "series": "Running total",
    "as_of": "As of",
    "value": "Figure",
    "subject": "Whose losses",
    "metric": "What is counted",
    "claim_kind": "Kind of statement",
    "claim_date": "Stated on",
    "value_low": "Low",
    "value_high": "High",
    "title": "Title",
    "published": "Published",
    "claim_value": "Official figure",
    "independent_source": "Independent count by",
    "independent_date": "Counted by",
    "independent_value": "Independent figure",
    "ratio": "Official ÷ independent",
    "ledger_cumulative": "Ledger sum at that date",
    "what": "What",
    "why": "Why they differ",
    "age": "Age",
    "gap": "Published − ledger",
    "gap_pct": "Gap",
    "cumulative": "Running total",
    "delta": "Daily value",
    "flag": "Flag",
    "stage": "Stage",
    "age_days": "Age (days)",
    "evidence": "Evidence",
}

SERIES_LABELS = {
    "returned_to_ukraine": "Returned to Ukraine in numbered exchanges",
    "returned_to_ukraine_all": "Returned to Ukraine by every route",
    "returned_to_ukraine_this_year": "Returned to Ukraine this year",
    "returned_to_ukraine_outside_exchanges": "Returned to Ukraine outside exchanges",
    "returned_to_ukraine_istanbul_all_for_all": "Returned to Ukraine, Istanbul all-for-all",
    "bodies_returned_to_ukraine": "Bodies returned to Ukraine",
    "bodies_returned_to_russia": "Bodies returned to Russia",
    "bodies_returned_to_ukraine_this_year": "Bodies returned to Ukraine this year",
    "bodies_returned_to_russia_this_year": "Bodies returned to Russia this year",
    "bodies_returned_to_ukraine_istanbul_deal": "Bodies returned to Ukraine, Istanbul deal",
    "bodies_returned_to_russia_istanbul_deal": "Bodies returned to Russia, Istanbul deal",
    "uae_mediated_released": "Released in UAE-mediated exchanges",
    "children_returned": "Children returned to Ukraine",
    "ukrainians_in_captivity": "Ukrainians held by Russia",
    "ukrainian_pows_in_captivity": "Ukrainian POWs held by Russia",
    "ukrainian_civilians_in_captivity": "Ukrainian civilians held by Russia",
    "children_deported": "Ukrainian children deported to Russia",
    "civilians_returned_to_ukraine": "Civilians returned to Ukraine",
    "pows_exchanged_istanbul_deals": "POWs exchanged under the Istanbul deals",
}


STATUS_LABELS = {"completed": "Completed", "agreed": "Agreed", "ok": "Matches the ledger",
                 "ledger_short": "Above the ledger", "ledger_over": "Below the ledger",
                 "bound_satisfied": "Bound met", "not_comparable": "Not comparable",
                 "correction": "Correction", "gap": "Gap"}  # fmt: skip


def code_label(code: str) -> str:
    """A code in words, proper names capitalised: russia_military → Russia military."""
    words = [PROPER.get(w, w) for w in code.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def column_label(column: str) -> str:
    """A column's header: its reader label, a rolling mean's window in words, else its words."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    if column.startswith("delta_mean_") and column.endswith("d"):
        return f"Mean over {column.removeprefix('delta_mean_').removesuffix('d')} days"
    return code_label(column)


def side_label(code: str) -> str:
    """A side as a name: ukraine → Ukraine, third_party → Third party."""
    return code_label(code)
