"""pandas baseline for bench/cli-template.bench.ts: the job `cxm template
cohort-retention --input` does, done the usual pandas way.

Usage: python3 cli_pandas.py ROWS.csv OUT.xlsx

read_csv (customer, ISO date, amount), monthly cohorts by active customers
and by revenue, both triangles written to one .xlsx with openpyxl. Prints
one JSON line: its peak memory (MB) and the number of cohorts; the bench
times the whole process, as it times the CLI's.
"""
import json
import resource
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], parse_dates=["date"])
p = df["date"].dt.year * 12 + df["date"].dt.month - 1
d = pd.DataFrame({"customer": df["customer"], "p": p, "amount": df["amount"]})
activity = d.groupby(["customer", "p"], sort=False)["amount"].sum().reset_index()
activity["cohort"] = activity.groupby("customer")["p"].transform("min")
activity["k"] = activity["p"] - activity["cohort"]
cells = activity.groupby(["cohort", "k"]).agg(customers=("customer", "size"), revenue=("amount", "sum"))
customers = cells["customers"].unstack()
revenue = cells["revenue"].unstack()
with pd.ExcelWriter(sys.argv[2], engine="openpyxl") as xlsx:
    customers.to_excel(xlsx, sheet_name="Customers")
    revenue.to_excel(xlsx, sheet_name="Revenue")
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peakMb": peak_mb, "cohorts": int(customers.shape[0])}))
