"""The Python API end to end: load, overrides, run, Result, errors, progress and interruption."""
import copy
import json
import os
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import myorelease as mr
from myorelease import _core

from conftest import N_CELLS, N_NODES, SMALL_BLOCK


def test_load_from_path_text_and_dict(block_file, block_text):
    import yaml

    for source in (block_file, str(block_file), block_text, yaml.safe_load(block_text)):
        s = mr.load(source)
        assert isinstance(s, mr.Scenario)
        assert s.name == "small_block"
        s.validate()


def test_run_in_memory_shapes():
    r = mr.run(SMALL_BLOCK)
    assert r.completed, r.message
    assert r.out_dir is None
    assert r.steps >= 4
    assert r.n_dofs > 0
    f = r.fields
    assert f["displacement"].shape == (N_NODES, 3)
    assert f["cauchy_stress"].shape == (N_CELLS, 9)
    assert f["von_mises"].shape == (N_CELLS,)
    assert f["green_lagrange"].shape == (N_CELLS, 9)
    assert f["reaction_forces"].shape == (N_NODES, 3)
    m = r.mesh
    assert m["coordinates"].shape == (N_NODES, 3)
    assert m["cells"].shape == (N_CELLS, 8)
    assert m["cell_type"] == "hex8"
    assert set(m["node_sets"]) >= {"top", "bottom"}
    assert len(m["regions"]["tissue"]) == N_CELLS
    # the top moved down by 3 mm
    top = m["node_sets"]["top"]
    assert np.allclose(f["displacement"][top, 2], -3e-3)
    # history: a DataFrame with one row per accepted step
    h = r.history
    assert isinstance(h, pd.DataFrame)
    assert len(h) == r.steps
    assert h["time_s"].iloc[-1] == pytest.approx(1.0)
    # summary: flat keys with units, text entries too
    assert r.summary["scenario"] == "small_block"
    assert r.summary["steps"] == r.steps
    force = r.summary["reaction_force_top_z_N"]
    assert force < 0  # the force that holds the top 3 mm down points down (-z)
    assert force == pytest.approx(f["reaction_forces"][top, 2].sum(), rel=1e-10)
    assert set(r.times) >= {"assembly", "factorization", "solve", "output", "total"}


def test_fields_are_views_not_copies():
    r = mr.run(SMALL_BLOCK)
    for name in ("displacement", "cauchy_stress", "von_mises"):
        assert not r.fields[name].flags.owndata
    assert not r.mesh["coordinates"].flags.owndata


def test_overrides_by_dotted_path_and_dunder_agree_and_leave_scenario_unchanged(block_file):
    s = mr.load(block_file)
    before = s.yaml()
    a = mr.run(s, **{"materials.tissue.mu": "20 kPa"})
    b = mr.run(s, materials__tissue__mu="20 kPa")
    base = mr.run(s)
    assert s.yaml() == before
    fa, fb = a.summary["reaction_force_top_z_N"], b.summary["reaction_force_top_z_N"]
    assert fa == pytest.approx(fb, rel=1e-12)
    assert abs(fa) > 1.5 * abs(base.summary["reaction_force_top_z_N"])
    # list indices: numeric segments
    s2 = mr.load(block_file).set(mesh__layers__0__cells=3)
    assert "cells: 3" in s2.yaml()


def test_set_numbers_are_si(block_file):
    a = mr.run(mr.load(block_file).set("materials.tissue.mu", 20000.0))
    b = mr.run(mr.load(block_file).set({"materials.tissue.mu": "20 kPa"}))
    assert a.summary["reaction_force_top_z_N"] == pytest.approx(b.summary["reaction_force_top_z_N"])


def test_run_writes_files(tmp_path):
    out = tmp_path / "out"
    r = mr.run(SMALL_BLOCK, out=out)
    assert r.out_dir == out
    for name in ("result.h5", "result.xdmf", "summary.json", "scenario.resolved.yaml"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["reaction_force_top_z_N"] == pytest.approx(r.summary["reaction_force_top_z_N"])


@pytest.mark.parametrize("path, value, expected", [
    ("materials.tissue.muu", "10 kPa", "materials.tissue.muu"),
    ("mesh.size_x", "40 kPa", "mesh.size_x"),
    ("materials.tissue.mu", "-10 kPa", "materials.tissue.mu"),
    ("mesh.layers[0].thickness", "0 mm", "mesh.layers[0].thickness"),
])
def test_bad_input_raises_scenario_error_naming_the_path(path, value, expected):
    s = mr.load(SMALL_BLOCK).set(path, value)
    with pytest.raises(mr.ScenarioError) as info:
        s.validate()
    assert expected in str(info.value)
    with pytest.raises(ValueError):  # ScenarioError is a ValueError
        mr.run(s)


def test_missing_file_is_scenario_error(tmp_path):
    with pytest.raises(mr.ScenarioError) as info:
        mr.load(tmp_path / "nope.yaml")
    assert "nope.yaml" in str(info.value)


def test_progress_is_called_up_to_the_end():
    calls = []
    mr.run(SMALL_BLOCK, progress=lambda f, msg: calls.append((f, msg)))
    fractions = [f for f, _ in calls]
    assert len(fractions) >= 4
    assert fractions == sorted(fractions)
    assert fractions[-1] == pytest.approx(1.0)
    assert all(isinstance(m, str) for _, m in calls)


def test_exception_in_progress_stops_the_run_and_keeps_written_steps(tmp_path):
    import h5py

    def stop(fraction, message):
        if fraction > 0.3:
            raise KeyboardInterrupt  # what Ctrl-C raises from PyErr_CheckSignals

    with pytest.raises(KeyboardInterrupt):
        mr.run(SMALL_BLOCK, out=tmp_path, progress=stop)
    with h5py.File(tmp_path / "result.h5", "r", locking=False) as f:
        assert len(f["steps"]) >= 1

    with pytest.raises(RuntimeError, match="boom"):
        mr.run(SMALL_BLOCK, progress=lambda f, m: (_ for _ in ()).throw(RuntimeError("boom")))


def test_scenario_copy_and_pickle(block_file):
    s = mr.load(block_file).set("materials.tissue.mu", "12 kPa")
    for other in (s.copy(), copy.deepcopy(s), mr.load(s)):
        assert other.yaml() == s.yaml()
        other.set("materials.tissue.mu", "13 kPa")
        assert "12 kPa" in s.yaml()
    core = pickle.loads(pickle.dumps(s._core))
    assert core.yaml() == s.yaml()


def test_resolved_yaml_fills_defaults():
    text = mr.load(SMALL_BLOCK).resolved_yaml()
    assert "small_block" in text
    assert "dt_min" in text


def test_models_registry():
    specs = mr.models()
    names = {m["name"] for m in specs}
    assert {"neo_hookean", "mooney_rivlin", "ogden"} <= names
    nh = next(m for m in specs if m["name"] == "neo_hookean")
    assert nh["kind"] == "material"
    mu = next(p for p in nh["params"] if p["name"] == "mu")
    assert mu["unit"] == "Pa"
    for key in ("default", "min", "max", "long_name", "source", "required"):
        assert key in mu


def test_build_info_and_version():
    info = mr.build_info()
    assert info["version"] == mr.__version__
    assert "build_type" in info
    assert issubclass(_core.ScenarioError, ValueError)
    assert issubclass(_core.SolverError, RuntimeError)


def _with_variants(variants):
    import yaml

    doc = yaml.safe_load(SMALL_BLOCK) if isinstance(SMALL_BLOCK, str) else copy.deepcopy(SMALL_BLOCK)
    doc["variants"] = variants
    return doc


def test_compare_runs_every_variant_and_keeps_a_table(tmp_path):
    doc = _with_variants({"soft": {"materials.tissue.mu": "5 kPa"}, "stiff": {"materials.tissue.mu": "20 kPa"}})
    table = mr.compare(doc, out=tmp_path)
    assert list(table.index) == ["soft", "stiff"]
    assert table["completed"].all()
    assert (tmp_path / "soft" / "summary.json").is_file()
    assert (tmp_path / "stiff" / "result.h5").is_file()
    saved = pd.read_csv(tmp_path / "comparison.csv", index_col="variant")
    assert list(saved.index) == ["soft", "stiff"]
    # The same displacement on a stiffer block needs a larger force (linear in mu at small strain).
    key = "reaction_force_top_z_N"
    assert abs(table.loc["soft", key]) > 0
    assert abs(table.loc["stiff", key]) > 3.5 * abs(table.loc["soft", key])


def test_a_bad_variant_is_an_error_naming_it():
    doc = _with_variants({"bad": {"materials.tissue.mu": "-5 kPa"}})
    with pytest.raises(mr.ScenarioError, match=r"variants\.bad\.materials\.tissue\.mu"):
        mr.load(doc).validate()


# ---------------------------------------------------------------------------- hardening (issue 12)

def _nested(levels, leaf="1 kPa"):
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


def test_deep_nesting_is_refused_naming_the_key_path_not_a_recursion_error():
    import yaml

    doc = yaml.safe_load(SMALL_BLOCK)
    doc["materials"]["tissue"]["extra"] = _nested(1000)
    with pytest.raises(mr.ScenarioError, match=r"nesting deeper than 32 levels") as info:
        mr.load(doc)
    assert str(info.value).startswith("materials.tissue.extra.a.a.a")
    s = mr.load(SMALL_BLOCK)
    with pytest.raises(mr.ScenarioError, match=r"^materials\.tissue\.mu.*nesting deeper than 32"):
        s.set("materials.tissue.mu", _nested(1000))
    deep_list = []
    for _ in range(1000):
        deep_list = [deep_list]
    with pytest.raises(mr.ScenarioError, match=r"^mesh\.layers\[0\]\[0\].*nesting deeper than 32"):
        s.set("mesh.layers", deep_list)
    loop = {}
    loop["a"] = loop  # a dict holding itself: refused, not a hang
    with pytest.raises(mr.ScenarioError, match="nesting deeper"):
        mr.load({"name": "x", "materials": loop})
    mr.load(doc["materials"]["tissue"].pop("extra") and doc)  # as deep as real scenarios: fine


@pytest.mark.parametrize("value, words", [
    ({1: "10 kPa"}, ["materials.tissue.1", "key 1", "int"]),
    ({"mu": {1, 2}}, ["materials.tissue.mu", "set"]),
    ({"mu": object()}, ["materials.tissue.mu", "object"]),
    ({"mu": float("nan")}, ["materials.tissue.mu", "nan"]),
    ({"mu": b"10 kPa"}, ["materials.tissue.mu", "bytes"]),
])
def test_values_yaml_cannot_hold_are_errors_naming_their_key(value, words):
    import yaml

    doc = yaml.safe_load(SMALL_BLOCK)
    doc["materials"]["tissue"] = {**doc["materials"]["tissue"], **value}
    with pytest.raises(mr.ScenarioError) as info:
        mr.load(doc)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    with pytest.raises(mr.ScenarioError, match=r"^materials\.tissue"):
        mr.load(SMALL_BLOCK).set("materials.tissue", value)
    if "nan" in words:
        with pytest.raises(mr.ScenarioError, match=r"^materials\.tissue\.mu: nan"):
            mr.load(SMALL_BLOCK).set("materials.tissue.mu", float("nan"))


NAMES = ["..", ".", "../x", "/tmp/abs", "a/b", "", "n" * 101, "-x", ".hidden", "a b", "é"]


@pytest.mark.parametrize("name", NAMES)
def test_output_names_are_one_safe_path_component(name):
    from myorelease import api

    with pytest.raises(mr.ScenarioError) as info:
        api.default_out_dir(name)
    assert str(info.value).startswith("name: ") and "one path component" in str(info.value)
    with pytest.raises(mr.ScenarioError, match=r"^variants\.v: .*one path component"):
        api.check_output_name(name, "variants.v")


@pytest.mark.parametrize("name", ["small_block", "a", "_x", "v1.2-final", "n" * 100])
def test_good_output_names_pass(name):
    from myorelease import api

    assert api.default_out_dir(name) == Path("results") / name
    assert api.check_output_name(name, "name") == name


def test_check_out_dir_refuses_without_creating_anything(tmp_path):
    from myorelease import api

    (tmp_path / "file").write_text("x")
    before = sorted(tmp_path.rglob("*"))
    for path, words in [(tmp_path / "file", "existing file"), (tmp_path / "file" / "sub", "is a file"),
                        (tmp_path / ("c" * 300), "bytes long"), (tmp_path / ("d/" * 3000), "absolute path"),
                        ("", "empty")]:
        with pytest.raises(mr.ScenarioError, match=r"^--out: ") as info:
            api.check_out_dir(path, "--out")
        assert words in str(info.value)
    assert api.check_out_dir(tmp_path / "new" / "deeper", "--out") == tmp_path / "new" / "deeper"
    assert sorted(tmp_path.rglob("*")) == before
    if os.geteuid() == 0:
        with pytest.raises(mr.ScenarioError, match="not writable"):
            api.check_out_dir("/proc/1/out", "--out")


def test_compare_refuses_a_variant_that_is_not_one_path_component_before_any_runs(tmp_path):
    doc = _with_variants({"ok": {"materials.tissue.mu": "5 kPa"}, "../x": {"materials.tissue.mu": "6 kPa"}})
    with pytest.raises(mr.ScenarioError, match=r'^variants\.\.\./x: "\.\./x" should be one path component'):
        mr.compare(doc, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(mr.ScenarioError, match=r"variants\.nope: no such variant"):
        mr.compare(_with_variants({"ok": {"materials.tissue.mu": "5 kPa"}}), variants=["nope"],
                   out=tmp_path / "out")


def test_step_line_has_wall_time_and_eta():
    from myorelease.api import StepLine

    clock = StepLine(start=0.0)
    line = clock(0.5, "step 2,  t = 0.5 s")
    assert line.startswith("step 2, t = 0.5 s | 50.0 % | wall ")
    assert "ETA" in line and "ETA ?" not in line
    assert clock(0.0, "start").endswith("ETA ?")


def test_setting_below_a_scalar_is_a_scenario_error_naming_the_path():
    with pytest.raises(mr.ScenarioError, match=r"^--set time\.end\.x: time\.end is \"1 s\", not a mapping"):
        mr.load(SMALL_BLOCK).set("time.end.x", 1)
