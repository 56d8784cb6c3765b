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
# how the share of LEPs rated *Requires improvement* or *Inadequate* moves with every defensible
# rubric choice (the multiverse in `config/multiverse.yaml`), with resampling (bootstrap), with the
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

from lepstudy import plots
from lepstudy.config import notebook_settings
from lepstudy.pipeline import read_processed

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
summary = read_processed(settings, "multiverse_summary")
by_option = read_processed(settings, "multiverse_by_option")
histogram = read_processed(settings, "multiverse_histogram")
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
# ## The rubric multiverse

# %%
display(summary)
figure = plots.multiverse_histogram_figure(histogram, summary)
plots.publish(figure, figures_dir)

# %%
figure = plots.tornado_figure(by_option, published, "full")
plots.publish(figure, figures_dir)

# %%
figure = plots.tornado_figure(by_option, published, "public")
plots.publish(figure, figures_dir)

# %% [markdown]
# Where in rubric space does the share come out at about two-thirds (24-26 of 38)? For each choice
# option, the share of its variants that land in that range — first for the public-evidence variant
# (real), then for the full variant.

# %%
for variant in ("public", "full"):
    region = by_option[by_option.variant == variant].pivot_table(index="choice", columns="option",
                                                                 values="share_of_variants_24_to_26")
    display(Markdown(f"**{variant} variant**"))
    display(region.round(2))

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
top = by_option[by_option.variant == "full"].iloc[0]
wilson = intervals.iloc[0]
boot = intervals.iloc[-1]
within = intervals.iloc[1]
kappa = agreement.iloc[0]
n = int(bounds.n)
label = "synthetic demonstration data" if full.synthetic_inputs else "the data supplied"
display(Markdown(
    f"Across {int(full.n_variants):,} rubric variants on {label}, the median share of LEPs rated Requires "
    f"improvement or Inadequate is {full['median']:.0%} (5th-95th percentile {full.p05:.0%} to {full.p95:.0%}); "
    f"{full.share_of_variants_24_to_26:.0%} of variants give NCVO's 'about two-thirds' (24-26 of 38). The single "
    f"choice that moves the share most is **{top.choice.replace('_', ' ')}** (a range of {top['range']:.0%}). "
    f"With public evidence alone, {int(public.n_variants - public.n_defined):,} variants cannot rate any LEP, and "
    f"the rest give {public.p05:.0%} to {public.p95:.0%}: public evidence cannot settle the headline. "
    f"The point estimate {wilson.estimate:.0%} has a Wilson interval of {wilson.ci_low:.0%} to {wilson.ci_high:.0%}; "
    f"resampling respondents and LEPs gives {boot.ci_low:.0%} to {boot.ci_high:.0%} (width "
    f"{boot.ci_high - boot.ci_low:.0%} against Wilson's {wilson.ci_high - wilson.ci_low:.0%}); resampling "
    f"respondents alone gives {within.ci_low:.0%} to {within.ci_high:.0%}, the part of the uncertainty that comes "
    "from which sector organisations answered. If every one of the "
    f"{n - int(bounds.n_responders)} non-responders were better than assessed the share would be "
    f"{bounds.nonresponders_all_better:.0%}; if all were worse, {bounds.nonresponders_all_worse:.0%}. "
    f"Two raters agree with weighted kappa {kappa.value:.2f} ({kappa.ci_low:.2f} to {kappa.ci_high:.2f})."))
