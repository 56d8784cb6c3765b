"""Figures: one function per figure, each returning the tidy data it draws.

``save_figure`` writes PNG and SVG under ``figures/``, the data under ``figures/data/<name>.csv`` and
the alt text under ``figures/<name>.txt``. Output is deterministic (fixed SVG hash salt, no dates in
metadata) so two runs give byte-identical files. Figures resting on synthetic inputs carry a visible
"SYNTHETIC DATA" mark.
"""

from __future__ import annotations

import base64
import html
import io
import json
import tempfile
import textwrap
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.transforms import offset_copy  # noqa: E402

from lepstudy.core.io import write_csv  # noqa: E402
from lepstudy.core.records import atomic_write_bytes, write_with  # noqa: E402
from lepstudy.core.vocabulary import VARIANT_NAMES, choice_words  # noqa: E402
from lepstudy.outputs.areas import rings_by_area  # noqa: E402
from lepstudy.outputs.chart_labels import place_labels  # noqa: E402
from lepstudy.outputs.colours import OWN_DATA, PUBLIC, RANGE, RATINGS, REFERENCE, SYNTHETIC_HATCH, UNKNOWN  # noqa: E402
from lepstudy.outputs.phone_charts import (  # noqa: E402
    PHONE_SCREEN_PX,
    READABLE_PX,
    SMALLEST_POINTS,
    overlapping_texts,
    redraw_for_phone,
    smallest_text_points,
    wrap_to_fit,
)

STATUS_COLOURS = {"public": PUBLIC, "synthetic": UNKNOWN, "unknown": UNKNOWN, "private": OWN_DATA}
STUDY = "LEPs in England, 2019-20"
PHONE_MEDIA_MAX_PX = 600         # screens this narrow get the phone render of every chart

plt.rcParams.update({
    "svg.hashsalt": "lepstudy",
    "svg.fonttype": "none",          # text stays text in the SVG: selectable, searchable, read by screen readers
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
})


@dataclass
class Figure:
    """A drawn figure with the tidy data behind it and a one-sentence alt text."""

    name: str
    fig: plt.Figure
    data: pd.DataFrame
    alt_text: str
    synthetic: bool = False
    subtitle: str = ""           # what, where and when, under the title that states the message


# the sources behind each figure, by the start of its name (the Analysis Function asks for a Source line on every
# chart; the map's boundaries carry the attribution their licence requires)
SOURCES = {
    "01_evidence_coverage": "Source: curated public LEP board, ESIF and strategy evidence; lepstudy.",
    "01_map": ("Source: MHCLG, English Indices of Deprivation 2019. Contains OS data © Crown copyright and database "
               "right 2021; Office for National Statistics licensed under the Open Government Licence v.3.0."),
    "01_": "Source: MHCLG, English Indices of Deprivation 2019; ONS mid-2019 population estimates; lepstudy.",
    "02_": "Source: NCVO (2020) published figures; curated public LEP evidence; lepstudy.",
    "03_": "Source: curated public LEP evidence; Local Industrial Strategy status; MHCLG IoD 2019; lepstudy.",
    "04_": "Source: lepstudy analysis of public LEP evidence and NCVO (2020) published figures.",
}
SYNTHETIC_LINE = "SYNTHETIC DATA — demonstration inputs, not NCVO's"
STAND_IN_SOURCE = "Synthetic stand-ins: lepstudy's seeded demonstration data for NCVO's confidential inputs."


def ncvo_band(span, low: int, high: int, synthetic: bool) -> None:
    """Shade NCVO's "about two-thirds" with ``span`` (an axes' ``axhspan`` or ``axvspan``), but never over results
    that rest on stand-ins: a synthetic count beside NCVO's figure reads as a comparison it is not."""
    if not synthetic:
        span(low - 0.5, high + 0.5, color=REFERENCE, alpha=0.12, label=f"NCVO: about two-thirds ({low}-{high})")


def source_line(name: str) -> str:
    return next(text for prefix, text in SOURCES.items() if name.startswith(prefix))


def message(fig: plt.Figure) -> str:
    """The chart's message: its suptitle, or else the first axes' left title."""
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    return suptitle or (fig.axes[0].get_title(loc="left") if fig.axes else "")


def take_title(fig: plt.Figure) -> str:
    """Remove the chart's message from inside the figure (it goes above it, in ``add_heading``) and return it."""
    title = message(fig)
    if fig._suptitle is not None and fig._suptitle.get_text():
        fig._suptitle.set_text("")
    elif fig.axes:
        fig.axes[0].set_title("", loc="left")
    return title[:1].upper() + title[1:]


def _wrapped(text: str, size: float, weight: str, width_pixels: float, fig: plt.Figure) -> str:
    """``text`` wrapped so that no line, drawn at ``size`` points, is wider than ``width_pixels``."""
    probe = fig.text(0, 0, " ".join(text.split()), fontsize=size, fontweight=weight)
    wrap_to_fit(probe, width_pixels, step=0.9, shortest=20)
    wrapped = probe.get_text()
    probe.remove()
    return wrapped


def add_heading(fig: plt.Figure, title: str, subtitle: str, synthetic: bool,
                smallest: float = 0) -> list[plt.Text]:
    """Draw the title (the message), the subtitle (what, where, when) and, where the chart rests on synthetic
    inputs, the SYNTHETIC DATA line, above the chart so a crop for a slide keeps them; no text smaller than
    ``smallest`` points; returns what it drew."""

    lines = [(title, 11, "#0B0C0C", "bold"), (subtitle, 9, "#3D3D3D", "normal")]
    if synthetic:
        lines.append((SYNTHETIC_LINE, 9, REFERENCE, "bold"))
    spill = fig.get_tightbbox(fig.canvas.get_renderer()).y1 - fig.get_figheight()   # a legend over the top edge
    offset = 4.0 + 72 * max(0.0, spill)
    drawn = []
    for text, size, colour, weight in reversed([line for line in lines if line[0]]):
        size = max(size, smallest)
        wrapped = _wrapped(text, size, weight, 0.98 * fig.bbox.width, fig)
        drawn.append(fig.text(0.01, 1.0, wrapped, ha="left", va="bottom", fontsize=size, color=colour,
                              fontweight=weight, transform=offset_copy(fig.transFigure, fig=fig, y=offset,
                                                                       units="points")))
        offset += size * 1.3 * (wrapped.count("\n") + 1) + 2
    return drawn


def _with_title_and_desc(svg: bytes, title: str, desc: str) -> bytes:
    """An SVG that names itself to assistive technology: ``<title>`` and ``<desc>`` first inside ``<svg>``."""

    text = svg.decode("utf-8")
    start = text.index(">", text.index("<svg")) + 1
    return (text[:start] + f"\n <title>{escape(title)}</title>\n <desc>{escape(desc)}</desc>" + text[start:]).encode()


def _save_png(fig: plt.Figure, path: Path) -> None:
    write_with(path, lambda p: fig.savefig(p, format="png", metadata={"Software": None}, bbox_inches="tight"))


def save_figure(figure: Figure, figures_dir: Path) -> dict[str, Path]:
    """Write PNG, SVG, CSV and alt text for a figure, atomically and deterministically, with its Source line (and
    the synthetic line where it rests on synthetic inputs), then a PNG redrawn for phones (``<name>.phone.png``)
    and the size of its smallest text (``<name>.phone.json``)."""
    fig = figure.fig
    title = take_title(fig)
    fig.tight_layout()          # reclaim the space the title held inside the figure
    source = source_line(figure.name) + (f" {STAND_IN_SOURCE}" if figure.synthetic else "")
    figures_dir = Path(figures_dir)
    paths = {
        "png": figures_dir / f"{figure.name}.png",
        "svg": figures_dir / f"{figure.name}.svg",
        "csv": figures_dir / "data" / f"{figure.name}.csv",
        "alt": figures_dir / f"{figure.name}.txt",
        "phone": figures_dir / f"{figure.name}.phone.png",
        "phone_text": figures_dir / f"{figure.name}.phone.json",
    }
    added = [*add_heading(fig, title, figure.subtitle, figure.synthetic),
             fig.text(0.01, 0.0, source, ha="left", va="top", fontsize=7, color="#3D3D3D", wrap=True)]
    _save_png(fig, paths["png"])
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    atomic_write_bytes(paths["svg"], _with_title_and_desc(svg.getvalue(), title or figure.name, figure.alt_text))
    data = figure.data
    if "synthetic_inputs" not in data.columns:      # every figure's data says whether it rests on synthetic inputs
        data = data.assign(synthetic_inputs=figure.synthetic)
    write_csv(data, paths["csv"])
    note = " Synthetic inputs: this figure uses demonstration data, not NCVO's." if figure.synthetic else ""
    atomic_write_bytes(paths["alt"], (figure.alt_text + note + "\n").encode("utf-8"))
    for artist in added:
        artist.remove()
    redraw_for_phone(fig)
    add_heading(fig, title, figure.subtitle, figure.synthetic, smallest=SMALLEST_POINTS)
    below = min(0.0, fig.get_tightbbox(fig.canvas.get_renderer()).y0 / fig.get_figheight())   # under turned labels
    fig.text(0.01, below, _wrapped(source, SMALLEST_POINTS, "normal", 0.98 * fig.bbox.width, fig), ha="left",
             va="top", fontsize=SMALLEST_POINTS, color="#3D3D3D")
    _save_png(fig, paths["phone"])
    pixels = smallest_text_points(fig) * plt.rcParams["savefig.dpi"] / 72    # in the PNG, at its natural size
    facts = {"smallest_text_px": round(pixels, 2), "overlapping_texts": overlapping_texts(fig)}
    atomic_write_bytes(paths["phone_text"], json.dumps(facts, indent=1).encode() + b"\n")
    plt.close(fig)
    return paths


COVERAGE_WORDS = {"public": "real public evidence", "private": "the researcher's own files",
                  "synthetic": "synthetic demonstration values", "unknown": "unknown"}


COVERAGE_KEY = {"public": "dark blue", "private": "dark grey", "synthetic": "hatched grey", "unknown": "plain grey"}


def coverage_caption(coverage: pd.DataFrame) -> str:
    """The coverage heatmap's key, naming only the origins the table holds (colours as in the figure)."""
    present = [s for s in STATUS_COLOURS if s in set(coverage["status"])]
    text = "; ".join(f"{COVERAGE_KEY[s]} cells are {COVERAGE_WORDS[s]}" for s in present)
    return text[:1].upper() + text[1:] + "."


def coverage_figure(coverage: pd.DataFrame, title: str) -> Figure:
    """Heatmap: for each LEP and evidence item, public / own files / synthetic / unknown; a synthetic cell is the
    unknown grey hatched (its real value is not known). ``title``: the build's checked claim."""
    wide = coverage.pivot(index="lep_name", columns="item", values="status").sort_index(ascending=False)
    items = list(dict.fromkeys(coverage["item"]))
    wide = wide[items]
    codes = {status: i for i, status in enumerate(STATUS_COLOURS)}
    grid = wide.map(lambda s: codes[s]).to_numpy()
    cmap = matplotlib.colors.ListedColormap(list(STATUS_COLOURS.values()))
    fig, ax = plt.subplots(figsize=(8.5, 10))
    ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(codes) - 0.5, aspect="auto")
    for row, column in zip(*np.nonzero(wide.to_numpy() == "synthetic"), strict=True):
        ax.add_patch(matplotlib.patches.Rectangle((column - 0.5, row - 0.5), 1, 1, fill=False, hatch=SYNTHETIC_HATCH,
                                                  edgecolor="white", linewidth=0))
    ax.set_xticks(range(len(items)), items, rotation=40, ha="right")
    ax.set_yticks(range(len(wide)), wide.index, fontsize=8)
    n = coverage["lep17_code"].nunique()
    ax.set_title(title, loc="left", fontsize=10)
    handles = [matplotlib.patches.Patch(facecolor=c, edgecolor="white", label=COVERAGE_WORDS[s],
                                        hatch=SYNTHETIC_HATCH if s == "synthetic" else None)
               for s, c in STATUS_COLOURS.items() if s in set(coverage["status"])]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    alt = f"Heatmap of LEPs by evidence item, each cell coloured by where the evidence comes from. {title}."
    # the map draws where each item comes from (its status column), not any synthetic value: its message is real
    return Figure("01_evidence_coverage", fig, coverage.drop(columns=["synthetic_inputs"], errors="ignore"), alt,
                  synthetic=False,
                  subtitle=f"Where each item of evidence comes from, by LEP: {n} {STUDY}")


def context_figure(context: pd.DataFrame, title: str) -> Figure:
    """Scatter of IMD 2019 average score against population, every LEP labelled. ``title``: the checked claim."""
    data = context[["lep17_code", "canonical_name", "imd_avg_score", "population_mid2019"]].copy()
    data["population_millions"] = data["population_mid2019"] / 1e6
    fig, ax = plt.subplots(figsize=(8, 6))
    ax.scatter(data["population_millions"], data["imd_avg_score"], color=PUBLIC, s=30)
    ax.set_xscale("log")
    plain = matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:g}")      # 0.5, 1, 2 rather than 10^0
    ax.xaxis.set_major_formatter(plain)
    ax.xaxis.set_minor_formatter(plain)
    ax.set_xlabel("Population mid-2019 (millions, log scale)")
    ax.set_ylabel("IMD 2019 average score (higher = more deprived)")
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    place_labels(ax, zip(data["population_millions"], data["imd_avg_score"], data["canonical_name"], strict=True))
    alt = f"Scatter of each LEP's IMD 2019 average score against its population, every LEP labelled. {title}."
    return Figure("01_deprivation_population", fig, data, alt,
                  subtitle=f"IMD 2019 average score against mid-2019 population: {len(data)} {STUDY}")


def map_figure(boundaries: pd.DataFrame, context: pd.DataFrame, reference: pd.DataFrame, title: str) -> Figure:
    """Choropleth of IMD 2019 average score on the 2021 LEP boundaries (the ``lep_boundaries`` table, joined by
    LEP21 code). ``title``: the checked claim about the range of deprivation."""
    rings = rings_by_area(boundaries)
    names = boundaries.drop_duplicates("lep21_code").set_index("lep21_code")["lep21_name"]
    crosswalk = reference.set_index("lep21_code")["lep17_code"]
    scores = context.set_index("lep17_code")["imd_avg_score"]
    data = pd.DataFrame({"lep21_code": list(rings), "lep21_name": [names[code] for code in rings]})
    data["lep17_code"] = data["lep21_code"].map(crosswalk)
    data["imd_avg_score"] = data["lep17_code"].map(scores)
    joined = data["imd_avg_score"].notna().to_numpy()
    subtitle = "IMD 2019 average score by LEP, England; LEP boundaries of May 2021"
    if not joined.any():
        return nothing_to_draw("01_map_imd", "No map: none of the study's bodies has a LEP boundary of May 2021",
                               "the boundaries shipped are those of LEPs; another set of bodies needs its own",
                               data, False, subtitle)
    data = data[joined].reset_index(drop=True)
    norm = matplotlib.colors.Normalize(data["imd_avg_score"].min(), data["imd_avg_score"].max())
    cmap = matplotlib.colormaps["Blues"]
    fig, ax = plt.subplots(figsize=(7, 8.5))
    for code, score in zip(data["lep21_code"], data["imd_avg_score"], strict=True):
        for ring in rings[code]:
            ax.add_patch(Polygon(ring, closed=True, facecolor=cmap(norm(score)), edgecolor="#3D3D3D",
                                 linewidth=0.3))     # dark edges: the palest areas stay visible on white
    ax.autoscale_view()
    ax.set_aspect(1 / np.cos(np.deg2rad(53)))
    ax.axis("off")
    fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6,
                 label="IMD 2019 average score (LEP17, File 12)")
    ax.set_title(title, loc="left", fontsize=10)
    fig.text(0.01, 0.01, "Geometry: LEP boundaries May 2021 (ONS, BUC), not the 2019-20 vintage; "
             "overlaps of 2017-20 are not shown.", fontsize=7, color="#3D3D3D")
    alt = (f"Map of England's LEPs shaded by IMD 2019 average score, darker where more deprived; boundaries are the "
           f"2021 vintage. {title}.")
    return Figure("01_map_imd", fig, data, alt, subtitle=subtitle)


def rating_distribution_figure(counts: pd.DataFrame, title: str) -> Figure:
    """Share of LEPs per rating, per variant. No interval (the LEPs are a census) and no line for NCVO's share:
    the full variant rests on stand-ins and is not comparable with NCVO's figure."""
    data = counts[counts["category"] != "Requires improvement or Inadequate"].copy()
    variants = list(dict.fromkeys(data["variant"]))
    fig, axes = plt.subplots(1, len(variants), figsize=(5 * len(variants), 4.2), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, variant in zip(axes, variants, strict=True):
        part = data[data["variant"] == variant]
        x = np.arange(len(part))
        ax.bar(x, part["share"], color=[RATINGS[c] for c in part["category"]])
        ticks = [c.replace("Requires improvement", "Requires\nimprovement").replace(
            "Insufficient evidence", "Insufficient\nevidence").replace("Inadequate to ", "Inadequate\nto ")
            for c in part["category"]]
        ax.set_xticks(x, ticks, fontsize=8)
        both = counts[(counts["variant"] == variant) & (counts["category"] == "Requires improvement or Inadequate")]
        row = both.iloc[0]
        held = (f"{row['text']}" if bool(row["determined"]) else
                f"open, {int(row['lower'])} to {int(row['upper'])} of {int(row['n'])}")   # never a count it is not
        ax.set_title(f"{VARIANT_NAMES.get(variant, variant)}: RI or Inadequate {held}", fontsize=9, loc="left")
    axes[0].set_ylabel("Share of LEPs (%)")
    axes[0].yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    n = int(data["n"].iloc[0])
    fig.suptitle("\n".join(textwrap.wrap(title, 110, break_on_hyphens=False)), fontsize=10, x=0.01, ha="left")
    fig.tight_layout()
    alt = f"Bar charts of the share of LEPs with each rating, one per variant. {title}."
    return Figure("02_rating_distribution", fig, data, alt, synthetic=bool(counts["synthetic_inputs"].any()),
                  subtitle=f"Share of LEPs by engagement rating under lepstudy's rubric, by variant: {n} {STUDY}")


def criterion_heatmap_figure(scores: pd.DataFrame, reference: pd.DataFrame, title: str,
                             labels: dict[str, str] | None = None) -> Figure:
    """Per-LEP points per criterion (public-evidence variant); blank = unknown. ``labels``: the rubric's criterion
    labels by key (the key in words where none is given); ``title``: the checked claim."""
    columns = [c for c in scores.columns if c.startswith("pts_")]
    names = reference.set_index("lep17_code")["canonical_name"]
    data = scores[["lep17_code", *columns, "rating"]].copy()
    data.insert(1, "lep_name", data["lep17_code"].map(names))
    grid = data.set_index("lep_name")[columns].astype(float).sort_index(ascending=False)
    fig, ax = plt.subplots(figsize=(7, 10))
    masked = np.ma.masked_invalid(grid.to_numpy())
    cmap = matplotlib.colormaps["Blues"].copy()
    cmap.set_bad(UNKNOWN)
    image = ax.imshow(masked, cmap=cmap, aspect="auto", vmin=0, vmax=2)
    ax.set_xticks(range(len(columns)), [(labels or {}).get(c[4:], c[4:].replace("_", " ")) for c in columns],
                  rotation=30, ha="right")
    ax.set_yticks(range(len(grid)), grid.index, fontsize=7)
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7,
                    color="white" if value >= 1.5 else "black")
    ax.set_title(f"{title} (grey = unknown)", loc="left", fontsize=10)
    fig.colorbar(image, ax=ax, shrink=0.4, label="points")
    fig.tight_layout()
    alt = f"Heatmap of rubric points per LEP and criterion from public evidence only, unknown cells grey. {title}."
    return Figure("02_criterion_heatmap_public", fig, data, alt,
                  subtitle=f"Rubric points per criterion from public evidence alone: {len(grid)} {STUDY}")


def board_representation_figure(backtest: pd.DataFrame, title: str) -> Figure:
    """Board representation counts: public-evidence bounds, full dataset and NCVO's published value. ``title``: the
    checked claim."""
    ids = ["n_main_board_vcs_rep", "n_main_board_rep_single_issue", "n_main_board_rep_infrastructure",
           "n_main_board_two_reps", "n_subgroup_vcs_rep", "n_esif_no_vcs_rep"]
    labels = ["VCS seat on\nmain board", "…single-issue\n(or other VCS)", "…local infra-\nstructure (CVS)",
              "two VCS\nseats", "VCS on a\nsub-group", "ESIF without\nVCS member"]
    data = backtest.set_index("figure_id").loc[ids, ["published_value", "public_lower", "public_upper", "full_value",
                                                     "full_status"]].reset_index()
    data.insert(1, "label", [label.replace("\n", " ") for label in labels])
    # stand-ins matched to NCVO's counts by construction are never drawn beside NCVO's figure: only a researcher's
    # own answers are
    own_data = not data["full_status"].isin(["matched by construction", "synthetic"]).any()
    if not own_data:
        data = data.drop(columns=["full_value", "full_status"])
    fig, ax = plt.subplots(figsize=(9, 4.5))
    x = np.arange(len(data))
    ax.vlines(x, data["public_lower"], data["public_upper"], color=RANGE, linewidth=6)
    ax.scatter(x, data["public_lower"], color=PUBLIC, marker="_", s=300)
    if own_data:
        ax.scatter(x - 0.12, data["full_value"], color=OWN_DATA, marker="o", zorder=3)
    ax.scatter(x + 0.12, data["published_value"], color=REFERENCE, marker="D", zorder=3)
    # direct labels beside the last group instead of a legend over the data (equal values are pulled apart)
    last, at = data.iloc[-1], len(data) - 1
    labels_at = [((at, (last["public_lower"] + last["public_upper"]) / 2), 0, "possible from public evidence",
                  RANGE), ((at, last["public_lower"]), 0, "confirmed publicly", PUBLIC),
                 ((at + 0.12, last["published_value"]), 1.6, "NCVO published", REFERENCE)]
    if own_data:
        labels_at.append(((at - 0.12, last["full_value"]), -1.6, "your data", OWN_DATA))
    for (xm, y), dy, text, colour in labels_at:
        ax.annotate(text, (xm, y), xytext=(at + 0.35, y + dy), fontsize=7, color="#0B0C0C", va="center",
                    arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.8})
    ax.set_xlim(-0.5, len(data) + 0.9)
    ax.set_xticks(x, labels, fontsize=8)
    n = int(backtest.set_index("figure_id").at["n_leps", "published_value"])
    ax.set_ylabel(f"Number of LEPs (of {n})")
    ax.set_title("\n".join(textwrap.wrap(title, 95, break_on_hyphens=False)), fontsize=10, loc="left")
    fig.tight_layout()
    alt = f"Chart comparing NCVO's published board counts with the bounds public evidence allows. {title}."
    return Figure("02_board_representation_vs_published", fig, data, alt, synthetic=False,
                  subtitle=f"Number of LEPs by board measure: NCVO (2020) against public evidence, {n} {STUDY}")


def _options_used(groups: pd.Series, values: pd.Series) -> pd.Series:
    """Per group, the options its rows use, sorted and joined with '; ' (vectorised over a crosstab)."""
    present = values.groupby([groups.to_numpy(), values.to_numpy()]).size().unstack(fill_value=0) > 0   # crosstab, fast
    labels = sorted(present.columns)
    joined = pd.Series("", index=present.index)
    for label in labels:
        joined = joined.where(~present[label], joined + np.where(joined == "", "", "; ") + label)
    return joined


def specification_curve_figure(curve: pd.DataFrame, summary: pd.DataFrame, choices: pd.DataFrame,
                               variant: str, title: str) -> Figure:
    """Specification curve of one variant: each distinct specification's interval (the fewest and most LEPs RI or
    Inadequate the unknown evidence allows), sorted by its ends, and below it the panel of which option of each
    choice each specification uses."""
    info = summary.set_index("variant").loc[variant]
    rows = choices[choices["variant"] == variant]
    part = curve[curve["variant"] == variant]
    names = list(rows["choice"])
    # a distinct specification may stand for several combinations (say, two options that give the same points):
    # the panel marks every option any of them uses
    used = pd.DataFrame({name: _options_used(part["specification"], part[name]) for name in names})
    data = part[part["distinct"]].drop(columns=names).join(used, on="specification")
    data = data.sort_values(["lower", "upper", *names], kind="stable").reset_index(drop=True)
    data.insert(1, "rank", np.arange(1, len(data) + 1))
    n, low, high = int(info["n_leps"]), int(info["window_low"]), int(info["window_high"])
    options = [(c, o) for c, opts in zip(rows["choice"], rows["options"], strict=True) for o in opts.split("; ")]
    indicator = np.array([data[c].str.split("; ").map(lambda chosen, o=o: o in chosen).to_numpy()
                          for c, o in options], dtype=float)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 3.2 + 0.17 * len(options)), sharex=True,
                                      gridspec_kw={"height_ratios": [2.2, 0.17 * len(options)]})
    x = data["rank"].to_numpy()
    synthetic = bool(info["synthetic_inputs"])
    ncvo_band(top.axhspan, low, high, synthetic)
    top.axhline(n / 2, color=REFERENCE, linewidth=0.8, linestyle="--", label=f"a majority ({n / 2:g} of {n})")
    top.fill_between(x, data["lower"], data["upper"], step="mid", color=RANGE, linewidth=0,
                     label="fewest to most, as unknown evidence allows")
    top.step(x, data["lower"], where="mid", color=PUBLIC, linewidth=1.0, label="fewest (certain)")
    configured = data[data["specification"].isin(part.loc[part["configured"], "specification"])]
    data["configured"] = data["specification"].isin(configured["specification"])
    if len(configured):
        top.vlines(configured["rank"], configured["lower"], configured["upper"], color=REFERENCE, linewidth=3,
                   label="the configured rubric")
        top.plot(configured["rank"], configured["lower"], "o", color=REFERENCE, markersize=6)
    top.set_ylim(-0.5, n + 0.5)
    top.set_ylabel(f"LEPs rated RI or Inadequate (of {n})")
    top.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    top.set_title("\n".join(textwrap.wrap(title, 110, break_on_hyphens=False)), loc="left", fontsize=10)
    cmap = matplotlib.colors.ListedColormap(["#FFFFFF", PUBLIC])
    bottom.imshow(indicator, aspect="auto", cmap=cmap, vmin=0, vmax=1, interpolation="nearest",
                  extent=(0.5, len(data) + 0.5, len(options) - 0.5, -0.5))
    bottom.set_yticks(range(len(options)), [f"{choice_words(c)}: {o.replace('_', ' ')}" for c, o in options],
                      fontsize=7)
    bottom.set_xlabel("specifications, sorted by their fewest and most")
    fig.tight_layout()
    alt = f"Specification curve of the {variant} variant. {title}"
    return Figure(f"04_specification_curve_{variant}", fig, data, alt, synthetic=synthetic,
                  subtitle=f"LEPs rated Requires improvement or Inadequate under each distinct specification, "
                           f"{variant} variant: {n} {STUDY}")


def reconstruction_figure(bounds: pd.DataFrame, title: str) -> Figure:
    """The RI-or-Inadequate counts every published count and public fact allow, with feedback favourable
    everywhere, very poor everywhere and free; NCVO's window shaded. ``title``: the build's checked claim."""
    b = bounds.set_index("feedback")
    n, low, high = int(b["n"].iloc[0]), int(b["window_low"].iloc[0]), int(b["window_high"].iloc[0])
    order = [f for f in ("best", "free", "worst") if f in b.index]
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ax.axvspan(low - 0.5, high + 0.5, color=REFERENCE, alpha=0.12)
    for y, feedback in enumerate(order):
        row = b.loc[feedback]
        if pd.notna(row["minimum"]):
            ax.plot([row["minimum"], row["maximum"]], [y, y], color=PUBLIC, linewidth=8, solid_capstyle="butt",
                    marker="s", markersize=9)
            ax.annotate(f"{int(row['minimum'])}-{int(row['maximum'])}", (row["maximum"], y), xytext=(9, 0),
                        textcoords="offset points", va="center", fontsize=9)     # clear of the end marker
    ax.set_yticks(range(len(order)), [f"Feedback {b.at[f, 'feedback_label']}" for f in order], fontsize=9)
    ax.set_xlabel(f"LEPs that could be rated Requires improvement or Inadequate (of {n})")
    ax.set_xlim(-1, n + 3)
    ax.text(low - 0.5, len(order) - 0.45, f"NCVO: about two-thirds ({low}-{high})", fontsize=8, color=REFERENCE)
    ax.set_ylim(-0.6, len(order) - 0.2)
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = ("Range bars of the counts every published count and public fact allow, with sector feedback favourable "
           f"everywhere, free and very poor everywhere. {title}, with sector feedback free.")
    return Figure("02_reconstruction", fig, bounds, alt, synthetic=bool(bounds["synthetic_inputs"].any()),
                  subtitle=f"LEPs that could be Requires improvement or Inadequate given every count NCVO published: "
                           f"{n} {STUDY}")


def esif_sensitivity_figure(sensitivity: pd.DataFrame, title: str, quantity: str = "esif_expired") -> Figure:
    """The most LEPs that could be RI or Inadequate with favourable feedback everywhere, against the number of
    bodies an unpublished quantity counts (expired ESIF memberships by default); NCVO's window shaded."""
    part = sensitivity[(sensitivity["quantity"] == quantity) & sensitivity["consistent"].astype(bool)]
    if part.empty:
        return nothing_to_draw(f"02_{quantity}_sensitivity", f"No sweep of {quantity.replace('_', ' ')}",
                               "the reconstruction configures no such unpublished quantity, or the published record "
                               "contradicts itself", part, False, f"Sensitivity to a number NCVO did not publish: "
                               f"{STUDY}")
    n, low, high = int(part["n"].iloc[0]), int(part["window_low"].iloc[0]), int(part["window_high"].iloc[0])
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.axhspan(low - 0.5, high + 0.5, color=REFERENCE, alpha=0.12)
    ax.step(part["k"], part["favourable_maximum"].astype(float), where="mid", color=PUBLIC, linewidth=2)
    ax.text(part["k"].min() + 0.3, high + 0.8, f"NCVO: about two-thirds ({low}-{high})", fontsize=8, color=REFERENCE)
    reach = part[part["favourable_reaches_two_thirds"]]
    if len(reach):
        first = int(reach["k"].min())
        ax.axvline(first, color=REFERENCE, linestyle="--", linewidth=1)
        ax.text(first + 0.4, 2, f"{low} reachable from {first}", fontsize=9)
    ax.set_xlabel(str(part["label"].iloc[0]))
    ax.set_ylabel(f"Most LEPs RI or Inadequate (of {n})")
    ax.set_ylim(0, n + 1)
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = ("Step line of the most LEPs that could be rated Requires improvement or Inadequate with favourable feedback "
           f"everywhere, by the number of {part['label'].iloc[0]}. "
           f"{title}.")
    return Figure(f"02_{quantity}_sensitivity", fig, part, alt, synthetic=bool(sensitivity["synthetic_inputs"].any()),
                  subtitle=f"Most LEPs that could be Requires improvement or Inadequate with favourable sector "
                           f"feedback everywhere, by a number NCVO did not publish: {n} {STUDY}")


def tipping_point_figure(tipping: pd.DataFrame, summary: pd.DataFrame, title: str,
                         reference: str = "favourable") -> Figure:
    """The reachable count against the number of areas with poor sector feedback (others at ``reference``), under
    the first reading of the unpublished quantities. ``title``: the build's checked claim."""
    reading = tipping["reading"].iloc[0]
    part = tipping[(tipping["reference"] == reference) & (tipping["reading"] == reading)]
    info = summary[(summary["reference"] == reference) & (summary["reading"] == reading)].iloc[0]
    n, low, high = int(part["n"].iloc[0]), int(part["window_low"].iloc[0]), int(part["window_high"].iloc[0])
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.fill_between(part["n_poor"], part["minimum"].astype(float), part["maximum"].astype(float),
                    color=RANGE, step="mid", label="reachable count (fewest to most)")
    ax.axhspan(low - 0.5, high + 0.5, color=REFERENCE, alpha=0.12, label=f"NCVO: about two-thirds ({low}-{high})")
    marks = (("forced_from", f"at least {low} certain\nfrom {{}} areas", "right", -0.4, 2),
             ("possible_to", f"{high} or fewer\npossible up\nto {{}} areas", "left", 0.4, 2))
    for column, words, align, shift, y in marks:
        if pd.notna(info[column]):
            ax.axvline(int(info[column]), color=REFERENCE, linestyle="--", linewidth=1)
            ax.text(int(info[column]) + shift, y, words.format(int(info[column])), ha=align, fontsize=8)
    ax.set_xlabel(f"LEP areas whose sector feedback was poor, of {n} ({reference} elsewhere)")
    ax.set_ylabel(f"LEPs RI or Inadequate (of {n})")
    ax.set_xlim(0, n)
    ax.set_ylim(0, n + 1)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = ("Shaded band of the reachable RI-or-Inadequate count against the number of areas with poor sector "
           f"feedback. {title}.")
    return Figure("02_tipping_point", fig, part, alt, synthetic=bool(tipping["synthetic_inputs"].any()),
                  subtitle=f"Reachable count of LEPs rated Requires improvement or Inadequate by the number of areas "
                           f"with poor sector feedback: {n} {STUDY}")


def specification_variance_figure(variance: pd.DataFrame, variant: str, title: str, top: int = 8) -> Figure:
    """Share of the variance of the count explained by each choice and pair of choices (the largest terms; the
    rest summed), for one variant."""
    part = variance[variance["variant"] == variant].sort_values("share", ascending=False, kind="stable")
    subtitle = (f"Share of the variance of the lower bound explained by each choice of the specification curve, "
                f"{variant} variant: {STUDY}")
    if part.empty:
        return nothing_to_draw(f"04_specification_variance_{variant}", f"{variant}: no choice moves the count",
                               "every specification gives the same count, so there is no variance to decompose",
                               part, bool(variance["synthetic_inputs"].any()), subtitle)
    shown = part.head(top)
    rest = part.iloc[top:]
    data = shown[["term", "order", "share"]].copy()
    if len(rest):
        data = pd.concat([data, pd.DataFrame([{"term": f"{len(rest)} other terms", "order": 0,
                                                "share": rest["share"].sum()}])], ignore_index=True)
    data["percent"] = 100 * data["share"]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(data) + 1.2))
    y = np.arange(len(data))[::-1]
    ax.barh(y, data["percent"], color=PUBLIC, height=0.6)     # the labels say which terms are pairs
    for yi, value in zip(y, data["percent"], strict=True):
        ax.text(value + 0.5, yi, f"{value:.0f}%", va="center", fontsize=8)
    ax.set_yticks(y, [choice_words(t) for t in data["term"]], fontsize=8)
    ax.set_xlim(0, 105)
    ax.set_xlabel("share of the variance of the lower bound across every combination of choices (%)")
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = f"Bar chart of the variance decomposition of the {variant} variant's specification curve. {title}."
    synthetic = bool(part["synthetic_inputs"].any())
    return Figure(f"04_specification_variance_{variant}", fig, data.assign(variant=variant), alt, synthetic=synthetic,
                  subtitle=subtitle)


def count_distribution_figure(distribution: pd.DataFrame, uncertainty: pd.DataFrame, title: str) -> Figure:
    """The distribution of the RI-or-Inadequate count under the feedback model, with its central interval, the
    plug-in count and (over a researcher's own data, never over stand-ins) NCVO's window."""
    rows = uncertainty.set_index("method")
    plug_in = rows.iloc[0]
    model = rows.iloc[1]
    widened = rows.iloc[2] if len(rows) > 2 else None
    n, low, high = int(model["n"]), int(model["window_low"]), int(model["window_high"])
    data = distribution.copy()
    data["percent"] = 100 * data["probability"]
    fig, ax = plt.subplots(figsize=(8, 3.6))
    inside = data["count"].between(model["interval_low"], model["interval_high"])
    ax.bar(data.loc[inside, "count"], data.loc[inside, "percent"], color=PUBLIC, width=0.85,
           label=f"{model['level']:.0%} interval: {int(model['interval_low'])} to {int(model['interval_high'])}")
    ax.bar(data.loc[~inside, "count"], data.loc[~inside, "percent"], color=RANGE, width=0.85,
           label="outside the interval")
    synthetic = bool(uncertainty["synthetic_inputs"].any())
    ncvo_band(ax.axvspan, low, high, synthetic)
    ax.axvline(plug_in["count"], color=REFERENCE, linewidth=2, linestyle="--",
               label=f"plug-in count: {int(plug_in['count'])}")
    if widened is not None:
        ax.hlines(-0.6, widened["interval_low"], widened["interval_high"], color=PUBLIC, linewidth=3,
                  label=f"allowing for the spread's uncertainty: {int(widened['interval_low'])} to "
                        f"{int(widened['interval_high'])}")
    ax.set_xlim(-0.5, n + 0.5)
    ax.set_xlabel(f"LEPs rated Requires improvement or Inadequate (of {n})")
    ax.set_ylabel("probability (%)")
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = ("Bar chart of the probability of each count of LEPs rated Requires improvement or Inadequate under the "
           f"feedback model, with its central interval, the plug-in count"
           f"{'' if synthetic else ' and NCVO' + chr(39) + 's about two-thirds'}. {title}.")
    return Figure("04_count_distribution", fig, data, alt, synthetic=synthetic,
                  subtitle=f"Probability of each count of LEPs rated Requires improvement or Inadequate under the "
                           f"feedback model: {n} {STUDY}")


def strategy_by_representation_figure(measures: pd.DataFrame, title: str) -> Figure:
    """Coded strategy score by seat type, every LEP visible, with medians and inter-quartile ranges. ``title``: the
    checked claim of the primary test (``representation_tests``); the chart runs no test of its own."""
    demo = measures[measures["layer"] == "demo"]
    synthetic = bool(demo["synthetic_inputs"].any())
    data = demo[["lep17_code", "canonical_name", "seat_group", "strategy_score"]].dropna()
    order = ["none", "single-issue or other VCS", "CVS"]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    rng = np.random.default_rng(0)
    for i, group in enumerate(order):
        values = data.loc[data["seat_group"] == group, "strategy_score"].to_numpy()
        if len(values) == 0:
            continue
        ax.scatter(i + rng.uniform(-0.12, 0.12, len(values)), values, color=PUBLIC, alpha=0.8, s=28)
        low, high = np.percentile(values, [25, 75])
        ax.vlines(i + 0.25, low, high, color=REFERENCE, linewidth=3)
        ax.scatter(i + 0.25, np.median(values), color="white", edgecolor=REFERENCE, zorder=3, s=40)
    counts = data["seat_group"].value_counts()
    ax.set_xticks(range(3), [f"{g}\n(n = {counts.get(g, 0)})" for g in order])
    ax.set_ylabel("coded inclusive growth strategy score (0-14)")
    ax.set_title("\n".join(textwrap.wrap(title, 95, break_on_hyphens=False)), loc="left", fontsize=10)
    fig.tight_layout()
    alt = (f"Dot plot of the coded strategy score by main-board seat type, with medians and inter-quartile ranges. "
           f"{title}.")
    return Figure("03_strategy_by_representation", fig, data, alt, synthetic=synthetic,
                  subtitle=f"Coded inclusive growth strategy score by type of main-board seat: {len(data)} {STUDY}")


def representation_vs_imd_figure(measures: pd.DataFrame, title: str) -> Figure:
    """IMD by main-board VCS seat status from public evidence, and from a researcher's own data when given.
    ``title``: the checked claim."""
    data = measures[["layer", "lep17_code", "canonical_name", "main_board_vcs", "imd_avg_score"]].copy()
    data["seat"] = data["main_board_vcs"].map({True: "VCS seat", False: "no VCS seat"}).fillna("unknown")
    # the second layer is drawn only when it is a researcher's own data: synthetic fill beside public evidence
    # would put stand-ins in a chart whose message is real
    demo = measures.loc[measures["layer"] == "demo", "synthetic_inputs"]
    own_data = len(demo) > 0 and not demo.any()
    panels = [("real", "public evidence (real)")] + ([("demo", "your data")] if own_data else [])
    data = data[data["layer"].isin([layer for layer, _ in panels])]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.5 * len(panels), 4), sharey=True, squeeze=False)
    axes = axes[0]
    for ax, (layer, panel) in zip(axes, panels, strict=True):
        part = data[data["layer"] == layer]
        groups = ["VCS seat", "no VCS seat", "unknown"]
        for i, g in enumerate(groups):
            values = part.loc[part["seat"] == g, "imd_avg_score"]
            ax.scatter(np.full(len(values), i) + np.linspace(-0.15, 0.15, len(values)), values,
                       color=PUBLIC if g != "unknown" else UNKNOWN, s=24)
        ax.set_xticks(range(3), [f"{g}\n(n = {(part['seat'] == g).sum()})" for g in groups], fontsize=8)
        ax.set_title(panel, fontsize=9, loc="left")
    axes[0].set_ylabel("IMD 2019 average score")
    fig.suptitle(f"{title}; the rest is unknown", x=0.01, ha="left", fontsize=10)
    fig.tight_layout()
    alt = (f"Dot plot of IMD 2019 score by main-board voluntary sector seat. {title}"
           + ("; the second panel uses your data." if own_data else "."))
    return Figure("03_representation_vs_imd", fig, data, alt, synthetic=False,
                  subtitle=f"IMD 2019 average score by main-board voluntary sector seat: {STUDY}")


def nothing_to_draw(name: str, title: str, reason: str, data: pd.DataFrame, synthetic: bool,
                    subtitle: str) -> Figure:
    """A figure that says why there is nothing to draw, instead of empty axes (same name, data and labels)."""
    fig, ax = plt.subplots(figsize=(7, 1.8))
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=10)
    ax.text(0, 0.5, "\n".join(textwrap.wrap(reason, 90)), fontsize=8, va="center")
    return Figure(name, fig, data, f"{title}: {reason}", synthetic=synthetic, subtitle=subtitle)


def coefficient_figure(models: pd.DataFrame, title: str) -> Figure:
    """Odds ratios with 95% intervals from the ordinal logit, per layer. ``title``: the checked claim."""
    data = models.dropna(subset=["odds_ratio"]).copy()
    synthetic = bool(models["synthetic_inputs"].any())
    if data.empty:      # no layer supports a model: say why instead of drawing empty axes
        reasons = "; ".join(f"{layer}: {str(note).removeprefix('not estimable: ')}"
                            for layer, note in zip(models["layer"], models["note"], strict=True))
        return nothing_to_draw("03_ordinal_logit_coefficients", title, reasons, models, synthetic,
                               f"Ordinal logit of strategy band on representation: {STUDY}")
    fig, ax = plt.subplots(figsize=(7, 2.5 + 0.4 * len(data)))
    y = np.arange(len(data))[::-1]
    ax.hlines(y, data["ci_low"], data["ci_high"], color=PUBLIC, linewidth=3)
    ax.scatter(data["odds_ratio"], y, color=PUBLIC, zorder=3)
    ax.axvline(1, color=REFERENCE, linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ax.set_yticks(y, [f"{t} [{layer}]" for t, layer in zip(data["term"], data["layer"], strict=True)], fontsize=8)
    ax.set_xlabel("odds ratio of a higher strategy band (95% interval, log scale)")
    ax.set_title(title, loc="left", fontsize=10)
    fig.tight_layout()
    alt = (f"Coefficient plot of odds ratios from the ordinal logit of strategy band on representation and IMD. "
           f"{title}.")
    return Figure("03_ordinal_logit_coefficients", fig, models, alt, synthetic=synthetic,
                  subtitle=f"Odds ratios of a higher strategy band (ordinal logit): {STUDY}")


class Published:
    """A figure shown in a notebook as the exact PNGs written (or that would be written), with its alt text: the
    desktop render, and on a narrow screen the phone render."""

    def __init__(self, png: bytes, phone_png: bytes, phone_smallest_px: float, csv_name: str,
                 alt_text: str) -> None:
        self.png = png
        self.phone_png = phone_png
        self.phone_smallest_px = phone_smallest_px
        self.csv_name = csv_name
        self.alt_text = alt_text

    def phone_density(self) -> float:
        """How many of the phone render's pixels make one CSS pixel: the render fills a phone's width where its
        smallest text then stays readable; else it is shown larger, in a box that scrolls sideways."""
        natural_width = int.from_bytes(self.phone_png[16:20], "big")        # the PNG header's width field
        fitted = natural_width / PHONE_SCREEN_PX
        enlarged = self.phone_smallest_px / (READABLE_PX + 0.5)
        return fitted if self.phone_smallest_px / fitted >= READABLE_PX else enlarged

    def _repr_html_(self) -> str:

        desktop = base64.b64encode(self.png).decode("ascii")
        phone = base64.b64encode(self.phone_png).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        density = self.phone_density()
        wide = int.from_bytes(self.phone_png[16:20], "big") / density > PHONE_SCREEN_PX + 1
        # the alt text is said once (on the image); the caption links the data behind the chart; the page test
        # reads data-phone-smallest-px (the smallest text of the phone render, in its own pixels)
        picture = (f'<picture><source media="(max-width: {PHONE_MEDIA_MAX_PX}px)" '
                   f'srcset="data:image/png;base64,{phone} {density:.3f}x"/><img src="data:image/png;base64,{desktop}" '
                   f'alt="{alt}" data-phone-smallest-px="{self.phone_smallest_px:g}"/></picture>')
        if wide:        # on a phone this chart is wider than the screen: a box that scrolls, with the tables' cue
            picture = (f'<div class="table-wrap chart-wide" role="region" tabindex="0" aria-label="Chart, scrolls '
                       f'sideways on a narrow screen">{picture}</div>')
        return (f'<figure class="chart">{picture}<figcaption style="font-size:85%">'
                f'<a href="../figures/data/{html.escape(self.csv_name)}">Download the data (CSV)</a></figcaption>'
                "</figure>")


def publish(figure: Figure, figures_dir: Path | None) -> Published:
    """Save a figure (PNG, phone PNG, SVG, CSV, alt text) and return an object that displays the saved PNGs.

    With ``figures_dir=None`` (a notebook opened by hand) the same files are rendered into a temporary folder
    and only shown: tracked paths are written by the build alone."""

    with tempfile.TemporaryDirectory() if figures_dir is None else nullcontext(figures_dir) as folder:
        paths = save_figure(figure, Path(folder))
        smallest = json.loads(paths["phone_text"].read_text(encoding="utf-8"))["smallest_text_px"]
        return Published(paths["png"].read_bytes(), paths["phone"].read_bytes(), smallest, paths["csv"].name,
                         paths["alt"].read_text(encoding="utf-8").strip())
