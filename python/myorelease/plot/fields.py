"""Plots of a run's fields (result.h5 /steps): the deformed mesh coloured by a cell field (3D
surface or a 2D section), the contact pressure map, stress and strain along the device axis, and
tone maps. Every function takes the dict of :func:`read_result` (one step) and returns a Figure.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ._common import (_display, add_colorbar, field_label, is_axisymmetric, norm_of, scalar_cells,
                      step_time, title_of)

log = logging.getLogger(__name__)

# Node order of the six faces of a VTK hexahedron (orientation does not matter for drawing).
_HEX_FACES = np.array([[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4],
                       [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]])
# The y- and y+ faces of a VTK hexahedron, in matching (x, z) order: a section at constant y.
_HEX_Y_LO, _HEX_Y_HI = np.array([0, 1, 5, 4]), np.array([3, 2, 6, 7])
_NAN_COLOUR = (0.85, 0.85, 0.85, 1.0)  # cells without the field (other materials)


def _boundary_faces(topology: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(faces n x 4 node ids, owning cell of each face) of the hex8 faces used by one cell."""
    faces = topology[:, _HEX_FACES].reshape(-1, 4)
    owner = np.repeat(np.arange(topology.shape[0]), 6)
    key = np.sort(faces, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    once = counts[np.ravel(inverse)] == 1
    return faces[once], owner[once]


def _von_mises_name(fields: Dict[str, np.ndarray]) -> str:
    """The von Mises field under either name it has been written under."""
    return next((f for f in ("von_mises_stress", "von_mises") if f in fields), "von_mises")


def _cell_values(data: Dict[str, Any], field: str) -> Tuple[np.ndarray, str]:
    """(values (n_cells,) in display units, colour-bar label) of a cell field of data's step."""
    unit = data["field_units"].get(field, "")
    factor, _ = _display(unit)
    return scalar_cells(data["fields"][field]) * factor, field_label(field, unit)


def _colours(values: np.ndarray, norm, cmap: str) -> np.ndarray:
    """RGBA (n, 4) of values; NaN (cells without the field) light grey."""
    from matplotlib import colormaps

    colours = colormaps[cmap](norm(np.nan_to_num(values)))
    colours[~np.isfinite(values)] = _NAN_COLOUR
    return colours


def _deformed_mm(data: Dict[str, Any], scale: float = 1.0) -> np.ndarray:
    """Deformed node coordinates (n_nodes x 3, mm): X + scale u."""
    X = np.asarray(data["coordinates"], dtype=float)
    u = np.asarray(data["fields"]["displacement"], dtype=float)
    x = X.copy()
    x[:, : u.shape[1]] += scale * u[:, : X.shape[1]]
    return x * 1e3


def _title(data: Dict[str, Any], what: str, scale: float = 1.0) -> str:
    name = title_of(data)
    return (f"{what}{f' of {name}' if name else ''} at t = {step_time(data):g} s"
            + ("" if scale == 1.0 else f" (displacement x {scale:g})"))


def _has(data: Dict[str, Any], *fields: str) -> bool:
    missing = [f for f in fields if f not in data["fields"]]
    if missing:
        log.warning("no %s in the step: plot left out", ", ".join(missing))
    return not missing


def plot_deformed(data: Dict[str, Any], field: Optional[str] = None, scale: float = 1.0,
                  cmap: str = "viridis"):
    """The deformed mesh (displacement x scale) coloured by a cell field (von Mises by default).
    Hex8 meshes show their outer faces in 3D; axisymmetric meshes their (r, z) section.
    field: a cell field of the step (default: the von Mises stress).
    Returns the Figure, or None if the step has no such fields."""
    from matplotlib.figure import Figure
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    field = field or _von_mises_name(data["fields"])
    if not _has(data, "displacement", field):
        return None
    if is_axisymmetric(data):
        return plot_section(data, field, scale=scale, cmap=cmap)
    x = _deformed_mm(data, scale)
    values, label = _cell_values(data, field)
    norm = norm_of(values)
    faces, owner = _boundary_faces(np.asarray(data["topology"], dtype=np.int64))
    fig = Figure(figsize=(7.0, 5.5), layout="constrained")
    ax = fig.add_subplot(projection="3d")
    ax.add_collection3d(Poly3DCollection(x[faces], facecolors=_colours(values, norm, cmap)[owner],
                                         edgecolors="k", linewidths=0.15))
    lo, hi = x.min(axis=0), x.max(axis=0)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_zlim(lo[2], hi[2])
    ax.set_box_aspect(np.maximum(hi - lo, 1e-9 * max(1.0, float((hi - lo).max()))))
    ax.view_init(elev=25, azim=-60)
    ax.set_xlabel("x [mm]")
    ax.set_ylabel("y [mm]")
    ax.set_zlabel("z [mm]")
    add_colorbar(fig, ax, norm, cmap, label)
    ax.set_title(_title(data, "Deformed mesh", scale))
    return fig


# ---------------------------------------------------------------------------- sections

def _quantity_m(text: Any) -> Optional[float]:
    """'20 mm' / '0.02 m' / 0.02 -> metres (None if not a length)."""
    if isinstance(text, (int, float)):
        return float(text)
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*(mm|cm|m)?\s*", str(text))
    if not m:
        return None
    return float(m.group(1)) * {"mm": 1e-3, "cm": 1e-2, "m": 1.0, None: 1.0}[m.group(2)]


def device_point(data: Dict[str, Any]) -> Optional[np.ndarray]:
    """Where the first device touches at t = 0 (3-vector, m), from the resolved scenario in the
    result's attributes; None when the run has no device (or it cannot be read)."""
    import yaml

    try:
        contact = (yaml.safe_load(data["attributes"].get("scenario", "")) or {}).get("contact") or []
        position = [_quantity_m(v) for v in contact[0]["position"]]
    except (yaml.YAMLError, AttributeError, KeyError, IndexError, TypeError):
        return None
    if any(v is None for v in position):
        return None
    return np.array((position + [0.0, 0.0, 0.0])[:3])


def section_y(data: Dict[str, Any], field: Optional[str] = None) -> float:
    """The y (m) of the plane a 3D section cuts: through the largest value of a cell field when
    given (e.g. the knot's tone), else the device's touching point, else the mid-plane."""
    X = np.asarray(data["coordinates"], dtype=float)
    topology = np.asarray(data["topology"], dtype=np.int64)
    if field is not None and field in data["fields"]:
        values = scalar_cells(data["fields"][field])
        if np.isfinite(values).any():
            return float(X[topology[int(np.nanargmax(values))], 1].mean())
    point = device_point(data)
    if point is not None:
        return float(point[1])
    return 0.5 * float(X[:, 1].min() + X[:, 1].max())


def section_polygons(data: Dict[str, Any], scale: float = 1.0,
                     y: Optional[float] = None) -> Tuple[np.ndarray, np.ndarray]:
    """The deformed mesh in a plane: (polygons (n, 4, 2) in mm, cell index of each (n,)).

    Axisymmetric meshes: every cell in (r, z). Hex8 meshes: the cells that the reference plane
    y = const (m; default :func:`section_y`) cuts, each drawn as its deformed section at that
    plane, in (x, z)."""
    x = _deformed_mm(data, scale)
    topology = np.asarray(data["topology"], dtype=np.int64)
    if is_axisymmetric(data):
        return x[topology][:, :, :2], np.arange(len(topology))
    X = np.asarray(data["coordinates"], dtype=float)
    y = section_y(data) if y is None else y
    y_lo = X[topology[:, _HEX_Y_LO], 1].mean(axis=1)
    y_hi = X[topology[:, _HEX_Y_HI], 1].mean(axis=1)
    top = y_hi >= X[:, 1].max() - 1e-12
    cut = np.nonzero((y_lo <= y) & ((y < y_hi) | (top & (y <= y_hi))))[0]
    w = ((y - y_lo[cut]) / (y_hi[cut] - y_lo[cut]))[:, None, None]
    section = (1 - w) * x[topology[cut][:, _HEX_Y_LO]] + w * x[topology[cut][:, _HEX_Y_HI]]
    return section[:, :, [0, 2]], cut


def draw_section(ax, data: Dict[str, Any], field: str, norm=None, cmap: str = "viridis",
                 scale: float = 1.0, y: Optional[float] = None):
    """Draw the section of :func:`section_polygons` coloured by a cell field into ax (mm axes).
    Returns (norm, colour-bar label)."""
    from matplotlib.collections import PolyCollection

    polys, cells = section_polygons(data, scale, y)
    values, label = _cell_values(data, field)
    norm = norm or norm_of(values[cells])
    ax.add_collection(PolyCollection(polys, facecolors=_colours(values[cells], norm, cmap),
                                     edgecolors="k", linewidths=0.2))
    ax.autoscale_view()
    ax.set_aspect("equal")
    axi = is_axisymmetric(data)
    ax.set_xlabel("r [mm]" if axi else "x [mm]")
    ax.set_ylabel("z [mm]")
    return norm, label


def plot_section(data: Dict[str, Any], field: Optional[str] = None, scale: float = 1.0,
                 cmap: str = "viridis", y: Optional[float] = None):
    """The deformed mesh in a plane, coloured by a cell field (von Mises by default): the (r, z)
    section of an axisymmetric mesh, or the y = const cut of a 3D one through the device (y in m;
    default :func:`section_y`). Returns the Figure, or None if the step lacks the field."""
    from matplotlib.figure import Figure

    field = field or _von_mises_name(data["fields"])
    if not _has(data, "displacement", field):
        return None
    fig = Figure(figsize=(6.4, 4.6), layout="constrained")
    ax = fig.subplots()
    y = section_y(data) if y is None and not is_axisymmetric(data) else y
    norm, label = draw_section(ax, data, field, cmap=cmap, scale=scale, y=y)
    add_colorbar(fig, ax, norm, cmap, label)
    where = "" if is_axisymmetric(data) else f", section y = {1e3 * y:g} mm"
    ax.set_title(_title(data, "Deformed section", scale) + where, fontsize=10)
    return fig


def plot_tone_map(steps: Sequence[Dict[str, Any]], field: str = "tone", cmap: str = "magma"):
    """A cell field of toned muscle (tone by default) on the deformed section at several steps,
    side by side on one colour scale; the 3D cut passes through the field's largest value at the
    first step (the knot). steps: dicts of :func:`read_result`, one per step.
    Returns the Figure, or None when the steps lack the field."""
    from matplotlib.figure import Figure

    steps = [d for d in steps if field in d["fields"] and "displacement" in d["fields"]]
    if not steps:
        return None
    y = None if is_axisymmetric(steps[0]) else section_y(steps[0], field)
    values = np.concatenate([_cell_values(d, field)[0] for d in steps])
    norm = norm_of(values)
    fig = Figure(figsize=(4.2 * len(steps) + 1.0, 3.8), layout="constrained")
    axes = fig.subplots(1, len(steps), squeeze=False)[0]
    for ax, data in zip(axes, steps):
        _, label = draw_section(ax, data, field, norm=norm, cmap=cmap, y=y)
        ax.set_title(f"t = {step_time(data):g} s", fontsize=10)
    add_colorbar(fig, list(axes), norm, cmap, label)
    where = "" if y is None else f" (section y = {1e3 * y:g} mm)"
    fig.suptitle(f"{field.replace('_', ' ')} of {title_of(steps[0]) or 'the run'}{where}; "
                 "grey: no toned muscle")
    return fig


# ---------------------------------------------------------------------------- contact, depth

def _contact_nodes(data: Dict[str, Any], p: np.ndarray) -> np.ndarray:
    """Node ids of the surface carrying the contact: the ``top`` set when it has any pressure
    (or nothing has), else the smallest node set holding the peak."""
    sets = {k: np.asarray(v, dtype=np.int64) for k, v in data["node_sets"].items() if k != "all"}
    if "top" in sets and (p[sets["top"]].max(initial=0.0) > 0 or not (p > 0).any()):
        return sets["top"]
    peak = int(np.argmax(p))
    holding = sorted((len(v), k) for k, v in sets.items() if peak in v)
    return sets[holding[0][1]] if holding else np.nonzero(p > 0)[0]


def plot_contact_pressure(data: Dict[str, Any], cmap: str = "inferno"):
    """The contact pressure map (node field ``contact_pressure``, kPa) on the surface the device
    presses, over the reference coordinates: a coloured (x, y) map for 3D meshes, p(r) for
    axisymmetric ones. Returns the Figure, or None if the step has no contact pressure."""
    from matplotlib.figure import Figure
    from matplotlib.tri import Triangulation

    if not _has(data, "contact_pressure"):
        return None
    p = scalar_cells(data["fields"]["contact_pressure"]) * 1e-3  # kPa
    nodes = _contact_nodes(data, p)
    X = np.asarray(data["coordinates"], dtype=float)[nodes] * 1e3
    fig = Figure(figsize=(6.0, 4.8) if not is_axisymmetric(data) else (6.0, 3.8), layout="constrained")
    ax = fig.subplots()
    if is_axisymmetric(data):
        order = np.argsort(X[:, 0])
        ax.plot(X[order, 0], p[nodes][order], marker="o", markersize=3)
        ax.set_xlabel("r (reference) [mm]")
        ax.set_ylabel("contact pressure [kPa]")
        ax.grid(True, alpha=0.3)
    else:
        norm = norm_of(p[nodes])
        ax.tripcolor(Triangulation(X[:, 0], X[:, 1]), p[nodes], shading="gouraud", cmap=cmap,
                     norm=norm)
        ax.set_aspect("equal")
        ax.set_xlabel("x (reference) [mm]")
        ax.set_ylabel("y (reference) [mm]")
        add_colorbar(fig, ax, norm, cmap, "contact pressure [kPa]")
    note = "" if p.max() > 0 else " (no contact pressure recorded)"
    ax.set_title(_title(data, "Contact pressure") + f"; peak {p.max():.4g} kPa{note}", fontsize=10)
    return fig


def axis_cells(data: Dict[str, Any]) -> np.ndarray:
    """Cells along the first device's axis, top first: the column of hex8 cells whose reference
    (x, y) centre is nearest the device's touching point (default: the centre of the mesh), or
    the axisymmetric cells touching r = 0; below the ``top`` set. Returns cell ids (n,)."""
    X = np.asarray(data["coordinates"], dtype=float)
    topology = np.asarray(data["topology"], dtype=np.int64)
    Xc = X[topology]  # (n_cells, nodes, 3)
    up = 1 if is_axisymmetric(data) else 2
    if is_axisymmetric(data):
        cells = np.nonzero(Xc[:, :, 0].min(axis=1) <= 1e-12)[0]
    else:
        point = device_point(data)
        if point is None:
            point = 0.5 * (X.min(axis=0) + X.max(axis=0))
        centre = Xc[:, :, :2].mean(axis=1)
        d = np.linalg.norm(centre - point[:2], axis=1)
        nearest = centre[np.argmin(d)]  # one column (a point on a node touches four)
        cells = np.nonzero(np.linalg.norm(centre - nearest, axis=1) < 1e-9)[0]
    if "top" in data["node_sets"]:  # below the pressed surface (not a meshed device above it)
        top = X[np.asarray(data["node_sets"]["top"]), up].max()
        cells = cells[Xc[cells, :, up].mean(axis=1) < top]
    return cells[np.argsort(-Xc[cells, :, up].mean(axis=1))]


def compressive_strain(green_lagrange: np.ndarray) -> np.ndarray:
    """Largest compressive strain 1 - lambda_min (-) of Green-Lagrange tensors (n, 9), with
    lambda_min = sqrt(1 + 2 E_min) the smallest principal stretch. Returns (n,)."""
    E = np.asarray(green_lagrange, dtype=float).reshape(-1, 3, 3)
    e_min = np.linalg.eigvalsh(0.5 * (E + E.transpose(0, 2, 1)))[:, 0]
    return 1.0 - np.sqrt(np.maximum(1.0 + 2.0 * e_min, 0.0))


def plot_depth_profile(data: Dict[str, Any]):
    """Stress and strain along the first device's axis, depth below the surface downwards:
    the depth profile arrays of result.h5 (compression max(0, -sigma_min) and compression along
    the travel, kPa) and the largest compressive strain 1 - lambda_min of the cells on the axis.
    Returns the Figure, or None when the step has no depth profile."""
    from matplotlib.figure import Figure

    fields = data["fields"]
    if not _has(data, "depth_profile_depth"):
        return None
    depth = scalar_cells(fields["depth_profile_depth"]) * 1e3
    fig = Figure(figsize=(8.4, 4.6), layout="constrained")
    ax_s, ax_e = fig.subplots(1, 2, sharey=True)
    for name, label in (("depth_profile_compression", "compression max(0, -sigma_min)"),
                        ("depth_profile_axial_compression", "compression along the travel")):
        if name in fields:
            ax_s.plot(scalar_cells(fields[name]) * 1e-3, depth, marker="o", markersize=3, label=label)
    ax_s.set_xlabel("compressive stress [kPa]")
    ax_s.set_ylabel("depth below the surface (reference) [mm]")
    ax_s.legend(fontsize="small")
    ax_s.set_title("stress on the axis", fontsize=10)
    if "green_lagrange_strain" in fields:
        cells = axis_cells(data)
        X = np.asarray(data["coordinates"], dtype=float)
        up = 1 if is_axisymmetric(data) else 2
        top = X[np.asarray(data["node_sets"]["top"]), up].max() if "top" in data["node_sets"] else X[:, up].max()
        z = X[np.asarray(data["topology"])[cells], up].mean(axis=1)
        strain = compressive_strain(fields["green_lagrange_strain"][cells])
        ax_e.plot(100 * strain, (top - z) * 1e3, marker="s", markersize=3)
    ax_e.set_xlabel("largest compressive strain 1 - lambda_min [%]")
    ax_e.set_ylabel("depth [mm]")
    ax_e.set_title("strain of the cells on the axis", fontsize=10)
    for ax in (ax_s, ax_e):
        ax.grid(True, alpha=0.3)
    ax_s.invert_yaxis()
    fig.suptitle(_title(data, "Along the device axis"))
    return fig
