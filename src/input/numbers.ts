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

const INTEGER = /^\d+$/;
const ONE_DOT = /^\d*\.\d+$|^\d+\.$/;
const ONE_COMMA = /^\d*,\d+$|^\d+,$/;
const GROUP_DOT_3 = /^[1-9]\d{0,2}\.\d{3}$/;
const GROUP_COMMA_3 = /^[1-9]\d{0,2},\d{3}$/;
const EN_GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?$/;
const ES_GROUPED = /^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d*)?$/;
const EXPONENT = /^\d+(?:\.\d+)?[eE][-+]?\d+$/;

/**
 * The conventions a text is compatible with.
 *
 * @example numberShape("1.234,50") // NumberShape.CommaDecimal
 * @example numberShape("1,234") // NumberShape.AmbiguousComma
 */
export function numberShape(text: string): NumberShape {
  const core = coreOf(text);
  if (!core) return NumberShape.NotNumber;
  const b = core.body;
  if (INTEGER.test(b)) return NumberShape.Integer;
  if (ONE_DOT.test(b)) return GROUP_DOT_3.test(b) ? NumberShape.AmbiguousDot : NumberShape.DotDecimal;
  if (ONE_COMMA.test(b)) return GROUP_COMMA_3.test(b) ? NumberShape.AmbiguousComma : NumberShape.CommaDecimal;
  if (EN_GROUPED.test(b) || EXPONENT.test(b)) return NumberShape.DotDecimal;
  if (ES_GROUPED.test(b)) return NumberShape.CommaDecimal;
  return NumberShape.NotNumber;
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
  const core = coreOf(text);
  if (!core) return NaN;
  const shape = numberShape(text);
  if (!shapeFits(shape, mark)) return NaN;
  const group = mark === "." ? /,/g : /\./g;
  let b = core.body.replace(group, "");
  if (mark === ",") b = b.replace(",", ".");
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
