"""`analysis release`: a dated, checksummed archive of one processed version.

releases/
  index.json                               every release: data version, date, fingerprint, archive, sha256
  war-toll-data-v<N>-<YYYY-MM-DD>.tar.gz   the processed files + SHA256SUMS + RELEASE_NOTES.md

The archive is deterministic (sorted members, fixed times and owners), so the same version
released twice has the same sha256. Its release notes are the row-level diff against the
previous release's tables (the first release says it has no predecessor).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis.errors import AnalysisError

INDEX = "index.json"
SUMS = "SHA256SUMS"
NOTES = "RELEASE_NOTES.md"
NotesWriter = Callable[[Mapping[str, pl.DataFrame] | None, Mapping[str, pl.DataFrame], str], str]


class ReleaseError(AnalysisError):
    """A release could not be made or does not verify."""


@dataclass(frozen=True)
class Release:
    """One release: its version, date, archive file and that file's sha256."""

    version: int
    date: dt.date
    archive: Path
    sha256: str
    notes: str


def _sha256(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def read_index(releases: Path) -> list[dict[str, object]]:
    """The releases made so far, oldest first (empty when there are none)."""
    path = releases / INDEX
    if not path.is_file():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["releases"]
    except (ValueError, KeyError, TypeError) as error:
        raise ReleaseError(f"{path}: not a release index ({error})") from None


def archive_name(version: int, date: dt.date) -> str:
    """The archive's file name for a data version and a date."""
    return f"war-toll-data-v{version}-{date.isoformat()}.tar.gz"


def _member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    """Add one file with fixed metadata (so archives are reproducible)."""
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode, info.uid, info.gid = len(data), 0, 0o644, 0, 0
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(data))


def pack(files: Mapping[str, bytes], top: str) -> bytes:
    """A deterministic .tar.gz of `files` under folder `top`, with a SHA256SUMS file."""
    sums = "".join(f"{_sha256(files[n])}  {n}\n" for n in sorted(files)).encode()
    raw = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name in sorted(files):
            _member(tar, f"{top}/{name}", files[name])
        _member(tar, f"{top}/{SUMS}", sums)
    return raw.getvalue()


def unpack(archive: Path) -> dict[str, bytes]:
    """The files of a release archive (names without the top folder), checksums verified."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            files = {
                m.name.split("/", 1)[1]: tar.extractfile(m).read()  # type: ignore[union-attr]
                for m in tar.getmembers()
                if m.isfile() and "/" in m.name
            }
    except (OSError, tarfile.TarError, EOFError) as error:
        raise ReleaseError(f"{archive}: cannot read the archive ({error})") from None
    if SUMS not in files:
        raise ReleaseError(f"{archive}: has no {SUMS}")
    for line in files.pop(SUMS).decode().splitlines():
        digest, name = line.split("  ", 1)
        if name not in files or _sha256(files[name]) != digest:
            raise ReleaseError(f"{archive}: {name} does not match {SUMS}")
    return files


def tables_of(files: Mapping[str, bytes]) -> dict[str, pl.DataFrame]:
    """The Parquet tables among a release's files, by table name."""
    return {
        name.removesuffix(".parquet"): pl.read_parquet(io.BytesIO(data), glob=False)
        for name, data in files.items()
        if name.endswith(".parquet")
    }


def _first_notes(current: Mapping[str, pl.DataFrame], heading: str) -> str:
    """Release notes of a first release: what it holds, no diff."""
    rows = "".join(
        f"- `{name}`: {frame.height:,} rows\n" for name, frame in sorted(current.items())
    )
    return f"# {heading}\n\nFirst release: there is no earlier release to compare with.\n\n{rows}"


def default_notes(
    previous: Mapping[str, pl.DataFrame] | None, current: Mapping[str, pl.DataFrame], heading: str
) -> str:
    """Release notes: the row-level diff against the previous release (ingest.changes)."""
    if previous is None:
        return _first_notes(current, heading)
    from analysis.ingest.changes import diff_tables, release_notes

    return release_notes(diff_tables(previous, current), heading)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write `path` through a temporary file and one rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _processed_files(folder: Path) -> dict[str, bytes]:
    """Every regular file of a processed version folder, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def make_release(
    folder: Path, releases: Path, date: dt.date, notes: NotesWriter = default_notes
) -> Release:
    """Archive the processed version in `folder` into `releases/` (a no-op if already released)."""
    from analysis.tables import verify

    manifest = verify(folder)
    version = int(manifest.get("data_version") or 0)  # type: ignore[call-overload]
    index = read_index(releases)
    if index and index[-1]["version"] == version:
        last = index[-1]
        archive = releases / str(last["archive"])
        return Release(version, dt.date.fromisoformat(str(last["date"])), archive,
                       str(last["sha256"]), unpack(archive)[NOTES].decode())  # fmt: skip
    previous = tables_of(unpack(releases / str(index[-1]["archive"]))) if index else None
    files = _processed_files(folder)
    heading = f"Data version {version}, released {date.isoformat()}"
    text = notes(previous, tables_of(files), heading)
    files[NOTES] = text.encode()
    name = archive_name(version, date)
    data = pack(files, name.removesuffix(".tar.gz"))
    releases.mkdir(parents=True, exist_ok=True)
    _write_atomic(releases / name, data)
    entry = {"version": version, "date": date.isoformat(), "archive": name,
             "sha256": _sha256(data), "fingerprint": manifest.get("fingerprint")}  # fmt: skip
    payload = {"releases": [*index, entry]}
    _write_atomic(releases / INDEX, (json.dumps(payload, indent=2) + "\n").encode())
    return Release(version, date, releases / name, str(entry["sha256"]), text)
