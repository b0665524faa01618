"""The fuzz targets of tests/fuzz (issue 12): the scenario parser and the Gmsh reader.

(a) Every corpus file in tests/fuzz/corpus/<target>/ replayed through the target's check in a
    child process (a crash or a hang is reported for the file it was checking, and the rest go
    on in a new process): the answer must be success or a one-line ScenarioError, and the
    regression cases of tests/fuzz/expected.json must give the answer written there (validate, or
    an error naming the key path). No atheris needed.
(b) Each target under atheris for FUZZ_SECONDS (default 20) from that corpus; any finding fails
    the test with the path of the input that found it. Skipped only when atheris is missing.
    `make fuzz FUZZ_SECONDS=600` runs the same for longer.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
TARGETS = ("scenario", "gmsh")
EXPECTED = json.loads((FUZZ / "expected.json").read_text(encoding="utf-8"))
FUZZ_SECONDS = int(os.environ.get("FUZZ_SECONDS", "20"))
RSS_LIMIT_MB = 3072
PER_INPUT_TIMEOUT_S = 60  # as REPLAY_TIMEOUT in fuzz_common.py and -timeout= below


def corpus_files(target: str):
    return sorted(p for p in (FUZZ / "corpus" / target).iterdir() if p.is_file())


def _died(returncode: int, stderr: str) -> str:
    if returncode < 0:
        try:
            how = f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            how = f"killed by signal {-returncode}"
    elif "Timeout (" in stderr:
        how = f"no answer within {PER_INPUT_TIMEOUT_S} s"
    else:
        how = f"exit code {returncode}"
    tail = "\n".join(stderr.strip().splitlines()[-12:])
    return f"the process died ({how}):\n{tail}"


def replay(target: str, paths) -> dict:
    """path -> {"ok", "message"}, each file through `fuzz_<target>.py --replay`."""
    results: dict = {}
    todo = [str(p) for p in paths]
    while todo:
        proc = subprocess.run([sys.executable, str(FUZZ / f"fuzz_{target}.py"), "--replay", *todo],
                              capture_output=True, text=True, timeout=PER_INPUT_TIMEOUT_S * len(todo) + 120)
        current = None
        for line in proc.stdout.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("start"):
                current = record["path"]
            else:
                results[record["path"]] = record
                current = None
        if current is None:
            if proc.returncode not in (0, 1):
                pytest.fail(f"fuzz_{target}.py --replay failed before any input: {_died(proc.returncode, proc.stderr)}")
            break
        results[current] = {"path": current, "ok": False, "message": _died(proc.returncode, proc.stderr)}
        todo = todo[todo.index(current) + 1:]
    return results


_replayed: dict = {}


def replayed(target: str) -> dict:
    if target not in _replayed:
        _replayed[target] = replay(target, corpus_files(target))
    return _replayed[target]


CASES = [(t, p) for t in TARGETS for p in corpus_files(t)]


@pytest.mark.parametrize("target,path", CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_corpus_input(target, path):
    record = replayed(target).get(str(path))
    assert record is not None, f"{path}: not replayed"
    assert record["ok"], f"{path}: {record['message']}"
    want = EXPECTED.get(f"{target}/{path.name}")
    message = record["message"]
    if want == "ok":
        assert message is None, f"{path}: should validate, got: {message}"
    elif want:
        assert message is not None, f"{path}: validated; expected an error naming {want}"
        missing = [w for w in want if w not in message]
        assert not missing, f"{path}: the error does not name {missing}: {message}"


def test_expected_cases_are_in_the_corpus():
    for key in EXPECTED:
        assert (FUZZ / "corpus" / key).is_file(), key


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target(target, tmp_path):
    pytest.importorskip("atheris")
    work = tmp_path / "corpus"  # new inputs go here, never into tests/fuzz/corpus
    work.mkdir()
    cmd = [sys.executable, str(FUZZ / f"fuzz_{target}.py"), f"-max_total_time={FUZZ_SECONDS}",
           f"-rss_limit_mb={RSS_LIMIT_MB}", f"-timeout={PER_INPUT_TIMEOUT_S}", f"-artifact_prefix={tmp_path}/",
           # A fixed seed: the suite's short run is repeatable; `make fuzz` explores with fresh seeds.
           "-seed=1",
           "-print_final_stats=1", str(work), str(FUZZ / "corpus" / target)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=FUZZ_SECONDS + 2 * PER_INPUT_TIMEOUT_S + 300)
    findings = sorted(p for p in tmp_path.iterdir() if p.name.split("-")[0] in ("crash", "timeout", "oom", "leak"))
    runs = [line for line in proc.stderr.splitlines() if line.startswith("stat::number_of_executed_units")]
    print(f"fuzz_{target}: {runs[-1] if runs else 'no stats'}")
    if findings or proc.returncode != 0:
        report = [line for line in proc.stderr.splitlines()
                  if line.startswith(("Finding", "==", "SUMMARY", "MS:", "artifact_prefix", " === "))
                  or "Error" in line or "error" in line]
        where = ", ".join(map(str, findings)) or "(no input written)"
        pytest.fail(f"fuzz_{target} found something (exit {proc.returncode}); input: {where}\n"
                    + "\n".join(report[-20:])
                    + f"\nreplay: {sys.executable} {FUZZ / f'fuzz_{target}.py'} --replay {where.split(', ')[0]}")
