# %% [markdown]
# # 02 — "About two-thirds": is it right, and what would have to be true?
#
# NCVO found that about two-thirds of LEPs' engagement with the voluntary sector was *inadequate* or
# *requires improvement*, but published no rubric and no per-LEP rating. It did print the structure
# behind its ratings (who answered, board seats and their type, sub-groups, ESIF gaps). Under lepstudy's
# own documented rubric (`config/rubric.yaml`) we first ask what **every published count together with
# every public fact** allows, by integer programming (`lepstudy.analysis.reconstruction`); then what the unpublished
# sector feedback would have had to say. Only then do we score the LEPs in two variants:
#
# * **public** — public evidence only (real); unknown criteria stay unknown;
# * **full** — every criterion, on the demonstration dataset (synthetic stand-ins unless you supply real files).

# %% tags=["parameters"]
# data_dir: your private data directory (None: LEPSTUDY_DATA_DIR or the synthetic stand-ins)
# output_dir: where processed tables, figures and reports live (None: the repository)
# config, rubric: another study YAML or rubric (None: LEPSTUDY_CONFIG or config/)
# write_figures: the build sets True; opened by hand, figures are shown but nothing tracked is written
data_dir = None
output_dir = None
config = None
rubric = None
write_figures = False

# %%
from IPython.display import Markdown, display

from lepstudy.analysis.backtest import display_table
from lepstudy.core.store import read_processed
from lepstudy.outputs import plots
from lepstudy.outputs.present import table
from lepstudy.outputs.summary import texts
from lepstudy.pipeline.manifest import notebook_settings

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
reference = read_processed(settings, "leps")
counts = read_processed(settings, "rating_counts")
scores_public = read_processed(settings, "engagement_scores_public")
scores_full = read_processed(settings, "engagement_scores")
backtest = read_processed(settings, "backtest")
bounds = read_processed(settings, "reconstruction_bounds")
sensitivity = read_processed(settings, "reconstruction_sensitivity")
sensitivity_summary = read_processed(settings, "reconstruction_sensitivity_summary")
tipping = read_processed(settings, "tipping_point")
tipping_summary = read_processed(settings, "tipping_summary")
claims = read_processed(settings, "claims")
claim_text = claims.set_index("id")["text"]

# %% [markdown]
# ## The answer
# The front page's main points: each is a claim checked against the reconstruction tables in the build
# (`docs/claims.md` lists the tables and columns each rests on). All rest on public evidence and NCVO's
# published counts only.

# %%
display(Markdown("\n\n".join(f"* {sentence}" for sentence in texts(claims, "main"))))

# %% [markdown]
# ## Reconstruction from NCVO's published counts
# Minimum and maximum number of LEPs rated Requires improvement or Inadequate over **all** per-LEP structures
# consistent with every published count (the table below, from `config/reconstruction.yaml` and NCVO's figures)
# and every public fact, with sector feedback favourable everywhere, very poor everywhere, and free.

# %%
display(table(read_processed(settings, "reconstruction_constraints"), "NCVO's published counts used as constraints"))
display(table(bounds[["feedback_label", "minimum", "maximum", "n", "window_low", "window_high", "two_thirds_reachable",
                "consistent", "conflicting_figures"]],
              "RI-or-Inadequate counts every consistent structure allows, by feedback setting"))
display(plots.publish(plots.reconstruction_figure(bounds, claim_text["figure.reconstruction"]), figures_dir))

# %% [markdown]
# ## Numbers NCVO did not publish, shown rather than chosen
# The rubric scores two things NCVO gave no count for. NCVO counted the ESIF sub-committees with no voluntary
# sector member; each of the others may have had a *current* member or one whose membership had *expired*
# (no points, like none). And NCVO did not say how many LEPs had a code of practice. The bounds above allow any
# number of each (the widest reading). Below, each is fixed at every number the published record allows, and
# the table says which conclusions it can move.

# %%
display(table(sensitivity_summary.drop(columns=["quantity", "synthetic_inputs"]),
              "Unpublished quantities: the numbers the record allows and what they move"))
display(plots.publish(plots.esif_sensitivity_figure(sensitivity, claim_text.get("figure.esif", "")), figures_dir))

# %% [markdown]
# ## Tipping point: what would the sector feedback have had to say?
# The unknown feedback is summarised by one quantity: the number of LEP areas whose sector feedback was
# *poor* (every feedback mean below the rubric's lower cut, but not low enough to cap the rating), the others
# *favourable* (top band) or *neutral* (the band holding 3). Two numbers carry the information: from how many
# poor areas at least the lower end of "about two-thirds" is certain (`forced_from`), and up to how many its
# upper end or fewer stays possible (`possible_to`), under each reading of the expired ESIF memberships.

# %%
display(table(tipping_summary, "Tipping point: from how many poor-feedback areas the count is forced"))
figure = plots.tipping_point_figure(tipping, tipping_summary, claim_text["figure.tipping"])
display(plots.publish(figure, figures_dir))

# %% [markdown]
# ## Scoring the LEPs
# Where the public record leaves a LEP's rating open, the count is shown as bounds. No interval is printed
# for a count of the 38 LEPs: they are a census, not a sample.

# %%
synthetic = bool(scores_full["synthetic_inputs"].any())
if synthetic:
    display(Markdown("> **SYNTHETIC DATA.** The full variant rests on synthetic stand-ins for NCVO's confidential "
                     "inputs. Its ratings demonstrate the method; they are not NCVO's findings."))

# %% [markdown]
# ## Rating counts: bounds where the evidence leaves them open

# %%
display(Markdown("\n\n".join(claim_text[["findings.count_public", "findings.count_full"]])))
display(table(counts[["variant", "category", "text", "lower", "upper"]],
              "Rating counts by variant, with bounds"))
display(plots.publish(plots.rating_distribution_figure(counts, claim_text["figure.rating_distribution"]), figures_dir))

# %% [markdown]
# ## What public evidence alone shows, LEP by LEP
# Points per criterion from public evidence only; grey cells are unknown. Each seat's sources, with their
# dates, are on the [LEP by LEP pages](leps/index.html).

# %%
labels = read_processed(settings, "rubric_criteria").set_index("key")["label"].to_dict()
figure = plots.criterion_heatmap_figure(scores_public, reference, claim_text["figure.criterion_heatmap"], labels)
display(plots.publish(figure, figures_dir))

# %% [markdown]
# The LEPs for which public evidence scores at least one criterion, with the rating range it allows
# and the pages the evidence comes from:

# %%
names = reference.set_index("lep17_code")["canonical_name"]
with_evidence = scores_public[scores_public.n_known > 0].assign(lep=lambda d: d.lep17_code.map(names))
display(table(with_evidence[["lep", "pts_board_seat", "pts_subgroup", "min_total", "max_total", "rating_worst",
                       "rating_best", "rating", "board_source_urls"]],
              "Public-evidence scores of the LEPs with any known criterion"))

# %% [markdown]
# ## Back test against NCVO's published figures
# `public_lower`/`public_upper`: what public evidence allows (unknown LEPs counted neither way / both
# ways), with the width of that interval: a bound as wide as the number of LEPs cannot fail, and the number of
# LEPs itself is marked *trivial*. `full_status` says whether the demonstration value is *reproduced*,
# *matched by construction* (synthetic fill calibrated to the published count) or *synthetic*; the last row is the
# reconstruction's consistency check.

# %%
display(table(display_table(backtest),
              "Back test: computed against published figures, with public-evidence bounds (differences of shares "
              "in percentage points)"))
display(Markdown(claim_text["findings.backtest"]))
figure = plots.board_representation_figure(backtest, claim_text["figure.board"])
display(plots.publish(figure, figures_dir))
