"""Type stubs for the compiled module myorelease._core (python/bindings/*.cpp)."""
from typing import Any, Callable, Dict, List, Optional, Tuple, TypedDict

import numpy as np
import numpy.typing as npt

class ScenarioError(ValueError):
    """Bad input: unknown key, wrong unit, value out of range, missing file (CLI exit 2)."""

class SolverError(RuntimeError):
    """The solver could not complete the run (CLI exit 3)."""

def check_output_name(name: str, key_path: str) -> None:
    """Raise ScenarioError unless name is one safe path component (results/<name>/)."""

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
def parse_quantity_si(text: str, key_path: str = "") -> Tuple[float, str]: ...  # (SI value, SI unit; "" if bare)

# The pelvis model (python/bindings/pelvis_bindings.cpp). params: {name: SI number or quantity
# text ("5 deg")}, names as the registry's pelvis_statics; unknown names raise ScenarioError.
class PostureDict(TypedDict):
    converged: bool
    iterations: int
    legs: int
    q_rad: List[float]  # ankle dorsiflexion, knee flexion, hip flexion, lumbar extension (rad)
    pelvic_tilt_deg: float  # anterior, ASIS-PSIS line below horizontal
    lumbar_extension_deg: float  # from the model's neutral (gait2392 zero pose)
    trunk_lean_deg: float  # forward
    hip_extension_deg: float
    thigh_extension_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float
    com_ahead_of_ankle_m: float
    trunk_com_ahead_of_hip_m: float
    trunk_hold_N_m: float
    gravity_N_m: Dict[str, float]  # per joint: ankle, knee, hip, lumbar
    muscle_N_m: Dict[str, float]
    joint_N_m: Dict[str, float]
    active_N_m: Dict[str, float]
    residual_N_m: Dict[str, float]
    muscles: List[Dict[str, Any]]  # name, length_m, fibre_length_norm, force_N, count, moment_arm_m
    l5s1_compression_N: float
    l5s1_shear_N: float
    erector_force_N: float
    abdominal_force_N: float
    points_m: Dict[str, List[float]]  # toe, heel, ankle, knee, hip, asis, psis, l5s1, trunk_com: (x, y)

def pelvis_standing(params: Dict[str, Any] = ...) -> PostureDict: ...
def pelvis_stride(params: Dict[str, Any] = ...) -> PostureDict: ...
def pelvis_passive_hip_extension(params: Dict[str, Any] = ..., test_moment_Nm: float = 5.0) -> float: ...
def pelvis_stretched_rho(params: Dict[str, Any] = ..., gain_rad: float = ...,
                         test_moment_Nm: float = 5.0) -> float: ...

# The hip-flexor bridge, link by link (python/bindings/bridge_bindings.cpp). Values: SI numbers or
# quantity text ("8 h"); unknown keys and values out of range raise ScenarioError naming the key.
class TonePhaseDict(TypedDict, total=False):
    name: str
    duration_s: float  # s
    fibre_stretch: float  # lambda_f held (-)
    fibre_rate_per_s: float  # |d lambda_f / dt| (1/s)
    compression: float  # e_c across the fibres (-)

class ToneStateDict(TypedDict):
    released: float  # q (-)
    thixotropic: float  # h (-)
    shortening_movable: float  # delta_m (-)
    shortening_persistent: float  # delta_p (-)
    tone: float  # a at a point without a knot (-)
    resting_length_factor: float  # rho = 1 - delta_m - delta_p (-)

class TightnessDict(TypedDict):
    tone: float  # (-)
    resting_length_factor: float  # (-)
    released_fraction: float  # of the untouched tone (-)

class WholeHipFlexorsDict(TightnessDict):
    iliacus_volume_m3: float
    psoas_volume_m3: float
    modelled_volume_share: float
    iliacus_tone: float
    psoas_tone: float
    iliacus_released_fraction: float
    iliacus_released_fraction_max: float
    psoas_released_fraction: float
    iliacus_resting_length_factor: float
    psoas_resting_length_factor: float

def tone_after_phases(phases: List[Dict[str, Any]], start: Optional[Dict[str, Any]] = None,
                      tone: Dict[str, Any] = ...) -> ToneStateDict: ...
def hook_release_tone_keys() -> List[str]: ...
def sitting_fibre_stretch(hip_flexion: Any, pelvis: Dict[str, Any] = ...) -> float: ...
def sitting_day_phases(day: Dict[str, Any] = ..., sitting_stretch: float = ...) -> List[TonePhaseDict]: ...
def hook_release_yaml(setup: Dict[str, Any] = ..., tone: Dict[str, Any] = ...,
                      start: Optional[Dict[str, Any]] = None) -> str: ...
def whole_hip_flexors(history: Dict[str, Any], mesh: Dict[str, Any], untouched: Dict[str, Any],
                      tone: Dict[str, Any] = ..., hip_flexor_volume: Any = None) -> WholeHipFlexorsDict: ...
def after_rest(untouched: Dict[str, Any], released_fraction: float, rest_time: Any,
               tone: Dict[str, Any] = ...) -> TightnessDict: ...
