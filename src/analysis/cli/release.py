"""`analysis release`: a dated, checksummed archive of the current processed version."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.common import date_option, iso_date, out
from analysis.config import default_paths

app = typer.Typer()


@app.command("release")
def release_command(
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder of the releases (default: releases/ in the project)."),
    ] = None,
    date: Annotated[
        str | None,
        date_option("--date", help="Release date in the archive's name (default: today)."),
    ] = None,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", help="Only check an existing archive's checksums, then exit."),
    ] = None,
) -> None:
    """Archive data/processed with checksums, the datapackage and the release notes since the
    previous release (a no-op when this data version is already released)."""
    from analysis import tables
    from analysis.release import archive

    if verify is not None:
        files = archive.unpack(verify)
        out.print(f"{verify}: {len(files)} files, checksums verified", markup=False)
        return
    paths = default_paths()
    with tables.pinned(paths) as folder:
        made = archive.make_release(
            folder, out_dir or paths.releases, iso_date(date, "--date") or dt.date.today()
        )
    out.print(f"data version {made.version}: {made.archive}", markup=False)
    out.print(f"sha256 {made.sha256}", markup=False)
