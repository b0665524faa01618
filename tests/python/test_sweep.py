"""Sweeps: designs, storage, resume, failures, interruption, Dask, the CLI.

The runs are the small block of conftest (4 x 4 x 2 cells, 4 steps, about 0.05 s each).
"""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import myorelease as myo
from myorelease.sweep import SweepInterrupted, load_sweep_file, sweep_points

ROOT = Path(__file__).resolve().parents[2]
SWEEP_FILES = sorted((ROOT / "scenarios" / "sweeps").glob("*.yaml"))
MU, Z = "materials.tissue.mu", "boundary[1].displacement.z"
OUTPUTS = ["reaction_force_top_z_N", "max_displacement_mm"]


def point_files(out):
    return sorted((Path(out) / "points").glob("*/point.json"))


class Counter:
    """on_point callback counting the points that ran (finished now, not resumed)."""

    def __init__(self, stop_after=None):
        self.rows, self.stop_after = [], stop_after

    def __call__(self, row):
        self.rows.append(row)
        if self.stop_after is not None and len(self.rows) >= self.stop_after:
            raise KeyboardInterrupt


# ---------------------------------------------------------------------------- designs

def test_grid_is_the_full_factorial_and_zip_pairs():
    grid = sweep_points({MU: ["5 kPa", "10 kPa", "20 kPa"], Z: ["-1 mm", "-3 mm"]})
    assert len(grid) == 6
    assert sorted(set(grid[MU])) == [5000.0, 10000.0, 20000.0]   # SI values in the table
    assert sorted(set(grid[Z])) == [-0.003, -0.001]
    zipped = sweep_points({MU: ["5 kPa", "10 kPa", 20000], Z: ["-1 mm", "-2 mm", "-3 mm"]}, "zip")
    assert zipped[MU].tolist() == [5000.0, 10000.0, 20000.0]
    assert zipped[Z].tolist() == [-0.001, -0.002, -0.003]


def test_any_dimension_the_core_parses_is_a_quantity():
    """Units of any dimension (the body-mass index in kg/m^2, a stiffness in N/mm) reach the table
    as SI numbers, and bounds of a continuous design are read the same way."""
    grid = sweep_points({"mesh.bmi": ["20 kg/m^2", "30 kg/m^2"], "k": ["2 N/mm"]})
    assert sorted(grid["mesh.bmi"]) == [20.0, 30.0]
    assert grid["k"].tolist() == [2000.0, 2000.0]
    lhs = sweep_points({"mesh.bmi": ["20 kg/m^2", "30 kg/m^2"]}, "lhs", samples=8, seed=1)
    assert lhs["mesh.bmi"].between(20.0, 30.0).all()


def test_continuous_designs_have_their_size_stay_in_bounds_and_repeat_with_the_seed():
    bounds = {MU: ["5 kPa", "20 kPa"], Z: ["-4 mm", "-1 mm"]}
    for method, n, rows in (("lhs", 10, 10), ("sobol", 8, 8), ("saltelli", 8, 8 * (2 + 2))):
        a = sweep_points(bounds, method, n, seed=3)
        assert len(a) == rows, method
        pd.testing.assert_frame_equal(a, sweep_points(bounds, method, n, seed=3))
        assert not a[MU].equals(sweep_points(bounds, method, n, seed=4)[MU]), method
        assert a[MU].between(5000, 20000).all() and a[Z].between(-0.004, -0.001).all(), method
    # Latin hypercube: one sample in each of the n equal slices of every parameter
    lhs = sweep_points(bounds, "lhs", 10, seed=1)
    assert sorted(np.floor((lhs[MU] - 5000) / 1500).astype(int)) == list(range(10))
    # integer bounds give whole numbers
    cells = sweep_points({"mesh.cells_x": [2, 5]}, "lhs", 8, seed=1)["mesh.cells_x"]
    assert set(cells) <= {2.0, 3.0, 4.0, 5.0} and len(set(cells)) > 1


@pytest.mark.parametrize("kwargs, words", [
    ({"grid": {MU: ["5 kPa"], Z: ["-1 mm", "-2 mm"]}, "method": "zip"}, [MU, Z, "one length"]),
    ({"grid": {MU: ["5 kPa", "20 kPa"]}, "method": "latin"}, ["method", "latin"]),
    ({"grid": {MU: "5 kPa"}}, [MU, "5 kPa"]),
    ({"grid": {MU: ["20 kPa", "5 kPa"]}, "method": "lhs", "samples": 4}, [MU, "20 kPa", "5 kPa"]),
    ({"grid": {MU: ["5 kPa", "3 mm"]}, "method": "lhs", "samples": 4}, [MU, "3 mm"]),
    ({"grid": {MU: ["5 kPa", "20 kPa"]}, "method": "lhs", "samples": 0}, ["samples", "0"]),
    ({"grid": {"materials.tissue.muu": ["5 kPa"]}}, ["materials.tissue.muu", "unknown key"]),
    ({"grid": {MU: ["5 kPa", "-5 kPa"]}}, [MU, "-5000 Pa", "out of range"]),
    ({"grid": {MU: ["5 kPa", "5 mm"]}}, [MU, "5 mm"]),
    ({"grid": {MU: ["5 kPa"]}, "overrides": {"mesh.cells_x": -1}}, ["mesh.cells_x", "-1"]),
])
def test_bad_input_names_the_key_and_the_value_and_runs_nothing(block_text, tmp_path, kwargs, words):
    with pytest.raises(myo.ScenarioError) as info:
        myo.sweep(block_text, out=tmp_path / "out", progress=False, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)
    assert not point_files(tmp_path / "out")


def test_an_unknown_output_key_is_named(block_text, tmp_path):
    with pytest.raises(myo.ScenarioError, match=r"outputs: 'reaction_N' is not a summary key"):
        myo.sweep(block_text, {MU: ["5 kPa"]}, outputs=["reaction_N"], out=tmp_path, progress=False)


# ---------------------------------------------------------------------------- running

def test_sweep_runs_each_point_and_stores_it(block_text, tmp_path):
    out = tmp_path / "out"
    table = myo.sweep(block_text, {MU: ["10 kPa", "20 kPa"], Z: ["-1 mm", "-3 mm"]}, out=out,
                      workers=2, progress=False)
    assert len(table) == 4 and (table["status"] == "ok").all()
    assert table["error"].isna().all()
    assert list(table.index) == [0, 1, 2, 3]
    # the same value as a direct run with the same overrides
    direct = myo.run(block_text, **{MU: "20 kPa", Z: "-3 mm"}).summary["reaction_force_top_z_N"]
    row = table[(table[MU] == 20000.0) & (table[Z] == -0.003)].iloc[0]
    assert row["reaction_force_top_z_N"] == pytest.approx(direct, rel=1e-12)
    # stiffer and deeper pushes harder
    f = table.set_index([MU, Z])["reaction_force_top_z_N"]
    assert f[(20000.0, -0.003)] < f[(10000.0, -0.003)] < f[(10000.0, -0.001)] < 0
    # files: each point's run and record, the table, the resolved sweep
    for _, row in table.iterrows():
        directory = out / "points" / row["point_id"]
        for name in ("result.h5", "result.xdmf", "summary.json", "scenario.resolved.yaml", "point.json"):
            assert (directory / name).is_file(), name
        record = json.loads((directory / "point.json").read_text())
        assert record["status"] == "ok" and record["overrides"][MU] in ("10 kPa", "20 kPa")
        assert record["summary"]["reaction_force_top_z_N"] == row["reaction_force_top_z_N"]
    csv = pd.read_csv(out / "sweep.csv", index_col="point")
    np.testing.assert_allclose(csv["reaction_force_top_z_N"], table["reaction_force_top_z_N"], rtol=1e-12)
    resolved = yaml.safe_load((out / "sweep.resolved.yaml").read_text())
    assert resolved["given"] == {MU: ["10 kPa", "20 kPa"], Z: ["-1 mm", "-3 mm"]}
    assert resolved["points"] == 4 and "small_block" in resolved["scenario_resolved"]
    pytest.importorskip("pyarrow")
    assert len(pd.read_parquet(out / "sweep.parquet")) == 4


def test_rerun_skips_finished_points(block_text, tmp_path, capsys):
    out = tmp_path / "out"
    first = Counter()
    myo.sweep(block_text, {MU: ["5 kPa", "10 kPa", "20 kPa"]}, out=out, progress=True, on_point=first)
    assert len(first.rows) == 3
    assert "3/3" in capsys.readouterr().err   # the progress bar, when asked for
    again = Counter()
    table = myo.sweep(block_text, {MU: ["5 kPa", "10 kPa", "20 kPa", "40 kPa"]}, out=out, progress=False,
                      on_point=again)
    assert len(again.rows) == 1 and again.rows[0][MU] == 40000.0
    assert len(table) == 4 and (table["status"] == "ok").all()
    # a changed base scenario is another sweep: nothing is reused
    changed = Counter()
    myo.sweep(block_text, {MU: ["5 kPa"]}, overrides={"time.steps": 3}, out=out, progress=False,
              on_point=changed)
    assert len(changed.rows) == 1
    rerun = Counter()
    myo.sweep(block_text, {MU: ["5 kPa", "10 kPa"]}, out=out, resume=False, progress=False, on_point=rerun)
    assert len(rerun.rows) == 2


def test_a_failed_point_is_recorded_and_the_others_finish(block_text, tmp_path):
    out = tmp_path / "out"
    # one Newton iteration and no cutback: the second point cannot converge
    table = myo.sweep(block_text, {MU: ["5 kPa", "10 kPa", "20 kPa"], "solver.max_iterations": [25, 1, 25]},
                      method="zip", overrides={"time.dt_min": "0.25 s"}, out=out, workers=2,
                      outputs=OUTPUTS, progress=False)
    assert table["status"].tolist() == ["ok", "failed", "ok"]
    assert "no convergence" in table.loc[1, "error"]
    assert np.isnan(table.loc[1, "reaction_force_top_z_N"])
    assert table.loc[[0, 2], "reaction_force_top_z_N"].notna().all()
    record = json.loads((out / "points" / table.loc[1, "point_id"] / "point.json").read_text())
    assert record["status"] == "failed" and "no convergence" in record["error"]
    # a failed point counts as finished; retry_failed runs it again
    runs = Counter()
    myo.sweep(block_text, {MU: ["5 kPa", "10 kPa", "20 kPa"], "solver.max_iterations": [25, 1, 25]},
              method="zip", overrides={"time.dt_min": "0.25 s"}, out=out, progress=False, on_point=runs)
    assert runs.rows == []
    myo.sweep(block_text, {MU: ["5 kPa", "10 kPa", "20 kPa"], "solver.max_iterations": [25, 1, 25]},
              method="zip", overrides={"time.dt_min": "0.25 s"}, out=out, progress=False, on_point=runs,
              retry_failed=True)
    assert len(runs.rows) == 1 and runs.rows[0]["status"] == "failed"


def test_an_interrupted_sweep_keeps_its_finished_points_and_resumes(block_text, tmp_path):
    out = tmp_path / "out"
    grid = {MU: [f"{v} kPa" for v in (4, 6, 8, 10, 12, 14)]}
    with pytest.raises(KeyboardInterrupt) as info:  # Ctrl-C after the second point
        myo.sweep(block_text, grid, out=out, workers=2, progress=False, on_point=Counter(stop_after=2))
    assert isinstance(info.value, SweepInterrupted)
    kept = len(point_files(out))
    assert 2 <= kept < 6       # the points in flight may or may not have finished
    assert len(pd.read_csv(out / "sweep.csv")) == kept
    runs = Counter()
    table = myo.sweep(block_text, grid, out=out, workers=2, progress=False, on_point=runs)
    assert len(runs.rows) == 6 - kept
    assert len(table) == 6 and (table["status"] == "ok").all()


def test_dask_local_cluster_gives_the_local_table(block_text, tmp_path):
    pytest.importorskip("dask.distributed")
    grid = {MU: ["5 kPa", "20 kPa"], Z: ["-1 mm", "-3 mm"]}
    local = myo.sweep(block_text, grid, out=tmp_path / "local", outputs=OUTPUTS, progress=False)
    remote = myo.sweep(block_text, grid, out=tmp_path / "dask", outputs=OUTPUTS, scheduler="local",
                       workers=2, progress=False)
    pd.testing.assert_frame_equal(local, remote, check_exact=False, rtol=1e-12)
    assert len(point_files(tmp_path / "dask")) == 4


def test_saltelli_sweep_gives_sobol_indices(block_text, tmp_path):
    table = myo.sweep(block_text, {MU: ["5 kPa", "20 kPa"], Z: ["-3 mm", "-2.9 mm"]}, method="saltelli",
                      samples=4, seed=1, out=tmp_path / "out", outputs=OUTPUTS, workers=2, progress=False)
    assert len(table) == 4 * (2 + 2)
    indices = myo.sobol_indices(table, "reaction_force_top_z_N")
    assert list(indices.index) == [MU, Z]
    # mu spans a factor 4, the compression 3 %: mu carries nearly all the variance
    assert indices.loc[MU, "ST"] > 0.9 and indices.loc[Z, "ST"] < 0.1


# ---------------------------------------------------------------------------- sweep files, CLI

@pytest.mark.parametrize("path", SWEEP_FILES, ids=[p.stem for p in SWEEP_FILES])
def test_example_sweep_files_open_with_their_comment_and_validate(path):
    head = path.read_text().splitlines()[:10]
    assert head[0].startswith("#") and any("Run" in l and "myorelease sweep" in l for l in head)
    spec = load_sweep_file(path)
    design = myo.sweep(**spec, dry_run=True)   # every point checked against the registry
    assert 1 <= len(design) <= 100   # examples stay quick
    assert design["point_id"].is_unique


def test_cli_sweep_end_to_end(tmp_path, cli):
    out = tmp_path / "out"
    p = cli("sweep", ROOT / "scenarios" / "sweeps" / "block_stiffness.yaml", "--out", out, "--workers", "2")
    assert p.returncode == 0, p.stderr
    assert "6 points, 0 failed" in p.stdout
    assert "%|" not in p.stderr   # no progress bar when stderr is not a terminal
    table = pd.read_csv(out / "sweep.csv", index_col="point")
    assert len(table) == 6 and (table["status"] == "ok").all()
    assert set(table.columns) >= {MU, Z, "reaction_force_top_z_N", "peak_von_mises_stress_kPa"}
    assert len(point_files(out)) == 6
    mtimes = {f: f.stat().st_mtime_ns for f in point_files(out)}
    p = cli("sweep", ROOT / "scenarios" / "sweeps" / "block_stiffness.yaml", "--out", out)
    assert p.returncode == 0, p.stderr
    assert {f: f.stat().st_mtime_ns for f in point_files(out)} == mtimes   # resumed: nothing rerun


def test_cli_saltelli_sweep_prints_and_writes_sobol_indices(tmp_path, cli, block_text):
    (tmp_path / "s.yaml").write_text(block_text)
    (tmp_path / "sweep.yaml").write_text(
        "scenario: s.yaml\nmethod: saltelli\nsamples: 8\nseed: 2\noutputs: [reaction_force_top_z_N]\n"
        "parameters:\n  materials.tissue.mu: [5 kPa, 20 kPa]\n  boundary[1].displacement.z: [-3 mm, -2.9 mm]\n")
    p = cli("sweep", tmp_path / "sweep.yaml", "--out", tmp_path / "out", "--workers", "2")
    assert p.returncode == 0, p.stderr
    assert "Sobol indices" in p.stdout
    indices = pd.read_csv(tmp_path / "out" / "sobol_indices.csv", index_col=["output", "parameter"])
    table = pd.read_csv(tmp_path / "out" / "sweep.csv")
    direct = myo.sobol_indices(table, "reaction_force_top_z_N", [MU, Z])
    np.testing.assert_allclose(indices.loc["reaction_force_top_z_N", "ST"], direct["ST"], rtol=1e-12)
    assert direct.loc[MU, "ST"] > direct.loc[Z, "ST"]


@pytest.mark.parametrize("text, words", [
    ("scenario: ../nowhere.yaml\nparameters: {materials.tissue.mu: [5 kPa]}\n", ["scenario", "nowhere.yaml"]),
    ("scenario: s.yaml\nparameters: {materials.tissue.mu: [5 kPa]}\nsampels: 4\n", ["sampels", "unknown key"]),
    ("scenario: s.yaml\nparameters: {materials.tissue.mu: [5 kPa, 0 kPa]}\n", [MU, "0 Pa"]),
    ("scenario: s.yaml\nmethod: lhs\nsamples: many\nparameters: {materials.tissue.mu: [5 kPa, 9 kPa]}\n",
     ["samples", "many"]),
])
def test_cli_bad_sweep_file_exits_2_with_one_line_naming_the_key(tmp_path, cli, block_text, text, words):
    (tmp_path / "s.yaml").write_text(block_text)
    (tmp_path / "sweep.yaml").write_text(text)
    p = cli("sweep", tmp_path / "sweep.yaml", "--out", tmp_path / "out")
    assert p.returncode == 2, p.stderr
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, p.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_cli_ctrl_c_stops_cleanly_keeps_finished_points_and_says_how_to_resume(tmp_path):
    import glob
    import signal
    import subprocess
    import sys
    import time

    sweep_file = tmp_path / "sweep.yaml"
    sweep_file.write_text(f"scenario: {ROOT / 'scenarios' / 'block_compression.yaml'}\n"
                          f"parameters: {{{MU}: [{', '.join(f'{v} kPa' for v in range(5, 17))}]}}\n")
    out = tmp_path / "out"
    p = subprocess.Popen([sys.executable, "-m", "myorelease", "sweep", sweep_file, "--out", out,
                          "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(glob.glob(str(out / "points" / "*" / "point.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    p.send_signal(signal.SIGINT)
    _, stderr = p.communicate(timeout=60)
    assert p.returncode == 130, stderr
    assert "rerun" in stderr and str(out) in stderr
    kept = len(point_files(out))
    assert 2 <= kept < 12
    assert len(pd.read_csv(out / "sweep.csv")) == kept


# ---------------------------------------------------------------------------- hardening (issue 12)

@pytest.mark.parametrize("name", ["../../escaped_sweep", "/tmp/abs_sweep", "..", "a/b"])
def test_a_sweep_name_is_one_path_component(block_text, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(myo.ScenarioError, match=r"^name: .*one path component"):
        myo.sweep(block_text, {MU: ["5 kPa"]}, name=name, progress=False)
    (tmp_path / "s.yaml").write_text(block_text)
    (tmp_path / "sw.yaml").write_text(yaml.safe_dump({"name": name, "scenario": "s.yaml",
                                                      "parameters": {MU: ["5 kPa"]}}))
    with pytest.raises(myo.ScenarioError, match=r"^name: .*one path component"):
        load_sweep_file(tmp_path / "sw.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml", "sw.yaml"]


def test_deep_or_odd_parameter_values_name_their_key(block_text, tmp_path):
    deep = "5 kPa"
    for _ in range(1000):
        deep = [deep]
    for grid, pattern in [({MU: [deep]}, r"^parameters\.materials\.tissue\.mu\[0\].*nesting deeper than 32"),
                          ({MU: [{1, 2}]}, r"^parameters\.materials\.tissue\.mu\[0\]: .*set"),
                          ({MU: [float("nan")]}, r"^parameters\.materials\.tissue\.mu\[0\]: nan")]:
        with pytest.raises(myo.ScenarioError, match=pattern):
            myo.sweep(block_text, grid, out=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content, words", [
    (b"scenario: s.yaml\nparameters: {materials.tissue.mu: [5 k\xb5Pa]}\n", ["sw.yaml", "line 2", "0xb5"]),
    (b"scenario: s.yaml\nscenario: t.yaml\nparameters: {materials.tissue.mu: [5 kPa]}\n", ["scenario", "twice"]),
    (b"scenario: s.yaml\nparameters: {materials.tissue.mu: " + b"[" * 1000 + b"5 kPa" + b"]" * 1000 + b"}\n",
     ["nest"]),
    (b"scenario: s.yaml\nparameters: {1: [5 kPa]}\n", ["parameters.1", "not a text"]),
])
def test_bad_sweep_file_bytes_are_one_error(block_text, tmp_path, content, words):
    (tmp_path / "s.yaml").write_text(block_text)
    (tmp_path / "sw.yaml").write_bytes(content)
    with pytest.raises(myo.ScenarioError) as info:
        load_sweep_file(tmp_path / "sw.yaml")
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_each_point_appends_its_step_lines_to_its_run_log(block_text, tmp_path):
    out = tmp_path / "out"
    table = myo.sweep(block_text, {MU: ["5 kPa", "10 kPa"]}, out=out, workers=1, progress=False)
    for point_id in table["point_id"]:
        directory = out / "points" / point_id
        steps = json.loads((directory / "summary.json").read_text())["steps"]
        lines = (directory / "run.log").read_text().splitlines()
        assert len(lines) == steps and all(point_id in line and "ETA" in line for line in lines), lines
