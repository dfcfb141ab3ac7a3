"""`analysis fetch`: download the newest raw files of upstream datasets into dated snapshot folders.

Each source gets `<dest>/<source>/<YYYY-MM-DD>/` holding its files and a `fetch.json` (url, sha256,
bytes, retrieved_at per file). HTTPS only (redirects to http:// are refused), a timeout per socket
operation and for the whole download, a size cap enforced while streaming, writes via temp file +
rename. When every file is identical to the newest snapshot's, nothing is written; when only some
changed, the unchanged ones are hard-linked from the newest snapshot (never stored twice), so every
snapshot folder stays complete for `analysis ingest`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import http.client
import json
import math
import os
import re
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from analysis.errors import FetchError
from analysis.ingest.adapters.registry import UPSTREAMS, Upstream
from analysis.ingest.adapters.upstream import snapshot_dir

CHUNK = 1 << 16
MANIFEST = "fetch.json"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Limits:
    """How long and how much one download may take."""

    timeout: float = 30.0  # seconds per connect/read
    total_seconds: float = 300.0  # seconds for one whole file
    max_bytes: int = 100 * 1024 * 1024

    def __post_init__(self) -> None:
        """Every limit is a finite positive number (0 or -1 never mean "default" or "none")."""
        for name in ("timeout", "total_seconds", "max_bytes"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive number, not {value!r}")


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to https:// URLs."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        if urlsplit(newurl).scheme != "https":
            raise FetchError(f"{req.full_url}: redirect to non-HTTPS {newurl} refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Deadline:
    """A wall-clock limit on one download, whatever the server does: when it passes, the sockets
    of the download are shut down, so a read waiting on a server that sends a byte now and then
    (which resets every socket timeout) returns at once."""

    def __init__(self, seconds: float) -> None:
        """A deadline `seconds` from when the `with` block starts."""
        self.seconds, self.expired = seconds, False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        """Start the clock."""
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the clock."""
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        """Shut `sock` down when the deadline passes (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        """The deadline passed: shut down every socket of the download."""
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut a socket down at the OS level (not TLS: another thread may be reading it)."""
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHttps(urllib.request.HTTPSHandler):
    """HTTPS connections whose sockets a Deadline watches (redirects included)."""

    def __init__(self, context: ssl.SSLContext, deadline: Deadline) -> None:
        """A handler verifying with `context`, its sockets watched by `deadline`."""
        super().__init__(context=context)
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        """Open `req` on a connection whose socket the deadline watches."""
        deadline = self.deadline

        class Connection(http.client.HTTPSConnection):
            def connect(self) -> None:
                """Connect, then hand the socket to the deadline."""
                super().connect()
                deadline.watch(self.sock)

        return self.do_open(Connection, req, context=self._context)  # type: ignore[attr-defined]


def _opener(cafile: str | None, deadline: Deadline) -> urllib.request.OpenerDirector:
    """An opener verifying certificates (against `cafile` when given) that refuses http redirects,
    its connections under `deadline`."""
    context = ssl.create_default_context(cafile=cafile)
    return urllib.request.build_opener(_WatchedHttps(context, deadline), _HttpsOnlyRedirects())


def download(url: str, target: Path, limits: Limits, cafile: str | None = None) -> tuple[str, int]:
    """Stream `url` into `target` (a temp path); return (sha256, bytes). Raises FetchError."""
    if urlsplit(url).scheme != "https":
        raise FetchError(f"{url}: only https:// URLs are fetched")
    digest, size = hashlib.sha256(), 0
    slow = FetchError(f"{url}: took longer than {limits.total_seconds:g} s, aborted")
    with Deadline(limits.total_seconds) as deadline:
        try:
            with (
                _opener(cafile, deadline).open(url, timeout=limits.timeout) as response,
                target.open("wb") as out,
            ):
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                    raise FetchError(
                        f"{url}: {int(declared):,} bytes exceeds the cap of {limits.max_bytes:,}"
                    )
                while block := response.read1(CHUNK):  # what has arrived: the deadline is seen
                    size += len(block)
                    if size > limits.max_bytes:
                        raise FetchError(
                            f"{url}: more than {limits.max_bytes:,} bytes, download aborted"
                        )
                    digest.update(block)
                    out.write(block)
                if deadline.expired:
                    raise slow
        except FetchError:
            target.unlink(missing_ok=True)
            raise
        except (http.client.HTTPException, urllib.error.URLError, OSError, ValueError) as exc:
            target.unlink(missing_ok=True)
            raise (
                slow if deadline.expired else FetchError(f"{url}: {_reason(exc, limits)}")
            ) from None
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return digest.hexdigest(), size


def _reason(exc: BaseException, limits: Limits) -> str:
    """A short reason for a network failure."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"timed out after {limits.timeout:g} s"
    return f"cannot download ({reason}); are you offline?"


def file_name(url: str) -> str:
    """The snapshot file name of a raw URL (its last path segment)."""
    return urlsplit(url).path.rsplit("/", 1)[-1]


def _previous(base: Path) -> tuple[Path | None, dict[str, dict[str, object]]]:
    """The newest snapshot folder of a source and its fetch.json entries by file name."""
    folder = snapshot_dir(base.parent, base.name) if base.is_dir() else None
    if folder is None or folder == base:
        return None, {}
    try:
        entries = json.loads((folder / MANIFEST).read_text())["files"]
    except (OSError, ValueError, KeyError):
        return folder, {}
    return folder, {str(e["name"]): e for e in entries}


PART = re.compile(r"^\..+\.part-(\d+)$")


def remove_stale_parts(base: Path) -> None:
    """Delete partial downloads (`.<name>.part-<pid>`) whose fetch process is gone (killed)."""
    for path in base.iterdir():
        match = PART.match(path.name)
        if match and not _alive(int(match[1])):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """True when a process with this id runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fetch_source(
    source: Upstream,
    dest: Path,
    limits: Limits = Limits(),
    cafile: str | None = None,
    today: dt.date | None = None,
    progress: Progress = lambda _: None,
) -> Path | None:
    """Fetch one source's raw files; return the new snapshot folder, or None when unchanged."""
    base = dest / source.id
    created = not base.exists()
    base.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(base)
    previous, known = _previous(base)
    fetched: list[tuple[Path, dict[str, object], bool]] = []
    try:
        for url in source.raw_urls:
            name = file_name(url)
            tmp = base / f".{name}.part-{os.getpid()}"
            sha, size = download(url, tmp, limits, cafile)
            retrieved = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            entry = {
                "name": name,
                "url": url,
                "sha256": sha,
                "bytes": size,
                "retrieved_at": retrieved,
            }
            fetched.append((tmp, entry, known.get(name, {}).get("sha256") == sha))
    except BaseException:  # nothing half-made: no partial file, no empty source folder
        for tmp, _, _ in fetched:
            tmp.unlink(missing_ok=True)
        if created and not any(base.iterdir()):
            base.rmdir()  # an empty folder would make every later ingest fail
        raise
    if previous is not None and all(same for _, _, same in fetched):
        for tmp, _, _ in fetched:
            tmp.unlink()
        progress(f"{source.id}: unchanged since {previous.name}, nothing written")
        return None
    folder = base / (today or dt.date.today()).isoformat()
    folder.mkdir(exist_ok=True)
    for tmp, entry, same in fetched:
        final = folder / str(entry["name"])
        if same and previous is not None and previous != folder:
            tmp.unlink()
            final.unlink(missing_ok=True)
            os.link(previous / str(entry["name"]), final)
            entry["linked_from"] = previous.name
        else:
            os.replace(tmp, final)
        progress(
            f"{source.id}: {entry['name']} {entry['bytes']:,} bytes sha256 {str(entry['sha256'])[:12]}"
        )
    manifest = folder / f".{MANIFEST}.tmp"
    manifest.write_text(
        json.dumps({"source": source.id, "files": [e for _, e, _ in fetched]}, indent=2) + "\n"
    )
    os.replace(manifest, folder / MANIFEST)
    return folder


def fetch(
    source_ids: list[str],
    dest: Path,
    limits: Limits = Limits(),
    cafile: str | None = None,
    progress: Progress = lambda _: None,
) -> list[Path]:
    """Fetch the named sources (all registered ones when none are named); new snapshot folders."""
    unknown = [s for s in source_ids if s not in UPSTREAMS]
    if unknown:
        raise FetchError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(UPSTREAMS)}")
    written = []
    for source_id in source_ids or list(UPSTREAMS):
        folder = fetch_source(UPSTREAMS[source_id], dest, limits, cafile, progress=progress)
        if folder is not None:
            written.append(folder)
    return written
