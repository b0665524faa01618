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


# Columns of a staged study drawn by plot_stages when present, in panel order.
STAGE_PREFER = ("hip_flexor_tone", "hip_flexor_shortening_mm", "standing_tilt_deg", "stride_tilt_deg",
                "stride_hip_extension_deg", "standing_lumbar_extension_deg")


def plot_stages(data: Dict[str, Any], stage_names: Optional[Sequence[str]] = None,
                columns: Optional[Sequence[str]] = None):
    """A study whose history has a ``stage`` column (one row per stage, e.g. the hip_flexor_bridge:
    morning, after the day, end of the hold, ...): each chosen column as one point per stage (the
    order of the stages, not a time axis), the first stage's value as a dashed line. stage_names: labels (default: summary.json's ``stages``
    beside the result, else the stage numbers). Returns the Figure, or None without a stage column."""
    from matplotlib.figure import Figure

    history, units = data["history"], data["history_units"]
    if "stage" not in history or not len(history["stage"]):
        return None
    chosen = [c for c in (columns or STAGE_PREFER) if c in history]
    if not chosen:
        chosen = [c for c in history if c not in ("stage", "time_s", "converged")][:6]
    n_stages = len(history["stage"])
    labels = list(stage_names or [])[:n_stages]
    labels = [s.replace("_", " ") for s in labels] if len(labels) == n_stages else [str(int(s)) for s in history["stage"]]
    ncols = min(3, len(chosen))
    nrows = (len(chosen) + ncols - 1) // ncols
    fig = Figure(figsize=(4.6 * ncols, 3.4 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    x = np.arange(n_stages)
    for ax, name in zip(axes.flat, chosen):
        scale, _ = _display(units.get(name, ""))
        values = history[name] * scale
        ax.axhline(values[0], color="grey", linestyle="--", linewidth=0.8)
        ax.plot(x, values, color="tab:blue", marker="o", markersize=7, linestyle=":")
        for k, v in enumerate(values):
            ax.annotate(f"{v:.4g}", (k, v), textcoords="offset points", xytext=(0, 7), ha="center",
                        fontsize="x-small")
        span = float(np.ptp(values)) or abs(float(values[0])) or 1.0
        ax.set_ylim(float(values.min()) - 0.2 * span, float(values.max()) + 0.3 * span)
        ax.set_xticks(x, labels, rotation=30, ha="right", fontsize="small")
        ax.set_ylabel(_label(name, units.get(name, "")))
        ax.grid(True, axis="y", alpha=0.3)
    for ax in list(axes.flat)[len(chosen):]:
        ax.set_visible(False)
    title = title_of(data)
    fig.suptitle(f"Stages{f' of {title}' if title else ''}")
    return fig
