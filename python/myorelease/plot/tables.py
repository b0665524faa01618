"""Plots of tables: a device comparison (``myorelease compare``: comparison.csv), a grid sweep as
a heat map of one output over two parameters, and Sobol sensitivity indices as bars
(``myorelease sweep``: sweep.csv, sobol_indices.csv)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

import numpy as np

from ._common import add_colorbar, norm_of

# Columns of a device comparison: (column, title, axis label with unit).
_COMPARISON_PANELS = (
    ("peak_contact_pressure_kPa", "peak skin pressure", "pressure [kPa]"),
    ("target_mean_compressive_stress_kPa", "mean compressive stress\nin the target", "stress [kPa]"),
    ("target_force_fraction", "fraction of the force\nreaching the target", "fraction [-]"),
    ("target_stress_per_skin_pressure", "target stress per unit\nof peak skin pressure", "ratio [-]"),
)
# Display units of SI parameter values by the last word of their scenario path.
_PARAMETER_UNITS = (
    (r"(mu|kappa|modulus|stiffness|pressure|stress|E)$", 1e-3, "kPa"),
    (r"(thickness|diameter|radius|depth|size_[xyz]|length|[xyz]|r)$", 1e3, "mm"),
    (r"(end|time|duration|hold|tau)$", 1.0, "s"),
    (r"force$", 1.0, "N"),
)
_QUANTITY = re.compile(r"\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*([^\s0-9].*)?\s*$")


def plot_comparison(table):
    """Bars of a comparison table (``myorelease.compare``: one row per variant): peak skin
    pressure, stress reaching the target, the fraction of the force that reaches it, and their
    ratio. Returns the Figure, or None when the table has none of those columns."""
    from matplotlib.figure import Figure

    panels = [p for p in _COMPARISON_PANELS if p[0] in table.columns]
    if not panels:
        return None
    fig = Figure(figsize=(3.2 * len(panels), 3.6), layout="constrained")
    names = [str(v) for v in table.index]
    for k, (column, title, ylabel) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), k + 1)
        ax.bar(names, table[column].to_numpy(dtype=float), color="tab:blue")
        ax.set_title(title, fontsize=9)
        ax.set_ylabel(ylabel)
        ax.tick_params(axis="x", labelrotation=35, labelsize=8)
        ax.grid(True, axis="y", alpha=0.3)
    fig.suptitle("Devices compared (same scenario, one device each)")
    return fig


def read_comparison(directory) -> "Any":
    """comparison.csv of ``myorelease compare`` as a DataFrame indexed by variant."""
    import pandas as pd

    return pd.read_csv(Path(directory) / "comparison.csv", index_col="variant")


def read_sweep(directory) -> Tuple[Any, Dict[str, Tuple[float, str]]]:
    """sweep.csv of ``myorelease sweep`` and the display unit of each parameter.

    Returns (table, units): table.attrs["parameters"] lists the parameter columns (from
    sweep.resolved.yaml); units maps a parameter to (factor from SI, unit) read off the values
    the sweep file gave ("5 kPa" at 5000 Pa: (1e-3, "kPa"))."""
    import pandas as pd
    import yaml

    directory = Path(directory)
    table = pd.read_csv(directory / "sweep.csv", index_col="point")
    spec: Mapping[str, Any] = {}
    if (directory / "sweep.resolved.yaml").is_file():
        spec = yaml.safe_load((directory / "sweep.resolved.yaml").read_text()) or {}
    parameters = list(spec.get("parameters") or [])
    table.attrs["parameters"] = parameters
    table.attrs["outputs"] = list(spec.get("outputs") or [])
    units = {p: _given_unit(table[p], (spec.get("given") or {}).get(p)) for p in parameters
             if p in table.columns}
    return table, {p: u for p, u in units.items() if u is not None}


def _given_unit(values, given) -> Optional[Tuple[float, str]]:
    """(factor, unit) mapping the SI column values to the unit of the first given text value."""
    for text in given if isinstance(given, list) else []:
        m = _QUANTITY.match(str(text))
        if not m or not m.group(2):
            continue
        number = float(m.group(1))
        si = np.asarray(values, dtype=float)
        close = si[np.isfinite(si) & (si != 0)]
        if number != 0 and close.size:
            # unit factors are powers of ten: take the ratio nearest one (grid columns hold the
            # given values, so one ratio is exact)
            exponents = np.log10(np.abs(number / close))
            best = exponents[np.argmin(np.abs(exponents - np.round(exponents)))]
            return float(10.0 ** np.round(best)), m.group(2).strip()
    return None


def parameter_unit(name: str, units: Optional[Mapping[str, Tuple[float, str]]] = None
                   ) -> Tuple[float, str]:
    """(factor from SI, unit) to show a sweep parameter: given in units, else guessed from the
    last word of its path (mu -> kPa, thickness -> mm, ...), else SI."""
    if units and name in units:
        return units[name]
    last = re.split(r"[.\[\]]+", name.strip("]"))[-1]
    for pattern, factor, unit in _PARAMETER_UNITS:
        if re.search(pattern, last):
            return factor, unit
    return 1.0, "SI"


def output_label(name: str) -> str:
    """'reaction_force_top_z_N' -> 'reaction force top z [N]' (units as summary keys carry them)."""
    for unit in ("kPa", "mm2", "mm", "Pa", "N", "s"):
        if name.endswith("_" + unit):
            return f"{name[: -len(unit) - 1].replace('_', ' ')} [{unit.replace('mm2', 'mm^2')}]"
    return f"{name.replace('_', ' ')} [-]"


def plot_sweep_heatmap(table, output: str, x: Optional[str] = None, y: Optional[str] = None,
                       units: Optional[Mapping[str, Tuple[float, str]]] = None,
                       cmap: str = "viridis"):
    """A heat map of one output over two parameters of a grid sweep (mean over the other
    parameters), each cell annotated with its value.

    table: a sweep DataFrame (parameter columns in SI; ``attrs["parameters"]`` or x and y
    given); output: an output column; units: parameter -> (factor from SI, unit), e.g. from
    :func:`read_sweep`. Returns the Figure, or None with fewer than two parameters."""
    from matplotlib.figure import Figure

    parameters = list(table.attrs.get("parameters") or [])
    x = x or (parameters[0] if parameters else None)
    y = y or next((p for p in parameters if p != x), None)
    if x is None or y is None or output not in table.columns:
        return None
    ok = table[table["status"] == "ok"] if "status" in table.columns else table
    grid = ok.pivot_table(index=y, columns=x, values=output, aggfunc="mean")
    values = grid.to_numpy(dtype=float)
    fx, ux = parameter_unit(x, units)
    fy, uy = parameter_unit(y, units)
    fig = Figure(figsize=(1.3 * len(grid.columns) + 3.2, 0.8 * len(grid.index) + 2.4),
                 layout="constrained")
    ax = fig.subplots()
    norm = norm_of(values)
    ax.imshow(values, origin="lower", cmap=cmap, norm=norm, aspect="auto")
    ax.set_xticks(range(len(grid.columns)), [f"{v * fx:.4g}" for v in grid.columns])
    ax.set_yticks(range(len(grid.index)), [f"{v * fy:.4g}" for v in grid.index])
    ax.set_xlabel(f"{x} [{ux}]")
    ax.set_ylabel(f"{y} [{uy}]")
    for (i, j), v in np.ndenumerate(values):
        if np.isfinite(v):
            ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=8,
                    color="w" if norm(v) < 0.5 else "k")
    add_colorbar(fig, ax, norm, cmap, output_label(output))
    others = [p for p in parameters if p not in (x, y)]
    ax.set_title(f"{output_label(output)}" + (f"\n(mean over {', '.join(others)})" if others else ""),
                 fontsize=10)
    return fig


def plot_sobol(indices):
    """Sobol sensitivity indices as bars: first order S1 and total ST per parameter, with their
    bootstrap intervals (S1_lo, S1_hi, ST_lo, ST_hi) as error bars when present; one panel per
    output. indices: a DataFrame of :func:`myorelease.sensitivity.sobol_indices` (index
    parameter) or sobol_indices.csv (columns output, parameter, ...). Returns the Figure."""
    from matplotlib.figure import Figure

    frame = indices.reset_index()
    if "output" not in frame.columns:
        frame["output"] = indices.attrs.get("output", "output")
    outputs = list(dict.fromkeys(frame["output"]))
    fig = Figure(figsize=(max(4.5, 1.6 * frame["parameter"].nunique() + 2.0) * min(2, len(outputs)),
                          3.8 * ((len(outputs) + 1) // 2)), layout="constrained")
    axes = fig.subplots((len(outputs) + 1) // 2, min(2, len(outputs)), squeeze=False)
    for ax, output in zip(axes.flat, outputs):
        rows = frame[frame["output"] == output]
        at = np.arange(len(rows))
        for k, (name, colour) in enumerate((("S1", "tab:blue"), ("ST", "tab:orange"))):
            values = rows[name].to_numpy(dtype=float)
            err = None
            if f"{name}_lo" in rows and f"{name}_hi" in rows:
                err = np.vstack([np.maximum(values - rows[f"{name}_lo"].to_numpy(float), 0),
                                 np.maximum(rows[f"{name}_hi"].to_numpy(float) - values, 0)])
            label = "first order S1" if name == "S1" else "total ST"
            ax.bar(at + (k - 0.5) * 0.38, values, 0.38, yerr=err, capsize=3, color=colour, label=label)
        ax.set_xticks(at, [str(p) for p in rows["parameter"]], rotation=20, fontsize=8)
        ax.set_ylabel("Sobol index [-]")
        ax.set_title(output_label(output), fontsize=10)
        ax.axhline(0, color="k", linewidth=0.5)
        ax.grid(True, axis="y", alpha=0.3)
        ax.legend(fontsize="small")
    for ax in list(axes.flat)[len(outputs):]:
        ax.set_visible(False)
    fig.suptitle("Sobol sensitivity indices (95 % bootstrap intervals)")
    return fig
