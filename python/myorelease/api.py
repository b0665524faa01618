"""The Python API: load a scenario, override values, run it, get a Result.

Everything numerical happens in the compiled core (``myorelease._core``); this module only
converts arguments (dicts, overrides) and wraps the returned arrays.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, Union

import numpy as np

from . import _core

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
ScenarioSource = Union["Scenario", _core.Scenario, str, "os.PathLike[str]", Mapping[str, Any]]

__all__ = ["Scenario", "Result", "load", "run", "compare", "models", "build_info", "to_yaml_value",
           "normalize_path", "default_out_dir"]


def normalize_path(key: str) -> str:
    """Scenario path from a Python keyword or dotted key.

    ``"materials__tissue__mu"`` and ``"materials.tissue.mu"`` both give ``"materials.tissue.mu"``;
    numeric segments become list indices: ``"mesh__layers__0__thickness"`` and
    ``"mesh.layers.0.thickness"`` give ``"mesh.layers[0].thickness"``.
    """
    parts = [p for p in key.replace("__", ".").split(".")]
    if not parts or any(p == "" for p in parts):
        raise _core.ScenarioError(f"{key}: not a scenario path; expected e.g. 'materials.tissue.mu'")
    out = parts[0]
    for part in parts[1:]:
        out += f"[{part}]" if part.isdigit() else f".{part}"
    return out


def to_yaml_value(value: Any) -> str:
    """YAML text for an override value: strings pass unchanged ("12 kPa"), numbers are SI."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, np.ndarray):
        value = value.tolist()
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text


class Scenario:
    """A scenario document with overrides (wraps ``myorelease._core.Scenario``).

    Create it with :func:`load`. ``set`` changes values by path (units as in the file:
    ``s.set(**{"materials.tissue.mu": "12 kPa"})``); ``validate`` checks every key against the
    registry and raises :class:`ScenarioError` naming the key path.
    """

    def __init__(self, core: _core.Scenario):
        if not isinstance(core, _core.Scenario):
            raise TypeError("use myorelease.load() to create a Scenario")
        self._core = core

    @property
    def name(self) -> str:
        return self._core.name

    def set(self, *args: Any, **overrides: Any) -> "Scenario":
        """Override values; returns self.

        ``s.set("materials.tissue.mu", "12 kPa")``, ``s.set({"time.steps": 20})`` or
        ``s.set(materials__tissue__mu="12 kPa")``. Plain numbers are SI.
        """
        items: Dict[str, Any] = {}
        if len(args) == 2 and isinstance(args[0], str):
            items[args[0]] = args[1]
        elif len(args) == 1 and isinstance(args[0], Mapping):
            items.update(args[0])
        elif args:
            raise TypeError("set(path, value), set({path: value}) or set(path__sub=value)")
        items.update(overrides)
        for key, value in items.items():
            path = normalize_path(key)
            text = to_yaml_value(value)
            log.debug("override %s = %s", path, text)
            self._core.set(path, text)
        return self

    def validate(self) -> None:
        """Check the scenario without running it; raises ScenarioError naming the key path."""
        self._core.validate()

    def yaml(self) -> str:
        """The document as given (after overrides)."""
        return self._core.yaml()

    def resolved_yaml(self) -> str:
        """The document with every default filled in (as written beside the results)."""
        return self._core.resolved_yaml()

    def copy(self) -> "Scenario":
        return Scenario(self._core.copy())

    __copy__ = copy

    def __deepcopy__(self, memo: Any) -> "Scenario":
        return self.copy()

    def __repr__(self) -> str:
        return f"<myorelease.Scenario '{self.name}'>"


class Result:
    """The outcome of one run.

    Attributes:
        completed: False when the solver stopped early (every converged step is kept).
        message: why it stopped early, if it did.
        out_dir: directory with result.h5, result.xdmf, summary.json, scenario.resolved.yaml
            (None for an in-memory run).
        summary: flat dict; keys carry their unit (``reaction_force_top_z_N``); text entries too.
        history: pandas DataFrame, one row per accepted step; column names carry their unit.
        fields: NumPy arrays of the last accepted step: ``displacement`` (n_nodes x dim, m),
            ``cauchy_stress`` (n_cells x 9, Pa, row-major xx xy xz yx ...), ``von_mises``
            (n_cells, Pa), ``green_lagrange`` (n_cells x 9, -), ``reaction_forces``
            (n_nodes x dim, N).
        mesh: ``coordinates`` (n_nodes x dim, m), ``cells``, ``cell_type`` ("hex8" or
            "quad4_axisymmetric"), ``node_sets``, ``face_sets``, ``regions``.
        times: wall-clock seconds per phase (assembly, factorization, solve, contact, output, total).
        newton_iterations, steps, cutbacks, n_dofs: run statistics.
    """

    def __init__(self, raw: Dict[str, Any]):
        self.completed: bool = bool(raw["completed"])
        self.message: str = raw["message"]
        self.out_dir: Optional[Path] = Path(raw["out_dir"]) if raw["out_dir"] else None
        self.summary: Dict[str, Any] = dict(raw["summary"])
        self.fields: Dict[str, np.ndarray] = dict(raw["fields"])
        self.mesh: Dict[str, Any] = dict(raw["mesh"])
        self.times: Dict[str, float] = dict(raw["times"])
        self.newton_iterations: int = raw["newton_iterations"]
        self.steps: int = raw["steps"]
        self.cutbacks: int = raw["cutbacks"]
        self.n_dofs: int = raw["n_dofs"]
        self._history_columns: Dict[str, np.ndarray] = dict(raw["history"])
        self._history = None

    @property
    def history(self):
        """The history table as a pandas DataFrame (one row per accepted step)."""
        if self._history is None:
            import pandas as pd

            self._history = pd.DataFrame(self._history_columns)
        return self._history

    def __repr__(self) -> str:
        state = "completed" if self.completed else f"incomplete: {self.message}"
        where = f", out_dir='{self.out_dir}'" if self.out_dir else ""
        return f"<myorelease.Result {state}, {self.steps} steps, {self.n_dofs} dofs{where}>"


def load(source: ScenarioSource) -> Scenario:
    """A Scenario from a file path, YAML text, a dict, or another Scenario (copied).

    Raises ScenarioError for a missing file or malformed YAML.
    """
    if isinstance(source, Scenario):
        return source.copy()
    if isinstance(source, _core.Scenario):
        return Scenario(source.copy())
    if isinstance(source, Mapping):
        import yaml

        text = yaml.safe_dump(_plain(source), sort_keys=False)
        return Scenario(_core.Scenario.from_text(text))
    if isinstance(source, os.PathLike):
        return Scenario(_core.Scenario.from_file(os.fspath(source)))
    if isinstance(source, str):
        if "\n" not in source and (os.path.exists(source) or re.search(r"\.ya?ml$", source)):
            return Scenario(_core.Scenario.from_file(source))
        return Scenario(_core.Scenario.from_text(source))
    raise TypeError(f"cannot load a scenario from {type(source).__name__}")


def _plain(value: Any) -> Any:
    """Dicts, lists and NumPy values as plain Python, for yaml.safe_dump."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def default_out_dir(name: str) -> Path:
    """Where the CLI writes a scenario's results: results/<scenario name>/."""
    return Path("results") / name


def run(scenario: ScenarioSource, out: Union[str, "os.PathLike[str]", None] = None,
        progress: Optional[ProgressCallback] = None, **overrides: Any) -> Result:
    """Run a scenario and return a :class:`Result`.

    Args:
        scenario: a Scenario, a file path, YAML text or a dict (see :func:`load`); never modified.
        out: directory for result.h5, result.xdmf, summary.json and scenario.resolved.yaml;
            None runs in memory and writes nothing.
        progress: called as ``progress(fraction_of_end_time, message)`` after each step.
        **overrides: ``materials__tissue__mu="12 kPa"`` or ``**{"materials.tissue.mu": "12 kPa"}``.

    Raises ScenarioError for bad input and KeyboardInterrupt on Ctrl-C (steps already written
    stay in the files). A solver failure does not raise: ``result.completed`` is False.
    """
    s = load(scenario)
    if overrides:
        s.set(**overrides)
    out_dir = "" if out is None else os.fspath(out)
    log.info("running %s%s", s.name, f" into {out_dir}" if out_dir else " (in memory)")
    raw = _core.run(s._core, out_dir, progress)
    result = Result(raw)
    if result.completed:
        log.info("%s: %d steps, %d Newton iterations, %d cutbacks, %.3g s", s.name, result.steps,
                 result.newton_iterations, result.cutbacks, result.times.get("total", 0.0))
    else:
        log.warning("%s stopped early after %d steps: %s", s.name, result.steps, result.message)
    return result


def compare(scenario: ScenarioSource, variants: Optional[list] = None,
            out: Union[str, "os.PathLike[str]", None] = None,
            progress: Optional[ProgressCallback] = None):
    """Run each variant of a scenario and tabulate their summaries.

    A scenario's top-level ``variants:`` maps a name to overrides (``{contact[0].device:
    {preset: foam_roller}}``); each runs into ``out/<variant>/`` (default
    ``results/<scenario name>/<variant>/``) and the table, one row per variant and one column per
    numeric summary key, is written to ``out/comparison.csv`` after every run, so a comparison
    that dies keeps the rows that finished; ``out/comparison.png`` draws it at the end.

    Returns a pandas DataFrame indexed by variant name.
    """
    import pandas as pd

    s = load(scenario)
    names = list(variants) if variants is not None else s._core.variant_names()
    if not names:
        raise _core.ScenarioError(f"variants: scenario '{s.name}' has none to compare")
    base = Path(out) if out is not None else default_out_dir(s.name)
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in names:
        result = run(Scenario(s._core.variant(name)), out=base / name, progress=progress)
        row: Dict[str, Any] = {"variant": name, "completed": result.completed}
        row.update({k: v for k, v in result.summary.items() if isinstance(v, (int, float))})
        rows.append(row)
        table = pd.DataFrame(rows).set_index("variant")
        table.to_csv(base / "comparison.csv")
    from .plot import plot_comparison

    fig = plot_comparison(table)
    if fig is not None:
        fig.savefig(base / "comparison.png", dpi=120)
    return table


def models() -> list:
    """The registry: a list of dicts {kind, name, summary, source, params: [...]}, SI units."""
    return _core.models()


def build_info() -> Dict[str, str]:
    """Version, build type, threads and linear solvers of the compiled core."""
    return dict(_core.build_info())
