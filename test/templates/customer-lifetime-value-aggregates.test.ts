/**
 * The customer lifetime value sheets from what a SQL engine returns: the RFM
 * query's result (src/sql/rfm.ts) read by parseRfmResult (src/sql/parse-rfm.ts)
 * is all clvAggregateFromRfm needs, and the sheets built from it are those
 * built from the transaction log (the holdout check aside: it needs the log,
 * split at the cut-off, which one RFM summary does not hold).
 */
import { rfmSummary } from "../../src/metrics/rfm";
import { parseRfmResult } from "../../src/sql/parse-rfm";
import { resultFromCsv } from "../../src/sql/result-table";
import { clvAggregate, clvAggregateFromRfm, ClvSettings } from "../../src/templates/customer-lifetime-value/aggregate";
import { sampleClvTransactions } from "../../src/templates/customer-lifetime-value/sample";
import { clvSheets, isoDate } from "../../src/templates/customer-lifetime-value/sheets";
import { CLV_STRINGS } from "../../src/templates/customer-lifetime-value/strings";

const data = sampleClvTransactions({ customers: 300, seed: 4 }).slice(1);
const ids = data.map((r) => r[0] as string);
const dates = data.map((r) => r[1] as number);
const amounts = data.map((r) => r[2] as number);

/** The RFM query's result for the sample, as a CSV: whole days, the as-of date in ISO (what the engines return). */
function rfmResultCsv(): string {
  const days = rfmSummary(ids, dates, amounts, { unit: "day" });
  const lines = ["customer,frequency,recency_days,t_days,monetary_value,as_of"];
  days.ids.forEach((id, i) => lines.push([id, days.frequency[i], days.recency[i], days.T[i], days.monetaryValue![i], isoDate(days.asOf)].join(",")));
  return `${lines.join("\n")}\n`;
}

const settings: ClvSettings = { unit: "week", horizon: 26, discountRate: 0.002, margin: 0.3, top: 20, resamples: 20, seed: 1 };
const fromSql = clvAggregateFromRfm(parseRfmResult(resultFromCsv(rfmResultCsv(), "rfm.csv"), "week"), settings);
const fromLog = clvAggregate({ ids, dates, amounts }, settings, { kind: "none" });

describe("customer lifetime value from the RFM query's result", () => {
  test("the summary, the fits, every customer's figures and the bootstrapped ranges are the log's", () => {
    expect(fromSql.rfm.ids).toEqual(fromLog.rfm.ids);
    expect(fromSql.bgnbd.params).toEqual(fromLog.bgnbd.params);
    expect(fromSql.gammaGamma.params).toEqual(fromLog.gammaGamma.params);
    for (const k of ["pAlive", "expected", "discounted", "spend", "clv", "byPeriod", "order"] as const) expect(fromSql[k]).toEqual(fromLog[k]);
    expect(fromSql.bootstrap).toEqual(fromLog.bootstrap);
    expect(fromSql.transactions).toBeNull();
    expect(fromSql.holdout).toBeNull();
  });

  test("the sheets built from it are the log's, cell for cell", () => {
    const o = {
      moneyFormat: '"$"#,##0.00',
      source: { label: "rfm.csv", used: 300, leftOut: 0, surface: "cli" as const, builtAt: new Date("2025-01-15T09:30:00Z") },
      unknownAmounts: 0,
    };
    const a = clvSheets(fromSql, o, CLV_STRINGS.en);
    const b = clvSheets({ ...fromLog, transactions: null }, o, CLV_STRINGS.en);
    expect(a.plan).toEqual(b.plan);
    expect(a.plan.sheets.map((s) => s.key)).toEqual(["clv", "customers"]);
  });
});
