"""The report's index page: an executive summary whose every number comes from processed tables."""

from __future__ import annotations

import html

import pandas as pd

from lepstudy.config import Settings
from lepstudy.stats import x_of_n


def _read(settings: Settings, name: str) -> pd.DataFrame | None:
    path = settings.processed_dir / f"{name}.csv"
    return pd.read_csv(path) if path.is_file() else None


def count_sentence(row: pd.Series, variant: str) -> str:
    """The headline count of one variant in words: bounds where the evidence leaves it open, else the
    count with its Wilson interval."""
    evidence = {"public": "Public evidence alone"}.get(variant, "The full rubric")
    inputs = (" on synthetic demonstration data" if bool(row.get("synthetic_inputs", False)) else "")
    n = int(row["n"])
    if not bool(row["determined"]):
        return (f"{evidence}{inputs} leaves the number of LEPs rated Requires improvement or Inadequate open: "
                f"at least {x_of_n(int(row['lower']), n)}, at most {x_of_n(int(row['upper']), n)} "
                f"({int(row['upper']) - int(row['lower'])} LEPs could be rated either side of Good). No interval "
                "is given for a count the evidence does not determine.")
    return (f"{evidence}{inputs} rates {row['text']} LEPs Requires improvement or Inadequate (95% Wilson "
            f"interval {row['ci_low']:.0%} to {row['ci_high']:.0%}), against NCVO's 'approximately two-thirds'.")


def summary_sentences(settings: Settings) -> list[str]:
    """Plain-language findings computed from data/processed/ (tables that do not exist are skipped)."""
    out: list[str] = []
    context = _read(settings, "lep_context")
    if context is not None:
        out.append(f"The study covers {len(context)} LEPs with {context.population_mid2019.sum():,} residents "
                   "(ONS mid-2019; districts in two LEPs counted in both).")
    counts = _read(settings, "rating_counts")
    if counts is not None:
        pick = counts[counts.category == "Requires improvement or Inadequate"].set_index("variant")
        for variant in pick.index:
            out.append(count_sentence(pick.loc[variant], variant))
    backtest = _read(settings, "backtest")
    if backtest is not None:
        inside = int(backtest.published_inside_public_bounds.astype(bool).sum())
        statuses = backtest.full_status.value_counts()
        out.append(f"Back test: {inside} of {len(backtest)} published figures lie within the bounds public "
                   f"evidence allows; {statuses.get('reproduced', 0)} reproduced from public evidence, "
                   f"{statuses.get('matched by construction', 0)} matched by construction (synthetic fill "
                   f"calibrated to them), {statuses.get('synthetic', 0)} synthetic.")
    multiverse = _read(settings, "multiverse_summary")
    if multiverse is not None and "full" in set(multiverse.variant):
        row = multiverse.set_index("variant").loc["full"]
        out.append(f"Across {int(row.n_variants):,} rubric variants the median share is {row['median']:.0%} "
                   f"(5th-95th percentile {row.p05:.0%} to {row.p95:.0%}); {row.share_of_variants_24_to_26:.0%} "
                   "of variants give about two-thirds (24-26 of 38).")
    tests = _read(settings, "representation_tests")
    if tests is not None:
        real = tests[tests.layer == "real"]
        estimable = int((~real.result.str.startswith("not estimable")).sum())
        out.append(f"Representation and strategy quality: {estimable} of {len(real)} planned tests can be "
                   "estimated on real evidence alone, which cannot answer the question; the demonstration layer "
                   "shows the method on synthetic inputs.")
    validation = _read(settings, "imd_validation")
    if validation is not None:
        ok = int((validation.status == "ok").sum())
        out.append(f"The LAD-to-LEP lookup reproduces IoD2019 LEP deprivation scores within "
                   f"{validation.tolerance.iloc[0]} points for {ok} of {len(validation)} LEPs (largest difference "
                   f"{validation.loc[validation.status == 'ok', 'abs_diff'].max():.3f}); Solent, which covered parts "
                   "of districts, is bounded instead.")
    return out


def synthetic_notice(manifest: dict) -> str:
    """The banner every report page shows when any input is synthetic (empty otherwise)."""
    if not manifest["synthetic_inputs"]:
        return ""
    return (
        '<p class="synthetic-notice" style="background:#FBE3D6;border-left:6px solid #801650;padding:8px;'
        'font-family:sans-serif"><strong>SYNTHETIC DATA.</strong> NCVO published no per-LEP ratings and none of '
        "its sector feedback. Results that depend on them use seeded synthetic stand-ins ("
        f"{html.escape(', '.join(manifest['synthetic_inputs']))}) and demonstrate the method; they are not "
        "NCVO's findings.</p>")


def render_index(settings: Settings, pages: list[tuple[str, str]], nav: str, footer: str, manifest: dict) -> str:
    notice = synthetic_notice(manifest)
    items = "".join(f"<li>{html.escape(s)}</li>" for s in summary_sentences(settings))
    links = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in pages)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>lepstudy report</title></head>"
        "<body style='font-family:sans-serif;max-width:60em;margin:auto'>"
        f"{nav}<h1>LEPs and the voluntary sector: reproducible re-analysis</h1>{notice}"
        f"<h2>Executive summary</h2><ul>{items}</ul><h2>Pages</h2><ol>{links}</ol>{footer}</body></html>"
    )
