"""The run manifest: package version, git commit, config hash, input checksums, synthetic inputs."""

from __future__ import annotations

import hashlib
import html
import subprocess
from pathlib import Path

from lepstudy import __version__
from lepstudy.config import Settings


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit(root: Path) -> str:
    """The checked-out commit, with '-dirty' when tracked files changed; 'unknown' outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                                check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("-dirty" if dirty else "")


def input_files(settings: Settings) -> dict[str, tuple[Path, bool]]:
    """Every input the pipeline reads: name -> (path, is_synthetic)."""
    from lepstudy.synthetic import CONFIDENTIAL_INPUTS

    inputs: dict[str, tuple[Path, bool]] = {}
    for path in sorted(settings.raw_dir.rglob("*")):
        if path.is_file() and path.name not in {"SHA256SUMS"}:
            inputs[f"raw/{path.relative_to(settings.raw_dir)}"] = (path, False)
    for name in CONFIDENTIAL_INPUTS:
        path, synthetic = settings.input_path(name)
        if path.is_file():
            inputs[f"{'synthetic' if synthetic else 'private'}/{name}"] = (path, synthetic)
    return inputs


def build_manifest(settings: Settings) -> dict:
    inputs = input_files(settings)
    return {
        "package": "lepstudy",
        "version": __version__,
        "git_commit": git_commit(settings.root),
        "config_hash": settings.config_hash(),
        "inputs": {name: sha256_file(path) for name, (path, _) in inputs.items()},
        "synthetic_inputs": sorted(name for name, (_, synthetic) in inputs.items() if synthetic),
        "uses_private_data": settings.uses_private_data,
    }


def manifest_footer(manifest: dict) -> str:
    """HTML footer that shows the manifest on every report page."""
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{v[:16]}…</code></td></tr>"
                   for k, v in manifest["inputs"].items())
    synthetic = ", ".join(manifest["synthetic_inputs"]) or "none"
    return (
        '<footer class="lepstudy-manifest" style="font-family:sans-serif;font-size:12px;'
        'border-top:1px solid #ccc;margin-top:2em;padding:8px 16px">'
        f"<p><strong>Run manifest</strong>: lepstudy {html.escape(manifest['version'])}, "
        f"commit <code>{html.escape(manifest['git_commit'])}</code>, "
        f"config hash <code>{manifest['config_hash'][:16]}…</code>. "
        f"<strong>Synthetic inputs</strong>: {html.escape(synthetic)}. "
        'Full manifest: <a href="run_manifest.json">run_manifest.json</a>. '
        'Method: <a href="../docs/method.md">docs/method.md</a>; assumptions: '
        '<a href="../docs/assumptions_caveats.md">docs/assumptions_caveats.md</a>.</p>'
        f"<details><summary>Input checksums (sha256)</summary><table>{rows}</table></details>"
        "</footer>"
    )
