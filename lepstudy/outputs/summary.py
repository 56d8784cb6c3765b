"""What every report page shows about its inputs: the SYNTHETIC DATA and other-rubric notices (from the run
manifest), the confidential inputs in a reader's words, and typed reads of the processed tables. The sentences
with numbers are the build's checked claims (``lepstudy.analysis.claims``)."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from lepstudy.core.config import Settings
from lepstudy.core.records import read_manifest
from lepstudy.core.store import read_processed


def _read(settings: Settings, name: str) -> pd.DataFrame | None:
    """A processed table, typed and checked against the run manifest (None where the run did not build it)."""

    return read_processed(settings, name) if name in read_manifest(settings).get("tables", {}) else None


def synthetic_notice(manifest: dict) -> str:
    """The banner every report page shows when any input is synthetic (empty otherwise)."""
    if not manifest["synthetic_inputs"]:
        return ""
    return (
        '<p class="synthetic-notice" style="background:#F3F2F1;border-left:6px solid #0B0C0C;padding:8px;'
        'font-family:sans-serif"><strong>SYNTHETIC DATA.</strong> NCVO published no per-LEP ratings and none of '
        "its sector feedback. Results that depend on them use seeded synthetic stand-ins for "
        f"{html.escape(input_words(manifest['synthetic_inputs']))} and demonstrate the method; they are not "
        "NCVO's findings.</p>")


# the confidential inputs in words a reader knows (the manifest names their files)
INPUT_WORDS = {"lep_responses": "the LEPs' answers to NCVO's information request",
               "sector_feedback": "the sector feedback", "holistic_ratings": "the holistic ratings",
               "strategy_coding": "the strategy coding"}


def input_words(names: list[str]) -> str:
    """'synthetic/sector_feedback.csv', ... as 'the sector feedback and ...'."""
    words = [INPUT_WORDS.get(Path(name).stem, Path(name).stem.replace("_", " ")) for name in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def rubric_notice(manifest: dict) -> str:
    """A notice on every page when the run's rubric is not the default fixed before any result (empty otherwise)."""
    rubric = manifest.get("rubric", {})
    if rubric.get("preregistered", True):
        return ""
    return ('<p class="rubric-notice" style="background:#F3F2F1;border-left:6px solid #0B0C0C;padding:8px;'
            'font-family:sans-serif"><strong>Another rubric.</strong> This run uses '
            f"{html.escape(str(rubric.get('file')))}, not the default rubric fixed before any result was computed; "
            "its figures are an alternative specification, not the study's pre-specified one.</p>")


def manifest_footer(manifest: dict, root: str = "") -> str:
    """HTML footer that shows the manifest on every report page (``root``: the way back to the publication's
    top folder from the page, such as "../")."""
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
        f'Full manifest: <a href="{root}run_manifest.json">run_manifest.json</a>. '
        f'Method: <a href="{root}method.html">method</a>; data log: <a href="{root}data_log.html">data log</a>; '
        f'assumptions: <a href="{root}../docs/assumptions_caveats.md">assumptions and caveats log</a>.</p>'
        f"<details><summary>Input checksums (sha256)</summary><table>{rows}</table></details>"
        "</footer>"
    )


def texts(claims: pd.DataFrame, section: str) -> list[str]:
    """The sentences of one section of the ``claims`` table, in order."""
    return claims.loc[claims["section"] == section, "text"].tolist()
