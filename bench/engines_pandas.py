"""pandas baseline for bench/engines.bench.ts.

Usage: python3 engines_pandas.py cohort|mrr ROWS.csv RUNS

Reads the rows (cust, serial, amount) written by the bench, then times only the
grouping work (median of RUNS runs): serial -> month with numpy, groupby, and
the pivot into a cohort table / the MRR movements. Prints one JSON object with
the timing and the result, which the bench checks against CXM's.
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


def cohort(df):
    d = pd.DataFrame({"cust": df["cust"], "p": months_of(df["serial"].to_numpy())})
    d["cohort"] = d.groupby("cust")["p"].transform("min")
    d["k"] = d["p"] - d["cohort"]
    counts = d.drop_duplicates(["cust", "p"]).groupby(["cohort", "k"]).size().unstack(fill_value=0)
    shares = counts.div(counts[0], axis=0)
    return counts, shares


def mrr(df):
    d = pd.DataFrame({"cust": df["cust"], "m": months_of(df["serial"].to_numpy()), "mrr": df["amount"]})
    wide = d.groupby(["cust", "m"])["mrr"].sum().unstack(fill_value=0.0)
    wide = wide.reindex(columns=range(wide.columns.min(), wide.columns.max() + 1), fill_value=0.0)
    a = wide.to_numpy()
    prev = np.hstack([np.zeros((a.shape[0], 1)), a[:, :-1]])
    active, was = a > 0, prev > 0
    seen_before = (np.cumsum(active, axis=1) - active) > 0
    diff = a - prev
    both = active & was
    return {
        "start": prev.sum(0),
        "new": np.where(active & ~was & ~seen_before, a, 0).sum(0),
        "expansion": np.where(both & (diff > 0), diff, 0).sum(0),
        "contraction": np.where(both & (diff < 0), -diff, 0).sum(0),
        "churn": np.where(~active & was, prev, 0).sum(0),
        "reactivation": np.where(active & ~was & seen_before, a, 0).sum(0),
        "end": a.sum(0),
    }


def main():
    mode, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    df = pd.read_csv(path, dtype={"cust": str, "serial": np.float64, "amount": np.float64})
    work = cohort if mode == "cohort" else mrr
    times = []
    for _ in range(runs + 1):  # the first run warms up and is not counted
        t0 = time.perf_counter()
        out = work(df)
        times.append((time.perf_counter() - t0) * 1000)
    times = sorted(times[1:])
    median = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
    if mode == "cohort":
        counts, _ = out
        result = {"counts": counts.to_numpy().tolist()}
    else:
        result = {k: v.tolist() for k, v in out.items()}
    print(json.dumps({"pandas": pd.__version__, "median_ms": median, "runs": runs, "result": result}))


if __name__ == "__main__":
    main()
