/**
 * Customer growth (src/templates/customer-growth/): hand-checked small logs
 * (the arithmetic is in the comments), random logs against growthReport()
 * (src/metrics/growth/report.ts, itself checked against Bliss's definitions
 * in test/metrics/growth/), the sample against growthReport(), the options,
 * validation of both logs, the Spanish build, a CSV through `cxm template
 * --with`, both renderers, and a build at Excel's row limit. The checks every
 * v2 template shares (language, layout, cached values, LibreOffice) are in
 * test/templates/v2/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { serialFromIso } from "../../src/metrics/dates";
import { customerGrowth, GrowthPeriod } from "../../src/metrics/growth/customer-growth";
import { growthReport } from "../../src/metrics/growth/report";
import { relativeRisk } from "../../src/metrics/lift";
import { seededRandom } from "../../src/metrics/random";
import { autoMap } from "../../src/templates/column-mapping";
import { lostAfterDays } from "../../src/templates/customer-growth/aggregate";
import { COLUMNS, customerGrowthParts, customerGrowthTemplate as T, INCIDENT_COLUMNS } from "../../src/templates/customer-growth/descriptor";
import { growthSample, incidentSample, sampleLogs } from "../../src/templates/customer-growth/sample";
import { GrowthSheets, growthSheets } from "../../src/templates/customer-growth/sheets";
import { GROWTH_STRINGS, GrowthStrings } from "../../src/templates/customer-growth/strings";
import { templates } from "../../src/templates/registry";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { cellAt, validatePlan, valuesIn } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { runCli, tempDir } from "../support/cli";
import { errorCells, evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";
import { FakeExcel } from "../support/excel-batch-fake";

jest.setTimeout(120_000);

const BUILT = new Date("2025-01-15T09:30:00Z");
const HEADER = ["Customer", "Date", "Amount", "Segment", "Loss reason", "Referred by"];
const INCIDENT_HEADER = ["Customer", "Date", "Type"];

function input(rows: unknown[][], options: Record<string, string | number> = {}, incidents?: unknown[][], language: Language = "en", header: unknown[] = HEADER): BuildInput {
  const x: BuildInput = { rows, mapping: autoMap(T.columns, header), options, sourceLabel: "orders.csv", builtAt: BUILT, language, surface: "taskpane" };
  if (incidents) x.secondary = { incidents: { rows: incidents, mapping: autoMap(INCIDENT_COLUMNS, INCIDENT_HEADER), sourceLabel: "incidents.csv" } };
  return x;
}

const built = (x: BuildInput) => customerGrowthParts.build(x);

/** The value of a placed block's cell. */
function reader(wb: EvaluatedWorkbook, b: GrowthSheets) {
  return {
    growth: (block: string, r: number, c: number) => wb.value("growth", b.at.growth[block].cell(r, c)),
    drivers: (block: string, r: number, c: number) => wb.value("drivers", b.at.drivers![block].cell(r, c)),
    row: (sheet: "growth" | "drivers", block: string, r: number) => {
      const p = (sheet === "growth" ? b.at.growth : b.at.drivers!)[block];
      return Array.from({ length: p.columns }, (_, c) => wb.value(sheet, p.cell(r, c)));
    },
  };
}

// CUSTOMERGROWTH's worked example (src/metrics/growth/customer-growth.ts), months, lost after 2, value window 2:
// a buys in Jan (10) and Feb (20); b in Jan (5) and Apr (7); c in Mar (30).
// a and c are Gold, b Silver; b's reason "Price" (on Jan, the purchase before the loss), a's "Moved" (on Feb);
// c came referred by a, b by "Partner" (not a customer).
const WORKED = [
  ["a", "2024-01-05", 10, "Gold", "", ""],
  ["b", "2024-01-10", 5, "Silver", "Price", "Partner"],
  ["a", "2024-02-03", 20, "Gold", "Moved", ""],
  ["c", "2024-03-07", 30, "Gold", "", "a"],
  ["b", "2024-04-02", 7, "Silver", "", ""],
];
// An incident for a on Jan 20 ("Late") and for b on Jan 25 ("Billing"); "zz" bought nothing.
const WORKED_INCIDENTS = [
  ["a", "2024-01-20", "Late"],
  ["b", "2024-01-25", "Billing"],
  ["zz", "2024-01-26", "Late"],
];
const SMALL = { lostAfter: 2, valueWindow: 2 };

describe("the worked example, by hand", () => {
  const b = built(input(WORKED, SMALL, WORKED_INCIDENTS));
  const wb = evaluatePlan(b.plan);
  const r = reader(wb, b);

  test("a valid plan of two sheets, with no formula evaluating to an error", () => {
    expect(() => validatePlan(b.plan)).not.toThrow();
    expect(b.plan.sheets.map((s) => s.name)).toEqual(["Customer growth", "Growth drivers"]);
    expect(errorCells(wb, b.plan)).toEqual([]);
    expect(cellAt(b.plan.sheets[0], 2, 1)).toBe("Source: orders.csv (5 rows used). Built 2025-01-15 09:30 UTC by CXM.");
    expect(cellAt(b.plan.sheets[1], 3, 1)).toBe("Incident log: incidents.csv (3 rows used).");
  });

  test("the bridge by period: Jan +2 new; Mar b lost (Jan + 2), c new; Apr a lost (Feb + 2), b back; ends 2, 2, 2, 2", () => {
    // Columns: period, start, new, reactivated, lost, end, net, value of new, value of lost, net value.
    // Values: a new in Jan, worth Jan + Feb = 30; b worth Jan + Feb = 5 (bought in Jan only); c worth Mar + Apr = 30.
    // b lost in Mar worth Dec + Jan = 5; a lost in Apr worth Jan + Feb = 30.
    const jan = serialFromIso("2024-01-01");
    expect([1, 2, 3, 4].map((k) => r.row("growth", "periods", k))).toEqual([
      [jan, 0, 2, 0, 0, 2, 2, 35, 0, 35],
      [serialFromIso("2024-02-01"), 2, 0, 0, 0, 2, 0, 0, 0, 0],
      [serialFromIso("2024-03-01"), 2, 1, 0, 1, 2, 0, 30, 5, 25],
      [serialFromIso("2024-04-01"), 2, 0, 1, 1, 2, 0, 0, 30, -30],
    ]);
    // Counts are values; starts after the first, ends and nets are formulas over them.
    const p = b.at.growth.periods;
    const sheet = b.plan.sheets[0];
    expect(cellAt(sheet, p.row(2), p.column(1))).toBe(`=${p.cell(1, 5)}`);
    expect(cellAt(sheet, p.row(2), p.column(5))).toBe(`=${p.cell(2, 1)}+${p.cell(2, 2)}+${p.cell(2, 3)}-${p.cell(2, 4)}`);
    expect(typeof cellAt(sheet, p.row(2), p.column(2))).toBe("number");
  });

  test("the summary: 0 + 3 new + 1 reactivated − 2 lost = 2; value 65 − 35 = 30, over the span of the table by period", () => {
    expect(r.row("growth", "summary", 1)).toEqual(["Jan 2024 – Apr 2024", 0, 3, 1, 2, 2, 2, 65, 35, 30]);
    // Each figure stands over its column of the table by period.
    const [s, p] = [b.at.growth.summary, b.at.growth.periods];
    expect(Array.from({ length: 10 }, (_, c) => s.column(c))).toEqual(Array.from({ length: 10 }, (_, c) => p.column(c)));
    // The same as the core, and the identity end = start + new + reactivated − lost on the sheet.
    const core = customerGrowth(["a", "b", "a", "c", "b"], WORKED.map((w) => serialFromIso(w[1] as string)), [10, 5, 20, 30, 7], SMALL);
    expect(core.rows.map((x) => x.customersAtEnd)).toEqual([2, 2, 2, 2]);
  });

  test("the waterfalls: customers 0 → +3 → +1 → −2 → 2; money +65, −35, = 30 (each step on the level before it)", () => {
    // Columns: step, figure, stands on, won, lost, level.
    expect([1, 2, 3, 4, 5].map((k) => r.row("growth", "bridge", k).slice(1))).toEqual([
      [0, null, null, null, 0],
      [3, 0, 3, null, null],
      [1, 3, 1, null, null],
      [2, 2, null, 2, null],
      [2, null, null, null, 2],
    ]);
    expect([1, 2, 3].map((k) => r.row("growth", "money", k).slice(1))).toEqual([
      [65, null, 65, null, null],
      [35, 30, null, 35, null],
      [30, null, null, null, 30],
    ]);
    const charts = b.plan.sheets[0].charts;
    expect(charts.map((c) => [c.type, c.valueAxisMin, c.base !== undefined])).toEqual([
      ["waterfall", 0, true],
      ["waterfall", 0, true],
    ]);
  });

  test("by segment: Gold (a, c) 2 new, 1 lost, net 1; Silver (b) 1 new, 1 back, 1 lost, net 1; the total is the summary", () => {
    // Columns: segment, customers, new, reactivated, lost, net growth, value of new, value of lost, net value.
    expect(r.row("drivers", "segments", 1)).toEqual(["Gold", 2, 2, 0, 1, 1, 60, 30, 30]);
    expect(r.row("drivers", "segments", 2)).toEqual(["Silver", 1, 1, 1, 1, 1, 5, 5, 0]);
    expect(r.row("drivers", "segments", 3)).toEqual(["Total", 3, 3, 1, 2, 2, 65, 35, 30]);
  });

  test("lost by reason: b for Price (worth 5), a for Moved (worth 30), half each", () => {
    const rows = [1, 2].map((k) => r.row("drivers", "reasons", k));
    expect(rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ["Moved", 1, 0.5, 30],
      ["Price", 1, 0.5, 5],
    ]);
    expect(r.row("drivers", "reasons", 3)).toEqual(["Total", 2, 1, 35]);
    expect(b.plan.sheets[1].charts.map((c) => c.type)).toEqual(["bar"]);
  });

  test("loss after incidents (lost after 61 days, window 61): a not lost (bought again), b lost on Mar 11 (Jan 10 + 61); no one to compare with", () => {
    expect(lostAfterDays("month", 2)).toBe(61); // 2 × 365 / 12 = 60.8
    // Columns: type, with an incident, lost after, rate, without, expected lost, rate without, RR, low, high.
    // c, the only customer without an incident, starts on Mar 7: no window opens on a day c was active (Jan 20, Jan 25).
    expect(r.row("drivers", "incidents", 1)).toEqual(["All incidents", 2, 1, 0.5, 0, 0, "n/a", "n/a", "n/a", "n/a"]);
    const types = [2, 3].map((k) => r.row("drivers", "incidents", k)).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(types.map((x) => x.slice(0, 4))).toEqual([
      ["Billing", 1, 1, 1],
      ["Late", 1, 0, 0],
    ]);
    // zz bought nothing: counted apart, not followed.
    expect(r.row("drivers", "incidentRows", 1)).toEqual([3, 2, 1, 0, 0]);
  });

  test("referrals: Gold 1 of 2 (c, by a, a Gold customer), Silver 1 of 1 (b, by a partner); 2 of 3 in all", () => {
    // Columns: segment, customers, referred, rate, referrals made.
    expect(r.row("drivers", "referrals", 1)).toEqual(["Gold", 2, 1, 0.5, 1]);
    expect(r.row("drivers", "referrals", 2)).toEqual(["Silver", 1, 1, 1, 0]);
    expect(r.row("drivers", "referrals", 3)).toEqual(["Total", 3, 2, expect.closeTo(2 / 3, 12), 1]);
    expect(b.plan.sheets[1].sections.find((s) => s.title === "Referrals by segment")!.note).toMatch(/1 customer was referred by someone who is not a customer/);
  });

  test("headlines are the core's figures, in the cells that show them", () => {
    const h = T.headlines!(input(WORKED, SMALL, WORKED_INCIDENTS));
    expect(h.map((x) => [x.label.en, x.value])).toEqual([
      ["Customers at end", 2],
      ["New customers", 3],
      ["Lost customers", 2],
      ["Net growth", 2],
      ["Net value growth", 30],
      ["Loss rate after an incident", 0.5],
      ["Referral rate", 2 / 3],
    ]);
    for (const x of h) expect(wb.number(x.sheet, x.cell)).toBeCloseTo(x.value, 12);
  });

  test("the sheets are built from the aggregate alone: the same aggregate through JSON gives the same plan", () => {
    const t = GROWTH_STRINGS.en;
    const source = { label: "orders.csv", used: 5, leftOut: 0, surface: "taskpane" as const, builtAt: BUILT };
    const incidentSource = { label: "incidents.csv", used: 3, leftOut: 0, surface: "taskpane" as const, builtAt: BUILT };
    const again = growthSheets(JSON.parse(JSON.stringify(b.agg)), { moneyFormat: '"$"#,##0', source, incidentSource }, t);
    expect(again.plan).toEqual(b.plan);
  });
});

describe("INCIDENTLOSS's worked example through the template: relative risk 3 with Katz's interval", () => {
  // Lost after 30 days (one month: 365 / 12 = 30.4, rounded), window 30. a buys on day 0 (2024-01-01), b on days 0 and 20,
  // c on 0, 25 and 50, d on 0; all four on day 70. An incident for a on day 10: a is lost on day 30, within 30 days:
  // 1 of 1. Without an incident, from day 10: b lost on day 50 (too late), c never, d on day 30: 1 of 3.
  const day = (n: number) => serialFromIso("2024-01-01") + n;
  const rows = [
    ["a", day(0)], ["b", day(0)], ["b", day(20)], ["c", day(0)], ["c", day(25)], ["c", day(50)], ["d", day(0)],
    ["a", day(70)], ["b", day(70)], ["c", day(70)], ["d", day(70)],
  ].map(([c, d]) => [c, d, 1, "", "", ""]);
  const b = built(input(rows, { lostAfter: 1 }, [["a", day(10), "Outage"]]));
  const wb = evaluatePlan(b.plan);

  test("1 of 1 against 1 of 3: RR 3, and the interval the core computes", () => {
    const rr = relativeRisk({ groupWithOutcome: 1, groupTotal: 1, restWithOutcome: 1, restTotal: 3 });
    const row = reader(wb, b).row("drivers", "incidents", 1);
    expect(row.slice(0, 8)).toEqual(["All incidents", 1, 1, 1, 3, 1, expect.closeTo(1 / 3, 12), expect.closeTo(3, 12)]);
    // exp(ln 3 ± 1.96 × √(1/1 − 1/1 + 1/1 − 1/3)).
    expect(row[8]).toBeCloseTo(rr.low, 9);
    expect(row[9]).toBeCloseTo(rr.high, 9);
    expect(rr.low).toBeCloseTo(3 * Math.exp(-1.959963985 * Math.sqrt(2 / 3)), 6);
    expect(T.headlines!(input(rows, { lostAfter: 1 }, [["a", day(10), "Outage"]])).find((h) => h.label.en === "Relative risk of loss after an incident")!.value).toBeCloseTo(3, 12);
  });
});

describe("a loss larger than the gain: the value waterfall runs below zero", () => {
  // a buys 10 in Jan 2024 (new, worth Jan + Feb = 10) and 100 in Mar, then nothing: lost in May (Mar + 2), worth
  // Feb + Mar = 100. b buys 5 in May (new, worth 5). New 15 − lost 100 = −85.
  const rows = [
    ["a", "2024-01-10", 10, "", "", ""],
    ["a", "2024-03-10", 100, "", "", ""],
    ["b", "2024-05-10", 5, "", "", ""],
  ];
  const b = built(input(rows, SMALL));
  const wb = evaluatePlan(b.plan);

  test("lost first (down from 0 to −100), then new (up from −100 to −85), then the net; the axis ends at zero", () => {
    const r = reader(wb, b);
    expect([1, 2, 3].map((k) => r.row("growth", "money", k))).toEqual([
      ["Value of lost customers", 100, null, null, -100, null],
      ["Value of new customers", 15, -85, -15, null, null],
      ["Net value growth", -85, null, null, null, -85],
    ]);
    expect(b.plan.sheets[0].charts[1]).toMatchObject({ valueAxisMax: 0 });
    expect(b.plan.sheets[0].charts[1].valueAxisMin).toBeUndefined();
    expect(errorCells(wb, b.plan)).toEqual([]);
  });
});

/** A random log: a few customers over a couple of years, with segments, reasons, referrers and incidents. */
const logs = fc.record({
  purchases: fc.array(
    fc.record({ c: fc.integer({ min: 0, max: 7 }), d: fc.integer({ min: 0, max: 700 }), a: fc.integer({ min: 0, max: 500 }), s: fc.constantFrom("Gold", "Silver", ""), why: fc.constantFrom("Price", "", "") }),
    { minLength: 1, maxLength: 40 },
  ),
  incidents: fc.array(fc.record({ c: fc.integer({ min: 0, max: 9 }), d: fc.integer({ min: 0, max: 700 }), k: fc.constantFrom("Late", "Outage") }), { maxLength: 6 }),
  period: fc.constantFrom<GrowthPeriod>("week", "month", "quarter", "year"),
  lostAfter: fc.integer({ min: 0, max: 4 }),
});

describe("random logs: the sheets equal growthReport(), and the bridge balances on the sheet", () => {
  test("property, for every period kind", () => {
    const start = serialFromIso("2023-01-02");
    fc.assert(
      fc.property(logs, ({ purchases, incidents, period, lostAfter }) => {
        const rows = purchases.map((p, i) => [`C${p.c}`, start + p.d, p.a, p.s, p.why, i % 5 === 0 ? `C${(p.c + 1) % 8}` : ""]);
        const events = incidents.map((x) => [`C${x.c}`, start + x.d, x.k]);
        const b = built(input(rows, { period, lostAfter }, events.length > 0 ? events : undefined));
        const wb = evaluatePlan(b.plan);
        const r = reader(wb, b);
        const core = growthReport({
          customerIds: rows.map((x) => x[0] as string),
          dates: rows.map((x) => x[1] as number),
          amounts: rows.map((x) => x[2] as number),
          segments: rows.map((x) => (x[3] === "" ? null : (x[3] as string))),
          lossReasons: rows.map((x) => (x[4] === "" ? null : (x[4] as string))),
          referredBy: rows.map((x) => (x[5] === "" ? null : (x[5] as string))),
          incidents: events.length > 0 ? { customerIds: events.map((x) => x[0] as string), dates: events.map((x) => x[1] as number), types: events.map((x) => x[2] as string) } : null,
          growth: { period, ...(lostAfter > 0 ? { lostAfter } : {}) },
          incidentOptions: { lostAfterDays: lostAfterDays(period, lostAfter) },
        });
        expect(b.agg.report).toEqual(core);
        const t = core.totals;
        expect(r.row("growth", "summary", 1)).toEqual([expect.any(String), t.customersAtStart, t.newCustomers, t.reactivated, t.lost, t.customersAtEnd, t.netGrowth, expect.closeTo(t.newValue!, 6), expect.closeTo(t.lostValue!, 6), expect.closeTo(t.netValue!, 6)]);
        core.growth.rows.forEach((row, k) => {
          const [, start0, fresh, back, gone, end, net] = r.row("growth", "periods", 1 + k) as number[];
          expect([start0, fresh, back, gone, end, net]).toEqual([row.customersAtStart, row.newCustomers, row.reactivated, row.lost, row.customersAtEnd, row.netGrowth]);
          expect(end).toBe(start0 + fresh + back - gone);
        });
        expect(errorCells(wb, b.plan)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe("the sample, against growthReport()", () => {
  const x = input(growthSample("en").slice(1), {}, incidentSample("en").slice(1));
  const b = built(x);
  const wb = evaluatePlan(b.plan);
  const r = reader(wb, b);
  const { purchases, incidents } = sampleLogs();
  const core = growthReport({
    customerIds: purchases.map((p) => p.customer),
    dates: purchases.map((p) => p.date),
    amounts: purchases.map((p) => p.amount),
    segments: growthSample("en").slice(1).map((row) => row[3] as string),
    lossReasons: growthSample("en").slice(1).map((row) => (row[4] === "" ? null : (row[4] as string))),
    referredBy: growthSample("en").slice(1).map((row) => (row[5] === "" ? null : (row[5] as string))),
    incidents: { customerIds: incidents.map((i) => i.customer), dates: incidents.map((i) => i.date), types: incidentSample("en").slice(1).map((row) => row[2] as string) },
    incidentOptions: { lostAfterDays: 365 },
  });

  test("the sample maps automatically (both logs, both languages) and validates cleanly", () => {
    for (const language of ["en", "es"] as const) {
      const [header] = growthSample(language);
      expect(autoMap(COLUMNS, header)).toEqual({ customer: 0, date: 1, amount: 2, segment: 3, lossReason: 4, referredBy: 5 });
      expect(autoMap(INCIDENT_COLUMNS, incidentSample(language)[0])).toEqual({ customer: 0, date: 1, type: 2 });
    }
    expect(T.validate(x)).toEqual({ goodRows: purchases.length, problems: [], blocking: [] });
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("every figure on the sheets is the report's", () => {
    expect(b.agg.report).toEqual(core);
    const t = core.totals;
    expect(r.row("growth", "summary", 1)).toEqual(["Jan 2022 – Dec 2024", 0, t.newCustomers, t.reactivated, t.lost, t.customersAtEnd, t.netGrowth, expect.closeTo(t.newValue!, 6), expect.closeTo(t.lostValue!, 6), expect.closeTo(t.netValue!, 6)]);
    expect(b.at.growth.periods.rows).toBe(1 + 36);
    core.bySegment!.forEach((s, i) => expect(r.row("drivers", "segments", 1 + i).slice(0, 6)).toEqual([s.segment, s.customers, s.totals.newCustomers, s.totals.reactivated, s.totals.lost, s.totals.netGrowth]));
    core.lossReasons!.reasons.forEach((x, i) => {
      expect(r.row("drivers", "reasons", 1 + i).slice(0, 2)).toEqual([x.reason ?? "(no reason given)", x.lost]);
      expect(r.drivers("reasons", 1 + i, 2)).toBeCloseTo(x.share, 12);
    });
    const all = core.incidents!.all;
    const row = r.row("drivers", "incidents", 1) as number[];
    expect(row.slice(1, 3)).toEqual([all.customersWithIncident, all.lostAfterIncident]);
    expect(row[3]).toBeCloseTo(all.lossRate!, 12);
    expect(row[6]).toBeCloseTo(all.lossRateWithout!, 12);
    expect(row[7]).toBeCloseTo(all.relativeRisk!.ratio, 12);
    expect(row[8]).toBeCloseTo(all.relativeRisk!.low, 9);
    expect(row[9]).toBeCloseTo(all.relativeRisk!.high, 9);
    core.referrals!.bySegment.forEach((s, i) => {
      expect(r.row("drivers", "referrals", 1 + i).slice(0, 3)).toEqual([s.segment, s.customers, s.referred]);
      expect(r.drivers("referrals", 1 + i, 3)).toBeCloseTo(s.referralRate!, 12);
    });
    const m = core.valueMovement!;
    m.matrix.forEach((row2, i) => expect(r.row("drivers", "movement", 1 + i).slice(1, 5)).toEqual(row2));
    // The last row totals each column (customers in each tier of the last window, and lost); its last cell is everyone.
    const k = m.tiers.length;
    const columnSums = Array.from({ length: k + 1 }, (_, j) => m.matrix.reduce((a, row2) => a + row2[j], 0));
    expect(r.row("drivers", "movement", k + 2)).toEqual(["Total", ...columnSums, columnSums.reduce((a, x) => a + x, 0)]);
    const shares = r.row("drivers", "movementSummary", 1) as number[];
    [m.summary.movedUp, m.summary.stayed, m.summary.movedDown, m.summary.lost].forEach((v, i) => expect(shares[i]).toBeCloseTo(v, 12));
    expect(r.row("drivers", "tiers", 1)[1]).toBeCloseTo(m.thresholds[0], 9);
  });

  test("the story the sample tells: outages and late deliveries lose customers, billing errors hardly", () => {
    const byType = Object.fromEntries(core.incidents!.byType.map((x) => [x.type, x.relativeRisk!.ratio]));
    expect(byType["Outage"]).toBeGreaterThan(2);
    expect(byType["Late delivery"]).toBeGreaterThan(1.2);
    expect(byType["Billing error"]).toBeLessThan(byType["Late delivery"]);
    expect(core.totals.reactivated).toBeGreaterThan(5);
    expect(core.referrals!.referralRate).toBeGreaterThan(0.2);
  });
});

describe("options", () => {
  const rows = growthSample("en").slice(1, 1500);

  test.each(["week", "month", "quarter", "year"] as GrowthPeriod[])("period %s: the table by period is CUSTOMERGROWTH's", (period) => {
    const b = built(input(rows, { period }));
    const wb = evaluatePlan(b.plan);
    const core = customerGrowth(rows.map((x) => x[0] as string), rows.map((x) => x[1] as number), rows.map((x) => x[2] as number), { period });
    expect(b.at.growth.periods.rows).toBe(core.rows.length + 1);
    expect(cellAt(b.plan.sheets[0], b.at.growth.periods.row(0), b.at.growth.periods.column(0))).toBe({ week: "Week", month: "Month", quarter: "Quarter", year: "Year" }[period]);
    const last = core.rows[core.rows.length - 1];
    expect(wb.number("growth", b.at.growth.periods.cell(core.rows.length, 5))).toBe(last.customersAtEnd);
    expect(errorCells(wb, b.plan)).toEqual([]);
  });

  test("the sheet states the rule in force: lost after 3 months, valued over 6", () => {
    const b = built(input(rows, { lostAfter: 3, valueWindow: 6 }));
    expect(cellAt(b.plan.sheets[0], 3, 1)).toMatch(/lost after 3 months without one.*their first \(new\) or last \(lost\) 6 months/);
    expect(b.agg.report.growth).toMatchObject({ lostAfter: 3, valueWindow: 6 });
    expect(b.agg.report.incidents).toBeNull();
    // No incident log: the drivers sheet says how to add one.
    expect(cellAt(b.plan.sheets[1], 3, 1)).toBe(GROWTH_STRINGS.en.noIncidentLog);
  });

  test("the currency follows the language unless chosen", () => {
    const format = (o: Record<string, string>, language: Language) => {
      const b = built(input(rows, o, undefined, language));
      return b.plan.sheets[0].formats.find((f) => f.range === b.at.growth.summary.range(1, 7, 1, 3))?.numberFormat;
    };
    expect(format({}, "en")).toBe('"$"#,##0');
    expect(format({}, "es")).toBe('#,##0 "€"');
    expect(format({ currency: "£" }, "es")).toBe('#,##0 "£"');
  });

  test("bad options block the build, named in both languages", () => {
    const report = T.validate(input(rows, { period: "fortnight", lostAfter: 2.5, valueWindow: -1 }));
    expect(report.blocking.map((b) => b.en)).toEqual([
      'Unknown period "fortnight".',
      "Lost after (periods without a purchase; 0 = a year) must be a whole number of 0 or more (got 2.5).",
      "Value window (periods; 0 = a year) must be a whole number of 0 or more (got -1).",
    ]);
    expect(report.blocking[0].es).toBe("Periodo desconocido «fortnight».");
    expect(() => T.build({ ...input(rows, { lostAfter: 2.5 }), language: "es" })).toThrow(TemplateInputError);
  });
});

describe("validation of both logs", () => {
  test("bad rows are named in each log, the incident log's with its source; the build leaves them out", () => {
    const rows = [...WORKED, ["", "2024-01-06", 1, "", "", ""], ["d", "2024-13-01", 1, "", "", ""], ["e", "2024-01-07", "abc", "", "", ""]];
    const events = [...WORKED_INCIDENTS, ["", "2024-01-21", "Late"], ["a", "someday", "Late"]];
    const report = T.validate(input(rows, SMALL, events));
    expect(report.goodRows).toBe(5);
    expect(report.blocking).toEqual([]);
    expect(report.problems.map((p) => [p.source ?? "main", p.row, p.column])).toEqual([
      ["main", 5, "customer"],
      ["main", 6, "date"],
      ["main", 7, "amount"],
      ["incidents", 3, "customer"],
      ["incidents", 4, "date"],
    ]);
    expect(report.problems[4].message.es).toBe("Fecha «someday» no es una fecha; use una celda de fecha o texto ISO como 2024-03-15.");
    const b = built(input(rows, SMALL, events));
    expect(cellAt(b.plan.sheets[0], 2, 1)).toBe("Source: orders.csv (5 rows used; 3 left out, listed by the check in the task pane). Built 2025-01-15 09:30 UTC by CXM.");
    expect(cellAt(b.plan.sheets[1], 3, 1)).toBe("Incident log: incidents.csv (3 rows used; 2 left out, listed by the check in the task pane).");
    const wb = evaluatePlan(b.plan);
    expect(reader(wb, b).row("growth", "summary", 1)).toEqual(["Jan 2024 – Apr 2024", 0, 3, 1, 2, 2, 2, 65, 35, 30]);
  });

  test("an incident log without its customer column, or without rows, blocks the build, saying it is the incident log", () => {
    const noCustomer: BuildInput = { ...input(WORKED, SMALL), secondary: { incidents: { rows: [["2024-01-01"]], mapping: { customer: -1, date: 0, type: -1 }, sourceLabel: "x" } } };
    expect(T.validate(noCustomer).blocking).toEqual([
      { en: "Incident log: The Customer column is required: map a source column to it.", es: "Registro de incidencias: La columna Cliente es obligatoria: asígnele una columna de origen." },
    ]);
    const empty: BuildInput = { ...input(WORKED, SMALL), secondary: { incidents: { rows: [], mapping: { customer: 0, date: 1, type: 2 }, sourceLabel: "x" } } };
    expect(T.validate(empty).blocking[0].en).toMatch(/^Incident log: it has no data rows/);
  });

  test("a segment column with too many values, or dates spanning centuries of weeks, blocks the build with what to do", () => {
    const many = Array.from({ length: 600 }, (_, i) => [`c${i}`, "2024-01-05", 1, `S${i}`, "", ""]);
    expect(T.validate(input(many)).blocking[0].en).toBe(
      "The Segment column has 600 different values; the template breaks growth down by at most 500. Map a column with fewer values, or none.",
    );
    const wide = [["a", "1924-01-05", 1, "", "", ""], ["b", "2024-01-05", 1, "", "", ""]];
    expect(T.validate(input(wide, { period: "week" })).blocking[0].en).toBe("The dates span 5,219 weeks, too many for a table by period: choose a longer period or check for mistyped dates.");
  });

  test("without the optional columns, only the breakdowns they allow: value movement alone on the second sheet", () => {
    const plain = growthSample("en").slice(1, 800).map((r) => r.slice(0, 3));
    const b = built(input(plain, {}, undefined, "en", HEADER.slice(0, 3)));
    expect(Object.keys(b.at.drivers!)).toEqual(["movement", "movementSummary", "tiers"]);
    expect(b.agg.report).toMatchObject({ bySegment: null, lossReasons: null, referrals: null, incidents: null });
  });
});

describe("in Spanish", () => {
  const b = built(input(growthSample("es").slice(1), {}, incidentSample("es").slice(1), "es", growthSample("es")[0]));

  test("sheets, headers, labels and the template's own words are Spanish; the figures are the English build's", () => {
    expect(b.plan.sheets.map((s) => s.name)).toEqual(["Crecimiento de clientes", "Causas del crecimiento"]);
    expect(cellAt(b.plan.sheets[0], b.at.growth.summary.row(0), b.at.growth.summary.column(1))).toBe("Clientes al inicio");
    expect(cellAt(b.plan.sheets[0], b.at.growth.summary.row(1), b.at.growth.summary.column(0))).toBe("ene 2022 – dic 2024");
    expect(b.plan.sheets[0].tables.map((t) => t.name)).toEqual(["CrecimientoClientes"]);
    expect(valuesIn(b.plan.sheets[1], b.at.drivers!.movement.range(0, 0, 1, 6))[0]).toEqual(["De \\ a", "Bajo", "Medio", "Alto", "Perdidos", "Total"]);
    const en = built(input(growthSample("en").slice(1), {}, incidentSample("en").slice(1)));
    expect(b.agg.report.totals).toEqual(en.agg.report.totals);
    const wb = evaluatePlan(b.plan);
    expect(wb.value("drivers", b.at.drivers!.incidents.cell(1, 0))).toBe("Todas las incidencias");
    expect(b.plan.sheets[1].sections.find((s) => s.title === "Pérdida tras incidencias")!.note).toMatch(/en los 365 días siguientes/);
  });

  test("a missing translation does not build", () => {
    // @ts-expect-error every key of the English strings is required in Spanish
    const missing: GrowthStrings = { ...GROWTH_STRINGS.es, title: undefined };
    // @ts-expect-error and no key may be added that English lacks
    const extra: GrowthStrings = { ...GROWTH_STRINGS.es, titel: "Crecimiento" };
    expect([missing.title, extra.title]).toEqual([undefined, "Crecimiento de clientes"]);
  });
});

describe("a CSV through the CLI, with the incident log as --with", () => {
  const dir = tempDir("cxm-growth-");
  const csv = (name: string, lines: unknown[][], sep = ",") => {
    writeFileSync(path.join(dir, name), lines.map((l) => l.join(sep)).join("\n") + "\n");
    return name;
  };

  test("Spanish files: both read, mapped by their headers, the figures of the hand-worked example", async () => {
    const orders = csv("pedidos.csv", [["Cliente", "Fecha", "Importe", "Segmento", "Motivo de baja", "Recomendado por"], ...WORKED], ";");
    const events = csv("incidencias.csv", [["Cliente", "Fecha", "Categoría"], ...WORKED_INCIDENTS], ";");
    const r = await runCli(
      ["template", "customer-growth", "--input", orders, "--with", `incidents=${events}`, "--option", "lostAfter=2", "--option", "valueWindow=2", "--out", "g.xlsx", "--lang", "es", "--accept-bad-rows"],
      dir,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Columnas de incidencias.csv (Registro de incidencias):");
    expect(r.out).toMatch(/type\s+<- "Categoría"/);
    expect(r.out).toMatch(/Crecimiento neto del valor\s+30/);
    expect(r.out).toMatch(/Tasa de pérdida tras una incidencia\s+50,0\s%/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "g.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Crecimiento de clientes", "Causas del crecimiento"]);
    const b = built(input(WORKED, SMALL, WORKED_INCIDENTS, "es"));
    // The cached values of the written summary: what a viewer shows before recalculating.
    const summary = b.at.growth.summary;
    expect([5, 9].map((c) => (wb.worksheets[0].getCell(summary.cell(1, c)).value as { result: number }).result)).toEqual([2, 30]);
  });

  test("a bad incident row is reported by its line in the incident file; --map incidents.x names a column; an unknown second source is a usage error", async () => {
    const orders = csv("orders.csv", [HEADER, ...WORKED]);
    const events = csv("events.csv", [["Who", "When", "What"], ...WORKED_INCIDENTS, ["a", "never", "Late"]]);
    const r = await runCli(["template", "customer-growth", "--input", orders, "--with", `incidents=${events}`, "--map", "incidents.customer=Who", "--map", "incidents.date=When", "--map", "incidents.type=What", "--out", "bad.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("events.csv: 1 row cannot be used:\n  Line 5 [date]: Date \"never\" is not a date");
    const unknown = await runCli(["template", "customer-growth", "--input", orders, "--with", "tickets=t.csv"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('cxm: --with tickets=t.csv: template customer-growth has no second source "tickets" (its second sources: incidents).');
    const orphan = await runCli(["template", "customer-growth", "--input", orders, "--map", "incidents.type=What"], dir);
    expect(orphan.err).toBe("cxm: --map incidents.type: name the incident log file with --with incidents=file.csv.");
    const other = await runCli(["template", "cohort-retention", "--input", orders, "--with", `incidents=${events}`], dir);
    expect(other.err).toMatch(/template cohort-retention has no second source "incidents" \(it reads one file only\)/);
    const missing = await runCli(["template", "customer-growth", "--input", orders, "--with", `incidents=${events}`, "--out", "m.xlsx"], dir);
    expect(missing.err).toMatch(/events\.csv has no column for customer .*--map incidents\.customer="Your header"/);
    expect(readFileSync(path.join(dir, orders), "utf8")).toContain("Customer,Date");
  });

  test("cxm list shows the second source and its columns", async () => {
    const r = await runCli(["list"], dir);
    expect(r.out).toContain("  Incident log, optional (--with incidents=file.csv; --map incidents.column=Header):");
    expect(r.out).toMatch(/ {4}type \(optional\): Type; headers: type, tipo/);
  });
});

describe("both renderers", () => {
  const plan = T.build(input(WORKED, SMALL, WORKED_INCIDENTS));

  test(".xlsx: ExcelJS opens it; two waterfalls and a bar chart, the period table", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Customer growth", "Growth drivers"]);
    const tables = Object.keys((wb.getWorksheet("Customer growth") as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables).toEqual(["CustomerGrowth"]);
  });

  test("Office.js: a taken sheet name gets a suffix, the user's sheet is untouched, the waterfalls read from zero, in a handful of syncs", async () => {
    const fake = new FakeExcel({ sheets: { "Customer growth": { A1: "mine" } } });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["Customer growth (2)", "Growth drivers"]);
    expect(Object.fromEntries(fake.sheet("Customer growth").cells)).toEqual({ A1: "mine" });
    expect(fake.sheet("Customer growth (2)").charts).toHaveLength(2);
    expect(fake.sheet("Growth drivers").charts).toHaveLength(1);
    expect(fake.sheet("Customer growth (2)").charts.map((c) => c.axes.valueAxis.minimum)).toEqual([0, 0]);
    expect(fake.sheet("Growth drivers").charts.map((c) => c.axes.valueAxis.minimum)).toEqual([undefined]);
    expect(result.syncs).toBeLessThanOrEqual(4);
  });
});

describe("at Excel's limit", () => {
  test("1,048,576 transaction rows and an incident log: the build reads, aggregates and lays out", () => {
    const n = 1_048_576;
    const rand = seededRandom(12);
    const start = serialFromIso("2022-01-03");
    const customers = 100_000;
    const rows: unknown[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % customers;
      rows[i] = [`C${c}`, start + Math.floor(rand() * 1000), Math.round(rand() * 10000) / 100, c % 3 === 0 ? "Gold" : "Silver", "", ""];
    }
    const events = Array.from({ length: 20_000 }, (_, j) => [`C${j * 5}`, start + Math.floor(rand() * 900), j % 2 ? "Late" : "Outage"]);
    const b = built(input(rows, {}, events));
    expect(b.agg.transactions).toBe(n);
    expect(b.agg.report.totals.newCustomers).toBe(customers);
    expect(b.agg.report.incidents!.incidents.rows).toBe(20_000);
    expect(() => validatePlan(b.plan)).not.toThrow();
  });
});

test("registered after segment movement, with its second source", () => {
  const ids = templates.map((t) => t.id);
  expect(ids.indexOf("customer-growth")).toBe(ids.indexOf("segment-movement") + 1);
  expect(templates.find((t) => t.id === "customer-growth")!.secondarySources!.map((s) => s.key)).toEqual(["incidents"]);
});
