"""The Unrolled RNN page's presets: the tutorials' worked examples, their weights and inputs.

worked: tutorial 002's example (inputs (1,1), (1,1), (2,2), every weight 1, linear); counting:
tutorial 003's 1-unit linear RNN (w_x = w_rec = 1); random: a small tanh network of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import linear_rnn, rnn

PRESETS: tuple[str, ...] = ("worked", "counting", "random")
MAX_STEPS = 500
MAX_HIDDEN = 64

# Tutorial 002's worked example: inputs (1,1),(1,1),(2,2), every weight 1, linear.
WORKED_INPUTS = ((1.0, 1.0), (1.0, 1.0), (2.0, 2.0))


@dataclass(frozen=True)
class Setup:
    """Sizes and activation of a preset network."""

    n_in: int
    n_hidden: int
    n_out: int
    act: str


def preset_setup(preset: str, n_hidden: int = 8, act: str = "tanh") -> Setup:
    """worked: 2-2-2 linear; counting: the 1-unit linear RNN; random: 2-n_hidden-2 with `act`."""
    if preset == "worked":
        return Setup(2, 2, 2, "identity")
    if preset == "counting":
        return Setup(1, 1, 1, "identity")
    return Setup(2, int(np.clip(n_hidden, 1, MAX_HIDDEN)), 2, act)


def preset_weights(preset: str, setup: Setup, seed: int = 0) -> dict[str, np.ndarray]:
    """Every weight any architecture needs, at α = 1.

    worked / counting: every weight 1 and every bias 0 (tutorial 002: "all weights 1";
    tutorial 003: w_x = w_rec = 1, y = S). random: W_xh ~ N(0, 1/D), W_hh with spectral radius 1 (Gaussian, so
    α *is* ρ(W_hh)), W_hy ~ N(0, 1/H), biases ~ N(0, 0.1²); each direction or half its own draw.
    """
    D, H, n_out = setup.n_in, setup.n_hidden, setup.n_out
    shapes = dict(
        W_xh=(D, H),
        W_hh=(H, H),
        b_h=(H,),
        W_hy=(H, n_out),
        b_y=(n_out,),
        W_yh=(n_out, H),
        bwd_W_xh=(D, H),
        bwd_W_hh=(H, H),
        bwd_b_h=(H,),
        bi_W_hy=(2 * H, n_out),
        dec_W_xh=(H, H),
        dec_W_hh=(H, H),
        dec_b_h=(H,),
    )
    if preset in ("worked", "counting"):
        return {
            k: (np.zeros(s) if k.endswith("b_h") or k == "b_y" else np.ones(s))
            for k, s in shapes.items()
        }
    rng = np.random.default_rng(seed)
    out = {}
    for k, s in shapes.items():
        if k.endswith("W_hh"):
            out[k] = rnn.recurrent_matrix(H, 1.0, "gaussian", seed=int(rng.integers(2**31)))
        elif k.startswith(("b_", "bwd_b", "dec_b")):
            out[k] = 0.1 * rng.standard_normal(s)
        else:
            out[k] = rng.standard_normal(s) / np.sqrt(s[0])
    return out


def preset_sequence(preset: str, setup: Setup, seed: int = 0) -> np.ndarray:
    """worked: (1,1),(1,1),(2,2); counting: the tutorial's first sequence (seed 1, 10 steps);
    random: 8 steps of N(0, 1) rounded to 2 decimals, from `seed`."""
    if preset == "worked":
        return np.array(WORKED_INPUTS)
    if preset == "counting":
        X, _ = linear_rnn.counting_data(1, 10, seed=1)
        return X[0][:, None]  # (10, 1)
    return random_sequence(preset, setup, 8, seed)


def random_sequence(preset: str, setup: Setup, n_steps: int, seed: int) -> np.ndarray:
    """(n_steps, D): 0/1 digits for the counting preset, else N(0, 1) rounded to 2 decimals."""
    n_steps = int(np.clip(n_steps, 1, MAX_STEPS))
    if preset == "counting":
        X, _ = linear_rnn.counting_data(1, n_steps, seed=seed)
        return X[0][:, None]
    rng = np.random.default_rng(seed)
    return np.round(rng.standard_normal((n_steps, setup.n_in)), 2)


MAX_LAYERS = 3


def stack_weights(preset: str, setup: Setup, seed: int, layers: int, bidirectional: bool):
    """The weights of layers 2…`layers` of a stacked RNN (layer 1 is `preset_weights`' W_xh,
    W_hh, b_h and, reading backwards, bwd_*): keys `s{l}_W_xh` (dirs·H, H), `s{l}_W_hh`,
    `s{l}_b_h` and the same with `s{l}_bwd_` for l = 1…layers-1 (0-based). worked / counting:
    every weight 1 and every bias 0; random: as `preset_weights` draws them, from `seed`."""
    H, dirs = setup.n_hidden, 2 if bidirectional else 1
    shapes = dict(W_xh=(dirs * H, H), W_hh=(H, H), b_h=(H,))
    out = {}
    rng = np.random.default_rng([seed, 7])  # never the stream preset_weights used
    for layer in range(1, int(np.clip(layers, 1, MAX_LAYERS))):
        for side in ("", "bwd_")[:dirs]:
            for name, shape in shapes.items():
                if preset in ("worked", "counting"):
                    value = np.zeros(shape) if name == "b_h" else np.ones(shape)
                elif name == "W_hh":
                    value = rnn.recurrent_matrix(H, 1.0, "gaussian", seed=int(rng.integers(2**31)))
                elif name == "b_h":
                    value = 0.1 * rng.standard_normal(shape)
                else:
                    value = rng.standard_normal(shape) / np.sqrt(shape[0])
                out[f"s{layer}_{side}{name}"] = value
    return out
