"""The `myorelease` command end to end: exit codes 0 / 2 / 3, --set, validate, models, info, plot."""
import json
import sys
from pathlib import Path

import pytest

from conftest import SMALL_BLOCK


def one_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_run_writes_results_and_exits_0(block_file, tmp_path, cli):
    out = tmp_path / "out"
    p = cli("run", block_file, "--out", out)
    assert p.returncode == 0, p.stderr
    for name in ("result.h5", "result.xdmf", "summary.json", "scenario.resolved.yaml"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["scenario"] == "small_block"
    assert summary["reaction_force_top_z_N"] < 0


def test_default_out_dir_is_results_name(block_file, tmp_path, cli):
    p = cli("run", block_file, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "results" / "small_block" / "result.h5").is_file()


def test_set_override_changes_the_result(block_file, tmp_path, cli):
    forces = []
    for i, extra in enumerate(([], ["--set", "materials.tissue.mu=20 kPa"])):
        out = tmp_path / f"out{i}"
        p = cli("run", block_file, "--out", out, *extra)
        assert p.returncode == 0, p.stderr
        forces.append(json.loads((out / "summary.json").read_text())["reaction_force_top_z_N"])
    assert abs(forces[1]) > 1.5 * abs(forces[0])


BAD = [
    ("materials.tissue.muu=10 kPa", "materials.tissue.muu"),          # unknown key
    ("mesh.size_x=40 kPa", "mesh.size_x"),                            # wrong unit
    ("materials.tissue.mu=-10 kPa", "materials.tissue.mu"),           # negative modulus
    ("mesh.layers[0].thickness=0 mm", "mesh.layers[0].thickness"),    # zero thickness
]


@pytest.mark.parametrize("override, path", BAD)
@pytest.mark.parametrize("command", ["run", "validate"])
def test_bad_input_exits_2_with_one_line_naming_the_key(block_file, tmp_path, cli, override, path,
                                                        command):
    args = [command, block_file, "--set", override]
    if command == "run":
        args += ["--out", tmp_path / "out"]
    p = cli(*args)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert path in one_line(p.stderr)


def test_bad_key_in_the_file_exits_2(tmp_path, cli):
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL_BLOCK.replace("cells_y: 4", "cells_y: 4\n  colour: red"))
    p = cli("run", path, "--out", tmp_path / "out")
    assert p.returncode == 2
    assert "mesh.colour" in one_line(p.stderr)


def test_missing_file_exits_2(tmp_path, cli):
    for command in ("run", "validate"):
        p = cli(command, tmp_path / "missing.yaml")
        assert p.returncode == 2
        assert "missing.yaml" in one_line(p.stderr)


def test_malformed_set_exits_2(block_file, cli):
    p = cli("validate", block_file, "--set", "materials.tissue.mu")
    assert p.returncode == 2
    assert "PATH=VALUE" in one_line(p.stderr)


def test_solver_failure_exits_3_and_keeps_converged_steps(block_file, tmp_path, cli):
    import h5py

    # 150 % compression of a 20 mm block: the cells must invert before the end, and with
    # dt_min = dt the stepper cannot cut back.
    out = tmp_path / "out"
    p = cli("run", block_file, "--out", out, "--set", "boundary[1].displacement.z=-30 mm",
            "--set", "time.steps=10", "--set", "time.dt_min=0.1 s")
    assert p.returncode == 3, (p.stdout, p.stderr)
    assert "solver failure" in p.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["completed"] == 0
    assert 1 <= summary["steps"] < 10
    with h5py.File(out / "result.h5", "r", locking=False) as f:
        assert len(f["steps"]) == summary["steps"]
        assert len(f["history"]["time_s"]) == summary["steps"]
        last = sorted(f["steps"])[-1]
        assert f["steps"][last].attrs["time_s"] < 1.0


def test_validate_ok(block_file, cli):
    p = cli("validate", block_file)
    assert p.returncode == 0, p.stderr
    assert "OK" in p.stdout


def test_models_lists_the_registry(cli):
    p = cli("models")
    assert p.returncode == 0, p.stderr
    for name in ("neo_hookean", "mooney_rivlin", "ogden", "mu", "kappa"):
        assert name in p.stdout
    p = cli("models", "--json")
    assert p.returncode == 0
    assert any(m["name"] == "neo_hookean" for m in json.loads(p.stdout))


def test_models_lists_the_presets_with_their_sources(cli):
    p = cli("models", "--presets")
    assert p.returncode == 0, p.stderr
    for name in ("lacrosse_ball", "hook_tip", "foam_roller", "release_ball", "skin", "subcutaneous_fat"):
        assert name in p.stdout
    assert "Sims" in p.stdout  # the fat preset cites its source
    presets = json.loads(cli("models", "--presets", "--json").stdout)
    ball = next(x for x in presets if x["name"] == "lacrosse_ball")
    assert ball["model"] == "sphere" and abs(ball["params"]["diameter"] - 0.064) < 1e-12


def test_info(cli):
    p = cli("info")
    assert p.returncode == 0, p.stderr
    for key in ("version", "build_type", "openmp_threads", "linear_solvers"):
        assert key in p.stdout


def test_plot_writes_pngs(block_file, tmp_path, cli):
    out = tmp_path / "out"
    assert cli("run", block_file, "--out", out).returncode == 0
    p = cli("plot", out)
    assert p.returncode == 0, p.stderr
    for name in ("history.png", "force_displacement.png", "deformed_von_mises.png"):
        png = out / name
        assert png.is_file() and png.stat().st_size > 5000, name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_without_results_exits_2(tmp_path, cli):
    p = cli("plot", tmp_path)
    assert p.returncode == 2
    assert "result.h5" in one_line(p.stderr)


def test_console_script_installed():
    script = Path(sys.executable).parent / "myorelease"
    if not script.exists():
        pytest.skip("not installed as a console script in this environment")
    import subprocess

    p = subprocess.run([str(script), "info"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("error, phase, code", [
    (MemoryError(), "input", 2), (RecursionError("maximum recursion depth exceeded"), "input", 2),
    (MemoryError("std::bad_alloc"), "run", 1), (TypeError("a bug"), "input", 1),
])
def test_memory_recursion_and_other_errors_are_one_line_never_a_traceback(monkeypatch, capsys, block_file,
                                                                           error, phase, code):
    from myorelease import cli

    def command(args):
        args.phase = phase
        raise error

    monkeypatch.setattr(cli, "cmd_validate", command)
    assert cli.main(["validate", str(block_file)]) == code
    line = one_line(capsys.readouterr().err)
    assert line.startswith("myorelease: ") and "Traceback" not in line
    if code == 2:
        assert line.startswith("myorelease: error: ") and str(block_file) in line


def test_usage_errors_are_one_line(cli):
    p = cli("run")
    assert p.returncode == 2
    assert one_line(p.stderr).startswith("myorelease: error: ")
