"""A local HTTPS server on 127.0.0.1 with a self-signed certificate made by openssl, for tests.

`serve(pages)` serves a dict of path → (status, body bytes, delay seconds); unknown paths are 404.
"""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

Pages = dict[str, tuple[int, bytes, float]]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """(cert, key) of a self-signed certificate for 127.0.0.1; skips the test without openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers from the server's `pages`."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        status, body, delay = self.server.pages.get(self.path, (404, b"not found", 0.0))  # type: ignore[attr-defined]
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(pages: Pages, certificate: tuple[Path, Path]) -> Iterator[str]:
    """Serve `pages` over HTTPS on 127.0.0.1; yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.pages = pages  # type: ignore[attr-defined]
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # a client hanging up early is expected
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
