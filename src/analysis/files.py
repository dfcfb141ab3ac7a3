"""Raw files: reading them with one-line errors, checksums, names relative to the project root.

Kept free of polars so that `analysis ingest` can tell "nothing changed" without importing it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis import config
from analysis.errors import InputError, LockedError


def read_error(path: Path, exc: OSError) -> InputError:
    """A one-line InputError describing why `path` could not be read."""
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, expected a file")
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "file not found")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot read ({exc.strerror or exc})")


MAX_INPUT_ENV = config.MAX_INPUT_BYTES
KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device",
         stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}  # fmt: skip


def max_input_bytes() -> int:
    """The size cap of one raw input file: $ANALYSIS_MAX_INPUT_BYTES, else the default."""
    value = os.environ.get(MAX_INPUT_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else config.DEFAULT_MAX_INPUT_BYTES


def check_regular(path: Path, mode: int) -> None:
    """InputError unless `mode` (of os.stat) is a regular file's: pipes, devices and sockets
    would block or never end; a folder is named as such."""
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, expected a file")
    if not stat.S_ISREG(mode):
        kind = KINDS.get(stat.S_IFMT(mode), "not a file")
        raise InputError(path, f"not a regular file ({kind}); remove it")


@contextmanager
def open_input(path: Path, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """(file descriptor, size) of a raw input: a regular file within the size cap (`limit`, else
    max_input_bytes()), opened without blocking; an InputError naming the file for anything else
    (the descriptor is closed after)."""
    try:
        check_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise read_error(path, exc) from None
    try:
        info = os.fstat(fd)
        check_regular(path, info.st_mode)  # replaced between the two looks
        cap = limit or max_input_bytes()
        if info.st_size > cap:
            where = f" ({MAX_INPUT_ENV})" if limit is None else ""
            raise InputError(path, f"file is {info.st_size:,} bytes, larger than the cap of "
                                   f"{cap:,} bytes{where}")  # fmt: skip
        yield fd, info.st_size
    finally:
        os.close(fd)


def _blocks(path: Path, fd: int, limit: int | None = None) -> Iterator[bytes]:
    """The blocks of an open input, never more than the size cap (a file growing meanwhile)."""
    cap = limit or max_input_bytes()
    left = cap + 1
    try:
        while left > 0 and (block := os.read(fd, min(1 << 20, left))):
            left -= len(block)
            yield block
    except OSError as exc:
        raise read_error(path, exc) from None
    if left <= 0:
        raise InputError(path, f"file grew past the cap of {cap:,} bytes while read")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A raw file's bytes (a regular file within the size cap, or `limit`); an InputError naming
    the file when it cannot be read."""
    with open_input(path, limit) as (fd, _):
        return b"".join(_blocks(path, fd, limit))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes; an InputError naming the file when it cannot be read."""
    digest = hashlib.sha256()
    with open_input(path) as (fd, _):
        for block in _blocks(path, fd):
            digest.update(block)
    return digest.hexdigest()


def relative_name(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, else the absolute path (no symlink resolution)."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    if absolute.startswith(base + os.sep):
        return absolute[len(base) + 1 :]
    return absolute


SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")


def safe_name(name: str, what: str = "name") -> str:
    """`name` if it is a plain file name that cannot leave its folder; ValueError otherwise."""
    if not SAFE_NAME.fullmatch(name) or ".." in name:
        raise ValueError(
            f"{what} {name!r} is not allowed: use letters, digits, '_', '-' and '.', "
            "no path separators, no '..', at most 128 characters"
        )
    return name


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (names, links) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """Flush every file and folder below `folder` (and itself) to disk, before it is published."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    for path in [*(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()), folder]:
        fsync_dir(path)


def swap_link(link: Path, target: str | Path) -> None:
    """Make `link` a symlink to `target` atomically (a temporary link renamed over it)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, link)


@contextmanager
def exclusive_lock(lock_path: Path, wait: bool, busy: str, hint: str) -> Iterator[None]:
    """Hold an fcntl lock on `lock_path`; LockedError("<busy> (lock <path>); <hint>") when taken."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise LockedError(f"{busy} (lock {lock_path}); {hint}") from None
        yield
