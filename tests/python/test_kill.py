"""A run killed at any moment (SIGKILL, the harshest stop) leaves a readable result.h5 holding the
steps written so far and a summary.json that says the run did not finish.

The run writes every step of a mesh large enough that writing takes a good share of its time, and
the kills land at random moments across it (seeded), so that several fall inside a write.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time

import h5py
import pytest

from myorelease.plot import read_result

KILL_BLOCK = """\
name: kill_block
mesh:
  generator: layered_box
  size_x: 40 mm
  size_y: 40 mm
  cells_x: 10
  cells_y: 10
  layers:
    - {name: tissue, thickness: 20 mm, cells: 5}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 1 MPa}
boundary:
  - {set: bottom, fix: [x, y, z]}
  - {set: top, displacement: {z: -4 mm}}
time: {end: 1 s, steps: 60}
output: {reaction_sets: [top]}
"""


def _start(scenario, out):
    return subprocess.Popen([sys.executable, "-m", "myorelease", "run", str(scenario), "--out", str(out), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})


def test_a_run_killed_at_random_moments_leaves_readable_results(tmp_path):
    scenario = tmp_path / "kill_block.yaml"
    scenario.write_text(KILL_BLOCK)
    # How long a whole run takes here, so that the kills spread over it.
    t0 = time.monotonic()
    full = _start(scenario, tmp_path / "full")
    assert full.wait(timeout=600) == 0
    duration = time.monotonic() - t0
    rng = random.Random(12)
    killed = 0
    for k in range(8):
        out = tmp_path / f"kill{k}"
        p = _start(scenario, out)
        time.sleep(rng.uniform(0.3, 0.95) * duration)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        if p.returncode != -signal.SIGKILL:
            continue  # finished before the kill
        killed += 1
        if not (out / "result.h5").exists():
            continue  # killed before the file was opened: nothing to read, nothing broken
        summary = json.loads((out / "summary.json").read_text())
        assert summary["completed"] == 0, summary
        assert "not finished" in summary["message"]
        with h5py.File(out / "result.h5", "r", locking=False) as f:
            assert "mesh" in f
        data = read_result(out)
        assert data["coordinates"].shape[0] == 11 * 11 * 6
        if len(data["times"]):
            assert data["fields"]["displacement"].shape[0] == 11 * 11 * 6
    assert killed >= 4, f"only {killed} of 8 runs were still going when killed"
