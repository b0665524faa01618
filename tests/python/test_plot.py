"""The plots: each function on real coarse results and on synthetic data; `myorelease plot` on a
run, a comparison and a sweep. A plot passes when its file is a PNG, every axis label names a
unit ("[...]") and a colour bar is there wherever a field is coloured."""
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")
import myorelease as myo  # noqa: E402
from myorelease import plot  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
UNIT = re.compile(r"\[[^\]]+\]")


def labels(fig):
    """The y label and any x label of every visible, non-colour-bar axes (a categorical x axis,
    e.g. device names, has none)."""
    out = []
    for ax in fig.axes:
        if ax.get_visible() and not is_colorbar(ax):
            out += [ax.get_ylabel()] + ([ax.get_xlabel()] if ax.get_xlabel() else [])
    return out


def is_colorbar(ax):
    return getattr(ax, "_colorbar", None) is not None


def check(fig, path, colorbar):
    """fig has units on its axes and a colour bar if asked; written to path as a PNG."""
    assert fig is not None
    for label in labels(fig):
        assert UNIT.search(label), f"no unit in axis label {label!r}"
    bars = [ax for ax in fig.axes if is_colorbar(ax)]
    assert bool(bars) == colorbar, f"colour bars: {len(bars)}"
    for ax in bars:
        assert UNIT.search(ax.get_ylabel()), ax.get_ylabel()
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sphere_dir(tmp_path_factory):
    """Coarse sphere indentation (4 x 4 x 2 cells, 4 steps): 3D, contact, depth profile."""
    out = tmp_path_factory.mktemp("sphere")
    result = myo.run(SCENARIOS / "sphere_indentation.yaml", out=out, **{
        "mesh.cells_x": 4, "mesh.cells_y": 4, "mesh.layers[0].cells": 2, "time.steps": 4})
    assert result.completed
    return out


@pytest.fixture(scope="module")
def tone_dir(tmp_path_factory):
    """sitting_day (adaptive steps, a few seconds): toned muscle, no device."""
    out = tmp_path_factory.mktemp("sitting")
    assert myo.run(SCENARIOS / "sitting_day.yaml", out=out).completed
    return out


def synthetic_axisymmetric():
    """A 2 x 2 quad4 axisymmetric section (r, z) 10 mm cells, with every field plot reads."""
    r, z = np.meshgrid([0.0, 0.01, 0.02], [0.0, 0.01, 0.02])
    X = np.c_[r.ravel(), z.ravel(), np.zeros(9)]
    cells = np.array([[0, 1, 4, 3], [1, 2, 5, 4], [3, 4, 7, 6], [4, 5, 8, 7]])
    u = np.zeros((9, 3))
    u[6:, 1] = [-2e-3, -1e-3, 0.0]
    p = np.zeros((9, 1))
    p[6:, 0] = [40e3, 10e3, 0.0]
    E = np.zeros((4, 9))
    E[:, 4] = [-0.1, -0.02, -0.2, -0.05]
    fields = {"displacement": u, "contact_pressure": p, "von_mises_stress": np.arange(4.0)[:, None] * 1e3,
              "green_lagrange_strain": E, "tone": np.array([[0.01], [0.012], [np.nan], [0.011]]),
              "depth_profile_depth": np.linspace(0, 0.02, 5)[:, None],
              "depth_profile_compression": np.linspace(5e3, 1e3, 5)[:, None]}
    units = {"displacement": "m", "contact_pressure": "Pa", "von_mises_stress": "Pa",
             "green_lagrange_strain": "-", "tone": "-", "depth_profile_depth": "m",
             "depth_profile_compression": "Pa"}
    t = np.linspace(0, 1200, 5)
    history = {"time_s": t, "tone_mean_muscle": 0.01 - 1e-3 * np.sin(t / 400),
               "rest_shear_modulus_mean_muscle_Pa": 4000 + t, "injury_flag": 0 * t}
    return {"attributes": {"scenario": "name: synthetic\n"}, "coordinates": X, "topology": cells,
            "cell_type": "quad4_axisymmetric", "regions": {}, "node_sets": {"top": np.arange(6, 9)},
            "times": np.array([1.0]), "step": 0, "fields": fields, "field_units": units,
            "history": history, "history_units": {"time_s": "s", "tone_mean_muscle": "-",
                                                  "rest_shear_modulus_mean_muscle_Pa": "Pa",
                                                  "injury_flag": "-"}}


# ---------------------------------------------------------------- real coarse results

def test_fields_of_a_3d_run(sphere_dir, tmp_path):
    data = plot.read_result(sphere_dir)
    check(plot.plot_deformed(data), tmp_path / "d.png", colorbar=True)
    check(plot.plot_section(data), tmp_path / "s.png", colorbar=True)
    check(plot.plot_contact_pressure(data), tmp_path / "c.png", colorbar=True)
    check(plot.plot_depth_profile(data), tmp_path / "p.png", colorbar=False)
    check(plot.plot_history(data), tmp_path / "h.png", colorbar=False)
    check(plot.plot_force_displacement(data), tmp_path / "f.png", colorbar=False)


def test_section_cuts_through_the_device(sphere_dir):
    """The sphere touches at y = 20 mm: the cut lies there, one row of 4 x 2 cells, and the
    deformed section dips under the sphere (its top middle node is lower than its corners)."""
    data = plot.read_result(sphere_dir)
    polys, cells = plot.section_polygons(data)
    assert len(cells) == 4 * 2
    assert polys.shape == (8, 4, 2)
    assert polys[:, :, 1].max() == pytest.approx(20.0, abs=0.5)  # the top far from the sphere (mm)
    top_mid = polys[np.isclose(polys[:, :, 0], 20.0)][:, 1].max()
    assert top_mid < 20.0 - 2.0  # pushed 4 mm: the node under the sphere is well below


def test_depth_profile_is_ordered_down_the_axis(sphere_dir):
    from myorelease.plot.fields import axis_cells

    data = plot.read_result(sphere_dir)
    cells = axis_cells(data)
    z = data["coordinates"][data["topology"][cells], 2].mean(axis=1)
    assert len(cells) == 2 and np.all(np.diff(z) < 0)


def test_tone_plots_of_a_toned_run(tone_dir, tmp_path):
    data = plot.read_result(tone_dir)
    check(plot.plot_tone_history(data), tmp_path / "t.png", colorbar=False)
    steps = [plot.read_result(tone_dir, step=k) for k in (0, -1)]
    check(plot.plot_tone_map(steps), tmp_path / "m.png", colorbar=True)
    assert plot.plot_depth_profile(data) is None  # no device, no depth profile


def test_plot_dir_of_a_run(sphere_dir, tone_dir, tmp_path):
    names = {p.name for p in plot.plot_dir(sphere_dir, tmp_path / "a")}
    assert {"history.png", "deformed_von_mises.png", "section_von_mises.png", "contact_pressure.png",
            "depth_profile.png"} <= names
    assert "tone_history.png" not in names
    names = {p.name for p in plot.plot_dir(tone_dir, tmp_path / "b")}
    assert {"tone_history.png", "tone_map.png"} <= names
    assert "contact_pressure.png" not in names and "depth_profile.png" not in names


def test_cli_plots_a_grid_sweep(tmp_path, cli):
    out = tmp_path / "sweep"
    p = cli("sweep", SCENARIOS / "sweeps" / "block_stiffness.yaml", "--out", out, "--workers", "2")
    assert p.returncode == 0, p.stderr
    p = cli("plot", out)
    assert p.returncode == 0, p.stderr
    assert (out / "sweep_reaction_force_top_z_N.png").is_file()
    table, units = plot.read_sweep(out)
    assert units == {"materials.tissue.mu": (1e-3, "kPa"), "boundary[1].displacement.z": (1e3, "mm")}
    fig = plot.plot_sweep_heatmap(table, "reaction_force_top_z_N", units=units)
    check(fig, tmp_path / "h.png", colorbar=True)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["5", "10", "20"]
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["-2", "-6"]


# ---------------------------------------------------------------- synthetic data

def test_axisymmetric_fields(tmp_path):
    data = synthetic_axisymmetric()
    check(plot.plot_deformed(data), tmp_path / "d.png", colorbar=True)
    fig = plot.plot_contact_pressure(data)
    check(fig, tmp_path / "c.png", colorbar=False)
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [0.0, 10.0, 20.0] and list(line.get_ydata()) == [40.0, 10.0, 0.0]
    check(plot.plot_depth_profile(data), tmp_path / "p.png", colorbar=False)
    check(plot.plot_tone_map([data]), tmp_path / "m.png", colorbar=True)
    check(plot.plot_tone_history(data), tmp_path / "t.png", colorbar=False)


def test_compressive_strain():
    from myorelease.plot.fields import compressive_strain

    E = np.zeros((1, 9))
    E[0, 8] = 0.5 * (0.8 ** 2 - 1)  # stretch 0.8 along z
    assert compressive_strain(E) == pytest.approx([0.2])


def test_comparison_bars(tmp_path):
    table = pd.DataFrame({"peak_contact_pressure_kPa": [600.0, 20.0], "target_force_fraction": [0.6, 0.2]},
                         index=pd.Index(["hook_tip", "foam_roller"], name="variant"))
    fig = plot.plot_comparison(table)
    check(fig, tmp_path / "c.png", colorbar=False)
    assert [b.get_height() for b in fig.axes[0].patches] == [600.0, 20.0]


def test_sobol_bars(tmp_path):
    indices = pd.DataFrame({"output": ["f_N"] * 2, "parameter": ["a", "b"], "S1": [0.7, 0.2],
                            "ST": [0.75, 0.25], "S1_lo": [0.5, 0.0], "S1_hi": [0.9, 0.4],
                            "ST_lo": [0.6, 0.1], "ST_hi": [0.9, 0.4]})
    fig = plot.plot_sobol(indices)
    check(fig, tmp_path / "s.png", colorbar=False)
    heights = [b.get_height() for b in fig.axes[0].patches]
    assert heights == [0.7, 0.2, 0.75, 0.25]


def test_pelvis_stick_figure(tmp_path):
    before = {"pelvis": ((0.0, 0.95), (0.10, 0.97)), "femur": ((0.05, 0.90), (0.07, 0.48))}
    after = {"pelvis": ((0.0, 0.95), (0.10, 0.93)), "femur": ((0.05, 0.90), (0.09, 0.48))}
    fig = plot.plot_pelvis(before, after)
    check(fig, tmp_path / "p.png", colorbar=False)
    ax = fig.axes[0]
    assert len(ax.lines) == 4
    np.testing.assert_allclose(ax.lines[2].get_xydata(), [[0.0, 950.0], [100.0, 930.0]])  # mm
    from matplotlib.figure import Figure

    host = Figure().subplots()
    assert plot.plot_pelvis(before, after, ax=host) is host.figure


def test_cli_plot_of_a_comparison(tmp_path, cli):
    pd.DataFrame({"variant": ["a", "b"], "peak_contact_pressure_kPa": [1.0, 2.0]}).to_csv(
        tmp_path / "comparison.csv", index=False)
    p = cli("plot", tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "comparison.png").is_file()


def test_plot_dir_of_the_bridge_study(tmp_path):
    """A study with stages (the coarse bridge): its stages, one point per stage named by
    summary.json, and the hook run it chained plotted into release/."""
    out = tmp_path / "bridge"
    result = myo.run(SCENARIOS / "hip_hook_iliacus.yaml", out=out, **{
        "study.cells_x": 12, "study.cells_y": 4, "study.cells_per_layer": 1,
        "study.release_force": "5 N", "study.release_dt_max": "30 s"})
    assert result.completed, result.message
    data = plot.read_result(out)
    fig = plot.plot_stages(data, ["morning", "after_day", "end_of_hold", "without_hook", "after_rest",
                                  "after_run"])
    check(fig, tmp_path / "s.png", colorbar=False)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][:2] == ["morning", "after day"]
    written = {str(p.relative_to(tmp_path / "p")) for p in plot.plot_dir(out, tmp_path / "p")}
    assert {"stages.png", "history.png", "release/contact_pressure.png", "release/tone_map.png"} <= written
    assert "force_displacement.png" not in written  # a study has no mesh, no force-displacement
