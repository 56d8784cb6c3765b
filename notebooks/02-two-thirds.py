# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — "About two-thirds": the engagement rating, back-tested
#
# NCVO found that about two-thirds of LEPs' engagement with the voluntary sector was *inadequate* or
# *requires improvement*, but published no rubric and no per-LEP rating. Here we score every LEP
# with lepstudy's own documented rubric (`config/rubric.yaml`) in two variants:
#
# * **public** — public evidence only (real); unknown criteria stay unknown;
# * **full** — every criterion, on the demonstration dataset: **SYNTHETIC** sector feedback and
#   synthetic fill of unknown structural cells (unless you supply real files).
#
# Then we set what we compute beside every figure NCVO printed.

# %% tags=["parameters"]
# data_dir: your private data directory (None: LEPSTUDY_DATA_DIR or the synthetic stand-ins)
# output_dir: where processed tables, figures and reports live (None: the repository)
data_dir = None
output_dir = None

# %%
import pandas as pd
from IPython.display import Markdown, display

from lepstudy import plots, summary
from lepstudy.config import load_settings
from lepstudy.reference import load_reference

settings = load_settings(data_dir, output_dir=output_dir)
processed = settings.processed_dir
reference = load_reference(settings.files["lep_reference"])
counts = pd.read_csv(processed / "rating_counts.csv")
scores_public = pd.read_csv(processed / "engagement_scores_public.csv")
scores_full = pd.read_csv(processed / "engagement_scores.csv")
backtest = pd.read_csv(processed / "backtest.csv")
synthetic = bool(scores_full["synthetic_inputs"].any())
if synthetic:
    display(Markdown("> **SYNTHETIC DATA.** The full variant rests on synthetic stand-ins for NCVO's confidential "
                     "inputs. Its ratings demonstrate the method; they are not NCVO's findings."))

# %% [markdown]
# ## Rating counts: bounds where the evidence leaves them open, Wilson intervals where it does not

# %%
display(Markdown("\n\n".join(summary.count_sentence(row, variant) for variant, row in
                             counts[counts.category == "Requires improvement or Inadequate"].set_index("variant")
                             .iterrows())))
display(counts[["variant", "category", "text", "lower", "upper", "ci_low", "ci_high"]].round(3))
figure = plots.rating_distribution_figure(counts, backtest.set_index("figure_id").at[
    "share_engagement_ri_or_inadequate", "published_value"])
plots.publish(figure, settings.figures_dir)

# %% [markdown]
# ## What public evidence alone shows, LEP by LEP
# Points per criterion from public evidence only; grey cells are unknown. Sources for each seat are in
# `data/processed/board_evidence_public.csv`.

# %%
figure = plots.criterion_heatmap_figure(scores_public, reference)
plots.publish(figure, settings.figures_dir)

# %% [markdown]
# The LEPs for which public evidence scores at least one criterion, with the rating range it allows
# and the pages the evidence comes from:

# %%
names = reference.set_index("lep17_code")["canonical_name"]
with_evidence = scores_public[scores_public.n_known > 0].assign(lep=lambda d: d.lep17_code.map(names))
display(with_evidence[["lep", "pts_board_seat", "pts_subgroup", "min_total", "max_total", "rating_worst",
                       "rating_best", "rating", "board_source_urls"]])

# %% [markdown]
# ## Back test against NCVO's published figures
# `public_lower`/`public_upper`: what public evidence allows (unknown LEPs counted neither way / both
# ways). `full_status` says whether the demonstration value is *reproduced*, *matched by construction*
# (synthetic fill calibrated to the published count) or *synthetic*.

# %%
display(backtest[["figure_id", "published_value", "public_lower", "public_upper",
                  "published_inside_public_bounds", "full_value", "difference", "full_status"]])
inside = backtest.published_inside_public_bounds.sum()
display(Markdown(f"{inside} of {len(backtest)} published figures lie inside the bounds public evidence allows; "
                 f"{(backtest.full_status == 'reproduced').sum()} are reproduced from public evidence alone, "
                 f"{(backtest.full_status == 'matched by construction').sum()} are matched by construction."))
figure = plots.board_representation_figure(backtest)
plots.publish(figure, settings.figures_dir)
