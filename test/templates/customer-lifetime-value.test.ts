import ExcelJS from "exceljs";
import { applyPlanInContext } from "../../src/excel/apply-plan";
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from "../../src/metrics/clv/bgnbd";
import { fitBgnbd } from "../../src/metrics/clv/bgnbd-fit";
import { customerLifetimeValue } from "../../src/metrics/clv/clv";
import { fitGammaGamma, gammaGammaExpectedSpend } from "../../src/metrics/clv/gamma-gamma";
import { rfmSummary } from "../../src/metrics/rfm";
import { customerLifetimeValueTemplate as T, customerLifetimeValueWorkbook, Transaction } from "../../src/templates/customer-lifetime-value";
import type { BuildInput } from "../../src/templates/registry-types";
import { SAMPLE_CLV_PARAMS, sampleClvTransactions } from "../../src/templates/sample-clv-transactions";
import { TemplateInputError } from "../../src/templates/descriptor-kit";
import { autoMap } from "../../src/templates/column-mapping";
import { cellAt, validatePlan } from "../../src/workbook/plan";
import { writePlanToBuffer } from "../../src/xlsx/write-plan";
import { FakeExcel } from "../support/excel-batch-fake";
import { evaluatePlan } from "../support/evaluate-plan";

const BUILT = new Date("2025-01-15T09:30:00Z");
const OPTIONS = { timeUnit: "week", horizon: 26, discountRate: 0.002, margin: 0.3 };

function input(rows: unknown[][], options: Record<string, string | number> = OPTIONS, header: unknown[] = ["Customer", "Date", "Amount"]): BuildInput {
  return { rows, mapping: autoMap(T.columns, header), options, sourceLabel: "Sheet1!A1:C4722", builtAt: BUILT, language: "en", surface: "taskpane" };
}

const asTransactions = (rows: unknown[][]): Transaction[] => rows.map((r) => ({ customer: r[0] as string, date: r[1] as number, amount: r[2] as number }));
/** Relative closeness: HyperFormula rounds at about 1e-14, the values span several orders of magnitude. */
const closeRel = (a: number, b: number, digits = 9) => expect(a / b).toBeCloseTo(1, digits);

describe("customer lifetime value on the seeded sample, through the descriptor", () => {
  const sample = sampleClvTransactions();
  const data = sample.slice(1);
  const plan = T.build(input(data));
  const wb = evaluatePlan(plan);
  const { layout } = customerLifetimeValueWorkbook(asTransactions(data), { unit: "week", horizon: 26, discountRate: 0.002, margin: 0.3 });
  const K = layout.columns;
  // The metrics core, called directly: RFM summary, then both fits.
  const tx = asTransactions(data);
  const rfm = rfmSummary(tx.map((t) => t.customer), tx.map((t) => t.date), tx.map((t) => t.amount), { unit: "week" });
  const bg = fitBgnbd({ frequency: rfm.frequency, recency: rfm.recency, T: rfm.T });
  const gg = fitGammaGamma({ frequency: rfm.frequency, monetary: rfm.monetaryValue! });
  const index = new Map(rfm.ids.map((id, i) => [id, i]));
  const rows = rfm.ids.length;

  test("the sample maps automatically, passes validation and gives a valid two-sheet plan", () => {
    expect(autoMap(T.columns, sample[0])).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(T.validate(input(data))).toEqual({ goodRows: data.length, problems: [], blocking: [] });
    expect(() => validatePlan(plan)).not.toThrow();
    expect(plan.sheets.map((s) => s.name)).toEqual(["CLV model", "CLV by customer"]);
    expect(cellAt(plan.sheets[0], 2, 1)).toBe(`Source: Sheet1!A1:C4722. ${data.length} transactions of 1000 customers. Built 2025-01-15 09:30 UTC by CXM.`);
    expect(plan.sheets[1].tables[0]).toMatchObject({ name: "ClvByCustomer", range: `A5:L${5 + rows}` });
    expect(plan.sheets[0].charts.map((c) => c.title)).toEqual(["Expected repeat purchases per week, next 26 weeks", "Top 20 customers by CLV"]);
  });

  test("the sample generator is deterministic for a seed, in date order", () => {
    expect(sampleClvTransactions({ seed: 3, customers: 40 })).toEqual(sampleClvTransactions({ seed: 3, customers: 40 }));
    expect(sampleClvTransactions({ seed: 3, customers: 40 })).not.toEqual(sampleClvTransactions({ seed: 4, customers: 40 }));
    for (let i = 2; i < data.length; i++) expect(data[i][1] as number).toBeGreaterThanOrEqual(data[i - 1][1] as number);
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
    const c = layout.cells;
    // HyperFormula rounds what it returns to 14 significant digits: compare relatively.
    const pairs: [keyof typeof c, number][] = [
      ["r", bg.params.r], ["alpha", bg.params.alpha], ["a", bg.params.a], ["b", bg.params.b], ["bgLogLikelihood", bg.logLikelihood],
      ["p", gg.params.p], ["q", gg.params.q], ["gamma", gg.params.gamma], ["ggLogLikelihood", gg.logLikelihood],
    ];
    for (const [cell, expected] of pairs) closeRel(wb.number("clv", c[cell]), expected, 12);
    // And the plan holds the core's numbers exactly.
    expect(cellAt(plan.sheets[0], Number(c.r.slice(1)), 2)).toBe(bg.params.r);
    expect(cellAt(plan.sheets[0], Number(c.gamma.slice(1)), 2)).toBe(gg.params.gamma);
  });

  test("every customer row: RFM columns equal rfmSummary, and the formulas equal P(alive), expected spend and CLV (core)", () => {
    let previous = Infinity;
    for (let k = 0; k < rows; k++) {
      const r = layout.customerRow + k;
      const id = wb.value("customers", `${K.customer}${r}`) as string;
      const i = index.get(id)!;
      const x = wb.number("customers", `${K.frequency}${r}`);
      const tx_ = wb.number("customers", `${K.recency}${r}`);
      const Tt = wb.number("customers", `${K.T}${r}`);
      const m = wb.number("customers", `${K.monetary}${r}`);
      expect(x).toBe(rfm.frequency[i]);
      [tx_, Tt, m].forEach((v, j) => expect(v).toBeCloseTo([rfm.recency[i], rfm.T[i], rfm.monetaryValue![i]][j], 10));
      expect(wb.number("customers", `${K.pAlive}${r}`)).toBeCloseTo(bgnbdProbabilityAlive(bg.params, x, tx_, Tt), 12);
      closeRel(wb.number("customers", `${K.expected}${r}`), bgnbdConditionalExpectedPurchases(bg.params, 26, x, tx_, Tt), 12);
      closeRel(wb.number("customers", `${K.spend}${r}`), gammaGammaExpectedSpend(gg.params, x, m), 12);
      const clv = customerLifetimeValue(bg.params, gg.params, { frequency: x, recency: tx_, T: Tt, monetary: m }, { periods: 26, discountRate: 0.002, margin: 0.3 });
      const cell = wb.number("customers", `${K.clv}${r}`);
      closeRel(cell, clv, 9);
      expect(cell).toBeLessThanOrEqual(previous * (1 + 1e-12)); // highest CLV first
      previous = cell;
    }
  });

  test("totals, the top list and the by-period table agree with the per-customer table; the margin input moves CLV", () => {
    const c = layout.cells;
    let clvSum = 0, expectedSum = 0, alive = 0, discounted = 0;
    for (let k = 0; k < rows; k++) {
      const r = layout.customerRow + k;
      clvSum += wb.number("customers", `${K.clv}${r}`);
      expectedSum += wb.number("customers", `${K.expected}${r}`);
      alive += wb.number("customers", `${K.pAlive}${r}`);
      discounted += wb.number("customers", `${K.discounted}${r}`);
    }
    closeRel(wb.number("clv", c.totalClv), clvSum, 12);
    closeRel(wb.number("clv", c.expectedPurchases), expectedSum, 12);
    closeRel(wb.number("clv", c.expectedAlive), alive, 12);
    // The periods' expected purchases add up to the horizon's, and discounted by the sheet's own factors to the discounted ones.
    let perPeriod = 0, perPeriodDiscounted = 0;
    for (let k = 0; k < 26; k++) {
      perPeriod += wb.number("clv", `B${layout.periodRow + k}`);
      perPeriodDiscounted += wb.number("clv", `E${layout.periodRow + k}`);
    }
    closeRel(perPeriod, expectedSum, 12);
    closeRel(wb.number("clv", `C${layout.periodRow + 25}`), expectedSum, 12);
    closeRel(perPeriodDiscounted, discounted, 12);
    // Top list = first rows of the customer table.
    expect(wb.value("clv", `A${layout.topRow}`)).toBe(wb.value("customers", `A${layout.customerRow}`));
    expect(wb.number("clv", `E${layout.topRow + 1}`)).toBe(wb.number("customers", `${K.clv}${layout.customerRow + 1}`));
    // Margin 0.3 -> 0.6 doubles every CLV.
    const w = evaluatePlan(plan);
    w.set("clv", c.margin, 0.6);
    closeRel(w.number("clv", c.totalClv), 2 * clvSum, 12);
  });

  test("headlines: computed by the core (P(alive), customerLifetimeValue), equal to the cells that show them", () => {
    const h = T.headlines!(input(data));
    expect(h.map((x) => x.label.en)).toEqual(["Customers expected to be active", "Total CLV", "Average CLV per customer"]);
    for (const x of h) closeRel(wb.number(x.sheet, x.cell), x.value, 9);
  });

  test("the formulas reproduce the published CDNOW examples when given FHL's parameters", () => {
    // FHL (2005) CDNOW estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426; customer 1: x = 2, t_x = 30.43, T = 38.86
    // has P(alive) = 0.7265 (bgnbd.ts @example, from FHL 2008). Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 (Fader &
    // Hardie 2013) give E(M | x = 2, m̄ = 22.35) = 24.66 (gamma-gamma.ts @example).
    const w = evaluatePlan(plan);
    const c = layout.cells;
    Object.entries({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, gamma: 15.44 }).forEach(([k, v]) => w.set("clv", c[k as "r"], v));
    const r = layout.customerRow;
    w.set("customers", `${K.frequency}${r}`, 2);
    w.set("customers", `${K.recency}${r}`, 30.43);
    w.set("customers", `${K.T}${r}`, 38.86);
    w.set("customers", `${K.monetary}${r}`, 22.35);
    expect(w.number("customers", `${K.pAlive}${r}`)).toBeCloseTo(0.7265, 3);
    expect(w.number("customers", `${K.pAlive}${r}`)).toBeCloseTo(bgnbdProbabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86), 12);
    expect(w.number("customers", `${K.spend}${r}`)).toBeCloseTo(24.66, 2);
    // A customer with 200 repeat purchases long ago: the power would overflow; the formula gives P(alive) ≈ 0, not #NUM!.
    w.set("customers", `${K.frequency}${r}`, 200);
    w.set("customers", `${K.recency}${r}`, 1);
    w.set("customers", `${K.T}${r}`, 500);
    const p = w.number("customers", `${K.pAlive}${r}`);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });
});

describe("customer lifetime value: validation names bad rows, and the build leaves them out", () => {
  const data = sampleClvTransactions({ customers: 400, seed: 9 }).slice(1);
  const bad: unknown[][] = [
    ["", 45000, 10], // blank customer
    ["C-0001", "next Tuesday", 10], // not a date
    ["C-0002", -3, 10], // a number Excel cannot show as a date
    ["C-0003", 45000, -25], // negative amount (a refund)
    ["C-0004", 45000, "ten"], // not a number
    ["C-0005", 45000, null], // empty amount
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
      [14, "amount"],
      [15, "amount"],
    ]);
    expect(report.problems[1].message).toEqual({ en: 'The date "next Tuesday" is not a date.', es: "La fecha «next Tuesday» no es una fecha." });
    expect(report.problems[3].message.en).toBe("The amount -25 is negative (refunds are not purchases).");
    expect(report.problems[5].message).toEqual({ en: "The amount (empty) is not a number.", es: "El importe (vacía) no es un número." });
  });

  test("ISO text dates and numeric text amounts are read; the build uses the good rows only", () => {
    const iso = data.map((r) => [r[0], new Date(Math.round(((r[1] as number) - 25569) * 86400000)).toISOString().slice(0, 10), String(r[2])]);
    expect(T.validate(input(iso)).goodRows).toBe(data.length);
    const fromMixed = evaluatePlan(T.build(input(mixed)));
    const fromGood = evaluatePlan(T.build(input(iso)));
    const { layout } = customerLifetimeValueWorkbook(asTransactions(data), { unit: "week", horizon: 26, discountRate: 0.002, margin: 0.3 });
    for (const key of ["r", "alpha", "a", "b", "p", "q", "gamma", "totalClv", "expectedPurchases"] as const) {
      expect(fromMixed.number("clv", layout.cells[key])).toBe(fromGood.number("clv", layout.cells[key]));
    }
    const plan = T.build(input(mixed));
    expect(String(cellAt(plan.sheets[0], 2, 1))).toContain("(6 rows left out");
  });

  test("bad options and unmapped columns block the build with a message in both languages", () => {
    const report = T.validate(input(data, { ...OPTIONS, horizon: 0 }));
    expect(report.blocking).toEqual([{ en: expect.stringMatching(/horizon must be a whole number/), es: "El horizonte debe ser un número entero de periodos entre 1 y 1000." }]);
    expect(T.validate(input(data, { ...OPTIONS, margin: 1.5 })).blocking[0].es).toMatch(/margen/);
    const unmapped = { ...input(data), mapping: { customer: 0, date: -1, amount: 2 } };
    expect(T.validate(unmapped).blocking[0].en).toBe("The Date column is required: map a source column to it.");
    expect(() => T.build(unmapped)).toThrow(TemplateInputError);
  });
});

describe("customer lifetime value: too little data gives a clear message, not a broken sheet", () => {
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
});

describe("customer lifetime value renders in both renderers", () => {
  const plan = T.build(input(sampleClvTransactions({ customers: 300, seed: 4 }).slice(1), { timeUnit: "month", horizon: 12, discountRate: 0.008, margin: 1 }));

  test(".xlsx: ExcelJS reads back both sheets, the cross-sheet formulas, tables and charts", async () => {
    const written = await writePlanToBuffer(plan);
    expect(written.charts).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(written.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["CLV model", "CLV by customer"]);
    const cs = wb.getWorksheet("CLV by customer")!;
    const pAlive = (cs.getCell("H6").value as { formula: string }).formula;
    expect(pAlive).toMatch(/^IF\(C6=0,1,1\/\(1\+EXP\(MIN\(500,LN\('CLV model'!\$B\$\d+\/\('CLV model'!\$B\$\d+\+C6-1\)\)/);
    expect((cs.getCell("L6").value as { formula: string }).formula).toMatch(/^'CLV model'!\$B\$\d+\*K6\*J6$/);
    const tables = (name: string) => (wb.getWorksheet(name) as unknown as { getTables(): { table: { name: string } }[] }).getTables().map((t) => t.table.name);
    expect(tables("CLV by customer")).toEqual(["ClvByCustomer"]);
    expect(tables("CLV model")).toEqual(["ClvByPeriod"]);
  });

  test("Office.js: applies against the fake, with the names, tables and charts", async () => {
    const fake = new FakeExcel({ sheets: { "CLV model": { A1: "mine" } } });
    const result = await applyPlanInContext(fake.context, plan);
    expect(result.sheets.map((s) => s.name)).toEqual(["CLV model (2)", "CLV by customer"]);
    expect(result.syncs).toBe(4); // read names, create the sheets, one batch, recalculate
    expect(fake.sheet("CLV model").cells.get("A1")).toBe("mine");
    const model = fake.sheet("CLV model (2)");
    expect(model.charts).toHaveLength(2);
    expect(model.tables.map((t) => t.name)).toEqual(["ClvByPeriod"]);
    expect(fake.sheet("CLV by customer").tables.map((t) => t.name)).toEqual(["ClvByCustomer"]);
    expect(fake.workbookNames.map((n) => n.name)).toEqual(expect.arrayContaining(["CLV_margin", "BGNBD_r", "GG_gamma"]));
    const clv = fake.sheet("CLV by customer").cells.get("L6") as string;
    expect(clv).toMatch(/^='CLV model \(2\)'!\$B\$\d+\*K6\*J6$/);
  });
});
