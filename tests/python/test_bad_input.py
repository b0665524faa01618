"""Bad input through the CLI (issue 12, "Hardening"), one table row per case.

Each row writes its files into a fresh working directory, runs ``python -m myorelease.cli`` there
and checks the contract of DESIGN.md: exit code 2, exactly one line on stderr starting with
``myorelease: error:`` that names the key path (and the value where given), no traceback, and
nothing written outside the --out directory (with no --out: outside results/). The working
directory is two levels below the snapshot root, so that a name such as ``../../x`` that
escapes would still be seen.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import pytest
import yaml

from conftest import SMALL_BLOCK

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
MEMORY_LIMIT = 4 << 30  # bytes of address space per run: a runaway allocation fails instead of swapping
TIMEOUT_S = 300

Files = Dict[str, Union[str, bytes]]


def block(*replacements: Tuple[str, str]) -> str:
    """The small block of conftest with text replaced (each replacement must match)."""
    text = SMALL_BLOCK
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def block_doc(**changes) -> str:
    """The small block as YAML after changing its top-level keys (None removes a key)."""
    doc = yaml.safe_load(SMALL_BLOCK)
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return yaml.safe_dump(doc, sort_keys=False, width=1 << 20)


def named(name: str) -> str:
    return block(("name: small_block", f"name: {yaml.safe_dump(name, width=1 << 20).splitlines()[0]}"))


def size_x(text: str) -> str:
    return block(("size_x: 40 mm", f"size_x: {yaml.safe_dump(text, width=1 << 20).splitlines()[0]}"))


def release_ball(contact_name: str) -> str:
    doc = yaml.safe_load((SCENARIOS / "release_ball.yaml").read_text())
    doc["contact"][0]["name"] = contact_name
    doc["output"]["reaction_sets"] = ["bottom"]
    return yaml.safe_dump(doc, sort_keys=False, width=1 << 20)


# A sphere 50 mm above the top of the block (the top is at z = 20 mm): at 4 mm of travel, or
# under 5 N, it never reaches the surface.
def sphere_above(control: Dict[str, str]) -> str:
    return block_doc(boundary=[{"set": "bottom", "fix": "all"}],
                     contact=[{"name": "indenter", "surface": "top",
                               "device": {"model": "sphere", "diameter": "20 mm"},
                               "position": ["20 mm", "20 mm", "70 mm"], "direction": [0, 0, -1],
                               **control}])


def sweep_file(name: str) -> str:
    return yaml.safe_dump({"name": name, "scenario": "small_block.yaml", "method": "grid",
                           "parameters": {"materials.tissue.mu": ["5 kPa", "10 kPa"]}})


def read_only_out(tmp: Path) -> str:
    """A directory to create inside one nobody may write: /proc/1 when running as root (root
    writes anywhere else), else a directory of mode 0555."""
    if os.geteuid() == 0:
        return "/proc/1/myorelease_out"
    locked = tmp / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return str(locked / "out")


@dataclass
class Row:
    id: str
    files: Files                       # written into the working directory
    args: Sequence[Union[str, Callable[[Path], str]]]  # callables get the working directory
    expect: Sequence[str]              # every one must be in the error line
    any_of: Sequence[str] = ()         # at least one must be in it
    out: Optional[str] = None          # the --out directory (relative to the working directory)
    prepare: Optional[Callable[[Path], None]] = None


ROWS: List[Row] = [
    # output names: one path component
    Row("name ..", {"s.yaml": named("..")}, ["run", "s.yaml"], ["name", '".."']),
    Row("name .", {"s.yaml": named(".")}, ["run", "s.yaml"], ["name", '"."']),
    Row("name ../x", {"s.yaml": named("../x")}, ["run", "s.yaml"], ["name", '"../x"']),
    Row("name absolute", {}, ["run", "s.yaml"], ["name", "abs_target"],
        prepare=lambda cwd: (cwd / "s.yaml").write_text(named(str(cwd.parents[1] / "abs_target")))),
    Row("name 30000 characters", {"s.yaml": named("n" * 30000)}, ["run", "s.yaml"], ["name"]),
    Row("validate name ../x", {"s.yaml": named("../x")}, ["validate", "s.yaml"], ["name", '"../x"']),
    Row("deformable ball contact name 30000 characters", {"s.yaml": release_ball("b" * 30000)},
        ["run", "s.yaml", "--out", "out"], ["contact[0].name"], out="out"),
    # units
    Row("unit nesting", {"s.yaml": size_x("1 " + "(" * 40000 + "m")}, ["run", "s.yaml", "--out", "out"],
        ["mesh.size_x"], out="out"),
    Row("unit power overflow", {"s.yaml": size_x("1 m^2147483647*m")}, ["run", "s.yaml", "--out", "out"],
        ["mesh.size_x"], out="out"),
    Row("exponent overflow", {"s.yaml": size_x("1e9223372036854775807 km")},
        ["run", "s.yaml", "--out", "out"], ["mesh.size_x"], out="out"),
    Row("unit power huge", {"s.yaml": size_x("1 mm^1000000000")}, ["run", "s.yaml", "--out", "out"],
        ["mesh.size_x"], out="out"),
    Row("latin-1 byte in a unit", {"s.yaml": block(("size_x: 40 mm", "size_x: 40 \x00m")).encode()
                                   .replace(b"\x00", b"\xb5")},
        ["run", "s.yaml", "--out", "out"], [], any_of=["mesh.size_x", "0xb5", "0xB5"], out="out"),
    # YAML
    Row("bad YAML escape in name", {"s.yaml": block(("name: small_block", 'name: "\\é"'))},
        ["run", "s.yaml"], [], any_of=["name", "line 1"]),
    Row("--set into a scalar", {"s.yaml": SMALL_BLOCK},
        ["run", "s.yaml", "--out", "out", "--set", "time.end.x=1"], ["time.end"], out="out"),
    Row("duplicate key in a material", {"s.yaml": block(("mu: 10 kPa,", "mu: 10 kPa, mu: 12 kPa,"))},
        ["run", "s.yaml", "--out", "out"], ["materials.tissue.mu"], out="out"),
    # keys and sets
    Row("unknown set in boundary[1]", {"s.yaml": block(("{set: top, displacement", "{set: topp, displacement"))},
        ["run", "s.yaml", "--out", "out"], ["boundary[1]", "topp"], out="out"),
    Row("contact without surface", {"s.yaml": block_doc(contact=[{
        "name": "indenter", "device": {"model": "sphere", "diameter": "20 mm"},
        "position": ["20 mm", "20 mm", "20 mm"], "direction": [0, 0, -1], "depth": "2 mm"}])},
        ["run", "s.yaml", "--out", "out"], ["contact[0].surface"], out="out"),
    Row("typo muu", {"s.yaml": block(("mu: 10 kPa", "muu: 10 kPa"))}, ["run", "s.yaml", "--out", "out"],
        ["materials.tissue.muu"], out="out"),
    Row("mesh too large for memory", {"s.yaml": block(("cells_x: 4", "cells_x: 1000000"))},
        ["run", "s.yaml", "--out", "out"], ["cells_x"], out="out"),
    # --out
    Row("--out an existing file", {"s.yaml": SMALL_BLOCK, "taken": "a file\n"},
        ["run", "s.yaml", "--out", "taken"], ["--out", "taken"]),
    Row("validate --out an existing file", {"s.yaml": SMALL_BLOCK, "taken": "a file\n"},
        ["validate", "s.yaml", "--out", "taken"], ["--out", "taken"]),
    Row("--out in a read-only directory", {"s.yaml": SMALL_BLOCK},
        ["run", "s.yaml", "--out", lambda cwd: read_only_out(cwd.parents[1])], ["--out"]),
    Row("--out component of 300 characters", {"s.yaml": SMALL_BLOCK},
        ["run", "s.yaml", "--out", "c" * 300], ["--out"]),
    # penalty and solver settings
    Row("penalty_factor 0", {"s.yaml": sphere_above({"depth": "4 mm", "penalty_factor": 0})},
        ["run", "s.yaml", "--out", "out"], ["contact[0].penalty_factor", "0"], out="out"),
    Row("penalty_factor with a unit", {"s.yaml": sphere_above({"depth": "4 mm", "penalty_factor": "3 Pa"})},
        ["run", "s.yaml", "--out", "out"], ["contact[0].penalty_factor"], out="out"),
    Row("stagnation_window -1", {"s.yaml": block(("solver: {linear: cholmod}", "solver: {linear: cholmod, stagnation_window: -1}"))},
        ["run", "s.yaml", "--out", "out"], ["solver.stagnation_window", "-1"], out="out"),
    Row("reuse_factorization maybe", {"s.yaml": block(("solver: {linear: cholmod}", "solver: {linear: cholmod, reuse_factorization: maybe}"))},
        ["run", "s.yaml", "--out", "out"], ["solver.reuse_factorization", "maybe"], out="out"),
    # a device that never reaches the surface
    Row("sphere above the surface, depth control", {"s.yaml": sphere_above({"depth": "4 mm"})},
        ["run", "s.yaml", "--out", "out"], ["contact[0]"], any_of=["never reach", "gap"], out="out"),
    Row("sphere above the surface, force control", {"s.yaml": sphere_above({"force": "5 N"})},
        ["run", "s.yaml", "--out", "out"], ["contact[0]"], any_of=["never reach", "gap"], out="out"),
    # sweeps and comparisons
    Row("sweep name ../../escaped_sweep", {"small_block.yaml": SMALL_BLOCK,
                                           "sw.yaml": sweep_file("../../escaped_sweep")},
        ["sweep", "sw.yaml"], ["name", "escaped_sweep"]),
    Row("sweep absolute name", {"small_block.yaml": SMALL_BLOCK}, ["sweep", "sw.yaml"], ["name", "abs_sweep"],
        prepare=lambda cwd: (cwd / "sw.yaml").write_text(sweep_file(str(cwd.parents[1] / "abs_sweep")))),
    Row("compare variant ../x", {"s.yaml": block_doc(variants={"../x": {"materials.tissue.mu": "5 kPa"}})},
        ["compare", "s.yaml"], ["variants", "../x"]),
]


def snapshot(root: Path) -> Dict[str, Tuple[bool, int, int]]:
    """Every path below root: (is a directory, size, modification time)."""
    out = {}
    for path in [root, *root.rglob("*")]:
        st = path.lstat()
        out[str(path.relative_to(root))] = (path.is_dir(), st.st_size, st.st_mtime_ns)
    return out


def child_env() -> Dict[str, str]:
    """The environment of the runs: the package the tests import, whatever the working directory."""
    import myorelease

    package_parent = str(Path(myorelease.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([package_parent, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_exits_2_with_one_line_and_writes_nothing_outside_out(row: Row, tmp_path: Path):
    cwd = tmp_path / "a" / "cwd"
    cwd.mkdir(parents=True)
    for name, content in row.files.items():
        (cwd / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    if row.prepare is not None:
        row.prepare(cwd)
    args = [a(cwd) if callable(a) else a for a in row.args]
    before = snapshot(tmp_path)

    p = subprocess.run([sys.executable, "-m", "myorelease.cli", *args], cwd=cwd, capture_output=True,
                       timeout=TIMEOUT_S, preexec_fn=_limit_memory, env=child_env())
    stderr = p.stderr.decode("utf-8", "backslashreplace")

    lines = stderr.splitlines()
    assert "Traceback" not in stderr, stderr[-3000:]
    assert p.returncode == 2, (p.returncode, stderr[-3000:])
    assert len(lines) == 1, stderr[-3000:]
    line = lines[0]
    assert line.startswith("myorelease: error:"), line[:3000]
    for text in row.expect:
        assert text in line, (text, line[:3000])
    if row.any_of:
        assert any(text in line for text in row.any_of), (row.any_of, line[:3000])

    # Nothing written outside --out (with no --out: outside results/).
    allowed = (cwd / (row.out if row.out is not None else "results")).relative_to(tmp_path)
    after = snapshot(tmp_path)

    def inside(rel: str) -> bool:
        return Path(rel) == allowed or allowed in Path(rel).parents

    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and not inside(k))
    # A directory that changed only by getting an allowed entry (results/ in cwd) is fine.
    changed = [k for k in changed if not (before.get(k, (False,))[0] and after.get(k, (False,))[0] and all(
        inside(c) or c in before for c in after if c != k and str(Path(c).parent) == k))]
    assert not changed, changed[:20]
