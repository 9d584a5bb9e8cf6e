/**
 * Applies WorkbookPlans inside Excel (Office.js). With src/excel/blank-cells.ts
 * this is the only module that calls Excel.run.
 *
 * - Creates NEW sheets only: the user's sheets, names and tables are read once
 *   and never touched; a taken sheet name gets " (2)", a taken table name "_2",
 *   and a taken defined name is scoped to its new sheet instead.
 * - Writes rectangular blocks with range.values / range.formulas, cut into
 *   chunks below Excel on the web's 5 MB request limit (plan-requests.ts).
 * - Suspends calculation and screen updating for every batch, then asks for
 *   one recalculation at the end.
 * - Syncs: 1 (read existing names) + 1 (create the sheets, learn their ids)
 *   + one per batch + 1 (recalculate). Small plans fit in one batch (4 syncs);
 *   a large plan needs at most one batch per chunk plus one, so
 *   syncs <= chunks + 4 whatever the data size.
 * - On any failure, or when cancelled between batches, deletes what it
 *   created — found by identity, never by name — and throws a PlanApplyError.
 *
 * Identity. The workbook can change while a build runs (co-authoring, another
 * add-in): a sheet called "LTV model" or a name ARPA may appear after CXM read
 * the names. So the sheets are first created under a temporary name unique to
 * this build ("CXM build 3f9a0c 1") and their ids (Worksheet.id) recorded;
 * only then are they renamed to their final names. A rollback deletes the
 * sheets with those ids (or, if the creating sync itself failed, with this
 * build's temporary names), and the workbook names whose reference is on one
 * of those sheets. A sheet or name of the user's, even one with the name CXM
 * wanted, is never deleted.
 */
import { rangeName, parseRect } from "../workbook/a1";
import { CellFormat, ChartPlan, ConditionalFormatPlan, ConditionalStyle, PrintSetup, WorkbookPlan } from "../workbook/plan";
import { PALETTE } from "../workbook/styles";
import { resolvePlans, ResolvedName, ResolvedWorkbook } from "../workbook/resolve";
import {
  chunkCells,
  columnAddress,
  DEFAULT_REQUEST_BUDGET,
  headerSections,
  Operation,
  packBatches,
  planOperations,
  rowAddress,
  widthInPoints,
} from "./plan-requests";

export interface ApplyPlanOptions {
  /** Called with the fraction done (0 to 1) after each batch. */
  onProgress?: (fraction: number) => void;
  /** Checked between batches; when it is aborted the build stops and is rolled back (an AbortSignal fits). */
  signal?: { readonly aborted: boolean };
  /** Request budget in bytes (default 4 MiB, below Excel on the web's 5 MB). */
  maxRequestBytes?: number;
  /** Activate the first new sheet at the end (default true). */
  activate?: boolean;
}

export interface ApplyPlanResult {
  /** The sheets created, in order, with their final names. */
  sheets: { key: string; name: string; planIndex: number }[];
  names: ResolvedName[];
  tables: { requested: string; name: string; sheetName: string }[];
  /** context.sync() calls made. */
  syncs: number;
  /** Batches of operations sent (each one sync). */
  batches: number;
  /** Chunks the cell blocks were cut into. */
  chunks: number;
}

/** A build that failed or was cancelled; `rolledBack` says whether its sheets were removed. */
export class PlanApplyError extends Error {
  readonly cancelled: boolean;
  readonly rolledBack: boolean;
  readonly cause: unknown;
  constructor(message: string, options: { cause: unknown; cancelled: boolean; rolledBack: boolean }) {
    super(message);
    this.name = "PlanApplyError";
    this.cause = options.cause;
    this.cancelled = options.cancelled;
    this.rolledBack = options.rolledBack;
  }
}

/** Applies plans to the open workbook through Excel.run. */
export async function applyPlan(plans: WorkbookPlan | WorkbookPlan[], options: ApplyPlanOptions = {}): Promise<ApplyPlanResult> {
  return Excel.run((context) => applyPlanInContext(context, plans, options));
}

/** The same, inside a request context the caller owns (tests pass a fake one). */
export async function applyPlanInContext(
  context: Excel.RequestContext,
  plans: WorkbookPlan | WorkbookPlan[],
  options: ApplyPlanOptions = {},
): Promise<ApplyPlanResult> {
  const list = Array.isArray(plans) ? plans : [plans];
  const budget = options.maxRequestBytes ?? DEFAULT_REQUEST_BUDGET;
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // 1. What the workbook already holds: one sync.
  const workbook = context.workbook;
  workbook.worksheets.load("items/name");
  workbook.names.load("items/name");
  workbook.tables.load("items/name");
  await sync();
  const resolved: ResolvedWorkbook = resolvePlans(list, {
    sheets: workbook.worksheets.items.map((s) => s.name),
    names: workbook.names.items.map((n) => n.name),
    tables: workbook.tables.items.map((t) => t.name),
  });

  const ops = planOperations(resolved, budget);
  const batches = packBatches(ops, budget);
  const total = ops.reduce((n, o) => n + o.bytes, 0);
  const chunks = ops.filter((o) => o.op.kind === "write").length;
  const sheets = new Map<string, Excel.Worksheet>();
  const title = list.map((p) => p.title).join(", ");
  const build: BuildIdentity = { token: buildToken(), sheetIds: [] };
  let done = 0;
  options.onProgress?.(0);

  let step = 0;
  try {
    // 2. The sheets, under this build's temporary names, and their ids: one sync.
    const created = resolved.sheets.map((s, i) => {
      const ws = workbook.worksheets.add(temporaryName(build.token, i));
      ws.load("id");
      return { final: s.name, ws };
    });
    await sync();
    for (const { final, ws } of created) {
      build.sheetIds.push(ws.id);
      sheets.set(final, ws);
    }

    // 3. The batches: each one sync with calculation and screen updating suspended.
    for (const batch of batches) {
      step++;
      if (options.signal?.aborted) throw new CancelledError();
      workbook.application.suspendApiCalculationUntilNextSync();
      workbook.application.suspendScreenUpdatingUntilNextSync();
      for (const { op } of batch) {
        if (op.kind === "activate" && options.activate === false) continue;
        apply(context, sheets, op);
      }
      await sync();
      done += batch.reduce((n, o) => n + o.bytes, 0);
      options.onProgress?.(Math.min(1, done / total));
    }
    // 4. Calculation was suspended while the formulas went in: recalculate what they dirtied.
    workbook.application.calculate("Recalculate");
    await sync();
  } catch (error) {
    const cancelled = error instanceof CancelledError;
    const failures = await rollBack(context, build, resolved, () => syncs++);
    const what = cancelled ? `Building ${title} was cancelled` : `Building ${title} failed at batch ${step} of ${batches.length}: ${message(error)}`;
    const cleanup = failures.length === 0
      ? "The sheets and names it had created were removed; your own sheets and names were not touched."
      : `Some of what it created could not be removed (${failures.join("; ")}); your own sheets and names were not touched.`;
    throw new PlanApplyError(`${what}. ${cleanup}`, { cause: error, cancelled, rolledBack: failures.length === 0 });
  }
  options.onProgress?.(1);
  return {
    sheets: resolved.sheets.map((s) => ({ key: s.plan.key, name: s.name, planIndex: s.planIndex })),
    names: resolved.names,
    tables: resolved.tables.map((t) => ({ requested: t.requested, name: t.name, sheetName: t.sheetName })),
    syncs,
    batches: batches.length,
    chunks,
  };
}

class CancelledError extends Error {
  constructor() {
    super("Cancelled");
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What identifies this build's own sheets: their ids, and the temporary names they were created under. */
interface BuildIdentity {
  token: string;
  sheetIds: string[];
}

/** Six random hex digits: two builds (two panes, two users) never share temporary names. */
function buildToken(): string {
  const bytes = new Uint8Array(3);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A sheet name no user would pick, valid in Excel (at most 31 characters, none of : \ / ? * [ ]). */
function temporaryName(token: string, index: number): string {
  return `CXM build ${token} ${index + 1}`;
}

/** The sheet a workbook name's formula refers to ("='LTV model'!$B$7" -> LTV model); "" when it is not a plain reference. */
function sheetOfReference(formula: string): string {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  const bang = text.lastIndexOf("!");
  if (bang < 0) return "";
  const sheet = text.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/**
 * Deletes what this build created, found by identity: the sheets whose ids it
 * recorded (or, when the sync creating them failed before their ids were
 * known, the sheets carrying its temporary names), and the workbook names it
 * planned whose reference is on one of those sheets. A sheet or a name the
 * user has, even under a name CXM planned to use, is left alone. Two syncs:
 * one to learn what exists, one to delete it.
 */
async function rollBack(context: Excel.RequestContext, build: BuildIdentity, resolved: ResolvedWorkbook, countSync: () => void): Promise<string[]> {
  const failures: string[] = [];
  try {
    const workbook = context.workbook;
    const ours = build.sheetIds.map((id) => workbook.worksheets.getItemOrNullObject(id));
    for (const ws of ours) ws.load("name");
    workbook.worksheets.load("items/name");
    const names = resolved.names
      .filter((n) => n.scope === "workbook")
      .map((n) => workbook.names.getItemOrNullObject(n.name));
    for (const n of names) n.load("formula");
    countSync();
    await context.sync();
    const prefix = temporaryName(build.token, 0).slice(0, -1);
    const doomed = [
      ...ours.filter((ws) => !ws.isNullObject),
      ...(build.sheetIds.length === 0 ? workbook.worksheets.items.filter((ws) => ws.name.startsWith(prefix)) : []),
    ];
    const doomedNames = new Set(doomed.map((ws) => ws.name.toUpperCase()));
    // Names first: deleting a sheet would turn a workbook name into #REF! rather than remove it.
    for (const n of names) if (!n.isNullObject && doomedNames.has(sheetOfReference(n.formula).toUpperCase())) n.delete();
    for (const ws of doomed) ws.delete();
    countSync();
    await context.sync();
  } catch (error) {
    failures.push(message(error));
  }
  return failures;
}

function apply(context: Excel.RequestContext, sheets: Map<string, Excel.Worksheet>, op: Operation): void {
  const workbook = context.workbook;
  if (op.kind === "nameSheet") {
    const ws = sheetOf(sheets, op.sheet);
    ws.name = op.sheet;
    if (op.tabColor) ws.tabColor = op.tabColor;
    return;
  }
  if (op.kind === "addName") {
    const n = op.name;
    const ws = sheetOf(sheets, n.sheetName);
    const target = ws.getRange(n.reference.slice(n.reference.lastIndexOf("!") + 1));
    if (n.scope === "workbook") workbook.names.add(n.name, target, n.comment);
    else ws.names.add(n.name, target, n.comment);
    return;
  }
  const ws = sheetOf(sheets, op.sheet);
  switch (op.kind) {
    case "write": {
      const range = ws.getRange(op.address);
      if (op.formulas) range.formulas = chunkCells(op);
      else range.values = chunkCells(op);
      return;
    }
    case "format":
      applyFormat(ws.getRange(op.format.range), op.format);
      return;
    case "columnWidth":
      ws.getRange(columnAddress(op.column)).format.columnWidth = widthInPoints(op.width);
      return;
    case "rowHeight":
      ws.getRange(rowAddress(op.row)).format.rowHeight = op.height;
      return;
    case "merge":
      ws.getRange(op.range).merge(false);
      return;
    case "print":
      applyPrint(ws, op.print);
      return;
    case "table": {
      const table = ws.tables.add(op.table.range, true);
      table.name = op.table.name;
      table.style = op.table.style ?? "TableStyleMedium2";
      table.showBandedRows = op.table.bandedRows ?? true;
      return;
    }
    case "conditional":
      applyConditional(ws.getRange(op.rule.range), op.rule);
      return;
    case "validation":
      ws.getRange(op.validation.range).dataValidation.rule = { list: { inCellDropDown: true, source: op.validation.list.join(",") } };
      return;
    case "chart":
      applyChart(ws, op.chart);
      return;
    case "freeze": {
      const { rows, columns } = op;
      if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeName(1, 1, rows, columns)));
      else if (rows > 0) ws.freezePanes.freezeRows(rows);
      else ws.freezePanes.freezeColumns(columns);
      return;
    }
    case "activate":
      ws.activate();
      return;
  }
}

function sheetOf(sheets: Map<string, Excel.Worksheet>, name: string): Excel.Worksheet {
  const ws = sheets.get(name);
  if (!ws) throw new Error(`Sheet ${name} was not created by this build.`);
  return ws;
}

const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const VALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function applyFormat(range: Excel.Range, f: CellFormat): void {
  // A 1×1 array applies one number format to the whole range (one small request, whatever its size).
  if (f.numberFormat !== undefined) range.numberFormat = [[f.numberFormat]];
  const font = range.format.font;
  if (f.bold !== undefined) font.bold = f.bold;
  if (f.italic !== undefined) font.italic = f.italic;
  if (f.fontSize !== undefined) font.size = f.fontSize;
  if (f.fontColor !== undefined) font.color = f.fontColor;
  if (f.fill !== undefined) range.format.fill.color = f.fill;
  if (f.horizontalAlignment !== undefined) range.format.horizontalAlignment = ALIGN[f.horizontalAlignment];
  if (f.wrapText !== undefined) range.format.wrapText = f.wrapText;
  if (f.verticalAlignment !== undefined) range.format.verticalAlignment = VALIGN[f.verticalAlignment];
  if (f.bottomBorder !== undefined) {
    const edges: Excel.BorderIndex[] = ["EdgeBottom" as Excel.BorderIndex];
    const r = parseRect(f.range);
    if (r.lastRow > r.row) edges.push("InsideHorizontal" as Excel.BorderIndex);
    for (const edge of edges) {
      const border = range.format.borders.getItem(edge);
      border.style = "Continuous";
      border.color = f.bottomBorder;
    }
  }
}

const OPERATORS: Record<string, Excel.ConditionalCellValueOperator | string> = {
  between: "Between",
  notBetween: "NotBetween",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThanOrEqual: "LessThanOrEqual",
};

const CRITERION = { lowest: "LowestValue", highest: "HighestValue", number: "Number", percent: "Percent", percentile: "Percentile" } as const;

function styleFormat(format: Excel.ConditionalRangeFormat, style: ConditionalStyle): void {
  if (style.fill) format.fill.color = style.fill;
  if (style.fontColor) format.font.color = style.fontColor;
  if (style.bold) format.font.bold = true;
}

function applyConditional(range: Excel.Range, rule: ConditionalFormatPlan): void {
  switch (rule.kind) {
    case "colorScale": {
      const cf = range.conditionalFormats.add("ColorScale");
      const stop = (s: typeof rule.min) => ({
        type: CRITERION[s.type],
        ...(s.value !== undefined ? { formula: String(s.value) } : {}),
        color: s.color,
      });
      cf.colorScale.criteria = {
        minimum: stop(rule.min),
        ...(rule.mid ? { midpoint: stop(rule.mid) } : {}),
        maximum: stop(rule.max),
      } as Excel.ConditionalColorScaleCriteria;
      return;
    }
    case "cellValue": {
      const cf = range.conditionalFormats.add("CellValue");
      styleFormat(cf.cellValue.format, rule.style);
      cf.cellValue.rule = {
        formula1: `=${rule.formula1}`,
        ...(rule.formula2 !== undefined ? { formula2: `=${rule.formula2}` } : {}),
        operator: OPERATORS[rule.operator],
      } as Excel.ConditionalCellValueRule;
      return;
    }
    case "expression": {
      const cf = range.conditionalFormats.add("Custom");
      cf.custom.rule.formula = `=${rule.formula}`;
      styleFormat(cf.custom.format, rule.style);
      return;
    }
  }
}

/** Print setup (ExcelApi 1.9): orientation, fit to pages wide (0 pages tall: as many as needed), header, titles, area, page breaks. */
function applyPrint(ws: Excel.Worksheet, print: PrintSetup): void {
  const layout = ws.pageLayout;
  layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom = { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: 0 };
  if (print.header) {
    const { left, center, right } = headerSections(print.header);
    const page = layout.headersFooters.defaultForAllPages;
    page.leftHeader = left;
    page.centerHeader = center;
    page.rightHeader = right;
  }
  if (print.titleRows) layout.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
  if (print.area) layout.setPrintArea(print.area);
  for (const row of print.rowBreaks ?? []) ws.horizontalPageBreaks.add(`A${row}`);
}

const CHART_TYPES = { line: "Line", column: "ColumnClustered", bar: "BarClustered", waterfall: "ColumnStacked" } as const;

function applyChart(ws: Excel.Worksheet, plan: ChartPlan): void {
  const categories = ws.getRange(plan.categories);
  // A waterfall's first series is its invisible base (the stack each step stands on).
  const waterfall = plan.type === "waterfall";
  const all = waterfall ? [{ name: "Base", values: plan.base!, color: undefined, dashed: false }, ...plan.series] : plan.series;
  const chart = ws.charts.add(CHART_TYPES[plan.type], ws.getRange(all[0].values), "Columns");
  chart.title.text = plan.title;
  chart.legend.position = "Bottom";
  chart.displayBlanksAs = "NotPlotted";
  chart.setPosition(plan.anchor.from, plan.anchor.to);
  all.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    if (i > 0) series.setValues(ws.getRange(s.values));
    series.name = s.name;
    series.setXAxisValues(categories);
    if (waterfall && i === 0) {
      series.format.fill.clear();
      series.format.line.lineStyle = "None";
      return;
    }
    const color = s.color ?? PALETTE[(waterfall ? i - 1 : i) % PALETTE.length];
    if (plan.type === "line") series.format.line.color = color;
    else series.format.fill.setSolidColor(color);
    if (s.dashed && plan.type === "line") series.format.line.lineStyle = "Dash";
  });
  if (waterfall) {
    chart.series.getItemAt(0).gapWidth = 50;
    chart.legend.legendEntries.getItemAt(0).visible = false;
  }
  if (plan.xAxisTitle) chart.axes.categoryAxis.title.text = plan.xAxisTitle;
  if (plan.yAxisTitle) chart.axes.valueAxis.title.text = plan.yAxisTitle;
  if (plan.valueAxisMin !== undefined) chart.axes.valueAxis.minimum = plan.valueAxisMin;
  if (plan.valueAxisMax !== undefined) chart.axes.valueAxis.maximum = plan.valueAxisMax;
}
