"""Configuration in one place: the project's folders, every ANALYSIS_* variable, the defaults.

The project root is $ANALYSIS_ROOT, else the nearest folder at or above the current directory that
holds `data/raw/ledger` and `pyproject.toml`, else the current directory. It is never taken from
where the package is installed: a checkout run with another folder's .venv reads its own data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

# Environment variables (README.md, "Configuration", lists them with these descriptions).
ROOT = "ANALYSIS_ROOT"
PROCESSED = "ANALYSIS_PROCESSED"
UPSTREAM = "ANALYSIS_UPSTREAM"
REPORTS = "ANALYSIS_REPORTS"
NOTEBOOKS = "ANALYSIS_NOTEBOOKS"
NOTEBOOK = "ANALYSIS_NOTEBOOK"
READ_LOG = "ANALYSIS_READ_LOG"
CHROMIUM = "ANALYSIS_CHROMIUM"
UPDATE_BASELINES = "ANALYSIS_UPDATE_BASELINES"
MAX_INPUT_BYTES = "ANALYSIS_MAX_INPUT_BYTES"
CA_FILE = "ANALYSIS_CA_FILE"

VARIABLES: dict[str, tuple[str, str]] = {
    ROOT: ("project root", "nearest folder above the current one with data/raw/ledger and pyproject.toml"),
    PROCESSED: ("processed tables folder (a report run sets it to the pinned version)", "<root>/data/processed"),
    UPSTREAM: ("upstream snapshots folder", "<root>/data/raw/upstream"),
    REPORTS: ("reports folder", "<root>/reports"),
    NOTEBOOKS: ("notebooks folder", "<root>/notebooks"),
    NOTEBOOK: ("set by `analysis report` in each kernel: the notebook it runs", "unset"),
    READ_LOG: ("set by `analysis report`: file where each table load records its version", "unset"),
    CHROMIUM: ("Chromium used for --pdf", "first of chromium, chromium-browser, google-chrome on PATH"),
    MAX_INPUT_BYTES: ("largest raw input file read (bytes); a larger one stops ingest naming it", "268435456 (256 MiB)"),
    CA_FILE: ("CA certificates (PEM) that `analysis verify` trusts instead of the system's (e.g. a test CA)", "the system's"),
    UPDATE_BASELINES: ("tests only: `1` rewrites the image baselines and fails the run (never compares an image with itself)", "unset"),
}  # fmt: skip

# Defaults written once (the command line shows them in --help).
DEFAULT_MAX_AGE_DAYS = 45  # the report staleness guard: newest data at most this many days old
KEEP_VERSIONS = 3  # processed version folders kept by ingest
DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024  # the size cap of one raw input file
MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # `analysis extract`: largest article file read
MAX_PAGE_BYTES = 5 * 1024 * 1024  # `analysis verify`: largest cited page read
PAGE_SECONDS = 60.0  # `analysis verify`: wall-clock seconds for one cited page
ROOT_MARKERS = (Path("data") / "raw" / "ledger", Path("pyproject.toml"))


def is_project(folder: Path) -> bool:
    """True when `folder` holds data/raw/ledger and pyproject.toml."""
    return all((folder / marker).exists() for marker in ROOT_MARKERS)


def project_root(start: Path | None = None) -> Path:
    """$ANALYSIS_ROOT, else the nearest project folder at or above `start` (the cwd), else the cwd."""
    if env := os.environ.get(ROOT):
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    return next((f for f in (here, *here.parents) if is_project(f)), here)


@dataclass(frozen=True)
class Paths:
    """The folders of one project tree."""

    root: Path
    raw: Path
    ledger: Path
    upstream: Path
    processed: Path
    versions: Path
    reports: Path
    notebooks: Path
    releases: Path

    @classmethod
    def at(cls, root: Path) -> Paths:
        """Paths under `root`, with $ANALYSIS_UPSTREAM / $ANALYSIS_PROCESSED / $ANALYSIS_REPORTS overrides."""
        root = Path(root)
        processed = Path(os.environ.get(PROCESSED, root / "data" / "processed"))
        return cls(
            root=root,
            raw=root / "data" / "raw",
            ledger=root / "data" / "raw" / "ledger",
            upstream=Path(os.environ.get(UPSTREAM, root / "data" / "raw" / "upstream")),
            processed=processed,
            versions=processed.parent / f".{processed.name}-versions",
            reports=Path(os.environ.get(REPORTS, root / "reports")),
            notebooks=root / "notebooks",
            releases=root / "releases",
        )


def default_paths() -> Paths:
    """Paths of the current project."""
    return Paths.at(project_root())


def ca_file() -> str | None:
    """$ANALYSIS_CA_FILE: the PEM file of CA certificates page downloads trust, None for the system's."""
    return os.environ.get(CA_FILE) or None
