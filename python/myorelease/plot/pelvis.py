"""A stick figure of the pelvis and thigh before and after (e.g. tight hip flexors)."""
from __future__ import annotations

from typing import Mapping, Optional, Tuple

import numpy as np

Point = Tuple[float, float]
Segments = Mapping[str, Tuple[Point, Point]]


def _draw(ax, segments: Segments, style: dict, label: str, names: bool) -> None:
    """Draw each segment (endpoints in m) as a line in mm with its joints."""
    first = True
    for name, (p0, p1) in segments.items():
        xy = np.array([p0, p1], dtype=float) * 1e3
        ax.plot(xy[:, 0], xy[:, 1], marker="o", markersize=4, label=label if first else None, **style)
        first = False
        if names:
            ax.annotate(name.replace("_", " "), xy.mean(axis=0), fontsize=7, color=style["color"],
                        xytext=(4, 4), textcoords="offset points")


def plot_pelvis(before: Segments, after: Segments, ax=None, title: Optional[str] = None):
    """A sagittal stick figure: segments before (grey, dashed) and after (red, solid).

    before, after: {segment_name: ((x0, y0), (x1, y1))}, endpoints in m in the sagittal plane
    (x anterior, y up), e.g. {"pelvis": ((0, 0.95), (0.1, 1.0)), "femur_left": ...}.
    ax: a matplotlib Axes to draw into (default: a new Figure). Returns the Figure.
    Segment names are written beside the "after" figure; axes are in mm, equal aspect."""
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=(5.0, 6.0), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    _draw(ax, before, {"color": "0.55", "linestyle": "--", "linewidth": 2.0}, "before", names=False)
    _draw(ax, after, {"color": "tab:red", "linestyle": "-", "linewidth": 2.5}, "after", names=True)
    ax.set_aspect("equal")
    ax.set_xlabel("x, anterior [mm]")
    ax.set_ylabel("y, up [mm]")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize="small")
    ax.set_title(title or "Pelvis and thigh, sagittal plane")
    return fig
