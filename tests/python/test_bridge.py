"""The hip-flexor bridge link by link (myorelease.bridge) against the study that chains them
(scenarios/hip_hook_iliacus.yaml), on the coarse mesh (about 1 s per release run)."""
from pathlib import Path

import pytest

import myorelease as myo
from myorelease import bridge

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "hip_hook_iliacus.yaml"
FORCE = "20 N"  # the coarse study's: the coarse mesh holds no more
COARSE = {"study." + k: v for k, v in bridge.COARSE.items()}


@pytest.fixture(scope="module")
def study():
    result = myo.run(SCENARIO, **COARSE, **{"study.release_force": FORCE})
    assert result.completed, result.message
    return result.summary


@pytest.fixture(scope="module")
def day():
    return bridge.sitting_day("8 h", "90 deg", "60 s")


@pytest.fixture(scope="module")
def release(day, tmp_path_factory):
    out = tmp_path_factory.mktemp("hook")
    result = bridge.hook_release(day, force=FORCE, hold="60 s", coarse=True, out=out, release_tip_x="70 mm")
    assert result.completed, result.message
    return result


def test_day_reproduces_the_study(study, day):
    assert day["sitting_fibre_stretch"] == pytest.approx(study["sitting_fibre_stretch"], abs=1e-12)
    assert day["tone"] == pytest.approx(study["day_hip_flexor_tone"], abs=1e-12)
    assert day["resting_length_factor"] == pytest.approx(study["day_hip_flexor_rho"], abs=1e-12)
    assert [p["name"] for p in day["phases"]] == ["sitting", "standing"]
    # Sitting held the muscle short: thixotropic tone and shortening built up, nothing released.
    assert day["thixotropic"] > 0 and day["shortening_persistent"] > 0 and day["released"] == 0


def test_posture_of_the_day_and_of_the_morning(study, day):
    p = bridge.posture(day)
    assert p["standing"]["converged"] and p["stride"]["converged"]
    assert p["standing"]["pelvic_tilt_deg"] == pytest.approx(study["day_standing_tilt_deg"], abs=1e-9)
    morning = bridge.posture(bridge.sitting_day(sitting_time=0, standing_time=0))
    assert morning["standing"]["pelvic_tilt_deg"] == pytest.approx(study["morning_standing_tilt_deg"], abs=1e-9)
    assert (p["stride"]["pelvic_tilt_deg"] - morning["stride"]["pelvic_tilt_deg"]
            == pytest.approx(study["day_stride_tilt_change_deg"], abs=1e-9))


def test_a_run_instead_of_the_hook(study):
    after_run = bridge.posture(bridge.sitting_day("8 h", run_time="10 min"))
    after_day = bridge.posture(bridge.sitting_day("8 h"))
    change = after_run["standing"]["pelvic_tilt_deg"] - after_day["standing"]["pelvic_tilt_deg"]
    assert change == pytest.approx(study["run_standing_tilt_change_deg"], abs=1e-9)


def test_hook_release_alone_reproduces_the_study(study, day, release):
    assert (release.out_dir / "result.h5").is_file()
    assert release.summary["end_time_s"] == pytest.approx(study["release_end_time_s"], abs=1e-12)
    whole = bridge.whole_hip_flexors(release, day)
    assert whole["released_fraction"] == pytest.approx(study["release_hip_flexor_released_fraction"], abs=1e-9)
    assert whole["released_fraction"] > 0
    assert whole["iliacus_released_fraction"] == pytest.approx(study["release_iliacus_released_fraction"], abs=1e-9)
    assert whole["modelled_volume_share"] == pytest.approx(study["release_modelled_volume_share"], abs=1e-12)
    held = bridge.posture(whole)["standing"]["pelvic_tilt_deg"] - bridge.posture(day)["standing"]["pelvic_tilt_deg"]
    assert held == pytest.approx(study["release_standing_tilt_change_deg"], abs=1e-9)
    rested = bridge.after_rest(whole, "5 min")
    assert rested["released_fraction"] == pytest.approx(study["rest_hip_flexor_released_fraction"], abs=1e-12)
    after = bridge.posture(rested)["standing"]["pelvic_tilt_deg"] - bridge.posture(day)["standing"]["pelvic_tilt_deg"]
    assert after == pytest.approx(study["rest_standing_tilt_change_deg"], abs=1e-9)


def test_a_larger_muscle_dilutes_the_release(day, release):
    small = bridge.whole_hip_flexors(release, day, hip_flexor_volume="400 cm^3")
    large = bridge.whole_hip_flexors(release, day, hip_flexor_volume=800e-6)
    # The untouched rest of the volume releases nothing: the whole's released fraction goes as 1/V.
    assert large["released_fraction"] == pytest.approx(small["released_fraction"] * 400 / 800, rel=1e-9)
    assert large["tone"] > small["tone"]
    with pytest.raises(myo.ScenarioError, match=r"hip_flexor_volume: 100\.0+ cm\^3 is less than the modelled"):
        bridge.whole_hip_flexors(release, day, hip_flexor_volume="100 cm^3")


def test_tone_parameters_reach_every_link():
    slow = bridge.sitting_day("2 h", thixotropy_tau="4 h")
    fast = bridge.sitting_day("2 h", thixotropy_tau="10 min")
    assert slow["thixotropic"] < fast["thixotropic"]
    assert bridge.still(fast, "1 h")["tone_params"] == {"thixotropy_tau": "10 min"}
    text = myo._core.hook_release_yaml({}, fast["tone_params"], {k: fast[k] for k in bridge.STATE_KEYS})
    assert text.count("thixotropy_tau: 600,") == 2  # iliacus and psoas
    assert f"initial_thixotropic_tone: {fast['thixotropic']!r}" in text


@pytest.mark.parametrize("call, names", [
    (lambda: bridge.sitting_day(sitting_time="8 kg"), ["sitting_time", "8 kg"]),
    (lambda: bridge.sitting_day(hip_flexion="3 rad"), ["sitting_hip_flexion", "3"]),
    (lambda: bridge.sitting_day(baseline_tonee=0.1), ["baseline_tonee"]),
    (lambda: bridge.sitting_day(baseline_tone=1.5), ["baseline_tone", "1.5"]),
    (lambda: bridge.sitting_day(pelvis={"body_mas": 70}), ["body_mas"]),
    (lambda: bridge.hook_release(None, force="-5 N"), ["release_force", "-5"]),
    (lambda: bridge.hook_release(None, cells_x=2.5), ["cells_x", "2.5"]),
    (lambda: bridge.hook_release(None, release_tip_x=0.055, foo=1), ["foo"]),
    (lambda: bridge.hook_release(None, cells_x=[8]), ["cells_x", "[8]"]),
    (lambda: bridge.posture({"tone": 0.01, "resting_length_factor": 1.0}, hip_flexor_rho=0.9),
     ["hip_flexor_rho", "0.9"]),
    (lambda: bridge.still({"released": 0.0}, "1 h"), ["thixotropic"]),
    (lambda: myo._core.tone_after_phases([{"name": "nap", "duration_s": -1.0}]), ["phases[0].duration_s", "-1"]),
    (lambda: myo._core.tone_after_phases([{"duration_s": 1.0, "stretch": 0.5}]), ["phases[0].stretch"]),
    (lambda: myo._core.tone_after_phases([], {"released": 2.0}), ["start.released", "2"]),
])
def test_bad_input_names_the_key_and_value(call, names):
    with pytest.raises(myo.ScenarioError) as error:
        call()
    for name in names:
        assert name in str(error.value)
