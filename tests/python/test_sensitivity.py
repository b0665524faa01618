"""Sobol indices against functions whose indices are known in closed form."""
import numpy as np
import pandas as pd
import pytest

from myorelease import sobol_indices
from myorelease.sensitivity import saltelli_design


def ishigami_indices(a=7.0, b=0.1):
    """Analytic first-order and total indices of the Ishigami function on [-pi, pi]^3."""
    v1 = 0.5 * (1 + b * np.pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * np.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def evaluate(design, f):
    x = design[[c for c in design.columns if c.startswith("x")]].to_numpy()
    out = design.copy()
    out["y"] = f(x)
    return out


def ishigami(x, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * x
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_indices_within_0_01_at_n_1024():
    s1, st = ishigami_indices()   # 0.3139, 0.4424, 0 and 0.5576, 0.4424, 0.2437
    table = evaluate(saltelli_design(3, 1024, seed=1), ishigami)
    assert len(table) == 1024 * 5
    indices = sobol_indices(table, "y", bootstrap=200, seed=2)
    np.testing.assert_allclose(indices["S1"], s1, atol=0.01)
    np.testing.assert_allclose(indices["ST"], st, atol=0.01)
    # the bootstrap intervals hold the exact values
    assert (indices["S1_lo"] <= s1).all() and (s1 <= indices["S1_hi"]).all()
    assert (indices["ST_lo"] <= st).all() and (st <= indices["ST_hi"]).all()


def test_estimates_converge_with_n():
    s1, st = ishigami_indices()
    errors = []
    for n in (64, 4096):
        indices = sobol_indices(evaluate(saltelli_design(3, n, seed=5), ishigami), "y")
        errors.append(np.abs(indices["S1"] - s1).max() + np.abs(indices["ST"] - st).max())
    assert errors[1] < errors[0] / 4


def test_additive_function_has_equal_first_and_total_indices():
    # y = x0 + 2 x1 (+ 0 x2) on the unit cube: S_i = ST_i = a_i^2 / sum a^2 = 0.2, 0.8, 0
    table = evaluate(saltelli_design(3, 256, seed=0), lambda x: x[:, 0] + 2 * x[:, 1])
    indices = sobol_indices(table, "y", parameters=["a", "b", "c"])
    assert list(indices.index) == ["a", "b", "c"]
    np.testing.assert_allclose(indices["S1"], [0.2, 0.8, 0.0], atol=0.01)
    np.testing.assert_allclose(indices["ST"], [0.2, 0.8, 0.0], atol=0.01)


def test_missing_values_drop_their_base_sample():
    table = evaluate(saltelli_design(2, 64, seed=0), lambda x: x[:, 0] + 2 * x[:, 1])
    table.loc[(table["block"] == "AB1") & (table["sample"] == 3), "y"] = np.nan   # a failed point
    indices = sobol_indices(table, "y")
    assert indices.attrs["n_base"] == 63
    np.testing.assert_allclose(indices["ST"], [0.2, 0.8], atol=0.02)


def test_design_is_reproducible_and_blocks_share_columns():
    a, b = saltelli_design(2, 8, seed=3), saltelli_design(2, 8, seed=3)
    pd.testing.assert_frame_equal(a, b)
    blocks = {name: g.set_index("sample") for name, g in a.groupby("block")}
    assert (blocks["AB0"]["x0"] == blocks["B"]["x0"]).all() and (blocks["AB0"]["x1"] == blocks["A"]["x1"]).all()


def test_a_table_that_is_not_a_saltelli_design_is_refused():
    with pytest.raises(ValueError, match="block"):
        sobol_indices(pd.DataFrame({"x0": [0.1, 0.2], "y": [1.0, 2.0]}), "y")
    table = evaluate(saltelli_design(2, 8, seed=3), lambda x: x[:, 0])
    with pytest.raises(ValueError, match="AB2"):
        sobol_indices(table, "y", parameters=["p", "q", "r"])
    with pytest.raises(ValueError, match="force_N"):
        sobol_indices(table, "force_N")
