/**
 * Customer lifetime value from a transaction log: the RFM summary per
 * customer, the BG/NBD fit of purchasing (Fader, Hardie & Lee 2005) and the
 * Gamma-Gamma fit of spend (Fader & Hardie 2013), a per-customer table
 * (P(alive), expected purchases, expected spend, CLV), the top customers, and
 * expected repeat purchases period by period with a chart.
 *
 * What is a value and what is a formula (DESIGN §3):
 * - values, computed by CXM at build time and stated as such on the sheets:
 *   the RFM columns (an aggregation of the log), the fitted parameters with
 *   their log-likelihoods, and the expected purchases, which need the Gauss
 *   hypergeometric function 2F1 that Excel lacks;
 * - native formulas over those cells: P(alive) (FHL 2008, eq. 1, written as
 *   1/(1 + e^min(500, ln D)) so no power overflows: past e^500 P(alive) is
 *   below 1e-217 either way, and engines that round results to 15 digits
 *   mishandle numbers near 1e-305), the Gamma-Gamma expected
 *   spend p(γ + x·m̄)/(px + q − 1), CLV = margin × expected spend × discounted
 *   expected purchases, and every total. The margin is an input cell.
 * The numbers are those of src/metrics/clv (tests compare them).
 */
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from "../metrics/clv/bgnbd";
import { fitBgnbd, BgnbdFit } from "../metrics/clv/bgnbd-fit";
import { customerLifetimeValue } from "../metrics/clv/clv";
import { fitGammaGamma, GammaGammaFit, GammaGammaParams } from "../metrics/clv/gamma-gamma";
import { invalidInput, MetricError } from "../metrics/errors";
import { RFM_UNITS, rfmSummary, RfmSummary, RfmUnit } from "../metrics/rfm";
import type { CustomerKey } from "../metrics/transaction-log";
import { cellName, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { CellValue, sheetRef, validatePlan, WorkbookPlan } from "../workbook/plan";
import { COLORS, currencyFormat, FORMATS, LOOKS } from "../workbook/styles";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, RowProblem, TemplateDescriptor } from "./registry-types";
import { sampleClvTransactions } from "./sample-clv-transactions";
import { isBlank, numberOf, shown, textOf, transactionDateOf } from "./cells";
import { customerColumn, field, numberOption, problem, stamp, TemplateInputError, unmappedColumns } from "./descriptor-kit";

export interface Transaction {
  customer: CustomerKey;
  /** Excel date serial. */
  date: number;
  amount: number;
}

export interface ClvWorkbookOptions {
  /** Time unit of recency, T and the horizon (default "month"). */
  unit?: RfmUnit;
  /** Periods ahead, a whole number (default 12). */
  horizon?: number;
  /** Discount rate per period, a fraction (default 0.008, about 10% a year in months). */
  discountRate?: number;
  /** Margin on spend, a fraction (default 1: CLV in revenue). An input cell on the sheet. */
  margin?: number;
  /** Customers in the top list (default 20). */
  top?: number;
  source?: string;
  builtAt?: Date;
  /** Source rows left out by validation, stated on the sheet. */
  excludedRows?: number;
}

/** The numbers behind the plan, for tests and the task pane. */
export interface ClvModel {
  rfm: RfmSummary;
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  /** Per RFM customer (rfm order): expected purchases over the horizon and their discounted sum. */
  expected: Float64Array;
  discounted: Float64Array;
  /** Expected repeat purchases of all customers in each period 1..horizon. */
  byPeriod: Float64Array;
  /** RFM customer indexes in the order of the per-customer table (CLV, highest first). */
  order: number[];
}

/** Where things are, for tests. */
export interface ClvLayout {
  /** First data row of the per-customer table (the customer with the highest CLV). */
  customerRow: number;
  /** Column letters of the per-customer table. */
  columns: Record<keyof typeof CUSTOMER_COLUMNS, string>;
  /** Cells of the model sheet. */
  cells: Record<"r" | "alpha" | "a" | "b" | "bgLogLikelihood" | "p" | "q" | "gamma" | "ggLogLikelihood" | "margin" | "totalClv" | "averageClv" | "expectedPurchases" | "expectedAlive", string>;
  topRow: number;
  periodRow: number;
}

const CUSTOMER_COLUMNS = {
  customer: "A",
  firstPurchase: "B",
  frequency: "C",
  recency: "D",
  T: "E",
  monetary: "F",
  totalSpend: "G",
  pAlive: "H",
  expected: "I",
  discounted: "J",
  spend: "K",
  clv: "L",
} as const;

const UNIT_WORDS: Record<RfmUnit, { one: string; many: string }> = {
  day: { one: "day", many: "days" },
  week: { one: "week", many: "weeks" },
  month: { one: "month", many: "months" },
};

/** The Gamma-Gamma expected spend exactly as the sheet's formula computes it (see gammaGammaExpectedSpend). */
function expectedSpend(g: GammaGammaParams, x: number, m: number): number {
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}

/** Validates the options (#VALUE! naming the bad one) and fills the defaults. */
export function clvOptions(o: ClvWorkbookOptions): Required<Pick<ClvWorkbookOptions, "unit" | "horizon" | "discountRate" | "margin" | "top">> {
  const unit = o.unit ?? "month";
  const horizon = o.horizon ?? 12;
  const discountRate = o.discountRate ?? 0.008;
  const margin = o.margin ?? 1;
  const top = o.top ?? 20;
  if (!RFM_UNITS.includes(unit)) throw invalidInput(`The time unit must be one of ${RFM_UNITS.join(", ")} (got ${unit}).`);
  if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= 1000)) throw invalidInput(`The horizon must be a whole number of periods from 1 to 1000 (got ${horizon}).`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0 && discountRate < 1)) {
    throw invalidInput(`The discount rate per period must be a fraction from 0 to below 1, e.g. 0.008 a month (got ${discountRate}).`);
  }
  if (!(Number.isFinite(margin) && margin >= 0 && margin <= 1)) throw invalidInput(`The margin must be a fraction from 0 to 1, e.g. 0.3 for 30% (got ${margin}).`);
  if (!(Number.isInteger(top) && top >= 1)) throw invalidInput(`top must be a whole number of 1 or more (got ${top}).`);
  return { unit, horizon, discountRate, margin, top };
}

/**
 * Fits both models and computes the expected purchases. Throws MetricError
 * (#NUM!) from the fits when the data have no best-fitting model.
 */
export function fitClvModel(transactions: readonly Transaction[], options: ClvWorkbookOptions = {}): ClvModel {
  const o = clvOptions(options);
  if (transactions.length === 0) throw invalidInput("There are no transactions to fit the CLV models to.");
  const rfm = rfmSummary(
    transactions.map((t) => t.customer),
    Float64Array.from(transactions, (t) => t.date),
    Float64Array.from(transactions, (t) => t.amount),
    { unit: o.unit },
  );
  const bgnbd = fitBgnbd({ frequency: rfm.frequency, recency: rfm.recency, T: rfm.T });
  // A repeat customer whose repeat purchases were all free tells the spend model nothing: fitted as one-time buyers.
  const money = rfm.monetaryValue!;
  const gammaGamma = fitGammaGamma({ frequency: rfm.frequency.map((x, i) => (money[i] > 0 ? x : 0)), monetary: money });

  const n = rfm.ids.length;
  const H = o.horizon;
  const expected = new Float64Array(n), discounted = new Float64Array(n), byPeriod = new Float64Array(H);
  // Customers with the same (x, t_x, T) have the same expectations: compute each history once.
  const cache = new Map<string, Float64Array>();
  const increments = (x: number, tx: number, T: number): Float64Array => {
    const key = x === 0 ? `0|${T}` : `${x}|${tx}|${T}`;
    let inc = cache.get(key);
    if (!inc) {
      inc = new Float64Array(H);
      let previous = 0;
      for (let k = 1; k <= H; k++) {
        const e = bgnbdConditionalExpectedPurchases(bgnbd.params, k, x, tx, T);
        inc[k - 1] = e - previous;
        previous = e;
      }
      cache.set(key, inc);
    }
    return inc;
  };
  for (let i = 0; i < n; i++) {
    const inc = increments(rfm.frequency[i], rfm.recency[i], rfm.T[i]);
    let sum = 0, pv = 0, factor = 1;
    for (let k = 0; k < H; k++) {
      factor /= 1 + o.discountRate;
      sum += inc[k];
      pv += inc[k] * factor;
      byPeriod[k] += inc[k];
    }
    expected[i] = sum;
    discounted[i] = pv;
  }
  const clv = Float64Array.from({ length: n }, (_, i) => expectedSpend(gammaGamma.params, rfm.frequency[i], money[i]) * discounted[i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => clv[j] - clv[i] || i - j);
  return { rfm, bgnbd, gammaGamma, expected, discounted, byPeriod, order };
}

/**
 * Builds the two sheets: "CLV model" (settings, fits, RFM summary, totals,
 * top customers, expected purchases by period, charts) and "CLV by customer".
 *
 * @example customerLifetimeValueWorkbook(transactions).plan.sheets.map(s => s.name) // ["CLV model", "CLV by customer"]
 */
export function customerLifetimeValueWorkbook(
  transactions: readonly Transaction[],
  options: ClvWorkbookOptions = {},
): { plan: WorkbookPlan; layout: ClvLayout; model: ClvModel } {
  const o = clvOptions(options);
  const model = fitClvModel(transactions, o);
  const { rfm, bgnbd, gammaGamma, order } = model;
  const n = rfm.ids.length;
  const builtAt = options.builtAt ?? new Date();
  const source = options.source ?? "transactions given to the CXM customer lifetime value template";
  const unit = UNIT_WORDS[o.unit];
  const money = currencyFormat("$", 2);
  let firstDate = Infinity;
  for (const t of transactions) firstDate = Math.min(firstDate, Math.floor(t.date));
  const excluded = options.excludedRows ?? 0;
  const sourceLine =
    `Source: ${source}. ${transactions.length} transactions of ${n} customers` +
    `${excluded > 0 ? ` (${excluded} rows left out: see the check in the task pane)` : ""}. Built ${stamp(builtAt)} by CXM.`;

  // ---- Model sheet.
  const s = new SheetBuilder("clv", "CLV model", "Customer lifetime value");
  const first = s.heading([
    sourceLine,
    "Fitted parameters and expected purchases are values computed by CXM at build time; P(alive), expected spend, CLV and every total are Excel formulas.",
  ]);
  const settings = s.block(
    first,
    1,
    "Settings",
    "The margin (yellow) is an input: CLV moves with it. The time unit, horizon and discount rate are those of the build (build again to change them).",
    [
      ["Setting", "Value", "What it is"],
      ["Time unit", unit.one, `Recency, T and the horizon are in ${unit.many}.`],
      ["Horizon (periods)", o.horizon, `CLV counts the purchases expected in the next ${o.horizon} ${o.horizon === 1 ? unit.one : unit.many}.`],
      ["Discount rate per period", o.discountRate, `Each ${unit.one}'s purchases are divided by (1 + rate)^period.`],
      ["Margin", o.margin, "Share of spend kept as profit; 100% gives CLV in revenue."],
      ["Observation end", rfm.asOf, "The last transaction date: each customer's age T is measured to here."],
    ],
    { header: true },
  );
  const setting = (i: number) => settings.bodyRow + 1 + i;
  s.format(cellName(setting(2), 2), { numberFormat: "0.00%" });
  s.format(cellName(setting(3), 2), { ...LOOKS.input, numberFormat: FORMATS.percent0 });
  s.format(cellName(setting(4), 2), { numberFormat: FORMATS.date, horizontalAlignment: "right" });
  s.name("CLV_margin", setting(3), 2, "Margin on spend used by CLV");
  const C = sheetRef("clv");
  const abs = (row: number) => `$B$${row}`;
  const marginRef = `${C}!${abs(setting(3))}`;
  const rateCell = abs(setting(2));

  const seFmt = (x: number) => (Number.isFinite(x) ? x : "");
  const bg = s.block(
    settings.next,
    1,
    "BG/NBD fit (purchasing and dropping out)",
    `Maximum likelihood (Fader, Hardie & Lee 2005), fitted by CXM at build time on ${bgnbd.customers} customers; values, not formulas.`,
    [
      ["Parameter", "Estimate", "Std. error", "What it is"],
      ["r", bgnbd.params.r, seFmt(bgnbd.standardErrors.r), "Shape of the purchase rates across customers."],
      ["alpha", bgnbd.params.alpha, seFmt(bgnbd.standardErrors.alpha), `Scale of the purchase rates (in ${unit.many}); r/alpha is the mean rate.`],
      ["a", bgnbd.params.a, seFmt(bgnbd.standardErrors.a), "First shape of the drop-out probabilities."],
      ["b", bgnbd.params.b, seFmt(bgnbd.standardErrors.b), "Second shape; a/(a+b) is the mean chance of dropping out after a purchase."],
      ["Log-likelihood", bgnbd.logLikelihood, "", "Natural log, at the estimates."],
    ],
    { header: true },
  );
  const bgRow = (i: number) => bg.bodyRow + 1 + i;
  s.format(rangeName(bgRow(0), 2, 4, 2), { numberFormat: "0.0000" });
  s.format(cellName(bgRow(4), 2), { numberFormat: "#,##0.0" });
  (["BGNBD_r", "BGNBD_alpha", "BGNBD_a", "BGNBD_b"] as const).forEach((name, i) => s.name(name, bgRow(i), 2, `BG/NBD parameter ${name.slice(6)}`));

  const gg = s.block(
    bg.next,
    1,
    "Gamma-Gamma fit (spend per purchase)",
    `Maximum likelihood (Fader & Hardie 2013) on the ${gammaGamma.customers} customers with repeat purchases, fitted at build time; values, not formulas.`,
    [
      ["Parameter", "Estimate", "Std. error", "What it is"],
      ["p", gammaGamma.params.p, seFmt(gammaGamma.standardErrors.p), "Shape of one customer's spend per purchase."],
      ["q", gammaGamma.params.q, seFmt(gammaGamma.standardErrors.q), "Shape of the spread of mean spend across customers."],
      ["gamma", gammaGamma.params.gamma, seFmt(gammaGamma.standardErrors.gamma), "Scale of that spread, in money."],
      ["Log-likelihood", gammaGamma.logLikelihood, "", "Natural log, at the estimates."],
      ["Mean spend per purchase (model)", `=IF(${abs(bg.next + 4)}<=1,NA(),${abs(bg.next + 3)}*${abs(bg.next + 5)}/(${abs(bg.next + 4)}-1))`, "", "p × gamma / (q − 1): what a new customer is expected to spend per purchase."],
    ],
    { header: true },
  );
  const ggRow = (i: number) => gg.bodyRow + 1 + i;
  s.format(rangeName(ggRow(0), 2, 3, 2), { numberFormat: "0.0000" });
  s.format(cellName(ggRow(3), 2), { numberFormat: "#,##0.0" });
  s.format(cellName(ggRow(4), 2), { ...LOOKS.output, numberFormat: money });
  (["GG_p", "GG_q", "GG_gamma"] as const).forEach((name, i) => s.name(name, ggRow(i), 2, `Gamma-Gamma parameter ${name.slice(3)}`));

  // References from the customer sheet to the parameters.
  const P = {
    r: `${C}!${abs(bgRow(0))}`,
    alpha: `${C}!${abs(bgRow(1))}`,
    a: `${C}!${abs(bgRow(2))}`,
    b: `${C}!${abs(bgRow(3))}`,
    p: `${C}!${abs(ggRow(0))}`,
    q: `${C}!${abs(ggRow(1))}`,
    gamma: `${C}!${abs(ggRow(2))}`,
  };

  // ---- Customer sheet.
  const K = CUSTOMER_COLUMNS;
  const cs = new SheetBuilder("customers", "CLV by customer", "CLV by customer");
  const csFirst = cs.heading([
    sourceLine,
    `Formulas: P(alive), expected spend per purchase and CLV (over the fitted parameters on the CLV model sheet). Values: the RFM columns and the expected purchases (they need 2F1, which Excel lacks). Highest CLV first.`,
  ]);
  const row0 = csFirst + 1;
  const last = row0 + n - 1;
  const headers = [
    "Customer",
    "First purchase",
    "Repeat purchases (x)",
    `Recency t_x (${unit.many})`,
    `Age T (${unit.many})`,
    "Mean repeat spend",
    "Total spend",
    "P(alive)",
    `Expected purchases, next ${o.horizon} ${unit.many}`,
    "Discounted expected purchases",
    "Expected spend per purchase",
    "CLV",
  ];
  // Amounts per customer, summed from the log (first-seen order of rfm.ids).
  const total = new Map<CustomerKey, number>(), firstDay = new Map<CustomerKey, number>();
  for (const t of transactions) {
    total.set(t.customer, (total.get(t.customer) ?? 0) + t.amount);
    const d = Math.floor(t.date);
    if (!(firstDay.get(t.customer)! <= d)) firstDay.set(t.customer, d);
  }
  const body: CellValue[][] = order.map((i, k) => {
    const r = row0 + k;
    const x = `${K.frequency}${r}`, tx = `${K.recency}${r}`, T = `${K.T}${r}`, m = `${K.monetary}${r}`;
    return [
      firstDay.get(rfm.ids[i])!,
      rfm.frequency[i],
      rfm.recency[i],
      rfm.T[i],
      rfm.monetaryValue![i],
      total.get(rfm.ids[i])!,
      `=IF(${x}=0,1,1/(1+EXP(MIN(500,LN(${P.a}/(${P.b}+${x}-1))+(${P.r}+${x})*LN((${P.alpha}+${T})/(${P.alpha}+${tx}))))))`,
      model.expected[i],
      model.discounted[i],
      `=IF(${P.p}*${x}+${P.q}-1<=0,NA(),${P.p}*(${P.gamma}+${x}*${m})/(${P.p}*${x}+${P.q}-1))`,
      `=${marginRef}*${K.spend}${r}*${K.discounted}${r}`,
    ];
  });
  cs.write(csFirst, 1, [headers], {});
  cs.write(row0, 1, order.map((i) => [rfm.ids[i]]), { text: true });
  cs.write(row0, 2, body);
  cs.table("ClvByCustomer", rangeName(csFirst, 1, n + 1, headers.length), { style: "TableStyleMedium2" });
  cs.format(rangeName(csFirst, 1, 1, headers.length), { ...LOOKS.header, wrapText: true });
  const colRange = (c: string) => `${c}${row0}:${c}${last}`;
  cs.format(colRange(K.firstPurchase), { numberFormat: FORMATS.date });
  cs.format(colRange(K.frequency), { numberFormat: FORMATS.integer });
  for (const c of [K.recency, K.T, K.expected, K.discounted]) cs.format(colRange(c), { numberFormat: FORMATS.decimal2 });
  for (const c of [K.monetary, K.totalSpend, K.spend]) cs.format(colRange(c), { numberFormat: money });
  cs.format(colRange(K.pAlive), { numberFormat: FORMATS.percent });
  cs.format(colRange(K.clv), { ...LOOKS.output, numberFormat: money });
  cs.conditional({ kind: "colorScale", range: colRange(K.pAlive), min: { type: "number", value: 0, color: COLORS.scaleLow }, mid: { type: "number", value: 0.5, color: COLORS.scaleMid }, max: { type: "number", value: 1, color: COLORS.scaleHigh } });
  cs.widths(1, [14, 13, 12, 13, 13, 13, 13, 10, 16, 16, 14, 13]).freeze(csFirst, 1).tab(COLORS.series[2]);
  const U = sheetRef("customers");
  const col = (c: string) => `${U}!$${c}$${row0}:$${c}$${last}`;

  // ---- Back on the model sheet: RFM summary and totals, formulas over the customer sheet.
  const rfmBlock = s.block(
    gg.next,
    1,
    "RFM summary",
    `Per customer: repeat purchases x, recency t_x (age at the last repeat purchase) and age T, in ${unit.many}, as lifetimes' summary_data_from_transaction_data defines them.`,
    [
      ["Measure", "Value", "How it is computed"],
      ["Customers", `=ROWS(${col(K.customer)})`, "One row each on the CLV by customer sheet."],
      ["Repeat customers", `=COUNTIF(${col(K.frequency)},">0")`, "Customers with a purchase on a later day than their first."],
      ["Share of repeat customers", `=B${gg.next + 4}/B${gg.next + 3}`, "Repeat customers / customers."],
      ["Mean repeat purchases (x)", `=AVERAGE(${col(K.frequency)})`, "Purchase days after the first, per customer."],
      [`Mean recency t_x (${unit.many})`, `=AVERAGE(${col(K.recency)})`, "Age at the last repeat purchase."],
      [`Mean age T (${unit.many})`, `=AVERAGE(${col(K.T)})`, "Time from the first purchase to the observation end."],
      ["Mean repeat spend (repeat customers)", `=AVERAGEIF(${col(K.frequency)},">0",${col(K.monetary)})`, "Mean of each repeat customer's mean spend per repeat purchase."],
      ["Total spend", `=SUM(${col(K.totalSpend)})`, `Every transaction from ${stampDate(firstDate)} to ${stampDate(rfm.asOf)}.`],
    ],
    { header: true },
  );
  const rfmRow = (i: number) => rfmBlock.bodyRow + 1 + i;
  s.format(rangeName(rfmRow(0), 2, 2, 1), { numberFormat: FORMATS.integer });
  s.format(cellName(rfmRow(2), 2), { numberFormat: FORMATS.percent });
  s.format(rangeName(rfmRow(3), 2, 3, 1), { numberFormat: FORMATS.decimal2 });
  s.format(rangeName(rfmRow(6), 2, 2, 1), { numberFormat: money });

  const totals = s.block(
    rfmBlock.next,
    1,
    `Forecast for the next ${o.horizon} ${unit.many}`,
    "Sums over the CLV by customer sheet: P(alive) summed is the expected number of customers still active today.",
    [
      ["Measure", "Value", "How it is computed"],
      ["Customers expected to be active today", `=SUM(${col(K.pAlive)})`, "Sum of P(alive)."],
      ["Expected repeat purchases", `=SUM(${col(K.expected)})`, "Sum of each customer's expected purchases (BG/NBD)."],
      ["Expected spend (undiscounted, before margin)", `=SUMPRODUCT(${col(K.expected)},${col(K.spend)})`, "Expected purchases × expected spend per purchase."],
      ["Total CLV", `=SUM(${col(K.clv)})`, "Margin × expected spend × discounted expected purchases, summed."],
      ["Average CLV per customer", `=AVERAGE(${col(K.clv)})`, "Total CLV / customers."],
    ],
    { header: true },
  );
  const totalRow = (i: number) => totals.bodyRow + 1 + i;
  s.format(rangeName(totalRow(0), 2, 2, 1), { numberFormat: "#,##0.0" });
  s.format(rangeName(totalRow(2), 2, 3, 1), { ...LOOKS.output, numberFormat: money });

  // Top customers: the per-customer table is sorted by CLV, so the top is its first rows (the order does not depend on the margin).
  const top = Math.min(o.top, n);
  const topRow = totals.next + 3;
  const ref = (c: string, k: number) => `=${U}!${c}${row0 + k}`;
  const topBlock = s.block(
    totals.next,
    1,
    `Top ${top} customers by CLV`,
    "The first rows of the CLV by customer sheet (highest CLV first); the numbers are references to it.",
    [
      ["Customer", "P(alive)", "Expected purchases", "Expected spend per purchase", "CLV"],
      ...order.slice(0, top).map((i, k) => [rfm.ids[i], ref(K.pAlive, k), ref(K.expected, k), ref(K.spend, k), ref(K.clv, k)]),
    ],
    { header: true, textFirstColumn: true },
  );
  s.format(rangeName(topRow, 2, top, 1), { numberFormat: FORMATS.percent });
  s.format(rangeName(topRow, 3, top, 1), { numberFormat: FORMATS.decimal2 });
  s.format(rangeName(topRow, 4, top, 2), { numberFormat: money });
  s.format(rangeName(topRow, 5, top, 1), { ...LOOKS.output, numberFormat: money });

  const periodRow = topBlock.next + 3;
  const H = o.horizon;
  const periods = s.block(
    topBlock.next,
    1,
    `Expected repeat purchases by ${unit.one}, all customers`,
    `Purchases the BG/NBD model expects in each coming ${unit.one} (values computed at build time); cumulative and discounted columns are formulas.`,
    [
      [`${unit.one[0].toUpperCase()}${unit.one.slice(1)} ahead`, "Expected repeat purchases", "Cumulative", "Discount factor", "Discounted purchases"],
      ...Array.from({ length: H }, (_, k) => {
        const r = periodRow + k;
        return [k + 1, model.byPeriod[k], `=SUM(B$${periodRow}:B${r})`, `=1/(1+${rateCell})^A${r}`, `=B${r}*D${r}`];
      }),
    ],
    { header: true },
  );
  s.table("ClvByPeriod", periods.body, { style: "TableStyleLight9" });
  s.format(rangeName(periodRow, 2, H, 2), { numberFormat: "#,##0.0" });
  s.format(rangeName(periodRow, 4, H, 1), { numberFormat: "0.0000" });
  s.format(rangeName(periodRow, 5, H, 1), { numberFormat: "#,##0.0" });

  s.chart({
    type: "column",
    title: `Expected repeat purchases per ${unit.one}, next ${H} ${H === 1 ? unit.one : unit.many}`,
    categories: rangeName(periodRow, 1, H, 1),
    series: [{ name: "Expected repeat purchases", values: rangeName(periodRow, 2, H, 1), color: COLORS.series[0] }],
    // Right of the tables' "What it is" notes, which overflow up to about column H.
    anchor: { from: cellName(first, 9), to: cellName(first + 18, 17) },
    xAxisTitle: `${unit.many[0].toUpperCase()}${unit.many.slice(1)} ahead`,
    yAxisTitle: "Purchases",
  });
  s.chart({
    type: "bar",
    title: `Top ${top} customers by CLV`,
    categories: rangeName(topRow, 1, top, 1),
    series: [{ name: "CLV", values: rangeName(topRow, 5, top, 1), color: COLORS.series[5] }],
    anchor: { from: cellName(first + 20, 9), to: cellName(first + 44, 17) },
  });
  s.widths(1, [38, 16, 14, 16, 14]).freeze(3, 0);

  const plan: WorkbookPlan = { title: "Customer lifetime value", sheets: [s.build(), cs.build()] };
  validatePlan(plan);
  return {
    plan,
    model,
    layout: {
      customerRow: row0,
      columns: { ...K },
      cells: {
        r: cellName(bgRow(0), 2),
        alpha: cellName(bgRow(1), 2),
        a: cellName(bgRow(2), 2),
        b: cellName(bgRow(3), 2),
        bgLogLikelihood: cellName(bgRow(4), 2),
        p: cellName(ggRow(0), 2),
        q: cellName(ggRow(1), 2),
        gamma: cellName(ggRow(2), 2),
        ggLogLikelihood: cellName(ggRow(3), 2),
        margin: cellName(setting(3), 2),
        totalClv: cellName(totalRow(3), 2),
        averageClv: cellName(totalRow(4), 2),
        expectedPurchases: cellName(totalRow(1), 2),
        expectedAlive: cellName(totalRow(0), 2),
      },
      topRow,
      periodRow,
    },
  };
}

/** "2024-03-15" for a serial. */
function stampDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- descriptor

const COLUMNS: ColumnSpec[] = [
  customerColumn(),
  {
    key: "date",
    label: { en: "Date", es: "Fecha" },
    required: true,
    kind: "date",
    synonyms: ["date", "fecha", "order date", "purchase date", "transaction date", "fecha pedido", "fecha de compra", "fecha compra"],
  },
  {
    key: "amount",
    label: { en: "Amount", es: "Importe" },
    required: true,
    kind: "number",
    synonyms: ["amount", "importe", "monto", "revenue", "ingresos", "value", "valor", "total", "sales", "ventas", "spend", "gasto"],
  },
];

const OPTIONS: OptionSpec[] = [
  {
    key: "timeUnit",
    label: { en: "Time unit", es: "Unidad de tiempo" },
    kind: "choice",
    choices: [
      { value: "day", label: { en: "Days", es: "Días" } },
      { value: "week", label: { en: "Weeks", es: "Semanas" } },
      { value: "month", label: { en: "Months", es: "Meses" } },
    ],
    default: "month",
  },
  { key: "horizon", label: { en: "Horizon (periods ahead)", es: "Horizonte (periodos)" }, kind: "number", default: 12 },
  { key: "discountRate", label: { en: "Discount rate per period", es: "Tasa de descuento por periodo" }, kind: "number", default: 0.008 },
  { key: "margin", label: { en: "Margin (fraction of spend)", es: "Margen (fracción del gasto)" }, kind: "number", default: 1 },
];

function optionsOf(input: BuildInput): ClvWorkbookOptions {
  return {
    unit: (textOf(input.options.timeUnit) || "month") as RfmUnit,
    horizon: numberOption(input, "horizon", 12),
    discountRate: numberOption(input, "discountRate", 0.008),
    margin: numberOption(input, "margin", 1),
  };
}

interface CheckedTransactions {
  transactions: Transaction[];
  problems: RowProblem[];
  blocking: Localized[];
}

const OPTION_MESSAGES_ES: [RegExp, string][] = [
  [/time unit/, "La unidad de tiempo debe ser días, semanas o meses."],
  [/horizon/, "El horizonte debe ser un número entero de periodos entre 1 y 1000."],
  [/discount rate/, "La tasa de descuento por periodo debe ser una fracción de 0 a menos de 1, p. ej. 0,008 al mes."],
  [/margin/, "El margen debe ser una fracción de 0 a 1, p. ej. 0,3 para el 30 %."],
];

function checkTransactions(input: BuildInput): CheckedTransactions {
  const blocking = unmappedColumns(COLUMNS, input.mapping);
  const transactions: Transaction[] = [], problems: RowProblem[] = [];
  try {
    clvOptions(optionsOf(input));
  } catch (e) {
    const en = (e as Error).message;
    blocking.push({ en, es: OPTION_MESSAGES_ES.find(([re]) => re.test(en))?.[1] ?? en });
  }
  if (blocking.length > 0) return { transactions, problems, blocking };
  input.rows.forEach((row, index) => {
    const customerCell = field(row, input.mapping, "customer");
    if (isBlank(customerCell) || typeof customerCell === "boolean") {
      problems.push(problem(index, "customer", "The customer is blank.", "El cliente está vacío."));
      return;
    }
    const dateCell = field(row, input.mapping, "date");
    const date = transactionDateOf(dateCell);
    if (!Number.isFinite(date)) {
      const v = shown(dateCell);
      problems.push(problem(index, "date", `The date ${v.en} is not a date.`, `La fecha ${v.es} no es una fecha.`));
      return;
    }
    const amountCell = field(row, input.mapping, "amount");
    const amount = numberOf(amountCell);
    if (!Number.isFinite(amount)) {
      const v = shown(amountCell);
      problems.push(problem(index, "amount", `The amount ${v.en} is not a number.`, `El importe ${v.es} no es un número.`));
      return;
    }
    if (amount < 0) {
      problems.push(problem(index, "amount", `The amount ${amount} is negative (refunds are not purchases).`, `El importe ${amount} es negativo (las devoluciones no son compras).`));
      return;
    }
    transactions.push({ customer: typeof customerCell === "number" ? customerCell : textOf(customerCell), date, amount });
  });
  if (transactions.length === 0 && input.rows.length > 0) {
    blocking.push({ en: "No row can be used.", es: "No se puede usar ninguna fila." });
  } else if (transactions.length > 0 && !hasRepeatPurchase(transactions)) {
    blocking.push({
      en: "No customer bought on more than one day, so the purchase model cannot be fitted: CLV needs repeat purchases.",
      es: "Ningún cliente compró en más de un día, así que el modelo de compras no se puede ajustar: el CLV necesita compras repetidas.",
    });
  }
  return { transactions, problems, blocking };
}

function hasRepeatPurchase(transactions: readonly Transaction[]): boolean {
  const firstDay = new Map<CustomerKey, number>();
  for (const t of transactions) {
    const d = Math.floor(t.date), f = firstDay.get(t.customer);
    if (f === undefined) firstDay.set(t.customer, d);
    else if (f !== d) return true;
  }
  return false;
}

/** A fit that failed, in words a manager can act on (the metrics core's reason kept at the end). */
export function fitFailure(e: MetricError): Localized {
  return {
    en: `The CLV models could not be fitted to these transactions. They need enough customers who bought more than once, over a period long enough to see some stop buying; add more history or more customers. (${e.message})`,
    es: `No se pudieron ajustar los modelos de CLV a estas transacciones. Necesitan suficientes clientes que compraron más de una vez, en un periodo lo bastante largo para ver que algunos dejan de comprar; añada más historia o más clientes. (${e.message})`,
  };
}

/** The workbook from the rows that passed validation; blocking messages and fit failures are thrown in the build's language. */
function buildFrom(input: BuildInput): ReturnType<typeof customerLifetimeValueWorkbook> {
  const checked = checkTransactions(input);
  if (checked.blocking.length > 0) {
    throw new TemplateInputError({ en: checked.blocking.map((b) => b.en).join(" "), es: checked.blocking.map((b) => b.es).join(" ") }, input.language);
  }
  try {
    return customerLifetimeValueWorkbook(checked.transactions, {
      ...optionsOf(input),
      source: input.sourceLabel || undefined,
      builtAt: input.builtAt,
      excludedRows: checked.problems.length,
    });
  } catch (e) {
    if (e instanceof MetricError && (e.kind === "num" || e.kind === "na")) throw new TemplateInputError(fitFailure(e), input.language);
    throw e;
  }
}

export const customerLifetimeValueTemplate: TemplateDescriptor = {
  id: "customer-lifetime-value",
  title: { en: "Customer lifetime value", es: "Valor de vida del cliente" },
  description: {
    en: "From transactions: RFM summary, BG/NBD and Gamma-Gamma fits, P(alive), expected purchases, spend and CLV per customer.",
    es: "A partir de transacciones: resumen RFM, ajustes BG/NBD y Gamma-Gamma, P(activo), compras y gasto esperados y CLV por cliente.",
  },
  columns: COLUMNS,
  options: OPTIONS,
  validate(input) {
    const { transactions, problems, blocking } = checkTransactions(input);
    return { goodRows: transactions.length, problems, blocking };
  },
  build(input) {
    return buildFrom(input).plan;
  },
  headlines(input: BuildInput): Headline[] {
    const { layout, model } = buildFrom(input);
    const o = clvOptions(optionsOf(input));
    const { rfm, bgnbd, gammaGamma } = model;
    let alive = 0, total = 0;
    for (let i = 0; i < rfm.ids.length; i++) {
      const x = rfm.frequency[i], m = rfm.monetaryValue![i];
      alive += bgnbdProbabilityAlive(bgnbd.params, x, rfm.recency[i], rfm.T[i]);
      // A repeat customer whose repeat purchases were all free: the smallest positive spend gives the sheet's m̄ = 0 exactly.
      const c = { frequency: x, recency: rfm.recency[i], T: rfm.T[i], monetary: x > 0 && m <= 0 ? Number.MIN_VALUE : m };
      total += customerLifetimeValue(bgnbd.params, gammaGamma.params, c, { periods: o.horizon, discountRate: o.discountRate, margin: o.margin });
    }
    return [
      { label: { en: "Customers expected to be active", es: "Clientes activos esperados" }, value: alive, kind: "number", sheet: "clv", cell: layout.cells.expectedAlive },
      { label: { en: "Total CLV", es: "CLV total" }, value: total, kind: "money", sheet: "clv", cell: layout.cells.totalClv },
      { label: { en: "Average CLV per customer", es: "CLV medio por cliente" }, value: total / rfm.ids.length, kind: "money", sheet: "clv", cell: layout.cells.averageClv },
    ];
  },
  sample: () => sampleClvTransactions(),
};
