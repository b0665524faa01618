"""Variance-based sensitivity analysis: Sobol first-order and total indices.

The design is Saltelli's: two independent base samples A and B (N rows each, from one scrambled
Sobol sequence of 2d dimensions) and, for each parameter i, the matrix AB_i (A with column i
taken from B); N (d + 2) model runs in all. Estimators (Saltelli et al. 2010, Table 2):

    S_i  = mean(f(B) (f(AB_i) - f(A))) / V                      (first order)
    ST_i = mean((f(A) - f(AB_i))^2) / (2 V)                     (total, Jansen 1999)

with V the variance of f over A and B together. Optional bootstrap confidence intervals resample
the N base rows. ``sweep(..., method="saltelli")`` runs this design over a scenario;
:func:`sobol_indices` takes the resulting table.

Reference: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
Variance based sensitivity analysis of model output. Computer Physics Communications 181, 259-270.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

import numpy as np

__all__ = ["saltelli_design", "sobol_indices"]

SAMPLE, BLOCK = "sample", "block"


def saltelli_design(d: int, n: int, seed: Optional[int] = None):
    """The unit-cube Saltelli design as a pandas DataFrame.

    Columns ``sample`` (base row j, 0..n-1), ``block`` ("A", "B", or "AB<i>" for parameter i) and
    ``x0 .. x<d-1>`` in [0, 1); n (d + 2) rows. n should be a power of two (Sobol balance).
    """
    import pandas as pd
    from scipy.stats import qmc

    if d < 1:
        raise ValueError(f"parameters: need at least one, got {d}")
    if n < 2:
        raise ValueError(f"samples: {n} is too few; expected at least 2 (a power of two, e.g. 64)")
    base = qmc.Sobol(2 * d, scramble=True, seed=seed).random(n)
    a, b = base[:, :d], base[:, d:]
    blocks = [("A", a), ("B", b)]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append((f"AB{i}", ab))
    frames = []
    for name, x in blocks:
        frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(d)])
        frame.insert(0, BLOCK, name)
        frame.insert(0, SAMPLE, np.arange(n))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _estimate(fa: np.ndarray, fb: np.ndarray, fab: np.ndarray):
    """S1 and ST (arrays of length d) from f(A), f(B) (n,) and f(AB_i) (d, n)."""
    variance = np.var(np.concatenate([fa, fb]))
    if not variance > 0:
        nan = np.full(fab.shape[0], np.nan)
        return nan, nan.copy()
    s1 = np.mean(fb * (fab - fa), axis=1) / variance
    st = 0.5 * np.mean((fa - fab) ** 2, axis=1) / variance
    return s1, st


def sobol_indices(table, output: str, parameters: Optional[Sequence[str]] = None,
                  bootstrap: int = 0, confidence: float = 0.95, seed: Optional[int] = None):
    """First-order (S1) and total (ST) Sobol indices of one output column.

    Args:
        table: a DataFrame from ``sweep(..., method="saltelli")`` (or :func:`saltelli_design`
            with an output column added): columns ``sample``, ``block``, the parameters and
            ``output``.
        output: the column to analyse, e.g. ``"reaction_force_top_z_N"``.
        parameters: parameter columns in design order (default: from ``table.attrs["parameters"]``
            as the sweep sets it, else every ``x<i>`` column).
        bootstrap: number of bootstrap resamples of the base rows for confidence intervals
            (0: none).
        confidence: level of the intervals (columns ``S1_lo``, ``S1_hi``, ``ST_lo``, ``ST_hi``).

    Returns a DataFrame indexed by parameter with columns S1, ST (and the intervals). Base rows
    with a missing output (a failed point) are dropped from every block.
    """
    import pandas as pd

    for column in (SAMPLE, BLOCK, output):
        if column not in table.columns:
            raise ValueError(f"{column}: no such column in the table; a Saltelli sweep "
                             f"(method: saltelli) has sample, block and the outputs")
    if parameters is None:
        parameters = table.attrs.get("parameters") or sorted(
            (c for c in table.columns if c.startswith("x") and c[1:].isdigit()), key=lambda c: int(c[1:]))
    parameters = list(parameters)
    d = len(parameters)
    wide = table.pivot_table(index=SAMPLE, columns=BLOCK, values=output, aggfunc="first")
    blocks = ["A", "B"] + [f"AB{i}" for i in range(d)]
    missing = [b for b in blocks if b not in wide.columns]
    if missing:
        raise ValueError(f"block: the table lacks {', '.join(missing)}; expected a Saltelli design "
                         f"over {d} parameters ({', '.join(parameters)})")
    wide = wide[blocks].apply(pd.to_numeric, errors="coerce").dropna()
    if len(wide) < 2:
        raise ValueError(f"{output}: fewer than two complete base samples; cannot estimate indices")
    fa, fb = wide["A"].to_numpy(float), wide["B"].to_numpy(float)
    fab = wide[blocks[2:]].to_numpy(float).T
    s1, st = _estimate(fa, fb, fab)
    result: Dict[str, Any] = {"S1": s1, "ST": st}
    if bootstrap > 0:
        rng = np.random.default_rng(seed)
        n = len(fa)
        boot_s1, boot_st = np.empty((bootstrap, d)), np.empty((bootstrap, d))
        for k in range(bootstrap):
            j = rng.integers(0, n, n)
            boot_s1[k], boot_st[k] = _estimate(fa[j], fb[j], fab[:, j])
        tail = 0.5 * (1.0 - confidence)
        for name, boot in (("S1", boot_s1), ("ST", boot_st)):
            result[f"{name}_lo"] = np.nanquantile(boot, tail, axis=0)
            result[f"{name}_hi"] = np.nanquantile(boot, 1.0 - tail, axis=0)
    frame = pd.DataFrame(result, index=pd.Index(parameters, name="parameter"))
    frame.attrs["output"] = output
    frame.attrs["n_base"] = len(fa)
    return frame
