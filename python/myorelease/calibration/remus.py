"""Remus et al. 2024 (Front Bioeng Biotechnol 12:1384062): the abdomen indented in vivo.

A hemispherical tip (10 mm radius, 5 mm/s) was pressed up to 30 mm into the abdomen of ten lean
men (BMI 19.5-24.6) lying down, trunk muscles relaxed and then activated, at six regions; the
paper's supplementary DataSheet1.CSV (CC BY 4.0) gives each region's force-depth curve as
polynomial fits F(d) (N, d in mm): per participant and for the mean, the lower and the upper edge
of the corridor. ``scenarios/remus_abdomen_indentation.yaml`` is the set-up (axisymmetric: skin,
fat, abdominal wall and the viscera under it on a fixed base; thicknesses assumed); this module
reads its force-depth curve, compares it with the corridor and fits the viscera's Ogden parameters.

What is fitted and what is predicted: skin, fat and wall keep their presets (fitted elsewhere, to
Hendriks 2005 and Isogai et al. 2022); only the viscera's (mu, alpha) are fitted here, to the mean
of the relaxed regions' mean curves at 10-25 mm. The shallow part (under about 10 mm, where skin
and fat carry the tip) is the other presets' prediction.

Provenance of the numbers [S]: the CSV was read from a copy of the publisher's supplementary file
(MD5 8f7b1a13... as published), not from the paper's text, which we could not read. The labels R1-R6
(relaxed) and A1-A6 (activated) are inferred from the file (A is 2-4x stiffer, as the abstract
says activation makes the abdomen stiffer); which anatomical site each number is was not
available. R6 is left out: it is three to five times stiffer than R1-R5 and stops at 20 mm, as a
site over bone or the posterior wall would (a guess); the abstract reports no significant
difference between the anterior-lateral regions.
"""
from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

log = logging.getLogger(__name__)

SCENARIO = Path("scenarios") / "remus_abdomen_indentation.yaml"
"""The set-up, relative to a checkout's root (scenarios are not installed with the package)."""

CONTACT = "indenter"
"""The contact's name in the scenario (its history key prefix)."""


@dataclass(frozen=True)
class RegionCurves:
    """One region's corridor from DataSheet1.CSV: polynomials F(d) in N of the depth d in mm,
    coefficients in descending powers (constant term 0), valid up to ``max_depth_mm``."""

    region: str
    max_depth_mm: float
    mean: Tuple[float, ...]
    low: Tuple[float, ...]
    high: Tuple[float, ...]

    def force_N(self, depth_mm: Union[float, np.ndarray], which: str = "mean") -> np.ndarray:
        """F at ``depth_mm`` (mm) from the ``which`` curve ("mean", "low", "high"); NaN past
        the fit's range."""
        d = np.asarray(depth_mm, dtype=float)
        F = np.polyval(list(getattr(self, which)) + [0.0], d)
        return np.where(d <= self.max_depth_mm + 1e-9, F, np.nan)


REMUS_2024_RELAXED: Tuple[RegionCurves, ...] = (
    RegionCurves("R1", 25.0, (0.00868379195465799, 0.246189155180429),
                 (-3.3150870947608e-05, 0.00798417430464892, 0.13691924063437),
                 (0.000227883773357328, 0.00352065207771061, 0.473096714799357)),
    RegionCurves("R2", 30.0, (-2.93731970440486e-06, 0.000258998968385242, 0.00247940091750508,
                              0.216347297666236),
                 (-4.19731224243395e-05, 0.00654870322352647, 0.133030479083258),
                 (0.000272045862553682, 0.00154073060593354, 0.291342026016322)),
    RegionCurves("R3", 30.0, (0.00860378238220968, 0.125999776463138),
                 (1.42024464079988e-06, -7.81032330071252e-05, 0.00818467913841052,
                  0.111012838543518),
                 (0.000423812793008446, -0.00439850409004826, 0.254568156890786)),
    RegionCurves("R4", 30.0, (0.00527942115225631, 0.185899992638835),
                 (0.000127511857841879, -0.00143893234819768, 0.169479494918585),
                 (8.17233460973183e-07, -7.52943818645534e-05, 0.00225478249070023,
                  -0.0165941574655679, 0.302631729646939)),
    RegionCurves("R5", 25.0, (5.3593757841773e-06, 0.00017100270658353, 0.0036768665466494,
                              0.173969433774535),
                 (6.86394649870261e-05, 0.00631136860281837, 0.096624440553351),
                 (0.0005644205415642, 0.0027313954840865, 0.230735446815536)),
)
"""Relaxed regions R1-R5: rangeMean, rangeMin, rangeMax fits of DataSheet1.CSV [S]."""

FIT_DEPTHS_MM: Tuple[float, ...] = (10.0, 15.0, 20.0, 25.0)
"""Depths (mm) where the fit compares the model with the corridor's mean: every relaxed region's
fit is valid there."""


@dataclass(frozen=True)
class Corridor:
    """At each depth (mm): the mean of the regions' mean curves and the lowest low and highest
    high edge among the regions whose fit reaches that depth (N). Arrays of shape (n_depths,)."""

    depth_mm: np.ndarray
    mean_N: np.ndarray
    low_N: np.ndarray
    high_N: np.ndarray


def corridor(depth_mm: Sequence[float],
             regions: Sequence[RegionCurves] = REMUS_2024_RELAXED) -> Corridor:
    """The relaxed abdomen's corridor at ``depth_mm`` (NaN where no region's fit reaches)."""
    d = np.asarray(depth_mm, dtype=float)
    stack = {w: np.array([r.force_N(d, w) for r in regions]) for w in ("mean", "low", "high")}
    with warnings.catch_warnings():  # a depth no region reaches is NaN, not a warning
        warnings.simplefilter("ignore", RuntimeWarning)
        return Corridor(d, np.nanmean(stack["mean"], axis=0), np.nanmin(stack["low"], axis=0),
                        np.nanmax(stack["high"], axis=0))


def force_depth(result_h5: Union[str, Path], contact: str = CONTACT) -> Tuple[np.ndarray, np.ndarray]:
    """The run's indenter travel (mm) and force (N) per accepted step, from 0."""
    import h5py

    with h5py.File(result_h5, "r") as f:
        depth = f[f"history/{contact}_depth_mm"][()]
        force = f[f"history/{contact}_force_N"][()]
    return np.concatenate([[0.0], depth]), np.concatenate([[0.0], force])


def model_force(result_h5: Union[str, Path], depths_mm: Sequence[float] = FIT_DEPTHS_MM) -> np.ndarray:
    """The model's force (N) at each of ``depths_mm``; ValueError if the run did not get there."""
    depth, force = force_depth(result_h5)
    d = np.asarray(depths_mm, dtype=float)
    if d.max() > depth.max() + 1e-9:
        raise ValueError(f"the run reached {depth.max():.3g} mm, short of {d.max():.3g} mm")
    return np.interp(d, depth, force)


def run_setup(params: Mapping[str, Union[str, float]], out: Union[str, Path],
              scenario: Union[str, Path] = SCENARIO) -> Path:
    """Run the set-up with overrides (``{"materials.viscera.mu": 2000, ...}``) into ``out``;
    returns the result file. RuntimeError if the run stops before the deepest fit depth."""
    from .. import api

    result = api.run(scenario, out=out, **dict(params))
    path = Path(out) / "result.h5"
    depth, _ = force_depth(path)
    if depth.max() < max(FIT_DEPTHS_MM) - 1e-9:
        raise RuntimeError(f"the Remus set-up reached {depth.max():.3g} mm only"
                           + ("" if result.completed else f" ({result.message})"))
    return path


def fit(out: Union[str, Path], start: Mapping[str, float],
        fixed: Optional[Mapping[str, float]] = None,
        scenario: Union[str, Path] = SCENARIO) -> Dict[str, float]:
    """Fit material keys to the corridor's mean at FIT_DEPTHS_MM in log space (residual
    log(model / mean) per depth). start: keys under ``materials`` with first guesses (Pa, -),
    e.g. ``{"viscera.mu": 1400, "viscera.alpha": 8}``. Returns the values and ``log_residual_<i>``."""
    from scipy.optimize import least_squares

    keys = list(start)
    target = corridor(FIT_DEPTHS_MM).mean_N
    held = {f"materials.{k}": float(v) for k, v in (fixed or {}).items()}

    def residual(x: np.ndarray) -> np.ndarray:
        values = {f"materials.{k}": float(math.exp(v)) for k, v in zip(keys, x)}
        try:
            model = model_force(run_setup({**held, **values}, out, scenario))
        except RuntimeError as e:
            log.warning("fit: %s at %s", e, values)
            return np.full(target.size, 10.0)
        log.info("fit: %s -> %s N", {k: f"{math.exp(v):.4g}" for k, v in zip(keys, x)},
                 np.round(model, 2))
        return np.log(model / target)

    lower = np.array([math.log(2.0 if "alpha" in k else 1.0) for k in keys])
    upper = np.array([math.log(30.0 if "alpha" in k else 1e6) for k in keys])
    x0 = np.clip([math.log(start[k]) for k in keys], lower, upper)
    solution = least_squares(residual, x0, bounds=(lower, upper), diff_step=1e-2, xtol=1e-4,
                             ftol=1e-4)
    fitted = {k: float(math.exp(v)) for k, v in zip(keys, solution.x)}
    fitted.update({f"log_residual_{i}": float(r) for i, r in enumerate(solution.fun)})
    return fitted


def plot(result_h5: Union[str, Path], path: Union[str, Path]) -> Path:
    """Force against depth: the model and the relaxed corridor (each region's mean, the envelope
    of their low and high edges); written to ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    depth, force = force_depth(result_h5)
    d = np.linspace(0.0, 30.0, 61)
    band = corridor(d)
    fig, ax = plt.subplots(figsize=(6.0, 4.2))
    ax.fill_between(d, band.low_N, band.high_N, color="0.85",
                    label="Remus et al. 2024, relaxed R1-R5: corridor")
    for r in REMUS_2024_RELAXED:
        ax.plot(d, r.force_N(d), color="0.5", lw=0.8)
    all_five = d <= min(r.max_depth_mm for r in REMUS_2024_RELAXED)
    ax.plot(d[all_five], band.mean_N[all_five], color="k", lw=1.5,
            label="mean of the regions' means (the fit's target)")
    ax.plot(depth, force, color="tab:red", lw=2, label="model")
    ax.set_xlabel("indenter travel (mm)")
    ax.set_ylabel("force (N)")
    ax.set_title("Abdomen in vivo under a 20 mm hemispherical tip")
    ax.set_xlim(0, 30)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
