"""The Unrolled RNN page's sentences about its diagram, from the diagram's own numbers: the
reading guide (forward: the last state and output; backward: ‖∂L/∂h‖ at both ends of the chain
the arrows label and the factor per step) and the table and verdict of truncated BPTT."""

from __future__ import annotations

import numpy as np

from explorer.cells.unrolled import Row, Unrolled
from explorer.gradients import truncation as trunc
from explorer.i18n import number, t
from explorer.numerics import trend


def vector(values: np.ndarray) -> str:
    """(16, 16) for small vectors, ‖v‖ = … for wide ones."""
    if values.size <= 4:
        return "(" + ", ".join(number(float(v)) for v in values) + ")"
    with np.errstate(over="ignore"):
        return f"‖·‖ = {number(float(np.linalg.norm(values)))}"


def _node(row: Row, i: int) -> str:
    """A node's name as the diagram labels it: h₀, h²₃, h'₁₂ (i: the row's i-th column)."""
    step = int(row.cols[i] - row.cols[0]) + row.step0
    return row.symbol + str(step).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def backward_numbers(now: Unrolled, loss_at: str = "last", arch_name: str = "") -> dict:
    """The backward guide's numbers, all along the one chain of states whose arrows the diagram
    labels: the top layer's forward row (stacked, bidirectional), the decoder then the encoder
    (encoder–decoder), else h. ‖∂L/∂h‖ at the chain's last node (`first`, at `end`) and its first
    (`last`, at `start`), `n` steps apart; `per_step` = (last/first)^(1/n) and `arrows`, the
    geometric mean of the factors written on the chain's recurrent arrows (`arrow_text`: the
    arrows' own value when they all agree, signed as they show it). `reason` names why the two
    differ (None when they print alike): the loss at every step, Jordan's way back through W_hy,
    or other paths. `trend`: the direction of `per_step`."""
    rows = {r.name: r for r in now.rows}
    chain = [rows[name] for name in ("h", "hd") if name in rows]
    start, end = chain[0], chain[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        first, last = float(np.linalg.norm(end.grads[-1])), float(np.linalg.norm(start.grads[0]))
    n = max(int(end.cols[-1] - start.cols[0]), 1)
    names = {r.name for r in chain}
    factors = np.array(
        [e.factor for e in now.edges if e.recurrent and e.dst[0] in names and e.factor is not None]
    )
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        per_step = (last / first) ** (1.0 / n) if first > 0 else 0.0
        arrows = float(np.exp(np.mean(np.log(np.abs(factors))))) if factors.size else per_step
    same = factors.size and np.allclose(factors, factors[0], rtol=1e-9, atol=0.0)
    arrow_text = number(float(factors[0])) if same else number(arrows)
    reason = None
    if number(float(per_step)) != number(arrows):
        reason = "jordan" if arch_name == "jordan" else "every" if loss_at == "every" else "paths"
    # vanishing or exploding is what the way back does to a gradient: the arrows' factor, unless
    # they leave a step out (Jordan's W_hy); inf: grows
    carried = arrows if reason in ("every", "paths") else per_step
    direction = "none" if last == 0 or first == 0 else trend(carried)
    return dict(
        first=number(first),
        last=number(last),
        n=n,
        end=_node(end, -1),
        start=_node(start, 0),
        per_step=number(float(per_step)),
        arrows=arrow_text,
        same=bool(same),
        flips=bool(same and factors[0] < 0),
        reason=reason,
        trend=direction,
    )


def guide_numbers(now: Unrolled, backward: bool) -> dict:
    """The reading guide's numbers: the last state and output, the largest |h| (forward); or
    `backward_numbers` (backward)."""
    rows = {r.name: r for r in now.rows}
    if backward:
        return backward_numbers(now)
    h_row = rows["hd"] if "hd" in rows else rows["h"]  # the decoder's, for an encoder–decoder
    y_row = rows["yd"] if "yd" in rows else rows["y"]
    with np.errstate(over="ignore", invalid="ignore"):
        sizes = np.max(np.abs(now.states), axis=0)
    k_max = int(np.argmax(sizes))
    return dict(
        h_name=f"{h_row.symbol}_{len(h_row.cols) - 1 + h_row.step0}",
        h_last=vector(h_row.values[-1]),
        y_name=f"{y_row.symbol}_{int(y_row.cols[-1] - y_row.cols[0]) + y_row.step0}",
        y_last=vector(y_row.values[-1]),
        h_max=number(float(sizes[k_max])),
        k_max=now.time_labels[k_max],
    )


def guide_text(now: Unrolled, view, backward: bool, symbol: str, alpha: float, lang: str) -> str:
    """The diagram's reading guide in `lang`: forward, the last state and output; backward,
    ‖∂L/∂h‖ at both ends of the chain the arrows label, the factor per step, and, where it is
    not what the arrows show, both figures and why. `view`: its loss_at and arch."""
    if not backward:
        return t(
            "un.guide.fwd", lang, alpha=f"{alpha:g}", symbol=symbol, **guide_numbers(now, False)
        )
    n = backward_numbers(now, view.loss_at, view.arch)
    if n["trend"] == "none":
        return t("un.guide.bwd.none", lang, symbol=symbol, alpha=f"{alpha:g}", **n)
    if n["reason"] is None:
        kind = "flip" if n["flips"] else "arrows" if n["same"] else "mean"
        agree = t(f"un.guide.bwd.{kind}", lang, **n)
    else:
        agree = t("un.guide.bwd.differs", lang, **n, why=t(f"un.guide.bwd.why.{n['reason']}", lang))
    return t(
        "un.guide.bwd",
        lang,
        symbol=symbol,
        alpha=f"{alpha:g}",
        agree=agree,
        direction=t(f"un.guide.{n['trend']}", lang),
        **n,
    )


def truncation_table(tr: trunc.Truncation, lang: str) -> dict[str, list[str]]:
    """The table under the diagram: per weight, the full gradient, the truncated one (values
    when they are at most 4, else their norm) and the relative error in %."""
    names = trunc.GRAD_NAMES
    return {
        t("un.trunc.col.weight", lang): list(names),
        t("un.trunc.col.full", lang): [vector(np.ravel(tr.full[n])) for n in names],
        t("un.trunc.col.cut", lang, k=tr.k): [vector(np.ravel(tr.truncated[n])) for n in names],
        t("un.trunc.col.error", lang): [trunc.percent(tr.errors[n]) for n in names],
    }


def truncation_text(tr: trunc.Truncation, lang: str) -> str:
    """The sentence under the table in `lang` (`truncation.verdict`'s wording)."""
    n = trunc.verdict(tr)
    return t(f"un.trunc.verdict.{n['kind']}", lang, **n)
