# %% [markdown]
# # 04 — How robust is "two-thirds"?
#
# A headline built on an unpublished rubric is only as good as its robustness. This notebook shows
# how the number of LEPs rated *Requires improvement* or *Inadequate* moves with every defensible
# analytic choice (the specification curve of `config/specifications.yaml`: rubric and data-processing
# choices, each justified in `docs/method.md`), with the uncertainty of the sector feedback (a model that
# shrinks small-sample means, giving each LEP's rating probabilities and the count's distribution), with the
# LEPs that did not answer NCVO, and between raters.

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

from lepstudy.core.store import read_processed
from lepstudy.outputs import narrative, plots
from lepstudy.outputs.present import table
from lepstudy.pipeline.manifest import notebook_settings

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
summary = read_processed(settings, "specification_summary")
curve = read_processed(settings, "specification_curve")
variance = read_processed(settings, "specification_variance")
choices = read_processed(settings, "specification_choices")
uncertainty = read_processed(settings, "count_uncertainty")
distribution = read_processed(settings, "count_distribution")
model_fit = read_processed(settings, "feedback_model_fit")
probabilities = read_processed(settings, "rating_probabilities")
nonresponse_tests = read_processed(settings, "nonresponse_tests")
delta = read_processed(settings, "nonresponse_delta")
agreement = read_processed(settings, "rater_agreement")
claims = read_processed(settings, "claims")
claim_text = claims.set_index("id")["text"]
notice = narrative.synthetic_parts_notice({
    "full specification curve": summary, "feedback model": uncertainty, "non-response analysis": nonresponse_tests,
    "rater agreement": agreement})
if notice:
    display(Markdown(notice))

# %% [markdown]
# ## The specification curve
#
# Every combination of the choices below is scored; the curve shows the *distinct* specifications (two
# combinations that score the same evidence with the same relative weights, Good line and gate are one
# specification). Each choice is arbitrary (no principled reason to prefer an option) or substantive (the
# options answer different questions). The configured rubric was fixed before any result was seen.

# %%
display(table(choices[choices.variant == "full"][["choice", "stage", "kind", "options", "configured", "why"]],
              "The choices of the specification curve (full variant)"))
display(table(summary.set_index("variant").T, "Specification curve summary by variant", row_labels=True))

# %%
for variant in ("public", "full"):
    figure = plots.specification_curve_figure(curve, summary, choices, variant, claim_text[f"figure.curve_{variant}"])
    display(plots.publish(figure, figures_dir))

# %% [markdown]
# How much of the variation in the count does each choice explain? Shares of the variance over every
# combination (a balanced design), for single choices and pairs; the rest is higher-order interaction.

# %%
for variant in ("public", "full"):
    figure = plots.specification_variance_figure(variance, variant, claim_text.get(f"figure.variance_{variant}", ""))
    display(plots.publish(figure, figures_dir))
display(table(variance[variance.variant == "full"].head(10),
              "Largest terms of the variance decomposition (full variant)"))

# %% [markdown]
# ## Uncertainty fit for a census
#
# The 38 LEPs are all there are, so the uncertainty that matters is in the sector feedback: a LEP's feedback
# criteria rest on the mean answer of a handful of organisations. The feedback model treats each LEP's
# respondents as a sample of the voluntary organisations in its area (an assumption: NCVO's survey was
# self-selected), shrinks means of few respondents toward the overall mean (empirical Bayes, a random-intercept
# model per item), and gives each LEP a probability of each rating; the count then has a Poisson-binomial
# distribution. The plug-in count uses the sample means as they are and has no interval: the LEPs are a census.
# No resampled mean is shown as an estimate.

# %%
display(table(model_fit, "Feedback model: fitted random-intercept model per item"))
display(table(uncertainty, "Uncertainty of the count: plug-in and feedback model"))
figure = plots.count_distribution_figure(distribution, uncertainty, claim_text.get("figure.count_distribution", ""))
display(plots.publish(figure, figures_dir))

# %% [markdown]
# Each LEP's probabilities (values for LEPs with fewer respondents than the confidentiality threshold are
# suppressed in this shareable table):

# %%
display(table(probabilities[["lep17_code", "n_respondents", "p_inadequate", "p_requires_improvement", "p_good",
                       "p_ri_or_inadequate"]], "Each LEP's probability of each rating under the feedback model"))

# %% [markdown]
# ## Non-response: responders vs LEPs assessed from their websites
#
# First, did the LEPs that answered NCVO differ on public evidence? Then two views of what non-response could
# do to the count: the extreme bounds (every non-responder better, or worse, than assessed), and a tipping-point
# (delta) analysis. For the delta analysis the response criterion is taken out of the rubric, so that not
# answering does not lower a rating by construction, and every non-responder's total is shifted by a share of
# the maximum points: negative deltas say non-responders were worse than their websites showed.

# %%
display(table(nonresponse_tests, "Responders and non-responders compared on public evidence"))
display(table(delta[delta.delta.round(3).isin([-0.5, -0.25, -0.1, 0.0, 0.1, 0.25, 0.5])],
              "Non-response tipping-point (delta) analysis"))

# %% [markdown]
# ## Rater agreement (holistic ratings)

# %%
display(table(agreement, "Agreement between holistic raters and between the rubric and each rater"))

# %% [markdown]
# ## In plain words

# %%
display(Markdown(narrative.claims_markdown(claims, "annex_04")))
