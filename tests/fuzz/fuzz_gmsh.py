"""Fuzz target: a Gmsh .msh file read through a scenario that references it.

The input is the .msh file's bytes. They are written to x.msh in a private temporary directory
beside a scenario file (``mesh: {file: x.msh, unit: mm}``, materials for the regions "muscle" and
"skin", boundary conditions on "top" and "bottom"), which is loaded by path and validated: the
reader runs as ``myorelease validate`` runs it. The verdict is fuzz_common.verdict's: success or a
one-line ScenarioError (naming mesh.file).

Half of the mutations are libFuzzer's own on the bytes; the other half replace one number of the
file with a boundary value (negative, zero, 2^31, 2^63, ...: block sizes and counts that must be
checked before anything is allocated), or drop or repeat a line. Seeds: tests/fuzz/corpus/gmsh/
(a small box in formats 2.2 and 4.1, and the files with negative and huge counts of issue 12).

    python tests/fuzz/fuzz_gmsh.py -max_total_time=60 build/fuzz/gmsh tests/fuzz/corpus/gmsh
    python tests/fuzz/fuzz_gmsh.py --replay tests/fuzz/corpus/gmsh/*   # no atheris needed
"""
from __future__ import annotations

import atexit
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_common import MAX_INPUT, main, verdict  # noqa: E402

SCENARIO = """\
name: fuzz_gmsh
mesh: {file: x.msh, unit: mm}
materials:
  muscle: {model: neo_hookean, mu: 10 kPa, kappa: 1 MPa}
  skin: {model: neo_hookean, mu: 100 kPa, kappa: 10 MPa}
boundary:
  - {set: bottom, fix: all}
  - {set: top, displacement: {z: -1 mm}}
time: {end: 1 s, steps: 2}
output: {reaction_sets: [bottom]}
"""

_workdir: Optional[Path] = None


def _dir() -> Path:
    global _workdir
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="myo_fuzz_gmsh_"))
        atexit.register(shutil.rmtree, _workdir, True)
        (_workdir / "scenario.yaml").write_text(SCENARIO)
    return _workdir


def check(data: bytes) -> Optional[str]:
    """None on success, the ScenarioError's message on a clean error; raises Finding otherwise."""
    if len(data) > MAX_INPUT:
        return None
    import myorelease

    work = _dir()
    (work / "x.msh").write_bytes(data)
    return verdict(lambda: myorelease.load(work / "scenario.yaml").validate(), myorelease.ScenarioError)


BOUNDARY = [b"-1", b"0", b"1", b"-2147483648", b"2147483647", b"2147483648", b"4294967296",
            b"9223372036854775807", b"9223372036854775808", b"-9223372036854775809", b"1000000000000",
            b"99999999", b"1e308", b"nan", b"-0", b"3", b"5", b"15", b"1.5"]


def structured(data: bytes, max_size: int, seed: int) -> Optional[bytes]:
    rng = random.Random(seed)
    how = rng.randrange(6)
    if how < 4:  # one number -> a boundary value
        numbers = [m.span() for m in re.finditer(rb"-?\d+(\.\d+)?(e[-+]?\d+)?", data)]
        if not numbers:
            return None
        a, b = rng.choice(numbers)
        out = data[:a] + rng.choice(BOUNDARY) + data[b:]
    else:  # drop or repeat a line
        lines = data.splitlines(keepends=True)
        if not lines:
            return None
        i = rng.randrange(len(lines))
        middle = [] if how == 4 else [lines[i]] * rng.choice([2, 100])
        out = b"".join(lines[:i] + middle + lines[i + 1:])
    return out if len(out) <= max_size else None


def mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    if seed % 2 == 0:
        out = structured(data, max_size, seed)
        if out is not None:
            return out
    return atheris.Mutate(data, max_size)


def _import() -> None:
    import myorelease  # noqa: F401


if __name__ == "__main__":
    main(check, mutator, _import)
