/**
 * What the customer lifetime value sheets are built from: the RFM summary
 * (src/metrics/rfm.ts's RfmSummary — what rfmSummary gives for a log and
 * what src/sql/parse-rfm.ts gives for the RFM query's result), and the model
 * outputs computed from it by the metrics core at build time: the BG/NBD
 * and Gamma-Gamma fits, each customer's P(alive), expected purchases and
 * CLV, the expected purchases period by period, the P(alive) grid, the
 * bootstrapped ranges; and, when the transaction log itself is at hand, the
 * calibration / holdout check (src/metrics/holdout).
 *
 * clvAggregateFromRfm needs nothing but an RfmSummary, so the same sheets
 * can be built from DuckDB or a warehouse query (without the holdout check,
 * which needs the log); clvAggregate starts from the typed columns the
 * descriptor's prepare() read.
 */
import { BgnbdParams, bgnbdProbabilityAlive, expectedWhileActiveAt } from "../../metrics/clv/bgnbd";
import { BgnbdFit, fitBgnbd } from "../../metrics/clv/bgnbd-fit";
import { fitGammaGamma, gammaGammaExpectedSpend, GammaGammaFit } from "../../metrics/clv/gamma-gamma";
import { MetricError } from "../../metrics/errors";
import { bootstrapClv, ClvBootstrap } from "../../metrics/holdout/clv-bootstrap";
import { conditionalExpectations, ConditionalExpectationRow } from "../../metrics/holdout/conditional";
import { probabilityAliveGrid, ProbabilityAliveGrid } from "../../metrics/holdout/palive-grid";
import { calibrationHoldout } from "../../metrics/holdout/split";
import { cumulativeTracking, TrackingSeries } from "../../metrics/holdout/tracking";
import { RFM_UNIT_DAYS, rfmSummary, RfmSummary, RfmUnit } from "../../metrics/rfm";
import { codeIds, CodedIds, IdCell, rowsByCustomer, transactionLog } from "../../metrics/transaction-log";

/** The build's settings (the descriptor's options, checked). */
export interface ClvSettings {
  /** Time unit of recency, T, the horizon and the discount rate. */
  unit: RfmUnit;
  /** Periods ahead (whole units). */
  horizon: number;
  /** Per period, a fraction. */
  discountRate: number;
  /** Share of spend kept, a fraction: an input cell on the sheet. */
  margin: number;
  /** Customers in the top list (and with their own bootstrapped range). */
  top: number;
  /** Bootstrap resamples; 0 for no ranges. */
  resamples: number;
  /** Seed of the resampling (the same seed, the same ranges). */
  seed: number;
  /** Most customers × resamples one build refits (BOOTSTRAP_BUDGET if absent): fewer resamples above it. */
  bootstrapBudget?: number;
}

/**
 * A build refits both models on at most this many customers × resamples:
 * about 20 s on one core, measured (the refits, the resampling and the CLVs
 * are each linear in the customers). Up to 100,000 customers get all 100
 * default resamples; above, fewer, never under 20 (MIN_RESAMPLES).
 */
export const BOOTSTRAP_BUDGET = 10_000_000;
export const MIN_RESAMPLES = 20;

/** The resamples a build makes: those asked, fewer when the customers × resamples would pass the budget (never under 20). */
export function resamplesWithin(asked: number, customers: number, budget: number = BOOTSTRAP_BUDGET): number {
  if (asked <= 0 || customers <= 0) return asked;
  return Math.min(asked, Math.max(MIN_RESAMPLES, Math.floor(budget / customers)));
}

/** Where the calibration period ends: the middle of the log's dates, a given day, or no check. */
export type CutoffChoice = { kind: "auto" } | { kind: "date"; serial: number } | { kind: "none" };

/** The typed columns prepare() read: dates as Excel serials, amounts NaN where unreadable. */
export interface ClvColumns {
  ids: ArrayLike<IdCell> | CodedIds;
  dates: ArrayLike<number>;
  amounts: ArrayLike<number>;
}

/** The calibration / holdout check. */
export interface ClvHoldout {
  /** How the cut-off was chosen. */
  chosen: "auto" | "date";
  /** The calibration period's last day and the holdout's (serials). */
  cutoff: number;
  end: number;
  /** The holdout's length in the settings' unit. */
  holdoutLength: number;
  /** Customers whose first purchase is on or before the cut-off (the check's customers), and those left out. */
  customers: number;
  laterCustomers: number;
  /** Repeat purchases of the check's customers in the calibration and in the holdout period. */
  calibrationPurchases: number;
  holdoutPurchases: number;
  /** The BG/NBD fitted on the calibration period only (settings' unit). */
  fit: BgnbdFit;
  /** Mean actual and predicted holdout purchases by calibration repeat purchases 0 … 6, 7+ (FHL 2005, Figure 4). */
  conditional: ConditionalExpectationRow[];
  /** Cumulative repeat purchases, actual and expected, period by period (FHL 2005, Figure 3), in `trackingUnit`. */
  tracking: TrackingSeries;
  trackingUnit: RfmUnit;
}

/** Why a part was left out: the check's calibration fit failed (automatic cut-off), or the ranges could not be computed. */
export type SkipReason = "calibrationFit" | "cutoffOutside" | "bootstrapFailed" | "bootstrapTooLarge";

export interface ClvAggregate {
  settings: ClvSettings;
  /** Per customer (in the summary's order): x, t_x, T, mean repeat spend (NaN where no repeat amount was readable). */
  rfm: RfmSummary;
  /** Repeat purchase days whose amount was readable, per customer; null when every amount was (always from SQL). */
  spendFrequency: Float64Array | null;
  /** Transactions the summary grouped; null when it came from a query's result. */
  transactions: number | null;
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  /** Per customer, under the fits: P(alive), expected purchases over the horizon, discounted, expected spend per purchase, CLV. */
  pAlive: Float64Array;
  expected: Float64Array;
  discounted: Float64Array;
  spend: Float64Array;
  clv: Float64Array;
  /** The Gamma-Gamma's x per customer: repeat purchases whose amounts make up a mean above 0 (0: the population mean applies). */
  spendX: Float64Array;
  /** Expected repeat purchases of all customers in each period 1 … horizon. */
  byPeriod: Float64Array;
  /** Customer indexes by CLV, highest first (ties: summary order). */
  order: Int32Array;
  /** P(alive) by frequency × recency for a customer observed as long as the longest. */
  grid: ProbabilityAliveGrid;
  /** Bootstrapped ranges (computed at a margin of 100%; CLV is proportional to the margin). */
  bootstrap: ClvBootstrap | null;
  holdout: ClvHoldout | null;
  skipped: SkipReason[];
}

/** Extras only the transaction log gives. */
export interface ClvExtras {
  spendFrequency?: Float64Array | null;
  transactions?: number | null;
  holdout?: ClvHoldout | null;
  skipped?: SkipReason[];
}

/** The most frequency rows of the P(alive) grid, and its recency columns. */
const GRID_ROWS = 15;
const GRID_COLUMNS = 11;

/**
 * The RFM summary of a log whose unreadable amounts are NaN: frequency,
 * recency and T from every row; the mean repeat spend over the repeat
 * purchase days whose amounts were all readable (NaN when there is none),
 * and how many such days each customer has (null when every amount was read).
 */
export function rfmWithUnknownAmounts(columns: ClvColumns, unit: RfmUnit): { rfm: RfmSummary; spendFrequency: Float64Array | null } {
  const n = columns.dates.length;
  let unknown = false;
  for (let i = 0; i < n && !unknown; i++) unknown = Number.isNaN(columns.amounts[i]);
  if (!unknown) return { rfm: rfmSummary(columns.ids, columns.dates, columns.amounts, { unit }), spendFrequency: null };
  const ids = isCoded(columns.ids) ? columns.ids : codeIds(columns.ids);
  const rfm = rfmSummary(ids, columns.dates, null, { unit });
  // rfmSummary keeps every customer (its as-of is the last date) in order of first appearance: the log's order.
  const log = transactionLog(ids, columns.dates);
  const amount = new Float64Array(log.rows);
  for (let i = 0, k = 0; i < ids.codes.length; i++) if (ids.codes[i] >= 0) amount[k++] = columns.amounts[i];
  const { start, order } = rowsByCustomer(log);
  const monetary = new Float64Array(rfm.ids.length), spendFrequency = new Float64Array(rfm.ids.length);
  const day = (i: number) => Math.floor(log.date[i]);
  for (let c = 0; c < rfm.ids.length; c++) {
    const rows = Array.from(order.subarray(start[c], start[c + 1])).sort((a, b) => day(a) - day(b));
    let days = 0, sum = 0, current = NaN, daySum = 0, dayKnown = true, first = true;
    const close = () => {
      if (!first && dayKnown) {
        days++;
        sum += daySum;
      }
    };
    for (const i of rows) {
      if (day(i) !== current) {
        if (!Number.isNaN(current)) {
          close();
          first = false;
        }
        current = day(i);
        daySum = 0;
        dayKnown = true;
      }
      if (Number.isNaN(amount[i])) dayKnown = false;
      else daySum += amount[i];
    }
    close();
    spendFrequency[c] = days;
    monetary[c] = rfm.frequency[c] === 0 ? 0 : days > 0 ? sum / days : NaN;
  }
  return { rfm: { ...rfm, monetaryValue: monetary }, spendFrequency };
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/** The first and last purchase days of a log. */
function dateSpan(dates: ArrayLike<number>): { first: number; last: number } {
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < dates.length; i++) {
    const d = Math.floor(dates[i]);
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return { first, last };
}

/** The automatic cut-off: the middle day of the log (CDNOW's 1997-01-01 … 1998-06-30 gives FHL's 1997-09-30). */
export function automaticCutoff(dates: ArrayLike<number>): number {
  const { first, last } = dateSpan(dates);
  return Math.floor((first + last) / 2);
}

/** The calibration fit at a given cut-off failed: the descriptor names the cut-off. */
export class HoldoutFitError extends Error {
  constructor(
    readonly cutoff: number,
    readonly cause: MetricError,
  ) {
    super(cause.message);
    this.name = "HoldoutFitError";
  }
}

/**
 * Splits the log at the cut-off, fits the BG/NBD on the calibration part and
 * compares with the holdout. A failed fit throws (MetricError) for a given
 * date; with the automatic cut-off the check is skipped, with its reason.
 */
export function holdoutCheck(columns: ClvColumns, unit: RfmUnit, choice: CutoffChoice): { holdout: ClvHoldout | null; skipped: SkipReason | null } {
  if (choice.kind === "none") return { holdout: null, skipped: null };
  const { first, last } = dateSpan(columns.dates);
  const cutoff = choice.kind === "date" ? Math.floor(choice.serial) : Math.floor((first + last) / 2);
  if (!(cutoff >= first && cutoff < last)) return { holdout: null, skipped: "cutoffOutside" };
  try {
    const split = calibrationHoldout(columns.ids, columns.dates, { cutoff, end: last, unit });
    const fit = fitBgnbd(split.calibration);
    // Days make a tracking table of hundreds of rows: days track by week (α scales with the time unit: λ per week = 7 λ per day).
    const trackingUnit: RfmUnit = unit === "day" ? "week" : unit;
    const trackingParams: BgnbdParams = unit === "day" ? { ...fit.params, alpha: fit.params.alpha / RFM_UNIT_DAYS.week } : fit.params;
    let calibrationPurchases = 0, holdoutPurchases = 0;
    for (const x of split.calibration.frequency) calibrationPurchases += x;
    for (const y of split.holdoutFrequency) holdoutPurchases += y;
    return {
      holdout: {
        chosen: choice.kind,
        cutoff,
        end: last,
        holdoutLength: split.holdoutLength,
        customers: split.ids.length,
        laterCustomers: split.laterCustomers,
        calibrationPurchases,
        holdoutPurchases,
        fit,
        conditional: conditionalExpectations(fit.params, split),
        tracking: cumulativeTracking(trackingParams, { ...split, unit: trackingUnit }),
        trackingUnit,
      },
      skipped: null,
    };
  } catch (e) {
    if (!(e instanceof MetricError)) throw e;
    if (choice.kind === "auto") return { holdout: null, skipped: "calibrationFit" };
    throw new HoldoutFitError(cutoff, e);
  }
}

/**
 * Everything the sheets show, from the typed columns: the RFM summary (with
 * the partial-row rule for unreadable amounts), the model outputs, and the
 * holdout check at the chosen cut-off.
 */
export function clvAggregate(columns: ClvColumns, settings: ClvSettings, cutoff: CutoffChoice): ClvAggregate {
  const { rfm, spendFrequency } = rfmWithUnknownAmounts(columns, settings.unit);
  // The models on every purchase first: when they cannot be fitted, that is the message, not the holdout's.
  const agg = clvAggregateFromRfm(rfm, settings, { spendFrequency, transactions: columns.dates.length });
  const { holdout, skipped } = holdoutCheck(columns, settings.unit, cutoff);
  return { ...agg, holdout, skipped: skipped ? [skipped, ...agg.skipped] : agg.skipped };
}

/**
 * The model outputs from an RFM summary alone (rfmSummary's, or
 * parseRfmResult's for a query's result). Throws MetricError (#NUM!, #N/A)
 * when the data have no best-fitting model.
 */
export function clvAggregateFromRfm(rfm: RfmSummary, settings: ClvSettings, extras: ClvExtras = {}): ClvAggregate {
  const n = rfm.ids.length;
  const spendFrequency = extras.spendFrequency ?? null;
  const monetary = rfm.monetaryValue ?? new Float64Array(n);
  // The spend model learns from a repeat customer's mean only when it is above 0 (Gamma-Gamma values are positive).
  const spendX = Float64Array.from({ length: n }, (_, i) => (rfm.frequency[i] > 0 && monetary[i] > 0 ? (spendFrequency?.[i] ?? rfm.frequency[i]) : 0));
  const spendM = Float64Array.from({ length: n }, (_, i) => (spendX[i] > 0 ? monetary[i] : 0));
  const bgnbd = fitBgnbd({ frequency: rfm.frequency, recency: rfm.recency, T: rfm.T });
  const gammaGamma = fitGammaGamma({ frequency: spendX, monetary: spendM });

  const H = settings.horizon;
  const pAlive = new Float64Array(n), expected = new Float64Array(n), discounted = new Float64Array(n), byPeriod = new Float64Array(H);
  const discount = Float64Array.from({ length: H }, (_, k) => Math.pow(1 + settings.discountRate, -(k + 1)));
  // E[Y(k) | x, t_x, T] = P(alive) · W(k; x, T): one walk over the periods per distinct (x, T).
  const times = Float64Array.from({ length: H }, (_, k) => k + 1);
  const walks = new Map<string, Float64Array>();
  for (let i = 0; i < n; i++) {
    const x = rfm.frequency[i], T = rfm.T[i];
    const key = `${x}|${T}`;
    let w = walks.get(key);
    if (!w) {
      w = new Float64Array(H);
      expectedWhileActiveAt(bgnbd.params, times, x, T, w);
      walks.set(key, w);
    }
    const p = bgnbdProbabilityAlive(bgnbd.params, x, rfm.recency[i], T);
    let previous = 0, pv = 0;
    for (let k = 0; k < H; k++) {
      const step = p * (w[k] - previous);
      previous = w[k];
      byPeriod[k] += step;
      pv += step * discount[k];
    }
    pAlive[i] = p;
    expected[i] = p * w[H - 1];
    discounted[i] = pv;
  }
  const spend = Float64Array.from({ length: n }, (_, i) => gammaGammaExpectedSpend(gammaGamma.params, spendX[i], spendM[i]));
  const clv = Float64Array.from({ length: n }, (_, i) => settings.margin * spend[i] * discounted[i]);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => clv[j] - clv[i] || i - j);

  let maxT = 0, maxX = 0;
  for (let i = 0; i < n; i++) {
    if (rfm.T[i] > maxT) maxT = rfm.T[i];
    if (rfm.frequency[i] > maxX) maxX = rfm.frequency[i];
  }
  const grid = probabilityAliveGrid(bgnbd.params, maxT, Math.min(maxX, GRID_ROWS), GRID_COLUMNS);

  const skipped = [...(extras.skipped ?? [])];
  let bootstrap: ClvBootstrap | null = null;
  if (settings.resamples > 0) {
    try {
      bootstrap = bootstrapClv(
        { frequency: rfm.frequency, recency: rfm.recency, T: rfm.T, monetary: spendM, spendFrequency: spendX },
        {
          // At a margin of 100%: CLV is proportional to the margin, so the ranges' shares of CLV hold at any margin.
          clv: { periods: H, discountRate: settings.discountRate, margin: 1 },
          replicates: resamplesWithin(settings.resamples, n, settings.bootstrapBudget),
          seed: settings.seed,
          top: Math.min(settings.top, n),
          fitted: { bgnbd: bgnbd.params, gammaGamma: gammaGamma.params },
        },
      );
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      skipped.push(e.kind === "value" ? "bootstrapTooLarge" : "bootstrapFailed");
    }
  }
  return {
    settings,
    rfm,
    spendFrequency,
    transactions: extras.transactions ?? null,
    bgnbd,
    gammaGamma,
    pAlive,
    expected,
    discounted,
    spend,
    clv,
    spendX,
    byPeriod,
    order,
    grid,
    bootstrap,
    holdout: extras.holdout ?? null,
    skipped,
  };
}

/** The customers to show a column of "repeat purchases with an amount" for: some but not all of their repeat amounts were readable. */
export function hasPartlyKnownSpend(agg: ClvAggregate): boolean {
  const s = agg.spendFrequency;
  if (!s) return false;
  for (let i = 0; i < s.length; i++) if (s[i] > 0 && s[i] < agg.rfm.frequency[i]) return true;
  return false;
}

/** The customers' CLV summed, and their P(alive) summed (the expected number still active). */
export function totals(agg: ClvAggregate): { clv: number; alive: number; expected: number } {
  let clv = 0, alive = 0, expected = 0;
  for (let i = 0; i < agg.clv.length; i++) {
    clv += agg.clv[i];
    alive += agg.pAlive[i];
    expected += agg.expected[i];
  }
  return { clv, alive, expected };
}

/** Re-exported for the sheets: the Gamma-Gamma's population mean spend per purchase, pγ/(q − 1). */
export function populationSpend(agg: ClvAggregate): number {
  return gammaGammaExpectedSpend(agg.gammaGamma.params, 0, 0);
}
