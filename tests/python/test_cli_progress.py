"""What `myorelease run` and `compare` report while they run: one line per accepted step (the
core's message, wall time, ETA) on stderr when it is not a terminal and in DIR/run.log; a tqdm
bar on a terminal; -q / -v before or after the subcommand; --version."""
from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

import myorelease
from conftest import SMALL_BLOCK

STEP_LINE = re.compile(r"^small_block: .*\| +[\d.]+ % \| wall .*, ETA ")


def env() -> Dict[str, str]:
    """The package the tests import, whatever the working directory."""
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(Path(myorelease.__file__).resolve().parents[1]),
                                       *filter(None, [e.get("PYTHONPATH")])])
    return e


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "myorelease.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=env())


def step_lines(text: str) -> List[str]:
    return [line for line in text.splitlines() if STEP_LINE.search(line)]


def steps(out: Path) -> int:
    return int(json.loads((out / "summary.json").read_text())["steps"])


def test_one_line_per_accepted_step_on_stderr_and_in_run_log(block_file, tmp_path):
    out = tmp_path / "out"
    p = cli("run", block_file, "--out", out)
    assert p.returncode == 0, p.stderr
    n = steps(out)
    on_stderr = step_lines(p.stderr)
    assert len(on_stderr) == n, p.stderr
    logged = step_lines("\n".join(line.split(" ", 2)[-1] for line in (out / "run.log").read_text().splitlines()))
    assert len(logged) == n
    for line in on_stderr + logged:
        assert re.search(r"\bstep \d+", line), line      # the core's message: step, time, ...
        assert re.search(r"\bt = [\d.e+-]+ s", line), line
        assert "wall" in line and "ETA" in line, line
    assert on_stderr[-1].split("|")[1].strip() == "100.0 %"
    assert not [line for line in p.stderr.splitlines() if line not in on_stderr], p.stderr


@pytest.mark.parametrize("where", ["after", "before"])
def test_quiet_silences_the_step_lines_before_or_after_the_subcommand(block_file, tmp_path, where):
    out = tmp_path / "out"
    args = ["run", block_file, "--out", out]
    p = cli(*(args + ["-q"] if where == "after" else ["-q"] + args))
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    assert len(p.stdout.strip().splitlines()) == 1, p.stdout  # only the closing line, no summary
    assert len(step_lines("\n".join(line.split(" ", 2)[-1] for line in
                                    (out / "run.log").read_text().splitlines()))) == steps(out)


def test_verbose_after_the_subcommand_adds_info_and_adds_to_one_before(block_file, tmp_path):
    p = cli("run", block_file, "--out", tmp_path / "out", "-v")
    assert p.returncode == 0, p.stderr
    assert "INFO myorelease.api: running small_block" in p.stderr
    assert "DEBUG" not in p.stderr
    p = cli("-v", "run", block_file, "--out", tmp_path / "out", "-v")
    assert p.returncode == 0, p.stderr
    assert "DEBUG myorelease.api: override" not in p.stderr  # no overrides: no such line
    assert "INFO myorelease.api: running small_block" in p.stderr
    p = cli("-v", "run", block_file, "--out", tmp_path / "out", "-v", "--set", "time.steps=4")
    assert "DEBUG myorelease.api: override time.steps = 4" in p.stderr


def test_version():
    p = cli("--version")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"myorelease {myorelease.__version__}"


def test_compare_writes_each_variants_run_log(tmp_path):
    doc = yaml.safe_load(SMALL_BLOCK)
    doc["variants"] = {"soft": {"materials.tissue.mu": "5 kPa"}, "stiff": {"materials.tissue.mu": "20 kPa"}}
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    p = cli("compare", path, "--out", tmp_path / "out")
    assert p.returncode == 0, p.stderr
    for variant in ("soft", "stiff"):
        n = steps(tmp_path / "out" / variant)
        log = (tmp_path / "out" / variant / "run.log").read_text()
        assert len([line for line in log.splitlines() if "ETA" in line]) == n
        assert len([line for line in p.stderr.splitlines()
                    if line.startswith(f"small_block/{variant}: ") and "ETA" in line]) == n


def test_a_terminal_gets_a_progress_bar_instead_of_the_lines(block_file, tmp_path):
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # rows, columns
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "myorelease.cli", "run", str(block_file), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=slave, env=env())
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, terminal
    assert "100%|" in terminal, terminal       # the bar, at its end
    assert "ETA" not in terminal, terminal      # no step lines on a terminal
    assert len([line for line in (out / "run.log").read_text().splitlines() if "ETA" in line]) == steps(out)
