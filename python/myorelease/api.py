"""The Python API: load a scenario, override values, run it, get a Result.

Everything numerical happens in the compiled core (``myorelease._core``); this module only
converts arguments (dicts, overrides) and wraps the returned arrays.
"""
from __future__ import annotations

import json
import logging
import math
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ContextManager, Dict, Iterator, List, Mapping, Optional, Tuple, Union

import numpy as np

from . import _core

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
ScenarioSource = Union["Scenario", _core.Scenario, str, "os.PathLike[str]", Mapping[str, Any]]

__all__ = ["Scenario", "Result", "load", "run", "compare", "models", "build_info", "to_yaml_value",
           "normalize_path", "default_out_dir", "check_output_name", "check_out_dir", "StepLine",
           "MAX_NESTING"]

MAX_NESTING = 32
"""Deepest nesting of maps and lists accepted in a scenario given as Python values (real scenarios
need about 10 levels)."""


# ---------------------------------------------------------------------------- messages

def _shown(text: str, limit: int = 80) -> str:
    """A text quoted for a one-line message; the middle of a long one is cut and its length given."""
    if len(text) <= limit:
        return json.dumps(text, ensure_ascii=False)
    head, tail = text[: limit * 2 // 3], text[-(limit // 3):]
    return json.dumps(f"{head}...{tail}", ensure_ascii=False) + f" ({len(text)} characters)"


def _shown_path(path: str, limit: int = 200) -> str:
    """A key path for a message, its middle cut when it is very long."""
    return path if len(path) <= limit else f"{path[: limit // 2]}...{path[-limit // 2:]}"


def _join(path: str, key: Union[str, int]) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _utf8_position(path: Union[str, "os.PathLike[str]"]) -> Optional[str]:
    """'FILE: line L, column C: byte 0xB5 is not UTF-8' for the first byte of a file that is not
    UTF-8; None when all of it is (or it cannot be read)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return (f"{os.fspath(path)}: line {line}, column {column}: byte 0x{data[e.start]:02x} is not "
                f"UTF-8 ({e.reason}); scenario files are UTF-8")


def _not_utf8(error: UnicodeDecodeError, source: Optional[Path]) -> "_core.ScenarioError":
    """ScenarioError for text from the core that is not UTF-8 (a message or a value quoting bytes
    of a file in another encoding): the text with those bytes escaped, and where the file has them."""
    raw = error.object
    text = bytes(raw).decode("utf-8", "backslashreplace") if isinstance(raw, (bytes, bytearray, memoryview)) \
        else str(raw)
    text = " ".join(text.split())
    where = _utf8_position(source) if source is not None else None
    if where is None:
        return _core.ScenarioError(text if ": " in text else f"{text!r} is not UTF-8 text")
    return _core.ScenarioError(f"{text} ({where})" if ": " in text else f"{where} (in {text!r})")


@contextmanager
def _core_text(source: Optional[Path]) -> Iterator[None]:
    """Turn a UnicodeDecodeError out of the core (its text holds bytes that are not UTF-8) into a
    ScenarioError naming the file, the line and the byte."""
    try:
        yield
    except UnicodeDecodeError as e:
        raise _not_utf8(e, source) from None


# ---------------------------------------------------------------------------- output names, --out

def check_output_name(name: Any, key_path: str = "name") -> str:
    """``name`` if it is a safe output name (one path component of 1 to 100 letters, digits,
    ``_``, ``-``, ``.``, starting with a letter, digit or ``_``); else ScenarioError naming
    ``key_path``. A run's, a variant's, a sweep's and a study's directory is named so."""
    if not isinstance(name, str):
        raise _core.ScenarioError(f"{key_path}: {name!r} is not a text; expected a name such as "
                                  "'block_compression'")
    _core.check_output_name(name, key_path)  # the one rule, in the core
    return name


# The longest path a run or a sweep writes below its directory.
_ROOM_INSIDE = len("/points/0123456789abcdef/.scenario.resolved.yaml.tmp")


def _pathconf(path: str, name: str, fallback: int) -> int:
    try:
        value = os.pathconf(path, name)
    except (OSError, ValueError):
        return fallback
    return value if value and value > 0 else fallback


def check_out_dir(path: Union[str, "os.PathLike[str]"], key: str = "out") -> Path:
    """``path`` as a Path if a run can write its results there; else ScenarioError naming ``key``.

    Refused: an empty path, an existing file (or a file on the way), a directory (or, when it does
    not exist yet, its nearest existing parent) that is not writable, a path component longer than
    the file system allows (``PC_NAME_MAX``, typically 255 bytes) and a path longer than
    ``PC_PATH_MAX``. Creates nothing.
    """
    given = os.fspath(path)
    if isinstance(given, bytes):
        given = os.fsdecode(given)
    if not given.strip():
        raise _core.ScenarioError(f"{key}: {given!r} is an empty path; expected a directory")
    absolute = os.path.abspath(given)
    existing = absolute
    while not os.path.exists(existing):  # False for any error (too long, not a directory, ...)
        parent = os.path.dirname(existing)
        if parent == existing:
            break
        existing = parent
    name_max = _pathconf(existing, "PC_NAME_MAX", 255)
    path_max = _pathconf(existing, "PC_PATH_MAX", 4096)
    for part in Path(absolute).parts[1:]:
        n = len(os.fsencode(part))
        if n > name_max:
            raise _core.ScenarioError(f"{key}: the path component {_shown(part)} is {n} bytes long; the "
                                      f"file system allows {name_max}")
    n = len(os.fsencode(absolute))
    if n + _ROOM_INSIDE >= path_max:
        raise _core.ScenarioError(f"{key}: {_shown(given)} is {n} bytes long as an absolute path; the file "
                                  f"system allows {path_max - 1}, less {_ROOM_INSIDE} for the files "
                                  "written inside")
    if existing == absolute:
        if not os.path.isdir(absolute):
            raise _core.ScenarioError(f"{key}: {_shown(given)} is an existing file, not a directory")
        if not os.access(absolute, os.W_OK | os.X_OK):
            raise _core.ScenarioError(f"{key}: {_shown(given)} is a directory that is not writable")
    elif not os.path.isdir(existing):
        raise _core.ScenarioError(f"{key}: {_shown(given)} cannot be created: {_shown(existing)} is a "
                                  "file, not a directory")
    elif not os.access(existing, os.W_OK | os.X_OK):
        raise _core.ScenarioError(f"{key}: {_shown(given)} cannot be created: {_shown(existing)} is "
                                  "not writable")
    return Path(given)


# ---------------------------------------------------------------------------- plain values

_KINDS = "a number, a text, true/false, null, a list or a map"


def _plain_scalar(value: Any, path: str) -> Tuple[Any, bool]:
    """(value as plain Python, True if it is a container still to walk)."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    elif isinstance(value, np.generic):
        value = value.item()
    elif isinstance(value, os.PathLike):
        value = os.fspath(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value, False
    if isinstance(value, float):
        if math.isnan(value):
            raise _core.ScenarioError(f"{_shown_path(path) or '(top)'}: nan is not a number; expected "
                                      "a number or a quantity such as '6 mm'")
        return value, False
    if isinstance(value, (Mapping, list, tuple)):
        return value, True
    text = repr(value)
    text = text if len(text) <= 60 else text[:60] + "..."
    raise _core.ScenarioError(f"{_shown_path(path) or '(top)'}: {text} ({type(value).__name__}) is not "
                              f"a scenario value; expected {_KINDS}")


def _plain(value: Any, key_path: str = "", max_depth: int = MAX_NESTING) -> Any:
    """Dicts, lists and NumPy values as plain Python, for yaml.safe_dump.

    Iterative, so that any depth is refused by a ScenarioError naming the key path where the
    nesting passes ``max_depth`` levels, as are keys that are not texts and values YAML cannot
    hold (objects, sets, NaN), each naming its key path.
    """
    top: List[Any] = [None]
    stack: List[Tuple[Any, Any, Union[int, str], str, int]] = [(value, top, 0, key_path, 0)]
    while stack:
        item, parent, slot, path, depth = stack.pop()
        item, container = _plain_scalar(item, path)
        if not container:
            parent[slot] = item
            continue
        if depth >= max_depth:
            raise _core.ScenarioError(f"{_shown_path(path) or '(top)'}: nesting deeper than {max_depth} "
                                      "levels")
        if isinstance(item, Mapping):
            out: Any = {}
            children = []
            for key, child in item.items():
                if isinstance(key, np.str_):
                    key = str(key)
                if not isinstance(key, str):
                    shown = repr(key) if len(repr(key)) <= 60 else repr(key)[:60] + "..."
                    raise _core.ScenarioError(f"{_shown_path(_join(path, shown))}: the key {shown} "
                                              f"({type(key).__name__}) is not a text; keys are texts")
                out[key] = None  # keeps the order
                children.append((child, out, key, _join(path, key), depth + 1))
        else:
            out = [None] * len(item)
            children = [(child, out, i, _join(path, i), depth + 1) for i, child in enumerate(item)]
        parent[slot] = out
        stack.extend(reversed(children))
    return top[0]


def _dump(value: Any, key_path: str, **options: Any) -> str:
    import yaml

    plain = _plain(value, key_path)
    try:
        return yaml.safe_dump(plain, **options)
    except (yaml.YAMLError, RecursionError, ValueError) as e:
        raise _core.ScenarioError(f"{_shown_path(key_path) or '(top)'}: not representable in YAML: "
                                  f"{' '.join(str(e).split())[:200]}") from None


# ---------------------------------------------------------------------------- progress lines

def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60):02d} min"


@dataclass
class StepLine:
    """One progress line per accepted step: the core's message (opaque text), the share of the
    end time reached, the wall time since the run started and an estimate of the time left (from
    that share and the wall time).

    ``StepLine()(0.25, "step 3, t = 0.25 s")`` gives
    ``"step 3, t = 0.25 s | 25.0 % | wall 0.10 s, ETA 0.30 s"``.
    """

    start: float = field(default_factory=time.monotonic)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def eta(self, fraction: float) -> Optional[float]:
        if not fraction > 0:
            return None
        return self.elapsed() * max(0.0, 1.0 - fraction) / fraction

    def __call__(self, fraction: float, message: str) -> str:
        eta = self.eta(fraction)
        message = " ".join(str(message).split())
        return (f"{message} | {100 * fraction:.1f} % | wall {_duration(self.elapsed())}, "
                f"ETA {'?' if eta is None else _duration(eta)}")


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


def to_yaml_value(value: Any, key_path: str = "") -> str:
    """YAML text for an override value: strings pass unchanged ("12 kPa"), numbers are SI.

    Lists and maps are checked as :func:`load` checks a dict (at most ``MAX_NESTING`` levels,
    text keys, YAML values); a bad value raises ScenarioError naming ``key_path``.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        _plain_scalar(float(value), key_path)  # NaN is refused
        return repr(float(value))
    text = _dump(value, key_path, default_flow_style=True, sort_keys=False).strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text


class Scenario:
    """A scenario document with overrides (wraps ``myorelease._core.Scenario``).

    Create it with :func:`load`. ``set`` changes values by path (units as in the file:
    ``s.set(**{"materials.tissue.mu": "12 kPa"})``); ``validate`` checks every key against the
    registry and raises :class:`ScenarioError` naming the key path.
    """

    def __init__(self, core: _core.Scenario, source: Optional[Path] = None):
        if not isinstance(core, _core.Scenario):
            raise TypeError("use myorelease.load() to create a Scenario")
        self._core = core
        self._source = source  # the file it was read from, for messages

    @property
    def name(self) -> str:
        with _core_text(self._source):
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
            path = normalize_path(str(key))
            text = to_yaml_value(value, path)
            log.debug("override %s = %s", path, text)
            with _core_text(self._source):
                self._core.set(path, text)  # the core names a path it cannot place
        return self

    def validate(self) -> None:
        """Check the scenario without running it; raises ScenarioError naming the key path."""
        with _core_text(self._source):
            self._core.validate()

    def yaml(self) -> str:
        """The document as given (after overrides)."""
        with _core_text(self._source):
            return self._core.yaml()

    def resolved_yaml(self) -> str:
        """The document with every default filled in (as written beside the results)."""
        with _core_text(self._source):
            return self._core.resolved_yaml()

    def variant_names(self) -> List[str]:
        """The names of the scenario's ``variants:`` (empty if it has none)."""
        with _core_text(self._source):
            return list(self._core.variant_names())

    def variant(self, name: str) -> "Scenario":
        """The scenario with the overrides of variant ``name`` applied."""
        with _core_text(self._source):
            return Scenario(self._core.variant(name), self._source)

    def copy(self) -> "Scenario":
        return Scenario(self._core.copy(), self._source)

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
        text = _dump(source, "", sort_keys=False)
        with _core_text(None):
            return Scenario(_core.Scenario.from_text(text))
    if isinstance(source, os.PathLike):
        return _from_file(os.fspath(source))
    if isinstance(source, str):
        if "\n" not in source and (os.path.exists(source) or re.search(r"\.ya?ml$", source)):
            return _from_file(source)
        with _core_text(None):
            return Scenario(_core.Scenario.from_text(source))
    raise TypeError(f"cannot load a scenario from {type(source).__name__}")


def _from_file(path: Union[str, bytes]) -> Scenario:
    source = Path(os.fsdecode(path))
    with _core_text(source):
        return Scenario(_core.Scenario.from_file(os.fsdecode(path)), source)


def default_out_dir(name: str) -> Path:
    """Where the CLI writes a scenario's results: results/<scenario name>/.

    Raises ScenarioError (naming ``name``) unless the name is one safe path component (see
    :func:`check_output_name`): ``out=`` / ``--out`` is the only way to write elsewhere.
    """
    return Path("results") / check_output_name(name, "name")


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
    out_dir = "" if out is None else os.fspath(check_out_dir(out, "out"))
    log.info("running %s%s", s.name, f" into {out_dir}" if out_dir else " (in memory)")
    with _core_text(s._source):
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
            progress: Optional[ProgressCallback] = None,
            variant_progress: Optional[Callable[[str, Path], ContextManager[Optional[ProgressCallback]]]] = None):
    """Run each variant of a scenario and tabulate their summaries.

    A scenario's top-level ``variants:`` maps a name to overrides (``{contact[0].device:
    {preset: foam_roller}}``); each runs into ``out/<variant>/`` (default
    ``results/<scenario name>/<variant>/``) and the table, one row per variant and one column per
    numeric summary key, is written to ``out/comparison.csv`` after every run, so a comparison
    that dies keeps the rows that finished; ``out/comparison.png`` draws it at the end.

    ``progress`` is called after each step of every variant; ``variant_progress(name, directory)``,
    if given, is entered around each variant's run instead and gives that run's callback.
    Bad input (a variant name that is not one path component, an unknown variant, a bad value,
    an output directory that cannot be written) raises ScenarioError before any variant runs.

    Returns a pandas DataFrame indexed by variant name.
    """
    import pandas as pd

    s = load(scenario)
    known = s.variant_names()
    names = list(variants) if variants is not None else known
    if not names:
        raise _core.ScenarioError(f"variants: scenario '{s.name}' has none to compare")
    base = check_out_dir(out, "out") if out is not None else check_out_dir(default_out_dir(s.name), "name")
    runs = []
    for name in names:
        key = f"variants.{name}" if isinstance(name, str) else "variants"
        check_output_name(name, key)
        if name not in known:
            raise _core.ScenarioError(f"{key}: no such variant in '{s.name}'; expected one of "
                                      f"{', '.join(known) or '(none)'}")
        runs.append((name, s.variant(name), check_out_dir(base / name, key)))
    s.validate()  # every variant's values, before any runs
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, variant, directory in runs:
        if variant_progress is not None:
            with variant_progress(name, directory) as callback:
                result = run(variant, out=directory, progress=callback)
        else:
            result = run(variant, out=directory, progress=progress)
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
