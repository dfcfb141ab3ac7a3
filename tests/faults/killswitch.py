"""Kill the running process (SIGKILL) at its Nth filesystem step: shared by the crash scripts."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

FILESYSTEM_STEPS = [
    (os, "replace"), (os, "fsync"), (os, "rename"), (os, "unlink"), (os, "link"),
    (Path, "rename"), (Path, "symlink_to"), (Path, "unlink"), (Path, "mkdir"), (Path, "write_text"),
    (shutil, "rmtree"),
]  # fmt: skip


def arm(kill_at: int, extra: list[tuple[object, str]] = ()) -> dict[str, int]:  # type: ignore[assignment]
    """Wrap every filesystem step (plus `extra`) so the kill_at-th call kills the process.

    Returns the live step counter, {"n": steps so far}.
    """
    steps = {"n": 0}
    for owner, name in [*FILESYSTEM_STEPS, *extra]:
        real = getattr(owner, name)

        def wrapped(*args: object, _real=real, **kwargs: object) -> object:  # noqa: ANN001
            steps["n"] += 1
            if steps["n"] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)

        setattr(owner, name, wrapped)
    return steps
