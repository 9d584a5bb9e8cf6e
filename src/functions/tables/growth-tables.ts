/**
 * CUSTOMERGROWTH and INCIDENTLOSS results laid out as spilled tables: labels
 * in the first row (and column), "" for an empty cell, Excel date serials for
 * periods, error values in the cells that are undefined.
 */
import { MetricErrorKind } from "../../metrics/errors";
import { CustomerGrowth } from "../../metrics/growth/customer-growth";
import { IncidentLoss } from "../../metrics/growth/incident-loss";
import { ErrorCodeText, excelError } from "../support/excel-errors";

const PERIOD_LABEL = { week: "Week", month: "Month", quarter: "Quarter", year: "Year" } as const;

export const GROWTH_HEADER = [
  "Customers at start",
  "New",
  "Reactivated",
  "Lost",
  "Customers at end",
  "Net growth",
  "Value of new",
  "Value of lost",
  "Net value growth",
];

/** Header: the period ("Month" …) and the nine columns; rows: the period's first day, then the figures ("" for values without amounts). */
export function growthRows(g: CustomerGrowth): unknown[][] {
  const rows: unknown[][] = new Array(g.rows.length + 1);
  rows[0] = [PERIOD_LABEL[g.period], ...GROWTH_HEADER];
  g.rows.forEach((r, k) => {
    rows[k + 1] = [
      r.start,
      r.customersAtStart,
      r.newCustomers,
      r.reactivated,
      r.lost,
      r.customersAtEnd,
      r.netGrowth,
      r.newValue ?? "",
      r.lostValue ?? "",
      r.netValue ?? "",
    ];
  });
  return rows;
}

const CODE_OF_KIND: Record<MetricErrorKind, ErrorCodeText> = { value: "#VALUE!", div0: "#DIV/0!", num: "#NUM!", na: "#N/A" };

/**
 * Measure and value, one per row. An undefined rate is #DIV/0!; an undefined
 * relative risk shows the error LIFT would give (#DIV/0! with nothing to
 * compare with or no loss without an incident, #N/A with no loss after one).
 */
export function incidentLossRows(r: IncidentLoss, confidence = 0.95): unknown[][] {
  const percent = `${Math.round(confidence * 100)}%`;
  const riskError = r.relativeRiskProblem ? excelError(CODE_OF_KIND[r.relativeRiskProblem.kind], r.relativeRiskProblem.message) : null;
  const rate = (x: number | null) => (x === null ? excelError("#DIV/0!") : x);
  return [
    ["Measure", "Value"],
    ["Customers with an incident", r.customersWithIncident],
    ["Lost within the window", r.lostAfterIncident],
    ["Loss rate", rate(r.lossRate)],
    ["Customers without an incident", r.customersWithout],
    ["Loss rate without an incident", rate(r.lossRateWithout)],
    ["Relative risk", r.relativeRisk ? r.relativeRisk.ratio : riskError],
    [`Low (${percent})`, r.relativeRisk ? r.relativeRisk.low : riskError],
    [`High (${percent})`, r.relativeRisk ? r.relativeRisk.high : riskError],
  ];
}
