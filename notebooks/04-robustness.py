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
# # 04 — How robust is "two-thirds"?
#
# A headline built on an unpublished rubric is only as good as its robustness. This notebook shows
# how the number of LEPs rated *Requires improvement* or *Inadequate* moves with every defensible
# analytic choice (the specification curve of `config/specifications.yaml`: rubric and data-processing
# choices, each justified in `docs/method.md`), with resampling (bootstrap), with the LEPs that did not
# answer NCVO, and between raters.

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

from lepstudy import plots
from lepstudy.config import notebook_settings
from lepstudy.pipeline import read_processed

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
summary = read_processed(settings, "specification_summary")
curve = read_processed(settings, "specification_curve")
variance = read_processed(settings, "specification_variance")
choices = read_processed(settings, "specification_choices")
intervals = read_processed(settings, "bootstrap_share")
nonresponse_tests = read_processed(settings, "nonresponse_tests")
bounds = read_processed(settings, "nonresponse_bounds").iloc[0]
agreement = read_processed(settings, "rater_agreement")
backtest = read_processed(settings, "backtest").set_index("figure_id")
published = float(backtest.at["share_engagement_ri_or_inadequate", "published_value"])
if summary.synthetic_inputs.any():
    display(Markdown("> **SYNTHETIC DATA.** The full variant, the bootstrap, non-response and rater agreement rest "
                     "on synthetic stand-ins; they demonstrate the method and are not NCVO's findings."))

# %% [markdown]
# ## The specification curve
#
# Every combination of the choices below is scored; the curve shows the *distinct* specifications (two
# combinations that score the same evidence with the same relative weights, Good line and gate are one
# specification). Each choice is arbitrary (no principled reason to prefer an option) or substantive (the
# options answer different questions). The configured rubric was fixed before any result was seen.

# %%
display(choices[choices.variant == "full"][["choice", "stage", "kind", "options", "configured", "why"]])
display(summary.set_index("variant").T)

# %%
for variant in ("public", "full"):
    plots.publish(plots.specification_curve_figure(curve, summary, choices, variant), figures_dir)

# %% [markdown]
# How much of the variation in the count does each choice explain? Shares of the variance over every
# combination (a balanced design), for single choices and pairs; the rest is higher-order interaction.

# %%
for variant in ("public", "full"):
    plots.publish(plots.specification_variance_figure(variance, variant), figures_dir)
display(variance[variance.variant == "full"].head(10))

# %% [markdown]
# ## Uncertainty: Wilson interval and bootstrap

# %%
display(intervals)
figure = plots.interval_comparison_figure(intervals, published)
plots.publish(figure, figures_dir)

# %% [markdown]
# ## Non-response: responders vs LEPs assessed from their websites

# %%
display(nonresponse_tests)

# %% [markdown]
# ## Rater agreement (holistic ratings)

# %%
display(agreement)

# %% [markdown]
# ## In plain words

# %%
full = summary.set_index("variant").loc["full"]
public = summary.set_index("variant").loc["public"]
top = variance[variance.variant == "full"].iloc[0]
wilson = intervals.iloc[0]
boot = intervals.iloc[-1]
within = intervals.iloc[1]
kappa = agreement.iloc[0]
n = int(bounds.n)
label = "synthetic demonstration data" if full.synthetic_inputs else "the data supplied"
display(Markdown(
    f"Across {int(full.n_distinct):,} distinct specifications on {label}, the number of LEPs rated Requires "
    f"improvement or Inadequate runs from {int(full.count_min)} to {int(full.count_max)} of {int(full.n_leps)} "
    f"(median {full.count_median:g}); a majority of LEPs is RI or Inadequate in {full.share_majority_point:.0%} "
    f"of them and NCVO's 'about two-thirds' ({int(full.window_low)}-{int(full.window_high)}) in "
    f"{full.share_in_window:.0%}. The choice that matters most is **{top.term.replace('_', ' ')}** "
    f"({top.share:.0%} of the variance). With public evidence alone the count runs from {int(public.count_min)} to "
    f"{int(public.count_max)}, with bounds up to {int(public.upper_max)}: public evidence cannot settle the "
    "headline. "
    f"The point estimate {wilson.estimate:.0%} has a Wilson interval of {wilson.ci_low:.0%} to {wilson.ci_high:.0%}; "
    f"resampling respondents and LEPs gives {boot.ci_low:.0%} to {boot.ci_high:.0%} (width "
    f"{boot.ci_high - boot.ci_low:.0%} against Wilson's {wilson.ci_high - wilson.ci_low:.0%}); resampling "
    f"respondents alone gives {within.ci_low:.0%} to {within.ci_high:.0%}, the part of the uncertainty that comes "
    "from which sector organisations answered. If every one of the "
    f"{n - int(bounds.n_responders)} non-responders were better than assessed the share would be "
    f"{bounds.nonresponders_all_better:.0%}; if all were worse, {bounds.nonresponders_all_worse:.0%}. "
    f"Two raters agree with weighted kappa {kappa.value:.2f} ({kappa.ci_low:.2f} to {kappa.ci_high:.2f})."))
