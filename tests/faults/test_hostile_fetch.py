"""Hostile servers and options for `analysis fetch` (reliability audit G01-G04): a wall-clock
deadline whatever the server does, partial files cleaned, options validated before any request.
Servers run on 127.0.0.1 only."""

from __future__ import annotations

import dataclasses
import http.server
import os
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import cli

from analysis.ingest import fetch
from analysis.ingest.adapters import registry

LOD = "lod_db_orc_losses"
FILES = ("russian-losses.json", "russian-losses.en.schema.json")


class Trickle(http.server.BaseHTTPRequestHandler):
    """/drip: one body byte every 0.2 s; /headers: one header byte every 0.2 s; else the files."""

    def log_message(self, *args: object) -> None:
        """Say nothing."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        try:
            if self.path == "/drip":
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(100000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            elif self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for byte in b"X-Slow: " + b"y" * 1000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            else:
                body = (self.server.root / self.path.lstrip("/")).read_bytes()  # type: ignore[attr-defined]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
        except (OSError, ssl.SSLError):
            return  # the client hung up: what the deadline is for


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A self-signed certificate (and key beside it) for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder / "cert.pem"


@pytest.fixture
def server(certificate: Path, tmp_path: Path, shared_upstream: Path) -> Iterator[str]:
    """Base URL of an HTTPS server on 127.0.0.1 serving the lod-db files and the slow paths."""
    root = tmp_path / "served"
    shutil.copytree(shared_upstream / LOD, root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.root = root  # type: ignore[attr-defined]
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, certificate.with_name("key.pem"))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def _source(base: str, *paths: str) -> object:
    """The lod-db registry entry with its raw URLs at the local server."""
    urls = tuple(f"{base}/{p}" for p in paths or FILES)
    return dataclasses.replace(registry.UPSTREAMS[LOD], raw_urls=urls)


@pytest.mark.parametrize("path", ["drip", "headers"])
def test_g01_a_slow_drip_server_cannot_defeat_the_deadline(
    path: str, server: str, certificate: Path, tmp_path: Path
) -> None:
    """G01: one byte every 0.2 s (in the body, or in the headers) against a 2 s deadline."""
    limits = fetch.Limits(timeout=1, total_seconds=2, max_bytes=10**6)
    started = time.monotonic()
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_source(
            _source(server, FILES[0], path), tmp_path / "up", limits, str(certificate)
        )
    assert time.monotonic() - started < 6
    assert str(caught.value) == f"{server}/{path}: took longer than 2 s, aborted"
    folder = tmp_path / "up" / LOD  # partial files cleaned (and the folder the fetch made)
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.fixture
def local_registry(server: str, certificate: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The CLI's lod-db entry pointed at the local server, its certificate trusted."""
    monkeypatch.setitem(registry.UPSTREAMS, LOD, _source(server))
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    return server


@pytest.mark.parametrize("option", [["--max-bytes", "0"], ["--max-bytes", "-1"],
                                    ["--timeout", "0"], ["--timeout", "-1"],
                                    ["--timeout", "nan"], ["--timeout", "inf"]])  # fmt: skip
def test_g02_limits_are_validated_before_any_request(
    option: list[str], local_registry: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """G02: 0 no longer silently means the default; negative, NaN and infinite values refused."""
    code, _, err = cli(["fetch", LOD, "--dest", str(tmp_path), *option], capsys)
    assert code == 2, err
    assert option[0] in err
    assert not (tmp_path / LOD).exists()


def test_g03_a_dest_that_is_a_file_is_a_usage_error(
    local_registry: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """G03: --dest naming a file: one line, before any request."""
    target = tmp_path / "README.md"
    target.write_text("x")
    code, _, err = cli(["fetch", LOD, "--dest", str(target)], capsys)
    assert code == 2
    assert f"--dest {str(target)!r} is not a folder" in err


def test_g04_partial_files_of_a_killed_fetch_are_removed(
    local_registry: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """G04: a `.part-<pid>` left by a killed fetch (its process gone) is removed by the next one;
    the partial file of a live fetch is left alone."""
    folder = tmp_path / LOD
    folder.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = folder / f".{FILES[1]}.part-{dead.pid}"
    stale.write_text("partial")
    live = folder / f".{FILES[1]}.part-{os.getppid()}"
    live.write_text("another fetch is writing this")
    code, _, err = cli(["fetch", LOD, "--dest", str(tmp_path)], capsys)
    assert code == 0, err
    assert not stale.exists()
    assert live.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == [live.name]
