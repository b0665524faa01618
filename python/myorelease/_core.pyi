"""Type stubs for the compiled module myorelease._core (python/bindings/*.cpp)."""
from typing import Any, Callable, Dict, List, Optional, TypedDict

import numpy as np
import numpy.typing as npt

class ScenarioError(ValueError):
    """Bad input: unknown key, wrong unit, value out of range, missing file (CLI exit 2)."""

class SolverError(RuntimeError):
    """The solver could not complete the run (CLI exit 3)."""

class Scenario:
    @staticmethod
    def from_file(path: str) -> Scenario: ...
    @staticmethod
    def from_text(yaml_text: str, base_dir: str = ".") -> Scenario: ...
    def set(self, path: str, value_yaml: str) -> None: ...
    def validate(self) -> None: ...
    def resolved_yaml(self) -> str: ...
    def yaml(self) -> str: ...
    @property
    def name(self) -> str: ...
    def variant_names(self) -> List[str]: ...
    def variant(self, name: str) -> Scenario: ...
    def copy(self) -> Scenario: ...
    def __copy__(self) -> Scenario: ...
    def __deepcopy__(self, memo: Any) -> Scenario: ...

class ParamInfo(TypedDict):
    name: str
    unit: str  # SI unit of default/min/max
    default: Optional[float]  # None when required
    min: float
    max: float
    min_exclusive: bool
    unit_required: bool
    long_name: str
    source: str
    required: bool

class ModelInfo(TypedDict):
    kind: str
    name: str
    summary: str
    source: str
    params: List[ParamInfo]

class MeshDict(TypedDict):
    coordinates: npt.NDArray[np.float64]  # n_nodes x dim (m)
    cells: npt.NDArray[np.int32]  # n_cells x nodes_per_cell
    cell_type: str  # "hex8" or "quad4_axisymmetric"
    node_sets: Dict[str, npt.NDArray[np.int32]]
    face_sets: Dict[str, npt.NDArray[np.int32]]  # n_faces x 2: (cell, local_face)
    regions: Dict[str, npt.NDArray[np.int32]]

class FieldsDict(TypedDict):
    displacement: npt.NDArray[np.float64]  # n_nodes x dim (m)
    cauchy_stress: npt.NDArray[np.float64]  # n_cells x 9 (Pa)
    von_mises: npt.NDArray[np.float64]  # n_cells (Pa)
    green_lagrange: npt.NDArray[np.float64]  # n_cells x 9 (-)
    reaction_forces: npt.NDArray[np.float64]  # n_nodes x dim (N)

class RunDict(TypedDict):
    completed: bool
    message: str
    out_dir: str
    summary: Dict[str, Any]  # float, str, or list of float (the depth profile arrays)
    history: Dict[str, npt.NDArray[np.float64]]
    fields: FieldsDict
    mesh: MeshDict
    times: Dict[str, float]  # assembly, factorization, solve, contact, output, total (s)
    newton_iterations: int
    steps: int
    cutbacks: int
    n_dofs: int

def run(scenario: Scenario, out_dir: str = "",
        progress: Optional[Callable[[float, str], None]] = None) -> RunDict: ...
def build_info() -> Dict[str, str]: ...
def models() -> List[ModelInfo]: ...
def presets() -> List[Dict[str, Any]]: ...  # {kind, name, model, params (SI), units, source, doc}
def format_quantity(value_si: float, si_unit: str) -> str: ...
def parse_quantity(text: str, expected_si_unit: str, unit_required: bool = False,
                   key_path: str = "") -> float: ...
