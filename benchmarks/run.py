"""Speed benchmarks (issue: robustness). Writes benchmarks/results.json and prints the figures.

* multiverse throughput over all LEPs, full variant, whole grid (variants per second);
* speed-up against the straightforward per-variant pandas implementation on a subset, run in the
  same process (the two must agree exactly on that subset);
* peak memory of the multiverse run (tracemalloc, numpy allocations included);
* time for 10,000 bootstrap resamples.
"""

from __future__ import annotations

import json
import platform
import time
import tracemalloc
from pathlib import Path

import numpy as np

from lepstudy import bootstrap, inputs, sensitivity
from lepstudy.config import load_settings
from lepstudy.scoring.engagement import assessment_table, load_rubric

LOOP_SUBSET = 200


def main() -> None:
    settings = load_settings()
    feedback = inputs.load_sector_feedback(settings).frame
    assessment = assessment_table(inputs.load_lep_responses(settings).frame, feedback)
    rubric = load_rubric(settings.files["rubric"])
    grid = sensitivity.load_grid(settings.root / "config" / "multiverse.yaml")
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

    results = {
        "multiverse_variants_per_s": round(rate),
        "multiverse_n_variants": grid.n_variants,
        "multiverse_whole_grid_s": round(whole_grid_s, 3),
        "multiverse_speedup_vs_loop": round(rate / loop_rate, 1),
        "multiverse_loop_variants_per_s": round(loop_rate, 1),
        "multiverse_loop_agrees_exactly": agree,
        "multiverse_peak_mb": round(peak / 2**20, 1),
        "bootstrap_10k_s": round(boot_s, 3),
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    out = Path(__file__).resolve().parent / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    for key, value in results.items():
        print(f"{key:34} {value}")
    if not agree:
        raise SystemExit("vectorised and loop implementations disagree")


if __name__ == "__main__":
    main()
