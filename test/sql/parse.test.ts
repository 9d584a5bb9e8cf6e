/**
 * Reading a query's result back: results exported by hand (CSV, upper-case
 * Snowflake headers, blank cells for NULL) become exactly the engines' types,
 * and a result that is not what the SQL returns is refused with a message
 * naming the row and the column, in English and Spanish.
 */
import { cohortTable } from "../../src/metrics/cohort";
import { serialFromIso } from "../../src/metrics/dates";
import { mrrMovements } from "../../src/metrics/mrr-movements";
import { rfmSummary } from "../../src/metrics/rfm";
import { SQL_TEMPLATES, sqlOptions, sqlTemplate } from "../../src/sql/aggregates";
import { parseCohortResult } from "../../src/sql/parse-cohort";
import { parseMrrResult } from "../../src/sql/parse-mrr";
import { parseRfmResult } from "../../src/sql/parse-rfm";
import { parseSegmentResult } from "../../src/sql/parse-segments";
import { ResultError, resultFromCsv } from "../../src/sql/result-table";

const iso = (s: string) => serialFromIso(s);

/** The ChartMogul-style example of mrr-movements.ts: a pays 100 then 150; b pays 50, skips February, pays 80. */
const MRR_CSV = `MONTH,START_MRR,NEW_MRR,EXPANSION,CONTRACTION,CHURN,REACTIVATION,END_MRR,CUSTOMERS_AT_START,CUSTOMERS_AT_END,NEGATIVE_MRR_CUSTOMERS
2024-01-01,0,150,0,0,0,0,150,0,2,0
2024-02-01,150,0,50,0,50,0,150,2,1,0
2024-03-01,150,0,0,0,150,80,80,1,1,0
`;

function errorOf(fn: () => unknown): ResultError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ResultError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("MRR movements", () => {
  test("a Snowflake export (upper-case headers) reads as mrrMovements gives the same rows", () => {
    const expected = mrrMovements(["a", "a", "b", "b"], [iso("2024-01-01"), iso("2024-02-01"), iso("2024-01-01"), iso("2024-03-01")], [100, 150, 50, 80]);
    expect(parseMrrResult(resultFromCsv(MRR_CSV, "mrr.csv"))).toEqual(expected);
  });

  test("a missing month is refused: the spine must give every month", () => {
    const lines = MRR_CSV.trim().split("\n");
    const e = errorOf(() => parseMrrResult(resultFromCsv([lines[0], lines[1], lines[3]].join("\n"), "mrr.csv")));
    expect(e.messages.en).toContain("mrr.csv has no row for 2024-02");
    expect(e.messages.es).toContain("no tiene fila para 2024-02");
  });

  test("customers with negative MRR are refused, as the engine refuses them", () => {
    const e = errorOf(() => parseMrrResult(resultFromCsv(MRR_CSV.replace("150,2,1,0", "150,2,1,3"), "mrr.csv")));
    expect(e.messages.en).toContain("In 2024-02 the MRR of 3 customers adds up below zero");
    expect(e.messages.es).toContain("En 2024-02 el MRR de 3 clientes suma menos de cero");
  });

  test("a bridge that does not balance is refused (an edited or truncated result)", () => {
    const e = errorOf(() => parseMrrResult(resultFromCsv(MRR_CSV.replace("2024-03-01,150,0,0,0,150,80,80", "2024-03-01,150,0,0,0,150,80,90"), "mrr.csv")));
    expect(e.messages.en).toContain("2024-03: the bridge does not balance");
  });

  test("a missing column names itself and the columns found", () => {
    const e = errorOf(() => parseMrrResult(resultFromCsv("month,end_mrr\n2024-01-01,5\n", "x.csv")));
    expect(e.messages.en).toMatch(/^x\.csv has no column start_mrr, new_mrr, .*\(its columns: month, end_mrr\)/);
    expect(e.messages.es).toContain("x.csv no tiene la columna start_mrr");
  });

  test("a cell that is not a number names its row and column", () => {
    const e = errorOf(() => parseMrrResult(resultFromCsv(MRR_CSV.replace("2024-02-01,150,0,50", "2024-02-01,150,0,fifty"), "mrr.csv")));
    expect(e.messages.en).toBe('Row 2 of mrr.csv, column expansion: expected a number (got "fifty").');
    expect(e.messages.es).toBe("Fila 2 de mrr.csv, columna expansion: se esperaba un número (contiene «fifty»).");
  });
});

describe("cohort triangle", () => {
  // From cohort.ts's example: a and b start in January 2024, c in February, a comes back in February.
  const CSV = "cohort;period_offset;customers;revenue\n2024-01-01;0;2;15\n2024-01-01;1;1;7\n2024-02-01;0;1;1\n";
  const ids = ["a", "b", "a", "c"], dates = [iso("2024-01-01"), iso("2024-01-09"), iso("2024-02-01"), iso("2024-02-01")], amounts = [10, 5, 7, 1];

  test.each([
    ["customers", "share"],
    ["customers", "count"],
    ["revenue", "share"],
    ["revenue", "count"],
  ] as const)("a semicolon-separated export reads as cohortTable's %s %s", (measure, output) => {
    expect(parseCohortResult(resultFromCsv(CSV), { period: "month", measure, output })).toEqual(cohortTable(ids, dates, amounts, { period: "month", measure, output }));
  });

  test("half of January's cohort came back (cohort.ts's documented example)", () => {
    expect(parseCohortResult(resultFromCsv(CSV)).matrix).toEqual([
      [1, 0.5],
      [1, null],
    ]);
  });

  test("a result built for another period is refused, saying which option to use", () => {
    const e = errorOf(() => parseCohortResult(resultFromCsv(CSV), { period: "week" }));
    // 2024-01-01 is a Monday, so the first bad row is February's (a Thursday).
    expect(e.messages.en).toBe("Row 3 of the result: cohort 2024-02-01 is not the first day of a week. Was the SQL built with --option period=week?");
  });

  test("a cohort missing an offset (a filtered or truncated export) is refused", () => {
    const e = errorOf(() => parseCohortResult(resultFromCsv(CSV.replace("2024-01-01;1;1;7\n", ""), "c.csv")));
    expect(e.messages.en).toContain("c.csv: cohort 2024-01-01 has no row for period offset 1");
  });

  test("revenue is required for the revenue measure", () => {
    const e = errorOf(() => parseCohortResult(resultFromCsv("cohort,period_offset,customers\n2024-01-01,0,2\n", "c.csv"), { measure: "revenue" }));
    expect(e.messages.en).toContain("c.csv has no column revenue");
  });
});

describe("RFM summary", () => {
  test("days become the unit exactly as rfmSummary divides them", () => {
    // rfm.ts's example: a buys on 2024-01-01 (10 + 5) and 01-15 (20); b on 01-08.
    const csv = "customer,frequency,recency_days,t_days,monetary_value,as_of\na,1,14,14,20,2024-01-15\nb,0,0,7,0,2024-01-15\n";
    const expected = rfmSummary(["a", "a", "a", "b"], [iso("2024-01-01"), iso("2024-01-01"), iso("2024-01-15"), iso("2024-01-08")], [10, 5, 20, 7], { unit: "week" });
    expect(parseRfmResult(resultFromCsv(csv), "week")).toEqual(expected);
  });

  test("one as_of per result, one row per customer, recency within T", () => {
    const head = "customer,frequency,recency_days,t_days,monetary_value,as_of\n";
    expect(errorOf(() => parseRfmResult(resultFromCsv(`${head}a,1,14,14,20,2024-01-15\nb,0,0,7,0,2024-01-16\n`))).messages.en).toContain("one query gives one as_of");
    expect(errorOf(() => parseRfmResult(resultFromCsv(`${head}a,1,14,14,20,2024-01-15\na,0,0,7,0,2024-01-15\n`))).messages.en).toContain('Customer "a" has two rows');
    expect(errorOf(() => parseRfmResult(resultFromCsv(`${head}a,1,15,14,20,2024-01-15\n`))).messages.en).toContain("recency_days (15) exceeds t_days (14)");
  });
});

describe("segment matrix", () => {
  // segment-matrix.ts's example: Gold→Gold, Silver→Gold, Gold→(none), (none)→Silver.
  const CSV = "segment_before,segment_after,customers\nGold,Gold,1\nSilver,Gold,1\nGold,,1\n,Silver,1\n";

  test("an explicit order lowest first gives the matrix and the summary in that order", () => {
    const a = parseSegmentResult(resultFromCsv(CSV), ["Silver", "Gold"]);
    expect(a.counts).toEqual({
      segments: ["Silver", "Gold"],
      matrix: [
        [0, 1, 0],
        [0, 1, 1],
        [1, 0, 0],
      ],
    });
    expect(a.summary).toEqual({ movedUp: 1 / 3, movedDown: 0, stayed: 1 / 3, lost: 1 / 3, customersBefore: 3, newCustomers: 1, segments: ["Silver", "Gold"] });
    expect(a.values).toBeNull();
  });

  test("auto: numbers ascending, else alphabetical (a table has no 'first seen' order)", () => {
    expect(parseSegmentResult(resultFromCsv(CSV)).counts.segments).toEqual(["Gold", "Silver"]);
    expect(parseSegmentResult(resultFromCsv("segment_before,segment_after,customers\n10,2,1\n2,1,1\n")).counts.segments).toEqual([1, 2, 10]);
  });

  test("a segment outside the given order is refused, naming it", () => {
    const e = errorOf(() => parseSegmentResult(resultFromCsv(CSV, "s.csv"), ["Silver"]));
    expect(e.messages.en).toBe('s.csv holds segment "Gold", which is not in the segment order (Silver).');
  });
});

describe("the SQL templates' table", () => {
  test("four templates, each with its SQL and its reader", () => {
    expect(SQL_TEMPLATES.map((t) => t.id)).toEqual(["cohort-retention", "mrr-bridge", "segment-movement", "customer-lifetime-value"]);
  });

  test("options are checked against their values and names", () => {
    const t = sqlTemplate("cohort-retention");
    expect(sqlOptions(t, [["period", "week"]])).toEqual({ period: "week", measure: "both" });
    expect(() => sqlOptions(t, [["period", "day"]])).toThrow("period must be one of week, month, quarter, year");
    expect(() => sqlOptions(t, [["currency", "€"]])).toThrow('has no option "currency"');
    expect(() => sqlTemplate("ltv-cac")).toThrow('Template "ltv-cac" has no SQL');
  });

  test("the segment order option reads as the template words it", () => {
    const t = sqlTemplate("segment-movement");
    const csv = resultFromCsv("segment_before,segment_after,customers\nBronze,Gold,1\n");
    const order = (text: string) => (t.parse(csv, { segmentOrder: text }) as { summary: { segments: unknown[] } }).summary.segments;
    expect(order("Gold, Bronze")).toEqual(["Gold", "Bronze"]);
    expect(order("alfabético")).toEqual(["Bronze", "Gold"]);
    expect(order("")).toEqual(["Bronze", "Gold"]);
  });
});
