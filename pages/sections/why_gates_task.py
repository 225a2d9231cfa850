"""Why gates work, the memory task: the four models trained in the shared job pool (on a button,
or found finished for another student), accuracy against T, losses, the attention weights and
how much of the answer still depends on step 1."""

import math

import streamlit as st

import ui
from explorer.figures import why_gates as figs
from explorer.training import memory_task
from explorer.views import why_gates as wg
from ui import jobs, safe

LENGTHS = (5, 10, 20, 30, 50, 100, 150, 200)
SAMPLES = 4  # attention weights shown for this many held-out sequences


def recipe(s) -> tuple:
    """(lengths, steps, hidden, seed, start (a key of memory_task.STARTS)): names the training,
    shared by every session."""
    lengths = tuple(sorted(int(T) for T in s.lengths))
    return lengths, int(s.train_steps), int(s.hidden), int(s.train_seed), str(s.train_init)


def over_budget(r: tuple) -> dict | None:
    """The refusal's numbers when one of the trainings would cost more than a link may start."""
    lengths, steps, hidden = r[:3]
    for kind in sorted(memory_task.KINDS, key=lambda k: -memory_task.estimate_seconds(k, lengths[-1], steps, hidden)):  # fmt: skip
        if over := memory_task.over_budget(kind, lengths[-1], steps, hidden):
            return {"kind": kind, "T": lengths[-1], **over}
    return None


@ui.keep(max_entries=8)  # the four models' results, kept once every job has finished
def wg_trained(r: tuple, _results: dict | None = None) -> dict:
    if _results is None:
        raise LookupError(r)  # not trained (or forgotten): nothing is cached for a miss
    return _results


def finished(s) -> tuple | None:
    """The recipe, if its four trainings are done (here or for another student); else None.
    Starts nothing."""
    r = recipe(s)
    if not r[0]:
        return None
    try:
        wg_trained(r)
        return r
    except LookupError:
        pass
    found = {}
    for kind in memory_task.KINDS:
        job = jobs.pool().find(("wg", kind, *r))
        if job is None or not job.done.is_set() or job.error is not None:
            return None
        found[kind] = job.result
    wg_trained(r, found)
    return r


def longest(r: tuple) -> dict:
    """kind → the MemoryResult at the longest length of the training `r`."""
    return {kind: found["runs"][max(r[0])] for kind, found in wg_trained(r).items()}


def _work(kind: str, r: tuple):
    lengths, steps, hidden, seed, start = r[:4] + (memory_task.STARTS[r[4]],)

    def work(progress) -> dict:
        """{"runs": {T: MemoryResult}} for every length, in one job per model."""
        out, done = {}, 0
        for T in lengths:

            def report(fraction, loss, T=T, done=done):
                progress((done + fraction * T) / sum(lengths), f"T = {T}, loss {loss:.3f}")

            out[T] = memory_task.train_memory(kind, T, hidden=hidden, steps=steps, seed=seed, forget_bias=start.forget_bias, weights=start.weights, progress=report)  # fmt: skip
            done += T
        return {"runs": out}

    return work


def train(r: tuple) -> dict | None:
    """Start (or join) the four trainings; their results once all are done, else None."""
    results = {}
    for kind in memory_task.KINDS:
        label = ui.tr("wg.task.job", kind=figs.kind_name(kind, ui.lang()), lengths=", ".join(map(str, r[0])), steps=r[1])  # fmt: skip
        try:
            found = jobs.run(("wg", kind, *r), _work(kind, r), label=label, trains=True)
        except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
            st.error(ui.tr("wg.task.failed", detail=safe.md(err)))
            return None
        if found is not None:
            results[kind] = found
    return wg_trained(r, results) if len(results) == len(memory_task.KINDS) else None


def accuracy_table(results: dict) -> dict:
    lengths = sorted(next(iter(results.values()))["runs"])
    return {"T": lengths, **{f"accuracy {kind}": [results[kind]["runs"][T].accuracy for T in lengths] for kind in results}}  # fmt: skip


def wg_accuracy(r: tuple, lang: str):
    results = wg_trained(r)
    table = accuracy_table(results)
    accuracy = {kind: table[f"accuracy {kind}"] for kind in results}
    return figs.accuracy_figure(table["T"], accuracy, 0.5, lang)


def wg_losses(r: tuple, lang: str):
    results, T = wg_trained(r), max(r[0])
    return figs.loss_figure({kind: results[kind]["runs"][T].losses for kind in results}, T, lang)


def wg_attention(r: tuple, lang: str):
    results, T = wg_trained(r), max(r[0])
    x = memory_task.held_out(T)[0][:SAMPLES]  # (S, T, D)
    weights = memory_task.replay(results["attention"]["runs"][T].params, "attention", x)["weights"]
    reach = {kind: memory_task.answer_gradients(found["runs"][T].params, kind, x[0])["h"] for kind, found in results.items()}  # fmt: skip
    return figs.attention_figure(weights, reach, lang)


def verdict(results: dict, lengths: tuple) -> None:
    """Where the textbook result came out and where not, in words and numbers."""
    acc = {kind: [found["runs"][T].accuracy for T in lengths] for kind, found in results.items()}
    for level, text in wg.task_verdict(acc, lengths, ui.lang()):
        getattr(st, level)(text)


def section(s, controls, trained: tuple | None) -> None:
    st.subheader(ui.tr("wg.task.header"))
    st.markdown(wg.start_texts(s.train_init, ui.lang())["intro"])
    with ui.controls_box():
        cols = st.columns([2.4, 1.2, 2, 0.8])
        for col, name in zip(
            cols, ("lengths", "train_steps", "train_init", "train_seed"), strict=True
        ):
            getattr(controls, name)(col)
    r = recipe(s)
    if trained is None:
        if not r[0]:
            st.info(ui.tr("wg.task.no_lengths"))
            return
        if over := over_budget(r):
            kind = figs.kind_name(over.pop("kind"), ui.lang())
            st.warning(ui.tr("wg.task.over", kind=kind, **figs.formatted(over)))
            return
        cost = math.ceil(memory_task.training_seconds(*r[:3]))  # at most: rounded up
        asked = st.session_state.setdefault("wg_asked", set())
        if r not in asked:
            st.button(ui.tr("wg.task.train", seconds=cost), key="wg_train", type="primary", on_click=asked.add, args=(r,))  # fmt: skip
            return
        if train(r) is None:
            return
    results = wg_trained(r)
    lang, T = ui.lang(), max(r[0])
    verdict(results, r[0])
    cols = st.columns(2)
    with cols[0]:
        ui.plot(ui.figure(wg_accuracy, r, lang), key="wg_accuracy")
    with cols[1]:
        ui.plot(ui.figure(wg_losses, r, lang), key="wg_losses")
    ui.download_csv(lambda: ui.csv_bytes(accuracy_table(wg_trained(r))), "why_gates_accuracy.csv", key="wg_download_accuracy")  # fmt: skip
    st.subheader(ui.tr("wg.attention.header"))
    ui.plot(ui.figure(wg_attention, r, lang), key="wg_attention")
    x = memory_task.held_out(T)[0][:SAMPLES]
    weights = memory_task.replay(results["attention"]["runs"][T].params, "attention", x)["weights"]
    st.caption(wg.attention_caption(weights, memory_task.STARTS[r[4]].forget_bias, lang))
