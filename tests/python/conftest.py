"""Shared fixtures: a small block scenario (4 x 4 x 2 hex8, neo-Hookean, 15 % compression)."""
import subprocess
import sys
from pathlib import Path

import pytest

SMALL_BLOCK = """\
name: small_block
mesh:
  generator: layered_box
  size_x: 40 mm
  size_y: 40 mm
  cells_x: 4
  cells_y: 4
  layers:
    - {name: tissue, thickness: 20 mm, cells: 2}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}
formulation: q1p0
boundary:
  - {set: bottom, fix: [x, y, z]}
  - {set: top, displacement: {z: -3 mm}}
time: {end: 1 s, steps: 4}
solver: {linear: cholmod}
output: {reaction_sets: [top]}
"""

N_NODES, N_CELLS = 5 * 5 * 3, 4 * 4 * 2


@pytest.fixture
def block_text():
    return SMALL_BLOCK


@pytest.fixture
def block_file(tmp_path):
    path = tmp_path / "small_block.yaml"
    path.write_text(SMALL_BLOCK)
    return path


def run_cli(*args, cwd=None):
    """`python -m myorelease ARGS` with the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", "myorelease", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def cli():
    return run_cli
