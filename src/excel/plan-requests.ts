/**
 * Turns a resolved plan into the ordered list of operations apply-plan.ts
 * performs against Excel, and packs them into batches, each sent with one
 * context.sync(). Pure (no Office.js), so the batching is tested directly.
 *
 * Excel on the web refuses a request over 5 MB (the payload limit of the
 * Office.js protocol), so cell blocks are cut by rows into chunks whose
 * estimated JSON size stays under a budget (4 MiB by default, leaving room
 * for the protocol's own envelope), and a batch never holds more than the
 * budget either. The estimate is an upper bound: every non-ASCII character is
 * counted as a 6-byte \uXXXX escape.
 *
 * Reference: Microsoft, "Resource limits and performance optimization for
 * Office Add-ins" (Excel on the web: 5 MB payload limit for requests).
 */
import { columnLetter, rangeName } from "../workbook/a1";
import {
  CellBlock,
  CellFormat,
  CellValue,
  ChartPlan,
  ConditionalFormatPlan,
  ListValidation,
  PrintSetup,
  blockRect,
  isFormula,
} from "../workbook/plan";
import { ResolvedName, ResolvedSheet, ResolvedTable, ResolvedWorkbook } from "../workbook/resolve";

/** Excel on the web's request limit. */
export const EXCEL_WEB_REQUEST_LIMIT = 5 * 1024 * 1024;
/** Default budget per request: 4 MiB, 80% of the limit. */
export const DEFAULT_REQUEST_BUDGET = 4 * 1024 * 1024;
/** Bytes charged for each operation's envelope (object paths, method names, ids) on top of its data. */
export const OPERATION_OVERHEAD = 256;

export type Operation =
  /** Gives a sheet the build created (under a temporary name, see apply-plan.ts) its final name. */
  | { kind: "nameSheet"; sheet: string; tabColor?: string }
  | { kind: "addName"; name: ResolvedName }
  | {
      kind: "write";
      sheet: string;
      /** The A1 range written, e.g. "A5:F2004". */
      address: string;
      block: CellBlock;
      /** Rows [rowStart, rowEnd) of the block. */
      rowStart: number;
      rowEnd: number;
      /** True when the block holds formulas: the chunk goes through range.formulas rather than range.values. */
      formulas: boolean;
      resolveFormula: (f: string) => string;
    }
  | { kind: "format"; sheet: string; format: CellFormat }
  | { kind: "columnWidth"; sheet: string; column: number; width: number }
  | { kind: "rowHeight"; sheet: string; row: number; height: number }
  | { kind: "merge"; sheet: string; range: string }
  | { kind: "print"; sheet: string; print: PrintSetup }
  | { kind: "table"; sheet: string; table: ResolvedTable }
  | { kind: "conditional"; sheet: string; rule: ConditionalFormatPlan }
  | { kind: "validation"; sheet: string; validation: ListValidation }
  | { kind: "chart"; sheet: string; chart: ChartPlan }
  | { kind: "freeze"; sheet: string; rows: number; columns: number }
  | { kind: "activate"; sheet: string };

export interface SizedOperation {
  op: Operation;
  /** Estimated request bytes, envelope included. */
  bytes: number;
}

/** Upper bound of the JSON bytes a cell adds to a request (with its comma). */
export function cellBytes(v: CellValue): number {
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return (v ? 4 : 5) + 1;
  let n = 3; // quotes and comma
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    n += c < 0x20 || c > 0x7e ? 6 : c === 0x22 || c === 0x5c ? 2 : 1;
  }
  return n + 1; // room for a protective apostrophe
}

/**
 * The text Excel should receive for a non-formula string. Excel parses what
 * it is given through range.values as if typed, so "2024-03" would become a
 * date, "00123" a number and "=1+1" — or "+1+cmd|'/c calc'!A0", "-2+3",
 * "@SUM(1)" — a formula. The apostrophe is Excel's own way to enter text as
 * typed (its message for a mistyped formula: "To get around this, type an
 * apostrophe (') first: you type '=1+1, cell shows =1+1"); Excel stores the
 * string without it, marked as quote-prefixed, so editing the cell later keeps
 * it text. Protected: anything with a digit, anything starting with one of
 * = + - @ ' # or with a tab, carriage return or line feed (the prefixes
 * OWASP's "CSV Injection" lists), and TRUE/FALSE. Other strings go as they are.
 */
export function protectText(s: string): string {
  if (s === "") return s;
  if (/\d/.test(s) || /^[=+\-@'#\t\r\n]/.test(s) || /^\s*(true|false)\s*$/i.test(s)) return `'${s}`;
  return s;
}

/** The cells of a write operation as Excel receives them: formulas resolved, text protected. */
export function chunkCells(op: Extract<Operation, { kind: "write" }>): CellValue[][] {
  const text = !!op.block.text;
  const out: CellValue[][] = [];
  for (let i = op.rowStart; i < op.rowEnd; i++) {
    out.push(
      op.block.rows[i].map((v) => {
        if (typeof v !== "string") return v;
        if (isFormula(v, text)) return op.resolveFormula(v);
        return protectText(v);
      }),
    );
  }
  return out;
}

/** Every operation of a resolved workbook, in the order they are applied, with their sizes. */
export function planOperations(resolved: ResolvedWorkbook, budget = DEFAULT_REQUEST_BUDGET): SizedOperation[] {
  const out: SizedOperation[] = [];
  const push = (op: Operation, bytes: number) => out.push({ op, bytes: bytes + OPERATION_OVERHEAD });
  for (const s of resolved.sheets) push({ kind: "nameSheet", sheet: s.name, tabColor: s.plan.tabColor }, s.name.length);
  // Names before formulas, so no formula is ever entered while its name is missing.
  for (const n of resolved.names) push({ kind: "addName", name: n }, n.reference.length + (n.comment?.length ?? 0));
  for (const s of resolved.sheets) for (const block of s.plan.blocks) writeOperations(s, block, budget, push);
  for (const s of resolved.sheets) {
    const sheet = s.name;
    for (const format of s.plan.formats) push({ kind: "format", sheet, format }, JSON.stringify(format).length);
    for (const w of s.plan.columnWidths) push({ kind: "columnWidth", sheet, column: w.column, width: w.width }, 16);
    for (const h of s.plan.rowHeights ?? []) push({ kind: "rowHeight", sheet, row: h.row, height: h.height }, 16);
    for (const range of s.plan.merges ?? []) push({ kind: "merge", sheet, range }, range.length);
    if (s.plan.print) push({ kind: "print", sheet, print: s.plan.print }, JSON.stringify(s.plan.print).length + OPERATION_OVERHEAD * 4);
    for (const table of resolved.tables.filter((t) => t.sheetName === sheet)) push({ kind: "table", sheet, table }, JSON.stringify(table).length);
    for (const rule of s.plan.conditionalFormats) {
      push({ kind: "conditional", sheet, rule: resolveRule(rule, s) }, JSON.stringify(rule).length);
    }
    for (const validation of s.plan.validations) push({ kind: "validation", sheet, validation }, JSON.stringify(validation).length);
    // A chart is several calls (add, title, position, one per series): charge an envelope for each.
    for (const chart of s.plan.charts) push({ kind: "chart", sheet, chart }, JSON.stringify(chart).length + OPERATION_OVERHEAD * (3 + 3 * chart.series.length));
    if (s.plan.freeze && (s.plan.freeze.rows > 0 || s.plan.freeze.columns > 0)) {
      push({ kind: "freeze", sheet, rows: s.plan.freeze.rows, columns: s.plan.freeze.columns }, 16);
    }
  }
  if (resolved.sheets.length > 0) push({ kind: "activate", sheet: resolved.sheets[0].name }, 0);
  return out;
}

function resolveRule(rule: ConditionalFormatPlan, s: ResolvedSheet): ConditionalFormatPlan {
  const f = (x: string) => s.resolveFormula(`=${x}`).slice(1);
  switch (rule.kind) {
    case "cellValue":
      return { ...rule, formula1: f(rule.formula1), ...(rule.formula2 !== undefined ? { formula2: f(rule.formula2) } : {}) };
    case "expression":
      return { ...rule, formula: f(rule.formula) };
    default:
      return rule;
  }
}

/** Cuts a block into row chunks whose estimated size fits the budget. */
function writeOperations(s: ResolvedSheet, block: CellBlock, budget: number, push: (op: Operation, bytes: number) => void): void {
  const rect = blockRect(block);
  const width = rect.lastColumn - rect.column + 1;
  const text = !!block.text;
  const formulas = !text && block.rows.some((row) => row.some((v) => isFormula(v)));
  const limit = budget - OPERATION_OVERHEAD;
  let start = 0;
  let bytes = 0;
  const emit = (end: number) => {
    push(
      {
        kind: "write",
        sheet: s.name,
        address: rangeName(rect.row + start, rect.column, end - start, width),
        block,
        rowStart: start,
        rowEnd: end,
        formulas,
        resolveFormula: s.resolveFormula,
      },
      bytes,
    );
  };
  block.rows.forEach((row, i) => {
    let rowBytes = 2;
    for (const v of row) rowBytes += isFormula(v, text) && v.includes("{{") ? cellBytes(s.resolveFormula(v)) : cellBytes(v);
    if (rowBytes > limit) {
      throw new Error(`Row ${rect.row + i} of sheet ${s.name} is too large for one Excel request (${rowBytes} bytes).`);
    }
    if (bytes + rowBytes > limit && i > start) {
      emit(i);
      start = i;
      bytes = 0;
    }
    bytes += rowBytes;
  });
  emit(block.rows.length);
}

/** Groups operations into batches of at most `budget` estimated bytes, keeping their order. */
export function packBatches(ops: SizedOperation[], budget = DEFAULT_REQUEST_BUDGET): SizedOperation[][] {
  const batches: SizedOperation[][] = [];
  let current: SizedOperation[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && bytes + op.bytes > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Excel's column width unit for Office.js: points, from a width in characters of the default font (7 px + 5 px padding, 0.75 pt/px). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** "7:7" for row 7. */
export function rowAddress(row: number): string {
  return `${row}:${row}`;
}

/** An Excel header string ("&L&A&R&P") cut into its left, centre and right sections. */
export function headerSections(header: string): { left: string; center: string; right: string } {
  const out = { left: "", center: "", right: "" };
  let section: keyof typeof out = "center";
  for (const part of header.split(/(&[LCR])/)) {
    if (part === "&L") section = "left";
    else if (part === "&C") section = "center";
    else if (part === "&R") section = "right";
    else out[section] += part;
  }
  return out;
}

/** "C:C" for column 3. */
export function columnAddress(column: number): string {
  const l = columnLetter(column);
  return `${l}:${l}`;
}
