"""Plots of results on disk (result.h5, layout in sim/include/myo/sim/result_writer.hpp).

Every function builds a matplotlib Figure without pyplot (so it works headless and does not
change the backend of a notebook) and returns it; ``plot_dir`` also writes PNGs.
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
    title = data["attributes"].get("scenario_name") or data["attributes"].get("name")
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


def _boundary_faces(topology: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(faces n x 4 node ids, owning cell of each face) of the hex8 faces used by one cell."""
    faces = topology[:, _HEX_FACES].reshape(-1, 4)
    owner = np.repeat(np.arange(topology.shape[0]), 6)
    key = np.sort(faces, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    once = counts[np.ravel(inverse)] == 1
    return faces[once], owner[once]


def plot_deformed(data: Dict[str, Any], field: Optional[str] = None, scale: float = 1.0,
                  cmap: str = "viridis"):
    """The deformed mesh (displacement x scale) coloured by a cell field (von Mises by default).
    Hex8 meshes show their outer faces in 3D; axisymmetric meshes their (r, z) section.
    field: a cell field of the step (default: the von Mises stress).
    Returns the Figure, or None if the step has no such fields."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    fields = data["fields"]
    if field is None:  # von Mises, by either name it has been written under
        field = next((f for f in ("von_mises_stress", "von_mises") if f in fields), "von_mises")
    if "displacement" not in fields or field not in fields:
        log.warning("no %s or displacement in the last step: no deformed-mesh plot", field)
        return None
    X = np.asarray(data["coordinates"], dtype=float)
    u = np.asarray(fields["displacement"], dtype=float)
    x = (X + scale * u[:, : X.shape[1]]) * 1e3  # mm
    values = np.asarray(fields[field], dtype=float)
    values = values[:, 0] if values.ndim == 2 else values
    unit = data["field_units"].get(field, "")
    factor, shown = _display(unit)
    values = values * factor
    topology = np.asarray(data["topology"], dtype=np.int64)
    norm = Normalize(vmin=float(values.min()), vmax=float(values.max()) if values.max() > values.min()
                     else float(values.min()) + 1.0)
    colors = colormaps[cmap](norm(values))
    label = f"{field.replace('_', ' ')} [{shown}]"
    t = data["times"][data["step"]] if data["step"] is not None else float("nan")
    title = f"Deformed mesh at t = {t:g} s" + ("" if scale == 1.0 else f" (displacement x {scale:g})")

    if data["cell_type"].startswith("quad4"):
        from matplotlib.collections import PolyCollection

        fig = Figure(figsize=(6.0, 5.0), layout="constrained")
        ax = fig.subplots()
        polys = x[topology][:, :, :2]
        ax.add_collection(PolyCollection(polys, facecolors=colors, edgecolors="k", linewidths=0.2))
        ax.autoscale_view()
        ax.set_aspect("equal")
        ax.set_xlabel("r [mm]")
        ax.set_ylabel("z [mm]")
    else:
        from mpl_toolkits.mplot3d.art3d import Poly3DCollection

        faces, owner = _boundary_faces(topology)
        fig = Figure(figsize=(7.0, 5.5), layout="constrained")
        ax = fig.add_subplot(projection="3d")
        ax.add_collection3d(Poly3DCollection(x[faces], facecolors=colors[owner], edgecolors="k",
                                             linewidths=0.15))
        lo, hi = x.min(axis=0), x.max(axis=0)
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.set_zlim(lo[2], hi[2])
        ax.set_box_aspect(np.maximum(hi - lo, 1e-9 * max(1.0, float((hi - lo).max()))))
        ax.view_init(elev=25, azim=-60)
        ax.set_xlabel("x [mm]")
        ax.set_ylabel("y [mm]")
        ax.set_zlabel("z [mm]")
    fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, label=label, shrink=0.8)
    ax.set_title(title)
    return fig


def plot_dir(directory: PathLike, out_dir: Optional[PathLike] = None, dpi: int = 120) -> List[Path]:
    """Draw the history, force-displacement curve and deformed mesh of DIR/result.h5 into
    PNGs (in out_dir, default DIR). Returns the paths written."""
    directory = Path(directory)
    data = read_result(directory)
    target = Path(out_dir) if out_dir is not None else (directory if directory.is_dir()
                                                        else directory.parent)
    target.mkdir(parents=True, exist_ok=True)
    written: List[Path] = []
    for name, fig in (("history.png", plot_history(data)),
                      ("force_displacement.png", plot_force_displacement(data)),
                      ("deformed_von_mises.png", plot_deformed(data))):
        if fig is None:
            continue
        path = target / name
        fig.savefig(path, dpi=dpi)
        log.info("wrote %s", path)
        written.append(path)
    return written


# Columns of a device comparison, with their display labels.
_COMPARISON_PANELS = (
    ("peak_contact_pressure_kPa", "peak skin pressure (kPa)"),
    ("target_mean_compressive_stress_kPa", "mean compressive stress\nin the target (kPa)"),
    ("target_force_fraction", "fraction of the force\nreaching the target (-)"),
    ("target_stress_per_skin_pressure", "target stress per unit\nof peak skin pressure (-)"),
)


def plot_comparison(table):
    """Bars of a comparison table (``myorelease.compare``: one row per variant): peak skin
    pressure, stress reaching the target, the fraction of the force that reaches it, and their
    ratio. Returns the Figure, or None when the table has none of those columns."""
    from matplotlib.figure import Figure

    panels = [(c, label) for c, label in _COMPARISON_PANELS if c in table.columns]
    if not panels:
        return None
    fig = Figure(figsize=(3.2 * len(panels), 3.4), layout="constrained")
    names = [str(v) for v in table.index]
    for k, (column, label) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), k + 1)
        ax.bar(names, table[column].to_numpy(dtype=float), color="tab:blue")
        ax.set_title(label, fontsize=9)
        ax.tick_params(axis="x", labelrotation=35, labelsize=8)
    return fig
