"""Writes the fuzz corpus: tests/fuzz/corpus/{scenario,gmsh}/ and tests/fuzz/expected.json.

    python tests/fuzz/make_corpus.py      # after a scenario in scenarios/ changed

scenario/: seed_*.yaml are scenarios/*.yaml and the small block of tests/python/conftest.py as
they are; issue12_*.yaml are the inputs issue 12 found to crash or to be misread, and
found_*.yaml what the fuzzer found since, each one change to a valid scenario. gmsh/: a small
two-layer box (regions "muscle" and "skin", surfaces "top" and "bottom") in formats 2.2 and 4.1,
files whose counts are negative or far larger than the file, and found_*.msh, what the fuzzer
found. expected.json says, for the cases with a known target behaviour, that the input must
validate ("ok") or which words its one-line ScenarioError must contain (the key path).
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"


def small_block() -> str:
    """SMALL_BLOCK of tests/python/conftest.py, read without importing it."""
    tree = ast.parse((ROOT / "tests/python/conftest.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SMALL_BLOCK" for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit("no SMALL_BLOCK in tests/python/conftest.py")


def one_change(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text)
    return text.replace(old, new)


def scenario_cases() -> dict:
    """name -> (bytes, expectation or None)."""
    block = small_block()
    ball = (ROOT / "scenarios/release_ball.yaml").read_text()
    size_x = "  size_x: 40 mm\n"
    cases = {
        # A `name:` of 30,000 characters: std::regex_match overflowed the stack (10,000 passed).
        "issue12_long_name.yaml": (one_change(block, "name: small_block", "name: " + "n" * 30000), ["name"]),
        # The same in a deformable-ball contact's name.
        "issue12_ball_contact_long_name.yaml": (one_change(ball, "  - name: ball\n", "  - name: " + "b" * 30000 + "\n"),
                                                None),
        # 40,000 nested brackets: the recursive unit parser overflowed the stack.
        "issue12_unit_brackets.yaml": (one_change(block, size_x, '  size_x: "1 ' + "(" * 40000 + 'm"\n'), ["size_x"]),
        # Signed-integer overflow in sim/src/units.cpp (exponents and magnitudes).
        "issue12_unit_exponent_overflow.yaml": (one_change(block, size_x, '  size_x: "1 m^2147483647*m"\n'), ["size_x"]),
        "issue12_magnitude_overflow.yaml": (one_change(block, size_x, '  size_x: "1e9223372036854775807 km"\n'),
                                            ["size_x"]),
        "issue12_unit_huge_exponent.yaml": (one_change(block, size_x, '  size_x: "1 mm^1000000000"\n'), ["size_x"]),
        # Not UTF-8: a Latin-1 micro sign. The message must name the key, not only the codec.
        "issue12_latin1_micro.yaml": (one_change(block, size_x, "  size_x: 40000 \xb5m\n").encode("latin-1"),
                                      ["size_x"]),
        # Valid UTF-8, an unknown escape: the message was cut inside the two-byte character.
        "issue12_escape_e_acute.yaml": (one_change(block, "name: small_block", 'name: "\\é"'), ["name"]),
        # A key written twice was accepted (the first used, both kept in scenario.resolved.yaml).
        "issue12_duplicate_mu.yaml": (one_change(block, "mu: 10 kPa,", "mu: 10 kPa, mu: 20 kPa,"), ["mu"]),
        # 8 million cells: validate passed, the run died of MemoryError.
        "issue12_cells_x_1000000.yaml": (one_change(block, "cells_x: 4", "cells_x: 1000000"), ["cells_x"]),
        # Found by fuzz_scenario.py: the message echoes the value as it is, over several lines (a
        # block-style list or map, a quoted newline or carriage return).
        "found_block_list_in_message.yaml": (one_change(block, "name: small_block", "name:\n  - 1\n  - 2"), ["name"]),
        "found_block_map_in_message.yaml": (one_change(block, size_x, "  size_x:\n    a: 1\n    b: 2\n"), ["size_x"]),
        "found_newline_in_message.yaml": (one_change(block, "name: small_block", 'name: "a\\nb"'), ["name"]),
        # Found under UBSan (the corpus through the sanitized C++ parser): each power is bounded,
        # their product is not; signed overflow in units.cpp power() (12 * 859963392). Undefined
        # behaviour a Release build passes silently: it shows only in a sanitized build.
        "found_unit_power_overflow.yaml": (one_change(block, size_x, '  size_x: "1 ((((((((m^12*m^12)^12)^12)^12)^12)'
                                                                    '^12)^12)^12)^12"\n'), ["size_x"]),
        "found_carriage_return_in_message.yaml": (one_change(block, "generator: layered_box", 'generator: "layer\\red_box"'),
                                                  ["mesh.generator"]),
    }
    return {name: (text.encode() if isinstance(text, str) else text, want) for name, (text, want) in cases.items()}


# ---- Gmsh ------------------------------------------------------------------------------------
NX, NY = 2, 1
LAYERS = [("muscle", 10.0, 1), ("skin", 2.0, 1)]  # name, thickness (mm), cells
SIZE_X, SIZE_Y = 30.0, 20.0


def box():
    """Nodes (x, y, z in mm), hexahedra (8 node indices, Gmsh order) with their region, top and
    bottom quadrangles."""
    zs = [0.0]
    cell_region = []
    for name, thickness, cells in LAYERS:
        for _ in range(cells):
            zs.append(zs[-1] + thickness / cells)
            cell_region.append(name)
    nz = len(zs) - 1

    def n(i, j, k):
        return (k * (NY + 1) + j) * (NX + 1) + i

    nodes = [(SIZE_X * i / NX, SIZE_Y * j / NY, zs[k]) for k in range(nz + 1) for j in range(NY + 1)
             for i in range(NX + 1)]
    hexes, top, bottom = [], [], []
    for k in range(nz):
        for j in range(NY):
            for i in range(NX):
                lo = [n(i, j, k), n(i + 1, j, k), n(i + 1, j + 1, k), n(i, j + 1, k)]
                hi = [n(i, j, k + 1), n(i + 1, j, k + 1), n(i + 1, j + 1, k + 1), n(i, j + 1, k + 1)]
                hexes.append((lo + hi, cell_region[k]))
                if k == 0:
                    bottom.append(lo)
                if k == nz - 1:
                    top.append(hi)
    return nodes, hexes, top, bottom


def tag_of(i: int, count: int) -> int:
    """Gmsh node tags shuffled and offset (as in tests/cpp/sim/test_gmsh_reader.cpp)."""
    return 1000 + (7 * i) % count + count * (i % 2)


def msh(fmt: str) -> str:
    nodes, hexes, top, bottom = box()
    nn = len(nodes)
    tags = {"muscle": 1, "skin": 2, "top": 3, "bottom": 4}
    out = [f"$MeshFormat\n{fmt} 0 8\n$EndMeshFormat\n$PhysicalNames\n{len(tags)}\n"]
    out += [f"{3 if name in ('muscle', 'skin') else 2} {t} \"{name}\"\n" for name, t in tags.items()]
    out.append("$EndPhysicalNames\n")
    xyz = [f"{x:g} {y:g} {z:g}" for x, y, z in nodes]
    quads = {"top": top, "bottom": bottom}
    if fmt == "2.2":
        out.append(f"$Nodes\n{nn + 1}\n")
        out += [f"{tag_of(i, nn)} {xyz[i]}\n" for i in range(nn)]
        out.append("99999 5 5 5\n$EndNodes\n$Elements\n")
        els = []
        for cell, region in hexes:
            els.append(f"5 2 {tags[region]} 1 " + " ".join(str(tag_of(a, nn)) for a in cell))
        for name, faces in quads.items():
            els += [f"3 2 {tags[name]} 2 " + " ".join(str(tag_of(a, nn)) for a in f) for f in faces]
        els.append("15 2 0 7 99999")
        out.append(f"{len(els)}\n" + "".join(f"{k + 1} {e}\n" for k, e in enumerate(els)) + "$EndElements\n")
        return "".join(out)
    out.append("$Entities\n1 0 2 2\n7 5 5 5 0\n")
    for name in ("top", "bottom", "muscle", "skin"):
        out.append(f"{tags[name]} 0 0 0 1 1 1 1 {tags[name]} 0\n")
    out.append(f"$EndEntities\n$Nodes\n2 {nn + 1} 1 99999\n3 1 0 {nn}\n")
    out += [f"{tag_of(i, nn)}\n" for i in range(nn)]
    out += [f"{xyz[i]}\n" for i in range(nn)]
    out.append("0 7 0 1\n99999\n5 5 5\n$EndNodes\n")
    blocks, count = [], 0
    for name, faces in quads.items():
        rows = []
        for f in faces:
            count += 1
            rows.append(f"{count} " + " ".join(str(tag_of(a, nn)) for a in f) + "\n")
        blocks.append(f"2 {tags[name]} 3 {len(faces)}\n" + "".join(rows))
    for name in ("muscle", "skin"):
        cells = [c for c, r in hexes if r == name]
        rows = []
        for c in cells:
            count += 1
            rows.append(f"{count} " + " ".join(str(tag_of(a, nn)) for a in c) + "\n")
        blocks.append(f"3 {tags[name]} 5 {len(cells)}\n" + "".join(rows))
    out.append(f"$Elements\n{len(blocks)} {count} 1 {count}\n" + "".join(blocks) + "$EndElements\n")
    return "".join(out)


def gmsh_cases() -> dict:
    v22, v41 = msh("2.2"), msh("4.1")
    nn = len(box()[0])
    node_block = f"3 1 0 {nn}\n"
    hex_block = "3 1 5 2\n"  # the muscle's two hexahedra
    huge = "4611686018427387904"  # 2^62: a std::vector of as many longs cannot exist
    mesh_file = ["mesh.file"]
    cases = {
        "box_22.msh": (v22, "ok"),
        "box_41.msh": (v41, "ok"),
        # Block sizes and counts the file cannot hold: to be checked before anything is allocated.
        "v41_negative_node_block.msh": (one_change(v41, node_block, "3 1 0 -1\n"), mesh_file),
        "v41_huge_node_block.msh": (one_change(v41, node_block, f"3 1 0 {huge}\n"), mesh_file),
        "v41_node_block_2e9.msh": (one_change(v41, node_block, "3 1 0 2000000000\n"), mesh_file),
        "v41_negative_element_block.msh": (one_change(v41, hex_block, "3 1 5 -1\n"), mesh_file),
        "v41_huge_element_block.msh": (one_change(v41, hex_block, f"3 1 5 {huge}\n"), mesh_file),
        "v41_huge_node_block_count.msh": (one_change(v41, f"$Nodes\n2 {nn + 1}", f"$Nodes\n{huge} {nn + 1}"), mesh_file),
        "v41_huge_entity_count.msh": (one_change(v41, "$Entities\n1 0 2 2\n", "$Entities\n1 0 2 2147483647\n"), mesh_file),
        "v22_negative_node_count.msh": (one_change(v22, f"$Nodes\n{nn + 1}\n", "$Nodes\n-1\n"), mesh_file),
        "v22_huge_node_count.msh": (one_change(v22, f"$Nodes\n{nn + 1}\n", f"$Nodes\n{huge}\n"), mesh_file),
        "v22_huge_element_count.msh": (one_change(v22, "$Elements\n9\n", f"$Elements\n{huge}\n"), mesh_file),
        "v22_huge_physical_names.msh": (one_change(v22, "$PhysicalNames\n4\n", "$PhysicalNames\n2147483647\n"),
                                        mesh_file),
        "v22_huge_tag_count.msh": (one_change(v22, "\n1 5 2 1 1 ", "\n1 5 2147483647 1 1 "), mesh_file),
    }
    cases = {name: (text.encode(), want) for name, (text, want) in cases.items()}
    # Found by fuzz_gmsh.py: a byte that is not UTF-8 in the format version, echoed in the message.
    cases["found_latin1_version.msh"] = (one_change(v41, "4.1 0 8", "4.\xb51 0 8").encode("latin-1"), mesh_file)
    return cases


def main() -> None:
    expected = {}
    scen = CORPUS / "scenario"
    gmsh = CORPUS / "gmsh"
    for d in (scen, gmsh):
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob("seed_*"):
            old.unlink()
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        (scen / f"seed_{path.name}").write_bytes(path.read_bytes())
    (scen / "seed_small_block.yaml").write_text(small_block())
    expected["scenario/seed_small_block.yaml"] = "ok"
    for name, (data, want) in scenario_cases().items():
        (scen / name).write_bytes(data)
        if want is not None:
            expected[f"scenario/{name}"] = want
    for name, (data, want) in gmsh_cases().items():
        (gmsh / name).write_bytes(data)
        expected[f"gmsh/{name}"] = want
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(list(scen.iterdir()))} scenario and {len(list(gmsh.iterdir()))} gmsh inputs")


if __name__ == "__main__":
    main()
