/**
 * Movement of customers between value segments from the start of the data to
 * its end, for the customer-growth template: customers are put in value tiers
 * by their revenue in the first window of periods and again in the last, and
 * the tiers are compared with segment-matrix.ts.
 */
import { periodStart } from "../dates";
import { invalidInput, notAvailable } from "../errors";
import { segmentMatrix, SegmentSummary, segmentSummary } from "../segment-matrix";
import { GrowthModel } from "./customer-growth";

export interface ValueMovementOptions {
  /** Periods in each window; the model's value_window if omitted, and at most half the periods with data. */
  window?: number;
  /** Number of value tiers (2 to 10); 3 if omitted: low, middle and high thirds. */
  tiers?: number;
}

export interface ValueWindow {
  /** First day of the window's first period and of its last period (Excel serials). */
  from: number;
  to: number;
  /** Customers with a purchase in the window. */
  customers: number;
}

export interface ValueMovement {
  window: number;
  first: ValueWindow;
  last: ValueWindow;
  /**
   * The tiers' upper bounds, lowest first (tiers − 1 amounts): tier 1 is
   * revenue up to thresholds[0], tier k above thresholds[k − 2]. The same
   * amounts are applied to both windows.
   */
  thresholds: number[];
  /** Tier numbers, lowest value first: 1 … tiers. */
  tiers: number[];
  /**
   * (tiers + 1) × (tiers + 1) customers: matrix[i][j] in tier i + 1 in the
   * first window and tier j + 1 in the last; the last row is "New" (no purchase
   * in the first window), the last column "Lost" (none in the last), as in
   * SEGMENTMATRIX. Every tier has its row and column, empty or not.
   */
  matrix: number[][];
  /** Shares moved up, down, stayed, lost, as SEGMENTSUMMARY with the tiers in order. */
  summary: SegmentSummary;
}

/** PERCENTILE.INC of sorted values: linear interpolation between closest ranks at (n − 1)·p. */
function percentileInc(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Value segments at the start and at the end, and the movement between them.
 * A customer's value in a window is their revenue in it; customers with a
 * purchase in the first window are cut into `tiers` groups at the quantiles
 * of their first-window values (PERCENTILE.INC at 1/3 and 2/3 for three
 * tiers), and the same amounts place customers in the last window, so a move
 * up is more revenue, not just a better rank. A value equal to a threshold
 * goes to the lower tier. Windows: the first and the last `window` periods of
 * the data (a year by default, the value window); with fewer than two
 * windows of data each window is half the periods (rounded down).
 *
 * Reference: the migration matrix of segment-matrix.ts (Pfeifer & Carraway
 * 2000); value tiers by quantiles of customer revenue, as in RFM scoring
 * (Hughes 1994, Strategic Database Marketing: quintiles of monetary value).
 *
 * Three customers over three months (window 1, two tiers): a spends 10 in
 * January and 50 in March, b 40 and 5, c 20 and nothing. January's median is
 * 20: a (10) and c (20) are tier 1, b (40) tier 2. In March a (50) is tier 2:
 * a moved up, b (5) moved down to tier 1, c was lost.
 */
export function valueSegmentMovement(model: GrowthModel, options: ValueMovementOptions = {}): ValueMovement {
  const { activity } = model;
  const amount = activity.log.amount;
  if (!amount) throw invalidInput("Value segments need the amounts column.");
  const tiers = options.tiers ?? 3;
  if (!Number.isInteger(tiers) || tiers < 2 || tiers > 10) throw invalidInput(`tiers must be a whole number from 2 to 10 (got ${tiers}).`);
  const span = activity.span;
  if (span < 2) throw notAvailable(`The data covers a single ${model.period}, so there is no start and end to compare.`);
  const asked = options.window ?? model.valueWindow;
  if (!Number.isInteger(asked) || asked < 1) throw invalidInput(`window must be a whole number of 1 or more (got ${asked}).`);
  const window = Math.min(asked, Math.floor(span / 2));
  const lastFrom = span - window;

  const customers = activity.log.ids.length;
  const before = new Float64Array(customers), after = new Float64Array(customers);
  const inBefore = new Uint8Array(customers), inAfter = new Uint8Array(customers);
  const { customer } = activity.log;
  for (let k = 0; k < activity.log.rows; k++) {
    const c = customer[k], unit = activity.key[k];
    if (unit < window) {
      before[c] += amount[k];
      inBefore[c] = 1;
    } else if (unit >= lastFrom) {
      after[c] += amount[k];
      inAfter[c] = 1;
    }
  }
  let firstCount = 0, lastCount = 0;
  for (let c = 0; c < customers; c++) {
    firstCount += inBefore[c];
    lastCount += inAfter[c];
  }
  const values = new Float64Array(firstCount);
  for (let c = 0, i = 0; c < customers; c++) if (inBefore[c]) values[i++] = before[c];
  values.sort();
  const thresholds = Array.from({ length: tiers - 1 }, (_, j) => percentileInc(values, (j + 1) / tiers));
  const tierOf = (v: number) => {
    let t = 1;
    while (t < tiers && v > thresholds[t - 1]) t++;
    return t;
  };
  const from: (number | null)[] = new Array(customers), to: (number | null)[] = new Array(customers);
  for (let c = 0; c < customers; c++) {
    from[c] = inBefore[c] ? tierOf(before[c]) : null;
    to[c] = inAfter[c] ? tierOf(after[c]) : null;
  }
  const tierNumbers = Array.from({ length: tiers }, (_, j) => j + 1);

  // segmentMatrix lists only the tiers present; place its cells in the full tiers × tiers grid.
  const present = segmentMatrix(from, to);
  const position = present.segments.map((s) => (s as number) - 1).concat(tiers);
  const matrix = Array.from({ length: tiers + 1 }, () => new Array<number>(tiers + 1).fill(0));
  present.matrix.forEach((row, i) => row.forEach((v, j) => (matrix[position[i]][position[j]] = v)));

  const startOf = (unit: number) => periodStart(activity.firstUnit + unit, model.period);
  return {
    window,
    first: { from: startOf(0), to: startOf(window - 1), customers: firstCount },
    last: { from: startOf(lastFrom), to: startOf(span - 1), customers: lastCount },
    thresholds,
    tiers: tierNumbers,
    matrix,
    summary: segmentSummary(from, to, tierNumbers),
  };
}
