"""Has anything changed since the last ingest? A checksum over every raw input, computed without polars.

The fingerprint covers the package version and every regular file under the ledger folder and the
upstream folder (hidden files excepted), so a new snapshot, an edited row or an upgrade all count.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from analysis.files import relative_name, sha256_file
from analysis.paths import Paths


def package_version() -> str:
    """The installed package version ('0+unknown' when run from a bare checkout)."""
    try:
        return version("war-toll-analysis")
    except PackageNotFoundError:
        return "0+unknown"


def watched_files(paths: Paths, upstream: Path | None = None) -> list[Path]:
    """Every non-hidden file under the ledger and upstream folders, in a stable order."""
    found: list[Path] = []
    for top in (paths.ledger, upstream or paths.upstream):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(folder) / f for f in sorted(files) if not f.startswith(".")]
    return found


def fingerprint(files: list[Path], root: Path) -> str:
    """sha256 over the package version and each file's path (relative to root) and checksum."""
    digest = hashlib.sha256(package_version().encode())
    for name, path in sorted((relative_name(p, root), p) for p in files):
        digest.update(f"{name}\0{sha256_file(path)}\n".encode())
    return digest.hexdigest()


def current_manifest(processed: Path) -> dict[str, object] | None:
    """The manifest of the processed version in place, or None."""
    try:
        return json.loads((processed / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def unchanged(
    paths: Paths, upstream: Path | None = None
) -> tuple[bool, str, dict[str, object] | None]:
    """(inputs unchanged since the processed version was built, current fingerprint, its manifest)."""
    digest = fingerprint(watched_files(paths, upstream), paths.root)
    manifest = current_manifest(paths.processed)
    return bool(manifest and manifest.get("fingerprint") == digest), digest, manifest
