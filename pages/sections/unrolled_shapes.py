"""The unrolled page's shapes panel (tutorial 002 §3.4): out, h_n and c_n of the tutorial's two
torch examples and of the student's own stacked network, each axis named, and which slice of out
is which row of h_n, checked on the numbers."""

import streamlit as st

import ui
from explorer.cells import stacked


def _axes(axes: tuple) -> str:
    return "(" + ", ".join(ui.tr(f"dp.axis.{a}") for a in axes) + ")"


def example_block(title: str, found: stacked.Example, rows: list) -> None:
    """One network: its constructor, its tensors' shapes, the slices of out that are rows of h_n."""
    st.markdown(f"**{title}** · `{found.call}`")
    st.markdown(
        "\n".join(f"- `{s.name}` **{tuple(s.sizes)}** · {_axes(s.axes)}" for s in found.measured)
    )
    for match, diff in found.matches:
        layer, direction = rows[match.row]
        st.markdown(ui.tr("dp.shapes.match", step=match.step, lo=match.lo, hi=match.hi,
                          row=match.row, layer=layer + 1, diff=f"{diff:g}",
                          direction=ui.tr(f"dp.direction.{direction}")))  # fmt: skip


def shapes_panel(n_inputs: int, hidden: int, layers: int, steps: int, bidirectional: bool) -> None:
    """The tutorial's nn.RNN(5, 10, 2) and nn.LSTM(50, 100, num_layers=2), then the student's net."""
    with st.expander(ui.tr("dp.shapes.header"), expanded=True):
        st.markdown(ui.tr("dp.shapes.intro"))
        cols = st.columns(3)
        for col, name in zip(cols[:2], ("rnn", "lstm"), strict=True):
            with col:
                kind, n_in, h, n_layers, seq_len, batch = stacked.TUTORIAL_EXAMPLES[name]
                found = ui.compute(stacked.run_example, kind, n_in, h, n_layers, seq_len, batch)
                example_block(
                    ui.tr(f"dp.shapes.tutorial.{name}"), found, stacked.h_n_rows(n_layers)
                )
        with cols[2]:
            found = ui.compute(
                stacked.run_example, "rnn", n_inputs, hidden, layers, steps, 1, bidirectional
            )
            example_block(ui.tr("dp.shapes.yours"), found, stacked.h_n_rows(layers, bidirectional))
        st.caption(ui.tr("dp.shapes.caption"))
