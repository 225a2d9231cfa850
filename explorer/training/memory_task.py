"""The memory task: remember the first input for T steps (why gates, issue 19).

Each sequence has T steps and D = 3 inputs per step:

    x_1  = (b, 1, n_1)      b = ±1 is the bit to remember; the 1 marks "this is the cue"
    x_t  = (0, 0, n_t)      for t = 2..T: nothing to remember, only distractor noise n_t ~ N(0, σ²)

The answer is b, read after step T: a logit y = w·r + c from r = h_T (plain RNN, LSTM, GRU) or
from the attention context r = Σ_t a_t h_t (the tutorial's `AttentionLSTM`, 000 §5.2; see
`explorer.cells.attention`). Nothing after step 1 says anything about b, so the only way to be right
more than half of the time is to carry b across T − 1 noisy steps; T is the difficulty.

Models (16 units): a tanh RNN, an LSTM, a GRU, and the attention LSTM. Initialisation (STARTS):
every bias 0 except the gate that keeps memory (the LSTM's forget gate f, the GRU's update gate
z). The app's own choice, "app": torch's default weights, ~ U(-1/√H, 1/√H), and that gate at
`forget_bias` = 3, so f = σ(3) ≈ 0.95 keeps 95% per step. Tutorial 000 §6.1 ("tutorial") starts
it at 1 (f ≈ 0.73) and makes every weight matrix orthogonal (`cell_params.tutorial_init`).

Training: torch, Adam, binary cross-entropy, a fresh batch of sequences at every step drawn
from the seed, gradient clipping at 1, one torch thread, at most 300 steps, stopping early once
solved. (The RNN and the GRU run through `explorer.cells.memory_layers`: the same numbers as nn.RNN /
nn.GRU, with a NumPy backward pass that is faster on one CPU thread.) Accuracy is measured on a
fixed held-out set (the same sequences for every model and seed at a given T). The result holds
the weights as NumPy float64 arrays in torch's layout, so `explorer.gradients.flow` and
`explorer.cells.attention` can replay the trained cells exactly (`replay`, `answer_gradients`).

Measured at the defaults, seed 0 (held-out accuracy; chance is 0.5):

    T            5     10     20     50    100    200
    rnn       1.00   1.00   1.00   0.50   0.52   0.50
    lstm      1.00   1.00   1.00   1.00   1.00   0.49
    gru       1.00   1.00   1.00   1.00   1.00   1.00
    attention 1.00   1.00   1.00   1.00   1.00   1.00

(Seed 1, T = 20…200: the same pattern; rnn 0.51, 0.48, 0.50 from T = 50, lstm 0.48 at 200.)

From tutorial 000 §6.1's start ("tutorial": orthogonal matrices, forget bias 1), seed 0:

    T            5     10     20     50    100    200
    rnn       1.00   1.00   1.00   1.00   0.67   0.53
    lstm      1.00   1.00   1.00   1.00   1.00   0.49
    gru       1.00   1.00   1.00   1.00   0.53   0.50
    attention 1.00   1.00   1.00   1.00   1.00   1.00

Where the lesson does not come out: with forget bias 1 (f ≈ 0.73 at the start) and torch's
default weights ("app_b1") the LSTM and the GRU are at chance from T = 50 (0.49, 0.49; attention
still 1.00); with torch's
default random biases the LSTM's cell drifts into tanh saturation (|c| ≈ 10) and fails at
T = 100 even with forget bias 3 or 5; with no distractors a plain RNN can latch the bit (issue 19).

The attention weights: at forget bias 3 the attention model's own LSTM learns to carry the bit
(the attention gives the gradient a one-hop way to step 1 while it learns, see
`answer_gradients`), and its weights stay spread (step 1: 0.0007 at T = 50). Where its LSTM
cannot carry the bit, they spike on step 1: forget bias 1 at T = 200 (mean weight 0.47 on step 1,
the largest weight for every sample), forget bias −2 at T = 100 (0.99).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from explorer.cells.cell_params import tutorial_init
from explorer.training.jobs import job

KINDS = ("rnn", "lstm", "gru", "attention")
N_INPUTS = 3  # (bit, cue marker, distractor)
NOISE = 0.5  # σ of the distractor
TEST_SIZE = 512
TEST_SEED = 2024  # the held-out set: the same for every model and training seed
ATTENTION_SIZE = 16  # A: rows of the attention's W
STOP_LOSS, STOP_WINDOW = 0.02, 20  # training stops once the last 20 batches' mean loss < 0.02
DEFAULT_TS = (5, 10, 20, 50, 100, 200)  # the lengths the page trains at its defaults


@dataclass(frozen=True)
class Start:
    """How a training starts: the weights ("torch": torch's default init; "orthogonal":
    tutorial 000 §6.1's) and the bias of the gate that keeps memory."""

    weights: str
    forget_bias: float


STARTS = {
    "app": Start("torch", 3.0),  # the app's choice: the LSTM learns the task
    "app_b1": Start("torch", 1.0),  # the tutorial's bias alone
    "tutorial": Start("orthogonal", 1.0),  # tutorial 000 §6.1: orthogonal matrices, bias 1
}


def sequences(T: int, n: int, rng: np.random.Generator, noise: float = NOISE):
    """(x (n, T, 3) float64, bits (n,) in {0, 1}): n sequences of the task, from rng."""
    bits = rng.integers(0, 2, n)
    x = np.zeros((n, T, N_INPUTS))
    x[:, 0, 0] = 2.0 * bits - 1.0  # b = ±1 at step 1 only
    x[:, 0, 1] = 1.0  # the cue marker
    x[:, :, 2] = noise * rng.standard_normal((n, T))  # distractors at every step
    return x, bits


def held_out(T: int, noise: float = NOISE):
    """The fixed held-out set at length T (TEST_SIZE sequences, TEST_SEED)."""
    return sequences(T, TEST_SIZE, np.random.default_rng([TEST_SEED, T]), noise)


@dataclass(frozen=True)
class MemoryResult:
    """One trained model. losses (steps,): training BCE per step; accuracy on `held_out(T)`.

    params / init_params: dict of float64 arrays, trained / at initialisation:
      the recurrent layer as a 1-layer nn.RNN (tanh) / nn.LSTM / nn.GRU state_dict
      ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"; "attention" uses nn.LSTM),
      "readout_weight" (H,), "readout_bias" (a float) and, for "attention", "attention_W" (A, H) and
      "attention_v" (A,).
    """

    kind: str
    T: int
    losses: np.ndarray
    accuracy: float
    params: dict = field(repr=False)
    init_params: dict = field(repr=False)
    seconds: float = 0.0  # wall-clock time of the training
    cpu_seconds: float = 0.0  # CPU time of the training thread (what it costs on an idle core)


def cell_kind(kind: str) -> str:
    """The recurrent layer's kind for explorer.gradients.flow: "attention" runs an LSTM."""
    return "lstm" if kind == "attention" else kind


def replay(params: dict, kind: str, x: np.ndarray) -> dict:
    """Run a trained (or initial) model in NumPy float64 on x (n, T, 3).

    Returns "states" (n, T, H) the hidden states h_1..h_T, "logits" (n,) (P(b = +1) = σ(logit))
    and, for "attention", "weights" (n, T): how much each step counts in the answer.
    """
    from explorer.cells.attention import additive_attention
    from explorer.cells.gru import gru_forward
    from explorer.cells.lstm import lstm_forward

    x = np.asarray(x, dtype=np.float64)
    ck = cell_kind(kind)
    if ck == "lstm":
        states = np.stack([lstm_forward(seq, params)["h"] for seq in x])
    elif ck == "gru":
        states = np.stack([gru_forward(seq, params)["h"] for seq in x])
    else:
        states = _rnn_states(params, x)
    out = {"states": states}
    r = states[:, -1]
    if kind == "attention":
        r, out["weights"] = additive_attention(states, params["attention_W"], params["attention_v"])
    out["logits"] = r @ params["readout_weight"] + params["readout_bias"]
    return out


def answer_gradients(params: dict, kind: str, x: np.ndarray) -> dict:
    """How far the answer's gradient reaches back in one sequence x (T, 3): the norms
    ‖∂logit/∂h_k‖ "h" (T+1,) for k = 0..T (and "c" for the LSTMs), as
    `explorer.gradients.flow.state_gradients` with L = logit. For "attention" the logit reads every
    state through the attention, so the gradient reaches step k in one hop as well as back
    through the recurrence."""
    from explorer.cells.attention import attention_backward
    from explorer.cells.lstm import lstm_forward
    from explorer.gradients.flow import state_gradients

    w = params["readout_weight"]  # ∂logit/∂r
    if kind != "attention":
        return state_gradients(kind, params, x, g=w)
    states = lstm_forward(x, params)["h"]  # (T, H)
    upstream = attention_backward(states, params["attention_W"], params["attention_v"], w)
    return state_gradients("lstm", params, x, g=np.zeros_like(w), upstream=upstream)


def _rnn_states(params: dict, x: np.ndarray) -> np.ndarray:
    """nn.RNN (tanh) over a batch x (n, T, D) at once: h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)."""
    from explorer.cells.rnn import elman_states

    bias = params["bias_ih_l0"] + params["bias_hh_l0"]  # (H,)
    states, _ = elman_states(x, params["weight_ih_l0"].T, params["weight_hh_l0"].T, bias)
    return states[:, 1:]  # (n, T, H): h_1..h_T


def _model(kind: str, hidden: int, forget_bias: float, start_params: dict | None = None):
    import torch

    from explorer.cells.memory_layers import layer

    fast_layer = layer("gru" if kind == "gru" else "rnn")

    class Memory(torch.nn.Module):
        def __init__(self):
            super().__init__()
            layer = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU}.get(kind, torch.nn.LSTM)
            self.cell = layer(N_INPUTS, hidden, batch_first=True)
            self.readout = torch.nn.Linear(hidden, 1)
            if kind == "attention":
                self.att_W = torch.nn.Linear(hidden, ATTENTION_SIZE, bias=False)
                self.att_v = torch.nn.Linear(ATTENTION_SIZE, 1, bias=False)
            with torch.no_grad():  # biases start at 0, the keep gate's at +b (see STARTS)
                self.cell.bias_ih_l0.zero_()
                self.cell.bias_hh_l0.zero_()
                if kind != "rnn":  # the LSTM's f / the GRU's z (z = 1 keeps the state in torch)
                    self.cell.bias_ih_l0[hidden : 2 * hidden] = forget_bias
                for name, value in (start_params or {}).items():  # tutorial 000's weights
                    getattr(self.cell, name).copy_(torch.from_numpy(value))

        def forward(self, x):
            if kind in ("rnn", "gru"):  # NumPy BPTT: same numbers as nn.RNN / nn.GRU, faster
                c = self.cell
                weights = (c.weight_ih_l0, c.weight_hh_l0, c.bias_ih_l0, c.bias_hh_l0)
                states = fast_layer.apply(x, *weights)  # (B, T, H)
            else:
                states, _ = self.cell(x)  # (B, T, H): torch's fused LSTM
            if kind == "attention":
                scores = self.att_v(torch.tanh(self.att_W(states)))[..., 0]  # (B, T)
                weights = torch.softmax(scores, dim=1)
                r = (weights[..., None] * states).sum(dim=1)  # (B, H): the context
            else:
                r = states[:, -1]
            return self.readout(r)[:, 0]

    return Memory()


def _arrays(model, kind: str) -> dict:
    sd = {k: v.detach().double().numpy().copy() for k, v in model.state_dict().items()}
    params = {k.removeprefix("cell."): v for k, v in sd.items() if k.startswith("cell.")}
    params["readout_weight"] = sd["readout.weight"][0]
    params["readout_bias"] = float(sd["readout.bias"][0])
    if kind == "attention":
        params["attention_W"] = sd["att_W.weight"]
        params["attention_v"] = sd["att_v.weight"][0]
    return params


@job("memory_task.train")
def train_lengths(
    progress, *, kind: str, lengths: tuple, steps: int, hidden: int, seed: int, start: str
) -> dict:
    """One model trained at every length, as a declared job: {"runs": {T: MemoryResult}}.
    `start` names one of STARTS; `progress(fraction, note)` weighs each length by T."""
    begin, out, done = STARTS[start], {}, 0
    for T in lengths:

        def report(fraction, loss, T=T, done=done):
            progress((done + fraction * T) / sum(lengths), f"T = {T} · BCE {loss:.3f}")

        out[T] = train_memory(
            kind,
            T,
            hidden=hidden,
            steps=steps,
            seed=seed,
            forget_bias=begin.forget_bias,
            weights=begin.weights,
            progress=report,
        )
        done += T
    return {"runs": out}


def train_memory(
    kind: str,
    T: int,
    *,
    hidden: int = 16,
    steps: int = 300,
    batch: int = 32,
    lr: float = 0.01,
    forget_bias: float = 3.0,
    weights: str = "torch",
    noise: float = NOISE,
    stop_loss: float | None = STOP_LOSS,
    seed: int = 0,
    progress: Callable[[float, float], None] | None = None,
) -> MemoryResult:
    """Train one model ("rnn", "lstm", "gru", "attention") on the memory task at length T.

    Adam(lr), batches of `batch` fresh sequences, BCE, clipping at 1, at most `steps` steps;
    training stops early once the last STOP_WINDOW losses average below `stop_loss` (None: never).
    `forget_bias` starts the LSTM's f (and the GRU's z) at σ(b): 3 → 0.95 (see the module doc);
    `weights` "torch" (torch's default, seeded) or "orthogonal" (tutorial 000 §6.1, drawn with
    NumPy from the seed; see `cell_params.tutorial_init`).
    Deterministic for a seed. Torch's threads are the caller's: the job pool trains on one
    (`pool.cluster.single_threaded`). `progress(fraction, loss)` after every step.
    """
    import time

    import torch

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    start, cpu_start = time.perf_counter(), time.thread_time()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        drawn = None
        if weights == "orthogonal":
            rng = np.random.default_rng([seed, KINDS.index(kind)])
            drawn = tutorial_init(cell_kind(kind), N_INPUTS, hidden, rng, forget_bias)
        model = _model(kind, hidden, forget_bias, drawn)
        init = _arrays(model, kind)
        fit = dict(steps=steps, batch=batch, lr=lr, noise=noise, stop_loss=stop_loss)
        losses = _fit(model, T, np.random.default_rng([seed, T]), progress, **fit)
        x, bits = held_out(T, noise)
        with torch.no_grad():
            predicted = model(torch.from_numpy(x).float()).numpy() > 0
        accuracy = float(np.mean(predicted == (bits == 1)))
    seconds = (time.perf_counter() - start, time.thread_time() - cpu_start)
    return MemoryResult(kind, T, losses, accuracy, _arrays(model, kind), init, *seconds)


def _fit(model, T, rng, progress, *, steps, batch, lr, noise, stop_loss) -> np.ndarray:
    """The training loop; returns the losses (≤ steps,)."""
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    losses = np.empty(steps)
    for step in range(steps):
        x, bits = sequences(T, batch, rng, noise)
        optimizer.zero_grad()
        loss = loss_fn(model(torch.from_numpy(x).float()), torch.from_numpy(bits).float())
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        losses[step] = loss.item()
        if progress is not None:
            progress((step + 1) / steps, losses[step])
        window = losses[max(0, step + 1 - STOP_WINDOW) : step + 1]
        if stop_loss is not None and step + 1 >= STOP_WINDOW and window.mean() < stop_loss:
            return losses[: step + 1]  # solved: the rest of the budget is not needed
    return losses


# --- What a training costs, so a page can promise it and refuse a request that would hog the server
# CPU seconds of one training step (batch 32 × 16 units): STEP_OVERHEAD plus PER_TIME_STEP per time
# step; FIRST_TRAINING once per process (torch's set-up). Upper bounds of what
# `python -m benchmarks why_gates` measures: `_costs` (the thread CPU of every model at every
# default T, no early stop, one torch thread) on a quiet machine, fitted by `cost_bounds` so that
# every measured training is at or under its estimate, then × 1.7: a busy 2-core server (both
# cores' hyperthreads at work, as when the page runs two jobs side by side or the class trains)
# spends up to 1.6–1.8× the CPU on the same work (20.4 s quiet; 26.4 s side by side on a quiet
# machine; 32.7 s one after another and 36.1 s side by side at load 20–30). The benchmark fails
# when these no longer cover what it measures; the numbers are in docs/performance.md.
STEP_OVERHEAD = 2.1e-3
PER_TIME_STEP = {"rnn": 24e-6, "lstm": 30e-6, "gru": 108e-6, "attention": 58e-6}
FIRST_TRAINING = 2.0  # measured 1.1 s on a quiet machine
MAX_SECONDS = (
    8.0  # the most one training may cost (the default set-up's largest: 7.1 s, GRU at 200)
)


def estimate_seconds(kind: str, T: int, steps: int = 300, hidden: int = 16, batch: int = 32):
    """Upper estimate (no early stop) of a training's CPU seconds on one core."""
    scale = (batch / 32) * (max(hidden, 16) / 16)
    return steps * (STEP_OVERHEAD + T * PER_TIME_STEP[kind] * scale)


def training_seconds(lengths, steps: int = 300, hidden: int = 16) -> float:
    """Upper estimate of the CPU seconds of training every model at every length in `lengths`
    (no early stop; torch's first set-up included): what the page's Train button promises."""
    return FIRST_TRAINING + sum(
        estimate_seconds(kind, T, steps, hidden) for kind in KINDS for T in lengths
    )


def over_budget(kind: str, T: int, steps: int = 300, hidden: int = 16, batch: int = 32):
    """None when the training fits MAX_SECONDS; else {"seconds", "budget", "max_steps"}: what
    a refusal can say (the most steps that would fit at this T, hidden and batch)."""
    cost = estimate_seconds(kind, T, steps, hidden, batch)
    if cost <= MAX_SECONDS:
        return None
    per_step = estimate_seconds(kind, T, 1, hidden, batch)
    return {"seconds": cost, "budget": MAX_SECONDS, "max_steps": int(MAX_SECONDS // per_step)}
