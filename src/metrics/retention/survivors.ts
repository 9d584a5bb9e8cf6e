/**
 * Cohort survivor counts, the data the contractual retention models (sBG,
 * BdW) are fitted to, and their sufficient statistics.
 *
 * A cohort is the customers who started in the same period. Its survivor
 * series is n_0, n_1, …, n_a: n_0 customers at the start (t = 0) and n_t of
 * them still active after t periods (t renewals), observed up to its age a.
 * Counts may be given as shares (1, 0.869, …) or percentages: the likelihood
 * is a weighted sum, so the fitted parameters are the same; only the
 * log-likelihood scales with the weights.
 *
 * Reference: P. S. Fader, B. G. S. Hardie (2007), "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1), 76–90, §4 and the
 * appendix (the likelihood of survivor counts).
 */
import { invalidInput, notAvailable } from "../errors";

/** One survivor series per cohort: survivors[0] is the cohort size, survivors[t] those still active after t periods. */
export type SurvivorCohorts = readonly ArrayLike<number>[];

/** Names survivor count t of cohort j in messages ("Sheet1!C9", "cohort 2's survivors at t = 3"). */
export type SurvivorLocator = (cohort: number, t: number) => string;

export const defaultSurvivorLocator: SurvivorLocator = (j, t) => `cohort ${j + 1}'s survivors at t = ${t}`;

/**
 * The sufficient statistics of survivor data pooled over cohorts, indexed by
 * period t = 1 … periods (index 0 unused):
 * - lost[t]: customers who were active after t − 1 periods but not after t
 *   (their lifetime is exactly t periods);
 * - censored[t]: customers still active when their cohort's observation ends
 *   at age t (their lifetime is more than t periods).
 * Every model's log-likelihood is Σ lost[t]·ln P(T = t) + censored[t]·ln S(t).
 */
export interface SurvivalCounts {
  lost: Float64Array;
  censored: Float64Array;
  /** The oldest cohort's age: the longest run of periods observed. */
  periods: number;
  /** Customers over all cohorts (Σ n_0). */
  customers: number;
  /** Cohorts pooled. */
  cohorts: number;
}

/**
 * Validates survivor series and pools them. Each cohort needs at least two
 * numbers (its size and the survivors after one period); sizes above 0;
 * counts finite, 0 or more and never rising (a customer who left cannot be
 * counted again). Throws #VALUE! naming the first bad count.
 *
 * @example survivalCounts([[1000, 631, 468]]).lost[2] // 163
 */
export function survivalCounts(cohorts: SurvivorCohorts, where: SurvivorLocator = defaultSurvivorLocator): SurvivalCounts {
  if (cohorts.length === 0) throw notAvailable("There are no cohorts: give at least one column of survivor counts.");
  let periods = 0;
  cohorts.forEach((s, j) => {
    if (s.length < 2) {
      throw invalidInput(
        `Cohort ${j + 1} has ${s.length === 0 ? "no counts" : "only its size"}; a cohort needs its size and the survivors after at least one period.`,
      );
    }
    for (let t = 0; t < s.length; t++) {
      const n = s[t];
      if (!Number.isFinite(n) || n < 0) throw invalidInput(`${where(j, t)} is ${n}; survivor counts must be numbers of 0 or more.`);
      if (t === 0 && n === 0) throw invalidInput(`${where(j, 0)} is 0; the first count is the cohort's size, so it must be above 0.`);
      if (t > 0 && n > s[t - 1]) {
        throw invalidInput(`${where(j, t)} is ${n}, more than the ${s[t - 1]} active a period before; survivor counts cannot rise (a customer who left is not counted again).`);
      }
    }
    periods = Math.max(periods, s.length - 1);
  });
  const lost = new Float64Array(periods + 1);
  const censored = new Float64Array(periods + 1);
  let customers = 0;
  for (const s of cohorts) {
    const age = s.length - 1;
    customers += s[0];
    for (let t = 1; t <= age; t++) lost[t] += s[t - 1] - s[t];
    censored[age] += s[age];
  }
  return { lost, censored, periods, customers, cohorts: cohorts.length };
}

/** Log-likelihood terms with a weight, where the likelihood must be evaluated: the periods t ≥ 1 with lost[t] or censored[t] above 0. */
export function weightedPeriods(c: SurvivalCounts): Int32Array {
  const out: number[] = [];
  for (let t = 1; t <= c.periods; t++) if (c.lost[t] > 0 || c.censored[t] > 0) out.push(t);
  return Int32Array.from(out);
}
