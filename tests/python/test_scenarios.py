"""Every scenario in scenarios/ runs: validated, then run coarsely in memory.

Coarse settings come from COARSE (key path -> value); a scenario that needs none runs as it is.
A scenario file must open with its comment: what it shows, run time, the command that runs it.
"""
from pathlib import Path

import pytest

import myorelease as myo

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))

# Overrides that make a scenario quick without changing what it exercises.
COARSE = {
    "block_compression": {"time.steps": 4},
    "sphere_indentation": {"mesh.cells_x": 4, "mesh.cells_y": 4, "mesh.layers[0].cells": 2,
                           "time.steps": 8, "contact[0].quadrature": 2},
    "palevski_indentation": {"mesh.cells_r": 10, "mesh.layers[0].cells": 8},
    "graded_indentation": {"mesh.cells_r": 16, "mesh.layers[0].cells": 16},
    "device_comparison": {"mesh.cells_x": 8, "mesh.cells_y": 8, "time.steps": 2,
                          "contact[0].quadrature": 2},
    "release_ball": {"mesh.cells_r": 12, "mesh.layers[1].cells": 3, "mesh.layers[2].cells": 1,
                     "contact[0].device.cells": 6, "time.steps": 4},
    "stretch_vs_release": {"mesh.cells_x": 4, "mesh.cells_y": 4, "mesh.layers[0].cells": 2,
                           "time.steps": 55},
    "itband_roller": {"mesh.cells_x": 6, "mesh.cells_y": 4, "mesh.layers[0].cells": 2,
                      "mesh.layers[2].cells": 1, "time.dt_max": "30 s", "contact[0].quadrature": 2},
    "knot_release_hook": {"mesh.cells_x": 4, "mesh.cells_y": 4, "mesh.layers[0].cells": 2,
                          "mesh.layers[1].cells": 1, "time.dt_max": "30 s", "contact[0].quadrature": 2},
    "sitting_day": {"mesh.cells_x": 2, "mesh.cells_y": 1, "mesh.layers[0].cells": 1},
    "pelvic_tilt_tightness": {"study.points": 3},
    "hip_region_devices": {"mesh.cells_x": 8, "mesh.cells_y": 3, "mesh.cells_fat": 1, "mesh.cells_wall": 1,
                           "mesh.cells_viscera": 1, "mesh.cells_muscle": 1, "time.steps": 2,
                           "contact[0].force": "5 N"},
    "hip_hook_oblique": {"mesh.cells_x": 8, "mesh.cells_y": 3, "mesh.cells_fat": 1, "mesh.cells_wall": 1,
                         "mesh.cells_viscera": 1, "mesh.cells_muscle": 1, "contact[0].force": "2 N",
                         "time.end": "2 s", "time.dt_max": "1 s", "time.steps": 2,
                         "output.times": "[2 s]"},
    "hip_hook_iliacus": {"study.cells_x": 12, "study.cells_y": 4, "study.cells_per_layer": 1,
                         "study.release_force": "5 N", "study.release_dt_max": "30 s"},
}


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_opens_with_its_comment(path):
    head = path.read_text().splitlines()[:8]
    assert head and head[0].startswith("#"), f"{path.name} must open with a comment"
    assert any("Run" in line and "myorelease run" in line for line in head), \
        f"{path.name}: the opening comment names the command that runs it"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_runs_coarsely(path):
    scenario = myo.load(path)
    result = myo.run(scenario, **COARSE.get(scenario.name, {}))
    assert result.completed, result.message
    assert len(result.history) >= 1
    assert result.summary["steps"] >= 1


def _variants():
    out = []
    for path in SCENARIOS:
        scenario = myo.load(path)
        out += [(path, name) for name in scenario._core.variant_names()]
    return out


@pytest.mark.parametrize("path,variant", _variants(), ids=[f"{p.stem}-{v}" for p, v in _variants()])
def test_every_variant_runs_coarsely(path, variant):
    base = myo.load(path)
    scenario = myo.Scenario(base._core.variant(variant))
    result = myo.run(scenario, **COARSE.get(base.name, {}))
    assert result.completed, result.message
    assert result.summary["steps"] >= 1


def test_contact_scenario_writes_a_summary_with_the_indenter_keys(tmp_path):
    path = Path(__file__).resolve().parents[2] / "scenarios" / "sphere_indentation.yaml"
    result = myo.run(myo.load(path), out=tmp_path, **COARSE["sphere_indentation"])
    import json
    summary = json.loads((tmp_path / "summary.json").read_text())
    for key in ("indenter_force_N", "indentation_depth_mm", "peak_contact_pressure_kPa", "contact_area_mm2"):
        assert key in summary
    assert summary["indenter_force_N"] == result.summary["indenter_force_N"] > 0


def test_hip_hook_oblique_carries_body_weight_on_a_coarse_mesh():
    """Issue 15: the hook pressed along its line under the brim reaches 150 N in equilibrium and
    holds it 90 s (the damping under 1 % of the load: 0.66 % measured), on a coarse mesh, in the
    scenario's own time steps, with no cell turned inside out (with the neo-Hookean skin_in_vivo
    the skin ahead of the tip folded flat and the hold failed at 5.5 s)."""
    path = Path(__file__).resolve().parents[2] / "scenarios" / "hip_hook_oblique.yaml"
    result = myo.run(myo.load(path), **{"mesh.cells_x": 16, "mesh.cells_y": 8, "mesh.cells_fat": 2,
                                        "mesh.cells_wall": 1, "mesh.cells_viscera": 1, "mesh.cells_muscle": 1})
    assert result.completed, result.message
    assert result.summary["end_time_s"] == pytest.approx(95.0, abs=1e-9)
    assert result.summary["indenter_force_N"] >= 150.0 * (1 - 1e-9)
    assert result.summary["stabilization_peak_force_share"] < 0.01
    assert result.summary["tangled_cells"] == 0
    assert result.summary["target_force_fraction"] > 0.5  # most of it reaches the iliacus
