"""pandas baseline for bench/duckdb.bench.ts.

Usage: python3 duckdb_pandas.py ROWS.csv

The same job as DuckDB's cohort query, from the same CSV (customer, ISO date,
amount): read_csv, monthly cohorts, active customers and revenue per cohort
and month offset. Prints one JSON line: seconds and peak memory (MB).
"""
import json
import resource
import sys
import time

import pandas as pd

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], parse_dates=["date"])
p = df["date"].dt.year * 12 + df["date"].dt.month - 1
d = pd.DataFrame({"customer": df["customer"], "p": p, "amount": df["amount"]})
activity = d.groupby(["customer", "p"], sort=False)["amount"].sum().reset_index()
activity["cohort"] = activity.groupby("customer")["p"].transform("min")
activity["k"] = activity["p"] - activity["cohort"]
cells = activity.groupby(["cohort", "k"]).agg(customers=("customer", "size"), revenue=("amount", "sum"))
customers = cells["customers"].unstack(fill_value=0)
revenue = cells["revenue"].unstack(fill_value=0.0)
seconds = time.perf_counter() - t0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ms": seconds * 1000, "peakMb": peak_mb, "cohorts": int(customers.shape[0])}))
