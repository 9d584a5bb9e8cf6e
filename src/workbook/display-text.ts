/**
 * The text a spreadsheet shows for a value under a number format, closely
 * enough to measure it (src/workbook/text-width.ts): the column widths and
 * the layout checks need how wide "12.5%", "$1,234" or "Sep 2024" is, not a
 * full implementation of Excel's format language. Handles the codes the
 * templates use: General, 0 / 0.0 / #,##0.00 with a %, literal text in
 * quotes ("$", " €", "x"), and dates and times (yyyy, mm, mmm, dd, hh).
 * Where the shown text depends on the reader's locale (month names), the
 * widest form is assumed.
 */
import type { CellValue, CachedValue } from "./plan";

/** Excel's General format: up to 11 characters, as many decimals as fit. */
function general(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e11) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e11 || (abs > 0 && abs < 1e-9)) return x.toExponential(5).toUpperCase();
  const digits = Math.max(0, 10 - Math.max(1, Math.floor(Math.log10(abs)) + 1));
  return String(Number(x.toFixed(digits)));
}

function grouped(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The widest month name a reader may see for "mmm" (Spanish "sept.") and "mmmm" ("September"). */
const WIDEST_MONTH = { mmm: "Sept.", mmmm: "September" } as const;

function dateText(format: string): string {
  // The widest text each part can show; digits are all one width.
  // Literals are set aside first as {n} (braces are not format codes), so their letters are not read as codes.
  const literals: string[] = [];
  const keep = (text: string) => `{${literals.push(text) - 1}}`;
  return format
    .replace(/"([^"]*)"/g, (_, q: string) => keep(q))
    .replace(/\\(.)/g, (_, c: string) => keep(c))
    .replace(/\[[^\]]*\]/g, "")
    .replace(/mmmm/gi, () => keep(WIDEST_MONTH.mmmm))
    .replace(/mmm/gi, () => keep(WIDEST_MONTH.mmm))
    .replace(/yyyy/gi, "0000")
    .replace(/yy|mm|dd|hh|ss/gi, "00")
    .replace(/[ymdhs]/gi, "00")
    .replace(/\{(\d+)\}/g, (_, i: string) => literals[Number(i)]);
}

/** A number format's section, compiled once: what goes before and after the digits, decimals, grouping, percent. */
interface NumberSection {
  before: string;
  after: string;
  decimals: number;
  grouping: boolean;
  percent: boolean;
  /** No digit placeholder: the section is literal text. */
  literalOnly: boolean;
}

function compileSection(section: string): NumberSection {
  const literal = (s: string) => s.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1").replace(/[_*]./g, " ");
  const code = /[0#?][0#?,]*(\.[0#?]+)?/.exec(section.replace(/"[^"]*"/g, (q) => " ".repeat(q.length)));
  if (!code) return { before: literal(section), after: "", decimals: 0, grouping: false, percent: false, literalOnly: true };
  return {
    before: literal(section.slice(0, code.index)),
    after: literal(section.slice(code.index + code[0].length)),
    decimals: code[1] ? code[1].length - 1 : 0,
    grouping: code[0].includes(","),
    percent: section.replace(/"[^"]*"/g, "").includes("%"),
    literalOnly: false,
  };
}

const COMPILED = new Map<string, { positive: NumberSection; negative: NumberSection | null }>();

function numberText(x: number, format: string): string {
  let compiled = COMPILED.get(format);
  if (!compiled) {
    const sections = format.split(";");
    compiled = { positive: compileSection(sections[0]), negative: sections.length > 1 ? compileSection(sections[1]) : null };
    COMPILED.set(format, compiled);
  }
  const section = x < 0 && compiled.negative ? compiled.negative : compiled.positive;
  if (section.literalOnly) return section.before;
  const value = Math.abs(section.percent ? x * 100 : x);
  const [int, frac] = value.toFixed(section.decimals).split(".");
  const digits = (section.grouping ? grouped(int) : int) + (frac ? `.${frac}` : "");
  const sign = x < 0 && !compiled.negative ? "-" : "";
  return sign + section.before + digits + section.after;
}

const DATE_TEXT = new Map<string, string>();

/** A date format's text is the same for every date (the widest form): computed once per format. */
function dateTextOf(format: string): string {
  let text = DATE_TEXT.get(format);
  if (text === undefined) DATE_TEXT.set(format, (text = dateText(format)));
  return text;
}

const DATE_FORMAT = new Map<string, boolean>();

/** True when a format shows a date or time (y, m, d, h, s outside quotes), not a number. */
export function isDateFormat(format: string): boolean {
  const known = DATE_FORMAT.get(format);
  if (known !== undefined) return known;
  const is = /[ymdhs]/i.test(format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, ""));
  DATE_FORMAT.set(format, is);
  return is;
}

/** The text shown for `value` under `format` (General when absent); "" for an empty cell. */
export function displayText(value: CellValue | CachedValue | null | undefined, format?: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "object") return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  if (!format || format === "General" || format === "@") return general(value);
  return isDateFormat(format) ? dateTextOf(format) : numberText(value, format);
}
