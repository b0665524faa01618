"""myorelease.convergence: Richardson's estimate on exact power laws, the cell counts it refines,
and a small study on the axisymmetric Isogai set-up."""
import math
from pathlib import Path

import pytest

from myorelease import convergence

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("order", [1.0, 2.0, 1.5])
def test_richardson_recovers_a_power_law(order):
    # f(h) = f0 + C h^p on h = 1, 1/r, 1/r^2: the order is p and the error of the finest is
    # exactly |f(h3) - f0|.
    f0, C, r = 3.0, 0.8, 1.5
    values = [f0 + C * (r ** -k) ** order for k in range(3)]
    est = convergence.richardson("f", values, r)
    assert est.monotone
    assert est.order == pytest.approx(order, rel=1e-12)
    assert est.error == pytest.approx(abs(values[2] - f0), rel=1e-10)
    assert est.gci == pytest.approx(1.25 * est.error / values[2], rel=1e-12)


def test_richardson_claims_no_order_when_values_oscillate_or_diverge():
    for values in ([1.0, 2.0, 1.5], [1.0, 1.1, 1.3]):
        est = convergence.richardson("f", values, 2.0)
        assert not est.monotone
        assert math.isnan(est.order) and math.isnan(est.error)
    with pytest.raises(ValueError, match="ratio"):
        convergence.richardson("f", [1, 2, 3], 1.0)
    with pytest.raises(ValueError, match="three levels"):
        convergence.richardson("f", [1, 2], 2.0)


def test_every_cell_count_of_the_mesh_is_found_and_refined():
    cells = convergence.mesh_cell_keys(ROOT / "scenarios" / "isogai_compression.yaml")
    assert cells == {"mesh.cells_r": 24, "mesh.layers[0].cells": 10, "mesh.layers[1].cells": 8,
                     "mesh.layers[2].cells": 2}
    assert convergence.refined_overrides(cells, 1.5) == {
        "mesh.cells_r": 36, "mesh.layers[0].cells": 15, "mesh.layers[1].cells": 12,
        "mesh.layers[2].cells": 3}
    assert convergence.refined_overrides({"mesh.cells_x": 1}, 0.1) == {"mesh.cells_x": 1}
    with pytest.raises(ValueError, match="factor"):
        convergence.refined_overrides(cells, 0.0)


def test_refine_scales_only_the_keys_named(tmp_path):
    with pytest.raises(ValueError, match="mesh.cells_q"):
        convergence.mesh_convergence(ROOT / "scenarios" / "isogai_compression.yaml", ["probe_force_N"],
                                     refine=["mesh.cells_q"])
    levels, _ = convergence.mesh_convergence(
        ROOT / "scenarios" / "isogai_compression.yaml", ["probe_force_N"], factors=(0.5, 1.0),
        refine=["mesh.cells_r"], **{"contact[0].depth": "2 mm", "time.steps": 4})
    assert [level.overrides for level in levels] == [{"mesh.cells_r": 12}, {"mesh.cells_r": 24}]


def test_history_rows_are_read_at_the_times_reached():
    history = {"time_s": [0.5, 1.0, 1.0 + 1e-12, 2.0], "f": [1.0, 2.0, 3.0, 4.0], "g": [5, 6, 7, 8]}
    assert convergence.history_at(history, [1.0, 2.0, 3.0], ["f"]) == {1.0: {"f": 3.0}, 2.0: {"f": 4.0}}
    assert convergence.history_at(history, [], ["f", "g"]) == {}
    with pytest.raises(KeyError, match="h"):
        convergence.history_at(history, [1.0], ["f", "h"])


def test_a_study_on_the_probe_converges(tmp_path):
    # The Isogai probe at 10 mm, on meshes 0.5x, 1x, 2x: the force converges monotonically with a
    # positive order, and the finest mesh's estimated error is small. The force at half the depth
    # is read from each level's history (at_times) and estimated too (at 5 mm these meshes do not
    # converge: 1.011, 0.975, 0.933 N, no order claimed).
    levels, estimates = convergence.mesh_convergence(
        ROOT / "scenarios" / "isogai_compression.yaml", ["probe_force_N"], factors=(0.5, 1.0, 2.0),
        out=tmp_path, at_times=[0.5, 7.0], **{"contact[0].depth": "10 mm", "time.steps": 20})
    assert [level.completed for level in levels] == [True, True, True]
    assert levels[0].n_dofs < levels[1].n_dofs < levels[2].n_dofs
    assert (tmp_path / "level_2" / "result.h5").exists()
    assert all(list(level.at_times) == [0.5] for level in levels)  # 7 s is past the end
    half, force = estimates
    assert (half.time_s, force.time_s) == (0.5, None)
    assert force.monotone and force.order > 0.5, force
    assert force.gci < 0.05, force
    assert half.values == tuple(level.at_times[0.5]["probe_force_N"] for level in levels)
    assert all(0.0 < h < f for h, f in zip(half.values, force.values)), (half, force)
