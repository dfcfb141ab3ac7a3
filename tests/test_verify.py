"""`analysis verify` against a local HTTPS server on 127.0.0.1 serving pages written for the test."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from analysis.config import Paths
from analysis.text import verify
from cli_runner import run
from https_server import make_certificate, serve

EVENTS = "id,event_id,stage,date,event_type,received_by,count,qualifier,status,mediator,claimant,claimant_side,source_urls,agreement_id,supersedes,notes"  # fmt: skip
CLAIMS = "id,claim_date,as_of,subject,metric,value,value_high,qualifier,claimant,claim_kind,period,source_urls,supersedes,notes"  # fmt: skip
CONFIRMED = (
    '<html><head><meta property="article:published_time" content="2025-06-11T09:00:00Z"></head>'
    "<body><h1>Bodies returned</h1><p>Russia has returned the bodies of 1,212 Ukrainian "
    "soldiers, the Coordination Headquarters said on Wednesday.</p></body></html>"
)
# The same story after an edit: Russia's figure now reads 30, not 27.
CHANGED = (
    "<html><body><p>June 11, 2025</p><p>Kremlin aide Vladimir Medinsky said Russia received the "
    "remains of 30 soldiers during the exchange.</p></body></html>"
)
UKRAINIAN = (
    "<html><body><p>11 грудня 2024</p><p>Моніторингова місія ООН з прав людини підтвердила "
    "загибель 12 340 цивільних в Україні з 24 лютого 2022 року.</p></body></html>"
)
PAGES = {
    "/confirmed.html": (200, CONFIRMED.encode(), 0.0),
    "/changed.html": (200, CHANGED.encode(), 0.0),
    "/uk.html": (200, UKRAINIAN.encode(), 0.0),
    "/slow.html": (200, CONFIRMED.encode(), 3.0),
}
TIMEOUT = ["--timeout", "1"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def base(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """The local server's base URL; $ANALYSIS_CA_FILE trusts its certificate."""
    monkeypatch.setenv("ANALYSIS_CA_FILE", str(certificate[0]))
    with serve(PAGES, certificate) as url:
        yield url


def _ledger(project: Paths, base: str) -> None:
    """Rows citing the local pages: confirmed, changed figure, 404, slow, Ukrainian, two URLs."""
    events = [
        f"E0001,2025-06-11-body_repatriation,,2025-06-11,body_repatriation,ukraine,1212,exact,completed,,Coordination HQ,ukraine,{base}/confirmed.html,,,",
        f"E0002,2025-06-11-body_repatriation,,2025-06-11,body_repatriation,russia,27,exact,completed,,Medinsky,russia,{base}/changed.html,,,",
        f"E0003,2025-05-23-pow_exchange,,2025-05-23,pow_exchange,ukraine,390,exact,completed,,Zelensky,ukraine,{base}/gone.html,,,",
        f"E0004,2025-06-11-body_repatriation,,2025-06-11,body_repatriation,ukraine,1212,exact,completed,,Coordination HQ,ukraine,{base}/slow.html,,,",
        f"E0005,2025-06-11-body_repatriation,,2025-06-11,body_repatriation,ukraine,1212,exact,completed,,Coordination HQ,ukraine,{base}/gone.html {base}/confirmed.html,,,",
        "E0006,2025-06-11-body_repatriation,,2025-06-11,body_repatriation,russia,,undisclosed,completed,,Medinsky,russia,https://example.org/none,,,",
    ]  # fmt: skip
    claims = [
        f"C0001,2024-12-11,,ukraine_civilian,killed,12340,,exact,OHCHR,monitoring,,{base}/uk.html,,"
    ]
    (project.ledger / "events.csv").write_text("\n".join([EVENTS, *events]) + "\n")
    (project.ledger / "claims.csv").write_text("\n".join([CLAIMS, *claims]) + "\n")


def _verdicts(path: Path) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["status"], r["detail"]) for r in csv.DictReader(path.open())}


def test_verify_fetches_archives_and_judges_every_row(
    project: Paths, base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ledger(project, base)
    out = tmp_path / "verify.csv"
    code, stdout, _ = run(["verify", "--csv", str(out), *TIMEOUT], capsys)
    assert code == 1  # E0002's figure is not on its page any more
    verdicts = _verdicts(out)
    assert {k: v[0] for k, v in verdicts.items()} == {
        "E0001": "confirmed",
        "E0002": "not_found",
        "E0003": "page_gone",
        "E0004": "not_fetched",
        "E0005": "confirmed",
        "C0001": "confirmed",
    }  # fmt: skip  (E0006 has no figure to look for)
    assert verdicts["E0002"][1] == "figures on the page: russia 30"
    assert verdicts["E0003"][1] == f"{base}/gone.html: HTTP 404 Not Found"
    assert "took longer than 1 s" in verdicts["E0004"][1] or "timed out" in verdicts["E0004"][1]
    assert "3 confirmed, 1 not_found, 1 page_gone, 1 not_fetched" in stdout
    snapshot = verify.latest_snapshot(project.raw / "archive", f"{base}/confirmed.html")
    assert snapshot is not None and snapshot.text() == CONFIRMED
    assert snapshot.sha256 == hashlib.sha256(CONFIRMED.encode()).hexdigest()
    meta = json.loads(snapshot.text_path.with_suffix(".json").read_text())
    assert meta["url"] == f"{base}/confirmed.html" and meta["bytes"] == len(CONFIRMED.encode())
    assert meta["retrieved_at"].endswith("+00:00")
    # fetched once per run, though two rows cite it
    assert len(list(snapshot.text_path.parent.glob("*.txt"))) == 1


def test_offline_reads_the_archive_only_and_never_rewrites_it(
    project: Paths, base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ledger(project, base)
    run(["verify", "--csv", str(tmp_path / "online.csv"), *TIMEOUT], capsys)
    archive = project.raw / "archive"
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    code, _, _ = run(["verify", "--offline", "--csv", str(tmp_path / "offline.csv")], capsys)
    assert code == 1
    verdicts = _verdicts(tmp_path / "offline.csv")
    assert verdicts["E0001"][0] == "confirmed" and verdicts["C0001"][0] == "confirmed"
    assert verdicts["E0002"][0] == "not_found"
    assert verdicts["E0003"] == ("not_fetched", "not in the archive")
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before


def test_ids_select_rows_and_exit_zero_when_all_are_confirmed(
    project: Paths, base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _ledger(project, base)
    out = tmp_path / "v.csv"
    code, _, _ = run(["verify", "--ids", "E0001,C0001", "--csv", str(out)], capsys)
    assert code == 0
    assert set(_verdicts(out)) == {"E0001", "C0001"}
    code, _, err = run(["verify", "--ids", "E9999", "--csv", str(out)], capsys)
    assert code == 2 and err.strip() == "error: no current ledger row with id E9999"


def test_http_and_untrusted_pages_are_not_fetched(
    project: Paths, certificate: tuple[Path, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.delenv("ANALYSIS_CA_FILE", raising=False)
    with serve(PAGES, certificate) as base:
        _ledger(project, base)
        rows = (
            (project.ledger / "events.csv")
            .read_text()
            .replace(f"{base}/gone.html,", "http://127.0.0.1/plain.html,")
        )
        (project.ledger / "events.csv").write_text(rows)
        out = tmp_path / "v.csv"
        code, _, _ = run(["verify", "--ids", "E0001,E0003", "--csv", str(out)], capsys)
    verdicts = _verdicts(out)
    assert code == 0  # nothing was read, so nothing was found missing
    assert verdicts["E0003"] == (
        "not_fetched",
        "http://127.0.0.1/plain.html: only https:// URLs are fetched",
    )
    assert (
        verdicts["E0001"][0] == "not_fetched"
        and "CERTIFICATE_VERIFY_FAILED" in verdicts["E0001"][1]
    )


def test_verdict_csv_cells_are_defused(tmp_path: Path) -> None:
    outcome = verify.Outcome("E0001", "events", "not_found", "ukraine 5", "https://x", "=cmd")
    path = verify.write_outcomes([outcome], tmp_path / "v.csv")
    assert _verdicts(path)["E0001"] == ("not_found", "'=cmd")
