/**
 * Customer lifetime value (src/templates/customer-lifetime-value/): the
 * built sheets, recalculated by HyperFormula, against the metrics core
 * (rfmSummary, fitBgnbd, fitGammaGamma, P(alive), the Gamma-Gamma spend,
 * customerLifetimeValue; FHL 2005/2008 and Fader & Hardie 2013 are cited in
 * those modules' tests), the published CDNOW examples, validation (bad rows,
 * the partial-row rule, options), too little data, the Spanish build, and
 * both renderers. The holdout check on CDNOW is in
 * customer-lifetime-value-holdout.test.ts; the checks every v2 template
 * shares (language, layout, cached values, LibreOffice) in test/templates/v2/.
 */
import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from "../../src/metrics/clv/bgnbd";
import { fitBgnbd } from "../../src/metrics/clv/bgnbd-fit";
import { customerLifetimeValue } from "../../src/metrics/clv/clv";
import { fitGammaGamma, gammaGammaExpectedSpend } from "../../src/metrics/clv/gamma-gamma";
import { rfmSummary } from "../../src/metrics/rfm";
import { autoMap } from "../../src/templates/column-mapping";
import { ClvAggregate, clvAggregateFromRfm, resamplesWithin } from "../../src/templates/customer-lifetime-value/aggregate";
import { customerLifetimeValueParts, customerLifetimeValueTemplate as T } from "../../src/templates/customer-lifetime-value/descriptor";
import { SAMPLE_CLV_PARAMS, sampleClvTransactions } from "../../src/templates/customer-lifetime-value/sample";
import { ClvSheets, clvSheets, PRINTED_CUSTOMERS } from "../../src/templates/customer-lifetime-value/sheets";
import { CLV_STRINGS } from "../../src/templates/customer-lifetime-value/strings";
import type { BuildInput, Language } from "../../src/templates/registry-types";
import { TemplateInputError } from "../../src/templates/shared/errors";
import { cellName } from "../../src/workbook/a1";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { evaluatePlan, EvaluatedWorkbook } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const OPTIONS = { timeUnit: "week", horizon: 26, discountRate: 0.002, margin: 0.3, cutoff: "none", resamples: 0 };
const CLV_OPTIONS = { periods: 26, discountRate: 0.002, margin: 0.3 };

function input(rows: unknown[][], options: Record<string, string | number> = OPTIONS, header: unknown[] = ["Customer", "Date", "Amount"], language: Language = "en"): BuildInput {
  return { rows, mapping: autoMap(T.columns, header), options, sourceLabel: "Sheet1!A1:C4722", builtAt: BUILT, language, surface: "taskpane" };
}

const built = (i: BuildInput) => customerLifetimeValueParts.build(i);
/** Relative closeness: HyperFormula rounds at about 1e-14, the values span several orders of magnitude. */
const closeRel = (a: number, b: number, digits = 9) => expect(a / b).toBeCloseTo(1, digits);

/** A cell of the customer table: its k-th row (highest CLV first), column `c`. */
function customerCell(b: ClvSheets, k: number, c: keyof ClvSheets["columns"]): string {
  return b.at.customers.customers.cell(1 + k, b.columns[c]);
}

/** The model sheet's cell of a block's body. */
const modelCell = (b: ClvSheets, block: string, r: number, c: number) => b.at.clv[block].cell(r, c);

describe("customer lifetime value on the seeded sample, through the descriptor", () => {
  const sample = sampleClvTransactions();
  const data = sample.slice(1);
  const b = built(input(data));
  const { plan } = b;
  const wb = evaluatePlan(plan);
  // The metrics core, called directly: RFM summary, then both fits.
  const rfm = rfmSummary(data.map((r) => r[0] as string), data.map((r) => r[1] as number), data.map((r) => r[2] as number), { unit: "week" });
  const bg = fitBgnbd({ frequency: rfm.frequency, recency: rfm.recency, T: rfm.T });
  const gg = fitGammaGamma({ frequency: rfm.frequency, monetary: rfm.monetaryValue! });
  const index = new Map(rfm.ids.map((id, i) => [id, i]));
  const n = rfm.ids.length;

  test("the sample maps automatically, passes validation and gives a valid two-sheet plan (no holdout check asked)", () => {
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(T.validate(input(data))).toEqual({ goodRows: data.length, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.map((s) => s.name)).toEqual(["CLV model", "CLV by customer"]);
    expect(cellAt(plan.sheets[0], 2, 1)).toBe(`Source: Sheet1!A1:C4722 (${data.length.toLocaleString("en-US")} rows used). Built 2025-01-15 09:30 UTC by CXM.`);
    expect(plan.sheets[1].tables[0]).toMatchObject({ name: "ClvByCustomer", range: b.at.customers.customers.address });
    expect(plan.sheets[0].charts.map((c) => c.title)).toEqual(["Expected repeat purchases per week, the next 26 weeks", "Top 20 customers by CLV"]);
  });

  test("the sample generator is deterministic for a seed, in date order, with its header in the build's language", () => {
    expect(sampleClvTransactions({ seed: 3, customers: 40 })).toEqual(sampleClvTransactions({ seed: 3, customers: 40 }));
    expect(sampleClvTransactions({ seed: 3, customers: 40 })).not.toEqual(sampleClvTransactions({ seed: 4, customers: 40 }));
    for (let i = 2; i < data.length; i++) expect(data[i][1] as number).toBeGreaterThanOrEqual(data[i - 1][1] as number);
    expect(T.sample("es")[0]).toEqual(["Cliente", "Fecha", "Importe"]);
    expect(T.sample("es").slice(1)).toEqual(data);
  });

  test("the sample is BG/NBD-like: the fit recovers its weekly parameters roughly (1000 customers)", () => {
    const truth = SAMPLE_CLV_PARAMS.bgnbd;
    expect(bg.params.r / truth.r).toBeGreaterThan(0.7);
    expect(bg.params.r / truth.r).toBeLessThan(1.4);
    expect(bg.params.alpha / truth.alpha).toBeGreaterThan(0.7);
    expect(bg.params.alpha / truth.alpha).toBeLessThan(1.4);
    expect(bg.params.a / (bg.params.a + bg.params.b)).toBeCloseTo(truth.a / (truth.a + truth.b), 1);
  });

  test("the fitted parameters and log-likelihoods on the sheet are those of fitBgnbd / fitGammaGamma (core)", () => {
    const pairs: [string, number, number][] = [
      ["bg", 1, bg.params.r], ["bg", 2, bg.params.alpha], ["bg", 3, bg.params.a], ["bg", 4, bg.params.b], ["bg", 5, bg.logLikelihood],
      ["gg", 1, gg.params.p], ["gg", 2, gg.params.q], ["gg", 3, gg.params.gamma], ["gg", 4, gg.logLikelihood],
    ];
    for (const [block, r, expected] of pairs) closeRel(wb.number("clv", modelCell(b, block, r, 1)), expected, 12);
    // The model's mean spend per purchase is a formula: p·γ/(q − 1).
    closeRel(wb.number("clv", modelCell(b, "gg", 5, 1)), (gg.params.p * gg.params.gamma) / (gg.params.q - 1), 12);
  });

  test("every customer row: the RFM columns equal rfmSummary, and the formulas equal P(alive), expected spend and CLV (core)", () => {
    let previous = Infinity;
    for (let k = 0; k < n; k++) {
      const id = wb.value("customers", customerCell(b, k, "customer")) as string;
      const i = index.get(id)!;
      const x = wb.number("customers", customerCell(b, k, "frequency"));
      const tx = wb.number("customers", customerCell(b, k, "recency"));
      const Tt = wb.number("customers", customerCell(b, k, "T"));
      const m = wb.number("customers", customerCell(b, k, "monetary"));
      expect(x).toBe(rfm.frequency[i]);
      // HyperFormula reads values back at 14 significant digits.
      const near = (a: number, b: number) => (b === 0 ? expect(a).toBe(0) : closeRel(a, b, 12));
      near(tx, rfm.recency[i]);
      near(Tt, rfm.T[i]);
      near(m, rfm.monetaryValue![i]);
      // First purchase: the day T weeks before the observation end.
      expect(wb.number("customers", customerCell(b, k, "firstPurchase"))).toBe(rfm.asOf - Math.round(Tt * 7));
      expect(wb.number("customers", customerCell(b, k, "pAlive"))).toBeCloseTo(bgnbdProbabilityAlive(bg.params, x, tx, Tt), 12);
      closeRel(wb.number("customers", customerCell(b, k, "expected")), bgnbdConditionalExpectedPurchases(bg.params, 26, x, tx, Tt), 12);
      closeRel(wb.number("customers", customerCell(b, k, "spend")), gammaGammaExpectedSpend(gg.params, x, m), 12);
      const clv = customerLifetimeValue(bg.params, gg.params, { frequency: x, recency: tx, T: Tt, monetary: m }, CLV_OPTIONS);
      const cell = wb.number("customers", customerCell(b, k, "clv"));
      closeRel(cell, clv, 9);
      expect(cell).toBeLessThanOrEqual(previous * (1 + 1e-12)); // highest CLV first
      previous = cell;
    }
  });

  test("totals, the top list and the by-period table agree with the per-customer table; the margin input moves CLV", () => {
    let clvSum = 0, expectedSum = 0, alive = 0, discounted = 0;
    for (let k = 0; k < n; k++) {
      clvSum += wb.number("customers", customerCell(b, k, "clv"));
      expectedSum += wb.number("customers", customerCell(b, k, "expected"));
      alive += wb.number("customers", customerCell(b, k, "pAlive"));
      discounted += wb.number("customers", customerCell(b, k, "discounted"));
    }
    closeRel(wb.number("clv", b.cells.totalClv), clvSum, 12);
    closeRel(wb.number("clv", b.cells.expectedPurchases), expectedSum, 12);
    closeRel(wb.number("clv", b.cells.expectedActive), alive, 12);
    // The periods' expected purchases add up to the horizon's, and, discounted by the sheet's own factors, to the discounted ones.
    const periods = b.at.clv.periods;
    let perPeriod = 0, perPeriodDiscounted = 0;
    for (let k = 0; k < 26; k++) {
      perPeriod += wb.number("clv", periods.cell(1 + k, 1));
      perPeriodDiscounted += wb.number("clv", periods.cell(1 + k, 4));
      expect(wb.number("clv", periods.cell(1 + k, 3))).toBeCloseTo(1 / 1.002 ** (k + 1), 14);
    }
    closeRel(perPeriod, expectedSum, 12);
    closeRel(wb.number("clv", periods.cell(26, 2)), expectedSum, 12);
    closeRel(perPeriodDiscounted, discounted, 12);
    // The top list is the customer table's first rows.
    const top = b.at.clv.top;
    expect(top.rows).toBe(21);
    expect(wb.value("clv", top.cell(1, 0))).toBe(wb.value("customers", customerCell(b, 0, "customer")));
    expect(wb.number("clv", top.cell(2, 4))).toBe(wb.number("customers", customerCell(b, 1, "clv")));
    // Margin 0.3 -> 0.6 doubles every CLV.
    const w = evaluatePlan(plan);
    w.set("clv", b.cells.margin, 0.6);
    closeRel(w.number("clv", b.cells.totalClv), 2 * clvSum, 12);
  });

  test("headlines: computed by the core, equal to the cells that show them", () => {
    const h = T.headlines!(input(data));
    expect(h.map((x) => x.label.en)).toEqual(["Customers expected to be active", "Total CLV", "Average CLV per customer"]);
    for (const x of h) closeRel(wb.number(x.sheet, x.cell), x.value, 9);
    let total = 0;
    rfm.ids.forEach((_, i) => (total += customerLifetimeValue(bg.params, gg.params, { frequency: rfm.frequency[i], recency: rfm.recency[i], T: rfm.T[i], monetary: rfm.monetaryValue![i] }, CLV_OPTIONS)));
    closeRel(h[1].value, total, 9);
  });

  test("the formulas reproduce the published CDNOW examples when given FHL's parameters", () => {
    // FHL (2005) CDNOW estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426; customer 1: x = 2, t_x = 30.43, T = 38.86
    // has P(alive) = 0.7265 (bgnbd.ts @example, from FHL 2008). Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 (Fader &
    // Hardie 2013) give E(M | x = 2, m̄ = 22.35) = 24.66 (gamma-gamma.ts @example).
    const w = evaluatePlan(plan);
    const set = (block: string, r: number, v: number) => w.set("clv", modelCell(b, block, r, 1), v);
    [0.243, 4.414, 0.793, 2.426].forEach((v, i) => set("bg", 1 + i, v));
    [6.25, 3.74, 15.44].forEach((v, i) => set("gg", 1 + i, v));
    const put = (c: keyof ClvSheets["columns"], v: number) => w.set("customers", customerCell(b, 0, c), v);
    put("frequency", 2);
    put("recency", 30.43);
    put("T", 38.86);
    put("monetary", 22.35);
    expect(w.number("customers", customerCell(b, 0, "pAlive"))).toBeCloseTo(0.7265, 3);
    expect(w.number("customers", customerCell(b, 0, "pAlive"))).toBeCloseTo(bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86), 12);
    expect(w.number("customers", customerCell(b, 0, "spend"))).toBeCloseTo(24.66, 2);
    // A customer with 200 repeat purchases long ago: the power would overflow; the formula gives P(alive) ≈ 0, not #NUM!.
    put("frequency", 200);
    put("recency", 1);
    put("T", 500);
    const p = w.number("customers", customerCell(b, 0, "pAlive"));
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
    // A mean spend cleared to text (or left blank: no readable repeat amount): the model's mean spend p·γ/(q − 1), not #VALUE!.
    w.set("customers", customerCell(b, 0, "monetary"), "");
    expect(w.number("customers", customerCell(b, 0, "spend"))).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  });
});

describe("the bootstrapped ranges on the sheet", () => {
  const data = sampleClvTransactions({ customers: 500, seed: 11 }).slice(1);
  const b = built(input(data, { ...OPTIONS, resamples: 40 }));
  const wb = evaluatePlan(b.plan);
  const boot = b.agg.bootstrap!;

  test("the range block states the resamples and seed; low and high are CLV × the bootstrap's shares, and follow the margin", () => {
    const range = b.at.clv.range;
    const note = b.plan.sheets[0].sections.find((s) => s.title.startsWith("How sure"))!.note;
    expect(note).toContain("resampled 40 times with replacement (seed 1");
    expect(boot.replicates + boot.failed).toBe(40);
    const total = wb.number("clv", b.cells.totalClv);
    // At a margin of 100% the bootstrap's estimate is the sheet's total CLV / margin.
    closeRel(boot.total.estimate * 0.3, total, 9);
    closeRel(wb.number("clv", range.cell(1, 4)), (total * boot.total.low) / boot.total.estimate, 9);
    closeRel(wb.number("clv", range.cell(1, 5)), (total * boot.total.high) / boot.total.estimate, 9);
    expect(wb.number("clv", range.cell(1, 4))).toBeLessThan(total);
    expect(wb.number("clv", range.cell(1, 5))).toBeGreaterThan(total);
    const w = evaluatePlan(b.plan);
    w.set("clv", b.cells.margin, 0.9);
    closeRel(w.number("clv", range.cell(1, 4)), 3 * wb.number("clv", range.cell(1, 4)), 9);
  });

  test("each top customer's range is the bootstrap's for that customer, around their CLV", () => {
    const top = b.at.clv.top;
    expect(boot.top.length).toBe(20);
    for (let k = 0; k < 20; k++) {
      const i = b.agg.order[k];
      const r = boot.top.find((x) => x.index === i)!;
      const clv = wb.number("clv", top.cell(1 + k, 4));
      closeRel(r.estimate * 0.3, clv, 9);
      closeRel(wb.number("clv", top.cell(1 + k, 7)), (clv * r.low) / r.estimate, 9);
      closeRel(wb.number("clv", top.cell(1 + k, 8)), (clv * r.high) / r.estimate, 9);
    }
  });

  test("many customers: fewer resamples than asked (customers × resamples within the budget, never under 20), said on the sheet", () => {
    expect(resamplesWithin(100, 100_000)).toBe(100);
    expect(resamplesWithin(100, 250_000)).toBe(40);
    expect(resamplesWithin(100, 1_048_575)).toBe(20);
    expect(resamplesWithin(0, 1_000_000)).toBe(0);
    // 500 customers with a budget of 12,500 customer-resamples: 25 of the 40 asked.
    const capped = clvAggregateFromRfm(b.agg.rfm, { ...b.agg.settings, resamples: 40, bootstrapBudget: 12_500 });
    expect(capped.bootstrap!.replicates + capped.bootstrap!.failed).toBe(25);
    const sheets = clvSheets(capped, { moneyFormat: "0.00", source: { label: "x", used: 1, leftOut: 0, surface: "cli", builtAt: BUILT }, unknownAmounts: 0 }, CLV_STRINGS.en);
    const note = sheets.plan.sheets[0].sections.find((x) => x.title.startsWith("How sure"))!.note;
    expect(note).toContain("resampled 25 times");
    expect(note).toContain("Fewer resamples than the 40 asked: with 500 customers");
    expect(clvSheets(capped, { moneyFormat: "0.00", source: { label: "x", used: 1, leftOut: 0, surface: "cli", builtAt: BUILT }, unknownAmounts: 0 }, CLV_STRINGS.es).plan.sheets[0].sections.find((x) => x.title.startsWith("Qué seguridad"))!.note).toContain(
      "Menos remuestras que las 40 pedidas: con 500 clientes",
    );
    expect(b.plan.sheets[0].sections.find((x) => x.title.startsWith("How sure"))!.note).not.toContain("Fewer resamples");
  });

  test("resamples 0: no range block, no range columns", () => {
    const none = built(input(data, OPTIONS));
    expect(none.agg.bootstrap).toBeNull();
    expect(none.at.clv.range).toBeUndefined();
    expect(none.at.clv.top.columns).toBe(5);
  });
});

describe("validation: bad rows named, unreadable amounts kept for purchases (the partial-row rule)", () => {
  const data = sampleClvTransactions({ customers: 400, seed: 9 }).slice(1);
  const bad: unknown[][] = [
    ["", 45000, 10], // blank customer
    ["C-0001", "next Tuesday", 10], // not a date
    ["C-0002", -3, 10], // a number Excel cannot show as a date
    ["C-0003", 45000, -25], // negative amount (a refund): not a purchase
  ];
  const mixed = [...data.slice(0, 10), ...bad, ...data.slice(10)];

  test("Spanish headers map automatically; each bad row is named with its column, in both languages", () => {
    const header = ["Cliente", "Fecha", "Monto"];
    expect(autoMap(T.columns, header)).toEqual({ customer: 0, date: 1, amount: 2 });
    const report = T.validate(input(mixed, OPTIONS, header));
    expect(report.goodRows).toBe(data.length);
    expect(report.blocking).toEqual([]);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [10, "customer"],
      [11, "date"],
      [12, "date"],
      [13, "amount"],
    ]);
    expect(report.problems[1].message.es).toBe("Fecha «next Tuesday» no es una fecha; use una celda de fecha o texto ISO como 2024-03-15.");
    expect(report.problems[3].message.en).toBe("Amount -25 is negative; it cannot be below 0.");
  });

  // The last rows of two repeat customers get an unreadable or blank amount: still purchases, not spend.
  const withUnknown: unknown[][] = data.map((r) => [...r]);
  const repeatCustomers = [...new Set(data.map((r) => r[0] as string))].filter((id) => new Set(data.filter((r) => r[0] === id).map((r) => r[1])).size >= 4).slice(0, 2);
  const lastRow = (id: string) => withUnknown.map((r) => r[0]).lastIndexOf(id);
  withUnknown[lastRow(repeatCustomers[0])][2] = "ten";
  withUnknown[lastRow(repeatCustomers[1])][2] = "";

  test("a row with an unreadable amount is kept, the report notes it in both languages, and it counts as a purchase", () => {
    const report = T.validate(input(withUnknown));
    expect(report.problems).toEqual([]);
    expect(report.goodRows).toBe(data.length);
    expect(report.notes).toEqual([
      {
        message: {
          en: expect.stringMatching(/^2 rows have no readable amount: they count as a purchase \(repeat purchases, recency\), not in the mean spend/),
          es: expect.stringMatching(/^2 filas no tienen un importe legible: cuentan como compra/),
        },
        rows: [lastRow(repeatCustomers[0]), lastRow(repeatCustomers[1])].sort((a, b) => a - b),
      },
    ]);
  });

  test("their customers' repeat purchases and recency are as with the amounts; the mean spend leaves those days out", () => {
    const ids = data.map((r) => r[0] as string), dates = data.map((r) => r[1] as number), amounts = data.map((r) => r[2] as number);
    const full = rfmSummary(ids, dates, amounts, { unit: "week" });
    const agg: ClvAggregate = built(input(withUnknown)).agg;
    for (const id of repeatCustomers) {
      const i = full.ids.indexOf(id);
      const j = agg.rfm.ids.indexOf(id);
      expect([agg.rfm.frequency[j], agg.rfm.recency[j], agg.rfm.T[j]]).toEqual([full.frequency[i], full.recency[i], full.T[i]]);
      // Written out: the mean of the other repeat days' amounts (one row per day in the sample).
      const rows = data.filter((r) => r[0] === id);
      const repeatDays = rows.slice(1, -1).map((r) => r[2] as number);
      expect(agg.rfm.monetaryValue![j]).toBeCloseTo(repeatDays.reduce((a, b) => a + b, 0) / repeatDays.length, 10);
      expect(agg.spendFrequency![j]).toBe(full.frequency[i] - 1);
    }
  });

  test("the sheet shows the repeat purchases with an amount and states the kept rows; the spend formula uses them", () => {
    const b = built(input(withUnknown));
    const customers = b.plan.sheets[1];
    expect(cellAt(customers, 4, 1)).toBe(CLV_STRINGS.en.unknownSpendNote(2));
    const header = b.at.customers.customers;
    expect(cellAt(customers, header.row(0), header.column(b.columns.spendX))).toBe("Repeat purchases with an amount");
    const wb = evaluatePlan(b.plan);
    const gg = b.agg.gammaGamma.params;
    const k = Array.from(b.agg.order).findIndex((i) => b.agg.rfm.ids[i] === repeatCustomers[0]);
    const i = b.agg.order[k];
    const xs = b.agg.spendFrequency![i];
    expect(xs).toBeLessThan(b.agg.rfm.frequency[i]);
    closeRel(wb.number("customers", customerCell(b, k, "spend")), gammaGammaExpectedSpend(gg, xs, b.agg.rfm.monetaryValue![i]), 12);
  });

  test("a customer whose only repeat amount is unreadable: blank mean spend, valued at the model's mean spend per purchase", () => {
    const rows: unknown[][] = [...data, ["Z-1", data[0][1], 40], ["Z-1", (data[0][1] as number) + 30, "n/a"]];
    const b = built(input(rows));
    const i = b.agg.rfm.ids.indexOf("Z-1");
    expect(b.agg.rfm.frequency[i]).toBe(1);
    expect(Number.isNaN(b.agg.rfm.monetaryValue![i])).toBe(true);
    const k = Array.from(b.agg.order).indexOf(i);
    const wb = evaluatePlan(b.plan);
    expect(wb.value("customers", customerCell(b, k, "monetary"))).toBeNull();
    const gg = b.agg.gammaGamma.params;
    closeRel(wb.number("customers", customerCell(b, k, "spend")), (gg.p * gg.gamma) / (gg.q - 1), 12);
  });

  test("bad options and unmapped columns block the build with a message in both languages", () => {
    expect(T.validate(input(data, { ...OPTIONS, horizon: 0 })).blocking).toEqual([{ en: CLV_STRINGS.en.badHorizon, es: "El horizonte debe ser un número entero de periodos entre 1 y 1000." }]);
    expect(T.validate(input(data, { ...OPTIONS, margin: 1.5 })).blocking[0].es).toMatch(/margen/);
    expect(T.validate(input(data, { ...OPTIONS, resamples: 5 })).blocking[0].en).toMatch(/from 20 to 2,000/);
    expect(T.validate(input(data, { ...OPTIONS, cutoff: "next week" })).blocking[0]).toEqual({
      en: 'The cut-off "next week" is not a date: give it as 2024-06-30, leave it empty for the middle of the dates, or write none.',
      es: "La fecha de corte «next week» no es una fecha: escríbala como 2024-06-30, déjela vacía para la mitad de las fechas o escriba ninguna.",
    });
    expect(T.validate(input(data, { ...OPTIONS, cutoff: "2030-01-01" })).blocking[0].en).toMatch(/^The cut-off 2030-01-01 leaves nothing on one side: the purchases run from 2023-01-\d\d to 2024-06-\d\d/);
    const unmapped = { ...input(data), mapping: { customer: 0, date: -1, amount: 2 } };
    expect(T.validate(unmapped).blocking[0].en).toBe("The Date column is required: map a source column to it.");
    expect(() => T.build(unmapped)).toThrow(TemplateInputError);
  });
});

describe("too little data gives a clear message, not a broken sheet", () => {
  test("no repeat purchase at all: validation blocks, and the build refuses with the same words", () => {
    const once = [["A", 45292, 10], ["B", 45293, 20], ["C", 45300, 15]];
    const report = T.validate(input(once));
    expect(report.goodRows).toBe(3);
    expect(report.blocking[0].en).toMatch(/No customer bought on more than one day/);
    expect(() => T.build({ ...input(once), language: "es" })).toThrow(/Ningún cliente compró en más de un día/);
  });

  test("a fit without a proper maximum (two customers) fails with the reason, in the build's language", () => {
    // a buys on 2024-01-01 and 01-08, b on 01-01: frequency [1, 0], recency [1, 0], T [1, 1] in weeks;
    // fitBgnbd finds no proper maximum there (its likelihood is flat in some direction).
    const tiny = [["a", 45292, 10], ["a", 45299, 12], ["b", 45292, 8]];
    expect(T.validate(input(tiny)).blocking).toEqual([]);
    let error: unknown;
    try {
      T.build(input(tiny));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateInputError);
    expect((error as Error).message).toMatch(/^The CLV models could not be fitted to these transactions\. .*\(The BG\/NBD fit did not converge/);
    expect((error as TemplateInputError).messages.es).toMatch(/^No se pudieron ajustar los modelos de CLV/);
  });

  test("a cut-off so early that the calibration fit fails: the message names the cut-off; automatic, the check is left out and said so", () => {
    const data = sampleClvTransactions({ customers: 300, seed: 5 }).slice(1);
    const first = data[0][1] as number;
    const early = new Date(Math.round((first + 1 - 25569) * 86400000)).toISOString().slice(0, 10);
    expect(() => T.build(input(data, { ...OPTIONS, cutoff: early }))).toThrow(new RegExp(`^The purchase model could not be fitted on the purchases up to the cut-off ${early}`));
    // Automatic: fine here (the sample has enough history before its middle) …
    const auto = built(input(data, { ...OPTIONS, cutoff: "" }));
    expect(auto.plan.sheets.map((s) => s.key)).toEqual(["clv", "customers", "holdout"]);
  });
});

describe("the Spanish build", () => {
  const data = sampleClvTransactions({ customers: 300, seed: 4 }).slice(1);
  const b = built(input(data, { ...OPTIONS, resamples: 20, cutoff: "" }, ["Cliente", "Fecha", "Importe"], "es"));

  test("sheet names, names and money in Spanish: euros after the number by default", () => {
    expect(b.plan.sheets.map((s) => s.name)).toEqual(["Modelo de CLV", "CLV por cliente", "Validación del CLV"]);
    expect(b.plan.sheets[0].names.map((x) => x.name)).toEqual(expect.arrayContaining(["CLV_margen", "BGNBD_r", "GG_gamma"]));
    expect(b.plan.sheets[1].tables[0].name).toBe("ClvPorCliente");
    const formats = b.plan.sheets[0].formats.map((f) => f.numberFormat);
    expect(formats).toContain('#,##0.00 "€"');
    expect(b.plan.sheets[0].charts.map((c) => c.title)).toEqual(["Compras repetidas esperadas por semana, las próximas 26 semanas", "Los 20 clientes con mayor CLV"]);
  });

  test("the same numbers as the English build", () => {
    const en = built(input(data, { ...OPTIONS, resamples: 20, cutoff: "" }));
    const [we, ws] = [evaluatePlan(en.plan), evaluatePlan(b.plan)];
    for (const cell of ["totalClv", "expectedActive", "actualHoldout", "predictedHoldout"] as const) {
      expect(ws.number(b.plan.sheets.find((s) => cell.endsWith("Holdout") ? s.key === "holdout" : s.key === "clv")!.key, b.cells[cell]!)).toBe(
        we.number(cell.endsWith("Holdout") ? "holdout" : "clv", en.cells[cell]!),
      );
    }
  });
});

describe("both renderers", () => {
  const b = built(input(sampleClvTransactions({ customers: 300, seed: 4 }).slice(1), { timeUnit: "month", horizon: 12, discountRate: 0.008, margin: 1, resamples: 20 }));
  const plan = b.plan;
  const wb: EvaluatedWorkbook = evaluatePlan(plan);

  test(".xlsx: ExcelJS reads back the three sheets, the cross-sheet formulas with their values, tables and charts", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(4);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["CLV model", "CLV by customer", "CLV holdout check"]);
    const cs = book.getWorksheet("CLV by customer")!;
    const pAliveCell = cs.getCell(customerCell(b, 0, "pAlive")).value as { formula: string; result: number };
    expect(pAliveCell.formula).toMatch(/^IF\(C\d+=0,1,1\/\(1\+EXP\(MIN\(500,LN\('CLV model'!\$B\$\d+\/\('CLV model'!\$B\$\d+\+C\d+-1\)\)/);
    expect(pAliveCell.result).toBe(b.agg.pAlive[b.agg.order[0]]);
    closeRel(pAliveCell.result, wb.number("customers", customerCell(b, 0, "pAlive")), 12);
    const clvCell = cs.getCell(customerCell(b, 0, "clv")).value as { formula: string };
    expect(clvCell.formula).toMatch(/^'CLV model'!\$B\$\d+\*[A-Z]+\d+\*[A-Z]+\d+$/);
    const tables = (name: string) => (book.getWorksheet(name) as unknown as { getTables(): { table: { name: string } }[] }).getTables().map((t) => t.table.name);
    expect(tables("CLV by customer")).toEqual(["ClvByCustomer"]);
    expect(tables("CLV model")).toEqual(["ClvByPeriod"]);
    expect(tables("CLV holdout check")).toEqual(["ClvTracking"]);
  }, 30_000);

  test("Office.js: applies against the fake beside a taken sheet name, with the names, tables and charts, in a handful of syncs", async () => {
    const fake = new FakeExcel({ sheets: { "CLV model": { A1: "mine" } } });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["CLV model (2)", "CLV by customer", "CLV holdout check"]);
    expect(result.syncs).toBeLessThanOrEqual(4);
    expect(fake.sheet("CLV model").cells.get("A1")).toBe("mine");
    expect(fake.sheet("CLV model (2)").charts).toHaveLength(2);
    expect(fake.sheet("CLV holdout check").charts).toHaveLength(2);
    expect(fake.sheet("CLV by customer").tables.map((t) => t.name)).toEqual(["ClvByCustomer"]);
    expect(fake.workbookNames.map((x) => x.name)).toEqual(expect.arrayContaining(["CLV_margin", "BGNBD_r", "GG_gamma"]));
    expect(fake.sheet("CLV by customer").cells.get(customerCell(b, 0, "clv"))).toMatch(/^='CLV model \(2\)'!\$B\$\d+\*[A-Z]+\d+\*[A-Z]+\d+$/);
  });

  test("the customer sheet prints its header on every page, and only the first customers when there are many", () => {
    const cs = plan.sheets[1];
    const header = b.at.customers.customers.row(0);
    expect(cs.print).toMatchObject({ titleRows: { first: header, last: header } });
    expect(cs.freeze).toEqual({ rows: header, columns: 1 });
    expect(cs.print!.area).toBe(`A1:${cellName(header + PRINTED_CUSTOMERS, b.at.customers.customers.columns)}`);
    // Customer … CLV: 11 columns (no "repeat purchases with an amount" column when every amount was read).
    expect(cs.print!.area).toBe(`A1:K${header + 100}`);
  });
});
