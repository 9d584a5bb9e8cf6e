/**
 * The probability that a customer is still active, over a grid of frequency
 * (repeat purchases) × recency (age at the last repeat purchase), for
 * customers observed for the same time T: the heatmap that shows at a glance
 * that a frequent buyer who has gone quiet is likely lost, while a light
 * buyer who has gone quiet may not be.
 *
 * Reference: P. S. Fader, B. G. S. Hardie, K. L. Lee (2008), "Computing
 * P(alive) Using the BG/NBD Model" (note, brucehardie.com), eq. 1; lifetimes'
 * plot_probability_alive_matrix draws the same grid.
 */
import { invalidInput } from "../errors";
import { bgnbdProbabilityAlive, BgnbdParams, validateBgnbdParams } from "../clv/bgnbd";

export interface ProbabilityAliveGrid {
  /** Row headings: 0, 1, …, maxFrequency repeat purchases. */
  frequencies: number[];
  /** Column headings: recencies from 0 to T in equal steps. */
  recencies: number[];
  /** The observation length every cell assumes. */
  T: number;
  /** values[f][j]: P(alive | x = frequencies[f], t_x = recencies[j], T). */
  values: Float64Array[];
}

/**
 * P(alive) for x = 0 … maxFrequency and t_x at `columns` equally spaced
 * points from 0 to T. A customer with no repeat purchase is alive with
 * probability 1 whatever the column (the BG/NBD lets customers drop out only
 * after a purchase).
 *
 * @example probabilityAliveGrid({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 38.86, 2, 3).values[2][0] // 0.0251…
 */
export function probabilityAliveGrid(params: BgnbdParams, T: number, maxFrequency: number, columns = 20): ProbabilityAliveGrid {
  validateBgnbdParams(params);
  if (!Number.isFinite(T) || T <= 0) throw invalidInput(`T must be a length of time above 0 (got ${T}).`);
  if (!Number.isInteger(maxFrequency) || maxFrequency < 0 || maxFrequency > 10_000) {
    throw invalidInput(`The largest frequency must be a whole number from 0 to 10,000 (got ${maxFrequency}).`);
  }
  if (!Number.isInteger(columns) || columns < 2 || columns > 1_000) throw invalidInput(`The recency columns must be a whole number from 2 to 1,000 (got ${columns}).`);
  const recencies = Array.from({ length: columns }, (_, j) => (j === columns - 1 ? T : (T * j) / (columns - 1)));
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, f) => f);
  const values = frequencies.map((x) => Float64Array.from(recencies, (tx) => bgnbdProbabilityAlive(params, x, tx, T)));
  return { frequencies, recencies, T, values };
}
