"""Gate inspector: NumPy gates vs torch, parsing a 5 MB CSV, the page's payload at 100,000 steps."""

from __future__ import annotations

import io

import numpy as np

from benchmarks import Result, best_time

STEPS, UNITS = 100_000, 32


def _gates_vs_torch() -> list[Result]:
    import torch

    from explorer.cells import gru, lstm

    rng = np.random.default_rng(0)
    x = rng.standard_normal((STEPS, UNITS))
    results = []
    for kind, module in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
        torch.manual_seed(0)
        net = module(UNITS, UNITS).double()
        params = {k: v.numpy() for k, v in net.state_dict().items()}
        ours = lstm.lstm_forward if kind == "lstm" else gru.gru_forward
        xt = torch.from_numpy(x)

        def run_torch(net=net, xt=xt):
            with torch.no_grad():
                net(xt)

        numpy_time = best_time(lambda ours=ours, params=params: ours(x, params), repeat=2)
        torch_time = best_time(run_torch, repeat=2)
        results.append(
            Result(
                f"{kind.upper()} gates, {STEPS:,} steps × {UNITS} units: NumPy / torch",
                numpy_time / torch_time,
                2.0,
                note=f"NumPy keeps every gate; torch (float64, no grad) only h and c; "
                f"NumPy {STEPS / numpy_time / 1000:.0f}k steps/s",
            )
        )
    return results


def _csv_5mb() -> bytes:
    rng = np.random.default_rng(1)
    rows = rng.standard_normal((STEPS, 7))
    text = "a,b,c,d,e,f,g\n" + "\n".join(",".join(f"{v:.5f}" for v in row) for row in rows)
    return text.encode()[:5_000_000].rsplit(b"\n", 1)[0]  # whole rows, ≤ 5 MB


def _parse() -> list[Result]:
    import pandas as pd

    from explorer.inputs.data import parse_sequence

    raw = _csv_5mb()
    ours = best_time(lambda: parse_sequence(raw, "big.csv"), repeat=3)
    loadtxt = best_time(
        lambda: np.loadtxt(io.BytesIO(raw), delimiter=",", skiprows=1, ndmin=2), repeat=3
    )
    pandas = best_time(lambda: pd.read_csv(io.BytesIO(raw)).to_numpy(np.float64), repeat=3)
    return [
        Result(
            f"parse_sequence of a {len(raw) / 2**20:.1f} MB CSV / np.loadtxt",
            ours / loadtxt,
            1.5,
            note=f"/ pandas.read_csv: {ours / pandas:.2f}×; validation included",
        )
    ]


def _payload() -> list[Result]:
    from tests.apptest_helpers import chart_specs, open_page

    x = np.column_stack([np.sin(np.arange(STEPS) / 50), np.arange(STEPS) % 3])
    raw = "\n".join(f"{a:.5f},{b:g}" for a, b in x).encode()
    query = {"gt_source": "upload", "gt_model": "random", "gt_hidden": UNITS, "gt_arch": "both"}
    at = open_page("pages/gates.py", query=query, timeout=300)
    at.file_uploader(key="gt_file").set_value(("long.csv", raw, "text/csv"))
    at.run()
    sizes = [len(spec.encode("utf-8")) for spec in chart_specs(at)]
    return [
        Result(
            f"gates page, {STEPS:,}-step upload, LSTM+GRU × {UNITS}: largest chart",
            max(sizes) / 1024,
            1024,
            unit="kB",
            note=f"{len(sizes)} charts, {sum(sizes) / 1024:.0f} kB in all",
        )
    ]


def run() -> list[Result]:
    return _gates_vs_torch() + _parse() + _payload()
