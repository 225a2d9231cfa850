"""Loss-surface figures: log-coloured heatmaps with the tutorial's probe points, a cross-section, 3-D."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer import numerics
from explorer.cells import linear_rnn
from explorer.figures import serialise, theme
from explorer.figures.sweep import Sweep
from explorer.i18n import t

FLOOR, CAP = 1e-3, 1e8  # colour range of ξ: the tutorial's levels reach 1e8


def _hover(lang: str) -> str:
    return (
        "w_x = %{x:.3f}<br>w_rec = %{y:.3f}<br>ξ = %{customdata[0]:.4g}"
        "<br>∂ξ/∂w_x = %{customdata[1]:.3g}<br>∂ξ/∂w_rec = %{customdata[2]:.3g}"
        "<extra></extra>"
    )


@dataclass(frozen=True)
class SurfacePanel:
    """One heatmap: the grid axes, ξ (G_rec, G_x) and its gradient (2 × the same shape)."""

    w_x: np.ndarray
    w_rec: np.ndarray
    xi: np.ndarray
    d_wx: np.ndarray
    d_wrec: np.ndarray
    title: str = ""


def _heatmap_traces(panel: SurfacePanel, lang: str, show_scale: bool):
    z, capped = numerics.log_colour(panel.xi, FLOOR, CAP)
    ticks, labels = numerics.log_ticks(FLOOR, CAP)
    # float32 keeps the payload small; ±inf survives float32 (never NaN) and hovers as "Infinity"
    custom = serialise.to_float32(np.stack([panel.xi, panel.d_wx, panel.d_wrec], axis=-1))
    heat = go.Heatmap(
        x=panel.w_x.astype(np.float32),
        y=panel.w_rec.astype(np.float32),
        z=z,
        zmin=np.log10(FLOOR),
        zmax=np.log10(CAP),
        zsmooth="fast",  # smoothed by the browser as it scales the image: ~20 ms less
        colorscale=theme.LOSS_SCALE,
        customdata=custom,
        hovertemplate=_hover(lang),
        showscale=show_scale,
        colorbar=dict(
            title=dict(text=t("ls.colorbar", lang)),
            tickvals=ticks,
            ticktext=labels,
            len=0.9,
            x=theme.RIGHT,
        ),
        name="ξ",
    )
    overflow = go.Heatmap(  # the capped region, drawn grey on top and named in the legend
        x=panel.w_x.astype(np.float32),
        y=panel.w_rec.astype(np.float32),
        z=capped.astype(np.int8),
        zmin=0,
        zmax=1,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(127,127,127,0.85)"]],
        showscale=False,
        hoverinfo="skip",
        name=t("ls.capped", lang, cap=f"{CAP:.0e}"),
        showlegend=False,
    )
    return heat, overflow


def _point_traces(probes, user_point, lang: str, legend: bool):
    traces = []
    for (w_x, w_rec), colour in zip(probes, theme.PROBE_COLOURS, strict=False):
        traces.append(
            go.Scatter(
                x=[w_x],
                y=[w_rec],
                mode="markers",
                marker=dict(size=11, color=colour, line=dict(color="white", width=1.5)),
                name=f"({w_x:g}, {w_rec:g})",
                legendgroup=f"p{w_x}{w_rec}",
                showlegend=legend,
                hovertemplate=f"({w_x:g}, {w_rec:g})<extra>{t('ls.probe', lang)}</extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=[linear_rnn.OPTIMUM[0]],
            y=[linear_rnn.OPTIMUM[1]],
            mode="markers",
            marker=dict(symbol="star", size=16, color="white", line=dict(color="black", width=1)),
            name=t("label.optimum", lang),
            legendgroup="optimum",
            showlegend=legend,
            hovertemplate=f"(1, 1)<extra>{t('label.optimum', lang)}</extra>",
        )
    )
    if user_point is not None:
        traces.append(
            go.Scatter(
                x=[user_point[0]],
                y=[user_point[1]],
                mode="markers",
                marker=dict(symbol="x", size=13, color=theme.USER_COLOUR),
                name=t("ls.user_point", lang),
                hovertemplate=f"({user_point[0]:g}, {user_point[1]:g})<extra>{t('ls.user_point', lang)}</extra>",
                legendgroup="user",
                showlegend=legend,
            )
        )
    return traces


def surface_figure(
    panels: list[SurfacePanel], lang: str, probes=linear_rnn.PROBE_POINTS, user_point=None
) -> go.Figure:
    """Side-by-side log-coloured heatmaps of ξ with the probe points, the optimum and the
    capped (overflow) region in grey."""
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        subplot_titles=[p.title for p in panels],
        horizontal_spacing=0.08,
    )
    for col, panel in enumerate(panels, start=1):
        heat, overflow = _heatmap_traces(panel, lang, show_scale=col == len(panels))
        fig.add_trace(heat, row=1, col=col)
        fig.add_trace(overflow, row=1, col=col)
        for trace in _point_traces(probes, user_point, lang, legend=col == 1):
            fig.add_trace(trace, row=1, col=col)
        fig.update_xaxes(
            title_text=t("axis.w_x", lang),
            range=[float(panel.w_x[0]), float(panel.w_x[-1])],
            constrain="domain",
            row=1,
            col=col,
        )
        fig.update_yaxes(
            title_text=t("axis.w_rec", lang),
            range=[float(panel.w_rec[0]), float(panel.w_rec[-1])],
            # no scaleanchor: square cells shrank each heatmap to a quarter of a wide chart, and
            # a single custom panel had its x range widened (−6…6 drawn as −24…24)
            constrain="domain",
            row=1,
            col=col,
        )
    theme.base_layout(fig, t("ls.figure.title", lang), height=520, r=110, b=140)
    fig.update_layout(legend=dict(orientation="h", y=-0.18, x=0))
    return fig


def cross_section_frames(
    w_rec: np.ndarray, xi: np.ndarray, w_x_values, active: int, lang: str
) -> serialise.FrozenFigure:
    """ξ along w_rec with w_x on an in-chart slider: one frame per w_x (xi: (F, W)), drawn by
    the browser while the slider is dragged; `active` is the frame shown first.

    The y axis is log₁₀ ξ (float32 values, ticks labelled 1e-3 … 1eN) with one range for every
    frame, so moving w_x shows the cliff rise and fall against fixed numbers."""
    finite = np.isfinite(xi)
    top = max(float(np.max(xi[finite], initial=CAP)), CAP) * 10  # overflow is drawn above all
    with np.errstate(divide="ignore"):
        drawn = np.log10(np.clip(np.where(finite, xi, top), FLOOR, None))
    y_top, overflows = float(np.log10(top)), not finite.all()
    x32 = w_rec.astype(np.float32)
    fig = go.Figure(_cross_traces(x32, drawn[active], finite[active], y_top, overflows, lang))
    for edge in (-1.0, 1.0):
        fig.add_vline(
            x=edge,
            line=dict(color="#444", dash="dash"),
            annotation_text=f"w_rec = {edge:+g}",
            annotation_position="top",
        )
    _cross_axes(fig, w_rec, y_top, lang)
    theme.base_layout(fig, t("ls.cross.title.drag", lang), height=470, l=84, b=142)
    fig.update_layout(showlegend=overflows)
    spec = serialise.freeze(fig).to_dict()
    w_x_values = [float(w) for w in w_x_values]
    spec["frames"] = _cross_frames(x32, drawn, finite, y_top, overflows, w_x_values)
    spec["layout"]["sliders"] = [_cross_slider(w_x_values, active)]
    return serialise.FrozenFigure(spec)


def _cross_traces(x32, drawn, finite, y_top: float, overflows: bool, lang: str) -> list:
    """The curve log₁₀ ξ, and (if ξ overflows anywhere) the overflow markers at the top."""
    traces = [
        go.Scatter(
            x=x32,
            y=drawn.astype(np.float32),
            mode="lines",
            name="ξ",
            line=dict(color=theme.SERIES_COLOURS[0], width=2.5),
            hovertemplate="w_rec = %{x:.3f}<br>log₁₀ ξ = %{y:.2f}<extra></extra>",
        )
    ]
    if overflows:  # one trace in every frame (empty where nothing overflows)
        traces.append(
            go.Scatter(
                x=x32[~finite],
                y=np.full(int((~finite).sum()), y_top, dtype=np.float32),
                mode="markers",
                marker=dict(color=theme.OVERFLOW_COLOUR, size=5, symbol="triangle-up"),
                name=t("ls.cross.overflow", lang),
                hovertemplate="w_rec = %{x:.3f}<br>ξ = ∞<extra></extra>",
            )
        )
    return traces


def _cross_axes(fig: go.Figure, w_rec: np.ndarray, y_top: float, lang: str) -> None:
    """log₁₀ ξ ticks labelled 1e-3 … 1eN, one range for every frame; w_rec across."""
    lo_tick = int(np.floor(np.log10(FLOOR)))
    step = max(1, int(np.ceil((y_top - lo_tick) / 8)))
    exps = list(range(lo_tick, int(np.floor(y_top)) + 1, step))
    fig.update_yaxes(
        title_text=t("ls.cross.yaxis", lang),
        range=[lo_tick - 0.3, y_top + 0.3],
        tickvals=exps,
        ticktext=["1" if e == 0 else f"1e{e}" for e in exps],
    )
    fig.update_xaxes(title_text=t("axis.w_rec", lang), range=[float(w_rec[0]), float(w_rec[-1])])


def _cross_frames(x32, drawn, finite, y_top: float, overflows: bool, w_x_values) -> list[dict]:
    frames = []
    for i, w in enumerate(w_x_values):
        data = [{"type": "scatter", "y": serialise.typed_array(drawn[i])}]
        if overflows:
            gone = x32[~finite[i]]
            data.append({"type": "scatter", "x": gone.tolist(), "y": [y_top] * len(gone)})
        frames.append({"name": f"{w:.2f}", "data": data, "traces": list(range(len(data)))})
    return frames


def _cross_slider(w_x_values, active: int) -> dict:
    return theme.frame_slider(Sweep(w_x_values), active, "w_x = ")


def surface_3d_figure(panel: SurfacePanel, lang: str) -> go.Figure:
    """The same ξ as a 3-D surface of log10 ξ (capped), to see the cliff from the side."""
    z, _ = numerics.log_colour(panel.xi, FLOOR, CAP)
    ticks, labels = numerics.log_ticks(FLOOR, CAP)
    fig = go.Figure(
        go.Surface(
            x=panel.w_x.astype(np.float32),
            y=panel.w_rec.astype(np.float32),
            z=z,
            colorscale=theme.LOSS_SCALE,
            cmin=np.log10(FLOOR),
            cmax=np.log10(CAP),
            colorbar=dict(title=dict(text=t("ls.colorbar", lang)), tickvals=ticks, ticktext=labels),
            hovertemplate="w_x = %{x:.3f}<br>w_rec = %{y:.3f}<br>log₁₀ ξ = %{z:.2f}<extra></extra>",
        )
    )
    fig.update_layout(
        scene=dict(
            xaxis_title="w_x",
            yaxis_title="w_rec",
            zaxis=dict(title="log₁₀ ξ", tickvals=ticks, ticktext=labels),
        )
    )
    theme.base_layout(fig, t("ls.3d.title", lang), height=560)
    return fig
