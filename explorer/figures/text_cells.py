""" "Your text" figures: text coloured character by character by one cell, the loss against the
unigram/bigram baselines, gate saturation and the cells a hypothesis ranks. Data in, a `go.Figure`
or an HTML string out.

The text is what a student typed or uploaded: every character goes through `html.escape` and is
shown as itself (never markdown). Characters that would not show, or would change how the rest
shows, are drawn as visible symbols: a space `·`, a newline `↵` (then the break), a tab `→`,
control characters as their Unicode control pictures (␀ … ␟, ␡), format characters (zero-width
joiners, bidi overrides) and lone surrogates as `¤`.
"""

from __future__ import annotations

import html
import unicodedata

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from explorer.i18n import number, t

from . import theme

LEVELS = 21  # colour steps of the coloured text: value → one of LEVELS classes (small HTML)
SIGNED_SCALE = "RdBu_r"  # h, c, g, n: −bound (blue) … 0 (white) … +bound (red)
GATE_SCALE = "Viridis"  # sigmoid gates: 0 (shut, dark) … 1 (open, bright)
SIGMOID = frozenset("ifozr")
MATCH_COLOUR = "#ffd54f"  # the hypothesis's characters
SHOWN = {" ": "·", "\n": "↵\n", "\r": "␍", "\t": "→"}
STYLE = (
    ".tc-text{{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,'Noto Sans Mono CJK SC',"
    "monospace;font-size:15px;line-height:1.7;white-space:pre-wrap;overflow-wrap:anywhere;"
    "border:1px solid #ddd;border-radius:6px;padding:8px;margin:0 0 6px 0;"
    "max-height:{height}px;overflow-y:auto;unicode-bidi:isolate}}"
    ".tc-text span{{border-radius:2px}} .tc-head{{font-size:13px;color:#555;margin:4px 0 2px 0}}"
)


def visible(ch: str) -> str:
    """One character as it is drawn (not yet escaped): whitespace and invisibles made visible."""
    if ch in SHOWN:
        return SHOWN[ch]
    code = ord(ch)
    if code < 32:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 127:
        return "␡"
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return "¤"
    return ch


def shown_text(text: str) -> str:
    """`text` made visible and HTML-escaped (no colours): samples, the window's plain text."""
    return html.escape("".join(visible(ch) for ch in text), quote=True)


def plotly_text(text: str) -> str:
    """`text` made visible for a Plotly label (one line): Plotly reads `<b>`, `<br>`, `<a href>`
    as tags and decodes only &lt; &gt; &amp; (not &quot;), so escape just those."""
    return html.escape("".join(visible(ch) for ch in text).replace("\n", ""), quote=False)


def _palette(gate: bool) -> list[tuple[str, str]]:
    """(background, text colour) per level."""
    stops = sample_colorscale(GATE_SCALE if gate else SIGNED_SCALE, np.linspace(0, 1, LEVELS))
    out = []
    for colour in stops:
        r, g, b = (int(float(v)) for v in colour[colour.index("(") + 1 : -1].split(","))
        light = 0.299 * r + 0.587 * g + 0.114 * b > 140
        out.append((f"#{r:02x}{g:02x}{b:02x}", "#111" if light else "#fff"))
    return out


def levels(values: np.ndarray, gate: bool, bound: float) -> np.ndarray:
    """values (W,) → colour level 0..LEVELS−1: gates over 0..1, signed values over ±bound."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0)
    unit = v if gate else (v / max(bound, 1e-12) + 1.0) / 2.0  # (W,) in 0..1
    return np.clip(np.rint(unit * (LEVELS - 1)), 0, LEVELS - 1).astype(int)


def _spans(text: str, classes: np.ndarray, prefix: str) -> str:
    """Runs of characters of one class as one `<span>`: small HTML for long, smooth runs."""
    out, start = [], 0
    for k in range(1, len(text) + 1):
        if k == len(text) or classes[k] != classes[start]:
            out.append(f'<span class="{prefix}{classes[start]}">{shown_text(text[start:k])}</span>')
            start = k
    return "".join(out)


def coloured_text(
    blocks: list[tuple[str, np.ndarray]], text: str, gate: bool, bound: float, height: int = 260
) -> str:
    """HTML: `text` (W chars) once per block, each character's background its value in that
    block (values (W,)); a block's title (already plain text) is escaped here too."""
    palette = _palette(gate)
    css = STYLE.format(height=height) + "".join(
        f".tc-text .v{k}{{background:{bg};color:{fg}}}" for k, (bg, fg) in enumerate(palette)
    )
    parts = [f"<style>{css}</style>"]
    for title, values in blocks:
        parts.append(f'<div class="tc-head">{html.escape(title)}</div>')
        parts.append(f'<div class="tc-text">{_spans(text, levels(values, gate, bound), "v")}</div>')
    return "".join(parts)


def matched_text(text: str, mask: np.ndarray, title: str, height: int = 160) -> str:
    """HTML: `text` with the hypothesis's characters (mask (W,) bool) highlighted."""
    css = STYLE.format(height=height) + f".tc-text .m1{{background:{MATCH_COLOUR}}}"
    body = _spans(text, np.asarray(mask, dtype=int), "m")
    return f'<style>{css}</style><div class="tc-head">{html.escape(title)}</div><div class="tc-text">{body}</div>'


def plain_blocks(blocks: list[tuple[str, str]], height: int = 200) -> str:
    """HTML: titled blocks of plain text (sampled text), every character escaped and visible."""
    parts = [f"<style>{STYLE.format(height=height)}</style>"]
    for title, text in blocks:
        parts.append(f'<div class="tc-head">{html.escape(title)}</div>')
        parts.append(f'<div class="tc-text">{shown_text(text)}</div>')
    return "".join(parts)


def loss_figure(curves: dict, baselines: dict, lang: str) -> go.Figure:
    """Training loss per step, one line per model (curves: kind → (steps,)), and the unigram
    and bigram baselines (name → loss) as dashed lines."""
    fig = go.Figure()
    for k, (kind, losses) in enumerate(curves.items()):
        y = np.asarray(losses, dtype=np.float64)
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, len(y) + 1),
                y=y,
                mode="lines",
                name=kind.upper(),
                line=dict(color=theme.SERIES_COLOURS[k], width=2),
            )
        )
    for k, (name, value) in enumerate(baselines.items()):
        label = t(f"tc.baseline.{name}", lang, loss=number(float(value)))
        fig.add_hline(
            y=float(value),
            line=dict(color="#777", dash=("dash", "dot")[k % 2], width=1),
            annotation_text=label,
            annotation_position="top right",
        )
    fig.update_xaxes(title_text=t("tc.axis.step", lang))
    fig.update_yaxes(title_text=t("tc.axis.loss", lang))
    return theme.base_layout(fig, t("tc.fig.loss", lang), height=340, l=76, r=110)


def saturation_figure(points: list[tuple[str, str, np.ndarray, np.ndarray]], lang: str):
    """Left- against right-saturated fraction per unit: points = (model, gate, left (H,), right
    (H,)); colour per gate, symbol per model. Karpathy et al. 2015, fig. 5."""
    fig = go.Figure()
    symbols = {"lstm": "circle", "gru": "diamond", "rnn": "square"}
    colours = dict(zip("ifozr", theme.SERIES_COLOURS, strict=False))
    for model, gate, left, right in points:
        units = np.arange(1, len(left) + 1)
        name = f"{model.upper()} · {t(f'tc.gate.{gate}', lang)}"
        fig.add_trace(
            go.Scatter(
                x=np.asarray(left, dtype=np.float64),
                y=np.asarray(right, dtype=np.float64),
                mode="markers",
                name=name,
                customdata=units,
                marker=dict(
                    color=colours.get(gate, "#333"),
                    symbol=symbols.get(model, "circle"),
                    size=9,
                    opacity=0.8,
                ),
                hovertemplate=f"{name}<br>{t('tc.unit', lang)} %{{customdata}}<br>"
                "← %{x:.2f} · → %{y:.2f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[1, 0],
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line=dict(color="#bbb", width=1, dash="dot"),
        )
    )
    fig.update_xaxes(title_text=t("tc.axis.left", lang), range=[-0.03, 1.03])
    fig.update_yaxes(title_text=t("tc.axis.right", lang), range=[-0.03, 1.03])
    return theme.base_layout(fig, t("tc.fig.saturation", lang), height=420, l=76, r=200)


def ranking_figure(ranks: list[tuple[int, float]], top: int, lang: str) -> go.Figure:
    """Every unit's correlation with the hypothesis, best |r| first; the top `top` highlighted.
    ranks: (unit (0-based), r)."""
    units = [f"{u + 1}" for u, _ in ranks]
    r = np.nan_to_num(np.array([v for _, v in ranks], dtype=np.float64))
    colours = [theme.SERIES_COLOURS[0] if k < top else "#bbbbbb" for k in range(len(ranks))]
    fig = go.Figure(
        go.Bar(
            x=units,
            y=r,
            marker_color=colours,
            hovertemplate=f"{t('tc.unit', lang)} %{{x}}<br>r = %{{y:.3f}}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("tc.axis.unit_ranked", lang), type="category")
    fig.update_yaxes(title_text="r", range=[-1.05, 1.05])
    return theme.base_layout(fig, t("tc.fig.ranking", lang), height=300, l=88)


CHAR_TICKS = 60  # the gate inspector names every step by its character up to this many steps


def character_axes(
    fig: go.Figure, part: str, text: str, lo: int, hi: int, alphabet=None
) -> go.Figure:
    """The gate inspector's one-hot text, labelled: the input panel's rows are the characters of
    `alphabet` (default: the text's, sorted), and the steps lo..hi (0-based) of a narrow window
    are named by their characters ("12<br>a"). `fig` is `gates.window_chart(part, …)`; changed
    in place."""
    if part not in ("heat", "lines"):
        return fig
    if part == "heat":  # the input panel's rows as categories: its axis and hover name them
        alphabet = sorted(set(text)) if alphabet is None else list(alphabet)
        rows = [plotly_text(ch) for ch in alphabet]
        if len(set(rows)) == len(rows):  # (a space and a typed "·" would share a name)
            fig.data[0].update(y=rows, y0=None, dy=None)
            every = -(-len(rows) // 16)  # ≤ 16 names fit the panel; hover names every row
            fig.update_layout(yaxis=dict(type="category", dtick=every, tickfont=dict(size=11)))
    if hi - lo + 1 <= CHAR_TICKS:
        steps = list(range(lo + 1, min(hi, len(text) - 1) + 2))
        fig.update_xaxes(
            tickvals=steps, ticktext=[f"{s}<br>{plotly_text(text[s - 1])}" for s in steps]
        )
    return fig


def window_figure(
    values: np.ndarray, mask: np.ndarray, lo: int, text: str, bound: float, title: str, lang: str
) -> go.Figure:
    """One cell over the window's characters lo+1 … (values (W,)), the hypothesis's characters
    (mask (W,) bool) shaded behind it: LSTMVis's line plot over the text. Hover: the character.
    `bound`: None for a gate (0 … 1), else the signed range ± bound."""
    x = np.arange(lo + 1, lo + 1 + len(values), dtype=np.float32)
    top, bottom = (1.0, 0.0) if bound is None else (bound, -bound)
    chars = [plotly_text(ch) for ch in text]
    fig = go.Figure(
        [
            go.Bar(
                x=x,
                y=np.where(mask, top - bottom, 0.0).astype(np.float32),
                base=bottom,
                width=1.0,
                marker=dict(color=MATCH_COLOUR, line=dict(width=0)),
                opacity=0.6,
                name=t("tc.fig.window.mask", lang),
                hoverinfo="skip",
            ),
            go.Scatter(
                x=x,
                y=np.asarray(values, dtype=np.float32),
                mode="lines",
                customdata=chars,
                line=dict(color=theme.SERIES_COLOURS[0], width=1.5),
                name=t("tc.unit", lang),
                hovertemplate="%{x} · %{customdata}<br>%{y:.3f}<extra></extra>",
            ),
        ]
    )
    fig.update_xaxes(title_text=t("tc.axis.char", lang), range=[lo + 0.5, lo + len(values) + 0.5])
    fig.update_yaxes(range=[bottom - 0.05 * (top - bottom), top + 0.05 * (top - bottom)])
    fig.update_layout(bargap=0, showlegend=False, dragmode="select", selectdirection="h")
    return theme.base_layout(fig, title, height=260, t=40, l=76, r=36)
