import { divisionByZero, notAvailable } from "./errors";
import { zForConfidence } from "./normal";

/** A 2×2 table: outcome yes/no inside the group and in the rest. */
export interface TwoByTwo {
  groupWithOutcome: number;
  groupTotal: number;
  restWithOutcome: number;
  restTotal: number;
}

export interface RelativeRisk {
  ratio: number;
  low: number;
  high: number;
}

/**
 * Relative risk ("lift") of an outcome in a group versus everyone else:
 * RR = (a / n₁) / (c / n₀), with the log (Katz) confidence interval
 * exp(ln RR ± z·√(1/a − 1/n₁ + 1/c − 1/n₀)).
 * "Customers whose issue was not solved at first contact were 5× more likely to churn."
 *
 * Reference: D. Katz, J. Baptista, S. P. Azen, M. C. Pike (1978), "Obtaining
 * confidence intervals for the risk ratio in cohort studies", Biometrics 34, 469–474;
 * A. Agresti (2013), Categorical Data Analysis, 3rd ed., §3.1.
 *
 * @example relativeRisk({ groupWithOutcome: 20, groupTotal: 100, restWithOutcome: 10, restTotal: 250 })
 * // { ratio: 5, low: 2.427…, high: 10.30… }
 */
export function relativeRisk(t: TwoByTwo, confidence = 0.95): RelativeRisk {
  const { groupWithOutcome: a, groupTotal: n1, restWithOutcome: c, restTotal: n0 } = t;
  if (n1 === 0) throw divisionByZero("No rows are in the group, so the lift is undefined.");
  if (n0 === 0) throw divisionByZero("Every row is in the group, so there is nothing to compare with.");
  if (c === 0) throw divisionByZero("Nobody outside the group has the outcome, so the lift is undefined.");
  if (a === 0) throw notAvailable("Nobody in the group has the outcome, so the lift is 0 with no finite interval.");
  const rr = a / n1 / (c / n0);
  const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0);
  const z = zForConfidence(confidence);
  return { ratio: rr, low: Math.exp(Math.log(rr) - z * se), high: Math.exp(Math.log(rr) + z * se) };
}
