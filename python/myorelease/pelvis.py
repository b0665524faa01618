"""The pelvis model: what hip-flexor tightness does to standing and running posture.

Thin wrappers over ``myorelease._core.pelvis_*`` (models/pelvis in C++). Parameters are the
registry's ``pelvis_statics`` (``myorelease models``), given as keyword arguments in SI or as
quantity text (``standing(hip_flexor_rho=0.97, stride_thigh_extension="25 deg")``).

    >>> from myorelease import pelvis
    >>> pelvis.standing()["pelvic_tilt_deg"]
    >>> pelvis.tightness_curve([0.94, 0.97, 1.0])          # one row per rho
    >>> pelvis.stretch_sensitivity()                       # the Preece et al. 2021 stretch
    >>> pelvis.stick_figure(pelvis.stride(), pelvis.stride(hip_flexor_rho=0.94))

The model is a hypothesis of posture (see the README's "Pelvis model"): a sagittal chain held
by idealised postural controls, seven Hill muscles on gait2392 paths, assumed joint stiffnesses.
"""
from typing import Any, Dict, Iterable, List, Optional

from . import _core

# Segments of a stick figure, as pairs of the points in a posture's ``points_m``.
SEGMENTS = (("toe", "heel"), ("heel", "ankle"), ("toe", "ankle"), ("ankle", "knee"), ("knee", "hip"),
            ("hip", "asis"), ("hip", "psis"), ("asis", "psis"), ("psis", "l5s1"), ("l5s1", "trunk_com"))


def spec() -> Dict[str, Any]:
    """The registry entry of the pelvis model: {kind, name, summary, source, params}."""
    for entry in _core.models():
        if entry["kind"] == "pelvis" and entry["name"] == "pelvis_statics":
            return entry
    raise LookupError("pelvis_statics is not in the registry")


def standing(**params: Any) -> Dict[str, Any]:
    """Quiet standing (both legs): tilt, lumbar extension, trunk lean, moments, L5-S1 load."""
    return _core.pelvis_standing(params)


def stride(**params: Any) -> Dict[str, Any]:
    """Terminal stance of a running stride (one leg, thigh at ``stride_thigh_extension``)."""
    return _core.pelvis_stride(params)


def tightness_curve(rho_values: Iterable[float], **params: Any):
    """Standing and stride against the iliacus/psoas resting-length factor rho.

    Returns a pandas DataFrame, one row per rho: hip_flexor_rho, hip_flexor_shortening_mm,
    standing_tilt_deg, standing_lumbar_extension_deg, standing_trunk_lean_deg,
    stride_hip_extension_deg, stride_tilt_deg, stride_lumbar_extension_deg,
    stride_hip_active_N_m, stride_l5s1_compression_N, stride_l5s1_shear_N, converged.
    """
    import pandas as pd

    l_opt_mm = 100.0  # gait2392 iliacus and psoas optimal fibre length
    rows: List[Dict[str, Any]] = []
    for rho in rho_values:
        p = dict(params, hip_flexor_rho=float(rho))
        s, r = standing(**p), stride(**p)
        rows.append({
            "hip_flexor_rho": float(rho),
            "hip_flexor_shortening_mm": (1.0 - float(rho)) * l_opt_mm,
            "standing_tilt_deg": s["pelvic_tilt_deg"],
            "standing_lumbar_extension_deg": s["lumbar_extension_deg"],
            "standing_trunk_lean_deg": s["trunk_lean_deg"],
            "stride_hip_extension_deg": r["hip_extension_deg"],
            "stride_tilt_deg": r["pelvic_tilt_deg"],
            "stride_lumbar_extension_deg": r["lumbar_extension_deg"],
            "stride_hip_active_N_m": r["active_N_m"]["hip"],
            "stride_l5s1_compression_N": r["l5s1_compression_N"],
            "stride_l5s1_shear_N": r["l5s1_shear_N"],
            "converged": bool(s["converged"] and r["converged"]),
        })
    return pd.DataFrame(rows)


def stretch_sensitivity(gain_deg: float = 2.6, test_moment_Nm: float = 5.0, **params: Any) -> Dict[str, float]:
    """A stretch that adds ``gain_deg`` of passive hip extension (Preece et al. 2021: 2.6 deg) by
    lengthening iliacus and psoas: the rho it needs and what it does to standing posture."""
    import math

    before = standing(**params)
    rho0 = float(params.get("hip_flexor_rho", 1.0))
    rho = _core.pelvis_stretched_rho(params, math.radians(gain_deg), test_moment_Nm)
    after = standing(**dict(params, hip_flexor_rho=rho))
    lengthening_mm = (rho - rho0) * 100.0
    dtilt = after["pelvic_tilt_deg"] - before["pelvic_tilt_deg"]
    return {
        "rho_before": rho0,
        "rho_after": rho,
        "hip_flexor_lengthening_mm": lengthening_mm,
        "passive_hip_extension_gain_deg": gain_deg,
        "tilt_change_deg": dtilt,
        "lumbar_extension_change_deg": after["lumbar_extension_deg"] - before["lumbar_extension_deg"],
        "tilt_per_hip_flexor_length_deg_per_mm": dtilt / lengthening_mm if lengthening_mm else float("nan"),
    }


def stick_figure(before: Dict[str, Any], after: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Segment end points (m, x anterior, y up) of one or two postures, for a plot.

    Returns {"segments": [(name_a, name_b), ...], "before": {segment_name: ((xa, ya), (xb, yb))},
    "after": {...} (when given), "points_before"/"points_after": the landmarks themselves}.
    """
    def ends(posture: Dict[str, Any]) -> Dict[str, Any]:
        pts = posture["points_m"]
        return {f"{a}-{b}": (tuple(pts[a]), tuple(pts[b])) for a, b in SEGMENTS}

    out: Dict[str, Any] = {"segments": list(SEGMENTS), "before": ends(before),
                           "points_before": {k: tuple(v) for k, v in before["points_m"].items()}}
    if after is not None:
        out["after"] = ends(after)
        out["points_after"] = {k: tuple(v) for k, v in after["points_m"].items()}
    return out
