"""pandas baseline for bench/growth.bench.ts: CUSTOMERGROWTH by month.

Usage: python3 growth_pandas.py ROWS.csv LOST_AFTER VALUE_WINDOW RUNS

Reads the rows (cust, serial, amount) written by the bench, then times only the
work (median of RUNS runs): serial -> month with numpy, one groupby into
(customer, month) revenue, shifts for the gaps, a merge_asof for the value of
each loss, and bincounts per month. Prints one JSON object with the timing and
the ten columns, which the bench checks against CXM's.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

UNIX_EPOCH_SERIAL = 25569  # 1970-01-01 as an Excel serial


def months_of(serial):
    days = serial.astype("int64") - UNIX_EPOCH_SERIAL
    return days.astype("datetime64[D]").astype("datetime64[M]").astype("int64")


def growth(df, lost_after, window):
    d = pd.DataFrame({"cust": df["cust"], "p": months_of(df["serial"].to_numpy()), "amount": df["amount"]})
    g = d.groupby(["cust", "p"], sort=True)["amount"].sum().reset_index()
    first_p, last_p = g["p"].min(), g["p"].max()
    span = int(last_p - first_p + 1)
    by = g.groupby("cust", sort=False)["p"]
    prev, nxt = by.shift(), by.shift(-1)
    g["cum"] = g.groupby("cust", sort=False)["amount"].cumsum()
    off = (g["p"] - first_p).to_numpy()

    is_new = prev.isna().to_numpy()
    is_back = ((g["p"] - prev) > lost_after).to_numpy()
    is_lost = ((nxt.isna() | ((nxt - g["p"]) > lost_after)) & (g["p"] + lost_after <= last_p)).to_numpy()

    # Value of a new customer: revenue in their first `window` months.
    start_p = by.transform("min")
    new_value = g["amount"].where(g["p"] < start_p + window, 0.0).groupby(g["cust"], sort=False).sum()
    first_off = (g.loc[is_new, ["cust", "p"]].set_index("cust")["p"] - first_p).reindex(new_value.index).to_numpy()

    # Value of a loss after month a: cumulative revenue at a minus the cumulative revenue at the last month <= a - window.
    losses = g.loc[is_lost, ["cust", "p", "cum"]].copy()
    losses["key"] = losses["p"] - window
    right = g[["cust", "p", "cum"]].rename(columns={"p": "key", "cum": "before"}).sort_values("key")
    merged = pd.merge_asof(losses.sort_values("key"), right, on="key", by="cust", direction="backward")
    lost_value = (merged["cum"] - merged["before"].fillna(0.0)).to_numpy()
    lost_off = (merged["p"] + lost_after - first_p).to_numpy()

    new = np.bincount(off[is_new], minlength=span)
    back = np.bincount(off[is_back], minlength=span)
    lost = np.bincount(off[is_lost] + lost_after, minlength=span)[:span]
    end = np.cumsum(new + back - lost)
    start = np.concatenate([[0], end[:-1]])
    value_new = np.bincount(first_off, weights=new_value.to_numpy(), minlength=span)
    value_lost = np.bincount(lost_off, weights=lost_value, minlength=span)[:span]
    return {
        "start": start.tolist(),
        "new": new.tolist(),
        "reactivated": back.tolist(),
        "lost": lost.tolist(),
        "end": end.tolist(),
        "value_new": value_new.tolist(),
        "value_lost": value_lost.tolist(),
    }


def main():
    path, lost_after, window, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    df = pd.read_csv(path, dtype={"cust": str, "serial": np.float64, "amount": np.float64})
    times = []
    result = None
    for _ in range(runs + 1):  # the first run warms up and is not counted
        t0 = time.perf_counter()
        result = growth(df, lost_after, window)
        times.append((time.perf_counter() - t0) * 1000)
    times = sorted(times[1:])
    mid = len(times) // 2
    median = times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2
    print(json.dumps({"pandas": pd.__version__, "median_ms": median, "result": result}))


if __name__ == "__main__":
    main()
