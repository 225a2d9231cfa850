"""A character model trained live on the class's own text, and the cells it grows.

Karpathy, Johnson & Fei-Fei (2015) found single LSTM cells that track quotes and line length;
LSTMVis lets a student select a span and find the cells that match it. Here:

    train_char_model(text) → CharModel      next-character prediction with torch (CPU), seeded
    char_states(model, text) → {gate: (T, H)}   the explorer's own NumPy cells, = torch to 1e-10
    pattern_mask(text, regex) → (T,) bool   a hypothesis: the characters inside the matches
    span_mask(T, start, end) → (T,) bool    or a selected span
    rank_cells(states, mask) → [(unit, r)]  every unit's Pearson r with the hypothesis
    saturation(gate) → (left, right)        per unit, how often the gate is nearly shut / open
    sample(model, prime, length, temperature, seed) → str
    encode(model, text) → (T, V)            the one-hot input (for the gate inspector)
    over_budget(steps, hidden, models), job(text, ...), text_digest(text)   for the page's pool

The input is one-hot over the vocabulary `model.chars` (the most frequent MAX_CHARS - 1
characters, plus OTHER for the rest when the text has more), so `weight_ih_l0` has one column
per character. torch is imported inside the functions that train; everything returned is NumPy
float64. Refused input raises `CharModelError` (an `InputError`, keys "cm.err.*").
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from explorer.cells import gru, lstm, rnn
from explorer.errors import InputError
from explorer.i18n import number, t
from explorer.training.jobs import job

KINDS = ("lstm", "gru", "rnn")
GATES = {"lstm": lstm.LSTM_GATES, "gru": gru.GRU_GATES, "rnn": ("h",)}
OTHER = "\ufffd"  # "�": every character outside the vocabulary (and U+FFFD itself)
# Vocabulary size, OTHER included: a Chinese text keeps its 255 most frequent characters (90–97%
# of the tutorials' mixed Chinese and code; 95 would keep 66–88%). V hardly changes the cost.
MAX_CHARS = 256
MAX_TEXT_CHARS = 1_048_576  # what training accepts (1 MB of ASCII)
MAX_STATE_CHARS = 20_000  # what char_states runs over: 6 gates × 20,000 × 64 units ≈ 60 MB
CHUNK = 2_000  # characters one-hot encoded at a time (2,000 × 256 × 8 bytes = 4 MB)
MAX_MASK_CHARS = 5_000  # what pattern_mask searches (a pattern may cost O(T²), see below)
MAX_PATTERN = 100  # characters in a hypothesis regex
MAX_SAMPLE = 2_000
MAX_HIDDEN = 64
MAX_STEPS = 2_000

# Training defaults, tuned so a 16-unit LSTM grows a quote cell in 300 steps: ≈ 0.8 s of one core.
STEPS = 300
WINDOW = 64  # characters per training window (truncated BPTT; every window starts at h = 0)
BATCH = 32  # windows per step, drawn at random from the whole text: cost is bounded by steps
LEARNING_RATE = 0.02
CLIP = 5.0
# A step costs about WINDOW × BATCH × max(units, 32) (torch's overhead makes 16 units cost as
# much as 32). The most one job may ask, 2,000 steps of 64 units, is ≈ 11 s of one core for an
# LSTM, 26 s for a GRU (torch's slowest cell here), measured on this machine.
TRAIN_BUDGET = 2_000 * WINDOW * BATCH * 64
MIN_COUNTED_UNITS = 32


class CharModelError(InputError):
    """Text, pattern or settings the character model refuses (a ValueError; keys "cm.err.*")."""

    def __reduce__(self):  # pickled by ui.compute's copies: rebuilt as itself, not as an InputError
        return (_rebuild_error, (self.key, self.values))


def _rebuild_error(key: str, values: dict) -> CharModelError:
    return CharModelError(key, **values)


@dataclass(frozen=True, eq=False)
class CharModel:
    """A trained character model. `chars[k]` is input column k and output k (`OTHER` last when
    the alphabet was capped); `params` the recurrent layer as a 1-layer torch state_dict of
    float64 arrays (weight_ih_l0 (G·H, V), weight_hh_l0 (G·H, H), bias_ih_l0, bias_hh_l0; G = 4
    LSTM i f g o, 3 GRU r z n, 1 RNN); readout logits = h @ readout_weight.T + readout_bias;
    losses (steps,) the training cross-entropy per step in nats per character; baselines the
    cross-entropy of the text under its own unigram and bigram counts (nats, same vocabulary);
    settings how it was trained."""

    kind: str
    chars: tuple[str, ...]
    params: dict
    readout_weight: np.ndarray  # (V, H)
    readout_bias: np.ndarray  # (V,)
    losses: np.ndarray  # (steps,)
    baselines: dict = field(default_factory=dict)  # {"unigram": nats, "bigram": nats}
    settings: dict = field(default_factory=dict)

    @property
    def hidden(self) -> int:
        return int(self.params["weight_hh_l0"].shape[1])

    @property
    def capped(self) -> bool:
        """True when some characters of the text were mapped to OTHER."""
        return bool(self.settings.get("capped", False))


# --- Text → indices ------------------------------------------------------------------------------


def _codes(text: str) -> np.ndarray:
    """Code points (T,) uint32, lone surrogates included."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def vocabulary(text: str, max_chars: int | None = None) -> tuple[tuple[str, ...], bool]:
    """(chars, capped): the distinct characters by frequency (ties by code point); over
    max_chars (MAX_CHARS), the max_chars - 1 most frequent and OTHER last."""
    max_chars = MAX_CHARS if max_chars is None else int(max_chars)
    codes, counts = np.unique(_codes(text), return_counts=True)
    keep = codes != ord(OTHER)
    codes, counts = codes[keep], counts[keep]
    order = np.lexsort((codes, -counts))  # most frequent first, then by code point
    capped = len(codes) > max_chars or not keep.all()
    chosen = codes[order[: max_chars - 1 if capped else max_chars]]
    chars = tuple(chr(c) for c in chosen)
    return (chars + (OTHER,) if capped else chars), capped


def indices(model_or_chars, text: str) -> np.ndarray:
    """Each character's vocabulary index (T,) int64; unknown characters → OTHER's index (or the
    most frequent character's when the vocabulary has no OTHER)."""
    chars = getattr(model_or_chars, "chars", model_or_chars)
    known = [ord(c) for c in chars if c != OTHER]
    fallback = len(chars) - 1 if chars[-1] == OTHER else 0
    table = np.array(known, dtype=np.uint32)
    order = np.argsort(table)
    codes = _codes(text)
    at = np.clip(np.searchsorted(table[order], codes), 0, max(len(table) - 1, 0))
    hit = table[order][at] == codes if len(table) else np.zeros(len(codes), bool)
    return np.where(hit, order[at], fallback).astype(np.int64)


def encode(model: CharModel, text: str) -> np.ndarray:
    """The network's input for `text`: one-hot (T, V) float64."""
    idx = indices(model, text)
    x = np.zeros((len(idx), len(model.chars)))
    x[np.arange(len(idx)), idx] = 1.0
    return x


def baselines(idx: np.ndarray, n_chars: int) -> dict:
    """Cross-entropy (nats/char) of predicting idx[1:] from the text's own counts: unigram
    p(next) and bigram p(next | previous). A model that learned nothing beats neither."""
    prev, nxt = idx[:-1], idx[1:]
    p = np.bincount(nxt, minlength=n_chars) / len(nxt)
    unigram = -np.sum(p[p > 0] * np.log(p[p > 0]))
    pairs = np.bincount(prev * n_chars + nxt, minlength=n_chars * n_chars).reshape(n_chars, -1)
    rows = pairs.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = np.where(pairs > 0, np.log(pairs / np.maximum(rows, 1)), 0.0)
    bigram = -np.sum(pairs * cond) / len(nxt)
    return {"unigram": float(unigram), "bigram": float(bigram)}


# --- Training ------------------------------------------------------------------------------------


def check_text(text) -> str:
    """The text if training can use it, else CharModelError ("cm.err.*")."""
    if not isinstance(text, str) or not text:
        raise CharModelError("cm.err.empty")
    if len(text) > MAX_TEXT_CHARS:
        raise CharModelError("cm.err.too_long", chars=f"{len(text):,}", limit=f"{MAX_TEXT_CHARS:,}")
    if len(set(text[:100_000])) < 2 and len(np.unique(_codes(text))) < 2:
        raise CharModelError("cm.err.one_char")
    return text


def check_settings(kind: str, hidden: int, steps: int) -> None:
    if kind not in KINDS:
        raise CharModelError("cm.err.kind", kind=str(kind)[:20])
    if not 1 <= int(hidden) <= MAX_HIDDEN:
        raise CharModelError("cm.err.hidden", hidden=int(hidden), limit=MAX_HIDDEN)
    if not 1 <= int(steps) <= MAX_STEPS:
        raise CharModelError("cm.err.steps", steps=int(steps), limit=MAX_STEPS)


def work(steps: int = STEPS, hidden: int = 32, models: int = 1) -> int:
    """Training's cost: steps × WINDOW × BATCH × units (at least MIN_COUNTED_UNITS) × models.
    It does not depend on the text's length (windows are drawn from it)."""
    return int(steps) * WINDOW * BATCH * max(int(hidden), MIN_COUNTED_UNITS) * int(models)


def over_budget(steps: int = STEPS, hidden: int = 32, models: int = 1) -> dict | None:
    """None when this training fits TRAIN_BUDGET; else the values of "cm.err.over": the work,
    the budget and the most steps that would fit."""
    total = work(steps, hidden, models)
    if total <= TRAIN_BUDGET:
        return None
    per_step = work(1, hidden, models)
    return {
        "steps": int(steps),
        "units": int(hidden),
        "models": int(models),
        "work": f"{total:,}",
        "budget": f"{TRAIN_BUDGET:,}",
        "max_steps": max(10, TRAIN_BUDGET // per_step // 10 * 10),
    }


def _windows(n: int, steps: int, seed: int) -> np.ndarray:
    """Start positions (steps, BATCH) of the training windows, seeded."""
    length = min(WINDOW, n - 1)
    return np.random.default_rng(seed).integers(0, n - length, size=(steps, BATCH))


@job("charmodel.train")
def train_job(progress, *, text: str, kind: str, hidden: int, steps: int, seed: int) -> CharModel:
    """`train_char_model` as a declared job: `progress(fraction, note)` after every step."""

    def report(fraction, loss):  # the same in both languages: a unit, not a word
        progress(fraction, f"· {number(loss)} nats")

    return train_char_model(text, kind=kind, hidden=hidden, steps=steps, seed=seed, progress=report)


def train_char_model(
    text: str,
    kind: str = "lstm",
    hidden: int = 32,
    steps: int = STEPS,
    seed: int = 0,
    progress: Callable[[float, float], None] | None = None,
) -> CharModel:
    """Train a 1-layer `kind` cell + linear readout to predict the next character.

    Each step: Adam on BATCH windows of WINDOW characters drawn at random (seeded) from the
    text, cross-entropy, gradients clipped to norm CLIP. Seeded and deterministic on CPU (torch's
    threads are the caller's: the job pool trains on one, `pool.cluster.single_threaded`). `progress(fraction, loss)` after each
    step (a cancelled job raises from it). Raises CharModelError for unusable text or settings.
    """

    text = check_text(text)
    check_settings(kind, hidden, steps)
    hidden, steps, seed = int(hidden), int(steps), int(seed) % 2**32  # any integer is a seed
    chars, capped = vocabulary(text)
    idx = indices(chars, text)
    n_chars, length = len(chars), min(WINDOW, len(idx) - 1)
    starts = _windows(len(idx), steps, seed)
    started = time.perf_counter()
    net, readout, modules = _fresh_model(kind, n_chars, hidden, seed)
    losses = _fit(net, readout, modules, idx, starts, steps, progress)
    as64 = lambda t: t.detach().numpy().astype(np.float64)  # noqa: E731
    return CharModel(
        kind=kind,
        chars=chars,
        params={k: as64(v) for k, v in net.state_dict().items()},
        readout_weight=as64(readout.weight),
        readout_bias=as64(readout.bias),
        losses=losses,
        baselines=baselines(idx, n_chars),
        settings={
            "hidden": hidden,
            "steps": steps,
            "seed": int(seed),
            "window": length,
            "batch": BATCH,
            "lr": LEARNING_RATE,
            "text_chars": len(text),
            "capped": capped,
            "digest": text_digest(text),
            "seconds": time.perf_counter() - started,
        },
    )


def _fit(net, readout, modules, idx: np.ndarray, starts: np.ndarray, steps: int, progress):
    """Adam on the windows starting at `starts` (steps, BATCH), one step each: the losses."""
    import torch

    n_chars, length = readout.out_features, min(WINDOW, len(idx) - 1)
    offsets = np.arange(length + 1)
    optimizer = torch.optim.Adam(modules.parameters(), lr=LEARNING_RATE)
    eye = torch.eye(n_chars)
    data = torch.from_numpy(idx)
    losses = np.empty(steps)
    for step in range(steps):
        window = data[torch.from_numpy(starts[step][None, :] + offsets[:, None])]  # (L+1, B)
        out, _ = net(eye[window[:-1]])  # (L, B, H): one-hot in
        scores = readout(out)  # (L, B, V)
        loss = torch.nn.functional.cross_entropy(
            scores.reshape(-1, n_chars), window[1:].reshape(-1)
        )
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(modules.parameters(), CLIP)
        optimizer.step()
        losses[step] = loss.item()
        if progress is not None:
            progress((step + 1) / steps, float(losses[step]))
    return losses


def _fresh_model(kind: str, n_chars: int, hidden: int, seed: int):
    """(cell, readout, both as a ModuleList), initialised from `seed` as torch would."""
    import torch

    cell = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
    net, readout = cell(n_chars, hidden), torch.nn.Linear(hidden, n_chars)
    modules = torch.nn.ModuleList([net, readout])
    # torch's default init, U(-1/√H, 1/√H) for every weight in the same order (the numbers
    # torch.manual_seed(seed) would give), drawn from a generator of our own: the global one is
    # shared by the jobs that run at once in other threads.
    generator = torch.Generator().manual_seed(int(seed))
    with torch.no_grad():
        for weight in modules.parameters():
            weight.uniform_(-(hidden**-0.5), hidden**-0.5, generator=generator)
        if kind == "lstm":  # tutorial 000: forget-gate bias 1, so memory starts by being kept
            net.bias_ih_l0[hidden : 2 * hidden] = 1.0
            net.bias_hh_l0[hidden : 2 * hidden] = 0.0
    return net, readout, modules


def text_digest(text: str) -> str:
    """A short digest of the text (16 hex digits): with the settings, the key a trained model
    is shared under (30 students on the same built-in text train it once)."""
    return hashlib.sha256(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --- The trained cells on a text -----------------------------------------------------------------


def _run(model: CharModel, x: np.ndarray, state: dict | None = None) -> dict:
    """The explorer's own cell over one-hot x (T, V), from `state` (the last step of a previous
    run's states) or zeros."""
    last = {} if state is None else {k: v[-1] for k, v in state.items()}
    if model.kind == "lstm":
        return lstm.lstm_forward(x, model.params, last.get("h"), last.get("c"))
    if model.kind == "gru":
        return gru.gru_forward(x, model.params, last.get("h"))
    p = model.params  # torch.nn.RNN stores the transposes of tutorial 000's W_xh, W_hh
    H = model.hidden
    states, _ = rnn.elman_forward(
        x,
        p["weight_ih_l0"].T,
        p["weight_hh_l0"].T,
        p["bias_ih_l0"] + p["bias_hh_l0"],
        np.zeros((H, 1)),
        np.zeros(1),
        h0=last.get("h"),
    )
    return {"h": states[1:]}


def char_states(model: CharModel, text: str) -> dict:
    """Every gate and state at every character: {name: (T, H)} (LSTM i f g o c h, GRU r z n h,
    RNN h), from zero state. At most MAX_STATE_CHARS characters (CharModelError beyond)."""
    if len(text) > MAX_STATE_CHARS:
        raise CharModelError(
            "cm.err.states_long", chars=f"{len(text):,}", limit=f"{MAX_STATE_CHARS:,}"
        )
    if not text:
        return {name: np.zeros((0, model.hidden)) for name in GATES[model.kind]}
    parts, state = [], None
    for start in range(0, len(text), CHUNK):  # the state carries over from chunk to chunk
        state = _run(model, encode(model, text[start : start + CHUNK]), state)
        parts.append(state)
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}


def logits(model: CharModel, h: np.ndarray) -> np.ndarray:
    """Readout scores for the next character (T, V) from states h (T, H)."""
    return h @ model.readout_weight.T + model.readout_bias


def sample(
    model: CharModel, prime: str = "", length: int = 200, temperature: float = 1.0, seed: int = 0
) -> str:
    """`length` characters (≤ MAX_SAMPLE) the model writes after `prime`, drawn from
    softmax(logits / temperature) with a seeded generator (temperature 0: always the likeliest).
    OTHER is never written. Deterministic for a seed."""
    length = int(np.clip(length, 0, MAX_SAMPLE))
    temperature = float(temperature) if np.isfinite(temperature) else 1.0
    rng = np.random.default_rng(int(seed) % 2**32)
    prime = prime[-MAX_STATE_CHARS:]
    state = char_states(model, prime) if prime else None
    h = state["h"][-1] if state else np.zeros(model.hidden)
    allowed = np.array([c != OTHER for c in model.chars])
    eye, out = np.eye(len(model.chars)), []
    for _ in range(length):
        scores = np.where(allowed, logits(model, h), -np.inf)
        if temperature <= 0:
            k = int(np.argmax(scores))
        else:
            z = scores / temperature
            p = np.exp(z - z.max())
            k = int(rng.choice(len(p), p=p / p.sum()))
        out.append(model.chars[k])
        state = _run(model, eye[k][None, :], state)
        h = state["h"][-1]
    return "".join(out)


# --- Hypotheses: which cells match a pattern -----------------------------------------------------
# A regex can take exponential time (nested repeats: (a+)+) or O(T^(k+1)) with k adjacent
# repeats ([a-z]*[a-z]*b): 33 s on 5,000 characters. No timeout: a pattern is parsed first and
# refused when one start position could try more than MAX_WAYS ways (repeats count the text's
# length, alternatives their number, a repeat of anything with choices is refused), and the text
# is capped at MAX_MASK_CHARS, so a search costs at most about MAX_WAYS × MAX_MASK_CHARS steps.
MAX_WAYS = 4 * MAX_MASK_CHARS


def _ways(parsed, n: int) -> int:
    """An upper bound on the ways one start position can be matched (a pattern's parse tree)."""
    from re import _constants as c  # the parser's node names (stable since 3.11)

    total = 1
    for op, av in parsed:
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            raise CharModelError("cm.err.regex_backref")
        if op is c.BRANCH:
            ways = sum(_ways(branch, n) for branch in av[1])
        elif op is c.SUBPATTERN:
            ways = _ways(av[-1], n)
        elif op is c.ATOMIC_GROUP:
            ways = _ways(av, n)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            ways = _ways(av[1], n)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, body = av
            inner = _ways(body, n)
            if low == high:
                ways = inner**low if inner == 1 or low <= 64 else MAX_WAYS + 1
            elif inner > 1:  # (a|b)+, (a+)+: the repeat would retry every choice: exponential
                raise CharModelError("cm.err.regex_nested")
            else:
                ways = min(high, n) - low + 1
        else:
            ways = 1
        total = min(total * max(ways, 1), MAX_WAYS**2)
    return total


def compile_pattern(regex: str) -> re.Pattern:
    """The compiled hypothesis, or CharModelError: syntax ("cm.err.regex"), too long, too
    costly ("cm.err.regex_slow"), nested repeats, backreferences."""
    from re import _parser

    regex = str(regex)
    if not regex:
        raise CharModelError("cm.err.regex_empty")
    if len(regex) > MAX_PATTERN:
        raise CharModelError("cm.err.regex_long", chars=len(regex), limit=MAX_PATTERN)
    try:
        compiled = re.compile(regex)
        parsed = _parser.parse(regex, compiled.flags)
    except (re.error, RecursionError, OverflowError) as err:
        raise CharModelError("cm.err.regex", error=str(getattr(err, "msg", err))[:80]) from None
    if _ways(parsed, MAX_MASK_CHARS) > MAX_WAYS:
        raise CharModelError("cm.err.regex_slow", limit=f"{MAX_WAYS:,}")
    return compiled


def pattern_mask(text: str, regex: str) -> np.ndarray:
    """(T,) bool: True for every character inside a match of `regex`, matches found as an
    editor's "find all" does (leftmost, not overlapping: '"[^"]*"' marks the quotes, not also
    the text between a closing and the next opening quote); an empty match marks nothing.
    At most MAX_MASK_CHARS characters; CharModelError for a bad or too costly pattern."""
    compiled = compile_pattern(regex)
    if len(text) > MAX_MASK_CHARS:
        raise CharModelError(
            "cm.err.mask_long", chars=f"{len(text):,}", limit=f"{MAX_MASK_CHARS:,}"
        )
    mask = np.zeros(len(text), dtype=bool)
    for found in compiled.finditer(text):
        mask[found.start() : found.end()] = True
    return mask


def span_mask(length: int, start: int, end: int) -> np.ndarray:
    """(length,) bool, True on the selected characters start..end-1 (a student's selection)."""
    mask = np.zeros(int(length), dtype=bool)
    mask[max(int(start), 0) : max(int(end), 0)] = True
    return mask


def rank_cells(states: np.ndarray, mask) -> list[tuple[int, float]]:
    """[(unit, r), …] for every unit of states (T, H): Pearson r between its value and the mask
    (T,) (bool as 0/1, or numbers such as a bracket depth), sorted by |r|, largest first (ties by
    unit). A constant unit or mask has r = 0, never NaN."""
    x = np.asarray(states, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x  # (T, H)
    m = np.asarray(mask, dtype=np.float64).reshape(-1)
    if len(m) != len(x):
        raise ValueError(f"mask has {len(m)} steps, states {len(x)}")
    if len(m) == 0:
        return [(u, 0.0) for u in range(x.shape[1])]
    xc, mc = x - x.mean(axis=0), m - m.mean()
    spread = np.sqrt(np.sum(xc * xc, axis=0) * np.sum(mc * mc))  # (H,)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(spread > 1e-12, (mc @ xc) / np.where(spread > 0, spread, 1.0), 0.0)
    r = np.clip(np.nan_to_num(r, nan=0.0), -1.0, 1.0)
    order = sorted(range(len(r)), key=lambda u: (-abs(r[u]), u))
    return [(int(u), float(r[u])) for u in order]


def saturation(gate, low: float = 0.1, high: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """Per unit of a gate (T, H): the fraction of steps below `low` (left-saturated, nearly
    shut) and above `high` (right-saturated, nearly open); (H,) each. No steps: zeros."""
    g = np.asarray(gate, dtype=np.float64)
    g = g[:, None] if g.ndim == 1 else g  # (T, H)
    if len(g) == 0:
        return np.zeros(g.shape[1]), np.zeros(g.shape[1])
    return np.mean(g < low, axis=0), np.mean(g > high, axis=0)


def parameters(model: CharModel) -> int:
    """Every trained number of the model: the recurrent layer's weights and biases and the
    readout's (the one-hot input has none of its own)."""
    arrays = (*model.params.values(), model.readout_weight, model.readout_bias)
    return int(sum(np.size(a) for a in arrays))


def by_heart(chars: int, params: int) -> bool:
    """Whether a text of `chars` characters is too short for a model of `params` parameters to
    learn anything but the text itself: fewer characters than parameters. Karpathy's char-rnn
    rule of thumb is to keep the two "about the same order of magnitude"; with more parameters
    than characters the network has a number of its own for every character it must predict
    (RNNs store about 5 bits per parameter: Collins, Sohl-Dickstein & Sussillo 2017, more than
    any character of a 256-character vocabulary carries), so a low loss can be memory alone."""
    return int(chars) < int(params)


def by_heart_text(models: dict, chars: int, lang: str) -> str | None:
    """The warning beside the loss when the text is too short for the biggest of `models`
    (kind → CharModel) to learn more than the text itself (`by_heart`), with its numbers and
    its last loss; else None."""
    kind, model = max(models.items(), key=lambda item: parameters(item[1]))
    params = parameters(model)
    if not by_heart(chars, params):
        return None
    return t(
        "tc.by_heart",
        lang,
        chars=f"{int(chars):,}",
        params=f"{params:,}",
        model=kind.upper(),
        loss=number(float(model.losses[-1])),
    )


def loss_text(model: CharModel, lang: str) -> str:
    """The guide's sentence on training, from the model's own numbers: whether its loss fell or
    rose from the first step to the last (as printed), and whether the last is below the bigram
    baseline (when there is one)."""
    first, last = float(model.losses[0]), float(model.losses[-1])
    shown = number(first), number(last)
    move = "same" if shown[0] == shown[1] else "fell" if last < first else "rose"
    bigram = float(dict(model.baselines).get("bigram", float("nan")))
    text = t(f"tc.loss.{move}", lang, first=shown[0], last=shown[1])
    if np.isfinite(bigram):
        text += t(
            "tc.loss.below" if last < bigram else "tc.loss.above", lang, bigram=number(bigram)
        )
    return text
