"""Peer problems A and B, myorelease beside CalculiX and FEniCSx in the same session (`make bench`).

Each configuration runs once, one after another, with OMP_NUM_THREADS=2 (the peers' README
settings: OpenBLAS for FEniCSx, CCX_NPROC_* = 2 for CalculiX); the table gives wall times, Newton
iterations, the answer and the ratio peer / ours. A peer that is not installed (Debian's
calculix-ccx, python3-dolfinx) is reported as such; the project's runs still print.

usage: python tests/benchmarks/compare_peers.py [--sizes 16 24] [--problems A B]
           [--peers ../shared/reference/peers] [--out build/bench]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("compare_peers")


@dataclass
class Run:
    """One solver's run of one problem at one size."""
    solver: str
    wall_s: float
    newton_iterations: int
    answer_N: float
    note: str = ""


def threads_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS="2", OPENBLAS_NUM_THREADS="2")
    env.update(extra or {})
    return env


def run_ours(problem: str, n: int, out: Path) -> Run:
    """The project's CLI on the scenario of the problem; its summary.json gives the figures."""
    scenario = ROOT / "scenarios" / ("block_compression.yaml" if problem == "A" else "sphere_indentation.yaml")
    target = out / f"ours_{problem}_{n}"
    sets = [f"mesh.cells_x={n}", f"mesh.cells_y={n}", f"mesh.layers[0].cells={n // 2}"]
    cmd = [sys.executable, "-m", "myorelease", "-q", "run", str(scenario), "--out", str(target)]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True, env=threads_env())
    summary = json.loads((target / "summary.json").read_text())
    answer = -summary["reaction_force_top_z_N"] if problem == "A" else summary["indenter_force_N"]
    return Run("myorelease Q1/P0", summary["wall_time_s"], int(summary["newton_iterations"]), answer,
               f"{int(summary['factorizations'])} factorizations")


def run_peer(script: str, args: list[str], label: str, peers: Path, env: dict[str, str]) -> Run | None:
    """A peer script of shared/reference/peers under Debian's Python; None if it cannot run."""
    python = Path("/usr/bin/python3")
    if not python.exists() or not (peers / script).exists():
        return None
    p = subprocess.run([str(python), str(peers / script), *args], capture_output=True, text=True,
                       env=threads_env(env), cwd=peers)
    lines = [line for line in p.stdout.splitlines() if line.startswith("{")]
    if p.returncode != 0 or not lines:
        log.warning("%s %s: %s", script, " ".join(args), (p.stderr or p.stdout).strip().splitlines()[-1:])
        return None
    r = json.loads(lines[-1])
    answer = r.get("reaction_force_N")
    if answer is None and r.get("force_history"):
        answer = r["force_history"][-1][1]
    return Run(label, float(r["wall_s"]), int(r.get("newton_iterations_total", 0)), float(answer or 0.0))


def peers_of(problem: str, n: int, peers: Path) -> list[Run]:
    openblas = {"LD_LIBRARY_PATH": "/usr/lib/x86_64-linux-gnu/openblas-pthread"}
    dolfinx = "dolfinx_block.py" if problem == "A" else "dolfinx_indent.py"
    ccx = "ccx_block.py" if problem == "A" else "ccx_indent.py"
    runs = []
    if shutil.which("ccx") is None:
        log.warning("CalculiX (Debian's calculix-ccx) is not installed: its column is left out")
    else:
        runs.append(run_peer(ccx, [str(n)], "CalculiX C3D8 (locks: another answer)", peers, {}))
    runs.append(run_peer(dolfinx, [str(n), "--form", "q1p0"], "FEniCSx Q1/P0", peers, openblas))
    return [r for r in runs if r is not None]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[16, 24])
    ap.add_argument("--problems", nargs="+", default=["A", "B"], choices=["A", "B"])
    ap.add_argument("--peers", type=Path, default=ROOT.parent / "shared" / "reference" / "peers")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    a = ap.parse_args()
    a.peers = a.peers.resolve()  # the peer scripts run with their own folder as working directory
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    a.out.mkdir(parents=True, exist_ok=True)
    print("| problem | N | solver | wall s | Newton its | answer N | peer / ours (wall) | note |")
    print("|---|---|---|---|---|---|---|---|")
    for problem in a.problems:
        for n in a.sizes:
            ours = run_ours(problem, n, a.out)
            print(f"| {problem} | {n} | {ours.solver} | {ours.wall_s:.2f} | {ours.newton_iterations} | "
                  f"{ours.answer_N:.6f} | 1 | {ours.note} |", flush=True)
            for peer in peers_of(problem, n, a.peers):
                print(f"| {problem} | {n} | {peer.solver} | {peer.wall_s:.2f} | {peer.newton_iterations} | "
                      f"{peer.answer_N:.6f} | {peer.wall_s / ours.wall_s:.2f} | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
