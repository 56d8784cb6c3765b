# %% [markdown]
# # 03 — Board representation and inclusive growth strategy quality
#
# Do LEPs with voluntary sector members on their boards — and local infrastructure bodies (CVSs)
# rather than single-issue charities — have better inclusive growth strategies, once deprivation is
# allowed for? Every analysis runs on two layers side by side:
#
# * **real** — public evidence only: board seats from the curated files, and the Local Industrial
#   Strategy evidence (published or not; inclusive-growth content seen);
# * **demo** — the full demonstration dataset: representation with **synthetic** fill and a
#   **synthetic** coding of strategies with the seven-criterion codebook. It shows the method; a
#   researcher's real coding sheets replace it.

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
import pandas as pd
from IPython.display import Markdown, display

from lepstudy.analysis.representation import descriptives
from lepstudy.core.store import read_processed
from lepstudy.outputs import narrative, plots
from lepstudy.outputs.present import table
from lepstudy.pipeline.manifest import notebook_settings

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
measures = read_processed(settings, "representation_measures")
tests = read_processed(settings, "representation_tests")
models = read_processed(settings, "ordinal_logit")
apr = read_processed(settings, "apr_coverage")
agreement = read_processed(settings, "strategy_agreement")
claims = read_processed(settings, "claims")
claim_text = claims.set_index("id")["text"]
if measures.synthetic_inputs.any():
    display(Markdown("> **SYNTHETIC DATA.** The *demo* layer rests on synthetic representation fill and synthetic "
                     "strategy coding; its results demonstrate the method and are not evidence about LEPs."))

# %% [markdown]
# ## What real evidence exists

# %%
real = measures[measures.layer == "real"]
display(Markdown(claim_text["annex_03.real_evidence"]))
display(table(apr, "Per-LEP APR 2018-19 strategy ratings found against the national totals"))

# %% [markdown]
# ## Descriptives by representation

# %%
display(table(pd.concat([descriptives(real, "lis_published", "main_board_vcs"),
                   descriptives(real, "lis_published", "seat_group"),
                   descriptives(measures[measures.layer == "demo"], "strategy_score", "seat_group")],
                  ignore_index=True), "Strategy evidence by representation, real and demonstration layers"))

# %% [markdown]
# ## Tests suited to n ≤ 38
# One test is **primary**, named in `config/study.yaml` before any result was computed: does the strategy
# outcome differ between LEPs with and without a VCS main-board seat? Every other test is secondary, and
# its p-value is Holm-adjusted with the other secondary tests of its layer. The three tables below show, for
# each test, what it compares (n, how many LEPs were dropped for missing evidence, and how many independent
# strategy documents they share: one West Midlands strategy covers three LEPs); its effect size with a 95%
# interval and p-values; and its result, with the smallest detectable effect at the available n when it is not
# significant. One rule decides "not estimable" for every test: each compared group needs at least two LEPs and
# the outcome must vary.

# %%
display(table(tests[["layer", "role", "test", "comparison", "n", "dropped", "n_clusters"]],
              "Tests of representation and strategy quality: what each compares"))
display(table(tests[["layer", "comparison", "effect_measure", "effect", "effect_ci_low", "effect_ci_high", "p_value",
                     "p_holm"]].round(3), "Tests of representation and strategy quality: effects and p-values"))
display(table(tests[["layer", "comparison", "result", "mde_note"]].fillna({"mde_note": ""}),
              "Tests of representation and strategy quality: results"))

# %%
figure = plots.strategy_by_representation_figure(measures, claim_text.get("figure.strategy", ""))
display(plots.publish(figure, figures_dir))

# %%
figure = plots.representation_vs_imd_figure(measures, claim_text["figure.seat_evidence"])
display(plots.publish(figure, figures_dir))

# %% [markdown]
# ## Ordinal logit (at most two predictors)
# With at most 38 LEPs and three outcome bands, a model with more than two predictors would be
# over-fitted; representation plus deprivation (IMD, per standard deviation) is the limit. The model is
# fitted only when every outcome band holds at least five LEPs; its warnings and convergence are reported,
# and the proportional-odds assumption is checked against one binary logit per cut. The continuous score
# is analysed beside the bands (the IMD-adjusted difference with errors clustered by strategy document).

# %%
display(table(models, "Ordinal logit of strategy quality on representation and deprivation"))
figure = plots.coefficient_figure(models, claim_text["figure.ordinal"])
display(plots.publish(figure, figures_dir))

# %% [markdown]
# ## Coder agreement (strategy coding)

# %%
display(table(agreement, "Agreement between strategy coders"))

# %% [markdown]
# ## Conclusion

# %%
display(Markdown(narrative.claims_markdown(claims, "annex_03") + "\n\n"
                 + narrative.demonstration_caveat(bool(tests["synthetic_inputs"].any()))))
