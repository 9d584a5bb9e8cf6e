/**
 * The engines' results laid out as spilled tables: labels in the first row
 * (and column), "" for an empty cell, Excel date serials for periods.
 */
import { CohortTable } from "../../metrics/cohort";
import { MrrMonth } from "../../metrics/mrr-movements";
import { RfmSummary } from "../../metrics/rfm";
import { LOST_LABEL, NEW_LABEL, SegmentMatrix, SegmentSummary } from "../../metrics/segment-matrix";
import { excelError } from "../support/excel-errors";

const PERIOD_LABEL = { week: "Cohort week", month: "Cohort month", quarter: "Cohort quarter", year: "Cohort year" } as const;

/**
 * Header: cohort label, "Customers", then the periods since the first (0, 1, 2 …).
 * Rows: the cohort's first day (a date serial), its size, then the values;
 * "" beyond the data, #DIV/0! for shares of a cohort whose period-0 value is 0.
 */
export function cohortRows(t: CohortTable): unknown[][] {
  const width = t.matrix.length === 0 ? 0 : t.matrix[0].length;
  const header: unknown[] = [PERIOD_LABEL[t.period], "Customers"];
  for (let k = 0; k < width; k++) header.push(k);
  const rows: unknown[][] = [header];
  for (let i = 0; i < t.cohorts.length; i++) {
    const row: unknown[] = [t.cohorts[i], t.sizes[i]];
    const undefinedShare = t.output === "share" && t.base[i] === 0;
    for (let k = 0; k < width; k++) {
      const v = t.matrix[i][k];
      if (v !== null) row.push(v);
      else row.push(undefinedShare && k < t.observed[i] ? excelError("#DIV/0!") : "");
    }
    rows.push(row);
  }
  return rows;
}

export const MRR_HEADER = [
  "Month",
  "Start MRR",
  "New",
  "Expansion",
  "Contraction",
  "Churn",
  "Reactivation",
  "End MRR",
  "Customers at start",
  "Customers at end",
];

export function mrrRows(months: MrrMonth[]): unknown[][] {
  const rows: unknown[][] = [MRR_HEADER];
  for (const m of months) {
    rows.push([m.month, m.startMrr, m.newMrr, m.expansion, m.contraction, m.churn, m.reactivation, m.endMrr, m.customersAtStart, m.customersAtEnd]);
  }
  return rows;
}

export function segmentMatrixRows(m: SegmentMatrix): unknown[][] {
  const rows: unknown[][] = [["From \\ To", ...m.segments, LOST_LABEL]];
  const labels = [...m.segments, NEW_LABEL];
  m.matrix.forEach((cells, i) => rows.push([labels[i], ...cells]));
  return rows;
}

export function segmentSummaryRows(s: SegmentSummary): unknown[][] {
  return [
    ["Movement", "Share"],
    ["Moved up", s.movedUp],
    ["Moved down", s.movedDown],
    ["Stayed", s.stayed],
    ["Lost", s.lost],
    ["Customers before", s.customersBefore],
    ["New customers", s.newCustomers],
  ];
}

export const RFM_HEADER = ["Customer", "Frequency", "Recency", "T", "Monetary value"];

/** One row per customer; the monetary column is "" when no amounts were given. */
export function rfmRows(r: RfmSummary): unknown[][] {
  const rows: unknown[][] = new Array(r.ids.length + 1);
  rows[0] = RFM_HEADER;
  for (let i = 0; i < r.ids.length; i++) {
    rows[i + 1] = [r.ids[i], r.frequency[i], r.recency[i], r.T[i], r.monetaryValue ? r.monetaryValue[i] : ""];
  }
  return rows;
}
