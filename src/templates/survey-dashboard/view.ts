/**
 * What every block of the survey sheets reads: the aggregate, the words,
 * the settings, and how a count is written. When the workbook lists every
 * response ("live"), a count is a COUNTIFS formula over the responses
 * sheet's whole columns, cached with the aggregate's value, so a reviewer's
 * correction on that sheet flows to the dashboard; above the list limit it
 * is the aggregate's value itself, and the sheet says so. Everything derived
 * from counts (shares, NPS, intervals, CSAT, CES) is a formula either way.
 */
import { zForConfidence } from "../../metrics/normal";
import { columnLetter } from "../../workbook/a1";
import { Cell, fx } from "../../workbook/layout";
import { CachedValue, sheetRef } from "../../workbook/plan";
import type { SourceFacts } from "../shared/strings";
import type { SurveyAggregate } from "./aggregate";
import type { SurveyStrings } from "./strings";

export interface SurveySheetOptions {
  /** Confidence level of the NPS intervals (an input cell on the sheet). */
  confidence: number;
  /** First CSAT score counted as satisfied (an input cell). */
  csatMin: number;
  source: SourceFacts;
}

/** A column of the responses sheet: its key, header, and (for attributes) which attribute. */
export interface ListColumn {
  key: "date" | "score" | "segment" | "csat" | "ces" | "attribute" | "sentiment" | "comment";
  header: string;
  attribute?: number;
  /** The header is the user's text (an attribute's label). */
  userHeader?: boolean;
}

export interface View {
  agg: SurveyAggregate;
  t: SurveyStrings;
  o: SurveySheetOptions;
  /** Counts are formulas over the responses sheet (it lists every response). */
  live: boolean;
  /** Columns of the breakdown tables after their label column. */
  headers: string[];
  z: number;
  /** The responses sheet's columns, in order (empty when there is no such sheet). */
  list: ListColumn[];
}

/** Column offsets of the breakdown tables (after the label column at 0). */
export const COL = { responses: 1, promoters: 2, passives: 3, detractors: 4, pctPromoters: 5, nps: 8, margin: 9, ciLow: 10, ciHigh: 11 } as const;

export const NA: CachedValue = { error: "#N/A" };

export function view(agg: SurveyAggregate, o: SurveySheetOptions, t: SurveyStrings): View {
  const headers = [t.responses, t.promoters, t.passives, t.detractors, t.pctPromoters, t.pctPassives, t.pctDetractors, t.nps, t.margin, t.ciLow, t.ciHigh];
  if (agg.has.csat) headers.push(t.csat);
  if (agg.has.ces) headers.push(t.ces);
  return { agg, t, o, live: agg.listing?.kind === "all", headers, z: zForConfidence(o.confidence), list: listColumns(agg, t) };
}

/** The responses sheet's columns: date, score, segment, CSAT, CES, each attribute, sentiment, comment (what the data has). */
export function listColumns(agg: SurveyAggregate, t: SurveyStrings): ListColumn[] {
  const l = agg.listing;
  if (!l) return [];
  const out: ListColumn[] = [
    { key: "date", header: t.listDate },
    { key: "score", header: t.listScore },
  ];
  if (l.segments) out.push({ key: "segment", header: t.segment });
  if (l.csat) out.push({ key: "csat", header: t.columnCsat });
  if (l.ces) out.push({ key: "ces", header: t.columnCes });
  (l.attributes ?? []).forEach((_, j) => out.push({ key: "attribute", header: agg.drivers!.labels[j], attribute: j, userHeader: true }));
  if (l.sentiments) out.push({ key: "sentiment", header: t.listSentiment });
  if (l.comments) out.push({ key: "comment", header: t.listComment });
  return out;
}

/** The whole column of the responses sheet holding `key` ('Survey responses'!$B:$B), for COUNTIFS. */
export function listRef(v: View, key: ListColumn["key"], attribute?: number): string {
  const i = v.list.findIndex((c) => c.key === key && c.attribute === attribute);
  if (i < 0) throw new Error(`The responses sheet has no ${key} column.`);
  const letter = columnLetter(1 + i);
  return `${sheetRef("responses")}!$${letter}:$${letter}`;
}

/** Pairs of (range, criterion) for COUNTIFS / SUMIFS. */
export type Criteria = string[];

/** A count: COUNTIFS over the responses sheet when live, else the aggregate's value. */
export function counted(v: View, criteria: () => Criteria, value: number): Cell {
  if (!v.live) return value;
  const c = criteria();
  // COUNTIFS needs at least one pair: with none, count the scored rows (every listed row has a score).
  const pairs = c.length > 0 ? c : [listRef(v, "score"), '">=0"'];
  return fx(`=COUNTIFS(${pairs.join(",")})`, value);
}

/** The criteria of the rows of a month: dated from the month's first day (in `cell`) to the next month's. */
export function monthCriteria(v: View, cell: string): Criteria {
  const dates = listRef(v, "date");
  return [dates, `">="&${cell}`, dates, `"<"&EDATE(${cell},1)`];
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

/** The criteria of a segment's rows. */
export function segmentCriteria(v: View, name: string, cell: string): Criteria {
  return [listRef(v, "segment"), exactCriterion(name, cell)];
}

/** The criteria of an NPS group's rows, by score. */
export function groupCriteria(v: View, group: "promoters" | "passives" | "detractors"): Criteria {
  const s = listRef(v, "score");
  if (group === "promoters") return [s, '">=9"'];
  if (group === "passives") return [s, '">=7"', s, '"<=8"'];
  return [s, '"<=6"'];
}

/** `=IF(n=0,NA(),expr)` with its value: #N/A where there is nothing to divide by. */
export function guarded(nCell: string, n: number, expr: string, value: () => number): Cell {
  return fx(`=IF(${nCell}=0,NA(),${expr})`, n === 0 ? NA : value());
}
