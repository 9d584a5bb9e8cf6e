/**
 * Checks that a finished sheet reads well, from the plan alone (measured as
 * measure.ts measures it): every template in the v2 shape passes them on
 * every sheet, in both languages (test/templates/v2/layout.test.ts).
 *
 * - wrap: a wrapped cell (or merged area) is tall enough for its lines, and
 *   a one-line cell for its font;
 * - cut: text that does not fit its column runs over empty cells only (the
 *   next filled cell would cut it: "Revenue in mo|Month 0");
 * - number: a number fits its column (else Excel shows ####);
 * - chart: no chart covers a filled cell, another chart, or text running
 *   over from the left;
 * - print: the sheet has a print setup;
 * - freeze: a sheet with an Excel Table keeps something frozen in view;
 * - cached: every formula carries its value.
 */
import { CellRect, cellName, parseRect, rectName, rectsOverlap } from "./a1";
import { neededHeight, SheetGeometry, SheetLooks, ShownCell, shownCells, shownWidthPx } from "./measure";
import { blockRect, isFormula, SheetPlan, WorkbookPlan } from "./plan";

export type LayoutCheck = "wrap" | "cut" | "number" | "chart" | "print" | "freeze" | "cached";

export interface LayoutProblem {
  sheet: string;
  check: LayoutCheck;
  /** The cell or range at fault. */
  at: string;
  detail: string;
}

/** Points of slack allowed for rounding. */
const SLACK = 0.01;

export function checkSheetLayout(sheet: SheetPlan): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const add = (check: LayoutCheck, at: string, detail: string) => problems.push({ sheet: sheet.key, check, at, detail });
  const geometry = new SheetGeometry(sheet);
  const cells = [...shownCells(sheet, new SheetLooks(sheet.formats))];
  const filled = new Map<number, Set<number>>();
  const fill = (row: number, column: number) => {
    const set = filled.get(row);
    if (set) set.add(column);
    else filled.set(row, new Set([column]));
  };
  for (const c of cells) fill(c.row, c.column);
  for (const m of geometry.merges) for (let r = m.row; r <= m.lastRow; r++) for (let c = m.column; c <= m.lastColumn; c++) fill(r, c);
  const isFilled = (row: number, column: number) => filled.get(row)?.has(column) ?? false;

  // Text running to the right over empty cells.
  const runOvers: CellRect[] = [];
  for (const cell of cells) {
    const merge = geometry.mergeAt(cell.row, cell.column);
    if (!merge && geometry.inMerge(cell.row, cell.column)) continue;
    const first = merge?.column ?? cell.column;
    const last = merge?.lastColumn ?? cell.column;
    const rows = merge ? [merge.row, merge.lastRow] : [cell.row, cell.row];
    const room = geometry.roomPx(first, last);
    const have = geometry.heightOf(rows[0], rows[1]);
    const need = neededHeight(cell, room);
    if (need > have + SLACK) {
      add("wrap", cellName(cell.row, cell.column), `"${short(cell.text)}" needs ${need} pt of height, the row has ${have} pt.`);
    }
    if (cell.look.wrap || cell.text === "") continue;
    const width = shownWidthPx(cell);
    if (width <= room + SLACK) continue;
    if (!isText(cell)) {
      add("number", cellName(cell.row, cell.column), `${cell.text} needs ${Math.ceil(width)} px, the column shows ${Math.floor(room)} px (Excel would show ####).`);
      continue;
    }
    let reach = last;
    let covered = room;
    while (covered < width && reach < 16384) {
      if (isFilled(cell.row, reach + 1)) {
        add("cut", cellName(cell.row, cell.column), `"${short(cell.text)}" needs ${Math.ceil(width)} px and is cut at ${cellName(cell.row, reach + 1)} after ${Math.floor(covered)} px.`);
        break;
      }
      reach++;
      covered += geometry.width(reach) * 7;
    }
    if (reach > last) runOvers.push({ row: cell.row, column: last + 1, lastRow: cell.row, lastColumn: reach });
  }

  const charts = sheet.charts.map((c) => ({ title: c.title, rect: { ...parseRect(c.anchor.from), lastRow: parseRect(c.anchor.to).lastRow, lastColumn: parseRect(c.anchor.to).lastColumn } }));
  charts.forEach((chart, i) => {
    const where = rectName(chart.rect);
    const under = cells.find((c) => c.row >= chart.rect.row && c.row <= chart.rect.lastRow && c.column >= chart.rect.column && c.column <= chart.rect.lastColumn);
    if (under) add("chart", where, `chart "${chart.title}" covers ${cellName(under.row, under.column)} ("${short(under.text)}").`);
    const merged = geometry.merges.find((m) => rectsOverlap(m, chart.rect));
    if (merged) add("chart", where, `chart "${chart.title}" covers the merged area ${rectName(merged)}.`);
    const run = runOvers.find((r) => rectsOverlap(r, chart.rect));
    if (run) add("chart", where, `chart "${chart.title}" covers text running over ${rectName(run)}.`);
    charts.slice(i + 1).forEach((other) => {
      if (rectsOverlap(other.rect, chart.rect)) add("chart", where, `charts "${chart.title}" and "${other.title}" overlap.`);
    });
  });

  if (!sheet.print) add("print", sheet.key, "the sheet has no print setup.");
  if (sheet.tables.length > 0 && !(sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.columns > 0))) {
    add("freeze", sheet.key, `the sheet holds ${sheet.tables.length === 1 ? "a table" : "tables"} but freezes nothing.`);
  }

  let missing = 0;
  let firstMissing = "";
  for (const block of sheet.blocks) {
    if (block.text) continue;
    const rect = blockRect(block);
    block.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (!isFormula(v) || (block.cached?.[i]?.[j] ?? null) !== null) return;
        if (missing++ === 0) firstMissing = cellName(rect.row + i, rect.column + j);
      }),
    );
  }
  if (missing > 0) add("cached", firstMissing, `${missing} formula cell${missing === 1 ? "" : "s"} carry no value, the first at ${firstMissing}.`);
  return problems;
}

/** Every sheet's problems. */
export function checkPlanLayout(plan: WorkbookPlan): LayoutProblem[] {
  return plan.sheets.flatMap(checkSheetLayout);
}

/** A line per problem, for test failures: "cohorts/cut at B7: …". */
export function describeProblems(problems: LayoutProblem[]): string[] {
  return problems.map((p) => `${p.sheet}/${p.check} at ${p.at}: ${p.detail}`);
}

function isText(cell: ShownCell): boolean {
  return typeof cell.value === "string" || typeof cell.value === "boolean";
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
