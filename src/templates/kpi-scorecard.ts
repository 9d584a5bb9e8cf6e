/**
 * CX KPI scorecard: one row per KPI with its target, actual, direction
 * (higher or lower is better), a tolerance, a status formula (met / near /
 * missed) coloured by conditional formatting, the gap to target, a time frame
 * and a note on how the KPI is computed — the SMART form of a target
 * (specific, measurable, achievable, relevant, time-bound).
 *
 * Actuals are either typed numbers or formulas over a block of named inputs
 * (promoters, passives, detractors, customers lost…), so the scorecard
 * recomputes when a manager updates the inputs.
 */
import { invalidInput } from "../metrics/errors";
import { cellName, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { invalidDefinedName } from "../workbook/names";
import { CellValue, WorkbookPlan } from "../workbook/plan";
import { checkUserFormula } from "../workbook/safe-formula";
import { BAD, currencyFormat, FORMATS, GOOD, LOOKS, NEUTRAL } from "../workbook/styles";

export type KpiDirection = "higher" | "lower";
export type KpiStatus = "met" | "near" | "missed";

export interface KpiSpec {
  /** What is measured, e.g. "NPS". */
  name: string;
  /** "higher" when more is better (NPS, CSAT), "lower" when less is (churn, response time). */
  direction: KpiDirection;
  target: number;
  /** How far on the wrong side of the target still counts as "near", in the KPI's own unit (5 NPS points, 0.02 for 2 pp). */
  nearWithin: number;
  /**
   * The actual: a number, or a formula ("=…") over the named inputs in the
   * allow-list grammar of src/workbook/safe-formula.ts; any other text is
   * written as literal text, never as a formula.
   */
  actual: number | string;
  /** Excel number format of target, actual and gap, e.g. "0.0%". */
  format: string;
  /** The period the target is for (the T of SMART), e.g. "Q3 2025". */
  timeFrame: string;
  /** How the KPI is computed and where the target comes from. */
  note: string;
}

/** A named input cell the actuals' formulas use. */
export interface ScorecardInput {
  label: string;
  /** Defined name of the cell, e.g. "Promoters". */
  name: string;
  value: number;
  format: string;
  note: string;
}

export interface KpiScorecardOptions {
  /** Named input cells for the KPIs' formulas (default: SAMPLE_SCORECARD_INPUTS when the KPIs are the samples, else none). */
  inputs?: ScorecardInput[];
  /** Requested sheet name (default "CX scorecard"). */
  sheetName?: string;
  title?: string;
}

/** Sample inputs for the sample KPIs: one quarter of a mid-sized SaaS business. */
export const SAMPLE_SCORECARD_INPUTS: ScorecardInput[] = [
  { label: "NPS promoters (9-10)", name: "Promoters", value: 412, format: FORMATS.integer, note: "Answers of 9 or 10 this quarter." },
  { label: "NPS passives (7-8)", name: "Passives", value: 288, format: FORMATS.integer, note: "Answers of 7 or 8." },
  { label: "NPS detractors (0-6)", name: "Detractors", value: 150, format: FORMATS.integer, note: "Answers of 0 to 6." },
  { label: "CSAT responses", name: "CSAT_responses", value: 800, format: FORMATS.integer, note: "Answers to the 1-5 satisfaction question." },
  { label: "CSAT satisfied (4-5)", name: "CSAT_satisfied", value: 640, format: FORMATS.integer, note: "Answers of 4 or 5 (top-2-box)." },
  { label: "CES average (1-7)", name: "CES_average", value: 5.6, format: FORMATS.decimal2, note: "Mean answer to \"It was easy to handle my issue\", 7 = strongly agree." },
  { label: "Customers at start of month", name: "Customers_start", value: 2000, format: FORMATS.integer, note: "Paying customers on day 1." },
  { label: "Customers lost in the month", name: "Customers_lost", value: 46, format: FORMATS.integer, note: "Of those, customers who cancelled." },
  { label: "MRR at start", name: "MRR_start", value: 250000, format: currencyFormat("$", 0), note: "Monthly recurring revenue of the starting customers." },
  { label: "Expansion MRR", name: "MRR_expansion", value: 20000, format: currencyFormat("$", 0), note: "Upgrades of those customers." },
  { label: "Contraction MRR", name: "MRR_contraction", value: 5000, format: currencyFormat("$", 0), note: "Downgrades." },
  { label: "Churned MRR", name: "MRR_churned", value: 7500, format: currencyFormat("$", 0), note: "MRR of cancelled customers." },
  { label: "Support cases", name: "Cases_total", value: 4000, format: FORMATS.integer, note: "Cases closed this quarter." },
  { label: "Cases resolved on first contact", name: "Cases_first_contact", value: 3400, format: FORMATS.integer, note: "Closed without a second contact." },
  { label: "ARPA (per month)", name: "SC_ARPA", value: 120, format: currencyFormat("$", 2), note: "MRR / paying accounts." },
  { label: "Gross margin", name: "SC_gross_margin", value: 0.8, format: FORMATS.percent, note: "Share of revenue after cost of service." },
  { label: "CAC", name: "SC_CAC", value: 900, format: currencyFormat("$", 0), note: "Sales and marketing spend / new customers." },
];

/** Sample CX KPIs with SMART notes; actuals computed from SAMPLE_SCORECARD_INPUTS. */
export const SAMPLE_KPIS: KpiSpec[] = [
  {
    name: "NPS",
    direction: "higher",
    target: 35,
    nearWithin: 5,
    actual: "=(Promoters-Detractors)/(Promoters+Passives+Detractors)*100",
    format: FORMATS.points,
    timeFrame: "This quarter",
    note: "% promoters (9-10) minus % detractors (0-6), in points; =CXM.NPS. Target: +5 points on last quarter's 30.",
  },
  {
    name: "CSAT",
    direction: "higher",
    target: 0.85,
    nearWithin: 0.03,
    actual: "=CSAT_satisfied/CSAT_responses",
    format: FORMATS.percent,
    timeFrame: "This quarter",
    note: "Share of 4-5 answers on the 1-5 scale (top-2-box); =CXM.CSAT. Target: the industry benchmark of 85%.",
  },
  {
    name: "CES (average, 1-7)",
    direction: "higher",
    target: 5.5,
    nearWithin: 0.3,
    actual: "=CES_average",
    format: FORMATS.decimal2,
    timeFrame: "This quarter",
    note: "Mean agreement with \"the company made it easy to handle my issue\" (CES 2.0, 7 = easiest); =CXM.CES.",
  },
  {
    name: "Customer churn (monthly)",
    direction: "lower",
    target: 0.02,
    nearWithin: 0.005,
    actual: "=Customers_lost/Customers_start",
    format: FORMATS.percent,
    timeFrame: "Last month",
    note: "Customers lost / customers at the start of the month; =CXM.CHURN. Target: 2% a month (about 22% a year).",
  },
  {
    name: "Net revenue retention",
    direction: "higher",
    target: 1,
    nearWithin: 0.03,
    actual: "=(MRR_start+MRR_expansion-MRR_contraction-MRR_churned)/MRR_start",
    format: FORMATS.percent,
    timeFrame: "Last month",
    note: "(Start MRR + expansion - contraction - churned) / start MRR, new customers excluded; =CXM.NRR. Target: 100% or more.",
  },
  {
    name: "First contact resolution",
    direction: "higher",
    target: 0.8,
    nearWithin: 0.05,
    actual: "=Cases_first_contact/Cases_total",
    format: FORMATS.percent,
    timeFrame: "This quarter",
    note: "Cases resolved in the first contact / all cases; =CXM.FCR. Target: 80%, the contact-centre norm (SQM Group).",
  },
  {
    name: "LTV:CAC",
    direction: "higher",
    target: 3,
    nearWithin: 0.5,
    actual: "=SC_ARPA*SC_gross_margin/(Customers_lost/Customers_start)/SC_CAC",
    format: FORMATS.ratio,
    timeFrame: "Last month",
    note: "LTV (ARPA x gross margin / monthly churn) / CAC; =CXM.LTV and =CXM.LTVCAC. Target: 3 or more.",
  },
  {
    name: "First response time (hours)",
    direction: "lower",
    target: 4,
    nearWithin: 1,
    actual: 5.1,
    format: FORMATS.points,
    timeFrame: "This quarter",
    note: "Median hours from a customer's first message to the first human reply, from the help desk report (typed in).",
  },
];

/**
 * The status rule the Status column's formula applies, in TypeScript: met
 * when the actual is on the right side of the target, near when it misses by
 * at most `nearWithin`, else missed.
 */
export function kpiStatus(direction: KpiDirection, target: number, actual: number, nearWithin: number): KpiStatus {
  if (direction === "lower") return actual <= target ? "met" : actual <= target + nearWithin ? "near" : "missed";
  return actual >= target ? "met" : actual >= target - nearWithin ? "near" : "missed";
}

/** Where the scorecard's rows start (the first KPI row); each KPI takes one row. */
export const SCORECARD_FIRST_ROW = 7;
/** Columns of the scorecard table. */
export const SCORECARD_COLUMNS = {
  kpi: "A",
  direction: "B",
  target: "C",
  actual: "D",
  nearWithin: "E",
  status: "F",
  gap: "G",
  timeFrame: "H",
  note: "I",
} as const;

/**
 * Builds the scorecard. With no arguments it holds the sample KPIs and inputs.
 *
 * @example kpiScorecard() // "CX scorecard": 8 KPIs; the NPS row's Status evaluates to "near" (30.8 vs 35 ± 5)
 */
export function kpiScorecard(kpis: KpiSpec[] = SAMPLE_KPIS, options: KpiScorecardOptions = {}): WorkbookPlan {
  if (kpis.length === 0) throw invalidInput("A scorecard needs at least one KPI.");
  const inputs = options.inputs ?? (kpis === SAMPLE_KPIS ? SAMPLE_SCORECARD_INPUTS : []);
  for (const k of kpis) checkKpi(k);
  for (const i of inputs) {
    const why = invalidDefinedName(i.name);
    if (why) throw invalidInput(`Input "${i.label}": ${why}`);
    if (!Number.isFinite(i.value)) throw invalidInput(`Input "${i.label}" must be a number (got ${i.value}).`);
  }

  const title = options.title ?? "CX KPI scorecard";
  const s = new SheetBuilder("scorecard", options.sheetName ?? "CX scorecard", title);
  const first = s.heading([
    "Status is met when the actual reaches the target, near when it misses by no more than the tolerance, missed otherwise.",
  ]);
  const header = ["KPI", "Better when", "Target", "Actual", "Near if within", "Status", "Gap to target", "Time frame", "How it is computed (SMART target)"];
  const rows: CellValue[][] = [header];
  const firstRow = first + 3;
  // An actual that is not a formula of the allow-list (safe-formula.ts) is written as literal text,
  // never as a formula, whoever built the KPI list; its status and gap stay empty.
  const allow = { names: inputs.map((i) => i.name) };
  const literalActual = kpis.map((k) => typeof k.actual === "string" && !checkUserFormula(k.actual, allow).ok);
  kpis.forEach((k, i) => {
    const r = firstRow + i;
    const [dir, target, actual, near] = ["B", "C", "D", "E"].map((c) => `${c}${r}`);
    rows.push([
      k.name,
      k.direction,
      k.target,
      k.actual,
      k.nearWithin,
      literalActual[i]
        ? ""
        : `=IF(OR(${target}="",${actual}=""),"",IF(${dir}="lower",IF(${actual}<=${target},"met",IF(${actual}<=${target}+${near},"near","missed")),IF(${actual}>=${target},"met",IF(${actual}>=${target}-${near},"near","missed"))))`,
      literalActual[i] ? "" : `=IF(OR(${target}="",${actual}=""),"",IF(${dir}="lower",${target}-${actual},${actual}-${target}))`,
      k.timeFrame,
      k.note,
    ]);
  });
  const card = s.block(
    first,
    1,
    "Scorecard",
    "Gap to target is positive when the KPI beats its target. Edit targets, tolerances and directions in place.",
    rows,
    // Row 0 is the header; the actual is column 3.
    { header: true, ...(literalActual.some(Boolean) ? { literal: (row: number, column: number) => row > 0 && column === 3 && literalActual[row - 1] } : {}) },
  );
  if (card.bodyRow + 1 !== SCORECARD_FIRST_ROW) throw new Error("Scorecard layout drifted from SCORECARD_FIRST_ROW.");
  s.table("KpiScorecard", card.body, { style: "TableStyleMedium2" });
  kpis.forEach((k, i) => {
    const r = firstRow + i;
    s.format(`C${r}:E${r}`, { numberFormat: k.format });
    s.format(`G${r}`, { numberFormat: k.format });
    if (typeof k.actual === "string") s.format(`D${r}`, { bold: true });
    else s.format(`D${r}`, LOOKS.input);
  });
  const statusRange = rangeName(firstRow, 6, kpis.length, 1);
  s.format(statusRange, { bold: true, horizontalAlignment: "center" });
  s.conditional({ kind: "cellValue", range: statusRange, operator: "equal", formula1: '"met"', style: GOOD });
  s.conditional({ kind: "cellValue", range: statusRange, operator: "equal", formula1: '"near"', style: NEUTRAL });
  s.conditional({ kind: "cellValue", range: statusRange, operator: "equal", formula1: '"missed"', style: BAD });
  s.listValidation(rangeName(firstRow, 2, kpis.length, 1), ["higher", "lower"]);
  s.format(rangeName(firstRow, 3, kpis.length, 1), LOOKS.input);
  s.format(rangeName(firstRow, 5, kpis.length, 1), LOOKS.input);
  s.format(rangeName(firstRow, 9, kpis.length, 1), { wrapText: true });

  if (inputs.length > 0) {
    const block = s.block(
      card.next,
      1,
      "Inputs",
      "The KPI formulas read these named cells (Formulas > Name Manager); update them each period.",
      [["Input", "Value", "Name", "What it is"], ...inputs.map((i) => [i.label, i.value, i.name, i.note])],
      { header: true },
    );
    inputs.forEach((input, i) => {
      const r = block.bodyRow + 1 + i;
      s.name(input.name, r, 2, input.label);
      s.format(cellName(r, 2), { ...LOOKS.input, numberFormat: input.format });
    });
  }

  s.widths(1, [30, 12, 18, 11, 12, 10, 12, 13, 90]).freeze(card.bodyRow, 1);
  return { title, sheets: [s.build()] };
}

function checkKpi(k: KpiSpec): void {
  if (!k.name.trim()) throw invalidInput("Every KPI needs a name.");
  if (k.direction !== "higher" && k.direction !== "lower") {
    throw invalidInput(`KPI "${k.name}": direction must be "higher" or "lower" (got ${String(k.direction)}).`);
  }
  if (!Number.isFinite(k.target)) throw invalidInput(`KPI "${k.name}": the target must be a number (got ${k.target}).`);
  if (!(Number.isFinite(k.nearWithin) && k.nearWithin >= 0)) {
    throw invalidInput(`KPI "${k.name}": nearWithin must be 0 or more (got ${k.nearWithin}).`);
  }
  if (typeof k.actual === "number" ? !Number.isFinite(k.actual) : !k.actual.startsWith("=")) {
    throw invalidInput(`KPI "${k.name}": the actual must be a number or a formula starting with "=".`);
  }
}
