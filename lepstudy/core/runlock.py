"""One run per output folder at a time: ``lepstudy data`` and ``lepstudy report`` hold an OS file lock
(``filelock``) on the processed-tables folder while they read or write it, so two runs can never interleave their
tables, manifest and pages. A second run refuses at once, naming the run that holds the folder. The OS releases the
lock when its holder exits, even after ``kill -9``, so a crashed run never leaves the folder locked."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from lepstudy.core.errors import DataError

LOCK_NAME = ".lepstudy-run.lock"
HOLDER_NAME = ".lepstudy-run.holder.json"

# folders this process holds already, so a step that locks inside a command that locked is not refused by itself
_held: set[Path] = set()


class FolderInUse(DataError):
    """Another lepstudy run holds the output folder."""


@contextmanager
def holding(folder: Path, command: str) -> Iterator[None]:
    """Hold ``folder`` (created if needed) for ``command`` (such as "lepstudy data"); refuse with
    ``FolderInUse`` naming the holder when another process holds it."""
    folder = Path(folder).resolve()
    if folder in _held:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise FolderInUse(f"another lepstudy run is using this output folder ({_describe_holder(folder)})",
                          file=folder, expected="one run per output folder: wait for that run to finish, or give "
                          "this run its own output folder with LEPSTUDY_OUTPUT_DIR") from None
    holder = folder / HOLDER_NAME
    try:
        holder.write_text(json.dumps({"pid": os.getpid(), "command": command,
                                      "started": time.strftime("%Y-%m-%d %H:%M:%S")}), encoding="utf-8")
        _held.add(folder)
        yield
    finally:
        _held.discard(folder)
        holder.unlink(missing_ok=True)
        lock.release()


def _describe_holder(folder: Path) -> str:
    """"`lepstudy data`, process 1234, started 2026-12-05 21:50:03", or less when the holder has not said yet."""
    try:
        holder = json.loads((folder / HOLDER_NAME).read_text(encoding="utf-8"))
        return f"`{holder['command']}`, process {holder['pid']}, started {holder['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a run that has just started"
