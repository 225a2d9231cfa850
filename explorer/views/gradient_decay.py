"""The gradient-decay view: ∂ξ/∂S_k against k for the tutorial's probe points and the student's
(w_x, w_rec), w_rec dragged in the browser over `SWEEP` (tutorial 003, counting ones).

`decay_view` computes the curves once and returns everything the page shows from them: the
chart, the w_rec the chart uses (the sweep's nearest), the metrics, the regime and reading-guide
sentences and the CSV columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import linear_rnn
from explorer.figures import gradient_decay as figs
from explorer.figures import serialise, theme
from explorer.i18n import number, t
from explorer.views import direct

POINTS = {f"p{i}": point for i, point in enumerate(linear_rnn.PROBE_POINTS)}
SWEEP = tuple(np.round(np.arange(-3.0, 3.0 + 1e-9, 0.05), 2) + 0.0)  # 121 frames (+0.0: no -0.00)


def point_label(key: str) -> str:
    """A probe point as the legend and the CSV name it: "(1, 0.5)"."""
    return "({:g}, {:g})".format(*POINTS[key])


def nearest(w_rec: float) -> int:
    """The index of the sweep's w_rec nearest `w_rec` (the chart's slider moves in 0.05 steps)."""
    return int(np.argmin(np.abs(np.array(SWEEP) - w_rec)))


@dataclass(frozen=True)
class DecayView:
    """What the page shows for one setting."""

    figure: serialise.FrozenFigure
    w_rec: float  # the sweep's value the chart, numbers and sentences use
    snapped: str | None  # "typed 2.01, the chart uses 2.00", or None when typed on the sweep
    metrics: tuple[tuple[str, str], ...]  # (label, value): |w_rec|ⁿ, ∂ξ/∂S_n, ∂ξ/∂S_0
    regime: str  # "w_rec = 2.00: |w_rec| > 1, explodes; after 10 steps ×1024"
    notice: str  # the reading guide's sentence about the student's curve
    csv: dict[str, np.ndarray]  # k, then ∂ξ/∂S_k of every probe and of the student's curve


def decay_view(
    seq_len: int,
    w_x: float,
    w_rec: float,
    points: tuple[str, ...],
    pin: tuple,
    lang: str,
    memo=direct,
) -> DecayView:
    """The view for a typed `w_rec` (snapped to the sweep), the probe `points` (keys of POINTS,
    drawn in POINTS' order) and `pin` ((w_x, w_rec, seq_len) kept to compare, or ()). The curves
    of the whole sweep are one step through `memo`: a page's cache keeps them while w_rec moves."""
    points = tuple(key for key in POINTS if key in points)
    probe_points = tuple(POINTS[p] for p in points)  # the curves: kept apart from w_rec
    steps, probes, sweep = memo(linear_rnn.decay_curves, seq_len, w_x, probe_points, SWEEP)
    active = nearest(w_rec)
    used, user = SWEEP[active], sweep[active]
    named = [
        (point_label(p), theme.PROBE_COLOURS[int(p[1:])], curve)
        for p, curve in zip(points, probes, strict=True)
    ]
    figure = figs.decay_figure(steps, named, np.array(SWEEP), sweep, active, w_x, lang, pin)
    first, last = float(user[-1]), float(user[0])  # ∂ξ/∂S_n at the output, ∂ξ/∂S_0
    snapped = None
    if abs(w_rec - used) > 1e-9:  # a typed value between the chart's steps: say what is used
        snapped = t("wd.gd.snapped", lang, typed=f"{w_rec:g}", used=f"{used:.2f}")
    metrics = (
        (t("gd.metric.factor", lang), number(linear_rnn.growth_factor(used, seq_len))),
        (t("gd.metric.first", lang), number(first)),
        (t("gd.metric.last", lang), number(last)),
    )
    columns = {"k": steps}
    for p, values in zip(points, probes, strict=True):
        columns[f"d_xi_d_S_k {point_label(p)}"] = values
    columns[f"d_xi_d_S_k yours ({w_x:g}, {used:g})"] = user
    return DecayView(
        figure=figure,
        w_rec=used,
        snapped=snapped,
        metrics=metrics,
        regime=figs.regime_text(used, seq_len, lang),
        notice=figs.notice_text(w_x, used, seq_len, first, last, lang),
        csv=columns,
    )
