"""Speed benchmarks (issue: robustness). Writes benchmarks/results.json and prints the figures.

* the whole specification set (both variants, every combination of the choices; goal <= 2 s), median of three
  runs, and its speed-up against the plain per-specification loop on a random sample run in the same process
  (the two must agree exactly on that sample); how many distinct specifications it holds;
* ``make all`` after install (``lepstudy data`` then ``lepstudy report`` into a temporary folder), then again with
  nothing changed, then after editing one rubric threshold, each over a floor
  measured in the same run: four trivial notebooks importing pandas, matplotlib, seaborn, statsmodels and scipy,
  executed two at a time with papermill and rendered without input (goal: make_all_over_floor <= 1.5), each with
  the time of its two commands and the CPU seconds both took (on 2 cores a wall time is at least half of them);
* the feedback model (fit both items, 4,000 posterior draws per LEP, rating probabilities, the count's
  distribution), median of five runs;
* the Jonckheere-Terpstra trend test: 38 LEPs in three groups (Monte Carlo) and the largest exact case
  tested (sizes 2, 5, 7: 72,072 distinct assignments), medians of five runs;
* the reconstruction from NCVO's published counts (bounds, the sweep of unpublished quantities, the tipping
  point under each reading);
* scale: ``lepstudy data`` on a sector feedback file of 10^6 respondents (resampled from the stand-in), its time
  and peak memory (goal: within 2 GB).
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

import numpy as np

from lepstudy.analysis import feedback_model, reconstruction, specification, stats
from lepstudy.analysis.engagement import assessment_table
from lepstudy.core.config import load_settings
from lepstudy.inputs import confidential
from lepstudy.inputs.study_files import reconstruction_config
from lepstudy.pipeline.study import load_rubric, load_specifications, load_study_inputs

LOOP_SAMPLE = 200


def specification_set(settings) -> tuple[dict, list]:
    """Time the whole specification set from the loaded inputs, as the pipeline runs it."""
    data = load_study_inputs(settings)

    def run():
        specs = load_specifications(settings, data.rubric)
        spec_inputs = specification.SpecificationInputs(data.rules, data.rubric, data.board,
                                                        sorted(data.reference["lep17_code"]), data.responses.frame,
                                                        data.feedback.frame, specs.seat_target,
                                                        specs.response_criterion)
        choices = specs.choices
        return spec_inputs, [specification.run_specification_curve(spec_inputs, choices, public)
                             for public in (True, False)]

    seconds = _median_seconds(run, repeats=3)
    spec_inputs, curves = run()
    full = curves[1]
    sample = full.table.sample(LOOP_SAMPLE, random_state=0)
    start = time.perf_counter()
    agree = True
    for _, row in sample.iterrows():
        plain = specification.reference_count(spec_inputs, full.choices, {c.name: row[c.name] for c in full.choices},
                                              False)
        agree &= (plain.point, plain.lower, plain.upper) == (row["count"], row["lower"], row["upper"])
    loop_per_spec = (time.perf_counter() - start) / LOOP_SAMPLE
    combinations = sum(c.n_combinations for c in curves)
    return {
        "specification_set_s": round(seconds, 3),
        "specification_combinations": combinations,
        "specification_distinct": sum(c.n_distinct for c in curves),
        "specification_speedup_vs_loop": round(loop_per_spec * combinations / seconds, 1),
        "specification_loop_agrees_exactly": bool(agree),
    }, curves


def main() -> None:
    settings = load_settings()
    feedback = confidential.load_sector_feedback(settings).frame
    assessment = assessment_table(confidential.load_lep_responses(settings).frame, feedback)
    rubric = load_rubric(settings.files["rubric"])
    spec_results, _ = specification_set(settings)
    agree = spec_results["specification_loop_agrees_exactly"]

    model_s = _median_seconds(lambda: feedback_model.feedback_model(assessment, feedback, rubric, 4000, 1))

    jt_38 = _median_seconds(lambda: stats.jonckheere_terpstra(_groups([13, 13, 12])))
    jt_exact = _median_seconds(lambda: stats.jonckheere_terpstra(_groups([2, 5, 7])))
    reconstruction_s = _median_seconds(lambda: _reconstruct(settings, rubric), repeats=1)
    scale_s, scale_mb = _scale_run(settings, 1_000_000)

    steps, floor_s, cpu = _make_all_and_floor(settings)
    make_all_s = steps["make_all_data"] + steps["make_all_report"]
    noop_s = steps["make_all_noop_data"] + steps["make_all_noop_report"]
    edit_s = steps["make_all_rubric_edit_data"] + steps["make_all_rubric_edit_report"]

    results = {
        **spec_results,
        "make_all_s": round(make_all_s, 1),
        "make_all_data_s": round(steps["make_all_data"], 1),        # lepstudy data: every table
        "make_all_report_s": round(steps["make_all_report"], 1),    # lepstudy report: notebooks, figures, pages
        "make_all_floor_s": round(floor_s, 1),
        "make_all_over_floor": round(make_all_s / floor_s, 2),
        "make_all_cpu_s": round(cpu["make_all"], 1),
        "make_all_noop_s": round(noop_s, 2),                         # again with nothing changed (goal <= 0.3x)
        "make_all_noop_over_floor": round(noop_s / floor_s, 2),
        "make_all_noop_cpu_s": round(cpu["make_all_noop"], 1),
        "make_all_rubric_edit_s": round(edit_s, 1),                  # after one rubric threshold (goal <= 1.5x)
        "make_all_rubric_edit_over_floor": round(edit_s / floor_s, 2),
        "make_all_rubric_edit_cpu_s": round(cpu["make_all_rubric_edit"], 1),
        "make_all_floor_cpu_s": round(cpu["floor"], 1),
        "feedback_model_s": round(model_s, 3),
        "trend_test_38_leps_3_groups_s": round(jt_38, 3),
        "trend_test_largest_exact_case_s": round(jt_exact, 3),
        "reconstruction_s": round(reconstruction_s, 2),
        "scale_1e6_feedback_rows_s": round(scale_s, 1),
        "scale_1e6_feedback_rows_peak_mb": round(scale_mb),
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    out = Path(__file__).resolve().parent / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    for key, value in results.items():
        print(f"{key:36} {value}")
    if not agree:
        raise SystemExit("the vectorised specification set and the plain loop disagree")


def _median_seconds(work, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def _groups(sizes: list[int]) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [rng.normal(0.3 * i, 1, n) for i, n in enumerate(sizes)]


def _scale_run(settings, rows: int) -> tuple[float, float]:
    """Time and peak memory (MB) of ``lepstudy data`` in a child process on a feedback file of ``rows`` rows."""
    import resource
    import subprocess
    import sys
    import tempfile

    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        feedback = pd.read_csv(settings.synthetic_dir / "sector_feedback.csv")
        big = feedback.sample(rows, replace=True, random_state=1).reset_index(drop=True)
        big["respondent_id"] = [f"R{i:07d}" for i in range(rows)]
        big.to_csv(Path(folder) / "sector_feedback.csv", index=False)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lepstudy.cli", "data", "--data-dir", folder], check=True,
                       capture_output=True)
        seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


TRIVIAL_NOTEBOOK = """# %%
import matplotlib.pyplot as plt
import pandas as pd
import scipy.stats
import seaborn as sns
import statsmodels.api as sm

# %%
frame = pd.DataFrame({"x": range(10), "y": range(10)})
sns.lineplot(data=frame, x="x", y="y")
plt.show()
"""


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of every child it has waited for (kernels included)."""
    import resource

    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def _make_all_and_floor(settings) -> tuple[dict[str, float], float, dict[str, float]]:
    """Seconds of each command of ``make all`` after install (data then report, as the Makefile runs them, outputs
    to a temporary folder) and of the floor: four trivial notebooks importing the same stack, executed two at a
    time with papermill and rendered without input; and the CPU seconds each took (on 2 cores, a wall time can
    be at best half its CPU time)."""
    import os
    import subprocess
    import sys
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    import jupytext
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    steps, cpu = {}, {}

    def make_all(env: dict, label: str, *extra: str) -> None:
        """``make all``'s two commands, timed apiece and in CPU seconds under ``label``."""
        cpu_start = _cpu_seconds()
        for command in ("data", "report"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lepstudy.cli", command, *extra], check=True, capture_output=True,
                           env=env)
            steps[f"{label}_{command}"] = time.perf_counter() - start
        cpu[label] = _cpu_seconds() - cpu_start

    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "LEPSTUDY_OUTPUT_DIR": folder}
        make_all(env, "make_all")                    # cold: an empty output folder
        make_all(env, "make_all_noop")               # again, nothing changed
        rubric = Path(folder) / "rubric.yaml"        # one threshold edited (a copy needs a name of its own)
        rubric.write_text(settings.files["rubric"].read_text(encoding="utf-8")
                          .replace("good_min_share: 0.6", "good_min_share: 0.65")
                          .replace("name: default", "name: good-from-65"), encoding="utf-8")
        make_all(env, "make_all_rubric_edit", "--rubric", str(rubric))

    def floor_notebook(path: Path) -> None:
        papermill.execute_notebook(str(path), str(path), kernel_name="python3", progress_bar=False)
        exporter = HTMLExporter(template_name="lab")
        exporter.exclude_input = True
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        path.with_suffix(".html").write_text(body)

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(4):
            notebook = jupytext.reads(TRIVIAL_NOTEBOOK, fmt="py:percent")
            notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            paths.append(Path(folder) / f"{i}.ipynb")
            nbformat.write(notebook, paths[-1])
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(floor_notebook, paths))
        floor = time.perf_counter() - start
        cpu["floor"] = _cpu_seconds() - cpu_start
    return steps, floor, cpu


def _reconstruct(settings, rubric) -> None:
    data = load_study_inputs(settings)
    reconstruction.reconstruction_tables(data.public, rubric, data.published,
                                         reconstruction_config(settings.files["reconstruction"]))


if __name__ == "__main__":
    main()
