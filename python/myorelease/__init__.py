"""myorelease: finite-strain FE simulation of soft tissue under sustained pressure.

Quick start::

    import myorelease as mr
    s = mr.load("scenarios/block_compression.yaml")
    r = mr.run(s, **{"materials.tissue.mu": "12 kPa"})
    r.summary, r.history, r.fields["von_mises"]

Values are SI unless a name says otherwise (summary keys carry their unit: ``..._N``, ``..._mm``).
"""
import logging as _logging

from . import _core
from ._core import ScenarioError, SolverError
from .api import Result, Scenario, build_info, compare, load, models, run
from .sensitivity import sobol_indices
from .sweep import sweep

__version__ = _core.build_info().get("version", "0+unknown")

__all__ = [
    "Result",
    "Scenario",
    "ScenarioError",
    "SolverError",
    "build_info",
    "compare",
    "load",
    "models",
    "run",
    "sobol_indices",
    "sweep",
    "__version__",
]

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
