"""Character model: training steps per second for RNN, LSTM and GRU as a ratio to a bare torch
loop of the same model, and the issue's acceptance run (16-unit LSTM, 300 steps, quotes text).

The ratios use CPU time (one torch thread each), so other work on a shared machine does not
tilt them; the acceptance run gives wall time (what a student waits) and CPU time."""

from __future__ import annotations

import time

import numpy as np

from benchmarks import Result

STEPS = 100  # steps timed per run (both loops; best of 3)
TEXT_CHARS = 20_000


def _bare_loop(kind: str, n_chars: int, hidden: int, batches: list) -> float:
    """Seconds for the same model trained the plainest way: pre-built one-hot batches, Adam."""
    import torch

    torch.manual_seed(0)
    net = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind](n_chars, hidden)
    readout = torch.nn.Linear(hidden, n_chars)
    params = list(net.parameters()) + list(readout.parameters())
    optimizer = torch.optim.Adam(params, lr=0.02)
    start = time.process_time()
    for x, y in batches:
        out, _ = net(x)
        loss = torch.nn.functional.cross_entropy(readout(out).reshape(-1, n_chars), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return time.process_time() - start


def _batches(text: str, steps: int) -> tuple[int, list]:
    import torch

    from explorer.training import charmodel as cm

    chars, _ = cm.vocabulary(text)
    idx = torch.from_numpy(cm.indices(chars, text))
    starts = np.random.default_rng(0).integers(0, len(text) - cm.WINDOW, (steps, cm.BATCH))
    offsets = np.arange(cm.WINDOW + 1)
    eye = torch.eye(len(chars))
    out = []
    for row in starts:
        window = idx[torch.from_numpy(row[None, :] + offsets[:, None])]
        out.append((eye[window[:-1]], window[1:].reshape(-1)))
    return len(chars), out


def _per_step(hidden: int = 32) -> list[Result]:
    import torch

    from explorer.inputs.texts import quotes
    from explorer.training import charmodel as cm

    torch.set_num_threads(1)
    text = quotes(TEXT_CHARS, seed=0)
    n_chars, batches = _batches(text, STEPS)
    results = []
    for kind in ("rnn", "lstm", "gru"):
        ours, bare = float("inf"), float("inf")
        for _ in range(3):
            start = time.process_time()
            cm.train_char_model(text, kind, hidden, STEPS, seed=0, progress=lambda f, loss: None)
            ours = min(ours, time.process_time() - start)
            bare = min(bare, _bare_loop(kind, n_chars, hidden, batches))
        results.append(
            Result(
                f"{kind.upper()} training, {hidden} units: CPU per step / bare torch loop",
                ours / bare,
                1.5,
                note=f"{STEPS / ours:.0f} steps per CPU s (bare {STEPS / bare:.0f}); ours also draws the "
                "windows, clips gradients, reports progress and computes the baselines",
            )
        )
    return results


def _acceptance() -> list[Result]:
    from explorer.inputs.texts import inside_quotes, quotes
    from explorer.training import charmodel as cm

    text = quotes(TEXT_CHARS, seed=0)
    cm.train_char_model(text[:2000], "lstm", 16, 2)  # torch imported and warm
    start, cpu = time.perf_counter(), time.process_time()
    model = cm.train_char_model(text, "lstm", hidden=16, steps=300, seed=0)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    spaces = np.array([c == " " for c in text])
    states = cm.char_states(model, text)
    _, r = cm.rank_cells(states["c"][spaces], inside_quotes(text)[spaces])[0]
    return [
        Result(
            "default training: 16-unit LSTM, 300 steps, 20,000-char quotes",
            seconds,
            10,
            unit="s",
            note=f"CPU {cpu:.1f} s; quote cell |r| = {abs(r):.3f} at the spaces (target ≥ 0.8); "
            f"loss {model.losses[-20:].mean():.2f} vs bigram {model.baselines['bigram']:.2f} nats",
        ),
        Result("quote cell |r| at the spaces", abs(r), 0.8, unit="", higher_is_better=True),
    ]


def run() -> list[Result]:
    return _acceptance() + _per_step()
