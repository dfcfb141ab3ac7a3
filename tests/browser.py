"""Headless Chromium driven over the DevTools protocol, and a static server on 127.0.0.1:
shared by the browser tests (test_browser.py, faults/test_report_html.py)."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis.reports import render

websocket = pytest.importorskip("websocket")
LOAD_TIMEOUT_S = 30


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args: object) -> None:
        """Say nothing."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageVisit:
    """What the browser saw while loading one page."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    images: list[dict[str, object]] = field(default_factory=list)


class Browser:
    """A headless Chromium with one page, spoken to over the DevTools protocol."""

    def __init__(self, executable: str, profile: Path) -> None:
        flags = render.chromium_flags(profile)
        self.process = subprocess.Popen(
            [executable, *flags, "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + LOAD_TIMEOUT_S
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            target = json.load(response)
        self.ws = websocket.create_connection(
            target["webSocketDebuggerUrl"], timeout=LOAD_TIMEOUT_S, suppress_origin=True
        )
        self.next_id = 0
        self.events: list[dict[str, object]] = []
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: object) -> dict[str, object]:
        """Send a command and return its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, event: str) -> None:
        """Read events until `event` arrives."""
        while not any(e.get("method") == event for e in self.events):
            self.events.append(json.loads(self.ws.recv()))

    def visit(self, url: str) -> PageVisit:
        """Load `url` and report its requests, console errors and images."""
        self.events = []
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        images = self.call("Runtime.evaluate", returnByValue=True, expression=(
            "Array.from(document.images).map(i => ({src: i.currentSrc.slice(0, 40),"
            " loaded: i.complete && i.naturalWidth > 0}))"))["result"]["value"]  # fmt: skip
        visit = PageVisit(images=images)
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                visit.errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                visit.errors.append(json.dumps(params["args"])[:200])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                visit.errors.append(params["entry"]["text"])
            elif method == "Network.loadingFailed":
                visit.errors.append(f"failed: {params.get('errorText')}")
        return visit

    def evaluate(self, expression: str) -> object:
        """The value of a JavaScript expression in the current page."""
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def close(self) -> None:
        """Close the connection and end the browser."""
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def open_browser() -> Iterator[Browser]:
    """A headless Chromium (skipped when none is installed; .ci/run installs Debian's)."""
    executable = render.find_chromium()
    if executable is None:
        message = "no Chromium installed (.ci/run installs Debian's chromium)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    profile = Path(tempfile.mkdtemp(prefix="test-browser-"))
    chrome = Browser(executable, profile)
    try:
        yield chrome
    finally:
        chrome.close()
        shutil.rmtree(profile, ignore_errors=True)
