"""Has anything changed since the last ingest? A checksum over every raw input, computed without polars.

The fingerprint covers the package version and every regular file under the ledger folder and the
upstream folder (hidden files excepted), so a new snapshot, an edited row or an upgrade all count.
The two groups are fingerprinted apart, so an ingest can reuse the upstream tables when only the
ledger changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from analysis import schema
from analysis.config import Paths
from analysis.errors import AnalysisError
from analysis.files import check_regular, read_error, relative_name, sha256_file

# The processed tables (schema.ALL_TABLES, named here so the check needs no polars; a test keeps
# the two equal).
PROCESSED_TABLES = (
    "events", "claims", "totals", "series", "sources", "quarantine", "coverage", "changes",
)  # fmt: skip


def package_version() -> str:
    """The installed package version ('0+unknown' when run from a bare checkout)."""
    try:
        return version("war-toll-analysis")
    except PackageNotFoundError:
        return "0+unknown"


def _refuse(exc: OSError) -> None:
    """os.walk's onerror: an unreadable folder stops with its name (never silently skipped)."""
    raise read_error(Path(exc.filename), exc)


def watched_files(folder: Path | None) -> list[Path]:
    """Every non-hidden file under `folder`, in a stable order (none when it is absent); an
    InputError for an unreadable folder or an entry that is not a regular file (a pipe, device
    or socket would hang or never end the read)."""
    found: list[Path] = []
    if folder is None or not os.path.isdir(folder):
        return found
    for top, dirs, files in os.walk(folder, onerror=_refuse):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(top) / name
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                raise read_error(path, exc) from None
            check_regular(path, mode)
            found.append(path)
    return found


def fingerprint(files: list[Path], root: Path) -> str:
    """sha256 over the package version and each file's path (relative to root) and checksum."""
    digest = hashlib.sha256(package_version().encode())
    for name, path in sorted((relative_name(p, root), p) for p in files):
        digest.update(f"{name}\0{sha256_file(path)}\n".encode())
    return digest.hexdigest()


def parts(paths: Paths, upstream: Path | None = None) -> dict[str, str]:
    """Fingerprints of the two input groups: the ledger and the upstream snapshots."""
    return {
        "ledger": fingerprint(watched_files(paths.ledger), paths.root),
        "upstream": fingerprint(watched_files(upstream or paths.upstream), paths.root),
    }


def combine(fingerprints: dict[str, str]) -> str:
    """One fingerprint for the whole input set."""
    return hashlib.sha256(
        "".join(f"{k}={v}\n" for k, v in sorted(fingerprints.items())).encode()
    ).hexdigest()


def current_manifest(processed: Path) -> dict[str, object] | None:
    """The manifest of the processed version in place, or None. When one of its files no longer
    matches its checksum the version is damaged: its `parts` are dropped, so it is rebuilt from
    the raw inputs (not carried), while its data version still counts on."""
    try:
        manifest = json.loads((processed / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    if not _intact(processed, manifest):
        return {**manifest, "parts": {}, "fingerprint": None}
    return manifest


def _intact(processed: Path, manifest: dict[str, object]) -> bool:
    """True when every table file of the version matches its manifest checksum."""
    try:
        for name, entry in manifest.get("tables", {}).items():  # type: ignore[union-attr]
            for kind in ("parquet", "csv"):
                if sha256_file(processed / f"{name}.{kind}") != entry[f"{kind}_sha256"]:
                    return False
    except (OSError, KeyError, TypeError, AttributeError, AnalysisError):
        return False
    return True


def _due(manifest: dict[str, object]) -> bool:
    """True once a row quarantined for a future date may have become valid (its day came)."""
    recheck = manifest.get("recheck_on")
    if not recheck:
        return False
    from analysis import schema  # only then: the fast path stays free of polars

    return schema.today().isoformat() >= str(recheck)


def unchanged(
    paths: Paths, upstream: Path | None = None
) -> tuple[bool, dict[str, str], dict[str, object] | None]:
    """(inputs unchanged since the processed version was built and it holds every declared
    table, fingerprints by group, its manifest)."""
    found = parts(paths, upstream)
    manifest = current_manifest(paths.processed)
    same = bool(
        manifest
        and manifest.get("fingerprint") == combine(found)
        and manifest.get("schema") == schema.fingerprint()
        and not _due(manifest)
    )
    return same and _complete(manifest), found, manifest


def _complete(manifest: dict[str, object] | None) -> bool:
    """True when the version holds every table the schema declares (a version written before
    a table was added is rebuilt)."""
    held = manifest.get("tables") if manifest else None
    return isinstance(held, dict) and set(PROCESSED_TABLES) <= set(held)
