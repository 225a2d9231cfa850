"""The "Your text" view: a character model trained on a built-in, pasted or uploaded text
(Karpathy, Johnson & Fei-Fei 2015), the text coloured by one of its cells, a hypothesis that ranks
the cells (LSTMVis's select → match: a regex, a span of the window or the structure a built-in
text was made with), gate saturation and sampled text.

Everything here takes plain values (the text, settings, trained `CharModel`s, arrays) and `lang`,
and returns what the page shows: the trainings to run (`Work`s of "charmodel.train", each named
by the text's digest, never the text), figures, HTML, numbers and the sentences built from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.errors import InputError
from explorer.figures import text_cells as figs
from explorer.i18n import number, t
from explorer.inputs import data, regex_guard, texts
from explorer.training import charmodel
from explorer.training.jobs import Work
from explorer.views.gates import window_from_box

KINDS = charmodel.KINDS  # ("lstm", "gru", "rnn")
GATED = ("lstm", "gru")  # what the gate inspector draws (a plain RNN has no gates)
BUILTIN = tuple(texts.TEXTS)  # quotes, brackets, python
SOURCES = (*BUILTIN, "paste", "upload")  # the texts a student may train on
TRAINED = (*KINDS, "all")  # what the training setting offers
STATES = ("c", "h", "i", "f", "g", "o", "r", "z", "n")  # the order of the state menu
MODES = ("regex", "span", "truth")  # a hypothesis: a pattern, a span of the window, the structure
MAX_HIDDEN = charmodel.MAX_HIDDEN  # the settings' bounds
MAX_STEPS = charmodel.MAX_STEPS
MAX_PATTERN = charmodel.MAX_PATTERN  # characters in a hypothesis regex
MAX_TEXT_MB = 1  # a pasted or uploaded text: 1 MB of UTF-8
MAX_TEXT_BYTES = MAX_TEXT_MB * 1_000_000
ANALYSED = charmodel.MAX_MASK_CHARS  # characters the cells run over and a pattern searches
SHOWN = 1_000  # characters coloured at once: ~25 kB of HTML per coloured block
GATES_CHARS = 500  # characters opened in the gate inspector (its window at full detail)
TOP = 3  # cells shown over the text for a hypothesis
TEMPERATURES = (0.5, 1.0, 1.5)
SAMPLE_CHARS = 300
PatternBusy = regex_guard.PatternBusy  # the pattern's search had no verdict: never cache it


# --- the text and its trainings ------------------------------------------------------------------


def builtin(name: str) -> str:
    """The built-in text `name` (generated, or the standard library's Python source)."""
    return texts.builtin(name)


def too_big(text: str | bytes) -> InputError | None:
    """The refusal of a text over MAX_TEXT_BYTES of UTF-8 (a pasted text or a file's bytes)."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    return (
        InputError("tc.err.too_big", limit=f"{MAX_TEXT_MB} MB") if size > MAX_TEXT_BYTES else None
    )


def given(text: str | bytes | None) -> tuple[str | None, InputError | None]:
    """The text a student pasted (str) or uploaded (bytes), or why it cannot be used: over
    MAX_TEXT_BYTES of UTF-8, or a file that is not UTF-8 text (its encoding named); (None, None)
    when there is none yet (an empty file is a text: the training says why it is refused)."""
    if text is None or text == "":
        return None, None
    if error := too_big(text):
        return None, error
    return data.text_or_error(text) if isinstance(text, bytes) else (text, None)


def summary(text: str, lang: str) -> str:
    return t("tc.summary", lang, chars=f"{len(text):,}", distinct=f"{len(set(text)):,}")


def kinds(kind: str) -> tuple[str, ...]:
    """The cells trained for the setting `kind` ("all": every one)."""
    return KINDS if kind == "all" else (kind,)


def over_budget(kind: str, hidden: int, steps: int, lang: str) -> str | None:
    """The warning when the trainings asked for exceed the shared server's budget, else None."""
    over = charmodel.over_budget(steps, hidden, len(kinds(kind)))
    return t("cm.err.over", lang, **over) if over else None


def model_key(digest: str, kind: str, hidden: int, steps: int, seed: int) -> tuple:
    """The name a trained model is shared under: the text by its digest, never the text."""
    return ("tc", digest, kind, int(hidden), int(steps), int(seed))


def trainings(text: str, kind: str, hidden: int, steps: int, seed: int, lang: str) -> list[Work]:
    """One "charmodel.train" job per cell asked for, shared by every student on the same text."""
    digest = charmodel.text_digest(text)
    return [
        Work(
            "charmodel.train",
            model_key(digest, k, hidden, steps, seed),
            dict(text=text, kind=k, hidden=int(hidden), steps=int(steps), seed=int(seed)),
            label=t("tc.job", lang, kind=k.upper(), steps=steps),
            trains=True,
        )
        for k in kinds(kind)
    ]


def failure(err: Exception, lang: str, escape) -> str:
    """What a failed training says: the model's refusal (empty text, one character) in `lang`,
    or the error itself; values pass through `escape` (the page's markdown escaper)."""
    if isinstance(err, InputError):
        return err.message(lang, escape)
    if isinstance(err, ValueError):
        return escape(str(err))
    return t("tc.failed", lang, detail=escape(str(err)))


def curves(models: dict) -> tuple[dict, dict]:
    """(kind → training loss per step, the text's baselines) of the models (kind → CharModel)."""
    return {k: m.losses for k, m in models.items()}, dict(next(iter(models.values())).baselines)


def loss_figure(losses: dict, baselines: dict, lang: str):
    """The training loss of every model (`curves`) against the text's baselines."""
    return figs.loss_figure(losses, baselines, lang)


def by_heart(models: dict, chars: int, lang: str) -> str | None:
    """The warning beside the loss when the text is too short for the biggest model to learn
    more than the text itself (`charmodel.by_heart_text`), else None."""
    return charmodel.by_heart_text(models, chars, lang)


# --- the trained cells ---------------------------------------------------------------------------


def cell_states(model, text: str) -> dict:
    """{gate or state: (T, H) float32} of `model` over `text` (the analysed characters)."""
    found = charmodel.char_states(model, text[:ANALYSED])
    return {name: np.asarray(v, dtype=np.float32) for name, v in found.items()}


@dataclass(frozen=True)
class Choice:
    """The view's settings made valid for the models trained: the model shown, its gate or state
    (of `names`), the unit (1-based), the window's first character (1-based, ≤ last_start)."""

    kind: str
    state: str
    names: tuple[str, ...]
    unit: int
    start: int
    last_start: int
    hidden: int
    analysed: int

    @property
    def window(self) -> tuple[int, int]:
        """(lo, hi): the characters lo+1 … hi coloured (0-based, hi excluded)."""
        lo = self.start - 1
        return lo, min(lo + SHOWN, self.analysed)


def choose(states: dict, show: str, state: str, unit: int, start: int) -> Choice:
    """The valid view for `states` (kind → cell_states): a model not trained falls back to the
    first, a gate it lacks to its first state, the unit and window start into range."""
    kind = show if show in states else next(iter(states))
    found = states[kind]
    names = tuple(n for n in STATES if n in found)
    state = state if state in names else names[0]
    analysed, hidden = found[state].shape
    last_start = max(1, analysed - SHOWN + 1)
    clamp = lambda v, hi: min(max(int(v), 1), hi)  # noqa: E731
    return Choice(
        kind,
        state,
        names,
        clamp(unit, hidden),
        clamp(start, last_start),
        last_start,
        hidden,
        analysed,
    )


def start_label(lang: str) -> str:
    return t("tc.start", lang, shown=f"{SHOWN:,}")


def colour_bound(values: np.ndarray) -> float:
    """The ± range a signed value is coloured over: the 98th percentile of |value| (a cell state
    c can reach ±20 on a few characters and would leave every other one white)."""
    size = float(np.percentile(np.abs(values), 98)) if len(values) else 0.0
    return size if np.isfinite(size) and size > 1e-9 else 1.0


def coloured(text: str, values: np.ndarray, view: Choice, lang: str) -> tuple[str, str]:
    """(HTML of the window coloured by one unit's values (T,), the caption of its scale)."""
    lo, hi = view.window
    gate, bound = view.state in figs.SIGMOID, colour_bound(values)
    title = t(
        "tc.coloured",
        lang,
        model=view.kind.upper(),
        state=t(f"tc.state.{view.state}", lang),
        unit=view.unit,
        lo=f"{lo + 1:,}",
        hi=f"{hi:,}",
        total=f"{len(text):,}",
    )
    html = figs.coloured_text([(title, values[lo:hi])], text[lo:hi], gate, bound)
    return html, t("tc.scale.gate" if gate else "tc.scale.signed", lang, bound=number(bound))


def open_gates(view: Choice, text: str, key: tuple, lang: str) -> dict:
    """The button that opens the model `key` in the gate inspector: {"label", "help", "args":
    (key, the characters it opens there: the first GATES_CHARS of the window)}."""
    opened = text[view.start - 1 : view.start - 1 + GATES_CHARS]
    label = t("tc.open_gates", lang, kind=view.kind.upper())
    note = t("tc.open_gates.note", lang, chars=f"{len(opened):,}")
    return dict(label=label, help=note, args=(key, opened))


# --- the hypothesis ------------------------------------------------------------------------------


def truth(source: str, text: str, length: int, lang: str) -> tuple[np.ndarray | None, str]:
    """(the structure the built-in text `source` was made with over its first `length`
    characters, its caption), or (None, why there is none: a student's own text)."""
    if source not in texts.TEXTS:
        return None, t("tc.truth.none", lang)
    made = texts.TEXTS[source]
    target = np.asarray(made.truth(text[:length]), dtype=np.float64)
    return target, t("tc.truth.about", lang, name=t(made.truth_name, lang))


def pattern_mask(text: str, regex: str) -> tuple[np.ndarray | None, InputError | None]:
    """((T,) bool mask of the characters inside a match over the analysed text, None) or (None,
    the InputError that refuses the pattern). The search runs in a child Python
    (explorer.inputs.regex_guard); raises PatternBusy when the server was too busy for a verdict."""
    try:
        return regex_guard.guarded_mask(text[:ANALYSED], regex)[0], None
    except PatternBusy:
        raise
    except InputError as err:
        return None, err


def span_range(window: tuple[int, int], lang: str) -> dict:
    """The span slider over the window lo+1 … hi: its bounds and its label."""
    lo, hi = window
    return dict(lo=lo + 1, hi=hi, label=t("tc.span", lang, lo=f"{lo + 1:,}", hi=f"{hi:,}"))


def clamp_span(span: tuple, window: tuple[int, int]) -> tuple[int, int]:
    """A span (1-based characters, both included) moved inside the window lo+1 … hi."""
    lo, hi = window
    return min(max(int(span[0]), lo + 1), hi), min(max(int(span[1]), lo + 1), hi)


def span_mask(length: int, span: tuple) -> np.ndarray:
    """(length,) bool: True on the characters span[0] … span[1] (1-based, both included)."""
    return charmodel.span_mask(length, span[0] - 1, span[1])


def span_from_box(selection, window: tuple[int, int]) -> tuple[int, int] | None:
    """The span of a box dragged across the window chart (x = character lo+1 … hi), or None."""
    lo, hi = window
    box = window_from_box(selection, hi, hi - lo)
    if box is None:
        return None
    start = max(box[0], lo + 1)
    return start, max(box[1], start)


def ranked(values: np.ndarray, target: np.ndarray, rows: tuple[int, int]) -> tuple:
    """((unit, r), …) of every unit of values (T, H) against the hypothesis `target` (T,) over
    the characters rows[0] … rows[1]-1, largest |r| first; () when the target is the same on
    every one of them (nothing to rank by)."""
    part = np.asarray(target[rows[0] : rows[1]], dtype=np.float64)
    if len(part) == 0 or np.ptp(part) == 0:
        return ()
    found = charmodel.rank_cells(values[rows[0] : rows[1]], part)
    return tuple((int(u), float(r)) for u, r in found)


def matched(text: str, target: np.ndarray, rows: tuple, window: tuple, lang: str) -> str:
    """HTML: the window with the hypothesis's characters marked, titled with how many of the
    ranked characters (rows) it holds for."""
    lo, hi = window
    mask = np.asarray(target) > 0
    title = t(
        "tc.matched",
        lang,
        count=f"{int(mask[rows[0] : rows[1]].sum()):,}",
        total=f"{len(mask[rows[0] : rows[1]]):,}",
    )
    return figs.matched_text(text[lo:hi], mask[lo:hi], title)


def window_figure(values: np.ndarray, target, view: Choice, text: str, lang: str):
    """The unit (1-based view.unit) over the window, the hypothesis's characters shaded."""
    lo, hi = view.window
    column = values[:, view.unit - 1]
    bound = None if view.state in figs.SIGMOID else float(np.max(np.abs(column))) or 1.0
    title = t("tc.fig.window", lang, unit=view.unit, lo=f"{lo + 1:,}", hi=f"{hi:,}")
    mask = np.asarray(target[lo:hi]) > 0
    return figs.window_figure(column[lo:hi], mask, lo, text[lo:hi], bound, title, lang)


def ranking_figure(ranks: tuple, lang: str):
    """Every unit's correlation with the hypothesis, the TOP best marked."""
    return figs.ranking_figure(ranks, TOP, lang)


def top_cells(values: np.ndarray, ranks: tuple, view: Choice, text: str, lang: str) -> tuple:
    """(HTML: the window coloured by each of the TOP best-ranked units, on one colour scale;
    the label of the button that shows the best one; the settings it sets)."""
    lo, hi = view.window
    blocks = [
        (t("tc.top", lang, rank=k + 1, unit=u + 1, r=number(r)), values[lo:hi, u])
        for k, (u, r) in enumerate(ranks[:TOP])
    ]
    bound = colour_bound(np.concatenate([b[1] for b in blocks]) if blocks else np.zeros(1))
    html = figs.coloured_text(blocks, text[lo:hi], view.state in figs.SIGMOID, bound, height=160)
    best = dict(unit=ranks[0][0] + 1)
    return html, t("tc.pick_best", lang, **best), best


# --- saturation, samples, the guide and the CSV --------------------------------------------------


def saturation_points(states: dict) -> tuple:
    """((kind, gate, left, right), …): per unit of every sigmoid gate of every model (kind →
    cell_states), the fraction of characters it is nearly shut (< 0.1) and nearly open (> 0.9),
    rounded to 4 digits (what the chart shows)."""
    points = []
    for kind, found in states.items():
        for gate in (g for g in "ifozr" if g in found):
            left, right = charmodel.saturation(found[gate])
            points.append((kind, gate, tuple(np.round(left, 4)), tuple(np.round(right, 4))))
    return tuple(points)


def saturation_figure(points: tuple, lang: str):
    return figs.saturation_figure([(k, g, np.array(a), np.array(b)) for k, g, a, b in points], lang)


def samples(model, prime: str) -> tuple[str, ...]:
    """SAMPLE_CHARS characters written by `model` after `prime`, at each of TEMPERATURES."""
    return tuple(charmodel.sample(model, prime, SAMPLE_CHARS, tau, 0) for tau in TEMPERATURES)


def samples_html(model, prime: str, lang: str) -> str:
    """HTML: what `model` writes after `prime` at each of TEMPERATURES, titled."""
    written = samples(model, prime)
    blocks = [
        (t("tc.sample", lang, temperature=tau), w)
        for tau, w in zip(TEMPERATURES, written, strict=True)
    ]
    return figs.plain_blocks(blocks, height=140)


def notice(view: Choice, values: np.ndarray, model, best: tuple | None, lang: str) -> str:
    """The guide's sentence: the unit's range over the analysed characters, the training's loss
    (`charmodel.loss_text`) and the best cell of the hypothesis, when there is one."""
    column = values[:, view.unit - 1]
    inside = t("tc.guide.best", lang, unit=best[0] + 1, r=number(best[1])) if best else ""
    return t(
        "tc.guide.notice",
        lang,
        model=view.kind.upper(),
        state=t(f"tc.state.{view.state}", lang),
        unit=view.unit,
        low=number(float(column.min())),
        high=number(float(column.max())),
        loss=charmodel.loss_text(model, lang),
        best=inside,
    )


def csv_columns(model, state: str, text: str) -> dict:
    """Per analysed character of `text`: its position, the character, and every unit of `model`'s
    gate or state `state`, at full precision."""
    values = cell_states(model, text)[state]
    chars = text[: len(values)].encode("utf-8", "replace").decode("utf-8")  # no lone surrogate
    columns = {"position": np.arange(1, len(values) + 1), "char": list(chars)}
    return columns | {
        f"{state}_{u + 1}": values[:, u].astype(np.float64) for u in range(values.shape[1])
    }
