"""Plan a report run before anything starts: which notebooks, which values, fresh enough data.

Every check here runs before any kernel starts, so a typo costs a second, not a run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.files import safe_name
from analysis.reports import params
from analysis.reports.model import Job

PERIODS = ("week", "month")
DATE_COLUMNS = {
    n: str(schema.TABLES[n].date_column) for n in ("events", "claims", "totals", "series")
}


def available(folder: Path) -> dict[str, Path]:
    """The notebooks in `folder` by name, sorted."""
    return {p.stem: p for p in sorted(folder.glob("*.ipynb"))}


def parse_assignments(items: list[str]) -> dict[str, str]:
    """NAME=VALUE strings (from -p) as a dict; a malformed one is a one-line error."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise params.ParameterError(f"-p {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


def check_period(period: str) -> None:
    """Refuse a period the brief does not know."""
    if period not in PERIODS:
        raise params.ParameterError(f"--period {period!r} is not one of {', '.join(PERIODS)}")


def _check_names(notebooks: dict[str, Path], selected: list[str]) -> None:
    """Refuse a selected notebook name that is unsafe or not in the folder."""
    for name in selected:
        try:
            safe_name(name, "notebook name")
        except ValueError as exc:
            raise params.ParameterError(str(exc)) from None
    unknown = [name for name in selected if name not in notebooks]
    if unknown:
        raise params.ParameterError(
            f"unknown notebook {unknown[0]!r} (notebooks: {', '.join(notebooks)})"
        )


RUNNER_OPTIONS = {"as_of": "--as-of", "period": "--period", "output_dir": "--out"}


def plan(
    notebooks: dict[str, Path],
    selected: list[str],
    given: dict[str, object],
    run_values: dict[str, object],
) -> list[Job]:
    """Validate every parameter of every selected notebook before anything runs.

    `given` (-p values) must be declared by at least one selected notebook and go to those that
    declare them; `run_values` (as_of, period, output_dir) go to the notebooks that declare them.
    """
    _check_names(notebooks, selected)
    specs = {name: params.read_spec(notebooks[name]) for name in selected or notebooks}
    for key in given:
        if key in RUNNER_OPTIONS:
            raise params.ParameterError(
                f"-p {key}: set by the report runner; use {RUNNER_OPTIONS[key]} instead"
            )
        if not any(key in spec for spec in specs.values()):
            declared = sorted({p for spec in specs.values() for p in spec})
            raise params.ParameterError(
                f"unknown parameter {key!r}: no selected notebook declares it "
                f"(parameters: {', '.join(declared)})"
            )
    jobs = []
    for name, spec in specs.items():
        values = {k: v for k, v in {**run_values, **given}.items() if k in spec}
        jobs.append(Job(name, notebooks[name], params.validate(name, spec, values), spec))
    return jobs


def check_existing(jobs: list[Job], folder: Path) -> None:
    """Refuse a given value of a `str in TABLE.COLUMN` parameter that the data does not hold,
    naming the values it does hold (defaults are not checked: a notebook explains a missing one)."""
    for job in jobs:
        for key, value in job.values.items():
            where = job.spec[key].exists
            if where is None or value is None:
                continue
            table, column = where
            found = pl.read_parquet(folder / f"{table}.parquet", columns=[column], glob=False)[
                column
            ]
            choices = sorted(found.drop_nulls().unique().to_list())
            if value not in choices:
                held = f"holds: {', '.join(choices)}" if choices else "is empty: nothing ingested"
                raise params.ParameterError(
                    f"{job.name}: parameter {key}={params.shown(value)} is not in the data "
                    f"({table}.{column} {held})"
                )


def newest_dates(folder: Path) -> dict[str, dt.date | None]:
    """The newest date of each dated processed table."""
    newest: dict[str, dt.date | None] = {}
    for name, column in DATE_COLUMNS.items():
        newest[name] = pl.read_parquet(folder / f"{name}.parquet", columns=[column], glob=False)[
            column
        ].max()
    return newest


def output_folder(out: Path) -> Path:
    """The reports folder, resolved once (links inside are relative to it); refused if a file,
    the filesystem root or the home folder (the runner writes .lock, .runs, <date>, latest)."""
    if out.exists() and not out.is_dir():
        raise params.ParameterError(f"--out {str(out)!r} is not a folder")
    folder = out.resolve()
    where = {Path(folder.anchor): "the filesystem root", Path.home().resolve(): "the home folder"}
    if folder in where:
        raise params.ParameterError(
            f"--out {str(folder)!r} is {where[folder]}; give a folder for reports (default reports/)"
        )
    return folder
