/**
 * What the scorecard sheet is built from: the KPIs (as read from a KPI list,
 * or the sample's), the named inputs their formulas use, and each actual's
 * value as Excel computes it (the cached value of the Actual cell, and what
 * the Status and Gap formulas are computed from). A plain, JSON-able object.
 *
 * An actual that is a formula outside the allow-list (src/workbook/safe-formula.ts,
 * without cell references: a KPI list cannot know where the sheet puts its
 * cells) has no value: the sheet writes it as literal text, never as a formula.
 */
import type { CachedValue } from "../../workbook/plan";
import { userFormulaValue } from "../../workbook/safe-formula-value";
import type { KpiDirection, KpiSpec, SampleKpiId, ScorecardInput } from "./sample";

export type KpiStatus = "met" | "near" | "missed";

export interface ScorecardKpi extends KpiSpec {
  /** The sample KPI this is, when the KPIs are the built-in sample's. */
  id?: SampleKpiId;
  /** The actual's value (a number or an Excel error); null when the actual is text that stays text. */
  value: CachedValue | null;
}

export interface ScorecardAggregate {
  kpis: ScorecardKpi[];
  /** The named inputs written under the scorecard (none when no actual is a formula). */
  inputs: ScorecardInput[];
  /** True when the KPIs are the built-in sample's: their words are the template's, not the user's. */
  sample: boolean;
}

/**
 * The status rule of the Status column's formula: met when the actual is on
 * the right side of the target, near when it misses by at most `nearWithin`,
 * else missed.
 *
 * @example kpiStatus("lower", 0.02, 0.023, 0.005) // "near"
 */
export function kpiStatus(direction: KpiDirection, target: number, actual: number, nearWithin: number): KpiStatus {
  if (direction === "lower") return actual <= target ? "met" : actual <= target + nearWithin ? "near" : "missed";
  return actual >= target ? "met" : actual >= target - nearWithin ? "near" : "missed";
}

/** The gap the Gap column shows: positive when the KPI beats its target. */
export function kpiGap(direction: KpiDirection, target: number, actual: number): number {
  return direction === "lower" ? target - actual : actual - target;
}

/**
 * Each KPI with its actual's value: a number as it is; a formula of the
 * allow-list over `inputs` computed as Excel does; anything else null.
 *
 * @example scorecardAggregate([{ name: "CSAT", direction: "higher", target: 0.85, nearWithin: 0.03, actual: "=Sat/All", format: "0.0%", timeFrame: "", note: "" }], [{ label: "", name: "Sat", value: 8, format: "", note: "" }, { label: "", name: "All", value: 10, format: "", note: "" }], false).kpis[0].value // 0.8
 */
export function scorecardAggregate(kpis: (KpiSpec & { id?: SampleKpiId })[], inputs: ScorecardInput[], sample: boolean): ScorecardAggregate {
  const values = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
  const withValues = kpis.map((k): ScorecardKpi => {
    const value = typeof k.actual === "number" ? k.actual : (userFormulaValue(k.actual, values) ?? null);
    return { ...k, value };
  });
  // The inputs are written only when some actual reads them.
  const formulas = withValues.some((k) => typeof k.actual === "string" && k.value !== null);
  return { kpis: withValues, inputs: formulas ? inputs : [], sample };
}
