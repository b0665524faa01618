"""The hip-flexor bridge, one function per link, each callable alone.

The study ``hip_flexor_bridge`` (``scenarios/hip_hook_iliacus.yaml``) runs the chain the popular
advice tells in one go; here the same links are separate calls, so a notebook can stop, look and
change one thing. The physics is in C++ (``models/bridge``, through ``myorelease._core``); these
functions only pass dicts along::

    >>> from myorelease import bridge
    >>> day = bridge.sitting_day("8 h")                      # tone model at one point
    >>> bridge.posture(day)["standing"]["pelvic_tilt_deg"]   # pelvis model with the day's rho, tone
    >>> hold = bridge.hook_release(day, force="150 N", hold="60 s", out="results/hook")  # FE run
    >>> whole = bridge.whole_hip_flexors(hold, day)          # the whole muscles' new tone
    >>> bridge.posture(whole), bridge.posture(bridge.after_rest(whole, "5 min"))

Values are SI numbers or quantity text ("8 h", "90 deg", "20 N"). A *state* is a dict of the tone
model's state at a point of the hip flexors (all dimensionless): ``released`` (q, released
fraction of the tone), ``thixotropic`` (h, tone added by holding short), ``shortening_movable``
and ``shortening_persistent`` (delta_m, delta_p, resting-length shortening), ``tone`` (a, the
tonic activation) and ``resting_length_factor`` (rho = 1 - delta_m - delta_p, multiplies the
optimal fibre length), plus ``tone_params``: the tone-model parameters it was made with, which the
later links reuse. Tone parameters are the registry's toned_muscle names
(``_core.hook_release_tone_keys()``: baseline_tone, release_tau, recovery_tau, ...).

What the links do not know: the tone model is a phenomenological hypothesis with assumed
amounts (see the README); the posture sees one tightness for iliacus and psoas alike; the FE
region is a 100 mm piece of the muscles and ``hip_flexor_volume`` (how much of them that is) is
assumed; the press is vertical.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional, Union

from . import _core
from . import pelvis as _pelvis
from .api import ProgressCallback, Result, run

#: The tone model's state variables (what a state passes on to the next link).
STATE_KEYS = ("released", "thixotropic", "shortening_movable", "shortening_persistent")

#: The coarse hip-region mesh and time step of the tests and of MYORELEASE_COARSE=1 (about 10 s;
#: it holds about 20 N, not body weight).
COARSE = {"cells_x": 12, "cells_y": 4, "cells_per_layer": 1, "release_dt_max": "30 s"}

__all__ = ["STATE_KEYS", "COARSE", "sitting_day", "posture", "hook_release", "whole_hip_flexors",
           "after_rest", "still"]


def _start(state: Optional[Mapping[str, Any]], name: str = "state") -> Optional[Dict[str, Any]]:
    """The state variables of a state dict (None: rested)."""
    if state is None:
        return None
    missing = [k for k in STATE_KEYS if k not in state]
    if missing:
        raise _core.ScenarioError(f"{name}: no {', '.join(missing)}; expected a state from sitting_day() "
                                  f"or still() (keys {', '.join(STATE_KEYS)})")
    return {k: state[k] for k in STATE_KEYS}


def _tone(state: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    return dict(state.get("tone_params", {})) if state is not None else {}


def sitting_day(sitting_time: Union[str, float] = "8 h", hip_flexion: Union[str, float] = "90 deg",
                standing_time: Union[str, float] = "60 s", run_time: Union[str, float] = 0,
                start: Optional[Mapping[str, Any]] = None, pelvis: Optional[Mapping[str, Any]] = None,
                **tone: Any) -> Dict[str, Any]:
    """Link 1: a day at a desk for the iliacus and psoas -> their state (see the module doc).

    Args:
        sitting_time: hours at the desk (s, or text "8 h").
        hip_flexion: hip flexion while sitting (rad, or text "90 deg"); how short the muscle is held
            comes from the pelvis model: the iliacus's normalised fibre length on its gait2392 path
            at this flexion over that of quiet standing (``sitting_fibre_stretch`` in the result).
        standing_time: standing after the day (s).
        run_time: an easy run after that (s); 0: none.
        start: the state in the morning (None: rested).
        pelvis: pelvis_statics parameters for the sitting stretch (as ``myorelease.pelvis``).
        **tone: tone-model parameters (toned_muscle names, SI or text: ``thixotropy_tau="20 min"``).

    Returns the state after the day, with ``sitting_fibre_stretch`` (-), ``phases`` (the phases
    the tone model was driven through, durations in s) and ``tone_params``.
    """
    stretch = _core.sitting_fibre_stretch(hip_flexion, dict(pelvis or {}))
    phases = _core.sitting_day_phases({"sitting_time": sitting_time, "standing_time": standing_time,
                                       "run_time": run_time}, stretch)
    state: Dict[str, Any] = dict(_core.tone_after_phases(phases, _start(start, "start"), tone))
    state.update(sitting_fibre_stretch=stretch, phases=phases, tone_params=dict(tone))
    return state


def still(state: Mapping[str, Any], duration: Union[str, float]) -> Dict[str, Any]:
    """The state after ``duration`` (s, or text) at rest length without pressure or movement."""
    phases = [{"name": "still", "duration_s": duration}]
    out: Dict[str, Any] = dict(_core.tone_after_phases(phases, _start(state), _tone(state)))
    out["tone_params"] = _tone(state)
    return out


def posture(state: Mapping[str, Any], **pelvis: Any) -> Dict[str, Any]:
    """Link 2: quiet standing and the running stride's terminal stance with the hip flexors of a
    state (any dict with ``tone`` and ``resting_length_factor``, as every link returns).

    ``**pelvis``: other pelvis_statics parameters (SI or text); hip_flexor_rho and hip_flexor_tone
    come from the state. Returns {"standing": ..., "stride": ...}, the dicts of
    :func:`myorelease.pelvis.standing` and :func:`myorelease.pelvis.stride` (tilt in deg, ...).
    """
    for key in ("hip_flexor_rho", "hip_flexor_tone"):
        if key in pelvis:
            raise _core.ScenarioError(f"posture.{key}: {pelvis[key]!r}; it comes from the state "
                                      "(resting_length_factor, tone)")
    for key in ("tone", "resting_length_factor"):
        if key not in state:
            raise _core.ScenarioError(f"posture: the state has no '{key}'; expected the dict of a link")
    params = dict(pelvis, hip_flexor_rho=state["resting_length_factor"], hip_flexor_tone=state["tone"])
    return {"standing": _pelvis.standing(**params), "stride": _pelvis.stride(**params)}


def hook_release(state: Optional[Mapping[str, Any]], force: Union[str, float] = "150 N",
                 hold: Union[str, float] = "60 s", coarse: bool = False,
                 out: Union[str, "os.PathLike[str]", None] = None, progress: Optional[ProgressCallback] = None,
                 **setup: Any) -> Result:
    """Link 3: the hook tip pressed along its line under the pelvic brim toward the iliac fossa
    (as scenarios/hip_hook_oblique.yaml, in vivo tissue), the force let on in decades to ``force``
    (N, or text) and held for ``hold`` (s), the iliacus and psoas starting from ``state`` (None:
    rested) with its ``tone_params``. A finite-element run through :func:`myorelease.run`: with
    ``out`` it writes result.h5, result.xdmf, summary.json and scenario.resolved.yaml there.

    ``coarse``: the mesh and time step of :data:`COARSE` (seconds instead of a minute; ``setup``
    overrides them). ``**setup``: release_ramp (s), release_tip_x (m, where the tip enters the
    skin; text needs a unit, "70 mm"),
    release_dt_max (s), cells_x, cells_y, cells_per_layer, as the hip_flexor_bridge study.

    Returns the Result; its history holds the volume means per region (``tone_mean_iliacus``, ...).
    A run that stops early is returned with ``completed`` False (the figures are those reached).
    """
    given = dict(COARSE) if coarse else {}
    given.update(setup, release_force=force, release_hold=hold)
    text = _core.hook_release_yaml(given, _tone(state), _start(state))
    return run(text, out=out, progress=progress)


def whole_hip_flexors(release: Result, state: Mapping[str, Any],
                      hip_flexor_volume: Union[str, float, None] = None) -> Dict[str, Any]:
    """Link 4: tone and resting length of the whole hip flexors at the end of the hold.

    Args:
        release: the Result of :func:`hook_release`.
        state: the state the hold started from (the day's, as passed to hook_release).
        hip_flexor_volume: one side's iliacus and psoas (m^3, or text "400 cm^3"; None: the
            study's default, an assumption). The modelled iliacus and psoas take their volume
            means at the end of the hold, the rest of the volume is ``untouched``: ``state``
            carried through the same time (the run's end_time_s) without pressure; then
            a = (V_il a_il + V_ps a_ps + (V - V_il - V_ps) a_untouched) / V, and rho likewise.

    Returns {tone, resting_length_factor, released_fraction (of the untouched tone), the iliacus
    and psoas figures of the run, their volumes (m^3), modelled_volume_share, untouched (state),
    tone_params}; a dict :func:`posture` and :func:`after_rest` take.
    """
    untouched = still(state, release.summary["end_time_s"])
    out: Dict[str, Any] = dict(_core.whole_hip_flexors(dict(release.history.items()), release.mesh, _start(untouched),
                                                       _tone(state), hip_flexor_volume))
    out.update(untouched=untouched, tone_params=_tone(state))
    return out


def after_rest(whole: Mapping[str, Any], rest_time: Union[str, float] = "5 min") -> Dict[str, Any]:
    """Link 4 again after ``rest_time`` (s, or text) without the hook: the untouched state goes on
    resting and the released fraction of :func:`whole_hip_flexors` decays as
    exp(-rest_time / recovery_tau). Returns {tone, resting_length_factor, released_fraction,
    tone_params}, which :func:`posture` takes."""
    if "untouched" not in whole or "released_fraction" not in whole:
        raise _core.ScenarioError("after_rest: expected the dict of whole_hip_flexors() (untouched, released_fraction)")
    out: Dict[str, Any] = dict(_core.after_rest(_start(whole["untouched"], "untouched"), whole["released_fraction"],
                                                rest_time, _tone(whole)))
    out["tone_params"] = _tone(whole)
    return out
