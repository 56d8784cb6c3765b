# %% [markdown]
# # 01 — The data: what is public, what is unknown, what is synthetic
#
# This notebook shows, for each of England's LEPs of 2019-20, which evidence comes from real public
# sources, which is unknown, and which the demonstration dataset fills with **synthetic** values.
# It also shows the deprivation and population context and checks the LAD→LEP lookup against the
# official IoD2019 LEP figures.

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

from lepstudy.analysis.coverage import coverage_summary
from lepstudy.core.store import read_processed
from lepstudy.outputs import plots
from lepstudy.outputs.present import table
from lepstudy.pipeline.manifest import notebook_settings

settings, figures_dir = notebook_settings(data_dir, config, output_dir, rubric, write_figures)
reference = read_processed(settings, "leps")
context = read_processed(settings, "lep_context")
coverage = read_processed(settings, "evidence_coverage")
validation = read_processed(settings, "imd_validation")
claims = read_processed(settings, "claims")
claim_text = claims.set_index("id")["text"]
n = len(reference)
display(Markdown(f"**{n} LEPs** in the reference list (LEP17 codes {reference.lep17_code.min()}–"
                 f"{reference.lep17_code.max()})."))

# %% [markdown]
# ## Evidence coverage
# Each cell says where that item of evidence comes from for that LEP (the legend lists the origins present).

# %%
display(Markdown(plots.coverage_caption(coverage)))
display(table(coverage_summary(coverage), "Evidence coverage: LEPs by evidence item and origin"))
figure = plots.coverage_figure(coverage, claim_text["figure.coverage"])
display(plots.publish(figure, figures_dir))

# %% [markdown]
# ## Deprivation and population

# %%
figure = plots.context_figure(context, claim_text["figure.deprivation"])
display(plots.publish(figure, figures_dir))

# %%
figure = plots.map_figure(read_processed(settings, "lep_boundaries"), context, reference,
                          claim_text["figure.deprivation"])
display(plots.publish(figure, figures_dir))

# %% [markdown]
# ## Checking the LAD→LEP lookup against IoD2019 File 12
# Each LEP's IMD average score is recomputed as the population-weighted mean of its districts' scores.
# LEPs with districts only partly inside them (Hampshire) are shown with and without those districts.

# %%
display(Markdown(claim_text["findings.imd_check"]))
display(table(validation[validation.status != "ok"],
              "LEPs whose recomputed IMD score is not within tolerance of File 12"))
