"""`analysis fetch` against a local HTTPS server on 127.0.0.1 serving copies of the shared files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import http.server
import json
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.ingest import fetch
from analysis.ingest.adapters.registry import UPSTREAMS

LOD = "lod_db_orc_losses"
LIMITS = fetch.Limits(timeout=1.0, total_seconds=10.0, max_bytes=2_000_000)


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves files from `server.root`, plus /slow, /big and /to-http for the failure paths."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            time.sleep(2)  # longer than the client's 1 s timeout; then hang up
            return
        if self.path == "/big":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x" * 65536)
            return
        if self.path == "/to-http":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/x")
            self.end_headers()
            return
        target = self.server.root / self.path.lstrip("/")  # type: ignore[attr-defined]
        if not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def server(
    certificate: tuple[Path, Path], tmp_path: Path, shared_upstream: Path
) -> Iterator[tuple[str, Path]]:
    """(base URL, served folder) of an HTTPS server serving a copy of the lod-db files."""
    root = tmp_path / "served"
    shutil.copytree(shared_upstream / LOD, root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.root = root  # type: ignore[attr-defined]
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_port}", root
    httpd.shutdown()
    httpd.server_close()


def _source(base: str) -> fetch.Upstream:
    """The lod-db registry entry with its raw URLs pointing at the local server."""
    files = ("russian-losses.json", "russian-losses.en.schema.json")
    return dataclasses.replace(UPSTREAMS[LOD], raw_urls=tuple(f"{base}/{f}" for f in files))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fetch_writes_snapshot_with_checksums(
    server: tuple[str, Path], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    base, root = server
    dest = tmp_path / "upstream"
    day = dt.date(2026, 8, 22)
    folder = fetch.fetch_source(_source(base), dest, LIMITS, str(certificate[0]), today=day)
    assert folder == dest / LOD / "2026-08-22"
    assert sorted(p.name for p in folder.iterdir()) == [
        "fetch.json", "russian-losses.en.schema.json", "russian-losses.json"
    ]  # fmt: skip
    manifest = json.loads((folder / "fetch.json").read_text())
    entry = manifest["files"][0]
    assert entry["name"] == "russian-losses.json"
    assert entry["url"] == f"{base}/russian-losses.json"
    assert entry["sha256"] == _sha(root / "russian-losses.json") == _sha(folder / entry["name"])
    assert entry["bytes"] == 753045
    assert dt.datetime.fromisoformat(entry["retrieved_at"]).tzinfo is not None
    assert not list((dest / LOD).glob(".*part*"))


def test_second_identical_fetch_writes_nothing(
    server: tuple[str, Path], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    base, root = server
    dest, cafile, source = tmp_path / "upstream", str(certificate[0]), _source(base)
    fetch.fetch_source(source, dest, LIMITS, cafile, today=dt.date(2026, 8, 22))
    messages: list[str] = []
    again = fetch.fetch_source(
        source, dest, LIMITS, cafile, today=dt.date(2026, 8, 23), progress=messages.append
    )
    assert again is None
    assert messages == ["lod_db_orc_losses: unchanged since 2026-08-22, nothing written"]
    assert [p.name for p in (dest / LOD).iterdir()] == ["2026-08-22"]
    # One file changes upstream: a new complete snapshot; the unchanged file is hard-linked.
    (root / "russian-losses.json").write_text("[]\n")
    new = fetch.fetch_source(source, dest, LIMITS, cafile, today=dt.date(2026, 8, 24))
    assert new == dest / LOD / "2026-08-24"
    assert (new / "russian-losses.json").read_text() == "[]\n"
    schema_file = new / "russian-losses.en.schema.json"
    assert schema_file.stat().st_ino == (dest / LOD / "2026-08-22" / schema_file.name).stat().st_ino
    entries = json.loads((new / "fetch.json").read_text())["files"]
    assert entries[1]["linked_from"] == "2026-08-22" and "linked_from" not in entries[0]


def test_http_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        fetch.FetchError, match="^http://127.0.0.1:9/x: only https:// URLs are fetched$"
    ):
        fetch.download("http://127.0.0.1:9/x", tmp_path / "x", LIMITS)


def test_redirect_to_http_is_refused(
    server: tuple[str, Path], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    base, _ = server
    with pytest.raises(
        fetch.FetchError, match="redirect to non-HTTPS http://127.0.0.1:.*/x refused"
    ):
        fetch.download(f"{base}/to-http", tmp_path / "x", LIMITS, str(certificate[0]))
    assert not (tmp_path / "x").exists()


def test_slow_server_times_out(
    server: tuple[str, Path], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    base, _ = server
    with pytest.raises(fetch.FetchError, match=f"^{base}/slow: timed out after 1 s$"):
        fetch.download(f"{base}/slow", tmp_path / "x", LIMITS, str(certificate[0]))


def test_oversize_download_is_aborted(
    server: tuple[str, Path], certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    base, _ = server
    limits = dataclasses.replace(LIMITS, max_bytes=1_000_000)
    with pytest.raises(fetch.FetchError, match="more than 1,000,000 bytes, download aborted"):
        fetch.download(f"{base}/big", tmp_path / "x", limits, str(certificate[0]))
    assert not (tmp_path / "x").exists()
    with pytest.raises(fetch.FetchError, match="753,045 bytes exceeds the cap of 1,000"):
        fetch.download(
            f"{base}/russian-losses.json", tmp_path / "x",
            dataclasses.replace(LIMITS, max_bytes=1000), str(certificate[0]),
        )  # fmt: skip


def test_untrusted_certificate_is_refused(server: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(fetch.FetchError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch.download(f"{base}/russian-losses.json", tmp_path / "x", LIMITS)


def test_offline_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(fetch.FetchError) as caught:
        fetch.download("https://127.0.0.1:9/x", tmp_path / "x", LIMITS)
    message = str(caught.value)
    assert message.startswith("https://127.0.0.1:9/x: cannot download (") and "\n" not in message
    assert message.endswith("are you offline?")


def test_unknown_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(fetch.FetchError, match="^unknown source\\(s\\) nope; known: "):
        fetch.fetch(["nope"], tmp_path)
