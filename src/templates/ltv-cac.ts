/**
 * LTV:CAC model: named input cells (ARPA, gross margin, monthly churn, CAC,
 * discount rate) and, as native Excel formulas over them, the customer
 * lifetime, LTV, LTV:CAC, CAC payback, a churn × ARPA sensitivity grid and
 * two charts. A finance team edits an input and the whole model moves; the
 * add-in is not needed to open or change it.
 *
 * The LTV formula is the one in src/metrics/ltv.ts:
 * ARPA × gross margin / (churn + discount rate).
 */
import { cacPayback, ltv, ltvToCac } from "../metrics/ltv";
import { invalidInput } from "../metrics/errors";
import { cellName, columnLetter, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { WorkbookPlan } from "../workbook/plan";
import { BAD, currencyFormat, FORMATS, GOOD, LOOKS, NEUTRAL } from "../workbook/styles";

export interface LtvCacInputs {
  /** Average revenue per account per month. */
  arpa: number;
  /** Gross margin as a fraction (0.8 for 80%). */
  grossMargin: number;
  /** Monthly churn rate as a fraction. */
  monthlyChurn: number;
  /** Customer acquisition cost. */
  cac: number;
  /** Monthly discount rate as a fraction (0 for none). */
  discountRate: number;
}

export interface LtvCacOptions {
  /** Requested sheet name (default "LTV model"). */
  sheetName?: string;
  /** Currency symbol for money cells (default "$"). */
  currency?: string;
  /** Multiples of the churn input down the sensitivity grid. */
  churnMultipliers?: number[];
  /** Multiples of the ARPA input across the sensitivity grid. */
  arpaMultipliers?: number[];
  /** Months shown in the payback curve (default 24). */
  paybackMonths?: number;
}

/** A SaaS business in the usual range: LTV:CAC ≈ 3.6 with these inputs (ltv.ts's own examples). */
export const SAMPLE_LTV_CAC_INPUTS: LtvCacInputs = {
  arpa: 120,
  grossMargin: 0.8,
  monthlyChurn: 0.03,
  cac: 900,
  discountRate: 0,
};

export const DEFAULT_CHURN_MULTIPLIERS = [0.5, 0.75, 1, 1.25, 1.5, 2];
export const DEFAULT_ARPA_MULTIPLIERS = [0.6, 0.8, 1, 1.2, 1.4];

/** Cells of the model, so tests and the task pane can find them. */
export const LTV_CAC_CELLS = {
  arpa: "B7",
  grossMargin: "B8",
  monthlyChurn: "B9",
  cac: "B10",
  discountRate: "B11",
  lifetime: "B16",
  ltv: "B17",
  ltvToCac: "B18",
  payback: "B19",
  status: "B20",
  /** The sensitivity grid's corner cell ("Churn \ ARPA"): ARPA levels to its right, churn levels below. */
  gridCorner: "A24",
  /** Month 0 of the payback curve. */
  paybackStart: "A35",
} as const;

/** The defined names of the inputs and outputs. */
export const LTV_CAC_NAMES = {
  arpa: "ARPA",
  grossMargin: "Gross_margin",
  monthlyChurn: "Monthly_churn",
  cac: "CAC",
  discountRate: "Discount_rate",
  ltv: "LTV",
  ltvToCac: "LTV_to_CAC",
  payback: "CAC_payback_months",
} as const;

/**
 * Builds the LTV:CAC model. Inputs are checked with the metrics core (the
 * same rules as =CXM.LTV), so an impossible model fails before it is written.
 *
 * @example ltvCacModel(SAMPLE_LTV_CAC_INPUTS) // one sheet, "LTV model"; LTV:CAC (B18) evaluates to 3.555…
 */
export function ltvCacModel(inputs: LtvCacInputs = SAMPLE_LTV_CAC_INPUTS, options: LtvCacOptions = {}): WorkbookPlan {
  // Validate with the metrics core: throws a MetricError naming the bad input.
  const value = ltv(inputs.arpa, inputs.grossMargin, inputs.monthlyChurn, inputs.discountRate);
  ltvToCac(value, inputs.cac);
  cacPayback(inputs.cac, inputs.arpa, inputs.grossMargin);
  const churnSteps = options.churnMultipliers ?? DEFAULT_CHURN_MULTIPLIERS;
  const arpaSteps = options.arpaMultipliers ?? DEFAULT_ARPA_MULTIPLIERS;
  for (const m of [...churnSteps, ...arpaSteps]) {
    if (!(Number.isFinite(m) && m > 0)) throw invalidInput(`Sensitivity multipliers must be numbers above 0 (got ${m}).`);
  }
  const months = options.paybackMonths ?? 24;
  if (!(Number.isInteger(months) && months >= 1 && months <= 600)) {
    throw invalidInput(`The payback chart covers a whole number of months from 1 to 600 (got ${months}).`);
  }
  const money = currencyFormat(options.currency ?? "$", 2);
  const money0 = currencyFormat(options.currency ?? "$", 0);
  const N = LTV_CAC_NAMES;

  const s = new SheetBuilder("ltv", options.sheetName ?? "LTV model", "LTV:CAC model");
  const first = s.heading([
    "Edit the yellow input cells: every other number is an Excel formula over them, so the model moves with your inputs.",
  ]);

  // Inputs: rows 7-11 (header at row 6), each a named cell.
  const inputRows: [string, number, string, string, string][] = [
    ["ARPA (revenue per account per month)", inputs.arpa, N.arpa, "Monthly recurring revenue / paying accounts.", money],
    ["Gross margin", inputs.grossMargin, N.grossMargin, "Share of revenue left after the cost of serving the customer.", FORMATS.percent],
    ["Monthly churn rate", inputs.monthlyChurn, N.monthlyChurn, "Accounts lost in a month / accounts at its start.", FORMATS.percent],
    ["CAC (cost to acquire a customer)", inputs.cac, N.cac, "Sales and marketing spend / new customers won.", money],
    ["Monthly discount rate", inputs.discountRate, N.discountRate, "0 for none; 0.8% a month is about 10% a year.", FORMATS.percent],
  ];
  const inputsBlock = s.block(
    first,
    1,
    "Inputs",
    "Monthly figures; rates are fractions (type 3% or 0.03). Each input is a named cell (Formulas > Name Manager).",
    [["Input", "Value", "Name", "What it is"], ...inputRows.map(([label, v, name, what]) => [label, v, name, what])],
    { header: true },
  );
  inputRows.forEach(([, , name, , format], i) => {
    const row = inputsBlock.bodyRow + 1 + i;
    s.name(name, row, 2, inputRows[i][3]);
    s.format(cellName(row, 2), { ...LOOKS.input, numberFormat: format });
  });

  // Outputs: every value a formula over the named inputs.
  const outputsBlock = s.block(
    inputsBlock.next,
    1,
    "Outputs",
    "LTV = ARPA × gross margin / (churn + discount rate), as =CXM.LTV computes it; LTV:CAC of 3 or more is the usual sign of health.",
    [
      ["Output", "Value", "Name", "How it is computed"],
      ["Expected customer lifetime (months)", `=1/${N.monthlyChurn}`, "", "1 / monthly churn."],
      ["LTV (lifetime value per customer)", `=${N.arpa}*${N.grossMargin}/(${N.monthlyChurn}+${N.discountRate})`, N.ltv, "ARPA × gross margin / (churn + discount rate)."],
      ["LTV:CAC", `=${N.ltv}/${N.cac}`, N.ltvToCac, "LTV / CAC: 3 or more is healthy, below 1 loses money on every customer."],
      ["CAC payback (months)", `=${N.cac}/(${N.arpa}*${N.grossMargin})`, N.payback, "CAC / (ARPA × gross margin): months of margin to earn back CAC; under 12 is good."],
      [
        "Status",
        `=IF(${N.ltvToCac}>=3,"Healthy (3 or more)",IF(${N.ltvToCac}>=1,"Below target (1 to 3)","Losing money (below 1)"))`,
        "",
        "Green at 3 or more, amber from 1 to 3, red below 1.",
      ],
    ],
    { header: true },
  );
  const out = (i: number) => outputsBlock.bodyRow + 1 + i;
  s.name(N.ltv, out(1), 2, "Customer lifetime value").name(N.ltvToCac, out(2), 2, "LTV / CAC").name(N.payback, out(3), 2, "Months to recover CAC");
  s.format(cellName(out(0), 2), { numberFormat: FORMATS.months });
  s.format(cellName(out(1), 2), { ...LOOKS.output, numberFormat: money0 });
  s.format(cellName(out(2), 2), { ...LOOKS.output, numberFormat: FORMATS.ratio });
  s.format(cellName(out(3), 2), { numberFormat: FORMATS.months });
  statusColours(s, out(2), 2, 1, 1);
  s.conditional({ kind: "expression", range: cellName(out(4), 2), formula: `${N.ltvToCac}>=3`, style: GOOD });
  s.conditional({ kind: "expression", range: cellName(out(4), 2), formula: `AND(${N.ltvToCac}>=1,${N.ltvToCac}<3)`, style: NEUTRAL });
  s.conditional({ kind: "expression", range: cellName(out(4), 2), formula: `${N.ltvToCac}<1`, style: BAD });

  // Sensitivity grid: churn down, ARPA across, LTV:CAC in each cell.
  const gridTop = outputsBlock.next;
  const headerRow = gridTop + 2;
  const gridRows = [
    ["Churn \\ ARPA", ...arpaSteps.map((m) => (m === 1 ? `=${N.arpa}` : `=${N.arpa}*${m}`))],
    ...churnSteps.map((k, i) => {
      const row = headerRow + 1 + i;
      return [
        k === 1 ? `=${N.monthlyChurn}` : `=${N.monthlyChurn}*${k}`,
        ...arpaSteps.map((_, j) => {
          const col = columnLetter(2 + j);
          return `=${col}$${headerRow}*${N.grossMargin}/($A${row}+${N.discountRate})/${N.cac}`;
        }),
      ];
    }),
  ];
  const grid = s.block(
    gridTop,
    1,
    "Sensitivity: LTV:CAC by monthly churn and ARPA",
    "Rows scale your churn input, columns your ARPA; each cell is LTV / CAC with the other inputs unchanged. You may overwrite the row and column headers.",
    gridRows,
    { header: true },
  );
  const gridBody = rangeName(headerRow + 1, 2, churnSteps.length, arpaSteps.length);
  s.format(rangeName(headerRow, 2, 1, arpaSteps.length), { numberFormat: money });
  s.format(rangeName(headerRow + 1, 1, churnSteps.length, 1), { bold: true, numberFormat: FORMATS.percent });
  s.format(gridBody, { numberFormat: FORMATS.ratio });
  statusColours(s, headerRow + 1, 2, churnSteps.length, arpaSteps.length);
  s.chart({
    type: "line",
    title: "LTV:CAC by monthly churn, at five ARPA levels",
    categories: rangeName(headerRow + 1, 1, churnSteps.length, 1),
    series: arpaSteps.map((m, j) => ({
      name: m === 1 ? "ARPA as input" : `ARPA × ${m}`,
      values: rangeName(headerRow + 1, 2 + j, churnSteps.length, 1),
    })),
    anchor: { from: cellName(first, 10), to: cellName(first + 16, 17) },
    xAxisTitle: "Monthly churn",
    yAxisTitle: "LTV:CAC",
  });

  // Payback curve: cumulative margin per customer against CAC, month by month.
  const paybackRows: (string | number)[][] = [["Month", "Cumulative margin per customer", "CAC"]];
  for (let m = 0; m <= months; m++) paybackRows.push([m, `=${N.arpa}*${N.grossMargin}*A${grid.next + 3 + m}`, `=${N.cac}`]);
  const payback = s.block(
    grid.next,
    1,
    "CAC payback curve",
    "Margin earned from one customer month by month (before churn) against what it cost to acquire; the lines cross at the payback month.",
    paybackRows,
    { header: true },
  );
  s.format(rangeName(payback.bodyRow + 1, 2, months + 1, 2), { numberFormat: money0 });
  s.table("LtvPaybackCurve", payback.body, { style: "TableStyleLight9" });
  s.chart({
    type: "line",
    title: "CAC payback: cumulative margin vs CAC",
    categories: rangeName(payback.bodyRow + 1, 1, months + 1, 1),
    series: [
      { name: "Cumulative margin per customer", values: rangeName(payback.bodyRow + 1, 2, months + 1, 1) },
      { name: "CAC", values: rangeName(payback.bodyRow + 1, 3, months + 1, 1) },
    ],
    anchor: { from: cellName(first + 18, 10), to: cellName(first + 34, 17) },
    xAxisTitle: "Months since acquisition",
  });

  // Notes in column D overflow into the empty columns to their right; the charts start at J.
  s.widths(1, [38, 15, 20, 15, 15, 15]).freeze(2);
  return { title: "LTV:CAC model", sheets: [s.build()] };
}

/** Green at 3 or more, amber from 1 to 3, red below 1 (rules that never overlap, so their order does not matter). */
function statusColours(s: SheetBuilder, row: number, column: number, rows: number, columns: number): void {
  const range = rangeName(row, column, rows, columns);
  const topLeft = cellName(row, column);
  s.conditional({ kind: "cellValue", range, operator: "greaterThanOrEqual", formula1: "3", style: GOOD });
  s.conditional({ kind: "expression", range, formula: `AND(ISNUMBER(${topLeft}),${topLeft}>=1,${topLeft}<3)`, style: NEUTRAL });
  s.conditional({ kind: "cellValue", range, operator: "lessThan", formula1: "1", style: BAD });
}
