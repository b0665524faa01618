"""Mesh convergence: run one scenario on a sequence of refined meshes and estimate the error.

Every cell count of the scenario's ``mesh:`` (``cells_x``, ``cells_fat``, ``cells_r``,
``layers[i].cells``, ...) is multiplied by the level's factor (rounded, at least 1), so with a
constant ratio r between levels the mesh size h shrinks by r each time. From three levels with
values f1 (coarse), f2, f3 (fine) of a summary key, Richardson extrapolation gives

    observed order      p = ln(|f1 - f2| / |f2 - f3|) / ln r,
    error of the finest e = |f2 - f3| / (r^p - 1),
    grid convergence index GCI = 1.25 e / |f3|       (Roache 1994, J Fluids Eng 116:405),

valid when the three values converge monotonically ((f1 - f2)(f2 - f3) > 0); otherwise the key
is reported as oscillating and no order is claimed. Graded meshes keep their grading: the
refinement moves every node line, not only those near the focus.

With ``at_times``, the keys are also read from the history rows at those times (a load table's
breakpoints are steps of the run, e.g. each force of a force ramp), and estimated at every time
that the three finest levels reached, whether or not their runs went on to the end: a coarse
mesh that stops short of the last load still gives the figures at the loads before it.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import yaml

from . import api

log = logging.getLogger(__name__)

__all__ = ["Level", "KeyConvergence", "mesh_cell_keys", "refined_overrides", "richardson",
           "history_at", "mesh_convergence"]


@dataclass
class Level:
    """One run of the study: its factor, the mesh overrides, the run's DOFs, summary values (the
    study's keys) and wall time (s); ``completed`` False if the solver stopped early."""

    factor: float
    overrides: Dict[str, int]
    n_dofs: int = 0
    values: Dict[str, float] = field(default_factory=dict)
    wall_time_s: float = 0.0
    completed: bool = True
    message: str = ""
    #: time (s) -> key -> the history value at that time; a time the run did not reach is absent
    at_times: Dict[float, Dict[str, float]] = field(default_factory=dict)


@dataclass
class KeyConvergence:
    """Richardson estimate for one key from three levels (coarse to fine); ``order`` and
    ``error`` are NaN when the values oscillate or stall (``monotone`` False); ``time_s`` is the
    history time (s) the values were read at, None for the summary's values."""

    key: str
    values: Tuple[float, float, float]
    ratio: float
    monotone: bool
    order: float
    error: float
    gci: float
    time_s: Optional[float] = None


def _walk_cells(node: Any, path: str) -> Iterator[Tuple[str, int]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            sub = f"{path}.{key}"
            if isinstance(key, str) and key.startswith("cells") and isinstance(value, int) \
                    and not isinstance(value, bool):
                yield sub, value
            else:
                yield from _walk_cells(value, sub)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_cells(value, f"{path}[{i}]")


def mesh_cell_keys(scenario: Union[api.Scenario, str, Path, Mapping]) -> Dict[str, int]:
    """Every cell count under ``mesh:`` of the scenario with defaults filled in: key path -> count,
    e.g. ``{"mesh.cells_x": 32, "mesh.layers[0].cells": 10}``."""
    document = yaml.safe_load(api.load(scenario).resolved_yaml())
    return dict(_walk_cells(document.get("mesh", {}), "mesh"))


def refined_overrides(cells: Mapping[str, int], factor: float) -> Dict[str, int]:
    """The cell counts multiplied by ``factor`` (> 0), rounded, at least 1."""
    if not (factor > 0 and math.isfinite(factor)):
        raise ValueError(f"factor: {factor} is not allowed; expected a finite number > 0")
    return {key: max(1, int(round(n * factor))) for key, n in cells.items()}


def richardson(key: str, values: Sequence[float], ratio: float) -> KeyConvergence:
    """Observed order, error estimate of the finest value and its GCI from three values
    (coarse, medium, fine) on meshes refined by ``ratio`` (> 1) each time."""
    if len(values) != 3:
        raise ValueError(f"values: need three levels (coarse, medium, fine), got {len(values)}")
    if not ratio > 1:
        raise ValueError(f"ratio: {ratio} is not allowed; expected > 1")
    f1, f2, f3 = (float(v) for v in values)
    d12, d23 = f1 - f2, f2 - f3
    monotone = d12 * d23 > 0 and abs(d12) > abs(d23)
    if not monotone:
        nan = float("nan")
        return KeyConvergence(key, (f1, f2, f3), ratio, False, nan, nan, nan)
    order = math.log(abs(d12) / abs(d23)) / math.log(ratio)
    error = abs(d23) / (ratio ** order - 1.0)
    gci = 1.25 * error / abs(f3) if f3 != 0 else float("inf")
    return KeyConvergence(key, (f1, f2, f3), ratio, True, order, error, gci)


def history_at(history: Mapping[str, Sequence[float]], times_s: Sequence[float],
               keys: Sequence[str]) -> Dict[float, Dict[str, float]]:
    """The ``keys`` of the history rows at ``times_s`` (s; a row within 1e-9 s of the time, the
    last such row); times no row reached are left out. history: column name -> values, with
    ``time_s``."""
    missing = [k for k in keys if k not in history]
    if missing:
        raise KeyError(f"keys {missing} are not in the run's history")
    t = [float(v) for v in history["time_s"]]
    columns = {k: list(history[k]) for k in keys}
    found: Dict[float, Dict[str, float]] = {}
    for when in times_s:
        rows = [i for i, ti in enumerate(t) if abs(ti - when) <= 1e-9]
        if rows:
            found[float(when)] = {k: float(columns[k][rows[-1]]) for k in keys}
    return found


def mesh_convergence(scenario: Union[api.Scenario, str, Path, Mapping], keys: Sequence[str],
                     factors: Sequence[float] = (1.0, 1.5, 2.25),
                     out: Optional[Union[str, Path]] = None, at_times: Sequence[float] = (),
                     refine: Optional[Sequence[str]] = None, **overrides: Any) -> Tuple[List[Level], List[KeyConvergence]]:
    """Run ``scenario`` (with ``overrides``) at each refinement factor and estimate the error of
    ``keys`` (summary keys, e.g. ``"device_peak_pressure_kPa"``).

    factors: three or more, in a constant ratio (coarse first). out: if given, level i writes into
    ``out/level_<i>``. at_times: history times (s) to estimate the keys at as well (history
    columns of the same names). refine: the cell-count keys to scale (e.g. ``["mesh.cells_x",
    "mesh.cells_y"]``: across the layers only); None: every one. A layer of one cell cannot be
    refined by less than 2, so a study by sqrt 2 through thin layers is not a uniform refinement.

    Returns the levels and, for the last three, one :class:`KeyConvergence` per key (when they all
    completed) and per key and time they all reached.
    """
    base = api.load(scenario)
    if overrides:
        base.set(**overrides)
    cells = mesh_cell_keys(base)
    if not cells:
        raise ValueError("mesh: the scenario's mesh has no cell counts to refine (a file mesh?)")
    if refine is not None:
        unknown = [k for k in refine if k not in cells]
        if unknown:
            raise ValueError(f"refine: {unknown} are not cell counts of the mesh ({sorted(cells)})")
        cells = {k: cells[k] for k in refine}
    levels: List[Level] = []
    for i, factor in enumerate(factors):
        mesh = refined_overrides(cells, factor)
        level = Level(float(factor), mesh)
        started = time.perf_counter()
        target = None if out is None else Path(out) / f"level_{i}"
        result = api.run(base, out=target, **mesh)
        level.wall_time_s = time.perf_counter() - started
        level.n_dofs = result.n_dofs
        level.completed, level.message = result.completed, result.message
        missing = [k for k in keys if k not in result.summary]
        if missing:
            raise KeyError(f"keys {missing} are not in the run's summary")
        level.values = {k: float(result.summary[k]) for k in keys}
        if at_times:
            level.at_times = history_at(result.history, at_times, keys)
        log.info("level %d (x%g, %d DOFs, %.0f s): %s", i, factor, level.n_dofs,
                 level.wall_time_s, level.values)
        levels.append(level)
    estimates: List[KeyConvergence] = []
    last = levels[-3:]
    if len(last) < 3:
        return levels, estimates
    ratio = last[1].factor / last[0].factor
    if not math.isclose(last[2].factor / last[1].factor, ratio, rel_tol=1e-9):
        raise ValueError(f"factors: {list(factors)} are not in a constant ratio")
    for when in at_times:
        if all(float(when) in level.at_times for level in last):
            for k in keys:
                est = richardson(k, [level.at_times[float(when)][k] for level in last], ratio)
                estimates.append(replace(est, time_s=float(when)))
    if all(level.completed for level in last):
        estimates += [richardson(k, [level.values[k] for level in last], ratio) for k in keys]
    return levels, estimates
