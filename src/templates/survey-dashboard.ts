/**
 * Survey dashboard: NPS by month and by segment with adjusted-Wald confidence
 * intervals, the score distribution, CSAT and CES where those columns exist,
 * and trend charts.
 *
 * The raw responses go to their own sheet (an Excel Table); every number on
 * the dashboard is a native formula over that sheet's whole columns
 * (COUNTIFS / SUMIFS), so the workbook works without the add-in and picks up
 * responses a reviewer adds below the table. The interval formulas are those
 * of src/metrics/nps-interval.ts (Rocks 2016): with P promoters, D detractors
 * and N responses,
 *   centre = (P − D) / (N + 3),  variance = (P + D + 1.5) / (N + 3) − centre²,
 *   margin = z · √(variance / (N + 3)),  CI = 100 · [centre ∓ margin] clipped to ±100,
 * with z = NORM.S.INV(0.5 + confidence / 2).
 */
import { invalidInput } from "../metrics/errors";
import { zForConfidence } from "../metrics/normal";
import { cellName, columnLetter, rangeName } from "../workbook/a1";
import { SheetBuilder } from "../workbook/builder";
import { addMonths, dateFromSerial, monthStart } from "../workbook/dates";
import { CellValue, sheetRef, WorkbookPlan } from "../workbook/plan";
import { COLORS, FORMATS, LOOKS } from "../workbook/styles";

/** One survey answer, as validated data (dates are Excel serials). */
export interface SurveyResponse {
  /** When the answer was given: an Excel date serial (days since 1899-12-30, fraction = time of day). */
  date: number;
  /** Answer from 0 to 10 to "How likely are you to recommend us?". */
  score: number;
  segment?: string;
  comment?: string;
  /** 1-5 satisfaction answer, when asked. */
  csat?: number;
  /** 1-7 effort answer (CES 2.0), when asked. */
  ces?: number;
}

export interface SurveyDashboardOptions {
  /** Confidence level of the intervals (default 0.95); an input cell on the sheet. */
  confidence?: number;
  /** Where the responses came from, stated on both sheets ("responses.csv", "Sheet1!A1:D500"). */
  source?: string;
  /** When the workbook is built, stated on both sheets (default: now). */
  builtAt?: Date;
  /** First CSAT score that counts as satisfied (default 4, the top-2-box of 1-5). */
  csatSatisfiedMin?: number;
  /** Requested sheet names. */
  dashboardSheetName?: string;
  responsesSheetName?: string;
}

/** Columns of the monthly and segment tables, in order. */
export const SURVEY_TABLE_COLUMNS = [
  "Responses",
  "Promoters",
  "Passives",
  "Detractors",
  "% Promoters",
  "% Passives",
  "% Detractors",
  "NPS",
  "Margin of error (±)",
  "CI low",
  "CI high",
] as const;

/** Where the dashboard's blocks landed (row numbers are 1-based). */
export interface SurveyDashboardLayout {
  /** Row of the overall figures ("All responses"). */
  overallRow: number;
  /** First and last month rows of the monthly table. */
  monthRows: [number, number];
  /** First and last segment rows, when there are segments. */
  segmentRows?: [number, number];
  /** Row of score 0 in the distribution (score s is at row + s). */
  distributionRow: number;
  /** Column (letter) of each table column, e.g. NPS -> "I". */
  columns: Record<string, string>;
  /** The cell of the z value. */
  zCell: string;
  /** The cell of the confidence level input. */
  confidenceCell: string;
  /** Month start serials, in table order. */
  months: number[];
  segments: string[];
}

/** Checks responses and throws #VALUE!-style errors naming the first bad one. */
export function validateSurveyResponses(responses: readonly SurveyResponse[]): void {
  if (responses.length === 0) throw invalidInput("There are no survey responses to build a dashboard from.");
  responses.forEach((r, i) => {
    const where = `Response ${i + 1}`;
    if (!(Number.isFinite(r.date) && r.date >= 61)) throw invalidInput(`${where}: the date must be an Excel date (got ${r.date}).`);
    if (!(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10)) {
      throw invalidInput(`${where}: the score must be a whole number from 0 to 10 (got ${r.score}).`);
    }
    if (r.csat !== undefined && !(Number.isInteger(r.csat) && r.csat >= 1 && r.csat <= 5)) {
      throw invalidInput(`${where}: CSAT must be a whole number from 1 to 5 (got ${r.csat}).`);
    }
    if (r.ces !== undefined && !(Number.isInteger(r.ces) && r.ces >= 1 && r.ces <= 7)) {
      throw invalidInput(`${where}: CES must be a whole number from 1 to 7 (got ${r.ces}).`);
    }
  });
}

/**
 * A COUNTIFS criterion that matches `text` exactly. Excel reads "*", "?" and
 * "~" in a criterion as wildcards and a leading "<", ">" or "=" as a
 * comparison, so plain names refer to their label cell and others become an
 * escaped literal ("=a~*b").
 */
export function exactCriterion(text: string, labelCell: string): string {
  if (!/[*?~]/.test(text) && !/^[<>=]/.test(text) && text.trim() !== "") return labelCell;
  const escaped = text.replace(/[~*?]/g, (c) => `~${c}`).replace(/"/g, '""');
  return `"=${escaped}"`;
}

/**
 * Builds the dashboard and the responses sheet.
 *
 * @example surveyDashboard(sampleSurveyResponses()).plan.sheets.map(s => s.name) // ["NPS dashboard", "Survey responses"]
 */
export function surveyDashboard(
  responses: readonly SurveyResponse[],
  options: SurveyDashboardOptions = {},
): { plan: WorkbookPlan; layout: SurveyDashboardLayout } {
  validateSurveyResponses(responses);
  const confidence = options.confidence ?? 0.95;
  zForConfidence(confidence); // throws #VALUE! unless 0 < confidence < 1
  const csatMin = options.csatSatisfiedMin ?? 4;
  if (!(Number.isInteger(csatMin) && csatMin >= 1 && csatMin <= 5)) {
    throw invalidInput(`csatSatisfiedMin must be a whole number from 1 to 5 (got ${csatMin}).`);
  }
  const builtAt = options.builtAt ?? new Date();
  const source = options.source ?? "responses given to the CXM survey dashboard template";
  const hasSegment = responses.some((r) => r.segment !== undefined && r.segment !== "");
  const hasCsat = responses.some((r) => r.csat !== undefined);
  const hasCes = responses.some((r) => r.ces !== undefined);
  const hasComment = responses.some((r) => r.comment !== undefined && r.comment !== "");

  // ---- Responses sheet: one Excel Table, raw values only.
  const dataColumns: { header: string; get: (r: SurveyResponse) => CellValue }[] = [
    { header: "Date", get: (r) => r.date },
    { header: "Score (0-10)", get: (r) => r.score },
  ];
  if (hasSegment) dataColumns.push({ header: "Segment", get: (r) => r.segment ?? "" });
  if (hasCsat) dataColumns.push({ header: "CSAT (1-5)", get: (r) => r.csat ?? "" });
  if (hasCes) dataColumns.push({ header: "CES (1-7)", get: (r) => r.ces ?? "" });
  if (hasComment) dataColumns.push({ header: "Comment", get: (r) => r.comment ?? "" });
  const letter = (header: string) => columnLetter(dataColumns.findIndex((c) => c.header === header) + 1);

  const stamp = `${builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const sourceLine = `Source: ${source}. ${responses.length} responses. Built ${stamp} by CXM.`;
  const data = new SheetBuilder("responses", options.responsesSheetName ?? "Survey responses", "Survey responses");
  const dataFirst = data.heading([sourceLine, "Add or correct responses in the table's rows: the dashboard's formulas read these columns whole."]);
  const sorted = [...responses].sort((a, b) => a.date - b.date);
  const table = data.write(dataFirst, 1, [dataColumns.map((c) => c.header), ...sorted.map((r) => dataColumns.map((c) => c.get(r)))], {
    text: true,
  });
  data.table("SurveyResponses", table, { style: "TableStyleLight9" });
  data.format(rangeName(dataFirst, 1, 1, dataColumns.length), LOOKS.header);
  const hasTime = responses.some((r) => r.date % 1 !== 0);
  data.format(rangeName(dataFirst + 1, 1, sorted.length, 1), { numberFormat: hasTime ? FORMATS.dateTime : FORMATS.date });
  data.widths(1, dataColumns.map((c) => (c.header === "Comment" ? 50 : c.header === "Date" ? 17 : 13)));
  data.freeze(dataFirst, 0).tab(COLORS.series[2]);

  // ---- Whole-column references into the responses sheet.
  const R = sheetRef("responses");
  const col = (header: string) => `${R}!$${letter(header)}:$${letter(header)}`;
  const dates = col("Date");
  const scores = col("Score (0-10)");
  const countIfs = (filter: string[], extra: string[]) => `COUNTIFS(${[...filter, ...extra].join(",")})`;

  // ---- Dashboard.
  const s = new SheetBuilder("dashboard", options.dashboardSheetName ?? "NPS dashboard", "NPS dashboard");
  const first = s.heading([
    sourceLine,
    "Every figure is an Excel formula over the survey responses sheet; #N/A marks a month without responses (charts leave a gap).",
  ]);

  const settingsRows: CellValue[][] = [
    ["Setting", "Value", "Name"],
    ["Confidence level", confidence, "NPS_confidence"],
    ["z for that level", "=NORM.S.INV(0.5+NPS_confidence/2)", "NPS_z"],
  ];
  if (hasCsat) settingsRows.push(["CSAT: satisfied from score", csatMin, "CSAT_satisfied_min"]);
  const settings = s.block(first, 1, "Settings", "Change the confidence level or the CSAT threshold; everything recalculates.", settingsRows, {
    header: true,
  });
  const confidenceCell = cellName(settings.bodyRow + 1, 2);
  const zCell = cellName(settings.bodyRow + 2, 2);
  s.name("NPS_confidence", settings.bodyRow + 1, 2, "Confidence level of the NPS intervals");
  s.name("NPS_z", settings.bodyRow + 2, 2, "Standard normal quantile for the confidence level");
  s.format(confidenceCell, { ...LOOKS.input, numberFormat: FORMATS.percent });
  s.format(zCell, { numberFormat: "0.000" });
  if (hasCsat) {
    s.name("CSAT_satisfied_min", settings.bodyRow + 3, 2, "Lowest CSAT score counted as satisfied");
    s.format(cellName(settings.bodyRow + 3, 2), LOOKS.input);
  }

  const headers = [...SURVEY_TABLE_COLUMNS, ...(hasCsat ? ["CSAT"] : []), ...(hasCes ? ["CES (average)"] : [])];
  const columns: Record<string, string> = {};
  headers.forEach((h, i) => (columns[h] = columnLetter(2 + i)));
  const C = columns;

  /** The formulas of one row of a breakdown table, for the responses matching `filter`. */
  const rowFormulas = (r: number, filter: string[]): CellValue[] => {
    const [N, P, S, D] = ["Responses", "Promoters", "Passives", "Detractors"].map((h) => `${C[h]}${r}`);
    const guard = (expr: string) => `=IF(${N}=0,NA(),${expr})`;
    const centre = `(${P}-${D})/(${N}+3)`;
    const cells: CellValue[] = [
      `=${P}+${S}+${D}`,
      `=${countIfs(filter, [scores, '">=9"'])}`,
      `=${countIfs(filter, [scores, '">=7"', scores, '"<=8"'])}`,
      `=${countIfs(filter, [scores, '"<=6"'])}`,
      guard(`${P}/${N}`),
      guard(`${S}/${N}`),
      guard(`${D}/${N}`),
      guard(`100*(${P}-${D})/${N}`),
      guard(`100*NPS_z*SQRT(((${P}+${D}+1.5)/(${N}+3)-(${centre})^2)/(${N}+3))`),
      guard(`MAX(-100,100*${centre}-${C["Margin of error (±)"]}${r})`),
      guard(`MIN(100,100*${centre}+${C["Margin of error (±)"]}${r})`),
    ];
    if (hasCsat) {
      const csat = col("CSAT (1-5)");
      const n = countIfs(filter, [csat, '">=1"']);
      cells.push(`=IF(${n}=0,NA(),${countIfs(filter, [csat, '">="&CSAT_satisfied_min'])}/${n})`);
    }
    if (hasCes) {
      const ces = col("CES (1-7)");
      const n = countIfs(filter, [ces, '">=1"']);
      cells.push(`=IF(${n}=0,NA(),SUMIFS(${[ces, ...filter, ces, '">=1"'].join(",")})/${n})`);
    }
    return cells;
  };
  const formatTable = (firstRow: number, rows: number) => {
    const fmt = (h: string, numberFormat: string) => {
      if (C[h]) s.format(`${C[h]}${firstRow}:${C[h]}${firstRow + rows - 1}`, { numberFormat });
    };
    ["Responses", "Promoters", "Passives", "Detractors"].forEach((h) => fmt(h, FORMATS.integer));
    ["% Promoters", "% Passives", "% Detractors", "CSAT"].forEach((h) => fmt(h, FORMATS.percent));
    ["NPS", "Margin of error (±)", "CI low", "CI high"].forEach((h) => fmt(h, FORMATS.points));
    fmt("CES (average)", FORMATS.decimal2);
    s.format(`${C.NPS}${firstRow}:${C.NPS}${firstRow + rows - 1}`, { bold: true });
  };

  // Overall.
  const overallRow = settings.next + 3;
  const overall = s.block(
    settings.next,
    1,
    "All responses",
    `NPS = % promoters (9-10) − % detractors (0-6), in points; the interval is the adjusted-Wald interval (Rocks 2016) at the confidence level above.`,
    [["", ...headers], ["All responses", ...rowFormulas(overallRow, [])]],
    { header: true },
  );
  formatTable(overallRow, 1);

  // By month.
  // A loop, not Math.min(...dates): spreading 130,000 dates into one call overflows the call stack.
  let earliest = Infinity;
  let latest = -Infinity;
  for (const r of responses) {
    if (r.date < earliest) earliest = r.date;
    if (r.date > latest) latest = r.date;
  }
  const firstMonth = monthStart(earliest);
  const lastMonth = monthStart(latest);
  const months: number[] = [];
  for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) months.push(m);
  const monthTop = overall.next;
  const monthFirstRow = monthTop + 3;
  const byMonth = s.block(
    monthTop,
    1,
    "NPS by month",
    "Responses dated from the first of the month to the end of it; the interval narrows as a month's responses grow.",
    [
      ["Month", ...headers],
      ...months.map((m, i) => {
        const r = monthFirstRow + i;
        return [m, ...rowFormulas(r, [dates, `">="&$A${r}`, dates, `"<"&EDATE($A${r},1)`])];
      }),
    ],
    { header: true },
  );
  s.table("NpsByMonth", byMonth.body, { style: "TableStyleMedium2" });
  s.format(rangeName(monthFirstRow, 1, months.length, 1), { numberFormat: FORMATS.month, horizontalAlignment: "left" });
  formatTable(monthFirstRow, months.length);

  // By segment.
  const segments = hasSegment ? [...new Set(responses.map((r) => r.segment ?? "").filter((x) => x !== ""))].sort() : [];
  let next = byMonth.next;
  let segmentRows: [number, number] | undefined;
    if (segments.length > 0) {
    const segFirstRow = next + 3;
    const segCol = col("Segment");
    const bySegment = s.block(
      next,
      1,
      "NPS by segment",
      "All months together. Responses without a segment count only in the overall figures.",
      [
        ["Segment", ...headers],
        ...segments.map((name, i) => {
          const r = segFirstRow + i;
          return [name, ...rowFormulas(r, [segCol, exactCriterion(name, `$A${r}`)])];
        }),
      ],
      { header: true, textFirstColumn: true },
    );
    segmentRows = [segFirstRow, segFirstRow + segments.length - 1];
    s.table("NpsBySegment", bySegment.body, { style: "TableStyleMedium2" });
    formatTable(segFirstRow, segments.length);
    next = bySegment.next;
  }

  // Distribution of scores.
  const distFirstRow = next + 3;
  const dist = s.block(
    next,
    1,
    "Score distribution",
    "How many answered each score from 0 to 10, and the share of all responses.",
    [
      ["Score", "Responses", "Share", "Group"],
      ...Array.from({ length: 11 }, (_, score) => {
        const r = distFirstRow + score;
        return [score, `=COUNTIFS(${scores},$A${r})`, `=IF(${C.Responses}${overallRow}=0,NA(),B${r}/${C.Responses}${overallRow})`, score >= 9 ? "Promoter" : score >= 7 ? "Passive" : "Detractor"];
      }),
    ],
    { header: true },
  );
  s.table("NpsScoreDistribution", dist.body, { style: "TableStyleLight9" });
  s.format(rangeName(distFirstRow, 2, 11, 1), { numberFormat: FORMATS.integer });
  s.format(rangeName(distFirstRow, 3, 11, 1), { numberFormat: FORMATS.percent });

  // Charts, to the right of the tables.
  const chartColumn = 2 + headers.length + 1;
  const monthsRange = (h: string) => `${C[h]}${monthFirstRow}:${C[h]}${monthFirstRow + months.length - 1}`;
  s.chart({
    type: "line",
    title: "NPS by month with its confidence interval",
    categories: rangeName(monthFirstRow, 1, months.length, 1),
    series: [
      { name: "NPS", values: monthsRange("NPS"), color: COLORS.series[0] },
      { name: "CI low", values: monthsRange("CI low"), color: COLORS.series[2], dashed: true },
      { name: "CI high", values: monthsRange("CI high"), color: COLORS.series[2], dashed: true },
    ],
    anchor: { from: cellName(first, chartColumn), to: cellName(first + 18, chartColumn + 8) },
    yAxisTitle: "NPS (points)",
  });
  s.chart({
    type: "column",
    title: "Responses by score",
    categories: rangeName(distFirstRow, 1, 11, 1),
    series: [{ name: "Responses", values: rangeName(distFirstRow, 2, 11, 1), color: COLORS.series[0] }],
    anchor: { from: cellName(first + 20, chartColumn), to: cellName(first + 38, chartColumn + 8) },
    xAxisTitle: "Score (0-10)",
  });
  const measures = [...(hasCsat ? ["CSAT"] : []), ...(hasCes ? ["CES (average)"] : [])];
  measures.forEach((h, i) => {
    const top = first + 40 + 20 * i;
    s.chart({
      type: "line",
      title: `${h} by month`,
      categories: rangeName(monthFirstRow, 1, months.length, 1),
      series: [{ name: h, values: monthsRange(h), color: COLORS.series[1 + i] }],
      anchor: { from: cellName(top, chartColumn), to: cellName(top + 18, chartColumn + 8) },
    });
  });

  s.widths(1, [16, ...headers.map((h) => Math.max(11, h.length + 2))]).freeze(3, 1);
  const plan: WorkbookPlan = { title: "NPS dashboard", sheets: [s.build(), data.build()] };
  return {
    plan,
    layout: {
      overallRow,
      monthRows: [monthFirstRow, monthFirstRow + months.length - 1],
      segmentRows,
      distributionRow: distFirstRow,
      columns,
      zCell,
      confidenceCell,
      months,
      segments,
    },
  };
}

/** "Mar 2024" for a month serial (for messages and tests). */
export function monthLabel(serial: number): string {
  const d = dateFromSerial(serial);
  return d.toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
}
