"""Mesh convergence of the device figures on the hip region (issue 15, reported, never asserted).

Runs a hip-region scenario at three resolutions, every cell count of its `mesh:` scaled by
0.5, 0.707 and 1 (a constant ratio of sqrt 2 in h, up to the rounding of the cell counts; the
finest is the scenario's own mesh, so the error estimated is that of the figure it reports), and
prints, per contact figure, the three values, Richardson's observed order, the estimated error of
the finest value and its GCI (myorelease.convergence; Roache 1994). Keys whose values oscillate get
no order: they are reported as not converged.

usage: python tests/benchmarks/hip_mesh_convergence.py [--scenario scenarios/hip_hook_oblique.yaml]
           [--set KEY=VALUE ...] [--factors 0.5 0.7071 1] [--out build/convergence/hook]

hip_hook_oblique.yaml lets 150 N on in 5 s and holds it 90 s; for the figures at a force without the
hold: --set time.end="5 s" --set time.steps=40 --set 'output.times=[5 s]' (the same nominal step).
The README's study (Anatomy, 2026-12-07) refined across the layers only and read every force of the
table: --refine mesh.cells_x mesh.cells_y --at-times 1 2 3 4 5 (its finest level is the full run's
history). Its earlier study (depth control to 30 mm) ran the scenario's former version (git 36a9f86).
"""
from __future__ import annotations

import argparse
import json
import logging
import math
from pathlib import Path

import yaml

from myorelease import convergence

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["device_force_N", "device_peak_pressure_kPa", "device_mean_pressure_kPa", "device_contact_area_mm2",
        "target_mean_compressive_stress_kPa", "target_force_fraction"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "hip_hook_oblique.yaml")
    parser.add_argument("--set", action="append", default=[], help="KEY=VALUE overrides (YAML values)")
    parser.add_argument("--factors", type=float, nargs=3, default=[0.5, math.sqrt(0.5), 1.0])
    parser.add_argument("--keys", nargs="+", default=KEYS)
    parser.add_argument("--at-times", type=float, nargs="*", default=[], help="history times (s)")
    parser.add_argument("--refine", nargs="+", default=None,
                        help="cell-count keys to scale (default: every one), e.g. mesh.cells_x mesh.cells_y")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "convergence" / "hip")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides = {}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = yaml.safe_load(value)
    levels, estimates = convergence.mesh_convergence(args.scenario, args.keys, factors=args.factors,
                                                     out=args.out, at_times=args.at_times,
                                                     refine=args.refine, **overrides)
    print(f"\n{args.scenario.name} {' '.join(args.set)}")
    print("| level | factor | DOFs | wall (s) | completed | " + " | ".join(args.keys) + " |")
    for i, level in enumerate(levels):
        values = " | ".join(f"{level.values[k]:.4g}" for k in args.keys)
        print(f"| {i} | {level.factor:.3g} | {level.n_dofs} | {level.wall_time_s:.0f} | {level.completed} | {values} |")
    print("\n| at | key | coarse, medium, fine | order | error of the finest | GCI |")
    for e in estimates:
        vals = ", ".join(f"{v:.4g}" for v in e.values)
        at = "end" if e.time_s is None else f"{e.time_s:g} s"
        if e.monotone:
            print(f"| {at} | {e.key} | {vals} | {e.order:.2f} | {e.error:.3g} | {100 * e.gci:.1f} % |")
        else:
            print(f"| {at} | {e.key} | {vals} | not monotone | - | - |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "convergence.json").write_text(json.dumps(
        {"levels": [vars(level) for level in levels], "estimates": [vars(e) for e in estimates]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
