"""The `myorelease` command: run, compare, sweep, validate, models, info, plot.

Exit codes: 0 success; 2 bad input (one line naming the key path); 3 solver failure (the run
stopped early; every converged step is kept); 130 interrupted (Ctrl-C); 1 anything else. Every
error is one line on stderr, never a traceback (``-vv`` logs the traceback too).

Logging: the logger ``myorelease.progress`` gives one INFO line per accepted step of a run (the
core's message, the share of the end time, wall time, ETA); the lines are always appended to the
run's ``run.log``, and shown on stderr unless it is a terminal (a tqdm bar there) or ``-q``.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

log = logging.getLogger("myorelease")
progress_log = logging.getLogger("myorelease.progress")

EXIT_OK, EXIT_ERROR, EXIT_INPUT, EXIT_SOLVER, EXIT_INTERRUPT = 0, 1, 2, 3, 130
MAX_MESSAGE = 1000  # characters of an error line; the middle of a longer one is cut


class InputError(Exception):
    """Bad command-line input (exit 2)."""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, as every other error (exit 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_INPUT, f"myorelease: error: {_one_line(message)} (see `{self.prog} -h`)\n")


def _parse_sets(items: Sequence[str]) -> List[tuple]:
    out = []
    for item in items:
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise InputError(f"--set {item!r}: expected PATH=VALUE, e.g. materials.tissue.mu='12 kPa'")
        out.append((path.strip(), value.strip()))
    return out


def _load(args):
    from . import api

    path = Path(args.scenario)
    if not path.is_file():
        # The core says the same; checked here too so a directory gets a clear message.
        from ._core import ScenarioError

        raise ScenarioError(f"{args.scenario}: no such scenario file")
    scenario = api.load(path)
    for key, value in _parse_sets(getattr(args, "set", None) or []):
        scenario.set(key, value)
    return scenario


def _out_dir(args, name: str) -> Path:
    """--out, or results/<name>/, checked (api.check_out_dir) before anything runs."""
    from . import api

    if args.out is not None:
        return api.check_out_dir(args.out, "--out")
    return api.check_out_dir(api.default_out_dir(name), "name")


# ---------------------------------------------------------------------------- logging, progress

class _ConsoleHandler(logging.Handler):
    """stderr through tqdm.write, so that lines do not break a progress bar.

    Progress lines pass only when ``show_progress``; other records at ``level`` or above.
    """

    def __init__(self, level: int, show_progress: bool):
        super().__init__()
        self.min_level, self.show_progress = level, show_progress

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == progress_log.name:
            return self.show_progress
        return record.levelno >= self.min_level

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:  # pragma: no cover - as logging.StreamHandler
            self.handleError(record)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.name == progress_log.name:
            return record.getMessage()
        return f"{record.levelname} {record.name}: {record.getMessage()}"


_handler: Optional[logging.Handler] = None


def _setup_logging(verbose: int, quiet: bool) -> None:
    """Levels: -q errors only; default warnings and the step lines (not on a terminal); -v info;
    -vv debug. Progress records are made at every level, for run.log."""
    global _handler
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose else logging.WARNING)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    _handler = _ConsoleHandler(level, show_progress=not quiet and not sys.stderr.isatty())
    _handler.setFormatter(_Formatter())
    root.addHandler(_handler)
    root.setLevel(level)
    progress_log.setLevel(logging.INFO)


class _RunProgress:
    """The progress of one run: one line per accepted step through ``myorelease.progress``
    (INFO), appended to DIR/run.log (created when the run starts) with any other log record of
    the run; on a terminal a tqdm bar instead of the lines on stderr."""

    def __init__(self, name: str, out: Path, bar: bool):
        from . import api

        self.name, self.out, self.show_bar = name, Path(out), bar
        self.line = api.StepLine()
        self.bar = None
        self.file: Optional[logging.Handler] = None

    def __enter__(self) -> "_RunProgress":
        from tqdm import tqdm

        self.out.mkdir(parents=True, exist_ok=True)
        self.file = logging.FileHandler(self.out / "run.log", encoding="utf-8", errors="backslashreplace")
        self.file.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(self.file)
        self.line = type(self.line)()
        if self.show_bar:
            self.bar = tqdm(total=1.0, desc=self.name, file=sys.stderr, leave=True, dynamic_ncols=True,
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}{postfix}")
        return self

    def __call__(self, fraction: float, message: str) -> None:
        progress_log.info("%s: %s", self.name, self.line(fraction, message))
        if self.bar is not None:
            self.bar.update(max(0.0, min(1.0, fraction)) - self.bar.n)
            self.bar.set_postfix_str(" ".join(str(message).split())[:80], refresh=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        if self.file is not None:
            log.removeHandler(self.file)
            self.file.close()
            self.file = None


def _show_bar(args) -> bool:
    return not args.quiet and sys.stderr.isatty()


def _format_value(value) -> str:
    if isinstance(value, list):
        return f"[{len(value)} values; see summary.json]"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def cmd_run(args) -> int:
    from . import api

    scenario = _load(args)
    out = _out_dir(args, scenario.name)
    scenario.validate()  # bad input, even a MemoryError here, is exit 2
    args.phase = "run"
    with _RunProgress(scenario.name, out, _show_bar(args)) as progress:
        result = api.run(scenario, out=out, progress=progress)
    if not args.quiet:
        for key, value in result.summary.items():
            print(f"  {key} = {_format_value(value)}")
    for line in str(result.summary.get("warnings", "")).splitlines():
        print(f"myorelease: warning: {line}", file=sys.stderr)
    if not result.completed:
        print(f"myorelease: solver failure: {result.message} ({result.steps} converged steps kept "
              f"in {out})", file=sys.stderr)
        return EXIT_SOLVER
    work = (f"a study, {result.steps} rows" if "study" in result.summary else
            f"{result.steps} steps, {result.newton_iterations} Newton iterations, {result.n_dofs} dofs")
    print(f"{scenario.name}: {work}, {result.times.get('total', 0.0):.3g} s; results in {out}")
    return EXIT_OK


def cmd_compare(args) -> int:
    from . import api

    scenario = _load(args)
    out = _out_dir(args, scenario.name)

    @contextmanager
    def each(variant: str, directory: Path) -> Iterator[_RunProgress]:
        args.phase = "run"
        with _RunProgress(f"{scenario.name}/{variant}", directory, _show_bar(args)) as progress:
            yield progress

    table = api.compare(scenario, variants=args.variant or None, out=out, variant_progress=each)
    columns = [c for c in args.columns.split(",") if c in table.columns] if args.columns else list(table.columns)
    if args.sort and args.sort in table.columns:
        table = table.sort_values(args.sort, ascending=False)
    if not args.quiet:
        print(table[columns].to_string(float_format=lambda v: f"{v:.4g}"))
    print(f"{scenario.name}: {len(table)} variants; table in {out / 'comparison.csv'}")
    return EXIT_OK if bool(table["completed"].all()) else EXIT_SOLVER


def cmd_sweep(args) -> int:
    # `myorelease.sweep` is the function (the package exports it); import from the module.
    from .sweep import SweepInterrupted, load_sweep_file, run_sweep_file

    from . import api

    spec = load_sweep_file(args.sweep)
    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers: {args.workers} is not a positive whole number")
    out = _out_dir(args, spec["name"])
    if args.dry_run:
        design = run_sweep_file(args.sweep, dry_run=True)
        print(design.to_string(float_format=lambda v: f"{v:.6g}"))
        print(f"{spec['name']}: {len(design)} points, all valid (nothing run)")
        return EXIT_OK
    try:
        table = run_sweep_file(args.sweep, out=out, workers=args.workers, scheduler=args.scheduler,
                               resume=args.resume, retry_failed=args.retry_failed)
    except SweepInterrupted as e:
        print(f"myorelease: interrupted; {e}: myorelease sweep {args.sweep}"
              + (f" --out {args.out}" if args.out is not None else ""), file=sys.stderr)
        return EXIT_INTERRUPT
    failed = int((table["status"] != "ok").sum()) if len(table) else 0
    if not args.quiet:
        columns = [c for c in table.columns if c not in ("point_id", "error")]
        if spec["outputs"] is None:  # every summary key: too wide to print; the parameters and status
            columns = [c for c in columns if c in table.attrs["parameters"] or c == "status"]
        print(table[columns].to_string(float_format=lambda v: f"{v:.4g}"))
    print(f"{spec['name']}: {len(table)} points, {failed} failed; table in {out / 'sweep.csv'}, "
          f"each point in {out / 'points'}/")
    if spec["method"] == "saltelli" and spec["outputs"]:
        _print_sobol(table, spec["outputs"], out / "sobol_indices.csv", args.quiet)
    return EXIT_OK if failed == 0 else EXIT_SOLVER


def _print_sobol(table, outputs, path: Path, quiet: bool) -> None:
    """Sobol indices of each output of a Saltelli sweep, printed and written to path."""
    import pandas as pd

    from .sensitivity import sobol_indices

    frames = []
    for output in outputs:
        try:
            frames.append(sobol_indices(table, output, bootstrap=200, seed=0).reset_index()
                          .assign(output=output))
        except ValueError as e:  # e.g. too many failed points
            log.warning("Sobol indices of %s: %s", output, e)
    if not frames:
        return
    indices = pd.concat(frames, ignore_index=True).set_index(["output", "parameter"])
    indices.to_csv(path)
    if not quiet:
        print("Sobol indices (S1 first order, ST total; 95 % bootstrap intervals):")
        print(indices.to_string(float_format=lambda v: f"{v:.3f}"))
    print(f"Sobol indices in {path}")


def cmd_validate(args) -> int:
    """Everything that needs no solve: the scenario, its variants' names and the output
    directory (--out or results/<name>/; nothing is created)."""
    from . import api

    scenario = _load(args)
    out = _out_dir(args, scenario.name)
    scenario.validate()
    for name in scenario.variant_names():
        api.check_out_dir(out / api.check_output_name(name, f"variants.{name}"), f"variants.{name}")
    print(f"{args.scenario}: OK ({scenario.name})")
    return EXIT_OK


def _range_text(p, fmt) -> str:
    lo, hi = p["min"], p["max"]
    left = "(" if p.get("min_exclusive") else "["
    lo_t = "-inf" if math.isinf(lo) else fmt(lo, p["unit"])
    hi_t = "inf" if math.isinf(hi) else fmt(hi, p["unit"])
    return f"{left}{lo_t}, {hi_t}]"


def cmd_models(args) -> int:
    from . import _core

    specs = _core.models()
    presets = _core.presets()
    if args.json:
        print(json.dumps(presets if args.presets else specs, indent=2, default=str))
        return EXIT_OK

    def fmt(value, unit):
        return _core.format_quantity(value, unit) if unit not in ("", "-") else f"{value:g}"

    if args.presets:
        for p in presets:
            values = ", ".join(f"{k} = {fmt(v, p['units'].get(k, '-'))}" for k, v in p["params"].items())
            print(f"{p['kind']} preset {p['name']}: {p['model']} ({values})")
            if p["doc"]:
                print(f"  {p['doc']}")
            print(f"  source: {p['source']}")
        return EXIT_OK

    for spec in specs:
        print(f"{spec['kind']} {spec['name']}: {spec['summary']}")
        if spec["source"]:
            print(f"  source: {spec['source']}")
        rows = [("param", "unit", "default", "range", "meaning", "source")]
        for p in spec["params"]:
            default = "required" if p["required"] else fmt(p["default"], p["unit"])
            rows.append((p["name"], p["unit"] or "-", default, _range_text(p, fmt),
                         p["long_name"], p["source"]))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for i, row in enumerate(rows):
            cells = [c.ljust(w) for c, w in zip(row, widths)] + [row[-1]]
            print("  " + "  ".join(cells).rstrip())
            if i == 0:
                print("  " + "  ".join("-" * w for w in widths) + "  ------")
        print()
    return EXIT_OK


def cmd_info(args) -> int:
    from . import __version__, _core

    info = dict(_core.build_info())
    info.setdefault("version", __version__)
    import numpy

    info["python"] = sys.version.split()[0]
    info["numpy"] = numpy.__version__
    info["module"] = os.path.dirname(_core.__file__)
    width = max(len(k) for k in info)
    for key, value in info.items():
        print(f"{key.ljust(width)}  {value}")
    return EXIT_OK


def cmd_plot(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from . import plot

    directory = Path(args.dir)
    if not plot.plottable(directory):
        raise InputError(f"{args.dir}: no result.h5, comparison.csv or sweep.csv there "
                         "(run `myorelease run`, `compare` or `sweep` first)")
    written = plot.plot_dir(directory, args.out)
    for path in written:
        print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="myorelease",
        description="Finite-strain FE simulation of soft tissue under sustained pressure.")
    parser.add_argument("--version", action="version", version=f"myorelease {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-vv: debug)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="only errors (no step lines, no table)")
    # The same flags after the subcommand (`myorelease run X.yaml -q`), into other names with
    # SUPPRESS defaults, so that the subparser never resets a flag given before it; main() adds them.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", dest="sub_verbose", action="count", default=argparse.SUPPRESS,
                        help="more log output (-vv: debug)")
    common.add_argument("-q", "--quiet", dest="sub_quiet", action="store_true", default=argparse.SUPPRESS,
                        help="only errors (no step lines, no table)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def add(name: str, **kwargs):
        return sub.add_parser(name, parents=[common], **kwargs)

    p = add("run", help="run a scenario; writes result.h5, result.xdmf, summary.json, run.log")
    p.add_argument("scenario", help="scenario YAML file")
    p.add_argument("--out", help="output directory (default: results/<scenario name>/)")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a value, e.g. --set materials.tissue.mu='12 kPa' (repeatable)")
    p.set_defaults(func=cmd_run)

    p = add("compare", help="run every variant of a scenario (its `variants:`) and tabulate them")
    p.add_argument("scenario", help="scenario YAML file with a top-level `variants:` map")
    p.add_argument("--out", help="output directory (default: results/<scenario name>/); "
                                 "one subdirectory per variant and comparison.csv")
    p.add_argument("--variant", action="append", default=[], help="run only this variant (repeatable)")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="override a value in every variant (repeatable)")
    p.add_argument("--sort", default="target_stress_per_skin_pressure",
                   help="summary key to sort by, largest first (default: target_stress_per_skin_pressure)")
    p.add_argument("--columns", default="indenter_force_N,indentation_depth_mm,peak_contact_pressure_kPa,"
                   "contact_area_mm2,target_mean_compressive_stress_kPa,target_force_fraction,"
                   "target_stress_per_skin_pressure",
                   help="comma-separated summary keys to print")
    p.set_defaults(func=cmd_compare)

    p = add("sweep", help="run a sweep file: many points of one scenario, one table")
    p.add_argument("sweep", help="sweep YAML file (scenario, method, parameters, ...; see README)")
    p.add_argument("--out", help="output directory (default: results/<sweep name>/)")
    p.add_argument("--workers", type=int, help="points at once (default: the sweep file's, else the cores)")
    p.add_argument("--scheduler", metavar="ADDRESS|local",
                   help="run on a Dask cluster: a scheduler address (tcp://host:8786) or `local` "
                        "(a LocalCluster of --workers processes on 127.0.0.1)")
    p.add_argument("--resume", action=argparse.BooleanOptionalAction, default=True,
                   help="skip points already finished in --out (default); --no-resume reruns all")
    p.add_argument("--retry-failed", action="store_true", help="rerun points recorded as failed")
    p.add_argument("--dry-run", action="store_true", help="check every point and print them; run nothing")
    p.set_defaults(func=cmd_sweep)

    p = add("validate", help="check a scenario and its output directory without running it")
    p.add_argument("scenario")
    p.add_argument("--out", help="the output directory to check (default: results/<scenario name>/); "
                                 "nothing is created")
    p.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    p.set_defaults(func=cmd_validate)

    p = add("models", help="list the registry of models and their parameters")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.add_argument("--presets", action="store_true",
                   help="list the presets (device catalogue, tissue library) instead of the models")
    p.set_defaults(func=cmd_models)

    p = add("info", help="version, build type, threads, linear solvers")
    p.set_defaults(func=cmd_info)

    p = add("plot", help="draw what DIR holds into DIR/*.png: a run (history, deformed "
                       "mesh, contact pressure, depth profile, tone), a comparison or a sweep")
    p.add_argument("dir", help="a run's directory (result.h5), a comparison's (comparison.csv) "
                               "or a sweep's (sweep.csv)")
    p.add_argument("--out", help="where to write the PNGs (default: DIR)")
    p.set_defaults(func=cmd_plot)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.verbose += getattr(args, "sub_verbose", 0)
    args.quiet = args.quiet or getattr(args, "sub_quiet", False)
    args.phase = "input"  # "run" once a command starts a solve (a MemoryError then is not bad input)
    _setup_logging(args.verbose, args.quiet)

    try:
        from ._core import ScenarioError, SolverError
    except ImportError as e:  # the compiled module is missing: a broken install
        _error(f"cannot import the compiled core: {e}")
        return EXIT_ERROR
    try:
        return args.func(args)
    except (ScenarioError, InputError) as e:
        _error(f"error: {_one_line(e)}")
        return EXIT_INPUT
    except SolverError as e:
        _error(f"solver failure: {_one_line(e)}")
        return EXIT_SOLVER
    except UnicodeDecodeError as e:  # text of the core that is not UTF-8 (api maps most of them)
        from .api import _not_utf8

        source = getattr(args, "scenario", None) or getattr(args, "sweep", None)
        _error(f"error: {_one_line(_not_utf8(e, Path(source) if source else None))}")
        return EXIT_INPUT
    except ValueError as e:  # other bad input reported by the core (std::invalid_argument)
        _error(f"error: {_one_line(e)}")
        return EXIT_INPUT
    except BrokenPipeError:  # `myorelease models | head`
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except KeyboardInterrupt:
        _error("interrupted; steps already written are kept")
        return EXIT_INTERRUPT
    except (MemoryError, RecursionError) as e:
        log.debug("traceback", exc_info=True)
        what = "out of memory" if isinstance(e, MemoryError) else "nested too deeply (recursion limit)"
        source = getattr(args, "scenario", None) or getattr(args, "sweep", None) or args.command
        detail = f" ({_one_line(e)})" if str(e) else ""
        if args.phase == "input":
            _error(f"error: {source}: {what} while reading and checking it{detail}")
            return EXIT_INPUT
        _error(f"{what} while running {source}{detail}")
        return EXIT_ERROR
    except Exception as e:  # a bug: one line still (-vv logs the traceback)
        log.debug("traceback", exc_info=True)
        _error(f"{type(e).__name__}: {_one_line(e)}")
        return EXIT_ERROR


def _error(text: str) -> None:
    """One line on stderr, after any progress bar."""
    from tqdm import tqdm

    tqdm.write(f"myorelease: {text}", file=sys.stderr)


def _one_line(e: object) -> str:
    text = " ".join(str(e).split())
    if len(text) > MAX_MESSAGE:
        text = f"{text[: MAX_MESSAGE - 300]} ... {text[-250:]} ({len(text)} characters)"
    return text


if __name__ == "__main__":
    sys.exit(main())
