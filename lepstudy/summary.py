"""The report's index page: an executive summary whose every number comes from processed tables."""

from __future__ import annotations

import html

import pandas as pd

from lepstudy.config import Settings


def summary_sentences(settings: Settings) -> list[str]:
    """Plain-language findings computed from data/processed/ (only tables that exist are used)."""
    processed = settings.processed_dir
    sentences: list[str] = []
    context = processed / "lep_context.csv"
    if context.is_file():
        frame = pd.read_csv(context)
        sentences.append(f"The study covers {len(frame)} LEPs with {frame.population_mid2019.sum():,} "
                         "residents (ONS mid-2019, LADs in two LEPs counted in both).")
    coverage = processed / "evidence_coverage.csv"
    if coverage.is_file():
        frame = pd.read_csv(coverage)
        seat = frame[frame["item"] == "main board VCS seat"]
        n = seat["lep17_code"].nunique()
        sentences.append(f"Public evidence shows a voluntary sector seat on the main board for "
                         f"{(seat.status == 'public').sum()} of {n} LEPs where the board is known or a seat was found; "
                         "the rest is unknown from public sources.")
    return sentences


def render_index(settings: Settings, pages: list[tuple[str, str]], nav: str, footer: str, manifest: dict) -> str:
    synthetic = bool(manifest["synthetic_inputs"])
    notice = (
        '<p class="synthetic-notice" style="background:#FBE3D6;border-left:6px solid #801650;padding:8px">'
        "<strong>SYNTHETIC DATA.</strong> NCVO published no per-LEP ratings and none of its sector "
        "feedback. Results that depend on them use seeded synthetic stand-ins and are a demonstration of "
        "the method, not NCVO's findings.</p>" if synthetic else "")
    items = "".join(f"<li>{html.escape(s)}</li>" for s in summary_sentences(settings))
    links = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in pages)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>lepstudy report</title></head>"
        "<body style='font-family:sans-serif;max-width:60em;margin:auto'>"
        f"{nav}<h1>LEPs and the voluntary sector: reproducible re-analysis</h1>{notice}"
        f"<h2>Executive summary</h2><ul>{items}</ul><h2>Pages</h2><ol>{links}</ol>{footer}</body></html>"
    )
