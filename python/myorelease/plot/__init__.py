"""Plots of results on disk: a run's directory (result.h5, layout in
sim/include/myo/sim/result_writer.hpp), a comparison (comparison.csv) or a sweep (sweep.csv,
sobol_indices.csv).

Every function builds a matplotlib Figure without pyplot (so it works headless and does not
change the backend of a notebook) and returns it; :func:`plot_dir` also writes PNGs.
Modules: ``history`` (history columns, force-displacement, tone over time), ``fields`` (deformed
mesh, sections, contact pressure, depth profile, tone maps), ``tables`` (comparison bars, sweep
heat maps, Sobol bars), ``pelvis`` (stick figure before and after).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import List, Optional

import numpy as np

from ._common import PathLike, read_result, save
from .fields import (device_point, plot_contact_pressure, plot_deformed, plot_depth_profile, plot_section,
                     plot_tone_map, section_polygons)
from .history import plot_force_displacement, plot_history, plot_stages, plot_tone_history
from .pelvis import plot_pelvis
from .tables import (plot_comparison, plot_sobol, plot_sweep_heatmap, read_comparison, read_sweep)

log = logging.getLogger(__name__)

__all__ = ["read_result", "plot_history", "plot_force_displacement", "plot_tone_history",
           "plot_stages", "plot_deformed", "plot_section", "plot_contact_pressure", "plot_depth_profile",
           "plot_tone_map", "plot_comparison", "plot_sweep_heatmap", "plot_sobol", "plot_pelvis",
           "read_comparison", "read_sweep", "section_polygons", "plot_dir", "plottable"]


def plottable(directory: PathLike) -> bool:
    """True if DIR (or the file) holds something plot_dir draws: result.h5, comparison.csv or
    sweep.csv."""
    p = Path(directory)
    if p.is_file():
        return p.suffix == ".h5"
    return any((p / name).is_file() for name in ("result.h5", "comparison.csv", "sweep.csv"))


def _tone_steps(path: Path, n_steps: int, most: int = 4) -> list:
    """Up to `most` written steps, first and last included, for tone maps."""
    picks = sorted(set(np.linspace(0, n_steps - 1, min(most, n_steps)).round().astype(int)))
    return [read_result(path, step=int(k)) for k in picks]


def _has_contact(data: dict) -> bool:
    """True if the run has a device (the resolved scenario's contact) or any contact pressure."""
    p = data["fields"].get("contact_pressure")
    return device_point(data) is not None or (p is not None and bool(np.any(np.asarray(p) > 0)))


def _stage_names(path: Path) -> list:
    """summary.json's ``stages`` (comma-separated) beside a result, or []."""
    import json

    summary = (path if path.is_dir() else path.parent) / "summary.json"
    try:
        text = json.loads(summary.read_text()).get("stages", "")
    except (OSError, ValueError):
        return []
    return [s.strip() for s in text.split(",")] if isinstance(text, str) and text else []


def run_figures(path: Path) -> dict:
    """{file name: Figure or None} of one run (result.h5 or its directory). A study (no mesh):
    its history, and its stages when it has them."""
    data = read_result(path)
    if len(data["topology"]) == 0:
        return {"history.png": plot_history(data), "stages.png": plot_stages(data, _stage_names(Path(path)))}
    figures = {"history.png": plot_history(data),
               "force_displacement.png": plot_force_displacement(data),
               "deformed_von_mises.png": plot_deformed(data),
               "section_von_mises.png": plot_section(data) if data["cell_type"] == "hex8" else None,
               "contact_pressure.png": plot_contact_pressure(data) if _has_contact(data) else None,
               "depth_profile.png": plot_depth_profile(data),
               "tone_history.png": plot_tone_history(data)}
    if "tone" in data["fields"]:
        figures["tone_map.png"] = plot_tone_map(_tone_steps(path, len(data["times"])))
    return figures


def sweep_figures(directory: Path) -> dict:
    """{file name: Figure or None} of a sweep directory: a heat map per output of a sweep over
    two or more parameters, and the Sobol bars when sobol_indices.csv is there."""
    import pandas as pd

    table, units = read_sweep(directory)
    figures = {}
    if len(table.attrs["parameters"]) >= 2 and "block" not in table.columns:
        numeric = [c for c in table.attrs["outputs"] or table.columns[table.columns.get_loc("error") + 1:]
                   if c in table.columns and pd.api.types.is_numeric_dtype(table[c])]
        for output in numeric:
            figures[f"sweep_{output}.png"] = plot_sweep_heatmap(table, output, units=units)
    if (directory / "sobol_indices.csv").is_file():
        figures["sobol_indices.png"] = plot_sobol(pd.read_csv(directory / "sobol_indices.csv"))
    return figures


def plot_dir(directory: PathLike, out_dir: Optional[PathLike] = None, dpi: int = 120) -> List[Path]:
    """Draw everything DIR supports into PNGs (in out_dir, default DIR); returns the paths.

    A run (DIR/result.h5): history, force-displacement, deformed mesh (3D surface, and a section
    through the device for 3D meshes), contact pressure map, stress and strain along the device
    axis, and tone history and tone maps when the run has toned muscle. A comparison
    (comparison.csv): bars per device. A study: its history and stages, and the runs it chained
    (subdirectories with a result.h5) into the same subdirectories of out_dir. A sweep (sweep.csv): heat maps of each output over two
    parameters, Sobol bars (sobol_indices.csv). Plots a result cannot support are left out."""
    directory = Path(directory)
    target = Path(out_dir) if out_dir is not None else (directory if directory.is_dir()
                                                        else directory.parent)
    target.mkdir(parents=True, exist_ok=True)
    figures = {}
    if directory.is_file() or (directory / "result.h5").is_file():
        figures.update(run_figures(directory))
    if directory.is_dir() and (directory / "comparison.csv").is_file():
        figures["comparison.png"] = plot_comparison(read_comparison(directory))
    if directory.is_dir() and (directory / "sweep.csv").is_file():
        figures.update(sweep_figures(directory))
    written = [save(fig, target / name, dpi) for name, fig in figures.items() if fig is not None]
    # A study that chains runs keeps each in a subdirectory (e.g. the bridge's release/).
    if directory.is_dir() and (directory / "result.h5").is_file():
        for sub in sorted(p for p in directory.iterdir() if (p / "result.h5").is_file()):
            (target / sub.name).mkdir(exist_ok=True)
            written += [save(fig, target / sub.name / name, dpi)
                        for name, fig in run_figures(sub).items() if fig is not None]
    return written
