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

/** A currency format with `symbol` before the number: currencyFormat("$", 0) -> "$"#,##0. */
export function currencyFormat(symbol = "$", decimals = 2): string {
  const quoted = `"${symbol.replace(/"/g, "")}"`;
  return decimals > 0 ? `${quoted}#,##0.${"0".repeat(decimals)}` : `${quoted}#,##0`;
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
