/**
 * The look every template shares: number formats, colours and the formats of
 * titles, notes, headers, input and output cells. Inputs follow the finance
 * modelling convention (blue text on a pale yellow fill: "type here"); the
 * good / neutral / bad colours are Excel's own built-in cell styles.
 */
import { CellFormat, ColorScaleRule, ConditionalStyle } from "./plan";

export const FORMATS = {
  percent: "0.0%",
  percent0: "0%",
  points: "0.0",
  integer: "#,##0",
  decimal2: "0.00",
  months: "0.0",
  ratio: '0.0"x"',
  date: "yyyy-mm-dd",
  month: "mmm yyyy",
  dateTime: "yyyy-mm-dd hh:mm",
} as const;

/**
 * A currency format: currencyFormat("$", 0) -> "$"#,##0; with `place` "after"
 * the symbol follows the number as Spanish readers write euros:
 * currencyFormat("€", 0, "after") -> #,##0 "€". No symbol: a plain number.
 */
export function currencyFormat(symbol = "$", decimals = 2, place: "before" | "after" = "before"): string {
  const number = decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
  const clean = symbol.replace(/"/g, "");
  if (!clean) return number;
  return place === "after" ? `${number} "${clean}"` : `"${clean}"${number}`;
}

export const COLORS = {
  title: "#1F3864",
  note: "#595959",
  rule: "#8EA9DB",
  headerFill: "#D9E1F2",
  inputFill: "#FFF2CC",
  inputFont: "#0000FF",
  good: { fill: "#C6EFCE", fontColor: "#006100" },
  neutral: { fill: "#FFEB9C", fontColor: "#9C5700" },
  bad: { fill: "#FFC7CE", fontColor: "#9C0006" },
  /** Excel's default red-yellow-green colour scale. */
  scaleLow: "#F8696B",
  scaleMid: "#FFEB84",
  scaleHigh: "#63BE7B",
  series: ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"],
} as const;

/**
 * Colours of chart series, in the order a chart takes them: Tableau 10's
 * categorical colours without its grey, chosen so that any two differ by a
 * CIE76 colour difference of at least 34 (Excel's default blues #4472C4 and
 * #5B9BD5 differ by 23, too little to tell two lines apart).
 */
export const PALETTE = ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#EDC948", "#76B7B2", "#9C755F"] as const;

/** Below this CIE76 difference two series colours count as the same to a reader. */
export const MIN_SERIES_COLOR_DIFFERENCE = 25;

/** CIE L*a*b* of an sRGB "#RRGGBB" colour (D65 white). */
function lab(color: string): [number, number, number] {
  const n = parseInt(color.replace("#", ""), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The CIE76 difference of two colours (ΔE*ab: about 2.3 is the smallest a person notices side by side). */
export function colorDifference(a: string, b: string): number {
  const p = lab(a), q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export const GOOD: ConditionalStyle = { ...COLORS.good };
export const NEUTRAL: ConditionalStyle = { ...COLORS.neutral };
export const BAD: ConditionalStyle = { ...COLORS.bad };

type Look = Omit<CellFormat, "range">;

export const LOOKS: Record<"title" | "subtitle" | "note" | "sectionTitle" | "header" | "input" | "output" | "label", Look> = {
  title: { bold: true, fontSize: 16, fontColor: COLORS.title },
  subtitle: { italic: true, fontColor: COLORS.note },
  note: { italic: true, fontColor: COLORS.note },
  sectionTitle: { bold: true, fontSize: 12, fontColor: COLORS.title },
  header: { bold: true, fill: COLORS.headerFill, bottomBorder: COLORS.rule },
  input: { fill: COLORS.inputFill, fontColor: COLORS.inputFont },
  output: { bold: true },
  label: {},
};

/** A red (low) to green (high) heatmap over `range`; `reverse` for "lower is better". */
export function heatmap(range: string, reverse = false): ColorScaleRule {
  const low = reverse ? COLORS.scaleHigh : COLORS.scaleLow;
  const high = reverse ? COLORS.scaleLow : COLORS.scaleHigh;
  return {
    kind: "colorScale",
    range,
    min: { type: "lowest", color: low },
    mid: { type: "percentile", value: 50, color: COLORS.scaleMid },
    max: { type: "highest", color: high },
  };
}
