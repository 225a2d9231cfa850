"""The unrolled page's notes under the diagram: how to read it (drag, backward arrows, cells
not drawn) and, on a truncated backward pass, what the truncation cut and changed."""

import streamlit as st

import ui
from explorer.figures import unrolled as figs
from explorer.views import unrolled as un


def under_diagram(s, view: un.View, alpha: float) -> None:
    """The captions under the diagram of `view` at α; with a truncation length (s.trunc) on the
    backward pass, its definition, each weight's gradient both ways and the verdict."""
    st.caption(ui.tr("un.caption.drag"))
    if s.backward:
        st.caption(ui.tr("un.caption.backward"))
    if view.hidden > figs.MAX_CELLS:
        st.caption(ui.tr("un.caption.cells", shown=figs.MAX_CELLS, n=view.hidden))
    if not (s.backward and s.trunc):
        return
    tr = ui.compute(un.truncation, view, alpha)
    if tr is None:  # an architecture without it
        st.caption(ui.tr("un.trunc.arch", k=int(s.trunc)))
        return
    st.caption(ui.tr("un.trunc.caption", k=tr.k, T=tr.T, cuts=tr.cuts))
    st.dataframe(un.truncation_table(tr, ui.lang()), hide_index=True)
    st.markdown(un.truncation_text(tr, ui.lang()))
