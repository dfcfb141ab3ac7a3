"""Hostile files and file systems (reliability audit F, S and L01/L02 cases): only regular files are
read, each under a size cap; encodings are detected or refused by name; paths are never globbed;
every OS error names its path; the previous processed version is always kept."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl
import pytest
from hostile import append, cli, command, error_line, one_line

import analysis

if TYPE_CHECKING:
    from analysis.config import Paths

# --- the file-type table (class: only regular files are read) ----------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


KINDS = {"named pipe": _fifo, "character device": _device, "socket": _socket}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["events.csv", "notes.txt"])
@pytest.mark.parametrize("verb", ["ingest", "check"])
def test_f03_f04_non_regular_files_are_refused_at_once(
    kind: str, name: str, verb: str, project: Paths
) -> None:
    """F03 (a named pipe), F04 (events.csv → /dev/zero), and a socket: refused by name, no hang,
    whether it replaces a ledger file or lies beside them, in `ingest` and in `check`."""
    target = project.ledger / name
    target.unlink(missing_ok=True)
    KINDS[kind](target)
    done = command([verb], timeout=60)
    assert done.returncode == 3, done.stderr
    assert one_line(done.stderr) == f"error: {target}: not a regular file (a {kind}); remove it"


def test_a_file_above_the_size_cap_is_refused(project: Paths, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Class: every raw file is read under a size cap (ANALYSIS_MAX_INPUT_BYTES)."""
    monkeypatch.setenv("ANALYSIS_MAX_INPUT_BYTES", "1000")
    path = project.ledger / "events.csv"
    code, _, err = cli(["ingest"], capsys)
    assert code == 3
    size = path.stat().st_size
    assert one_line(err) == (
        f"error: {path}: file is {size:,} bytes, larger than the cap of 1,000 bytes "
        "(ANALYSIS_MAX_INPUT_BYTES)"
    )


# --- the encoding table (class: detected or refused by name) -----------------------------------

ENCODINGS = {
    "utf-8": None,
    "utf-8-sig": None,
    "utf-16": "file is UTF-16 (byte order mark); save it as UTF-8",
    "utf-16-le": "file is UTF-16 (little-endian, no byte order mark); save it as UTF-8",
    "utf-16-be": "file is UTF-16 (big-endian, no byte order mark); save it as UTF-8",
    "utf-32": "file is UTF-32 (byte order mark); save it as UTF-8",
    "cp1251": "not valid UTF-8 on line 2 (byte {byte}); save it as UTF-8",
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_l01_l02_encodings_are_read_or_refused_by_name(
    encoding: str, project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """L01 (UTF-16 with BOM), L02 (UTF-16 without BOM) and the rest of the encoding table."""
    path = project.ledger / "claims.csv"
    text = path.read_text(encoding="utf-8").replace("Zelensky", "Зеленський", 1)
    path.write_bytes(text.encode(encoding))
    code, out, err = cli(["ingest"], capsys)
    expected = ENCODINGS[encoding]
    if expected is None:
        assert code == 0, err
        assert "Зеленський" in analysis.load("claims")["claimant"].to_list()
        return
    assert code == 3
    byte = text.encode(encoding).find("Зеленський".encode(encoding))
    assert one_line(err) == f"error: {path}: {expected.format(byte=byte)}"
    assert "\x00" not in err


# --- paths are never globbed (F12) -------------------------------------------------------------


@pytest.mark.parametrize("folder", ["proj [old]", "proj [/]", "proj *?{a,b}"])
def test_f12_a_project_path_with_glob_characters_works(
    folder: str, tmp_path: Path, project: Paths, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """F12: brackets (and other glob or Rich markup characters) in the project path."""
    root = tmp_path / folder
    shutil.copytree(project.root, root)
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    code, out, err = cli(["ingest"], capsys)
    assert code == 0, err
    assert f"ingested into {root / 'data' / 'processed'} (" in out
    code, out, err = cli(["tables"], capsys)
    assert (code, err) == (0, "")
    append(root / "data" / "raw" / "ledger", "events", {})
    code, out, err = cli(["ingest"], capsys)  # reuses the upstream tables of the version before
    assert code == 0, err
    assert analysis.load("events").filter(pl.col("figure_id") == "E9001").height == 1


# --- OS errors name their path (F07-F10) -------------------------------------------------------

NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
          "--inh-caps=-dac_override,-dac_read_search", "--"]  # fmt: skip


def _without_root_powers(argv: list[str]) -> list[str]:
    """argv run without the capabilities that let root read any file (skipped without setpriv)."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv")
    return [*NO_DAC, *argv]


def test_f07_an_unreadable_upstream_folder_is_named(
    project: Paths, shared_upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F07: a snapshot folder without read permission: exit 3 naming it, not a silent skip."""
    assert cli(["ingest"], capsys)[0] == 0
    folder = project.upstream / "lod_db_orc_losses"
    shutil.copytree(shared_upstream / "lod_db_orc_losses", folder)
    folder.chmod(0)
    try:
        import subprocess
        import sys

        done = subprocess.run(_without_root_powers([sys.executable, "-m", "analysis", "ingest"]),
                              capture_output=True, text=True, timeout=120)  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert done.returncode == 3, done.stderr
    assert one_line(done.stderr) == f"error: {folder}: permission denied"


def test_f08_a_full_disk_names_the_folder_and_leaves_no_temp(
    project: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """F08: ENOSPC while writing the new version: one line naming the folder, old version kept."""
    assert cli(["ingest"], capsys)[0] == 0
    before = project.processed.resolve()
    append(project.ledger, "events", {})

    def full(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        raise OSError("No space left on device (os error 28)")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full)
    code, _, err = cli(["ingest"], capsys)
    assert code == 1
    line = error_line(err)
    assert line.startswith(f"error: {project.versions}/.tmp-")
    assert line.endswith(": cannot write (No space left on device); the previous version is kept")
    assert project.processed.resolve() == before
    assert not list(project.versions.glob(".tmp-*"))


def test_f09_a_file_size_limit_names_the_folder(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """F09: a process file-size limit (EFBIG) while writing: one line naming the folder."""
    assert cli(["ingest"], capsys)[0] == 0
    append(project.ledger, "events", {})

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    done = command(["ingest"], timeout=120, preexec_fn=limit)
    assert done.returncode == 1, done.stderr
    line = error_line(done.stderr)
    assert line.startswith(f"error: {project.versions}/.tmp-"), line
    assert line.endswith(
        f": cannot write ({os.strerror(errno.EFBIG)}); the previous version is kept"
    )


def test_f10_a_corrupt_processed_file_is_named_and_ingest_repairs_it(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    """F10: a truncated events.parquet: `tables` names it, a plain `ingest` rebuilds."""
    assert cli(["ingest"], capsys)[0] == 0
    path = project.processed.resolve() / "events.parquet"
    os.truncate(path, 100)
    code, _, err = cli(["tables"], capsys)
    assert code == 1
    assert one_line(err) == (
        f"error: {path}: does not match manifest.json (corrupt or partial version); "
        "run `analysis ingest` to rebuild it"
    )
    code, out, err = cli(["ingest"], capsys)
    assert code == 0, err
    assert "inputs unchanged" not in out
    assert cli(["tables"], capsys)[0] == 0


# --- upstream snapshots (S02-S04, S08) ---------------------------------------------------------


def _upstream(project: Paths, shared_upstream: Path, source: str) -> Path:
    """Copy one shared upstream source into the project; its folder."""
    folder = project.upstream / source
    shutil.copytree(shared_upstream / source, folder)
    return folder


def _cut(path: Path, keep: int) -> None:
    """Truncate a file to its first `keep` bytes."""
    path.write_bytes(path.read_bytes()[:keep])


def test_s02_a_csv_cut_inside_its_last_record_is_named_as_truncated(
    project: Paths, shared_upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """S02: the oryx daily count cut 25 bytes into its last record."""
    path = _upstream(project, shared_upstream, "oryx_scarnecchia") / "daily_count.csv"
    data = path.read_bytes()
    _cut(path, data.rstrip(b"\n").rfind(b"\n") + 25)
    code, _, err = cli(["ingest"], capsys)
    assert code == 3
    line = one_line(err)
    assert line.startswith(f"error: {path}:")
    assert "truncated" in line


@pytest.mark.parametrize(("source", "name"), [
    ("oryx_scarnecchia", "daily_count.csv"),
    ("bbc_mediazona_bessudnov", "dfFatalitiesAnonymised.csv"),
])  # fmt: skip
def test_s03_s04_a_csv_cut_inside_a_quoted_field_is_named(
    source: str, name: str, project: Paths, shared_upstream: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """S03 (oryx) and S04 (Bessudnov): cut inside a quoted field: exit 3 naming the file."""
    path = _upstream(project, shared_upstream, source) / name
    data = path.read_bytes()
    quote = data.find(b'"', len(data) // 2)
    _cut(path, quote + 10)
    code, _, err = cli(["ingest"], capsys)
    assert code == 3, err
    assert one_line(err).startswith(f"error: {path}:")


def test_s08_a_folder_that_is_not_a_dated_snapshot_is_not_the_newest(
    project: Paths, shared_upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """S08: `2025-99-99-old-backup` beside a real snapshot: not taken as the newest, said so."""
    base = project.upstream / "lod_db_orc_losses"
    real = base / "2025-11-01"
    shutil.copytree(shared_upstream / "lod_db_orc_losses", real)
    backup = base / "2025-99-99-old-backup"
    backup.mkdir()
    shutil.copy(real / "russian-losses__0366ffc.json", backup / "russian-losses.json")
    shutil.copy(real / "russian-losses.en.schema.json", backup)
    code, _, err = cli(["ingest", "--allow-quarantine"], capsys)
    assert code == 3
    assert one_line(err) == (
        f"error: {backup}: not a snapshot folder (expected YYYY-MM-DD, as written by "
        "`analysis fetch`); move it out of the upstream folder"
    )


def test_s01_upstream_csv_problems_are_reported_at_their_physical_line(
    project: Paths, shared_upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """S01: the Bessudnov CSV has quoted multi-line cells; a quarantined record is reported at
    the line it starts on in the file (what an editor shows), not at its record number."""
    import csv

    path = _upstream(project, shared_upstream, "bbc_mediazona_bessudnov")
    path = next(path.glob("dfFatalities*.csv"))
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        column = next(reader).index("deathConfirmedDate")
        start, blank = reader.line_num, None
        for row in reader:
            if not row[column].strip():
                blank = start + 1
                break
            start = reader.line_num
    assert blank is not None
    cli(["ingest", "--allow-quarantine"], capsys)
    lines = analysis.load("quarantine").filter(pl.col("file").str.ends_with(path.name))["line"]
    assert lines.min() == blank


def test_f12_class_no_polars_read_in_the_package_expands_globs() -> None:
    """F12 class: every polars read or scan in src/analysis passes glob=False, so a path with
    [ ] * ? in it is read as the file it names."""
    import ast

    readers = {"read_parquet", "scan_parquet", "read_csv", "scan_csv"}
    package = Path(analysis.__file__).parent
    globbing = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in readers:
                flags = {k.arg: k.value for k in node.keywords}
                if not (
                    isinstance(flags.get("glob"), ast.Constant) and flags["glob"].value is False
                ):
                    globbing.append(f"{path.relative_to(package)}:{node.lineno}")
    assert globbing == []
