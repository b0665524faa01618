"""What every plot module shares: reading result.h5, display units, labels, colour bars.

result.h5's layout is in sim/include/myo/sim/result_writer.hpp (and the README's "Result files").
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

log = logging.getLogger(__name__)

PathLike = Union[str, "os.PathLike[str]"]

# Display scale of SI units: (factor, shown unit).
_DISPLAY = {"m": (1e3, "mm"), "Pa": (1e-3, "kPa"), "-": (1.0, "-"), "": (1.0, "-")}
# Length units of history columns, as (factor to mm).
_LENGTHS = {"m": 1e3, "mm": 1.0}

# Node order of the six faces of a VTK hexahedron (orientation does not matter for drawing).
_HEX_FACES = np.array([[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4],
                       [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]])


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value[()])
    return str(value)


def _display(unit: str) -> Tuple[float, str]:
    return _DISPLAY.get(unit, (1.0, unit))


def _h5_path(path: PathLike) -> Path:
    p = Path(path)
    return p / "result.h5" if p.is_dir() else p


def read_result(path: PathLike, step: int = -1) -> Dict[str, Any]:
    """Read a result.h5 (or the directory holding it).

    Returns a dict: ``attributes`` (root attributes), ``coordinates`` (n_nodes x 3, m),
    ``topology``, ``cell_type``, ``regions``, ``node_sets``, ``times`` (s, every written step),
    ``step`` (index read), ``fields`` (name -> array of that step), ``field_units``,
    ``history`` (name -> 1-D array, in column order) and ``history_units``.
    """
    import h5py

    h5 = _h5_path(path)
    if not h5.exists():
        raise FileNotFoundError(f"{h5}: no such file (expected the result.h5 of a run)")
    out: Dict[str, Any] = {}
    with h5py.File(h5, "r", locking=False) as f:
        out["attributes"] = {k: _text(v) for k, v in f.attrs.items()}
        mesh = f["mesh"]
        out["coordinates"] = mesh["coordinates"][()]
        out["topology"] = mesh["topology"][()]
        out["cell_type"] = _text(mesh["topology"].attrs.get("cell_type", "hex8"))
        out["regions"] = {k: v[()] for k, v in mesh["regions"].items()} if "regions" in mesh else {}
        out["node_sets"] = ({k: v[()] for k, v in mesh["node_sets"].items()}
                            if "node_sets" in mesh else {})
        names = list(f["steps"].keys()) if "steps" in f else []
        names.sort()
        out["times"] = np.array([float(f["steps"][k].attrs["time_s"]) for k in names])
        out["fields"], out["field_units"] = {}, {}
        if names:
            index = range(len(names))[step]
            out["step"] = index
            group = f["steps"][names[index]]
            for k, v in group.items():
                out["fields"][k] = v[()]
                out["field_units"][k] = _text(v.attrs.get("unit", ""))
        else:
            out["step"] = None
        out["history"], out["history_units"] = {}, {}
        if "history" in f:
            hist = f["history"]
            order = [_text(c) for c in hist.attrs["columns"]] if "columns" in hist.attrs else list(hist)
            for k in order:
                if k in hist:
                    out["history"][k] = hist[k][()]
                    out["history_units"][k] = _text(hist[k].attrs.get("unit", ""))
    return out


def _time_column(history: Dict[str, np.ndarray], units: Dict[str, str]) -> Optional[str]:
    for name in history:
        if name.lower().startswith("time"):
            return name
    for name in history:
        if units.get(name) == "s":
            return name
    return None


def _label(name: str, unit: str) -> str:
    """'reaction_force_top_z_N', 'N' -> 'reaction force top z [N]'."""
    _, shown = _display(unit)
    for suffix in {unit, shown}:
        if suffix and suffix != "-" and name.endswith("_" + suffix):
            name = name[: -len(suffix) - 1]
    return f"{name.replace('_', ' ')} [{shown}]"




def field_label(name: str, unit: str) -> str:
    """Colour-bar / axis label of a field: 'von_mises_stress', 'Pa' -> 'von Mises stress [kPa]'."""
    _, shown = _display(unit)
    return f"{name.replace('_', ' ').replace('von mises', 'von Mises')} [{shown}]"


def scalar_cells(values: np.ndarray) -> np.ndarray:
    """A cell or node field as one value per row: (n,) or (n, 1) -> (n,); (n, k) -> column 0."""
    values = np.asarray(values, dtype=float)
    return values[:, 0] if values.ndim == 2 else values


def norm_of(values: np.ndarray):
    """A matplotlib Normalize over the finite values (NaN cells, e.g. other materials, left out);
    a constant field gets a range of 1 so the colour bar still draws."""
    from matplotlib.colors import Normalize

    finite = values[np.isfinite(values)]
    lo = float(finite.min()) if finite.size else 0.0
    hi = float(finite.max()) if finite.size else 1.0
    return Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1.0)


def add_colorbar(fig, ax, norm, cmap: str, label: str):
    """A colour bar of (norm, cmap) beside ax, labelled with the field and its unit."""
    from matplotlib.cm import ScalarMappable

    return fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, label=label, shrink=0.85)


def time_scale(t: np.ndarray) -> Tuple[float, str]:
    """(divisor, unit) that shows times t (s) in s, min or h by their span."""
    span = float(np.nanmax(t)) if len(t) else 0.0
    if span >= 3 * 3600.0:
        return 3600.0, "h"
    if span >= 600.0:
        return 60.0, "min"
    return 1.0, "s"


def step_time(data: Dict[str, Any]) -> float:
    """Time (s) of the step held by data (from :func:`read_result`); NaN if none."""
    return float(data["times"][data["step"]]) if data["step"] is not None else float("nan")


def title_of(data: Dict[str, Any]) -> str:
    """The scenario's name from a result's attributes ('' if it has none)."""
    attrs = data["attributes"]
    name = attrs.get("scenario_name") or attrs.get("name")
    if not name and attrs.get("scenario", "").startswith("name:"):
        name = attrs["scenario"].split("\n", 1)[0][5:].strip()
    return name or ""


def is_axisymmetric(data: Dict[str, Any]) -> bool:
    return data["cell_type"].startswith("quad4")


def save(fig, path: Path, dpi: int = 120) -> Path:
    """Write fig to path (PNG) and return the path."""
    fig.savefig(path, dpi=dpi)
    log.info("wrote %s", path)
    return path
