"""A page per LEP and an index of all of them (``reports/leps/``): the public evidence about each LEP with its date
and sources, the range of ratings that evidence allows, deprivation and population, and a labelled map whose areas
link to the pages. The index table sorts without JavaScript: each sortable column header links to a copy of the
index sorted by that column. Only public tables are read, so nothing here rests on a confidential input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd

from lepstudy.core.config import Settings
from lepstudy.core.store import read_processed
from lepstudy.core.values import is_missing
from lepstudy.outputs import colours
from lepstudy.outputs.areas import rings_by_area
from lepstudy.outputs.publication import TITLE, environment, navigation
from lepstudy.outputs.summary import manifest_footer

FOLDER = "leps"
MAP_WIDTH = 560


@dataclass(frozen=True)
class SortOrder:
    file: str
    column: str          # the header it sorts by
    key: str             # the profile field
    descending: bool
    words: str


SORTS = [
    SortOrder("index.html", "LEP", "name", False, "by name"),
    SortOrder("by-population.html", "Population", "population", True, "largest population first"),
    SortOrder("by-deprivation.html", "IMD average score", "imd_score", True, "most deprived first"),
    SortOrder("by-seat.html", "Voluntary sector seat", "seat_order", False, "confirmed seats first"),
]
SEAT_WORDS = {True: "confirmed by a public source", False: "none on the full board list", None: "not known"}
SEAT_ORDER = {True: 0, False: 1, None: 2}


def slug(name: str) -> str:
    """A file name for a LEP's page from its name ("Greater Birmingham and Solihull" -> "greater-birmingham-and-
    solihull")."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _seat(value: object) -> bool | None:
    return None if is_missing(value) else bool(value)


def profiles(tables: dict[str, pd.DataFrame], criteria: list[tuple[str, str]]) -> list[dict]:
    """One dict per LEP for the templates, in name order, from the processed public tables; ``criteria`` are the
    rubric's public criteria as (key, label)."""
    leps = tables["leps"].set_index("lep17_code")
    context = tables["lep_context"].set_index("lep17_code")
    scores = tables["engagement_scores_public"].set_index("lep17_code")
    board = tables["board_evidence_public"].set_index("lep17_code")
    evidence = tables["lep_evidence"]
    n = len(leps)
    out = []
    for number, (code, lep) in enumerate(leps.sort_values("canonical_name").iterrows(), start=1):
        place, score, seat = context.loc[code], scores.loc[code], _seat(board.at[code, "main_board_vcs"])
        rows = []
        for key, label in criteria:
            points = score.get(f"pts_{key}")
            known = score.get(f"src_{key}") == "public"
            rows.append({"label": label, "known": known,
                         "points": f"{points:g}" if known and pd.notna(points) else "—"})
        items = evidence[evidence["lep17_code"] == code]
        topics = [(topic, [_item(row) for row in group.itertuples()]) for topic, group in items.groupby("topic",
                                                                                                         sort=False)]
        out.append({
            "number": number, "code": code, "name": lep["canonical_name"],
            "href": f"{slug(lep['canonical_name'])}.html",
            "successor": lep.get("lep21_name"), "population": int(place["population_mid2019"]),
            "districts": int(place["n_lads"]), "shares_districts": bool(place["shares_lads_with_other_lep"]),
            "imd_score": float(place["imd_avg_score"]), "imd_rank": int(place["imd_rank_avg_score"]),
            "most_deprived_share": float(place["imd_share_lsoas_most_deprived_10pct"]), "n": n,
            "seat": seat, "seat_words": SEAT_WORDS[seat], "seat_order": SEAT_ORDER[seat],
            "seat_type": board.at[code, "main_board_seat_type"] if seat else None,
            "rating_worst": score["rating_worst"], "rating_best": score["rating_best"],
            "min_total": f"{score['min_total']:g}", "max_total": f"{score['max_total']:g}",
            "max_possible": f"{score['max_possible']:g}", "criteria": rows, "topics": topics,
        })
    return out


# document-sharing sites that hold copies of other bodies' papers: a link to one is marked as a copy
MIRRORS = {"docslib.org", "docsbay.net", "careersdocbox.com", "vdocument.in", "studylib.net", "dokumen.tips",
           "vdocuments.mx", "vdocuments.net", "web.archive.org", "yumpu.com", "issuu.com", "documents.pub",
           "pdf4pro.com", "silo.tips", "docplayer.net"}


def source_label(url: str, title: str | None) -> str:
    """Link text that says what a source is (WCAG 2.4.4): its title, or else the words of its address, with the
    site, and "a third-party copy" where the site only mirrors other bodies' papers."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    if not title:
        path = urlsplit(url).path.rstrip("/")
        slug = re.sub(r"\.(pdf|html?|aspx?|php)$", "", path.rsplit("/", 1)[-1], flags=re.I)
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", " ".join(re.split(r"[-_+]+", unquote(slug)))).strip()
        if not words or words.isdigit():
            return f"Home page of {host}" if not path else f"A page at {host}"
        title = words[:1].upper() + words[1:]
    where = f"{host}, a third-party copy" if host in MIRRORS else host
    return f"{title} ({where})"


def _item(row) -> dict:
    urls = [u.strip() for u in row.source_urls.split(";")] if isinstance(row.source_urls, str) else []
    title = row.source_title if isinstance(row.source_title, str) and len(urls) == 1 else None
    return {"finding": row.finding, "date": row.evidence_date if isinstance(row.evidence_date, str) else None,
            "dating": row.dating if isinstance(row.dating, str) else None,
            "sources": [(url, source_label(url, title)) for url in urls if url],
            "note": row.note if isinstance(row.note, str) else None}


def sorted_profiles(items: list[dict], order: SortOrder) -> list[dict]:
    """The profiles in one sort order (ties by name)."""
    by_name = sorted(items, key=lambda p: p["name"])
    return sorted(by_name, key=lambda p: p[order.key], reverse=order.descending)


def _area_centroid(ring: np.ndarray) -> tuple[float, np.ndarray]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    centre = np.array([((x + np.roll(x, -1)) * cross).sum(), ((y + np.roll(y, -1)) * cross).sum()]) / (6 * area)
    return abs(area), centre


def map_shapes(boundaries: pd.DataFrame, reference: pd.DataFrame, items: list[dict]) -> dict:
    """The map as SVG-ready shapes: one path per LEP area (2021 boundaries joined to the study's bodies through the
    reference crosswalk), its page, name, number and label position, in a ``MAP_WIDTH``-wide view box."""
    crosswalk = reference.set_index("lep21_code")["lep17_code"]
    by_code = {p["code"]: p for p in items}
    scale_x = np.cos(np.deg2rad(53))                      # equirectangular at England's mid-latitude
    rings_of = {}
    for area, rings in rings_by_area(boundaries).items():
        code = crosswalk.get(area)
        if code in by_code:
            rings_of.setdefault(code, []).extend(rings)
    if not rings_of:                                      # no body has a 2021 LEP boundary: no map
        return {"shapes": [], "width": MAP_WIDTH, "height": "0", "missing": [p["name"] for p in items]}
    points = np.vstack([r for rings in rings_of.values() for r in rings])
    low, high = points.min(axis=0), points.max(axis=0)
    factor = MAP_WIDTH / ((high[0] - low[0]) * scale_x)
    height = (high[1] - low[1]) * factor

    def project(ring: np.ndarray) -> np.ndarray:
        return np.column_stack([(ring[:, 0] - low[0]) * scale_x * factor, (high[1] - ring[:, 1]) * factor])

    shapes = []
    for code, rings in sorted(rings_of.items(), key=lambda item: by_code[item[0]]["number"]):
        projected = [project(r) for r in rings]
        path = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in projected)
        _, centre = max((_area_centroid(r) for r in projected), key=lambda pair: pair[0])
        profile = by_code[code]
        shapes.append({"path": path, "x": f"{centre[0]:.1f}", "y": f"{centre[1]:.1f}", "href": profile["href"],
                       "name": profile["name"], "number": profile["number"],
                       "fill": colours.SEAT[profile["seat"]]})
    missing = sorted(set(by_code) - set(rings_of))
    return {"shapes": shapes, "width": MAP_WIDTH, "height": f"{height:.0f}",
            "missing": [by_code[c]["name"] for c in missing]}


def render_lep_pages(settings: Settings, pages: list[tuple[str, str]], manifest: dict) -> dict[str, str]:
    """Every LEP page and each sort order of the index, as {path under reports/: HTML}."""

    tables = {name: read_processed(settings, name) for name in
              ("leps", "lep_context", "engagement_scores_public", "board_evidence_public", "lep_evidence",
               "rubric_criteria", "lep_boundaries")}
    rubric = tables["rubric_criteria"]
    criteria = list(rubric.loc[rubric["public"], ["key", "label"]].itertuples(index=False, name=None))
    items = profiles(tables, criteria)
    shapes = map_shapes(tables["lep_boundaries"], tables["leps"], items)
    common = {"navigation": navigation(pages), "root": "../", "footer": manifest_footer(manifest, root="../"),
              "sorts": SORTS, "map": shapes, "n": len(items), "seat_colours": colours.SEAT}
    env = environment()
    out = {}
    for order in SORTS:
        out[f"{FOLDER}/{order.file}"] = env.get_template("lep_index.html.j2").render(
            title=f"LEP by LEP: the public evidence, {order.words} — {TITLE}", order=order,
            profiles=sorted_profiles(items, order), show_map=order is SORTS[0], **common)
    for profile in items:
        out[f"{FOLDER}/{profile['href']}"] = env.get_template("lep.html.j2").render(
            title=f"{profile['name']} LEP: the public evidence — {TITLE}", lep=profile, **common)
    return out
