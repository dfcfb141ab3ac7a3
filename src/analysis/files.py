"""Raw files: reading them with one-line errors, checksums, names relative to the project root.

Kept free of polars so that `analysis ingest` can tell "nothing changed" without importing it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def read_bytes(path: Path) -> bytes:
    """A raw file's bytes; an InputError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise read_error(path, exc) from None


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes; an InputError naming the file when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise read_error(path, exc) from None
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
