"""Speed benchmarks (issue: robustness). Writes benchmarks/results.json and prints the figures.

* multiverse throughput over all LEPs, full variant, whole grid (variants per second);
* speed-up against the straightforward per-variant pandas implementation on a subset, run in the
  same process (the two must agree exactly on that subset);
* peak memory of the multiverse run (tracemalloc, numpy allocations included);
* time for 10,000 bootstrap resamples;
* the Jonckheere-Terpstra trend test: 38 LEPs in three groups (Monte Carlo) and the largest exact case
  tested (sizes 2, 5, 7: 72,072 distinct assignments), medians of five runs;
* the reconstruction from NCVO's published counts (bounds, tipping point, 200 sampled structures);
* scale: ``lepstudy data`` on a sector feedback file of 10^6 respondents (resampled from the stand-in), its time
  and peak memory (goal: within 2 GB).
"""

from __future__ import annotations

import json
import platform
import time
import tracemalloc
from pathlib import Path

import numpy as np

from lepstudy import bootstrap, inputs, sensitivity, stats
from lepstudy.config import load_settings
from lepstudy.scoring.engagement import assessment_table, load_rubric

LOOP_SUBSET = 200


def main() -> None:
    settings = load_settings()
    feedback = inputs.load_sector_feedback(settings).frame
    assessment = assessment_table(inputs.load_lep_responses(settings).frame, feedback)
    rubric = load_rubric(settings.files["rubric"])
    grid = sensitivity.load_grid(settings.files["multiverse"])
    leps = sensitivity.lep_arrays(assessment, public_only=False)

    start = time.perf_counter()
    sensitivity.run_multiverse(leps, grid, public_only=False)
    whole_grid_s = time.perf_counter() - start
    subset = np.sort(np.random.default_rng(0).choice(grid.n_variants, LOOP_SUBSET, replace=False))
    vectorised = sensitivity.evaluate(leps, grid, False, indices=subset)
    rate = grid.n_variants / whole_grid_s

    tracemalloc.start()
    sensitivity.run_multiverse(leps, grid, public_only=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    start = time.perf_counter()
    loop = np.array([sensitivity.reference_share(assessment, rubric, grid, int(i), False) for i in subset])
    loop_rate = LOOP_SUBSET / (time.perf_counter() - start)
    agree = bool(np.array_equal(vectorised, loop, equal_nan=True))

    start = time.perf_counter()
    bootstrap.bootstrap_share(assessment, feedback, rubric, n_boot=10_000, seed=1)
    boot_s = time.perf_counter() - start

    jt_38 = _median_seconds(lambda: stats.jonckheere_terpstra(_groups([13, 13, 12])))
    jt_exact = _median_seconds(lambda: stats.jonckheere_terpstra(_groups([2, 5, 7])))
    reconstruction_s = _median_seconds(lambda: _reconstruct(settings, rubric), repeats=1)
    scale_s, scale_mb = _scale_run(settings, 1_000_000)

    results = {
        "multiverse_variants_per_s": round(rate),
        "multiverse_n_variants": grid.n_variants,
        "multiverse_whole_grid_s": round(whole_grid_s, 3),
        "multiverse_speedup_vs_loop": round(rate / loop_rate, 1),
        "multiverse_loop_variants_per_s": round(loop_rate, 1),
        "multiverse_loop_agrees_exactly": agree,
        "multiverse_peak_mb": round(peak / 2**20, 1),
        "bootstrap_10k_s": round(boot_s, 3),
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
        print(f"{key:34} {value}")
    if not agree:
        raise SystemExit("vectorised and loop implementations disagree")


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


def _reconstruct(settings, rubric) -> None:
    from lepstudy import evidence, reconstruction, sources
    from lepstudy.reference import load_reference

    codes = sorted(load_reference(settings.files["lep_reference"])["lep17_code"])
    reconstruction.reconstruction_tables(evidence.public_board_evidence(settings, codes), rubric,
                                         sources.load_published_figures(settings.raw_dir),
                                         reconstruction.load_spec(settings.files["reconstruction"]), seed=1)


if __name__ == "__main__":
    main()
