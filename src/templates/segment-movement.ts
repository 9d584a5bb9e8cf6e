/**
 * Segment movement: from one row per customer (segment before, segment
 * after, optionally a value such as revenue), the migration matrix of
 * customers and of value, the share of each segment's customers that went
 * where, and the moved-up / stayed / moved-down / lost summary, with charts.
 *
 * The matrices of counts and values are aggregated from the source at build
 * time (values, with the source and the build time stated on the sheet), by
 * the metrics core (src/metrics/segment-matrix.ts). Everything derived from
 * them is a native Excel formula: totals, row shares, and the up/down split,
 * which compares each segment's rank (an input row on the sheet, lowest = 1)
 * with SUMIFS, so a reviewer can reorder the ladder and watch it move.
 */
import { invalidInput } from "../metrics/errors";
import {
  defaultSegmentOrder,
  explicitSegmentOrder,
  LOST_LABEL,
  NEW_LABEL,
  Segment,
  SegmentCell,
  segmentKey,
  segmentMatrix,
  SegmentOrder,
  segmentSummary,
} from "../metrics/segment-matrix";
import type { CustomerKey } from "../metrics/transaction-log";
import { cellName, columnLetter, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { CellValue, ColorScaleRule, validatePlan, WorkbookPlan } from "../workbook/plan";
import { COLORS, FORMATS, LOOKS } from "../workbook/styles";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, RowProblem, TemplateDescriptor, ValidationReport } from "./registry-types";
import { sampleSnapshots } from "./sample-snapshots";
import { isBlank, numberOf, shown, textOf } from "./cells";
import { customerColumn, field, mappedColumn, problem, stamp, TemplateInputError, unmappedColumns } from "./descriptor-kit";

/** One customer at two snapshots; a null segment means none (new before, lost after). */
export interface SnapshotRow {
  customer: CustomerKey;
  before: Segment | null;
  after: Segment | null;
  /** The customer's value (revenue, MRR…), when the source has one. */
  value?: number;
}

/** "auto": numeric when every segment is a number, else as first seen; or the segments lowest first. */
export type SegmentOrderChoice = "auto" | "alphabetical" | readonly Segment[];

export interface SegmentMovementOptions {
  order?: SegmentOrderChoice;
  /** Where the rows came from, stated on the sheet. */
  source?: string;
  /** When the workbook is built, stated on the sheet (default: now). */
  builtAt?: Date;
  /** Rows of the source left out by validation, stated on the sheet. */
  excludedRows?: number;
  sheetName?: string;
}

/** Columns of the movement-by-segment table, in order (value columns only with values). */
export const MOVEMENT_COLUMNS = ["Customers", "Moved up", "Stayed", "Moved down", "Lost", "% moved up", "% stayed", "% moved down", "% lost"] as const;
export const VALUE_MOVEMENT_COLUMNS = ["Value", "Value moved up", "Value stayed", "Value moved down", "Value lost"] as const;
export const SUMMARY_MOVES = ["Moved up", "Stayed", "Moved down", "Lost"] as const;

/** Where the blocks landed (rows 1-based; matrices start in column B). */
export interface SegmentMovementLayout {
  segments: Segment[];
  /** Row of the rank inputs (segment j's rank is in column 2 + j). */
  rankRow: number;
  /** First body row of the count matrix (segment 0 before); the "New" row is firstRow + segments, "Total after" the next. */
  countsRow: number;
  valuesRow?: number;
  sharesRow: number;
  /** Column letters of the matrices' "Lost" and "Total before" columns. */
  lostColumn: string;
  totalColumn: string;
  /** First row of the movement-by-segment table body (segment 0). */
  movementRow: number;
  /** Column letter of each movement table column (see MOVEMENT_COLUMNS). */
  movementColumns: Record<string, string>;
  /** Row of "Moved up" in the summary; Stayed, Moved down, Lost follow, then the total and new customers. */
  summaryRow: number;
}

function isBlankSegment(s: SegmentCell): boolean {
  return s === null || s === undefined || (typeof s === "string" && s.trim() === "");
}

/** The order of the matrices: explicit, alphabetical, or the metrics core's default. */
function resolveOrder(rows: readonly SnapshotRow[], choice: SegmentOrderChoice): SegmentOrder {
  const from = rows.map((r) => r.before), to = rows.map((r) => r.after);
  if (Array.isArray(choice)) {
    const order = explicitSegmentOrder(choice as Segment[]);
    rows.forEach((r, i) => {
      for (const s of [r.before, r.after]) {
        if (!isBlankSegment(s) && !order.rank.has(segmentKey(s as Segment))) {
          throw invalidInput(`Row ${i + 1}: the segment "${String(s)}" is not in the segment order (${order.segments.join(", ")}).`);
        }
      }
    });
    return order;
  }
  const auto = defaultSegmentOrder(from, to);
  if (choice !== "alphabetical") return auto;
  const allNumbers = auto.segments.every((s) => typeof s === "number");
  const segments = [...auto.segments].sort((a, b) =>
    allNumbers ? (a as number) - (b as number) : String(a).localeCompare(String(b), "en", { sensitivity: "base", numeric: true }),
  );
  return { segments, rank: new Map(segments.map((s, i) => [segmentKey(s), i])) };
}

/** The core's matrix, rows and columns put in `order` (segments of the order without customers get zeros). */
function orderedMatrix(rows: readonly SnapshotRow[], order: SegmentOrder, withValues: boolean): number[][] {
  const core = segmentMatrix(
    rows.map((r) => r.before),
    rows.map((r) => r.after),
    withValues ? rows.map((r) => r.value ?? NaN) : null,
  );
  const n = order.segments.length;
  const position = core.segments.map((s) => order.rank.get(segmentKey(s))!);
  position.push(n); // New row / Lost column
  const out = Array.from({ length: n + 1 }, () => new Array<number>(n + 1).fill(0));
  core.matrix.forEach((row, i) => row.forEach((v, j) => (out[position[i]][position[j]] += v)));
  return out;
}

/** White (0%) to blue (100%): a share is neither good nor bad, so no red-green scale. */
function shareScale(range: string): ColorScaleRule {
  return { kind: "colorScale", range, min: { type: "number", value: 0, color: "#FFFFFF" }, max: { type: "number", value: 1, color: COLORS.series[4] } };
}

/**
 * Builds the segment movement sheet.
 *
 * @example segmentMovement([{ customer: "a", before: "Gold", after: "Silver" }]).plan.sheets[0].name // "Segment movement"
 */
export function segmentMovement(
  rows: readonly SnapshotRow[],
  options: SegmentMovementOptions = {},
): { plan: WorkbookPlan; layout: SegmentMovementLayout } {
  if (rows.length === 0) throw invalidInput("There are no customers to build the segment movement from.");
  rows.forEach((r, i) => {
    if (isBlankSegment(r.before) && isBlankSegment(r.after)) throw invalidInput(`Row ${i + 1} (customer ${r.customer}) has no segment before and none after.`);
  });
  const order = resolveOrder(rows, options.order ?? "auto");
  const withValues = rows.some((r) => r.value !== undefined);
  if (withValues) {
    rows.forEach((r, i) => {
      if (!(r.value !== undefined && Number.isFinite(r.value) && r.value >= 0)) {
        throw invalidInput(`Row ${i + 1} (customer ${r.customer}): the value must be a number of 0 or more (got ${r.value}).`);
      }
    });
  }
  const segments = order.segments;
  const S = segments.length;
  const counts = orderedMatrix(rows, order, false);
  const values = withValues ? orderedMatrix(rows, order, true) : null;
  const builtAt = options.builtAt ?? new Date();
  const source = options.source ?? "rows given to the CXM segment movement template";
  const excluded = options.excludedRows ?? 0;

  const col = (j: number) => columnLetter(2 + j); // segment j's column in every matrix
  const lastSeg = col(S - 1);
  const lostColumn = col(S);
  const totalColumn = col(S + 1);

  const s = new SheetBuilder("movement", options.sheetName ?? "Segment movement", "Segment movement");
  const first = s.heading([
    `Source: ${source}. ${rows.length} customers${excluded > 0 ? ` (${excluded} rows left out: see the check in the task pane)` : ""}. Built ${stamp(builtAt)} by CXM.`,
    "Counts and values are aggregated from the source at build time; totals, shares and the up/down split are Excel formulas over them.",
  ]);

  // ---- Segment order: labels and rank inputs, in the matrices' columns.
  const orderBlock = s.block(
    first,
    1,
    "Segment order",
    "Rank 1 is the lowest segment. Edit the ranks (yellow) to change what counts as moving up or down; equal ranks count as staying.",
    [["Segment", ...segments], ["Rank", ...segments.map((_, j) => j + 1)]],
    { text: true },
  );
  const labelRow = orderBlock.bodyRow;
  const rankRow = orderBlock.bodyRow + 1;
  s.format(rangeName(labelRow, 1, 1, S + 1), LOOKS.header);
  s.format(rangeName(rankRow, 2, 1, S), { ...LOOKS.input, horizontalAlignment: "center" });
  s.format(cellName(rankRow, 1), { bold: true });
  s.name("Segment_rank", rankRow, 2, "Rank of each segment, 1 = lowest", 1, S);
  const rankCell = (j: number) => `${col(j)}$${rankRow}`;

  const header = (corner: string, last: string[]): CellValue[] => [corner, ...segments.map((_, j) => `=${col(j)}$${labelRow}`), LOST_LABEL, ...last];

  // ---- A matrix block: segments (+ New) down, segments (+ Lost) across, with totals.
  const matrixBlock = (top: number, title: string, note: string, m: number[][], format: string, scale: boolean) => {
    const firstRow = top + 3;
    const newRow = firstRow + S;
    const body: CellValue[][] = m.map((row, i) => [i < S ? segments[i] : NEW_LABEL, ...row, `=SUM(B${firstRow + i}:${lostColumn}${firstRow + i})`]);
    body.push([
      "Total after",
      ...Array.from({ length: S + 2 }, (_, j) => `=SUM(${col(j)}${firstRow}:${col(j)}${newRow})`),
    ]);
    const block = s.block(top, 1, title, note, [header("Before \\ After", ["Total before"]), ...body], { header: true, textFirstColumn: true });
    s.format(rangeName(firstRow, 2, S + 1, S + 2), { numberFormat: format });
    s.format(rangeName(newRow + 1, 1, 1, S + 3), { bold: true, numberFormat: format });
    s.format(rangeName(firstRow, S + 3, S + 1, 1), { bold: true, numberFormat: format });
    // A heatmap relative to the largest count (white = none).
    if (scale) {
      s.conditional({
        kind: "colorScale",
        range: rangeName(firstRow, 2, S, S),
        min: { type: "lowest", color: "#FFFFFF" },
        max: { type: "highest", color: COLORS.series[4] },
      });
    }
    return { block, firstRow, newRow };
  };

  const countsBlock = matrixBlock(
    orderBlock.next,
    "Customers by segment before and after",
    `Rows: segment before ("${NEW_LABEL}" = no segment before); columns: segment after ("${LOST_LABEL}" = none after). Counted at build time.`,
    counts,
    FORMATS.integer,
    true,
  );
  let next = countsBlock.block.next;
  let valuesBlock: ReturnType<typeof matrixBlock> | null = null;
  if (values) {
    valuesBlock = matrixBlock(next, "Value by segment before and after", "The same matrix, summing each customer's value instead of counting customers. Summed at build time.", values, "#,##0.00", false);
    next = valuesBlock.block.next;
  }

  // ---- Row shares: where each segment's customers went.
  const sharesRow = next + 3;
  const countTotal = (i: number) => `$${totalColumn}${countsBlock.firstRow + i}`;
  const shares = s.block(
    next,
    1,
    "Where each segment's customers went (row shares)",
    "Each row divides the count matrix by its row total, so a row sums to 100%; the diagonal is the share that stayed.",
    [
      header("Before \\ After", []),
      ...Array.from({ length: S + 1 }, (_, i) => [
        i < S ? segments[i] : NEW_LABEL,
        ...Array.from({ length: S + 1 }, (_, j) => `=IF(${countTotal(i)}=0,"",${col(j)}${countsBlock.firstRow + i}/${countTotal(i)})`),
      ]),
    ],
    { header: true, textFirstColumn: true },
  );
  s.format(rangeName(sharesRow, 2, S + 1, S + 1), { numberFormat: FORMATS.percent });
  s.conditional(shareScale(rangeName(sharesRow, 2, S + 1, S + 1)));

  // ---- Movement by segment before: an Excel Table.
  const headers: string[] = [...MOVEMENT_COLUMNS, ...(values ? VALUE_MOVEMENT_COLUMNS : [])];
  const movementColumns: Record<string, string> = {};
  headers.forEach((h, i) => (movementColumns[h] = columnLetter(2 + i)));
  const M = movementColumns;
  const movementRow = shares.next + 3;
  const split = (matrixRow: number) => {
    const range = `$B${matrixRow}:$${lastSeg}${matrixRow}`;
    return (j: number, op: string) => `=SUMIFS(${range},Segment_rank,${op === "=" ? "" : `"${op}"&`}${rankCell(j)})`;
  };
  const movement = s.block(
    shares.next,
    1,
    "Movement by segment before",
    "Moved up / down: to a segment with a higher / lower rank (SUMIFS over the count matrix row and the ranks); lost: no segment after.",
    [
      ["Segment before", ...headers],
      ...segments.map((label, i) => {
        const r = movementRow + i;
        const c = split(countsBlock.firstRow + i);
        const cells: CellValue[] = [
          label,
          `=${totalColumn}${countsBlock.firstRow + i}`,
          c(i, ">"),
          c(i, "="),
          c(i, "<"),
          `=${lostColumn}${countsBlock.firstRow + i}`,
          ...["Moved up", "Stayed", "Moved down", "Lost"].map((h) => `=IF($${M.Customers}${r}=0,"",${M[h]}${r}/$${M.Customers}${r})`),
        ];
        if (valuesBlock) {
          const v = split(valuesBlock.firstRow + i);
          cells.push(`=${totalColumn}${valuesBlock.firstRow + i}`, v(i, ">"), v(i, "="), v(i, "<"), `=${lostColumn}${valuesBlock.firstRow + i}`);
        }
        return cells;
      }),
    ],
    { header: true, textFirstColumn: true },
  );
  s.table("SegmentMovement", movement.body, { style: "TableStyleMedium2" });
  const colRange = (h: string) => `${M[h]}${movementRow}:${M[h]}${movementRow + S - 1}`;
  ["Customers", "Moved up", "Stayed", "Moved down", "Lost"].forEach((h) => s.format(colRange(h), { numberFormat: FORMATS.integer }));
  ["% moved up", "% stayed", "% moved down", "% lost"].forEach((h) => s.format(colRange(h), { numberFormat: FORMATS.percent }));
  if (values) VALUE_MOVEMENT_COLUMNS.forEach((h) => s.format(colRange(h), { numberFormat: "#,##0.00" }));

  // ---- Summary.
  const summaryRow = movement.next + 3;
  const totalRow = summaryRow + SUMMARY_MOVES.length;
  const summaryHeader = ["Movement", "Customers", "Share of customers before", ...(values ? ["Value", "Share of value before"] : [])];
  s.block(
    movement.next,
    1,
    "Summary: moved up, stayed, moved down, lost",
    "Shares of the customers (and value) that had a segment before; new customers are counted apart, as =CXM.SEGMENTSUMMARY does.",
    [
      summaryHeader,
      ...SUMMARY_MOVES.map((move, k) => {
        const r = summaryRow + k;
        const cells: CellValue[] = [move, `=SUM(${colRange(move)})`, `=B${r}/B$${totalRow}`];
        if (values) {
          cells.push(`=SUM(${colRange(`Value ${move.toLowerCase()}`)})`, `=D${r}/D$${totalRow}`);
        }
        return cells;
      }),
      ["Customers with a segment before", `=SUM(${colRange("Customers")})`, `=SUM(C${summaryRow}:C${totalRow - 1})`, ...(values ? [`=SUM(${colRange("Value")})`, `=SUM(E${summaryRow}:E${totalRow - 1})`] : [])],
      [
        "New customers (not in the shares)",
        `=${totalColumn}${countsBlock.newRow}`,
        "",
        ...(values && valuesBlock ? [`=${totalColumn}${valuesBlock.newRow}`, ""] : []),
      ],
    ],
    { header: true },
  );
  s.format(rangeName(summaryRow, 2, SUMMARY_MOVES.length + 2, 1), { numberFormat: FORMATS.integer });
  s.format(rangeName(summaryRow, 3, SUMMARY_MOVES.length + 1, 1), { ...LOOKS.output, numberFormat: FORMATS.percent });
  if (values) {
    s.format(rangeName(summaryRow, 4, SUMMARY_MOVES.length + 2, 1), { numberFormat: "#,##0.00" });
    s.format(rangeName(summaryRow, 5, SUMMARY_MOVES.length + 1, 1), { ...LOOKS.output, numberFormat: FORMATS.percent });
  }
  s.format(rangeName(totalRow, 1, 1, summaryHeader.length), { bold: true });

  // ---- Charts, right of the widest block.
  const chartColumn = Math.max(S + 3, headers.length + 1) + 2;
  const moveColors = [COLORS.good.fontColor, COLORS.series[0], COLORS.series[1], COLORS.bad.fontColor];
  s.chart({
    type: "column",
    title: "Where each segment's customers went",
    categories: rangeName(movementRow, 1, S, 1),
    series: ["% moved up", "% stayed", "% moved down", "% lost"].map((h, k) => ({ name: h.slice(2), values: colRange(h), color: moveColors[k] })),
    anchor: { from: cellName(first, chartColumn), to: cellName(first + 18, chartColumn + 8) },
    xAxisTitle: "Segment before",
    yAxisTitle: "Share of the segment's customers",
  });
  s.chart({
    type: "bar",
    title: "Customers who had a segment before",
    categories: rangeName(summaryRow, 1, SUMMARY_MOVES.length, 1),
    series: [{ name: "Share of customers before", values: rangeName(summaryRow, 3, SUMMARY_MOVES.length, 1), color: COLORS.series[0] }],
    anchor: { from: cellName(first + 20, chartColumn), to: cellName(first + 36, chartColumn + 8) },
  });

  const widths = Array.from({ length: Math.max(S + 2, headers.length) }, (_, i) => Math.max(12, (headers[i] ?? "").length + 2));
  s.widths(1, [32, ...widths]).freeze(3, 1);
  const plan: WorkbookPlan = { title: "Segment movement", sheets: [s.build()] };
  validatePlan(plan);
  return {
    plan,
    layout: {
      segments,
      rankRow,
      countsRow: countsBlock.firstRow,
      valuesRow: valuesBlock?.firstRow,
      sharesRow,
      lostColumn,
      totalColumn,
      movementRow,
      movementColumns,
      summaryRow,
    },
  };
}

// ---------------------------------------------------------------- descriptor

const COLUMNS: ColumnSpec[] = [
  customerColumn(),
  {
    key: "before",
    label: { en: "Segment before", es: "Segmento anterior" },
    required: true,
    kind: "text",
    synonyms: ["segment before", "segmento anterior", "from", "desde", "before", "antes", "from segment", "previous segment", "segmento previo", "segmento inicial", "tier before"],
  },
  {
    key: "after",
    label: { en: "Segment after", es: "Segmento actual" },
    required: true,
    kind: "text",
    synonyms: ["segment after", "segmento actual", "to", "hasta", "after", "despues", "después", "to segment", "current segment", "segmento nuevo", "segmento final", "tier after"],
  },
  {
    key: "value",
    label: { en: "Value", es: "Valor" },
    required: false,
    kind: "number",
    synonyms: ["value", "valor", "revenue", "ingresos", "mrr", "arr", "amount", "importe", "monto"],
  },
];

const OPTIONS: OptionSpec[] = [
  {
    key: "segmentOrder",
    label: {
      en: "Segment order, lowest first (e.g. Bronze, Silver, Gold)",
      es: "Orden de los segmentos, de menor a mayor (p. ej., Bronce, Plata, Oro)",
    },
    kind: "text",
    // Empty = automatic, so the option needs no choice before a first build; the word "alphabetical" is read too (parseSegmentOrder).
    placeholder: {
      en: "Empty: numbers ascending, else as first seen",
      es: "Vacío: números de menor a mayor; si no, por orden de aparición",
    },
    default: "",
  },
];

/** The option's words for the two orders that are not lists, without accents or case ("automático" = "automatico"). */
const AUTO_WORDS = new Set(["auto", "automatic", "automatico"]);
const ALPHABETICAL_WORDS = new Set(["alphabetical", "alfabetico"]);

/**
 * The order option: empty or "auto" (automatic), "alphabetical"
 * ("alfabético"), or the segments lowest first separated by commas,
 * semicolons, "<", "|" or new lines ("Bronze, Silver, Gold"). Segments are
 * matched to the data trimmed and ignoring case, as =CXM.SEGMENTSUMMARY does.
 */
export function parseSegmentOrder(option: unknown): SegmentOrderChoice {
  const text = textOf(option);
  const word = text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  if (text === "" || AUTO_WORDS.has(word)) return "auto";
  if (ALPHABETICAL_WORDS.has(word)) return "alphabetical";
  const segments = text
    .split(/[,;<\n|]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
  return segments.length > 0 ? segments : "auto"; // only separators: nothing listed
}

/** The first segment an explicit order lists twice (compared as the metrics core does), or null. */
function listedTwice(order: readonly Segment[]): Segment | null {
  const keys = new Set<string>();
  for (const s of order) {
    const key = segmentKey(s);
    if (keys.has(key)) return s;
    keys.add(key);
  }
  return null;
}

/** A segment cell as the metrics core takes it: trimmed text, a number, or null when blank. */
function readSegment(value: unknown): Segment | null {
  if (isBlank(value)) return null;
  if (typeof value === "number") return value;
  return textOf(value);
}

interface CheckedRows {
  rows: SnapshotRow[];
  /** Source row index of each good row. */
  sourceRows: number[];
  problems: RowProblem[];
  blocking: Localized[];
  order: SegmentOrderChoice;
}

/** Reads every source row: good rows become SnapshotRows, the others a named problem (one per row). */
function checkRows(input: BuildInput): CheckedRows {
  const blocking = unmappedColumns(COLUMNS, input.mapping);
  const order = parseSegmentOrder(input.options.segmentOrder);
  const rows: SnapshotRow[] = [], sourceRows: number[] = [], problems: RowProblem[] = [];
  if (blocking.length > 0) return { rows, sourceRows, problems, blocking, order };
  const known = Array.isArray(order) ? new Set(order.map((s) => segmentKey(s))) : null;
  if (Array.isArray(order)) {
    // parseSegmentOrder drops blank entries, so a list is never empty; a segment twice would give it two ranks.
    const twice = listedTwice(order);
    if (twice !== null) {
      blocking.push({
        en: `The segment order lists "${twice}" twice: list each segment once, lowest first.`,
        es: `El orden de los segmentos incluye «${twice}» dos veces: indique cada segmento una vez, de menor a mayor.`,
      });
      return { rows, sourceRows, problems, blocking, order };
    }
  }
  const withValue = mappedColumn(input.mapping, "value") >= 0;
  const seen = new Map<string, number>();
  input.rows.forEach((row, index) => {
    const customerCell = field(row, input.mapping, "customer");
    if (isBlank(customerCell) || typeof customerCell === "boolean") {
      problems.push(problem(index, "customer", "The customer is blank.", "El cliente está vacío."));
      return;
    }
    const customer: CustomerKey = typeof customerCell === "number" ? customerCell : textOf(customerCell);
    const key = `${typeof customer}:${customer}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        problem(
          index,
          "customer",
          `Customer "${customer}" appears again (first in data row ${earlier + 1}); each customer needs one row.`,
          `El cliente «${customer}» aparece de nuevo (antes en la fila de datos ${earlier + 1}); cada cliente necesita una sola fila.`,
        ),
      );
      return;
    }
    const before = readSegment(field(row, input.mapping, "before"));
    const after = readSegment(field(row, input.mapping, "after"));
    if (before === null && after === null) {
      problems.push(problem(index, "before", "No segment before and none after.", "Sin segmento anterior ni actual."));
      return;
    }
    if (known) {
      const unknown = (["before", "after"] as const).find((k) => {
        const seg = k === "before" ? before : after;
        return seg !== null && !known.has(segmentKey(seg));
      });
      if (unknown) {
        const seg = String(unknown === "before" ? before : after);
        const listed = (order as Segment[]).join(", ");
        problems.push(
          problem(
            index,
            unknown,
            `The segment "${seg}" is not in the segment order (${listed}).`,
            `El segmento «${seg}» no está en el orden de los segmentos (${listed}).`,
          ),
        );
        return;
      }
    }
    let value: number | undefined;
    if (withValue) {
      const cell = field(row, input.mapping, "value");
      value = numberOf(cell);
      if (!Number.isFinite(value)) {
        const v = shown(cell);
        problems.push(problem(index, "value", `The value ${v.en} is not a number.`, `El valor ${v.es} no es un número.`));
        return;
      }
      if (value < 0) {
        problems.push(problem(index, "value", `The value ${value} is negative.`, `El valor ${value} es negativo.`));
        return;
      }
    }
    seen.set(key, index);
    rows.push({ customer, before, after, ...(withValue ? { value } : {}) });
    sourceRows.push(index);
  });
  if (rows.length === 0 && input.rows.length > 0) blocking.push({ en: "No row can be used.", es: "No se puede usar ninguna fila." });
  return { rows, sourceRows, problems, blocking, order };
}

/** The plan from the rows that passed validation; throws the blocking messages in the build's language. */
function buildFrom(input: BuildInput, checked = checkRows(input)): ReturnType<typeof segmentMovement> {
  if (checked.blocking.length > 0) {
    throw new TemplateInputError({ en: checked.blocking.map((b) => b.en).join(" "), es: checked.blocking.map((b) => b.es).join(" ") }, input.language);
  }
  return segmentMovement(checked.rows, {
    order: checked.order,
    source: input.sourceLabel || undefined,
    builtAt: input.builtAt,
    excludedRows: checked.problems.length,
  });
}

export const segmentMovementTemplate: TemplateDescriptor = {
  id: "segment-movement",
  title: { en: "Segment movement", es: "Movimiento entre segmentos" },
  description: {
    en: "Migration matrix of customers (and value) between two snapshots, with moved up / stayed / moved down / lost.",
    es: "Matriz de migración de clientes (y valor) entre dos cortes, con suben / se mantienen / bajan / se pierden.",
  },
  columns: COLUMNS,
  options: OPTIONS,
  validate(input) {
    const { rows, problems, blocking } = checkRows(input);
    const report: ValidationReport = { goodRows: rows.length, problems, blocking };
    return report;
  },
  build(input) {
    return buildFrom(input).plan;
  },
  headlines(input: BuildInput): Headline[] {
    const checked = checkRows(input);
    const { layout } = buildFrom(input, checked);
    // The shares as the metrics core computes them, in the order the sheet uses.
    const core = segmentSummary(checked.rows.map((r) => r.before), checked.rows.map((r) => r.after), layout.segments);
    const at = (k: number) => `C${layout.summaryRow + k}`;
    return [
      { label: { en: "Moved up", es: "Suben" }, value: core.movedUp, kind: "percent", sheet: "movement", cell: at(0) },
      { label: { en: "Stayed", es: "Se mantienen" }, value: core.stayed, kind: "percent", sheet: "movement", cell: at(1) },
      { label: { en: "Moved down", es: "Bajan" }, value: core.movedDown, kind: "percent", sheet: "movement", cell: at(2) },
      { label: { en: "Lost", es: "Perdidos" }, value: core.lost, kind: "percent", sheet: "movement", cell: at(3) },
    ];
  },
  sample: () => sampleSnapshots(),
};
