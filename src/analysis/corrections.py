"""Corrections (`supersedes`), resolved once, after validation, for `check` and `ingest` alike.

A row names the row it corrects in `supersedes`; the corrected row stays, marked not current.
Resolved over the rows that passed validation, so a quarantined correction never retires a row.
Quarantined with a reason: a row superseding itself, a correction of a missing or quarantined row,
a cycle of corrections, and a second correction of a row already corrected (correct the
correction instead). A chain resolves to its last link: only its newest row is current.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

Held = dict[str, tuple[str, int | None]]  # id → (file, line) of a quarantined row


def _cycle(start: str, target: dict[str, str]) -> list[str] | None:
    """The cycle of corrections `start` is on (from its smallest id, closed), or None."""
    seen, current = [start], target.get(start)
    while current is not None and current not in seen:
        seen.append(current)
        current = target.get(current)
    if current is None or current != start:
        return None
    first = seen.index(min(seen))
    loop = seen[first:] + seen[:first]
    return [*loop, loop[0]]


def _where(place: tuple[str, int | None]) -> str:
    """A short file:line of a row."""
    name, line = place
    return f"{Path(name).name}:{line}" if line is not None else Path(name).name


def _problems(rows: list[dict[str, object]], id_col: str, held: Held) -> dict[int, str]:
    """Row index → reason for every row whose correction cannot be resolved."""
    ids = {str(r[id_col]): i for i, r in enumerate(rows) if r[id_col] is not None}
    target = {str(r[id_col]): str(r["supersedes"]) for r in rows if r["supersedes"] is not None}
    problems: dict[int, str] = {}
    first_by_target: dict[str, int] = {}
    for i, row in enumerate(rows):
        old, own = row["supersedes"], str(row[id_col])
        if old is None:
            continue
        old = str(old)
        if old == own:
            problems[i] = "the row supersedes itself"
        elif old in held and old not in ids:
            problems[i] = f"row {old!r} is quarantined ({_where(held[old])})"
        elif old not in ids:
            problems[i] = f"no row with id {old!r}"
        elif cycle := _cycle(own, target):
            problems[i] = "correction cycle " + " → ".join(cycle)
        elif old in first_by_target:
            earlier = rows[first_by_target[old]]
            name = str(earlier[id_col])
            problems[i] = (
                f"row {old!r} is already corrected by {name!r} "
                f"({_where((str(earlier['_file']), earlier['_line']))}); correct {name!r} instead"
            )  # type: ignore[arg-type]
        else:
            first_by_target[old] = i
    return problems


def resolve(
    table: str, frame: pl.DataFrame, id_col: str, held: Held
) -> tuple[pl.DataFrame, list[dict[str, object]]]:
    """(rows with is_current set, quarantine dicts) for one validated table with `supersedes`.

    Repeats until stable: a row whose correction is quarantined may leave another unresolved."""
    if "supersedes" not in frame.columns:
        return frame, []
    frame = frame.sort("_file", "_line", nulls_last=True)
    held = dict(held)
    quarantined: list[dict[str, object]] = []
    while True:
        rows = frame.select(id_col, "supersedes", "_file", "_line").to_dicts()
        problems = _problems(rows, id_col, held)
        if not problems:
            break
        for i, reason in problems.items():
            row = rows[i]
            held[str(row[id_col])] = (str(row["_file"]), row["_line"])  # type: ignore[assignment]
            quarantined.append({"table": table, "file": row["_file"], "line": row["_line"],
                                "column": "supersedes", "value": row["supersedes"],
                                "reason": f"supersedes: {reason}"})  # fmt: skip
        keep = [i not in problems for i in range(len(rows))]
        frame = frame.filter(pl.Series(keep, dtype=pl.Boolean))
    retired = frame["supersedes"].drop_nulls().to_list()
    return frame.with_columns(is_current=~pl.col(id_col).is_in(retired)), quarantined


def held_ids(raw: pl.DataFrame, good: pl.DataFrame, id_col: str) -> Held:
    """Ids of rows of `raw` that validation left out of `good` (by their _file and _line)."""
    if id_col not in raw.columns or raw.height == good.height:
        return {}
    dropped = raw.join(good.select("_file", "_line"), on=["_file", "_line"], how="anti")
    return {
        str(r[id_col]): (str(r["_file"]), r["_line"])
        for r in dropped.select(id_col, "_file", "_line").iter_rows(named=True)
        if r[id_col] is not None
    }
