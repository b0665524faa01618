"""Fuzz target: a scenario text through ``myorelease.load(text).validate()``.

The input is the scenario file's bytes. UTF-8 goes in as text (a newline is appended to a
one-line input, so that it is never taken for a file name); other bytes, such as a Latin-1 ``µm``,
go in as a file would bring them, through an anonymous memory file (memfd: nothing is written to
any file system). The verdict is fuzz_common.verdict's: success or a one-line ScenarioError.

Half of the mutations are libFuzzer's own on the bytes; the other half parse the input with PyYAML,
change one key or value (huge and negative numbers, long strings, deeply bracketed or overflowing
units, unicode, wrong types, a renamed or deleted key, deep nesting) and dump it back, sometimes
with a key written twice. Seeds: tests/fuzz/corpus/scenario/ (from scenarios/*.yaml, the small
block of tests/python/conftest.py and the regression cases of issue 12).

    python tests/fuzz/fuzz_scenario.py -max_total_time=60 build/fuzz/scenario tests/fuzz/corpus/scenario
    python tests/fuzz/fuzz_scenario.py --replay tests/fuzz/corpus/scenario/*   # no atheris needed
"""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import Any, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_common import MAX_INPUT, main, verdict  # noqa: E402


def check(data: bytes) -> Optional[str]:
    """None on success, the ScenarioError's message on a clean error; raises Finding otherwise."""
    if len(data) > MAX_INPUT:
        return None
    import myorelease

    try:
        text: Optional[str] = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\n" not in text:
            text += "\n"
        return verdict(lambda: myorelease.load(text).validate(), myorelease.ScenarioError)
    fd = os.memfd_create("scenario.yaml")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        path = Path(f"/proc/self/fd/{fd}")
        return verdict(lambda: myorelease.load(path).validate(), myorelease.ScenarioError)
    finally:
        os.close(fd)


# ---- structured mutation -----------------------------------------------------------------------
HUGE_NUMBERS = [0, -1, -0.0, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 2**64, 10**30,
                1e308, -1e308, 1e-320, float("inf"), float("-inf"), float("nan"), 1000000, 400, 401]
UNITS = ["m", "mm", "kPa", "MPa", "s", "%", "deg", "N", "kg/m^3", "1/s", "m^2147483647*m",
         "mm^1000000000", "m^-2147483648", "m^99999999999999999999", "km", "µm", "\u00b5m", "m/s^2",
         "kPa*s", "", "m^", "^2", "**", "m^(1/2)", "e", "inf", "nan", "mm mm", "m^-0", "m^+1", "MPa^-1"]
MAGNITUDES = ["1", "-1", "0", "1e9223372036854775807", "1e-9223372036854775808", "9" * 400, "1e308",
              "1e309", "-0", "0x10", "1_000", ".5", "5.", "nan", "inf", "1e", "+-1", "１"]
STRINGS = ["", " ", "..", ".", "../x", "/abs", "a/b", "\\é", "é", "\u202e", "\U0001f600", "\x00",
           "\ud7ff", "\u00ff", "\t", "#", "*a", "&a", "!!binary", "%", "{", "[", "'", '"', "- -", "?",
           "ß" * 3, "null", "~", "yes", "NO", "0o7", ".inf", "=", "<<"]


def _paths(node: Any, prefix: Tuple = ()) -> List[Tuple]:
    """Every path (tuple of keys and indices) in a parsed document, the root included."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


def _nested(rng: random.Random, depth: int) -> Any:
    value: Any = rng.choice([1, "1 mm", None])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _value(rng: random.Random, old: Any) -> Any:
    """A replacement value for `old`."""
    kind = rng.randrange(12)
    if kind == 0:
        return rng.choice(HUGE_NUMBERS)
    if kind in (1, 2):
        return f"{rng.choice(MAGNITUDES)} {rng.choice(UNITS)}"
    if kind == 3:
        n = rng.choice([10, 100, 1000, 10000, 30000, 40000])
        return f"1 {'(' * n}m{')' * rng.choice([0, n])}"
    if kind == 4:
        return rng.choice(STRINGS) * rng.choice([1, 1, 2, 100, 3000])
    if kind == 5:
        return rng.choice("abmé(") * rng.choice([256, 1000, 10000, 30000])
    if kind == 6:
        return rng.choice([None, True, False, [], {}, [1, 2, 3], {"a": 1}, "[1, 2]", [old], {"x": old}])
    if kind == 7:
        return _nested(rng, rng.choice([2, 10, 50, 100]))
    if kind == 8 and isinstance(old, str):  # keep the unit, change the magnitude, or the reverse
        parts = old.split(maxsplit=1)
        if len(parts) == 2:
            return rng.choice([f"{rng.choice(MAGNITUDES)} {parts[1]}", f"{parts[0]} {rng.choice(UNITS)}"])
    if kind == 9 and isinstance(old, (int, float)) and not isinstance(old, bool):
        return rng.choice([old * 10**rng.randrange(1, 12), -old, old + 1, old - 1, int(old * 1e6)])
    if kind == 10 and isinstance(old, list) and old:
        return old * rng.choice([2, 100, 1000]) if rng.random() < 0.5 else old[:-1]
    return rng.choice(HUGE_NUMBERS + STRINGS)


def _set(doc: Any, path: Tuple, value: Any) -> Any:
    if not path:
        return value
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return doc


def _rename(doc: Any, path: Tuple, rng: random.Random) -> Any:
    """Rename, delete or copy the key at the end of `path` (a dict key)."""
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    if not isinstance(parent, dict):
        return doc
    key = path[-1]
    value = parent[key]
    how = rng.randrange(4)
    if how == 0:
        del parent[key]
    elif how == 1:
        parent[f"{key}{rng.choice(['u', 's', '_', 'é', ' ', '.x'])}"] = value
        del parent[key]
    elif how == 2:
        parent[rng.choice(STRINGS) or "k"] = value
    else:
        parent[str(key) * rng.choice([2, 1000])] = value
    return doc


def _duplicate_a_line(text: str, rng: random.Random) -> str:
    """Write one `key: value` line twice (PyYAML would keep only the last)."""
    lines = text.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]
    if not candidates:
        return text
    i = rng.choice(candidates)
    return "".join(lines[: i + 1] + [lines[i]] + lines[i + 1:])


def structured(data: bytes, max_size: int, seed: int) -> Optional[bytes]:
    """One structured mutation of a YAML input, or None when the input is not YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: ten times faster
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    rng = random.Random(seed)
    try:
        doc = yaml.load(data.decode("utf-8"), Loader=loader)
    except Exception:
        return None
    if not isinstance(doc, (dict, list)):
        return None
    path = rng.choice(_paths(doc))
    if path and isinstance(path[-1], str) and rng.random() < 0.25:
        doc = _rename(doc, path, rng)
    else:
        old = doc
        for p in path:
            old = old[p]
        doc = _set(doc, path, _value(rng, old))
    text = yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=rng.random() < 0.5,
                          default_flow_style=rng.choice([False, None]), width=rng.choice([80, 10**6]))
    if rng.random() < 0.15:
        text = _duplicate_a_line(text, rng)
    out = text.encode("utf-8")
    if rng.random() < 0.05:
        out = out.replace("µ".encode(), b"\xb5").replace("é".encode(), b"\xe9")  # Latin-1
    return out if len(out) <= max_size else None


def mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    if seed % 2 == 0:
        try:
            out = structured(data, max_size, seed)
        except Exception:  # a mutation PyYAML cannot dump: libFuzzer's own instead
            out = None
        if out is not None:
            return out
    return atheris.Mutate(data, max_size)


def _import() -> None:
    import myorelease  # noqa: F401


if __name__ == "__main__":
    main(check, mutator, _import)
