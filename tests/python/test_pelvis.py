"""The pelvis model from Python (myorelease.pelvis) and its study scenario through the CLI."""
import json
import math
from pathlib import Path

import numpy as np
import pytest

import myorelease as myo
from myorelease import pelvis

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "pelvic_tilt_tightness.yaml"


def test_standing_is_in_equilibrium_with_the_cadaver_tilt():
    s = pelvis.standing()
    assert s["converged"]
    assert max(abs(v) for v in s["residual_N_m"].values()) < 1e-9
    assert s["trunk_com_ahead_of_hip_m"] == pytest.approx(0.0, abs=1e-11)
    assert s["com_ahead_of_ankle_m"] == pytest.approx(0.05, abs=1e-11)
    # Preece et al. 2008: 13 +/- 5 deg (nothing fitted to it; see the README).
    assert abs(s["pelvic_tilt_deg"] - 13.0) <= 5.0


def test_tilt_is_the_asis_psis_line_of_the_stick_figure():
    s = pelvis.standing()
    asis, psis = np.array(s["points_m"]["asis"]), np.array(s["points_m"]["psis"])
    d = asis - psis
    assert math.degrees(math.atan2(-d[1], d[0])) == pytest.approx(s["pelvic_tilt_deg"], abs=1e-10)
    # The trunk's mass centre is held over the hip.
    assert s["points_m"]["trunk_com"][0] == pytest.approx(s["points_m"]["hip"][0], abs=1e-11)


def test_stick_figure_keeps_segment_lengths():
    before, after = pelvis.stride(), pelvis.stride(hip_flexor_rho=0.94)
    fig = pelvis.stick_figure(before, after)
    assert set(fig["before"]) == set(fig["after"]) == {f"{a}-{b}" for a, b in pelvis.SEGMENTS}
    for name, (a, b) in fig["before"].items():
        a2, b2 = fig["after"][name]
        assert np.hypot(*np.subtract(a, b)) == pytest.approx(np.hypot(*np.subtract(a2, b2)), abs=1e-12), name
    thigh = fig["before"]["knee-hip"]
    assert np.hypot(*np.subtract(*thigh)) == pytest.approx(0.396, abs=1e-12)  # gait2392 femur
    assert fig["points_after"]["asis"] != fig["points_before"]["asis"]


def test_tightness_curve_shifts_stride_extension_to_the_pelvis():
    table = pelvis.tightness_curve([0.94, 0.97, 1.0])
    assert list(table["hip_flexor_rho"]) == [0.94, 0.97, 1.0]
    assert table["converged"].all()
    assert table["stride_tilt_deg"].is_monotonic_decreasing
    assert table["stride_hip_extension_deg"].is_monotonic_increasing
    # The thigh angle is fixed, so what the hip loses the pelvis takes: d(hip ext) = -d(tilt).
    np.testing.assert_allclose(np.diff(table["stride_hip_extension_deg"]), -np.diff(table["stride_tilt_deg"]),
                               atol=1e-9)


def test_stretch_sensitivity_reproduces_the_hip_extension_gain():
    r = pelvis.stretch_sensitivity()
    assert r["rho_after"] > r["rho_before"] == 1.0
    after = math.degrees(myo._core.pelvis_passive_hip_extension({"hip_flexor_rho": r["rho_after"]}))
    before = math.degrees(myo._core.pelvis_passive_hip_extension({}))
    assert after - before == pytest.approx(2.6, abs=1e-6)
    assert r["tilt_change_deg"] < 0.0  # less anterior tilt, as Preece et al. 2021 (-1.2 deg) report


def test_quantities_and_bad_keys():
    a = pelvis.stride(stride_thigh_extension="25 deg")
    b = pelvis.stride(stride_thigh_extension=math.radians(25))
    assert a["pelvic_tilt_deg"] == b["pelvic_tilt_deg"]
    assert a["thigh_extension_deg"] == pytest.approx(25.0, abs=1e-12)
    with pytest.raises(myo.ScenarioError, match="pelvis.bogus"):
        pelvis.standing(bogus=1)
    with pytest.raises(myo.ScenarioError, match="pelvis.hip_flexor_rho"):
        pelvis.standing(hip_flexor_rho=2.0)
    assert {p["name"] for p in pelvis.spec()["params"]} >= {"hip_flexor_rho", "standing_trunk_com_ahead_of_hip"}


def test_study_scenario_agrees_with_the_python_model():
    result = myo.run(myo.load(SCENARIO), **{"study.points": 3})
    assert result.completed
    assert len(result.history) == 3
    assert result.summary["standing_tilt_deg"] == pytest.approx(pelvis.standing()["pelvic_tilt_deg"], abs=1e-12)
    row = result.history.iloc[0]
    assert row["hip_flexor_rho"] == 0.94
    assert row["stride_tilt_deg"] == pytest.approx(pelvis.stride(hip_flexor_rho=0.94)["pelvic_tilt_deg"], abs=1e-12)


def test_cli_runs_the_scenario(tmp_path, cli):
    out = tmp_path / "out"
    p = cli("run", SCENARIO, "--out", out)
    assert p.returncode == 0, p.stderr
    for name in ("result.h5", "result.xdmf", "summary.json", "scenario.resolved.yaml"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["study"] == "pelvic_alignment" and summary["steps"] == 7
    for key in ("standing_tilt_deg", "standing_lumbar_extension_deg", "stretch_standing_tilt_change_deg",
                "standing_tilt_per_hip_flexor_length_deg_per_mm", "stride_tilt_per_hip_flexor_length_deg_per_mm"):
        assert key in summary
    import h5py

    with h5py.File(out / "result.h5", "r") as f:
        assert f["history/stride_tilt_deg"].shape == (7,)
        assert f["history/stride_tilt_deg"].attrs["unit"] in (b"deg", "deg")


def test_cli_names_a_bad_study_key(tmp_path, cli):
    p = cli("run", SCENARIO, "--out", tmp_path / "o", "--set", "study.rho_max=0.9")
    assert p.returncode == 2
    assert "study.rho_max" in p.stderr
