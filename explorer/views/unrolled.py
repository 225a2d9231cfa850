"""The Unrolled RNN page's view model: from its settings (plain values) and a language, the
diagram to draw (a job when it takes seconds), the numbers and sentences beside it, the hidden
states' heatmap and CSV, and the shapes panel of a stacked network. The diagram's rows of nodes
are `explorer.cells.unrolled`; the sentences `unrolled_text`; the gradient-flow section
`unrolled_flow`.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from explorer import tables
from explorer.cells import stacked
from explorer.cells import unrolled as diagram_model
from explorer.cells.unrolled import TRUNCATABLE, Unrolled, scaled, unroll
from explorer.errors import InputError
from explorer.figures import serialise
from explorer.figures import unrolled as figs
from explorer.figures.sweep import Sweep
from explorer.gradients import truncation as trunc
from explorer.i18n import sentences, t
from explorer.inputs import presets, typed_text
from explorer.inputs.presets import MAX_HIDDEN, MAX_STEPS
from explorer.training.jobs import Work, job
from explorer.views import unrolled_text as words

ARCHS, LOSSES = diagram_model.ARCHS, diagram_model.LOSSES  # the page's choices
SOURCES: tuple[str, ...] = ("preset", "random", "typed")
SWEEP = np.round(np.linspace(-2.0, 2.0, 41), 10)  # the diagram's frames, one per α
# The diagram's work: time columns × units × frames (× 2 for a bidirectional network). The
# largest view the page had (500 steps × 64 units × 41 frames) is the budget: a few seconds.
WORK_BUDGET = MAX_STEPS * MAX_HIDDEN * len(SWEEP)
CANCEL_FROM = 250_000  # below this the whole sweep takes well under a second

FORMULA = r"h_t = f(x_t W_{xh} + h_{t-1} W_{hh} + b_h), \qquad y_t = h_t W_{hy} + b_y"  # the cell


@dataclass(frozen=True)
class View:
    """Everything one diagram depends on, and nothing else (hashable: a cache key)."""

    arch: str
    preset: str
    source: str = "preset"
    text: str = ""  # typed text (source "typed" only)
    steps: int = 0  # random sequence length (source "random" only)
    seed: int = 0  # random sequence or network (only when either is random)
    hidden: int = 2
    act: str = "identity"
    loss_at: str = "last"
    dec_steps: int = 4
    layers: int = 1  # the stacked architecture only
    bidirectional: bool = False
    trunc: int = 0  # truncated BPTT's k (0: full BPTT), backward and TRUNCATABLE only

    @classmethod
    def of(
        cls,
        *,
        arch: str,
        preset: str,
        source: str,
        text: str,
        steps: int,
        seed: int,
        hidden: int,
        act: str,
        backward: bool,
        loss: str,
        dec_steps: int,
        layers: int = 1,
        bidir: bool = False,
        trunc: int = 0,
    ) -> View:
        """The view of the page's settings (SETTINGS), keeping only what this source, preset
        and architecture use: truncated BPTT's k only on the backward pass of an architecture
        that has it (TRUNCATABLE), layers and both ways only for the stacked one."""
        setup = presets.preset_setup(preset, int(hidden), act)
        stacked = arch == "stacked"
        k = int(trunc or 0) if backward and arch in TRUNCATABLE else 0
        return cls(
            arch,
            preset,
            source,
            text if source == "typed" else "",
            int(steps) if source == "random" else 0,
            int(seed) if "random" in (source, preset) else 0,
            setup.n_hidden,
            setup.act,
            loss if backward else "last",
            int(dec_steps) if arch.startswith("enc_dec") else 4,
            int(layers) if stacked else 1,
            bool(bidir) if stacked else False,
            max(k, 0),
        )

    def preset_only(self) -> View:
        """The same network on the preset's own sequence."""
        seed = self.seed if self.preset == "random" else 0
        return replace(self, source="preset", text="", steps=0, seed=seed)

    def setup(self) -> presets.Setup:
        return presets.preset_setup(self.preset, self.hidden, self.act)

    def key(self) -> View:
        """The view with its typed text named by its digest: a job's key (ui/jobs.py)."""
        return replace(self, text=hashlib.sha256(self.text.encode()).hexdigest()[:16])


SETTINGS = tuple(inspect.signature(View.of).parameters)  # the page's settings a view is made of


def sequence(view: View) -> np.ndarray:
    """x (T, D) for the view's source; typed text that does not parse raises InputError."""
    setup = view.setup()
    if view.source == "typed":
        return typed_text.parse_sequence(view.text, setup.n_in)
    if view.source == "random":
        return presets.random_sequence(view.preset, setup, view.steps, view.seed)
    return presets.preset_sequence(view.preset, setup, view.seed)


def frames(view: View, alphas, progress: Callable[[int, int], None] | None = None):
    """The diagram for every α in `alphas`; `progress(done, total)` after each frame (where a
    cancelled job stops). 41 frames of a 64 × 500 view weigh ~80 MB: keep the figure, not them."""
    setup, x = view.setup(), sequence(view)
    weights = presets.preset_weights(view.preset, setup, view.seed)
    if view.arch == "stacked":
        weights |= presets.stack_weights(
            view.preset, setup, view.seed, view.layers, view.bidirectional
        )
    out = []
    for alpha in alphas:
        out.append(
            unroll(
                view.arch,
                x,
                weights,
                setup.act,
                float(alpha),
                view.loss_at,
                view.dec_steps,
                view.layers,
                view.bidirectional,
                view.trunc,
            )
        )
        if progress is not None:
            progress(len(out), len(alphas))
    return out


def frame(view: View, alpha: float) -> Unrolled:
    """The diagram at one α (the heatmap, the guide and the CSV read it)."""
    return frames(view, (alpha,))[0]


def work(view: View, n_steps: int, units: int | None = None) -> int:
    """The diagram's cost: time columns × units × frames (× 2 both ways, × layers stacked)."""
    units = view.hidden if units is None else units
    return columns(view, n_steps) * units * len(SWEEP) * paths(view)


def paths(view: View) -> int:
    """How many recurrent rows the diagram computes: directions × layers."""
    if view.arch == "stacked":
        return view.layers * (2 if view.bidirectional else 1)
    return 2 if view.arch == "bidir" else 1


def columns(view: View, n_steps: int) -> int:
    return n_steps + (view.dec_steps if view.arch.startswith("enc_dec") else 0)


def over_budget(view: View) -> dict | None:
    """None when the view's sweep is within WORK_BUDGET, else the numbers of the refusal."""
    n_steps = len(sequence(view))
    cost = work(view, n_steps)
    if cost <= WORK_BUDGET:
        return None
    return dict(
        steps=columns(view, n_steps),
        units=view.hidden * paths(view),
        frames=len(SWEEP),
        work=f"{cost:,}",
        budget=f"{WORK_BUDGET:,}",
        max_units=max(1, WORK_BUDGET // work(view, n_steps, 1)),
    )


def alphas(preset: str) -> np.ndarray:
    """The diagram's frames for a preset: the random preset's value is ρ(W_hh), a spectral
    radius, so never below 0; the others scale W_hh (α, w_rec) and may be negative."""
    return SWEEP[SWEEP >= 0] if preset == "random" else SWEEP


def typed_error(error, lang: str, escape) -> str:
    """What the page says when the typed sequence cannot be read: the title and why (`escape`
    makes the student's text inert as markdown), as sentences of `lang`."""
    return sentences((f"**{t('un.err.title', lang)}**", error.message(lang, escape)), lang)


def nearest(sweep, value: float) -> int:
    """The index of the frame nearest to `value`."""
    return Sweep(sweep).nearest(value)


# --- What the page shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """The view to draw: the one asked for, or the preset's own sequence when its typed text is
    refused (`error`) or its sweep is over WORK_BUDGET (`refusal`: the numbers of "un.rb.over")."""

    view: View
    error: InputError | None = None
    refusal: dict | None = None


def checked(view: View) -> Checked:
    """`view`, or what the page draws instead and why (see Checked)."""
    error = None
    try:
        sequence(view)
    except InputError as refused:  # bad text: the page says why and keeps showing the preset
        error, view = refused, view.preset_only()
    refusal = over_budget(view)
    return Checked(view.preset_only() if refusal else view, error, refusal)


@dataclass(frozen=True)
class Summary:
    """The diagram's frame and window, and the sentences around it, for one α and window start.

    active, alpha: the frame nearest the asked α (its index in `alphas`); start: the window's
    first step kept inside the sequence; slider_hi: the start slider's top (None: every step
    fits, no slider); window: the caption under it; captions: how to read the diagram (and,
    truncated, what was cut); table, verdict: truncated BPTT against full (or None); guide,
    guide_try: the reading guide."""

    active: int
    alpha: float
    start: int
    n_steps: int
    slider_hi: int | None
    window: str | None
    note: str
    captions: tuple[str, ...]
    table: dict | None
    verdict: str | None
    guide: str
    guide_try: str


def summary(view: View, scale: float, start: int, backward: bool, k: int, lang: str) -> Summary:
    """What the page says around the diagram of `view` at the frame nearest α = `scale`, its
    window asked to start at `start`, forward or `backward`, with truncation length `k` asked."""
    sweep = alphas(view.preset)
    active = nearest(sweep, scale)
    alpha = float(sweep[active])
    now = frame(view, alpha)
    n_steps, start = now.n_cols - 1, figs.window_start(now.n_cols, start)
    window, slider_hi = None, None
    if n_steps > figs.WINDOW:
        lo, hi = figs.window_range(now.n_cols, start)
        window = t("un.caption.window", lang, lo=max(lo, 1), hi=hi, n=n_steps)
        slider_hi = n_steps - figs.WINDOW + 1
    captions, table, verdict = notes(view, alpha, backward, k, lang)
    symbol = t(f"un.slider.{view.preset}", lang).split("=")[0].strip()
    return Summary(
        active,
        alpha,
        start,
        n_steps,
        slider_hi,
        window,
        t(f"un.arch.note.{view.arch}", lang),
        captions,
        table,
        verdict,
        words.guide_text(now, view, backward, symbol, alpha, lang),
        t(f"un.guide.try.{view.preset}", lang),
    )


def notes(view: View, alpha: float, backward: bool, k: int, lang: str) -> tuple:
    """(captions, table, verdict) under the diagram: how to read it (drag, backward arrows,
    cells not drawn) and, with a truncation length k on the backward pass, its definition, each
    weight's gradient both ways and the verdict (table and verdict None otherwise)."""
    captions = [t("un.caption.drag", lang)]
    if backward:
        captions.append(t("un.caption.backward", lang))
    if view.hidden > figs.MAX_CELLS:
        captions.append(t("un.caption.cells", lang, shown=figs.MAX_CELLS, n=view.hidden))
    if not (backward and k):
        return tuple(captions), None, None
    tr = truncation(view, alpha)
    if tr is None:  # an architecture without it
        return (*captions, t("un.trunc.arch", lang, k=int(k))), None, None
    captions.append(t("un.trunc.caption", lang, k=tr.k, T=tr.T, cuts=tr.cuts))
    return tuple(captions), words.truncation_table(tr, lang), words.truncation_text(tr, lang)


def truncation(view: View, alpha: float) -> trunc.Truncation | None:
    """Full against truncated BPTT (k = view.trunc) for the diagram of `view` at α, from the
    network and loss the diagram draws; None when the view is not truncated."""
    if not view.trunc or view.arch not in TRUNCATABLE:
        return None
    setup = view.setup()
    weights = scaled(presets.preset_weights(view.preset, setup, view.seed), alpha)
    return trunc.compare(view.arch, sequence(view), weights, setup.act, view.loss_at, view.trunc)


def diagram(view: View, active: int, start: int, backward: bool, lang: str, progress=None):
    """The live diagram (a frozen figure), a frame per α in `alphas(view.preset)`, frame
    `active` shown, its window from step `start`; `progress(fraction, note)` after each frame
    (where a cancelled job stops)."""

    def report(done: int, total: int) -> None:
        progress(done / total, t("un.rb.frame", lang, frame=done, frames=total))

    sweep = alphas(view.preset)
    drawn = frames(view, sweep, report if progress else None)
    prefix = t(f"un.slider.{view.preset}", lang)
    fig = figs.diagram_figure(drawn, sweep, active, start, backward, prefix, lang)
    if progress:  # a Cancel while the figure was built counts too
        report(len(drawn), len(drawn))
    return serialise.freeze(fig)


@job("unrolled.diagram")
def diagram_job(progress, *, view: View, active: int, start: int, backward: bool, lang: str):
    """`diagram` as a declared job (explorer/training/jobs.py)."""
    return diagram(view, active, start, backward, lang, progress)


def diagram_work(view: View, active: int, start: int, backward: bool, lang: str) -> Work | None:
    """The diagram as a job for the shared pool (progress and Cancel) when its sweep takes a few
    seconds (work ≥ CANCEL_FROM); None when it is quick enough to draw in place (`diagram`)."""
    if work(view, len(sequence(view))) < CANCEL_FROM:
        return None
    args = dict(view=view, active=active, start=start, backward=backward, lang=lang)
    key = ("unrolled.diagram", view.key(), active, start, backward, lang)
    return Work("unrolled.diagram", key, args, label=t("un.rb.progress", lang))


def states_figure(view: View, alpha: float, start: int, backward: bool, lang: str):
    """The heatmap of every hidden state (or ∂L/∂h, backward) at α, the window marked."""
    now = frame(view, alpha)
    window = figs.window_range(now.n_cols, start)
    matrix = now.grad_states if backward else now.states
    return figs.states_figure(matrix, now.unit_labels, now.time_labels, window, backward, lang)


def states_columns(now: Unrolled) -> dict:
    """The heatmap's numbers as CSV columns (`tables.states_table`) from the diagram `now`."""
    return tables.states_table(now)


def csv_name(view: View) -> str:
    return f"unrolled_{view.arch}_{view.preset}.csv"


# --- The setup's widgets and the stacked network's shapes ---------------------------------------


def setup_controls(source: str, preset: str, arch: str) -> list[tuple[str, int]]:
    """The setup's second row: which settings this source, preset and architecture use, each
    with its column (of 5)."""
    shown = [("text", 0)] if source == "typed" else [("steps", 0)] if source == "random" else []
    if "random" in (source, preset):
        shown.append(("seed", 1))
    if preset == "random":
        shown += [("hidden", 2), ("act", 3)]
    if arch.startswith("enc_dec"):
        shown.append(("dec_steps", 4))
    if arch == "stacked":
        shown += [("layers", 3 if preset == "random" else 2), ("bidir", 4)]
    return shown


def shape_examples(view: View, n_steps: int) -> list[tuple[str, tuple]]:
    """The shapes panel's networks (tutorial 002 §3.4): the tutorial's nn.RNN(5, 10, 2) and
    nn.LSTM(50, 100, num_layers=2), then the student's own stacked network, each as (title
    key, `stacked.run_example`'s arguments)."""
    tutorial = [
        (f"dp.shapes.tutorial.{name}", (*stacked.TUTORIAL_EXAMPLES[name], False))
        for name in ("rnn", "lstm")
    ]
    yours = ("rnn", view.setup().n_in, view.hidden, view.layers, n_steps, 1, view.bidirectional)
    return [*tutorial, ("dp.shapes.yours", yours)]


def shapes_text(title: str, example: tuple, lang: str) -> list[str]:
    """One network's paragraphs: its constructor, its tensors' shapes (each axis named), and
    which slice of out is which row of h_n, checked on the numbers."""
    found = stacked.run_example(*example)
    rows = stacked.h_n_rows(example[3], example[6])

    def axes(names: tuple) -> str:
        return "(" + ", ".join(t(f"dp.axis.{a}", lang) for a in names) + ")"

    out = [f"**{t(title, lang)}** · `{found.call}`"]
    out.append(
        "\n".join(f"- `{s.name}` **{tuple(s.sizes)}** · {axes(s.axes)}" for s in found.measured)
    )
    for match, diff in found.matches:
        layer, direction = rows[match.row]
        values = dict(step=match.step, lo=match.lo, hi=match.hi, row=match.row, layer=layer + 1)
        direction = t(f"dp.direction.{direction}", lang)
        out.append(t("dp.shapes.match", lang, **values, diff=f"{diff:g}", direction=direction))
    return out
