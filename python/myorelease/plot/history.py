"""Plots of a run's history (result.h5 /history): every column, force against displacement, and
the tone / release columns of toned muscle over time."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from ._common import _LENGTHS, _display, _label, _time_column, time_scale, title_of

# History columns of the tone model (toned_muscle), by prefix, in panel order.
TONE_PREFIXES = ("tone_", "released_fraction_", "rest_shear_modulus_", "resting_length_factor_",
                 "injury_flag", "pressure_damage_", "strain_damage_")


def plot_history(data: Dict[str, Any], max_panels: int = 12):
    """Every history column against time, one panel each. Returns the Figure (or None)."""
    from matplotlib.figure import Figure

    history, units = data["history"], data["history_units"]
    t = _time_column(history, units)
    columns = [c for c in history if c not in (t, "step")][:max_panels]
    if not columns:
        return None
    n = len(columns)
    ncols = min(3, n)
    nrows = (n + ncols - 1) // ncols
    fig = Figure(figsize=(4.2 * ncols, 3.0 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    x = history[t] if t else np.arange(len(history[columns[0]]))
    xlabel = _label(t, units.get(t, "s")) if t else "step"
    for ax, name in zip(axes.flat, columns):
        scale, _ = _display(units.get(name, ""))
        ax.plot(x, history[name] * scale, marker="o", markersize=3)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(_label(name, units.get(name, "")))
        ax.grid(True, alpha=0.3)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    title = title_of(data)
    fig.suptitle(f"History{f' of {title}' if title else ''}")
    return fig


def _pick(names: Sequence[str], prefer: Sequence[str]) -> List[str]:
    preferred = [n for n in names if any(p in n.lower() for p in prefer)]
    return preferred + [n for n in names if n not in preferred]


def plot_force_displacement(data: Dict[str, Any]):
    """Force (history columns in N) against displacement (history columns in m). Returns the
    Figure, or None if the history has no such pair."""
    from matplotlib.figure import Figure

    history, units = data["history"], data["history_units"]
    # The prescribed motion of a loaded set (displacement_<set>_<comp>_mm) before max |u|.
    lengths = _pick([c for c in history if units.get(c) in _LENGTHS],
                    ("indentation", "depth", "compression"))
    lengths = sorted(lengths, key=lambda c: not c.startswith("displacement_"))
    lengths = [c for c in lengths if len(history[c]) and np.ptp(history[c]) > 0] or lengths
    forces = [c for c in history if units.get(c) == "N"]
    peak = max((float(np.max(np.abs(history[c]))) for c in forces if len(history[c])), default=0.0)
    # components that stay zero (e.g. the lateral reactions of a compression) are left out
    forces = [c for c in forces if len(history[c]) and np.max(np.abs(history[c])) > 1e-9 * peak]
    if not lengths or not forces:
        return None
    x_name = lengths[0]
    fig = Figure(figsize=(5.5, 4.0), layout="constrained")
    ax = fig.subplots()
    for name in forces:
        ax.plot(history[x_name] * _LENGTHS[units[x_name]], history[name], marker="o", markersize=3,
                label=_label(name, "N"))
    ax.set_xlabel(_label(x_name, "mm"))
    ax.set_ylabel(_label(forces[0], "N") if len(forces) == 1 else "force [N]")
    ax.grid(True, alpha=0.3)
    if len(forces) > 1:
        ax.legend(fontsize="small")
    ax.set_title("Force against displacement")
    return fig




def tone_columns(history: Dict[str, np.ndarray]) -> List[str]:
    """History columns written by the tone model (toned_muscle), grouped by TONE_PREFIXES."""
    return [c for p in TONE_PREFIXES for c in history if c.startswith(p)]


def plot_tone_history(data: Dict[str, Any]):
    """Tone, released fraction, stiffness, resting length and damage of toned muscle over time:
    one panel per quantity, mean and max of each region in it. data: from :func:`read_result`.
    Returns the Figure, or None when the history has no tone columns."""
    from matplotlib.figure import Figure

    history, units = data["history"], data["history_units"]
    columns = tone_columns(history)
    t_name = _time_column(history, units)
    if not columns or t_name is None:
        return None
    divisor, t_unit = time_scale(history[t_name])
    t = history[t_name] / divisor
    groups = [p for p in TONE_PREFIXES if any(c.startswith(p) for c in columns)]
    ncols = min(3, len(groups))
    nrows = (len(groups) + ncols - 1) // ncols
    fig = Figure(figsize=(4.4 * ncols, 3.1 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax, prefix in zip(axes.flat, groups):
        members = [c for c in columns if c.startswith(prefix)]
        unit = units.get(members[0], "-")
        scale, shown = _display(unit)
        for name in members:
            ax.plot(t, history[name] * scale, label=_label(name, unit).split(" [")[0])
        ax.set_xlabel(f"time [{t_unit}]")
        ax.set_ylabel(f"{prefix.strip('_').replace('_', ' ')} [{shown}]")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize="x-small")
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    name = title_of(data)
    fig.suptitle(f"Tone and release{f' in {name}' if name else ''} (phenomenological model)")
    return fig
