/**
 * The scorecard sheet, block by block, from the aggregate alone
 * (aggregate.ts): one row per KPI with its target, actual, direction, a
 * tolerance, a Status formula (met / near / missed in the sheet's language)
 * coloured by conditional formatting, the gap to target, the time frame and
 * how the KPI is computed — the SMART form of a target — then the named
 * inputs the actuals' formulas read, so the scorecard recomputes when a
 * manager updates them.
 *
 * Every formula carries its value (fx). The notes wrap within their column
 * and each row is as tall as its note (SheetBuilder measures them), so no
 * note prints over the next.
 */
import { BlockSpec, SheetBuilder } from "../../workbook/builder";
import { Cell, fx, Placed } from "../../workbook/layout";
import type { CachedValue, WorkbookPlan } from "../../workbook/plan";
import { BAD, GOOD, LOOKS, NEUTRAL } from "../../workbook/styles";
import type { SourceFacts } from "../shared/strings";
import { kpiGap, kpiStatus, ScorecardAggregate, ScorecardKpi } from "./aggregate";
import type { ScorecardStrings } from "./strings";

export interface ScorecardSheetOptions {
  source: SourceFacts;
}

/** Columns of the scorecard table (offsets in its block). */
export const COLUMN = { kpi: 0, direction: 1, target: 2, actual: 3, nearWithin: 4, status: 5, gap: 6, timeFrame: 7, note: 8 } as const;

export interface ScorecardSheets {
  plan: WorkbookPlan;
  /** The Actual cell of each KPI, in order. */
  actualCells: string[];
  at: Record<string, Placed>;
}

interface View {
  agg: ScorecardAggregate;
  t: ScorecardStrings;
}

export function scorecardSheets(agg: ScorecardAggregate, o: ScorecardSheetOptions, t: ScorecardStrings): ScorecardSheets {
  const v: View = { agg, t };
  const s = new SheetBuilder("scorecard", t.sheetName, t.title);
  s.heading([t.source(o.source), t.about]);
  const at = s.place([scorecard(v), ...(agg.inputs.length > 0 ? [inputs(v)] : [])]);
  s.freeze(at.scorecard.row(0), 1); // the header and the KPI names stay in view
  const actualCells = agg.kpis.map((_, i) => at.scorecard.cell(1 + i, COLUMN.actual));
  return { plan: { title: t.title, sheets: [s.build()] }, actualCells, at };
}

/** A value that is an Excel error, or a number; "" when there is none. */
function derived(k: ScorecardKpi, compute: (actual: number) => CachedValue): CachedValue {
  if (k.value === null) return "";
  return typeof k.value === "number" ? compute(k.value) : k.value;
}

function scorecard(v: View): BlockSpec {
  const { agg, t } = v;
  const { kpis } = agg;
  const n = kpis.length;
  const userText = { text: true, userData: !agg.sample };
  return {
    key: "scorecard",
    title: t.scorecardTitle,
    note: t.scorecardNote,
    rows: n + 1,
    columns: 9,
    fill(w) {
      w.put([[t.kpi, t.betterWhen, t.target, t.actual, t.nearWithin, t.statusHeader, t.gap, t.timeFrame, t.howComputed]]).header();
      w.put(kpis.map((k) => [k.name]), [1, COLUMN.kpi], userText);
      w.put(kpis.map((k) => [t.direction[k.direction], k.target]), [1, COLUMN.direction]);
      kpis.forEach((k, i) => {
        const r = 1 + i;
        // A formula outside the allow-list (null value) is written as text: it never becomes a formula.
        if (typeof k.actual === "string" && k.value === null) w.put([[k.actual]], [r, COLUMN.actual], userText);
        else w.put([[typeof k.actual === "string" ? fx(k.actual, k.value!) : k.actual]], [r, COLUMN.actual]);
      });
      w.put(kpis.map((k, i) => [k.nearWithin, ...statusAndGap(v, w, k, 1 + i)]), [1, COLUMN.nearWithin]);
      w.put(kpis.map((k) => [k.timeFrame, k.note]), [1, COLUMN.timeFrame], userText);
      w.table(t.scorecardTable, "TableStyleMedium2");

      kpis.forEach((k, i) => {
        const r = 1 + i;
        w.format(w.range(r, COLUMN.target, 1, 3), { numberFormat: k.format });
        w.format(w.range(r, COLUMN.gap), { numberFormat: k.format });
        w.format(w.range(r, COLUMN.actual), typeof k.actual === "string" ? { bold: true } : LOOKS.input);
      });
      const status = w.range(1, COLUMN.status, n, 1);
      w.format(status, { bold: true, horizontalAlignment: "center" });
      const rule = (word: string, style: typeof GOOD) => ({ kind: "cellValue" as const, range: status, operator: "equal" as const, formula1: `"${word}"`, style });
      w.conditional(rule(t.status.met, GOOD)).conditional(rule(t.status.near, NEUTRAL)).conditional(rule(t.status.missed, BAD));
      w.format(w.range(1, COLUMN.direction, n, 2), LOOKS.input);
      w.format(w.range(1, COLUMN.nearWithin, n, 1), LOOKS.input);
      // Every cell of a KPI's row at the top of it, beside the first line of its wrapped note.
      w.format(w.range(1, 0, n, 9), { verticalAlignment: "top" });
      w.format(w.range(1, COLUMN.note, n, 1), { wrapText: true });
      w.listValidation(w.range(1, COLUMN.direction, n, 1), [t.direction.higher, t.direction.lower]);
    },
  };
}

/** The Status and Gap formulas of the KPI on body row r, with their values; empty for an actual that is text. */
function statusAndGap(v: View, w: Placed, k: ScorecardKpi, r: number): Cell[] {
  if (k.value === null) return ["", ""];
  const { t } = v;
  const [dir, target, actual, near] = [COLUMN.direction, COLUMN.target, COLUMN.actual, COLUMN.nearWithin].map((c) => w.cell(r, c));
  const s = t.status;
  const blank = `OR(${target}="",${actual}="")`;
  const status = fx(
    `=IF(${blank},"",IF(${dir}="${t.direction.lower}",IF(${actual}<=${target},"${s.met}",IF(${actual}<=${target}+${near},"${s.near}","${s.missed}")),IF(${actual}>=${target},"${s.met}",IF(${actual}>=${target}-${near},"${s.near}","${s.missed}"))))`,
    derived(k, (a) => s[kpiStatus(k.direction, k.target, a, k.nearWithin)]),
  );
  const gap = fx(`=IF(${blank},"",IF(${dir}="${t.direction.lower}",${target}-${actual},${actual}-${target}))`, derived(k, (a) => kpiGap(k.direction, k.target, a)));
  return [status, gap];
}

/** The inputs block spans the scorecard's width; its note starts at the fourth column. */
const INPUT_COLUMNS = 9;
const NOTE = 3;

function inputs(v: View): BlockSpec {
  const { agg, t } = v;
  const list = agg.inputs;
  return {
    key: "inputs",
    title: t.inputsTitle,
    note: t.inputsNote,
    rows: list.length + 1,
    // Under the scorecard's columns: the note spans the columns from the fourth to the last, so the
    // scorecard's narrow number columns keep their width.
    columns: INPUT_COLUMNS,
    fill(w) {
      const spread = (cells: Cell[]) => [...cells, ...Array.from({ length: INPUT_COLUMNS - cells.length }, () => "")];
      w.put([spread([t.input, t.value, t.name, t.whatItIs]), ...list.map((i) => spread([i.label, i.value, i.name, i.note]))]).header();
      for (let r = 0; r <= list.length; r++) w.wrapAcross(r, NOTE, INPUT_COLUMNS - NOTE);
      list.forEach((input, i) => {
        w.name(input.name, 1 + i, 1, input.label);
        w.format(w.range(1 + i, 1), { ...LOOKS.input, numberFormat: input.format });
      });
    },
  };
}
