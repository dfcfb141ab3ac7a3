"""Where raw, processed and report folders are: one place, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The project root: $ANALYSIS_ROOT, else the checkout holding this package, else the cwd."""
    if env := os.environ.get("ANALYSIS_ROOT"):
        return Path(env).resolve()
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "data" / "raw").is_dir():
        return checkout
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return Path.cwd()


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

    @classmethod
    def at(cls, root: Path) -> Paths:
        """Paths under `root`, with $ANALYSIS_UPSTREAM / $ANALYSIS_PROCESSED / $ANALYSIS_REPORTS overrides."""
        root = Path(root)
        processed = Path(os.environ.get("ANALYSIS_PROCESSED", root / "data" / "processed"))
        return cls(
            root=root,
            raw=root / "data" / "raw",
            ledger=root / "data" / "raw" / "ledger",
            upstream=Path(os.environ.get("ANALYSIS_UPSTREAM", root / "data" / "raw" / "upstream")),
            processed=processed,
            versions=processed.parent / f".{processed.name}-versions",
            reports=Path(os.environ.get("ANALYSIS_REPORTS", root / "reports")),
            notebooks=root / "notebooks",
        )


CA_FILE_ENV = "ANALYSIS_CA_FILE"  # env: the CA bundle (PEM) downloads trust, e.g. a test CA


def ca_file() -> str | None:
    """$ANALYSIS_CA_FILE: a PEM file of CA certificates downloads trust instead of the system's."""
    return os.environ.get(CA_FILE_ENV) or None


def default_paths() -> Paths:
    """Paths of the current project."""
    return Paths.at(project_root())
