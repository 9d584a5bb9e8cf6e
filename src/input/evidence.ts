/**
 * The first pass: what each column's values say about its conventions,
 * counted over the whole column (memory stays flat: counts and one example
 * each), then the decisions: the kind of an "auto" column, the decimal mark
 * of a number column, the order of a date column. A column whose values
 * leave it open borrows the file's other columns' evidence, then the
 * delimiter's hint (a `;` file comes from a decimal-comma Excel), then the
 * user's language; the basis is kept for the report.
 */
import { isDateSerial } from "../metrics/dates";
import type { BatchColumn } from "./batch";
import { isBlankValue, isNoAnswer } from "./cells";
import { FieldColumn } from "./csv-bytes";
import { bareDateShape, bareNumberShape, leadingZero, UNKNOWN } from "./fast-cells";
import { DateOrder, DateShape, dateShape } from "./dates";
import { DecimalMark, hasCurrency, isPercent, labelledScore, NumberShape, numberShape } from "./numbers";
import type { Basis, Language, WantedKind } from "./types";

const LEADING_ZERO = /^0\d/;

/** Counts for one column. */
export class ColumnEvidence {
  cells = 0;
  blank = 0;
  noAnswer = 0;
  // Numbers
  integer = 0;
  leadingZero = 0;
  dot = 0;
  comma = 0;
  ambiguousDot = 0;
  ambiguousComma = 0;
  notNumber = 0;
  nativeNumber = 0;
  labelled = 0;
  currency = 0;
  percent = 0;
  // Dates
  isoOrNamed = 0;
  dayFirst = 0;
  monthFirst = 0;
  ambiguousDate = 0;
  notDate = 0;
  nativeDate = 0;
  serialLike = 0;
  examples: Partial<Record<"dot" | "comma" | "ambiguous" | "dayFirst" | "monthFirst" | "ambiguousDate" | "text", string>> = {};

  constructor(readonly kind: WantedKind) {}

  private example(key: keyof ColumnEvidence["examples"], text: string): void {
    if (this.examples[key] === undefined) this.examples[key] = text.trim();
  }

  add(v: unknown): void {
    this.cells++;
    if (isBlankValue(v)) {
      this.blank++;
      return;
    }
    const kind = this.kind;
    if (typeof v === "number") {
      this.nativeNumber++;
      if (isDateSerial(v)) this.serialLike++;
      return;
    }
    if (v instanceof Date) {
      this.nativeDate++;
      return;
    }
    if (typeof v !== "string") {
      this.notNumber++;
      this.notDate++;
      this.example("text", String(v));
      return;
    }
    const wantsNumber = kind === "number" || kind === "score" || kind === "auto" || kind === "date";
    let numeric = false;
    let dated = false;
    if (kind === "date" || kind === "auto") {
      const shape = dateShape(v);
      dated = shape !== DateShape.NotDate;
      switch (shape) {
        case DateShape.Unambiguous:
          this.isoOrNamed++;
          break;
        case DateShape.DayFirst:
          this.dayFirst++;
          this.example("dayFirst", v);
          break;
        case DateShape.MonthFirst:
          this.monthFirst++;
          this.example("monthFirst", v);
          break;
        case DateShape.Ambiguous:
          this.ambiguousDate++;
          this.example("ambiguousDate", v);
          break;
        default:
          this.notDate++;
      }
    }
    // A date column's values are only tried as numbers (Excel serials) when they are not dates.
    if (wantsNumber && !(kind === "date" && dated)) {
      const shape = numberShape(v);
      numeric = shape !== NumberShape.NotNumber;
      switch (shape) {
        case NumberShape.Integer:
          this.integer++;
          if (LEADING_ZERO.test(v.trim())) this.leadingZero++;
          break;
        case NumberShape.DotDecimal:
          this.dot++;
          this.example("dot", v);
          break;
        case NumberShape.CommaDecimal:
          this.comma++;
          this.example("comma", v);
          break;
        case NumberShape.AmbiguousDot:
          this.ambiguousDot++;
          this.example("ambiguous", v);
          break;
        case NumberShape.AmbiguousComma:
          this.ambiguousComma++;
          this.example("ambiguous", v);
          break;
        default:
          if (kind === "score" && !Number.isNaN(labelledScore(v))) {
            this.labelled++;
            numeric = true;
          } else this.notNumber++;
      }
      const c0 = v.charCodeAt(0), cl = v.charCodeAt(v.length - 1);
      const plain = c0 >= 48 && c0 <= 57 && cl >= 48 && cl <= 57;
      if (numeric && kind !== "date" && !plain) {
        if (hasCurrency(v)) this.currency++;
        else if (isPercent(v)) this.percent++;
      }
      if (numeric && kind === "date" && shape === NumberShape.Integer && isDateSerial(Number(v))) this.serialLike++;
    }
    if (!numeric && !dated && kind !== "id" && kind !== "text" && isNoAnswer(v)) {
      // Counted apart: a "N/A" is not a text value, nor evidence against a number or a date.
      this.noAnswer++;
      if (wantsNumber && !(kind === "date" && dated)) this.notNumber--;
      if (kind === "date" || kind === "auto") this.notDate--;
      return;
    }
    if (!numeric && !dated) this.example("text", v);
  }

  /**
   * Rows [from, to) of a batch column. A CSV column's commonest cells (blank,
   * ids, bare numbers, ISO and bare slashed dates) are counted from their
   * bytes exactly as add() counts their text; any other cell goes to add().
   */
  addColumn(column: BatchColumn, from: number, to: number): void {
    if (!(column instanceof FieldColumn)) {
      for (let i = from; i < to; i++) this.add(column[i]);
      return;
    }
    const { bytes, start, end } = column;
    const kind = this.kind;
    for (let i = from; i < to; i++) {
      const s = start[i], e = end[i];
      if (s < 0) {
        this.add(column.text(i));
        continue;
      }
      if (s === e) {
        this.cells++;
        this.blank++;
        continue;
      }
      const b0 = bytes[s], bl = bytes[e - 1];
      // A cell with a space, a tab or a non-ASCII byte at either end goes the general way (trimming, blanks).
      if (b0 <= 32 || b0 >= 0x80 || bl <= 32 || bl >= 0x80) {
        this.add(column.text(i));
        continue;
      }
      if (kind === "id" || kind === "text") {
        this.cells++;
        if (this.examples.text === undefined) this.example("text", column.text(i));
        continue;
      }
      if (kind === "date") {
        const shape = bareDateShape(bytes, s, e);
        if (shape === UNKNOWN) {
          this.add(column.text(i));
          continue;
        }
        this.cells++;
        if (shape === DateShape.Unambiguous) this.isoOrNamed++;
        else if (shape === DateShape.DayFirst) {
          this.dayFirst++;
          if (this.examples.dayFirst === undefined) this.example("dayFirst", column.text(i));
        } else if (shape === DateShape.MonthFirst) {
          this.monthFirst++;
          if (this.examples.monthFirst === undefined) this.example("monthFirst", column.text(i));
        } else {
          this.ambiguousDate++;
          if (this.examples.ambiguousDate === undefined) this.example("ambiguousDate", column.text(i));
        }
        continue;
      }
      if (kind === "number" || kind === "score") {
        const shape = bareNumberShape(bytes, s, e);
        if (shape === UNKNOWN || shape === NumberShape.NotNumber) {
          this.add(column.text(i));
          continue;
        }
        // A bare number has no currency or percent sign: only its shape counts.
        this.cells++;
        switch (shape) {
          case NumberShape.Integer:
            this.integer++;
            if (leadingZero(bytes, s, e)) this.leadingZero++;
            break;
          case NumberShape.DotDecimal:
            this.dot++;
            if (this.examples.dot === undefined) this.example("dot", column.text(i));
            break;
          case NumberShape.CommaDecimal:
            this.comma++;
            if (this.examples.comma === undefined) this.example("comma", column.text(i));
            break;
          case NumberShape.AmbiguousDot:
            this.ambiguousDot++;
            if (this.examples.ambiguous === undefined) this.example("ambiguous", column.text(i));
            break;
          case NumberShape.AmbiguousComma:
            this.ambiguousComma++;
            if (this.examples.ambiguous === undefined) this.example("ambiguous", column.text(i));
            break;
        }
        continue;
      }
      this.add(column.text(i));
    }
  }

  get filled(): number {
    return this.cells - this.blank - this.noAnswer;
  }
  get numbers(): number {
    return this.integer + this.dot + this.comma + this.ambiguousDot + this.ambiguousComma + this.nativeNumber + this.labelled;
  }
  get dates(): number {
    return this.isoOrNamed + this.dayFirst + this.monthFirst + this.ambiguousDate + this.nativeDate;
  }
}

/** What the reader settles for a column before typing it. */
export interface ColumnDecision {
  kind: "number" | "date" | "text" | "id" | "skip";
  score?: boolean;
  decimal?: DecimalMark;
  decimalBasis?: Basis;
  dateOrder?: DateOrder;
  dateBasis?: Basis;
  /** A date column whose values are Excel serial numbers. */
  serials?: boolean;
  example?: string;
  conflicts?: number;
  conflictExample?: string;
}

/** The kind an "auto" column takes: dates if (nearly) every value is one, numbers likewise, else text. */
function inferKind(e: ColumnEvidence): "number" | "date" | "text" {
  const filled = e.filled;
  if (filled === 0) return "text";
  if (e.dates > 0 && e.dates >= 0.9 * filled && e.nativeNumber === 0) return "date";
  if (e.leadingZero === 0 && e.numbers >= 0.9 * filled) return "number";
  return "text";
}

export interface FileHints {
  language: Language;
  delimiter?: string;
  decimal?: DecimalMark;
  dateOrder?: DateOrder;
}

/** Decides every column; columns left open by their values borrow from the others. */
export function decideColumns(evidence: (ColumnEvidence | null)[], hints: FileHints): ColumnDecision[] {
  const kinds = evidence.map((e) => {
    if (!e || e.kind === "skip") return "skip" as const;
    if (e.kind === "auto") return inferKind(e);
    if (e.kind === "score") return "number" as const;
    return e.kind;
  });
  // File-wide evidence: the columns that show their convention.
  let fileDot = 0, fileComma = 0, fileDmy = 0, fileMdy = 0;
  evidence.forEach((e, i) => {
    if (!e) return;
    if (kinds[i] === "number") {
      fileDot += e.dot;
      fileComma += e.comma;
    }
    if (kinds[i] === "date") {
      fileDmy += e.dayFirst;
      fileMdy += e.monthFirst;
    }
  });
  const fileDecimal: DecimalMark | undefined = fileDot > fileComma ? "." : fileComma > fileDot ? "," : undefined;
  const fileOrder: DateOrder | undefined = fileDmy > fileMdy ? "dmy" : fileMdy > fileDmy ? "mdy" : undefined;

  return evidence.map((e, i): ColumnDecision => {
    const kind = kinds[i];
    if (!e || kind === "skip") return { kind: "skip" };
    if (kind === "text" || kind === "id") return { kind };
    if (kind === "number") {
      const d: ColumnDecision = { kind, score: e.kind === "score" };
      if (hints.decimal) {
        d.decimal = hints.decimal;
        d.decimalBasis = "given";
      } else if (e.dot > 0 || e.comma > 0) {
        d.decimal = e.comma > e.dot ? "," : ".";
        d.decimalBasis = "values";
        d.example = d.decimal === "," ? e.examples.comma : e.examples.dot;
        const against = d.decimal === "," ? e.dot : e.comma;
        if (against > 0) {
          d.conflicts = against;
          d.conflictExample = d.decimal === "," ? e.examples.dot : e.examples.comma;
        }
      } else if (e.ambiguousDot > 0 || e.ambiguousComma > 0) {
        d.example = e.examples.ambiguous;
        if (fileDecimal) [d.decimal, d.decimalBasis] = [fileDecimal, "file"];
        else if (hints.delimiter === ";") [d.decimal, d.decimalBasis] = [",", "delimiter"];
        else [d.decimal, d.decimalBasis] = [hints.language === "es" ? "," : ".", "language"];
      } else {
        // Whole numbers only: no mark to decide; "." reads them all.
        d.decimal = ".";
      }
      return d;
    }
    // Dates
    const d: ColumnDecision = { kind: "date" };
    if (e.dates === 0 && e.serialLike > 0) d.serials = true;
    if (hints.dateOrder) {
      d.dateOrder = hints.dateOrder;
      d.dateBasis = "given";
    } else if (e.dayFirst > 0 || e.monthFirst > 0) {
      d.dateOrder = e.monthFirst > e.dayFirst ? "mdy" : "dmy";
      d.dateBasis = "values";
      d.example = d.dateOrder === "dmy" ? e.examples.dayFirst : e.examples.monthFirst;
      const against = d.dateOrder === "dmy" ? e.monthFirst : e.dayFirst;
      if (against > 0) {
        d.conflicts = against;
        d.conflictExample = d.dateOrder === "dmy" ? e.examples.monthFirst : e.examples.dayFirst;
      }
    } else if (e.ambiguousDate > 0) {
      d.example = e.examples.ambiguousDate;
      if (fileOrder) [d.dateOrder, d.dateBasis] = [fileOrder, "file"];
      else [d.dateOrder, d.dateBasis] = [hints.language === "es" ? "dmy" : "mdy", "language"];
    } else {
      d.dateOrder = hints.language === "es" ? "dmy" : "mdy";
    }
    // Numbers in a date column read as Excel serials (a column of serials, or a few among dates).
    if (e.serialLike > 0 && e.dates === 0) d.serials = true;
    // A date column's decimal mark only matters for fractional serials.
    d.decimal = hints.decimal ?? fileDecimal ?? (hints.language === "es" ? "," : ".");
    return d;
  });
}
