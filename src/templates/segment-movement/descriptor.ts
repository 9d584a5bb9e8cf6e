/**
 * Segment movement as the task pane, the CLI and the demo see it: its
 * columns (customer, segment before, segment after, value), its options
 * (the segment order, the currency), validate (every row that cannot be
 * used, what is kept only in part, and what blocks the build), and build:
 * rows -> columns (prepare, the one place rows are read) -> aggregate
 * (aggregate.ts) -> sheets (sheets.ts).
 *
 * Partial rows keep what is good (the rule of issue 10, as cohort
 * retention's amounts in transaction-rows.ts): a customer whose value is
 * blank, not a number or negative still counts in the movement of
 * customers, and only leaves the value matrix; a note names those rows.
 */
import { Segment, segmentKey } from "../../metrics/segment-matrix";
import type { CustomerKey } from "../../metrics/transaction-log";
import { isBlank, numberOf, textOf } from "../cells";
import { customerColumn, mappedColumn, problem, unmappedColumns } from "../descriptor-kit";
import type { BuildInput, ColumnSpec, Headline, Localized, OptionSpec, ReportNote, RowProblem, TemplateDescriptor, ValidationReport } from "../registry-types";
import { stopIfBlocking } from "../shared/errors";
import { both } from "../shared/language";
import { CURRENCY, moneyFormat } from "../shared/money";
import { sourceFacts } from "../shared/strings";
import { SegmentColumns, SegmentMovementAggregate, segmentMovementAggregate, SegmentOrderChoice } from "./aggregate";
import { segmentMovementSample } from "./sample";
import { SegmentSheets, segmentMovementSheets } from "./sheets";
import { MOVES, SEGMENT_STRINGS, SegmentStrings } from "./strings";

/** A string of strings.ts in both languages, for the descriptor's labels and messages. */
const tr = (pick: (t: SegmentStrings) => string): Localized => both(SEGMENT_STRINGS, pick);

export const COLUMNS: ColumnSpec[] = [
  customerColumn(),
  {
    key: "before",
    label: tr((t) => t.columnBefore),
    required: true,
    kind: "text",
    synonyms: ["segment before", "segmento anterior", "from", "desde", "before", "antes", "from segment", "previous segment", "segmento previo", "segmento inicial", "tier before"],
  },
  {
    key: "after",
    label: tr((t) => t.columnAfter),
    required: true,
    kind: "text",
    synonyms: ["segment after", "segmento actual", "to", "hasta", "after", "despues", "después", "to segment", "current segment", "segmento nuevo", "segmento final", "tier after"],
  },
  {
    key: "value",
    label: tr((t) => t.columnValue),
    required: false,
    kind: "number",
    synonyms: ["value", "valor", "revenue", "ingresos", "mrr", "arr", "amount", "importe", "monto"],
  },
];

const OPTIONS: OptionSpec[] = [
  {
    key: "segmentOrder",
    label: tr((t) => t.optionOrder),
    kind: "text",
    // Empty = automatic, so the option needs no choice before a first build; the word "alphabetical" is read too (parseSegmentOrder).
    placeholder: tr((t) => t.optionOrderPlaceholder),
    default: "",
  },
  CURRENCY,
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

/** The first rows a note names. */
const NOTE_ROWS = 20;

/** A segment cell read once per distinct cell value: its segment, its key, whether the order lists it, and its code once a kept row uses it. */
interface SegmentCell {
  segment: Segment;
  key: string;
  known: boolean;
  code: number;
}

/**
 * Codes the segments of the kept rows, 0, 1, … in order of use. Each
 * distinct cell value is trimmed and keyed once (a column of a million rows
 * holds a handful of segments). A segment is shown as first spelt in the
 * before column, else in the after column, as segment-matrix.ts shows it.
 */
class SegmentCoder {
  readonly labels: Segment[] = [];
  private readonly speltBefore: boolean[] = [];
  private readonly cells = new Map<unknown, SegmentCell | null>();
  private readonly codes = new Map<string, number>();

  constructor(private readonly known: Set<string> | null) {}

  /** The cell's segment (null when blank). */
  read(value: unknown): SegmentCell | null {
    let cell = this.cells.get(value);
    if (cell === undefined) {
      const segment = readSegment(value);
      if (segment === null) cell = null;
      else {
        const key = segmentKey(segment);
        cell = { segment, key, known: this.known === null || this.known.has(key), code: -1 };
      }
      this.cells.set(value, cell);
    }
    return cell;
  }

  /** The code of a kept row's segment (-1 for none). */
  code(cell: SegmentCell | null, isBefore: boolean): number {
    if (cell === null) return -1;
    if (cell.code < 0) {
      let code = this.codes.get(cell.key);
      if (code === undefined) {
        code = this.labels.length;
        this.codes.set(cell.key, code);
        this.labels.push(cell.segment);
        this.speltBefore.push(isBefore);
      }
      cell.code = code;
    }
    if (isBefore && !this.speltBefore[cell.code]) {
      this.labels[cell.code] = cell.segment;
      this.speltBefore[cell.code] = true;
    }
    return cell.code;
  }
}

interface Prepared {
  columns: SegmentColumns;
  order: SegmentOrderChoice;
  report: ValidationReport;
}

/**
 * Reads every source row — the only place rows are read — into coded
 * columns: good rows become a customer, bad ones a named problem (one per
 * row); a value that cannot be read keeps its row, with NaN for the value.
 */
function prepare(input: BuildInput): Prepared {
  const lang = input.language;
  const blocking = unmappedColumns(COLUMNS, input.mapping);
  const order = parseSegmentOrder(input.options.segmentOrder);
  const empty: SegmentColumns = { labels: [], before: new Int32Array(0), after: new Int32Array(0), values: null };
  const stop = (reasons: Localized[]): Prepared => ({ columns: empty, order, report: { goodRows: 0, problems: [], blocking: reasons } });
  if (blocking.length > 0) return stop(blocking);
  if (Array.isArray(order)) {
    // parseSegmentOrder drops blank entries, so a list is never empty; a segment twice would give it two ranks.
    const twice = listedTwice(order);
    if (twice !== null) return stop([tr((s) => s.listedTwice(String(twice)))]);
  }
  if (input.rows.length === 0) return stop([tr((s) => s.noDataRows)]);

  const known = Array.isArray(order) ? new Set(order.map((x) => segmentKey(x))) : null;
  const listed = Array.isArray(order) ? order.join(", ") : "";
  const n = input.rows.length;
  const before = new Int32Array(n);
  const after = new Int32Array(n);
  const [ci, bi, ai, vi] = ["customer", "before", "after", "value"].map((key) => mappedColumn(input.mapping, key));
  const values = vi >= 0 ? new Float64Array(n) : null;
  const segments = new SegmentCoder(known);
  const problems: RowProblem[] = [];
  // The first data row of each customer (numbers and text apart: 7 and "7" are two ids, as the core keys them).
  const seenText = new Map<string, number>();
  const seenNumber = new Map<number, number>();
  const withoutValue: number[] = [];
  let withoutValueCount = 0;
  let withBefore = 0;
  let k = 0;
  for (let index = 0; index < n; index++) {
    const row = input.rows[index] ?? [];
    const customerCell = row[ci];
    if (isBlank(customerCell) || typeof customerCell === "boolean") {
      problems.push(problem(index, "customer", SEGMENT_STRINGS.en.customerBlank, SEGMENT_STRINGS.es.customerBlank));
      continue;
    }
    const customer: CustomerKey = typeof customerCell === "number" ? customerCell : textOf(customerCell);
    const earlier = typeof customer === "number" ? seenNumber.get(customer) : seenText.get(customer);
    if (earlier !== undefined) {
      const [en, es] = [SEGMENT_STRINGS.en, SEGMENT_STRINGS.es].map((t) => t.customerAgain(String(customer), earlier + 1));
      problems.push(problem(index, "customer", en, es));
      continue;
    }
    const b = segments.read(row[bi]);
    const a = segments.read(row[ai]);
    if (b === null && a === null) {
      problems.push(problem(index, "before", SEGMENT_STRINGS.en.noSegment, SEGMENT_STRINGS.es.noSegment));
      continue;
    }
    const unknown = b !== null && !b.known ? (["before", b] as const) : a !== null && !a.known ? (["after", a] as const) : null;
    if (unknown) {
      const [en, es] = [SEGMENT_STRINGS.en, SEGMENT_STRINGS.es].map((t) => t.notInOrder(String(unknown[1].segment), listed));
      problems.push(problem(index, unknown[0], en, es));
      continue;
    }
    if (values) {
      const v = numberOf(row[vi], lang);
      // The customer still moved: only the value matrix leaves them out.
      if (Number.isNaN(v) || v < 0) {
        values[k] = Number.NaN;
        if (withoutValueCount++ < NOTE_ROWS) withoutValue.push(index);
      } else values[k] = v;
    }
    if (typeof customer === "number") seenNumber.set(customer, index);
    else seenText.set(customer, index);
    before[k] = segments.code(b, true);
    after[k] = segments.code(a, false);
    if (b !== null) withBefore++;
    k++;
  }
  const reasons: Localized[] = [];
  if (k === 0) reasons.push(tr((s) => s.noUsableRow));
  else if (withBefore === 0) reasons.push(tr((s) => s.noneBefore));
  const notes: ReportNote[] = [];
  if (withoutValueCount > 0) notes.push({ message: tr((s) => s.withoutValue(withoutValueCount)), rows: withoutValue });
  const report: ValidationReport = { goodRows: k, problems, blocking: reasons };
  if (notes.length > 0) report.notes = notes;
  return {
    columns: { labels: segments.labels, before: before.subarray(0, k), after: after.subarray(0, k), values: values ? values.subarray(0, k) : null },
    order,
    report,
  };
}

/** Validates, aggregates and lays out the sheet; a blocking problem throws a TemplateInputError. */
function build(input: BuildInput): SegmentSheets & { agg: SegmentMovementAggregate } {
  const { columns, order, report } = prepare(input);
  stopIfBlocking(report, input.language);
  const agg = segmentMovementAggregate(columns, order);
  const sheets = segmentMovementSheets(
    agg,
    { moneyFormat: moneyFormat(input.options.currency, input.language), source: sourceFacts(input, report.goodRows, report.problems.length) },
    SEGMENT_STRINGS[input.language],
  );
  return { ...sheets, agg };
}

/** The headline figures: the shares of the aggregate's summary, and the cells that show them. */
function headlines(input: BuildInput): Headline[] {
  const { cells, agg } = build(input);
  return MOVES.map((m) => ({ label: tr((t) => t.moves[m]), value: agg.summary[m], kind: "percent", sheet: "movement", cell: cells.shares[m] }));
}

export const segmentMovementTemplate: TemplateDescriptor = {
  id: "segment-movement",
  title: tr((t) => t.title),
  description: tr((t) => t.description),
  columns: COLUMNS,
  options: OPTIONS,
  validate: (input) => prepare(input).report,
  build: (input) => build(input).plan,
  sample: segmentMovementSample,
  headlines,
};

/** The pure parts, for tests: the build with its cells and aggregate, and the reading of the rows. */
export const segmentMovementParts = { build, prepare };
