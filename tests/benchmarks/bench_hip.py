"""Benchmark (reported, never asserted): the demo's hook release run on the hip region (issue 13).

Runs the bridge (scenarios/hip_hook_iliacus.yaml, the default `make demo`) and reports its finite-
element link, the hook pressed along its line under the pelvic brim (hip_hook_oblique.yaml's press)
to 120 N under force control and held 60 s on the hip region (`release/summary.json`): DOFs, steps,
Newton iterations per step, factorizations by reason, time per phase and total / floor (floor =
Newton iterations x (one factorization + one assembly)), as the C++ benchmarks print them
(bench_report.hpp). The scenario's own mesh: --set study.cells_x=32 --set study.cells_y=20.

usage: python tests/benchmarks/bench_hip.py [--threads 1 2] [--set KEY=VALUE ...] [--out build/bench]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("bench_hip")

REASONS = ["factorizations_newton", "factorizations_predictor", "factorizations_bfgs",
           "factorizations_shift_retry", "factorizations_ldlt_fallback"]


def run_release(threads: int, sets: list[str], out: Path) -> dict:
    """The bridge on `threads` OpenMP threads; the release run's summary."""
    target = out / f"hip_release_{threads}"
    cmd = [sys.executable, "-m", "myorelease", "-q", "run", str(ROOT / "scenarios" / "hip_hook_iliacus.yaml"),
           "--out", str(target)]
    for s in sets:
        cmd += ["--set", s]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    subprocess.run(cmd, check=False, env=env)
    return json.loads((target / "release" / "summary.json").read_text())


def row(threads: int, s: dict) -> str:
    its, facts = s["newton_iterations"], s["factorizations"]
    one_fact = s["factorization_time_s"] / facts if facts else 0.0
    one_asm = (s["assembly_time_s"] + s["contact_time_s"]) / its if its else 0.0
    floor = its * (one_fact + one_asm)
    reasons = " / ".join(f"{s.get(k, 0):.0f}" for k in REASONS)
    cells = [threads, int(s["n_dofs"]), int(s["steps"]), int(its), int(s.get("reuse_iterations", 0)),
             its / max(1, s["steps"]), int(s["cutbacks"]),
             int(facts), reasons, s["assembly_time_s"], s["contact_time_s"], s["factorization_time_s"],
             s["solve_time_s"], s["output_time_s"], s["wall_time_s"], s["wall_time_s"] / floor if floor else 0.0]
    text = [f"{c:.2f}" if isinstance(c, float) else str(c) for c in cells]
    return "| " + " | ".join(text) + f" | {s.get('indenter_force_N', s.get('hook_force_N', 0.0)):.4f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[2])
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE passed to the bridge")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    print("| threads | dofs | steps | Newton its | on old factors | its / step | cutbacks | factorizations | by reason: newton / "
          "predictor / bfgs / shift retry / ldlt | assembly s | contact s | factorization s | solve s | output s | "
          "total s | total / floor | force N |")
    print("|---" * 17 + "|")
    for threads in args.threads:
        print(row(threads, run_release(threads, args.set, args.out)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
