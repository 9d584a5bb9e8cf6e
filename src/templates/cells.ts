/**
 * Reading source cells for a template's validation: the same cell can arrive
 * as an Excel value (a number, a date serial), a JavaScript Date (sample
 * data) or CSV text ("2024-03-15", "85%", "0,8" in a Spanish export). Each
 * reader returns NaN / undefined for what it cannot read, so the caller can
 * name the row and the column in its report.
 */
import { isDateSerial, serialFromDate, serialFromIso, serialFromParts } from "../metrics/dates";
import type { Language, Localized } from "./registry-types";

/** True for a cell with nothing in it ("" , spaces, null, undefined). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The cell as trimmed text ("" for blanks); numbers as JavaScript prints them, Dates as ISO dates. */
export function textOf(value: unknown): string {
  if (isBlank(value)) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

const PLAIN = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const COMMA_DECIMAL = /^[-+]?\d+,\d+$/;

/**
 * A number from a cell: numbers as they are, text that is a plain number,
 * a percentage ("85%" -> 0.85), or in Spanish a decimal comma ("0,85").
 * NaN for anything else (blanks included).
 *
 * @example numberOf("85%") // 0.85
 * @example numberOf("0,8", "es") // 0.8
 */
export function numberOf(value: unknown, language: Language = "en"): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  let t = value.trim().replace(/\s/g, "");
  let scale = 1;
  if (t.endsWith("%")) {
    t = t.slice(0, -1);
    scale = 0.01;
  }
  if (language === "es" && COMMA_DECIMAL.test(t)) t = t.replace(",", ".");
  return PLAIN.test(t) ? Number(t) * scale : NaN;
}

/** How to read "03/04/2024": day first (Spanish, British) or month first (US). */
export type DateOrder = "dayFirst" | "monthFirst";

const SLASHED = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

/**
 * The order of the slashed dates of a column: day first if some value's first
 * part is above 12, month first if some value's second part is, else the
 * language's habit (Spanish day first, English month first).
 */
export function dateOrderOf(values: Iterable<unknown>, language: Language): DateOrder {
  for (const v of values) {
    if (typeof v !== "string") continue;
    const m = SLASHED.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12) return "dayFirst";
    if (Number(m[2]) > 12) return "monthFirst";
  }
  return language === "es" ? "dayFirst" : "monthFirst";
}

/**
 * An Excel date serial from a cell: a serial, a Date, ISO text
 * ("2024-03-15", "2024-03-15 14:30") or slashed text ("15/03/2024") read in
 * `order`. NaN for anything else.
 *
 * @example dateOf("2024-03-15") // 45366
 * @example dateOf("15/03/2024", "dayFirst") // 45366
 */
export function dateOf(value: unknown, order: DateOrder = "monthFirst"): number {
  if (typeof value === "number") return isDateSerial(value) ? value : NaN;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value !== "string") return NaN;
  const iso = serialFromIso(value);
  if (!Number.isNaN(iso)) return iso;
  const m = SLASHED.exec(value);
  if (!m) return NaN;
  const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = serialFromParts(year, order === "dayFirst" ? b : a, order === "dayFirst" ? a : b);
  if (Number.isNaN(day) || m[4] === undefined) return day;
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return NaN;
  return day + (h * 3600 + min * 60 + s) / 86400;
}

/**
 * A date from a transaction log: a serial, a Date or ISO text ("2024-03-15";
 * with `monthText`, "2024-03" too), as the CXM functions read dates. A slashed
 * date in a log is ambiguous row by row, so it is NaN (the row is named)
 * rather than guessed. NaN for anything else.
 *
 * @example transactionDateOf("2024-03", true) // 45352
 */
export function transactionDateOf(value: unknown, monthText = false): number {
  if (typeof value !== "string") return dateOf(value);
  const serial = serialFromIso(value, monthText);
  return isDateSerial(serial) ? serial : NaN;
}

/** The value as a short quoted text for a message: «abc», or (empty). */
export function shown(value: unknown): Localized {
  const t = textOf(value);
  if (t === "") return { en: "(empty)", es: "(vacía)" };
  const cut = t.length > 40 ? `${t.slice(0, 39)}…` : t;
  return { en: `"${cut}"`, es: `«${cut}»` };
}

