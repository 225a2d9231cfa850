"""The optimizer race: Rprop, SGD, momentum, clipping (by norm and by value) and Adam from one
start on the counting-ones loss surface (the tutorial's 20 sequences of length 10, tutorial 003)."""

from __future__ import annotations

import numpy as np

from explorer.cells import linear_rnn
from explorer.i18n import normalize_lang, number, t
from explorer.optim import rules as optim

RUNS = ("rprop", "sgd", "momentum", "clip", "clip_value", "adam")
TUTORIAL_START = (-1.5, 2.0)
TUTORIAL_PROBE = (1.0, 2.0)  # where tutorial 003 quotes a gradient of 10^7 (its blue point)
TUTORIAL_PLOT_FACTOR = 20  # tutorial 003's gradient plot shows 20× the gradient (gd.seed_note)


def _grad_fn():
    X, t = linear_rnn.counting_data()

    def grad(w):
        return linear_rnn.gradients(X, t, w[0], w[1])[:2]

    return grad


def run_race(start: tuple, n_iter: int, runs: tuple, hyper: tuple) -> dict:
    """{optimizer: (Run, losses (k+1,))} for each of `runs` from `start`; `hyper` is a tuple of
    (name, value) pairs: eta_plus, eta_minus, delta0, lr_sgd, lr_momentum, momentum, lr_clip,
    clip, lr_clip_value, lr_adam. "clip" clips the gradient's norm, "clip_value" each element
    (tutorial 000's np.clip), both at the threshold θ = clip. The runs step together
    (`preview_batch`); each is, number for number, `run_alone`'s."""
    X, t = linear_rnn.counting_data()
    h = dict(hyper)
    groups = tuple(
        (key, own_hyper(key, hyper), RUN_PARAMS[key][0], (h[RUN_PARAMS[key][0]],)) for key in runs
    )
    batch = preview_batch(start, n_iter, groups)
    return {
        key: (run, optim.path_losses(X, t, run.W)) for key, (run,) in zip(runs, batch, strict=True)
    }


def run_alone(start: tuple, n_iter: int, key: str, hyper: tuple) -> optim.Run:
    """Optimizer `key` from `start` by `optim`'s own steps, one gradient at a time (the
    reference the batched runs are held to); `hyper` as `run_race`'s."""
    grad, h = _grad_fn(), dict(hyper)
    make = {
        "rprop": lambda: optim.rprop_run(
            grad, start, n_iter, h["eta_plus"], h["eta_minus"], h["delta0"]
        ),
        "sgd": lambda: optim.sgd_run(grad, start, h["lr_sgd"], n_iter),
        "momentum": lambda: optim.sgd_run(
            grad, start, h["lr_momentum"], n_iter, momentum=h["momentum"]
        ),
        "clip": lambda: optim.sgd_run(grad, start, h["lr_clip"], n_iter, clip=h["clip"]),
        "clip_value": lambda: optim.sgd_run(
            grad, start, h["lr_clip_value"], n_iter, clip=h["clip"], clip_kind="value"
        ),
        "adam": lambda: optim.adam_run(grad, start, h["lr_adam"], n_iter),
    }
    return make[key]()


# The hyper-parameters each run depends on, and those a drag on the race previews in the browser
# (the run's path precomputed for every value of the parameter's grid).
RUN_PARAMS = {
    "rprop": ("eta_plus", "eta_minus", "delta0"),
    "sgd": ("lr_sgd",),
    "momentum": ("lr_momentum", "momentum"),
    "clip": ("lr_clip", "clip"),
    "clip_value": ("lr_clip_value", "clip"),
    "adam": ("lr_adam",),
}
PREVIEWED = (
    ("sgd", "lr_sgd"),
    ("momentum", "lr_momentum"),
    ("momentum", "momentum"),
    ("clip", "lr_clip"),
    ("clip_value", "lr_clip_value"),
    ("adam", "lr_adam"),
)
RATE_OF = {key: params[0] for key, params in RUN_PARAMS.items() if params[0].startswith("lr_")}


def run_one(start: tuple, n_iter: int, key: str, hyper: tuple) -> tuple:
    """(Run, losses) of one optimizer; `hyper` holds only its own (name, value) pairs, so a
    cached run is shared by every setting of the other optimizers."""
    return run_race(start, n_iter, (key,), hyper)[key]


def preview_runs(
    start: tuple, n_iter: int, key: str, hyper: tuple, param: str, values: tuple
) -> list[optim.Run]:
    """Optimizer `key` from `start` for each of `values` of `param` (the others from `hyper`),
    all at once: the K runs step together, vectorised over K (one BPTT pass for all of them per
    iteration), ~20× faster than K runs one by one. Same arithmetic as `optim`, so the paths
    agree with `run_one`'s to rounding; a run stops where its update is not finite."""
    return preview_batch(start, n_iter, ((key, hyper, param, values),))[0]


def preview_batch(start: tuple, n_iter: int, groups: tuple) -> tuple[list[optim.Run], ...]:
    """`preview_runs` of several optimizers at once: `groups` holds (key, hyper, param, values)
    per previewed parameter; all their runs step together (one BPTT pass for every run of every
    group per iteration: a click on the race map computes the six previews in one loop). Each
    run's numbers are exactly those `preview_runs` gives it alone (the same arithmetic, row by
    row). One list of Runs per group, in order."""
    X, t = linear_rnn.counting_data()
    rows, cols = _group_rows(groups), [_group_columns(group) for group in groups]
    K = rows[-1].stop if rows else 0
    keys = [key for key, _, _, _ in groups]
    w = np.tile(np.asarray(start, dtype=np.float64), (K, 1))  # (K, 2)
    state = {name: np.zeros((K, 2)) for name in ("velocity", "m", "v", "sign", "delta")}
    for key, col, r in zip(keys, cols, rows, strict=True):
        if key == "rprop":
            state["delta"][r] = col["delta0"][:, None]  # optim.rprop_init
    W = np.zeros((int(n_iter) + 1, K, 2))
    W[0] = w
    norms = np.full((int(n_iter), K), np.nan)
    length = np.full(K, int(n_iter) + 1)  # iterates per run
    diverged = np.zeros(K, dtype=int)  # 0: did not
    alive = np.ones(K, dtype=bool)
    nxt = np.empty((K, 2))
    for i in range(1, int(n_iter) + 1):
        if not alive.any():
            break
        grad = _batched_gradients(X, t, w)  # (K, 2)
        norms[i - 1] = np.where(alive, np.hypot(grad[:, 0], grad[:, 1]), np.nan)
        for key, col, r in zip(keys, cols, rows, strict=True):
            if alive[r].any():  # a group whose runs have all stopped stays where it is
                nxt[r] = _group_step(
                    key, col, i, w[r], grad[r], {n: a[r] for n, a in state.items()}
                )
        dies = alive & ~np.all(np.isfinite(nxt), axis=1)
        diverged[dies], length[dies] = i, i
        alive &= ~dies
        w = np.where(alive[:, None], nxt, w)
        W[i] = w
    return tuple(
        [_run_of(W, norms, int(length[k]), int(diverged[k]), k) for k in range(r.start, r.stop)]
        for r in rows
    )


def _group_rows(groups: tuple) -> list[slice]:
    """The rows of the batch each group's runs occupy, one after the other."""
    ends = np.cumsum([len(values) for _, _, _, values in groups])
    return [slice(int(end - len(g[3])), int(end)) for g, end in zip(groups, ends, strict=True)]


def _group_columns(group: tuple) -> dict[str, np.ndarray]:
    """Each hyper-parameter of a group's optimizer per run: `param` takes `values`, the others
    stay at `hyper`'s."""
    key, hyper, param, values = group
    h = dict(hyper)
    col = {name: np.full(len(values), float(h[name])) for name in RUN_PARAMS[key] if name != param}
    col[param] = np.asarray(values, dtype=np.float64)
    return col


def _group_step(key: str, col: dict, i: int, w: np.ndarray, g: np.ndarray, s: dict) -> np.ndarray:
    """Iteration i's next weights of one group's runs (w, g: (k, 2)); updates that optimizer's
    state views `s` (velocity, m, v, sign, delta) in place, as `optim`'s step functions do."""
    with np.errstate(all="ignore"):
        if key == "rprop":  # optim.rprop_step (no clamp)
            now = np.sign(g)
            factor = np.where(now == s["sign"], col["eta_plus"][:, None], col["eta_minus"][:, None])
            s["delta"][:] = s["delta"] * factor
            s["sign"][:] = now
            return w - now * s["delta"]
        if key == "adam":
            s["m"][:] = 0.9 * s["m"] + (1 - 0.9) * g
            s["v"][:] = 0.999 * s["v"] + (1 - 0.999) * g * g
            bias1, bias2 = 1 - 0.9**i, 1 - 0.999**i
            step = (col["lr_adam"][:, None] / bias1) * (
                s["m"] / (np.sqrt(s["v"]) / np.sqrt(bias2) + 1e-8)
            )
            return w - step
        lr = col[RATE_OF[key]]
        if key in ("clip", "clip_value"):
            g = _clipped(g, col["clip"], key)
        mu = col.get("momentum", np.zeros(len(lr)))[:, None]
        s["velocity"][:] = np.where(mu != 0, mu * s["velocity"] + g, g)
        return w - lr[:, None] * s["velocity"]


def _run_of(W: np.ndarray, norms: np.ndarray, n: int, diverged: int, k: int) -> optim.Run:
    """Run k of the batch: its n iterates and the gradient norms it met; `diverged` is the
    iteration whose update was not finite (0: none was)."""
    seen = norms[: n if diverged else n - 1, k]
    run = optim.Run(W[:n, k].copy(), [float(x) for x in seen])
    if diverged:
        finite = seen[np.isfinite(seen)]
        last = float(seen[-1])
        run.diverged_at = diverged
        run.diverged_grad = (
            last if np.isfinite(last) else (float(finite.max()) if finite.size else np.inf)
        )
    return run


def _clipped(grad: np.ndarray, theta: np.ndarray, key: str) -> np.ndarray:
    """optim.clip_by_norm ("clip") or clip_by_value ("clip_value") of every row of grad (K, 2)
    at its own θ, in one pass: the same operations as those functions apply to one row."""
    theta = np.asarray(theta, dtype=np.float64)
    with np.errstate(all="ignore"):
        if key == "clip_value":
            return np.clip(grad, -theta[:, None], theta[:, None])
        norm = np.hypot(grad[:, 0], grad[:, 1])
        unit = np.where(np.isinf(grad), np.sign(grad), 0.0)  # ‖g‖ = ∞: the signs of the infs
        towards = unit * (theta / np.hypot(unit[:, 0], unit[:, 1]))[:, None]
        scaled = np.where((norm > theta)[:, None], grad * (theta / norm)[:, None], grad)
        return np.where(np.isfinite(norm)[:, None], scaled, towards)


def _batched_gradients(X, t, W: np.ndarray) -> np.ndarray:
    """linear_rnn.gradients' (∂ξ/∂w_x, ∂ξ/∂w_rec) for K weight pairs W (K, 2) at once.

    The recurrence runs with time as the first axis (each step a contiguous (K, N) block); the
    sums over samples and time are then taken in (K, N, T) order, as `linear_rnn.gradients`
    takes them for one pair."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    n_samples, seq_len = X.shape
    wx, wrec = W[:, 0, None], W[:, 1, None]  # (K, 1)
    S = np.zeros((seq_len + 1, len(W), n_samples))  # S[k] = the states at step k, (K, N)
    grad = np.zeros_like(S)
    with np.errstate(all="ignore"):
        for k in range(seq_len):
            S[k + 1] = X[:, k] * wx + S[k] * wrec
        grad[-1] = 2.0 * (S[-1] - np.asarray(t)) / n_samples
        for k in range(seq_len, 0, -1):
            grad[k - 1] = grad[k] * wrec
        S = np.ascontiguousarray(S.transpose(1, 2, 0))  # (K, N, T + 1), laid out as theirs
        grad = np.ascontiguousarray(grad.transpose(1, 2, 0))
        d_wx = np.sum(grad[:, :, 1:] * X, axis=(1, 2))
        d_wrec = np.sum(grad[:, :, 1:] * S[:, :, :-1], axis=(1, 2))
    out = np.column_stack([d_wx, d_wrec])
    return np.where(np.isnan(out), np.inf, out)  # linear_rnn.no_nan: never NaN


def own_hyper(key: str, hyper: tuple) -> tuple:
    """The (name, value) pairs of `hyper` that optimizer `key` uses."""
    return tuple((name, value) for name, value in hyper if name in RUN_PARAMS[key])


def at_iteration(run: optim.Run, losses: np.ndarray, i: int) -> tuple[np.ndarray, float, bool]:
    """(w, ξ, gone) at iteration i: a run that diverged before i is at its last finite point."""
    last = len(run.W) - 1
    return run.W[min(i, last)], float(losses[min(i, last)]), i > last


def iterations_used(run: optim.Run) -> int:
    """Steps the run took: every one of n_iter, or up to and including the one that diverged."""
    return run.diverged_at if run.diverged_at is not None else len(run.W) - 1


def surface_grid(grid: int = 61) -> tuple[np.ndarray, np.ndarray]:
    """(axis (G,), ξ (G, G)) over [-3, 3]², the race's background."""
    X, t = linear_rnn.counting_data()
    axis = np.linspace(-3.0, 3.0, grid)
    return axis, linear_rnn.loss_surface(X, t, axis, axis)


def start_gradient(start: tuple) -> float:
    """‖∇ξ‖ at the start: how steep the first step's ground is."""
    X, t = linear_rnn.counting_data()
    return float(np.hypot(*linear_rnn.gradients(X, t, *start)[:2]))


def first_step(run: optim.Run) -> float | None:
    """The length of the first step, or None for a run that never moved."""
    return float(np.hypot(*np.diff(run.W[:2], axis=0)[0])) if len(run.W) > 1 else None


def final_count(run: optim.Run) -> float:
    """What the trained model counts in the tutorial's test sequence."""
    return linear_rnn.predict(linear_rnn.TEST_SEQUENCE, *run.W[-1])


def csv_columns(results: dict) -> dict[str, list]:
    """Every iterate of every run: optimizer, iteration, w_x, w_rec, ξ."""
    rows = [
        (key, i, w[0], w[1], loss)
        for key, (run, losses) in results.items()
        for i, (w, loss) in enumerate(zip(run.W, losses, strict=True))
    ]
    names = ("optimizer", "iteration", "w_x", "w_rec", "xi")
    return {name: [row[j] for row in rows] for j, name in enumerate(names)}


# --- Grids the browser drags over, and a click on the map ----------------------------------------

RATES = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3)
MOMENTA = (0.0, 0.25, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.97, 0.98, 0.99)
GRIDS = {
    "lr_sgd": RATES,
    "lr_momentum": RATES,
    "momentum": MOMENTA,
    "lr_clip": RATES,
    "lr_clip_value": RATES,
    "lr_adam": RATES,
}


def preview_values(param: str, now: float) -> tuple[float, ...]:
    """The values a dragged hyper-parameter's slider offers: its grid and the current value."""
    return tuple(sorted(set(GRIDS[param]) | {now}))


def snap_start(x: float, y: float, step: float) -> tuple[float, float]:
    """A click on the map → the start on the map's grid of `step`, inside [-3, 3]²."""
    return tuple(float(np.clip(round(round(v / step) * step, 2), -3.0, 3.0)) for v in (x, y))


# --- In words (both languages) -------------------------------------------------------------------


def magnitude(value: float) -> str:
    """A size as a student reads it off a log axis: 5.0e6 → "5.0 × 10⁶"."""
    exponent = int(np.floor(np.log10(abs(value))))
    digits = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{value / 10.0**exponent:.1f} × 10{digits}"


def intro(lang: str) -> str:
    """The page's introduction, its gradient sizes computed: ‖∇ξ‖ at the tutorial's start, and
    where tutorial 003's "10⁷" comes from: its plot of Σ∂ξ/∂S_0 at its blue point (1, 2), which
    shows 20× the gradient."""
    X, targets = linear_rnn.counting_data()
    s0 = abs(
        float(linear_rnn.decay_sweep(X, targets, TUTORIAL_PROBE[0], [TUTORIAL_PROBE[1]])[0, 0])
    )
    grad = magnitude(start_gradient(TUTORIAL_START))
    plotted = magnitude(TUTORIAL_PLOT_FACTOR * s0)
    return t("opt.intro", lang, grad=grad, s0=magnitude(s0), plotted=plotted)


def what_text(results: dict, start: tuple, grad: float, lang: str) -> str:
    """What each optimizer did from `start`: its first step, then where it ended or diverged."""
    details = ""
    for key, (run, losses) in results.items():
        name, step = t(f"opt.name.{key}", lang), first_step(run)
        details += (
            f"{name}: "
            if step is None
            else t("opt.what.first_step", lang, name=name, step=number(step))
        )
        if run.diverged_at is not None:
            details += t("opt.what.diverged", lang, i=run.diverged_at)
        else:
            wx, wrec = run.W[-1]
            details += t(
                "opt.what.ended", lang, wx=f"{wx:.4f}", wrec=f"{wrec:.4f}", loss=number(losses[-1])
            )
    return t("opt.what", lang, wx=start[0], wrec=start[1], grad=number(grad), details=details)


MAP_WIDTH = 6.0  # the race map spans [-3, 3] in each weight


def guide_text(grad: float, hyper: tuple, lang: str) -> str:
    """The guide under the race: SGD's first step, lr·|∇ξ| at the start (what `optim.sgd_step`
    moves from v = 0), against the map's width, and Rprop's, Δ₀·η⁻ in each weight (its first
    sign differs from the initial 0, so Δ₀ is multiplied by η⁻), from the race's own settings."""
    values = dict(hyper)
    step = values["lr_sgd"] * grad
    size = "huge" if step > MAP_WIDTH else "share"
    return t(
        f"opt.guide.notice.{size}",
        lang,
        grad=number(grad),
        lr=number(values["lr_sgd"]),
        step=number(step),
        share=number(100.0 * step / MAP_WIDTH, 2),
        width=f"{MAP_WIDTH:g}",
        delta0=number(values["delta0"]),
        eta_minus=number(values["eta_minus"]),
        rstep=number(values["delta0"] * values["eta_minus"]),
    )


def diverged_texts(results: dict, lang: str) -> list[str]:
    """One warning per optimizer that left the float range."""
    out = []
    for key, (run, _) in results.items():
        if run.diverged_at is not None:
            wx, wrec = run.W[-1]
            out.append(
                t(
                    "opt.diverged",
                    lang,
                    name=t(f"opt.name.{key}", lang),
                    i=run.diverged_at,
                    grad=number(run.diverged_grad, 2),
                    wx=number(wx),
                    wrec=number(wrec),
                )
            )
    return out


def at_text(results: dict, at: int, lang: str) -> str:
    """Where each run is at the iteration the race's slider was released on."""
    parts = []
    for key, (run, losses) in results.items():
        (wx, wrec), loss, gone = at_iteration(run, losses, at)
        name = t(f"opt.name.{key}", lang)
        parts.append(
            t("opt.at.gone", lang, name=name, i=run.diverged_at)
            if gone
            else t(
                "opt.at.run", lang, name=name, wx=f"{wx:.4f}", wrec=f"{wrec:.4f}", loss=number(loss)
            )
        )
    sep = "；" if normalize_lang(lang) == "zh" else "; "  # between the runs: a full-width mark
    return t("opt.at", lang, i=at, details=sep.join(parts))


def table(results: dict, at: int, n_iter: int, lang: str) -> dict[str, list]:
    """Each run at iteration `at` (its final state when `at` is the last), as table columns."""
    runs = [run for run, _ in results.values()]
    rows = [at_iteration(run, losses, at) for run, losses in results.values()]

    def col(key: str) -> str:
        return (
            t(key, lang)
            if at >= n_iter
            else t("opt.table.at", lang, what=t(key + ".at", lang), i=at)
        )

    return {
        t("opt.table.name", lang): [t(f"opt.name.{k}", lang) for k in results],
        col("opt.table.wx"): [number(w[0], 5) for w, _, _ in rows],
        col("opt.table.wrec"): [number(w[1], 5) for w, _, _ in rows],
        col("opt.table.loss"): [number(loss) for _, loss, _ in rows],
        t("opt.table.iters", lang): [iterations_used(run) for run in runs],
        col("opt.table.count"): [
            number(linear_rnn.predict(linear_rnn.TEST_SEQUENCE, *w)) for w, _, _ in rows
        ],
        t("opt.table.status", lang): [
            t("opt.status.diverged" if run.diverged_at else "opt.status.ok", lang) for run in runs
        ],
    }
