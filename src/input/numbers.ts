/**
 * Numbers as people type them in exports: `1234.5`, `1,234.50` (English),
 * `1.234,50` and `1 234,50` (Spanish, French), `12,50`, with a currency
 * symbol or code before or after (`€`, `$`, `EUR`, `USD`, `S/`), `%` (read as
 * a fraction: `12,5 %` is 0.125) and `(12.50)` for a negative amount.
 *
 * The decimal mark is a property of a column, never of one cell: `1,234` is
 * 1234 in a column that also holds `1,234.50`, and 1.234 in one that holds
 * `12,50`. So reading is two steps: `numberShape` says which conventions a
 * text is compatible with (the evidence a column gathers), and `parseNumber`
 * reads it once the column's mark is settled. Pure functions, no I/O.
 */

export type DecimalMark = "." | ",";

/** What a text says about the decimal mark of its column. */
export const enum NumberShape {
  /** Not a number in any convention. */
  NotNumber = 0,
  /** Digits only (after currency, sign and %): the same in both conventions. */
  Integer = 1,
  /** Only valid with "." as the decimal mark: `12.5`, `1,234.50`, `1,234,567`, `0.123`. */
  DotDecimal = 2,
  /** Only valid with "," as the decimal mark: `12,50`, `1.234,50`, `1.234.567`, `0,123`. */
  CommaDecimal = 3,
  /** `1.234`: 1.234 with a decimal point, or 1234 with a grouping dot. */
  AmbiguousDot = 4,
  /** `1,234`: 1234 with a grouping comma, or 1.234 with a decimal comma. */
  AmbiguousComma = 5,
}

/** Currency codes read as decoration around an amount (ISO 4217, the ones exports in the Americas and Europe carry). */
const CODES = new Set(
  "USD EUR GBP MXN ARS COP CLP PEN BRL UYU BOB PYG VES CRC DOP GTQ HNL NIO PAB CAD AUD NZD JPY CHF CNY INR SEK NOK DKK PLN CZK".split(" "),
);
const SYMBOLS = /^(?:US\$|R\$|\$U|S\/\.?|Bs\.?|[$€£¥₹₽₩₡₲₱])/;
const SYMBOLS_END = /(?:US\$|R\$|[$€£¥₹₽₩₡₲₱])$/;

/** The digits-and-separators core of a text, its sign and scale, or null when the decoration is not an amount's. */
interface Core {
  body: string;
  negative: boolean;
  scale: number;
}

const SPACES = /[\s\u00a0\u202f\u2009'’]/g;

function coreOf(text: string): Core | null {
  let t = text.trim();
  if (t === "") return null;
  let negative = false;
  let scale = 1;
  if (t.startsWith("(") && t.endsWith(")")) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  // Sign before or after a currency: -€12, €-12, -12 €.
  const sign = () => {
    const c = t.charAt(0);
    if (c === "-" || c === "−" || c === "+") {
      if (c !== "+") negative = !negative;
      t = t.slice(1).trim();
    }
  };
  sign();
  if (t.endsWith("%")) {
    scale = 0.01;
    t = t.slice(0, -1).trim();
  } else if (t.startsWith("%")) {
    scale = 0.01;
    t = t.slice(1).trim();
  }
  let m = SYMBOLS.exec(t);
  if (m) t = t.slice(m[0].length).trim();
  else if ((m = SYMBOLS_END.exec(t))) t = t.slice(0, -m[0].length).trim();
  if (t.length > 3) {
    const head = t.slice(0, 3), tail = t.slice(-3);
    if (CODES.has(head) && !/[A-Za-z]/.test(t.charAt(3))) t = t.slice(3).trim();
    else if (CODES.has(tail) && !/[A-Za-z]/.test(t.charAt(t.length - 4))) t = t.slice(0, -3).trim();
  }
  sign();
  const body = t.replace(SPACES, "");
  if (body === "") return null;
  return { body, negative, scale };
}

const EXPONENT = /^\d+(?:\.\d+)?[eE][-+]?\d+$/;

/** True when `int` is digit groups written with a grouping mark: 1-3 digits (not starting with 0), then groups of exactly 3. */
function validGroups(int: string, mark: string): boolean {
  const groups = int.split(mark);
  if (groups.length < 2) return false;
  const head = groups[0];
  if (head.length < 1 || head.length > 3 || head.charCodeAt(0) === 48) return false;
  for (let i = 1; i < groups.length; i++) if (groups[i].length !== 3) return false;
  return true;
}

/** The shape of a body of digits and separators, read with char codes (no regular expression in the common cases). */
function bodyShape(b: string): NumberShape {
  const n = b.length;
  let dots = 0, commas = 0, last = -1, other = 0;
  for (let i = 0; i < n; i++) {
    const c = b.charCodeAt(i);
    if (c === 46) {
      dots++;
      last = i;
    } else if (c === 44) {
      commas++;
      last = i;
    } else if (c < 48 || c > 57) other++;
  }
  if (other > 0 || n === 0) return EXPONENT.test(b) ? NumberShape.DotDecimal : NumberShape.NotNumber;
  if (dots === 0 && commas === 0) return NumberShape.Integer;
  const lastMark = b.charAt(last);
  const before = b.slice(0, last), after = b.slice(last + 1);
  if (after.length === 0 && before.length === 0) return NumberShape.NotNumber;
  if (dots > 0 && commas > 0) {
    // The last mark is the decimal one and appears once; the other groups the integer part.
    if ((lastMark === "." ? dots : commas) !== 1) return NumberShape.NotNumber;
    return validGroups(before, lastMark === "." ? "," : ".") ? (lastMark === "." ? NumberShape.DotDecimal : NumberShape.CommaDecimal) : NumberShape.NotNumber;
  }
  const count = dots + commas;
  if (count > 1) {
    // 1,234,567 or 1.234.567: grouping only.
    return validGroups(b, lastMark) ? (lastMark === "," ? NumberShape.DotDecimal : NumberShape.CommaDecimal) : NumberShape.NotNumber;
  }
  if (after.length === 3 && before.length >= 1 && before.length <= 3 && before.charCodeAt(0) !== 48) {
    return lastMark === "." ? NumberShape.AmbiguousDot : NumberShape.AmbiguousComma;
  }
  return lastMark === "." ? NumberShape.DotDecimal : NumberShape.CommaDecimal;
}

/**
 * True when a text is only digits, "." and "," with an optional leading "-"
 * (what most cells of a number column are): it needs no decoration stripped.
 * Checked with char codes, so the common case costs no regular expression.
 */
function isBare(t: string): boolean {
  const n = t.length;
  if (n === 0 || n > 40) return false;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c !== 46 && c !== 44 && !(c === 45 && i === 0)) return false;
  }
  return digits > 0;
}

/**
 * The conventions a text is compatible with.
 *
 * @example numberShape("1.234,50") // NumberShape.CommaDecimal
 * @example numberShape("1,234") // NumberShape.AmbiguousComma
 */
export function numberShape(text: string): NumberShape {
  if (isBare(text)) return bodyShape(text.charCodeAt(0) === 45 ? text.slice(1) : text);
  const core = coreOf(text);
  return core ? bodyShape(core.body) : NumberShape.NotNumber;
}

/** True when a shape can be read with `mark`. */
export function shapeFits(shape: NumberShape, mark: DecimalMark): boolean {
  switch (shape) {
    case NumberShape.NotNumber:
      return false;
    case NumberShape.DotDecimal:
      return mark === ".";
    case NumberShape.CommaDecimal:
      return mark === ",";
    default:
      return true;
  }
}

/**
 * The number a text stands for when its column's decimal mark is `mark`;
 * NaN when it is not a number in that convention.
 *
 * @example parseNumber("1.234,50 €", ",") // 1234.5
 * @example parseNumber("(12.50)", ".") // -12.5
 * @example parseNumber("12,5 %", ",") // 0.125
 */
export function parseNumber(text: string, mark: DecimalMark): number {
  const bare = isBare(text);
  const core: Core | null = bare ? { body: text.charCodeAt(0) === 45 ? text.slice(1) : text, negative: text.charCodeAt(0) === 45, scale: 1 } : coreOf(text);
  if (!core) return NaN;
  const shape = bodyShape(core.body);
  if (!shapeFits(shape, mark)) return NaN;
  let b = core.body;
  if (shape !== NumberShape.Integer) {
    b = mark === "." ? b.split(",").join("") : b.split(".").join("").replace(",", ".");
  }
  const x = Number(b);
  if (!Number.isFinite(x)) return NaN;
  const v = (core.negative ? -x : x) * core.scale;
  // 12.5 % is 0.125 exactly as a person means it, not 0.12500000000000003.
  return core.scale === 1 ? v : Number(v.toPrecision(15));
}

/** True when the text carries a currency symbol or code (for the report). */
export function hasCurrency(text: string): boolean {
  const t = text.trim().replace(/^[(\-−+]+|[)]+$/g, "").trim();
  if (SYMBOLS.test(t) || SYMBOLS_END.test(t)) return true;
  return t.length > 3 && (CODES.has(t.slice(0, 3)) || CODES.has(t.slice(-3)));
}

/** True when the text is a percentage (for the report). */
export function isPercent(text: string): boolean {
  const t = text.trim();
  return t.endsWith("%") || t.startsWith("%");
}

const LABELLED_FIRST = /^(\d{1,2})\s*[-–—:=.]\s*\p{L}/u;
const LABELLED_LAST = /^\p{L}[^\d]*?[\s(]\s*(\d{1,2})\s*\)?$/u;

/**
 * A score exported with its scale label, as survey tools write the ends of
 * a 0-10 scale: `10 - Extremely likely`, `0 - Nada probable`,
 * `Extremely likely (10)`. NaN for anything else.
 *
 * @example labelledScore("10 - Extremely likely") // 10
 */
export function labelledScore(text: string): number {
  const t = text.trim();
  const m = LABELLED_FIRST.exec(t) ?? LABELLED_LAST.exec(t);
  return m ? Number(m[1]) : NaN;
}
