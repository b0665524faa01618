"""Parameter sweeps: many runs of one scenario, one table row per point.

A sweep is a base scenario, fixed overrides applied to every point, and a design over scenario
paths (``"materials.tissue.mu"``):

- ``grid``: the full factorial of value lists; ``zip``: value lists of one length, taken together;
- ``lhs`` / ``sobol``: ``samples`` points in the box of ``[low, high]`` bounds (Latin hypercube,
  scrambled Sobol sequence; ``seed`` makes them reproducible);
- ``saltelli``: the design of :mod:`myorelease.sensitivity` (``samples`` x (d + 2) points) for
  Sobol indices.

Values carry units as in scenario files (``"12 kPa"``); overrides go through
:meth:`Scenario.set` on the parsed scenario. The table holds each parameter's value in SI.

Storage (``out``): ``points/<point_id>/`` holds each run's files (result.h5, result.xdmf,
summary.json, scenario.resolved.yaml) and ``point.json`` (overrides, SI values, status ``ok`` or
``failed``, error text, summary), written atomically when the point finishes; ``sweep.csv`` (and
``sweep.parquet`` when pyarrow is importable) is the table; ``sweep.resolved.yaml`` the sweep
itself. A point's id hashes the base scenario and its overrides, so a rerun skips finished points
and a killed sweep loses only the points in flight.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import itertools
import json
import logging
import math
import os
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core, api

log = logging.getLogger(__name__)

__all__ = ["sweep", "sweep_points", "load_sweep_file", "run_sweep_file", "METHODS"]

METHODS = ("grid", "zip", "lhs", "sobol", "saltelli")
CONTINUOUS = ("lhs", "sobol", "saltelli")
SWEEP_FILE_KEYS = ("name", "description", "scenario", "method", "parameters", "set", "samples", "seed",
                   "outputs", "workers")
POINT_FILE = "point.json"
PathLike = Union[str, "os.PathLike[str]"]


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep: finished points are kept; rerun to resume."""


class _Stop(Exception):
    """Raised in a running point's progress callback to stop it (the sweep is stopping)."""


def _error(key: str, message: str) -> _core.ScenarioError:
    return _core.ScenarioError(f"{key}: {message}")


def _short(value: Any, limit: int = 80) -> str:
    """repr of a value for a one-line message, cut when long."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------------------- quantities, design

def _quantity(path: str, value: Any) -> Optional[Tuple[float, str]]:
    """(SI value, SI unit) of a number or a quantity text; None for anything else.

    Bare numbers are SI (unit ""). Texts go through the core's unit parser.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value), ""
    if not isinstance(value, str):
        return None
    try:
        return float(value), ""
    except ValueError:
        pass
    try:
        return _core.parse_quantity_si(value, path)
    except ValueError:
        return None


def _table_value(path: str, value: Any) -> Any:
    q = _quantity(path, value)
    return q[0] if q is not None else api.to_yaml_value(value)


def _bounds(path: str, given: Any) -> Tuple[float, float, str, bool]:
    """(low, high, SI unit, integer) from ``[low, high]``."""
    key = f"parameters.{path}"
    if not isinstance(given, (list, tuple)) or len(given) != 2:
        raise _error(key, f"{given!r} is not [low, high]; expected two values, e.g. ['5 kPa', '20 kPa']")
    parsed = [_quantity(path, v) for v in given]
    for value, q in zip(given, parsed):
        if q is None or not math.isfinite(q[0]):
            raise _error(key, f"{value!r} is not a number or a quantity; expected e.g. '5 kPa' or 0.3")
    units = {q[1] for q in parsed if q[1]}
    if len(units) > 1:
        raise _error(key, f"{given[0]!r} and {given[1]!r} have different units")
    low, high = parsed[0][0], parsed[1][0]
    if not low < high:
        raise _error(key, f"low {given[0]!r} is not below high {given[1]!r}")
    integer = all(isinstance(v, int) and not isinstance(v, bool) for v in given)
    return low, high, (units.pop() if units else ""), integer


def _values(path: str, given: Any) -> list:
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or len(given) == 0:
        raise _error(f"parameters.{path}", f"{given!r} is not a list of values; expected e.g. "
                                           "['5 kPa', '10 kPa']")
    return list(given)


def _unit_samples(method: str, d: int, samples: Optional[int], seed: Optional[int]):
    """(unit-cube samples (n, d), extra columns per row) for the continuous methods."""
    import numpy as np

    if samples is None or isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise _error("samples", f"{samples!r} is not a positive whole number; method {method} needs "
                                "it, e.g. samples: 16")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise _error("seed", f"{seed!r} is not a whole number")
    if method == "saltelli":
        from .sensitivity import saltelli_design

        design = saltelli_design(d, int(samples), seed)
        x = design[[f"x{i}" for i in range(d)]].to_numpy()
        extra = design[["sample", "block"]].to_dict("records")
        return x, extra
    from scipy.stats import qmc

    if method == "lhs":
        x = qmc.LatinHypercube(d, seed=seed).random(int(samples))
    else:
        if samples & (samples - 1):
            log.warning("samples: %d is not a power of two; a Sobol sequence is balanced only at "
                        "powers of two", samples)
        x = qmc.Sobol(d, scramble=True, seed=seed).random(int(samples))
    return x, [{} for _ in range(len(x))]


def _design(parameters: Mapping[str, Any], method: str, samples: Optional[int],
            seed: Optional[int]) -> List[Dict[str, Any]]:
    """The points: dicts {"overrides": {path: value for set}, "values": {path: SI}, "meta": {...}}."""
    if method not in METHODS:
        raise _error("method", f"{method!r} is not a sweep method; expected one of {', '.join(METHODS)}")
    if not isinstance(parameters, Mapping) or not parameters:
        raise _error("parameters", f"{_short(parameters)} is not a non-empty map of scenario path -> values")
    parameters = api._plain(parameters, "parameters")  # texts as keys, YAML values, bounded nesting
    paths = {api.normalize_path(k): v for k, v in parameters.items()}
    points: List[Dict[str, Any]] = []
    if method in ("grid", "zip"):
        lists = {p: _values(p, v) for p, v in paths.items()}
        if method == "zip":
            lengths = {p: len(v) for p, v in lists.items()}
            if len(set(lengths.values())) > 1:
                raise _error("parameters", "zip needs value lists of one length; got " +
                             ", ".join(f"{p} {n}" for p, n in lengths.items()))
            combos = zip(*lists.values())
        else:
            combos = itertools.product(*lists.values())
        for combo in combos:
            overrides = dict(zip(lists, combo))
            points.append({"overrides": overrides, "meta": {},
                           "values": {p: _table_value(p, v) for p, v in overrides.items()}})
        return points
    bounds = {p: _bounds(p, v) for p, v in paths.items()}
    x, extra = _unit_samples(method, len(bounds), samples, seed)
    for row, meta in zip(x, extra):
        overrides, values = {}, {}
        for u, (path, (low, high, unit, integer)) in zip(row, bounds.items()):
            if integer:
                v_int = min(int(high), int(low) + int(math.floor(u * (high - low + 1))))
                overrides[path], values[path] = v_int, float(v_int)
                continue
            v = low + float(u) * (high - low)
            overrides[path] = _core.format_quantity(v, unit) if unit not in ("", "-") else v
            values[path] = v
        points.append({"overrides": overrides, "values": values, "meta": meta})
    return points


def sweep_points(parameters: Mapping[str, Any], method: str = "grid", samples: Optional[int] = None,
                 seed: Optional[int] = None):
    """The design as a pandas DataFrame: one row per point, one column per parameter (SI values;
    texts for values that are not quantities), plus ``sample`` and ``block`` for ``saltelli``.

    Raises ScenarioError naming the key and the value for a bad method, list, bound or count.
    """
    import pandas as pd

    points = _design(parameters, method, samples, seed)
    return pd.DataFrame([{**p["meta"], **p["values"]} for p in points])


# ---------------------------------------------------------------------------- one point

def _point_id(base_yaml: str, overrides: Mapping[str, Any]) -> str:
    items = sorted((api.normalize_path(k), api.to_yaml_value(v)) for k, v in overrides.items())
    text = json.dumps([base_yaml, items], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


_libgomp = None


def _omp_threads_this_thread(n: int) -> None:
    """Limit OpenMP parallel regions started by the calling thread to n threads (libgomp keeps
    this setting per thread), so that concurrent points do not oversubscribe the cores."""
    global _libgomp
    if _libgomp is None:
        name = ctypes.util.find_library("gomp") or "libgomp.so.1"
        try:
            _libgomp = ctypes.CDLL(name)
        except OSError:
            _libgomp = False
    if _libgomp:
        _libgomp.omp_set_num_threads(ctypes.c_int(n))


def run_point(scenario: _core.Scenario, overrides: Mapping[str, Any], point_dir: str,
              point_id: str, omp_threads: Optional[int] = None,
              stop: Optional[threading.Event] = None) -> Dict[str, Any]:
    """Run one point into point_dir and record it in point_dir/point.json; returns the record.

    The same function runs in a local thread or on a Dask worker. A solver failure or any error
    of the run is recorded (status ``failed``, ``error``); only an interruption propagates.
    """
    if omp_threads:
        _omp_threads_this_thread(omp_threads)
    directory = Path(point_dir)
    directory.mkdir(parents=True, exist_ok=True)
    # A rerun (no resume, retry) overwrites the files: the old record goes first, so that a run
    # killed now leaves no record and is run again.
    (directory / POINT_FILE).unlink(missing_ok=True)
    record: Dict[str, Any] = {"point_id": point_id, "overrides": {k: api.to_yaml_value(v) for k, v in
                                                                  overrides.items()}}

    step_line = api.StepLine()
    log_file = open(directory / "run.log", "a", encoding="utf-8", errors="backslashreplace")

    def progress(fraction: float, message: str) -> None:
        if stop is not None and stop.is_set():
            raise _Stop("sweep stopping")
        log_file.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {point_id}: {step_line(fraction, message)}\n")
        log_file.flush()

    start = time.perf_counter()
    try:
        s = api.Scenario(scenario.copy()).set(dict(overrides))
        result = api.run(s, out=directory, progress=progress)
        record["status"] = "ok" if result.completed else "failed"
        record["error"] = None if result.completed else f"solver failure: {result.message}"
        record["summary"] = result.summary
    except (KeyboardInterrupt, _Stop):
        raise
    except Exception as e:  # recorded; the sweep goes on
        record.update(status="failed", error=f"{type(e).__name__}: {' '.join(str(e).split())}", summary={})
    finally:
        log_file.close()
    record["point_wall_time_s"] = time.perf_counter() - start
    _write_atomic(directory / POINT_FILE, json.dumps(_jsonable(record), indent=1))
    return record


def _read_point(directory: Path) -> Optional[Dict[str, Any]]:
    try:
        return json.loads((directory / POINT_FILE).read_text())
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------------- the table

def _row(index: int, point: Mapping[str, Any], record: Mapping[str, Any],
         outputs: Optional[Sequence[str]]) -> Dict[str, Any]:
    row: Dict[str, Any] = {"point": index, **point["meta"], **point["values"],
                           "point_id": record["point_id"], "status": record["status"],
                           "error": record.get("error")}
    # A failed run's summary (of its last converged step) stays in point.json, not in the table.
    summary = (record.get("summary") or {}) if record["status"] == "ok" else {}
    keys = outputs if outputs is not None else [k for k, v in summary.items()
                                                if isinstance(v, (int, float)) and not isinstance(v, bool)]
    for key in keys:
        value = summary.get(key)
        row[key] = value if isinstance(value, (int, float)) else math.nan
    return row


class _Table:
    """The sweep table, rewritten (atomically) as points finish: sweep.csv, sweep.parquet."""

    def __init__(self, out: Path, parameters: List[str], every_s: float = 2.0):
        self.out, self.parameters, self.every_s = out, parameters, every_s
        self.rows: Dict[int, Dict[str, Any]] = {}
        self._written = 0.0

    def add(self, index: int, row: Dict[str, Any]) -> None:
        self.rows[index] = row
        if time.monotonic() - self._written >= self.every_s:
            self.write(parquet=False)

    def frame(self):
        import pandas as pd

        frame = pd.DataFrame([self.rows[i] for i in sorted(self.rows)])
        if len(frame):
            frame = frame.set_index("point")
        frame.attrs["parameters"] = list(self.parameters)
        return frame

    def write(self, parquet: bool = True):
        frame = self.frame()
        tmp = self.out / ".sweep.csv.tmp"
        frame.to_csv(tmp)
        os.replace(tmp, self.out / "sweep.csv")
        if parquet:
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                pass
            else:
                tmp = self.out / ".sweep.parquet.tmp"
                try:
                    frame.to_parquet(tmp)
                    os.replace(tmp, self.out / "sweep.parquet")
                except Exception as e:  # e.g. a column mixing numbers and texts
                    log.warning("sweep.parquet not written: %s", e)
        self._written = time.monotonic()
        return frame


# ---------------------------------------------------------------------------- execution

@contextmanager
def _openblas_single_thread(active: bool) -> Iterator[None]:
    """OpenBLAS's thread pool is process-wide: one thread while points run side by side."""
    lib = None
    if active:
        for name in ("libopenblas.so.0", "libopenblasp.so.0"):
            try:
                lib = ctypes.CDLL(name)
                lib.openblas_get_num_threads()
                break
            except (OSError, AttributeError):
                lib = None
    before = lib.openblas_get_num_threads() if lib else None
    if lib:
        lib.openblas_set_num_threads(1)
    try:
        yield
    finally:
        if lib:
            lib.openblas_set_num_threads(before)


def _local_futures(todo, submit_args, workers: int, stop: threading.Event):
    """Yield (index, record) as points finish on a thread pool; cancel the rest on exit."""
    omp = 1 if workers > 1 else None
    with _openblas_single_thread(workers > 1), ThreadPoolExecutor(workers, thread_name_prefix="myo-point") as pool:
        pending = {pool.submit(run_point, *submit_args(i), omp_threads=omp, stop=stop): i for i in todo}
        try:
            while pending:
                done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    index = pending.pop(future)
                    yield index, future.result()
        finally:
            stop.set()
            for future in pending:
                future.cancel()


def _dask_futures(todo, submit_args, workers: Optional[int], scheduler: str):
    """Yield (index, record) as points finish on a Dask cluster (an address, or "local" for a
    LocalCluster of worker processes on 127.0.0.1)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise RuntimeError(f"scheduler: dask.distributed is not importable ({e}); "
                           "pip install 'dask[distributed]'") from e
    cluster, omp = None, None
    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=":0")
        client = Client(cluster)
        omp = max(1, (os.cpu_count() or 1) // n)  # the workers share this machine's cores
    else:
        client = Client(scheduler)  # OpenMP threads per point: the workers' OMP_NUM_THREADS
    log.info("dask: %s", client)
    futures = {}
    try:
        for i in todo:
            args = submit_args(i)
            futures[client.submit(run_point, *args, omp_threads=omp, key=f"myo-point-{args[3]}-{i}",
                                  pure=False)] = i
        for future in as_completed(list(futures)):
            yield futures[future], future.result()
    finally:
        client.cancel([f for f in futures if not f.done()])
        client.close()
        if cluster is not None:
            cluster.close()


def sweep(scenario: api.ScenarioSource, grid: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
          method: str = "grid", samples: Optional[int] = None, seed: Optional[int] = None,
          out: Optional[PathLike] = None, workers: Optional[int] = None,
          scheduler: Optional[str] = None, resume: bool = True, retry_failed: bool = False,
          outputs: Optional[Sequence[str]] = None, overrides: Optional[Mapping[str, Any]] = None,
          name: Optional[str] = None, progress: Optional[bool] = None,
          on_point: Optional[Callable[[Dict[str, Any]], None]] = None, dry_run: bool = False):
    """Run a scenario at many points; returns a pandas DataFrame, one row per point.

    Args:
        scenario: a Scenario, a file path, YAML text or a dict (see :func:`myorelease.load`).
        grid: scenario path -> value list (``grid``, ``zip``) or ``[low, high]`` bounds (``lhs``,
            ``sobol``, ``saltelli``), e.g. ``{"materials.tissue.mu": ["5 kPa", "20 kPa"]}``; or a
            list of dicts, each one point's overrides (``method`` is then ignored).
        method: ``grid`` (full factorial), ``zip``, ``lhs``, ``sobol`` or ``saltelli``.
        samples, seed: the number of samples and the seed of the continuous methods
            (``saltelli``: base samples; it runs samples x (parameters + 2) points).
        out: directory (default ``results/<name>/``, name defaulting to ``<scenario>_sweep``).
        workers: points run at once (default: the number of cores). Locally a thread pool
            (the core releases the GIL; each point's OpenMP team is then one thread).
        scheduler: None (local), a Dask scheduler address (``tcp://host:8786``) or ``"local"``
            (a Dask LocalCluster of ``workers`` processes on 127.0.0.1). Files go to ``out``,
            which must be on a file system the workers share.
        resume: skip points whose point.json is there (False reruns every point).
        retry_failed: with resume, rerun points recorded as failed.
        outputs: summary keys in the table (default: every numeric one).
        overrides: values set on the scenario for every point (e.g. a coarse mesh).
        progress: a progress bar (tqdm) on stderr; None: only when stderr is a terminal.
        on_point: called in the calling thread with each new row as its point finishes.
        dry_run: only check every point and return the design (with ``point_id``); runs and
            writes nothing.

    The table (index ``point``) has the parameters' SI values, ``point_id``, ``status``
    (``ok``/``failed``), ``error`` and the outputs; it is also written to ``out/sweep.csv``
    (``sweep.parquet`` with pyarrow). Bad input raises ScenarioError naming the key and the value
    before any point runs. Ctrl-C (KeyboardInterrupt) stops the sweep: finished points are kept,
    points in flight are dropped, and rerunning the same call resumes.
    """
    # Imported before any point runs: Ctrl-C in the middle of importing an extension module
    # (pandas on the first table write) would surface as a SystemError, not KeyboardInterrupt.
    import pandas  # noqa: F401
    import yaml
    from tqdm.auto import tqdm

    base = api.load(scenario)
    if overrides:
        try:
            base.set(dict(overrides))
            base.validate()
        except ValueError as e:
            raise _core.ScenarioError(f"{' '.join(str(e).split())} (in the sweep's set:)") from None
    if isinstance(grid, Mapping):
        points = _design(grid, method, samples, seed)
        method_used = method
    elif isinstance(grid, Sequence) and grid and all(isinstance(p, Mapping) for p in grid):
        grid = api._plain(grid, "parameters")
        points = [{"overrides": {api.normalize_path(k): v for k, v in p.items()}, "meta": {},
                   "values": {api.normalize_path(k): _table_value(k, v) for k, v in p.items()}} for p in grid]
        method_used = "points"
    else:
        raise _error("parameters", f"{_short(grid)} is neither a map of path -> values nor a list of points")
    parameters = list(dict.fromkeys(p for point in points for p in point["values"]))
    if outputs is not None:
        outputs = [outputs] if isinstance(outputs, str) else list(outputs)
    name = api.check_output_name(name if name is not None else f"{base.name}_sweep", "name")
    out_dir = api.check_out_dir(out, "out") if out is not None else api.check_out_dir(api.default_out_dir(name),
                                                                                      "name")

    # Every point is checked before any runs: a bad key or value names the key, the value, the point.
    base_yaml = base.yaml()
    for index, point in enumerate(points):
        trial = base.copy()
        try:
            trial.set(dict(point["overrides"]))
            trial.validate()
        except ValueError as e:
            where = ", ".join(f"{k}={api.to_yaml_value(v)}" for k, v in point["overrides"].items())
            raise _core.ScenarioError(f"{' '.join(str(e).split())} (sweep point {index}: {where})") from None
        point["id"] = _point_id(base_yaml, point["overrides"])
    if dry_run:
        import pandas as pd

        frame = pd.DataFrame([{"point": i, **p["meta"], **p["values"], "point_id": p["id"]}
                              for i, p in enumerate(points)]).set_index("point")
        frame.attrs["parameters"] = parameters
        return frame

    (out_dir / "points").mkdir(parents=True, exist_ok=True)
    resolved = {"name": name, "scenario": base.name, "method": method_used, "samples": samples, "seed": seed,
                "set": {k: api.to_yaml_value(v) for k, v in (overrides or {}).items()},
                "parameters": parameters, "given": api._plain(grid), "outputs": outputs, "points": len(points),
                "version": _core.build_info().get("version", ""),
                "scenario_resolved": base.resolved_yaml()}
    _write_atomic(out_dir / "sweep.resolved.yaml", yaml.safe_dump(resolved, sort_keys=False))

    table = _Table(out_dir, parameters)
    todo: List[int] = []
    same: Dict[str, List[int]] = {}  # point id -> every index with it (a design may repeat a point)
    for index, point in enumerate(points):
        record = _read_point(out_dir / "points" / point["id"]) if resume else None
        if record is not None and (record.get("status") == "ok" or not retry_failed):
            table.add(index, _row(index, point, record, outputs))
        else:
            if point["id"] not in same:
                todo.append(index)
            same.setdefault(point["id"], []).append(index)
    if table.rows:
        log.info("%s: %d of %d points already finished in %s (resumed)", name, len(table.rows), len(points),
                 out_dir)

    def submit_args(i: int):
        p = points[i]
        return base._core, p["overrides"], str(out_dir / "points" / p["id"]), p["id"]

    stop = threading.Event()
    finished = iter(()) if not todo else (
        _local_futures(todo, submit_args, max(1, workers or os.cpu_count() or 1), stop) if scheduler is None
        else _dask_futures(todo, submit_args, workers, scheduler))
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(points), initial=len(table.rows), desc=name, unit="point", disable=not show,
               file=sys.stderr)
    failed = 0
    try:
        for index, record in finished:
            for i in same[points[index]["id"]]:
                table.add(i, _row(i, points[i], record, outputs))
                bar.update(1)
            if record["status"] != "ok":
                failed += 1
                log.warning("%s: point %d (%s) failed: %s", name, index, record["point_id"], record["error"])
            if outputs is not None and record["status"] == "ok":
                unknown = [k for k in outputs if k not in record["summary"]]
                if unknown:
                    known = ", ".join(k for k, v in record["summary"].items() if isinstance(v, (int, float)))
                    raise _error("outputs", f"{unknown[0]!r} is not a summary key of {base.name}; "
                                            f"expected one of {known}")
            if on_point is not None:
                on_point(table.rows[index])
    except BaseException as e:
        stop.set()
        close = getattr(finished, "close", None)
        if close:  # cancels the points not started; waits for those in flight to stop
            close()
        for index in todo:  # points that finished while the sweep was stopping
            record = None if index in table.rows else _read_point(out_dir / "points" / points[index]["id"])
            for i in same[points[index]["id"]] if record else ():
                table.add(i, _row(i, points[i], record, outputs))
        table.write()
        if not isinstance(e, KeyboardInterrupt):
            raise
        log.info("%s: interrupted; %d of %d points kept in %s; rerun the same command to resume",
                    name, len(table.rows), len(points), out_dir)
        raise SweepInterrupted(f"{len(table.rows)} of {len(points)} points finished in {out_dir}; "
                               "rerun to resume") from None
    finally:
        bar.close()
    frame = table.write()
    log.info("%s: %d points (%d run now, %d failed) in %s", name, len(points), len(todo), failed, out_dir)
    return frame


# ---------------------------------------------------------------------------- sweep files

@functools.lru_cache(maxsize=None)
def _sweep_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that refuses a key given twice in one map (PyYAML keeps the last)."""

        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # unhashable: the base class says so
                    continue
                if duplicate:
                    raise _core.ScenarioError(f"{key}: given twice in one map (line "
                                              f"{key_node.start_mark.line + 1}); give each key once")
            return super().construct_mapping(node, deep)

    return Loader


def load_sweep_file(path: PathLike) -> Dict[str, Any]:
    """Read a sweep file into :func:`sweep` keyword arguments (``scenario`` resolved against the
    file's directory). Raises ScenarioError naming the key and the value."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise _core.ScenarioError(f"{path}: no such sweep file")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise _core.ScenarioError(api._utf8_position(path) or f"{path}: not UTF-8") from None
    try:
        doc = yaml.load(text, Loader=_sweep_loader())
    except yaml.YAMLError as e:
        raise _core.ScenarioError(f"{path}: not YAML: {' '.join(str(e).split())}") from None
    except RecursionError:
        raise _core.ScenarioError(f"{path}: nesting too deep (more than {api.MAX_NESTING} levels are "
                                  "refused)") from None
    if not isinstance(doc, dict):
        raise _core.ScenarioError(f"{path}: expected a map with scenario, method and parameters")
    doc = api._plain(doc)  # texts as keys, bounded nesting; errors name the key path
    for key in doc:
        if key not in SWEEP_FILE_KEYS:
            raise _error(str(key), f"unknown key in sweep file {path.name}; expected one of "
                                   f"{', '.join(SWEEP_FILE_KEYS)}")
    for key in ("scenario", "parameters"):
        if key not in doc:
            raise _error(key, f"missing in sweep file {path.name}")
    if not isinstance(doc["scenario"], str):
        raise _error("scenario", f"{doc['scenario']!r} is not a path to a scenario file")
    scenario = (path.parent / doc["scenario"]).resolve()
    if not scenario.is_file():
        raise _error("scenario", f"{doc['scenario']!r}: no such file (relative to {path.parent})")
    if doc.get("set") is not None and not isinstance(doc["set"], dict):
        raise _error("set", f"{doc['set']!r} is not a map of scenario path -> value")
    outputs = doc.get("outputs")
    if outputs is not None and not (isinstance(outputs, list) and all(isinstance(k, str) for k in outputs)):
        raise _error("outputs", f"{outputs!r} is not a list of summary keys")
    workers = doc.get("workers")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise _error("workers", f"{workers!r} is not a positive whole number")
    name = doc.get("name")
    if name is None:
        api.check_output_name(path.stem, "name (the sweep file's name, as the file gives none)")
        name = path.stem
    else:
        api.check_output_name(name, "name")
    return {"scenario": scenario, "grid": doc["parameters"], "method": doc.get("method", "grid"),
            "samples": doc.get("samples"), "seed": doc.get("seed"), "outputs": outputs,
            "overrides": doc.get("set"), "name": name, "workers": workers}


def run_sweep_file(path: PathLike, **kwargs: Any):
    """Run a sweep file (see :func:`load_sweep_file`); keyword arguments override its values."""
    args = load_sweep_file(path)
    args.update({k: v for k, v in kwargs.items() if v is not None})
    return sweep(**args)
