"""What the fuzz targets share: the verdict on one input, resource limits, the corpus replay.

A target's check function takes the input bytes and returns quietly when the scenario front door
behaved: the scenario validated, or ``myorelease.ScenarioError`` was raised with a one-line message.
Anything else raises :class:`Finding`: another exception type (a plain ValueError from a C++
std::length_error, TypeError, RuntimeError, MemoryError from std::bad_alloc or the address-space
limit, RecursionError, UnicodeDecodeError of a message cut inside a character, ...) or a message
of more than one line or none. A crash (a signal) ends the process: atheris writes the input as
crash-*, and :func:`replay_main` reports the file it was checking to its parent.

Run a target under atheris: ``python tests/fuzz/fuzz_scenario.py [libFuzzer flags] [CORPUS_DIR...]``;
replay files through the check function alone: ``python tests/fuzz/fuzz_scenario.py --replay FILE...``.
"""
from __future__ import annotations

import faulthandler
import json
import os
import resource
import re
import sys
import traceback
import zlib
from pathlib import Path
from typing import Callable, Iterable, Optional

MAX_INPUT = 64 * 1024  # bytes: larger inputs are not checked (libFuzzer's -max_len is the same)
ADDRESS_SPACE = 4 * 1024**3  # RLIMIT_AS: a runaway allocation is a MemoryError, not swapping
REPLAY_TIMEOUT = 60.0  # s for one input in --replay; past it the input is reported as a hang

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


class Finding(Exception):
    """The front door did not answer a bad input with a clean one-line ScenarioError."""


def limit_resources(address_space: int = ADDRESS_SPACE) -> None:
    """Lower RLIMIT_AS to `address_space` bytes (never above the hard limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = address_space if hard == resource.RLIM_INFINITY else min(address_space, hard)
    if soft == resource.RLIM_INFINITY or soft > want:
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def verdict(call: Callable[[], object], scenario_error: type) -> Optional[str]:
    """Run `call`; None when it returned or raised a one-line `scenario_error`, else raise Finding.

    Returns the ScenarioError's message (or None on success) so a caller can check what it names.
    """
    try:
        call()
    except scenario_error as e:
        message = str(e)
        if not message.strip():
            raise Finding(f"{type(e).__name__} with an empty message") from e
        if "\n" in message.rstrip("\n") or "\r" in message:
            lines = len(message.rstrip("\n").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            raise Finding(f"{type(e).__name__} message of {lines} lines (\\n or \\r): {message[:300]!r}") from e
        return message
    except BaseException as e:  # noqa: B902 - every other type is the finding, KeyboardInterrupt aside
        if isinstance(e, KeyboardInterrupt):
            raise
        raise Finding(f"{type(e).__module__}.{type(e).__name__}: {str(e)[:300]!r}") from e
    return None


# Coverage of the C++ parser is not seen by atheris (only instrumented Python is): an input whose
# error message names a new key path, or says a new kind of thing, takes a new branch of _bucket
# (once atheris has instrumented it), so libFuzzer keeps it in the corpus.
FEEDBACK_BUCKETS = 256
_namespace: dict = {}
exec("def _bucket(n):\n" + "".join(f"    if n == {k}:\n        return {k}\n" for k in range(FEEDBACK_BUCKETS)),
     _namespace)
_bucket = _namespace["_bucket"]


def feedback(message: Optional[str]) -> None:
    """Tell the fuzzer which kind of answer an input got (its key path and first words)."""
    if message is None:
        _bucket(0)
        return
    head, _, rest = message[:400].partition(": ")  # short: atheris traces the regexes below
    kind = re.sub(r"\[\d+\]|\d+", "#", head[:80]) + "|" + " ".join(re.sub(r"\S*\d\S*", "#", rest).split()[:3])
    _bucket(1 + zlib.crc32(kind.encode("utf-8", "replace")) % (FEEDBACK_BUCKETS - 1))


def replay_main(check: Callable[[bytes], Optional[str]], paths: Iterable[str]) -> int:
    """Check each file; one JSON line per file on stdout (``{"path", "ok", "message"}``).

    A line ``{"path": ..., "start": true}`` comes before each check, so that a parent that sees
    the process die (signal, or faulthandler's timeout exit) knows which input did it.
    """
    rc = 0
    for path in paths:
        print(json.dumps({"path": path, "start": True}), flush=True)
        faulthandler.dump_traceback_later(REPLAY_TIMEOUT, exit=True)
        try:
            message = check(Path(path).read_bytes())
            out = {"path": path, "ok": True, "message": message}
        except Finding as e:
            cause = e.__cause__
            out = {"path": path, "ok": False, "message": str(e),
                   "cause": type(cause).__name__ if cause else None}
            rc = 1
        finally:
            faulthandler.cancel_dump_traceback_later()
        print(json.dumps(out), flush=True)
    return rc


def main(check: Callable[[bytes], Optional[str]], mutator, instrumented: Callable[[], None]) -> None:
    """The command line of a target: ``--replay FILE...`` or atheris with libFuzzer's flags."""
    limit_resources()
    if len(sys.argv) > 1 and sys.argv[1] == "--replay":
        faulthandler.enable()
        sys.exit(replay_main(check, sys.argv[2:]))
    import atheris

    global _bucket
    _bucket = atheris.instrument_func(_bucket)
    with atheris.instrument_imports(include=["myorelease"]):
        instrumented()
    args = list(sys.argv)
    if not any(a.startswith("-max_len=") for a in args):
        args.insert(1, f"-max_len={MAX_INPUT}")

    def one_input(data: bytes) -> None:
        if not faulthandler.is_enabled():
            # Installed over libFuzzer's handlers (set up by atheris.Fuzz), faulthandler runs on an
            # alternate stack, so a stack overflow still dumps the Python stack and passes the
            # signal on to libFuzzer, which then writes the input as crash-*.
            faulthandler.enable()
        try:
            feedback(check(data))
        except Finding as e:  # the cause's traceback too, flushed before libFuzzer exits
            traceback.print_exception(e, file=sys.stderr)
            sys.stderr.flush()
            raise

    atheris.Setup(args, one_input, custom_mutator=mutator)
    atheris.Fuzz()
