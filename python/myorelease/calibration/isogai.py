"""Isogai et al. 2022 (J Phys Ther Sci 34:777): Young's moduli of gluteal fat and muscle in vivo.

An ultrasound probe is pressed on the buttock to 30 N while ultrasound tracks the thickness of the
subcutaneous tissue and of the muscle under it. The paper's Young's modulus at a load is the slope
of stress (force over the probe's area) against a layer's strain (thickness change over its
thickness) where that curve is nearly straight. ``scenarios/isogai_compression.yaml`` is the set-up
(axisymmetric, its geometry assumed); this module measures the same slopes on the FE run and fits
the presets' Ogden parameters to the paper's means.

What is fitted and what is predicted: the fat's (mu, alpha) and the muscle's (mu, alpha) are fitted
to the four means below (two per layer), so agreement at those four loads is by construction; the
curve between them, the lateral spread and everything at other loads are the model's.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

log = logging.getLogger(__name__)

SCENARIO = Path("scenarios") / "isogai_compression.yaml"
"""The set-up, relative to a checkout's root (scenarios are not installed with the package)."""

PROBE_AREA_M2 = 4.0e-4
"""The probe's contact area for the paper's stress, m^2 (a linear probe of about 40 x 10 mm;
assumed, the paper's figure was not available to us). Must match the scenario's disc."""


@dataclass(frozen=True)
class ModulusPoint:
    """One published Young's modulus: at ``force_N``, mean +/- sd in kPa (n = 21 young men)."""

    layer: str
    force_N: float
    mean_kPa: float
    sd_kPa: float


ISOGAI_2022: Tuple[ModulusPoint, ...] = (
    ModulusPoint("fat", 1.0, 26.1, 19.0),
    ModulusPoint("fat", 30.0, 2199.1, 1354.8),
    ModulusPoint("muscle", 5.0, 62.2, 10.3),
    ModulusPoint("muscle", 30.0, 440.4, 80.0),
)
"""Isogai et al. 2022, abstract [V]: subcutaneous tissue and gluteal muscle."""


@dataclass
class LayerCurves:
    """Force and each layer's compressive strain on the probe's axis, per accepted step.

    force_N: (n_steps,) probe force, N. strain: layer name -> (n_steps,) thickness change over the
    layer's reference thickness on the axis (positive in compression).
    """

    force_N: np.ndarray
    strain: Dict[str, np.ndarray] = field(default_factory=dict)

    def stress_Pa(self, area_m2: float = PROBE_AREA_M2) -> np.ndarray:
        """The paper's stress: force over the probe's area, Pa."""
        return self.force_N / area_m2


def axis_thicknesses(coordinates: np.ndarray, topology: np.ndarray,
                     regions: Mapping[str, np.ndarray]) -> Dict[str, Tuple[int, int]]:
    """For each region, the axis nodes (r = 0) at its bottom and top: region -> (bottom, top).

    coordinates: (n_nodes, 3) reference positions (r, z, 0), m. topology: (n_cells, 4) quad4.
    """
    on_axis = np.abs(coordinates[:, 0]) < 1e-12 * max(1.0, float(np.abs(coordinates).max()))
    ends: Dict[str, Tuple[int, int]] = {}
    for name, cells in regions.items():
        nodes = np.unique(topology[np.asarray(cells, dtype=np.int64)].ravel())
        nodes = nodes[on_axis[nodes]]
        if nodes.size < 2:
            continue
        z = coordinates[nodes, 1]
        ends[name] = (int(nodes[np.argmin(z)]), int(nodes[np.argmax(z)]))
    return ends


def layer_curves(result_h5: Union[str, Path], layers: Sequence[str] = ("fat", "muscle"),
                 contact: str = "probe") -> LayerCurves:
    """Read a run of the set-up: the probe force and each layer's axial strain per written step."""
    import h5py

    with h5py.File(result_h5, "r") as f:
        coordinates = f["mesh/coordinates"][()]
        topology = f["mesh/topology"][()]
        regions = {name: f["mesh/regions"][name][()] for name in f["mesh/regions"]}
        ends = axis_thicknesses(coordinates, topology, regions)
        missing = [name for name in layers if name not in ends]
        if missing:
            raise KeyError(f"layers {missing} are not regions on the axis of {result_h5}")
        history_force = f[f"history/{contact}_force_N"][()]
        history_time = f["history/time_s"][()]
        steps = sorted(f["steps"], key=lambda k: float(f["steps"][k].attrs["time_s"]))
        times = np.array([float(f["steps"][k].attrs["time_s"]) for k in steps])
        strain = {name: np.empty(len(steps)) for name in layers}
        for i, key in enumerate(steps):
            u = f["steps"][key]["displacement"][()]
            for name in layers:
                bottom, top = ends[name]
                h0 = coordinates[top, 1] - coordinates[bottom, 1]
                h = h0 + u[top, 1] - u[bottom, 1]
                strain[name][i] = (h0 - h) / h0
    force = np.interp(times, history_time, history_force)
    return LayerCurves(np.concatenate([[0.0], force]),
                       {name: np.concatenate([[0.0], s]) for name, s in strain.items()})


def apparent_modulus(curves: LayerCurves, layer: str, force_N: float, window: float = 0.2,
                     area_m2: float = PROBE_AREA_M2) -> float:
    """The paper's Young's modulus at ``force_N``, Pa: the least-squares slope of stress against
    the layer's strain over the steps whose force lies within ``force_N`` (1 +/- window) (at least
    the two steps around it)."""
    F = curves.force_N
    s = curves.stress_Pa(area_m2)
    e = curves.strain[layer]
    if not (F.min() <= force_N <= F.max()):
        raise ValueError(f"force {force_N} N is outside the run's range {F.min():.3g}-{F.max():.3g} N")
    pick = np.flatnonzero((F >= force_N * (1 - window)) & (F <= force_N * (1 + window)))
    if pick.size < 2:
        i = int(np.searchsorted(F, force_N))
        pick = np.array([max(i - 1, 0), min(i, F.size - 1)])
    slope = np.polyfit(e[pick], s[pick], 1)[0]
    return float(slope)


def moduli(curves: LayerCurves, data: Sequence[ModulusPoint] = ISOGAI_2022) -> List[float]:
    """The model's apparent modulus (kPa) at each published point."""
    return [apparent_modulus(curves, p.layer, p.force_N) / 1e3 for p in data]


def run_setup(params: Mapping[str, Union[str, float]], out: Union[str, Path],
              scenario: Union[str, Path] = SCENARIO, **overrides) -> LayerCurves:
    """Run the set-up with material overrides (``{"materials.fat.mu": "2 kPa", ...}``) into
    ``out`` and return its layer curves. Raises RuntimeError if the run does not reach 1.2 x the
    largest published load (36 N), which the slope window at 30 N needs."""
    from .. import api

    result = api.run(scenario, out=out, **{**dict(params), **overrides})
    curves = layer_curves(Path(out) / "result.h5")
    if curves.force_N.max() < 1.2 * max(p.force_N for p in ISOGAI_2022):
        raise RuntimeError(f"the Isogai set-up reached {curves.force_N.max():.3g} N only"
                           + ("" if result.completed else f" ({result.message})"))
    return curves


def fit(out: Union[str, Path], start: Mapping[str, float], fixed: Optional[Mapping[str, float]] = None,
        scenario: Union[str, Path] = SCENARIO) -> Dict[str, float]:
    """Fit material parameters to the four means, in log space (each residual is
    log(model / mean)).

    start: the fitted keys under ``materials`` and their first guesses, e.g. ``{"fat.mu": 300,
    "fat.mu2": 50, ...}`` (Pa and -); fixed: further keys held at the given values. Returns the
    fitted values and the residuals ``log_residual_<i>`` in the order of ISOGAI_2022.
    """
    from scipy.optimize import least_squares

    keys = list(start)
    x0 = np.array([math.log(start[k]) for k in keys])
    means = np.array([p.mean_kPa for p in ISOGAI_2022])
    held = {f"materials.{k}": float(v) for k, v in (fixed or {}).items()}

    def residual(x: np.ndarray) -> np.ndarray:
        values = {f"materials.{k}": float(math.exp(v)) for k, v in zip(keys, x)}
        try:
            curves = run_setup({**held, **values}, out, scenario)
        except RuntimeError as e:
            log.warning("fit: %s at %s", e, values)
            return np.full(means.size, 10.0)
        model = np.array(moduli(curves))
        log.info("fit: %s -> %s kPa", {k: f"{math.exp(v):.4g}" for k, v in zip(keys, x)},
                 np.round(model, 1))
        return np.log(model / means)

    # Within the registry's ranges: moduli 1 Pa - 1 MPa, exponents 2 (neo-Hookean) - 30.
    lower = np.array([math.log(2.0 if "alpha" in k else 1.0) for k in keys])
    upper = np.array([math.log(30.0 if "alpha" in k else 1e6) for k in keys])
    # A relative step of 1 %: finer ones see the step-to-step noise of the slopes.
    solution = least_squares(residual, np.clip(x0, lower, upper), bounds=(lower, upper),
                             diff_step=1e-2, xtol=1e-4, ftol=1e-4)
    fitted = {k: float(math.exp(v)) for k, v in zip(keys, solution.x)}
    fitted.update({f"log_residual_{i}": float(r) for i, r in enumerate(solution.fun)})
    return fitted


def modulus_curve(curves: LayerCurves, layer: str, forces_N: Sequence[float]) -> np.ndarray:
    """The model's apparent modulus (kPa) of ``layer`` at each force in ``forces_N``."""
    return np.array([apparent_modulus(curves, layer, F) / 1e3 for F in forces_N])


def plot(curves: LayerCurves, path: Union[str, Path]) -> Path:
    """Apparent modulus against force, model curves and the paper's means +/- sd; written to path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 4.2))
    top = 0.8 * float(curves.force_N.max())
    forces = np.geomspace(0.6, min(top, 40.0), 40)
    for layer, colour in (("fat", "tab:orange"), ("muscle", "tab:red")):
        ax.plot(forces, modulus_curve(curves, layer, forces), color=colour, label=f"model, {layer}")
        points = [p for p in ISOGAI_2022 if p.layer == layer]
        ax.errorbar([p.force_N for p in points], [p.mean_kPa for p in points],
                    yerr=[p.sd_kPa for p in points], fmt="o", color=colour, capsize=4,
                    label=f"Isogai et al. 2022, {layer} (mean +/- sd)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("probe force (N)")
    ax.set_ylabel("apparent Young's modulus (kPa)")
    ax.set_title("In vivo stiffening under an ultrasound probe")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
