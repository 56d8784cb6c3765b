"""Files written whole and checked by checksum: atomic writes (a reader never sees half a file, an interrupted
run leaves the old one), file checksums, and the run manifest beside the processed tables. Nothing here needs
pandas, so `make all` checks its records before the analysis stack is imported."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from lepstudy.core.config import Settings
from lepstudy.core.errors import DataError

MANIFEST_NAME = "_manifest.json"


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no other portable way)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temporary files an interrupted atomic write left behind (``.<name>.*.tmp``)."""
    stale = [p for p in Path(folder).rglob(".*.tmp") if p.is_file()] if Path(folder).is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


@contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path beside ``target``; on success rename it over ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; the result follows the umask like any new file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write bytes atomically (temp file + fsync + rename)."""
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return Path(target)


def write_with(target: str | Path, writer: Callable[[Path], None]) -> Path:
    """Let ``writer`` write to a temporary path, then move the result into place atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)
    return Path(target)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(settings: Settings) -> dict:
    """The manifest ``lepstudy data`` wrote with the processed tables; an error if there is none."""
    path = settings.processed_dir / MANIFEST_NAME
    if not path.is_file():
        raise DataError("no run manifest beside the processed tables: they were not built by `lepstudy data`",
                        file=path, expected="run `lepstudy data` (or `make data`) first")
    return json.loads(path.read_text(encoding="utf-8"))
