"""What the processed tables were built from, as it is now: hashes of every config file and input, and whether a
manifest still matches them. Light on purpose (no pandas): `lepstudy data` and `lepstudy report` ask it before
loading the analysis stack, so `make all` with nothing changed takes under a second."""

from __future__ import annotations

from pathlib import Path

from lepstudy.core import vocabulary
from lepstudy.core.config import Settings
from lepstudy.core.errors import DataError
from lepstudy.core.records import MANIFEST_NAME, read_manifest, sha256_file


def input_files(settings: Settings) -> dict[str, tuple[Path, bool]]:
    """Every input the pipeline reads: name -> (path, is_synthetic)."""

    inputs: dict[str, tuple[Path, bool]] = {}
    for path in sorted(settings.raw_dir.rglob("*")):
        if path.is_file() and path.name not in {"SHA256SUMS"}:
            inputs[f"raw/{path.relative_to(settings.raw_dir)}"] = (path, False)
    for name in vocabulary.CONFIDENTIAL_INPUTS:
        path, synthetic = settings.input_path(name)
        if path.is_file():
            inputs[f"{'synthetic' if synthetic else 'private'}/{name}"] = (path, synthetic)
    return inputs


def config_files(settings: Settings) -> dict[str, Path]:
    """Every config file that can change a result: the study YAML and each file it names."""
    files = {"study": settings.config_path, **settings.files}
    return {key: path for key, path in sorted(files.items())}


def relative_path(path: Path, root: Path) -> str:
    """``path`` as the manifest shows it: relative to ``root`` where it lies under it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def fingerprint(settings: Settings) -> dict:
    """Hashes of every config file and every input as they are now (what a manifest must match)."""
    inputs = input_files(settings)
    return {
        "config_hash": settings.config_hash(),
        "config_files": {f"{key}: {relative_path(path, settings.root)}": sha256_file(path)
                         for key, path in config_files(settings).items() if path.is_file()},
        "inputs": {name: sha256_file(path) for name, (path, _) in inputs.items()},
        "input_origin": {name: ("synthetic" if synthetic else "private" if name.startswith("private/") else "public")
                         for name, (_, synthetic) in inputs.items()},
    }


def stale_reasons(settings: Settings, manifest: dict, now: dict | None = None) -> list[str]:
    """Why the processed tables no longer match the current config, inputs or themselves (empty: they do).
    ``now``: the current ``fingerprint``, when the caller has already taken it."""
    now = now if now is not None else fingerprint(settings)
    reasons = []
    for key in ("config_files", "inputs"):
        before, after = manifest.get(key, {}), now[key]
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        if changed:
            reasons.append(f"{key.replace('_', ' ')} changed: {', '.join(changed)}")
    tables = manifest.get("tables", {})
    altered = sorted(name for name, entry in tables.items()
                     if not (settings.processed_dir / entry["file"]).is_file()
                     or sha256_file(settings.processed_dir / entry["file"]) != entry["sha256"])
    if altered:
        reasons.append(f"processed tables differ from the run that wrote the manifest: {', '.join(altered)}")
    return reasons


def check_manifest(settings: Settings) -> dict:
    """The manifest, if the processed tables still match the current config and inputs; else a one-line error
    saying what changed and the command to run."""
    manifest = read_manifest(settings)
    reasons = stale_reasons(settings, manifest)
    if reasons:
        raise DataError("the processed tables were built from other inputs or config (" + "; ".join(reasons) + ")",
                        file=settings.processed_dir / MANIFEST_NAME,
                        expected="run `lepstudy data` with the same --data-dir, --config and --rubric first")
    return manifest
