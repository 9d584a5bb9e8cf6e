/**
 * Why a metric could not be computed. The metrics core knows nothing about
 * Excel: it throws a MetricError with one of these kinds, and the single
 * adapter in src/functions/excel-errors.ts turns it into the Excel error a
 * user sees (#VALUE!, #DIV/0!, #NUM!, #N/A).
 */
export type MetricErrorKind =
  /** The input is not valid for the metric (wrong type, out of range). -> #VALUE! */
  | "value"
  /** A denominator is zero (no customers at the start, no responses). -> #DIV/0! */
  | "div0"
  /** A model cannot be computed (a fit did not converge, overflow). -> #NUM! */
  | "num"
  /** Not enough data for a meaningful answer. -> #N/A */
  | "na";

export class MetricError extends Error {
  readonly kind: MetricErrorKind;
  constructor(kind: MetricErrorKind, message: string) {
    super(message);
    this.name = "MetricError";
    this.kind = kind;
  }
}

export function invalidInput(message: string): MetricError {
  return new MetricError("value", message);
}

export function divisionByZero(message: string): MetricError {
  return new MetricError("div0", message);
}

export function notComputable(message: string): MetricError {
  return new MetricError("num", message);
}

export function notAvailable(message: string): MetricError {
  return new MetricError("na", message);
}

/** Divides, throwing #DIV/0! with `what` in the message when the denominator is 0. */
export function ratio(numerator: number, denominator: number, what: string): number {
  if (denominator === 0) throw divisionByZero(`${what} is 0, so the ratio is undefined.`);
  return numerator / denominator;
}

/** Throws #VALUE! unless x is a finite number >= 0. */
export function requireNonNegative(x: number, name: string): number {
  if (!Number.isFinite(x) || x < 0) throw invalidInput(`${name} must be a number of 0 or more (got ${x}).`);
  return x;
}

/** Throws #VALUE! unless 0 <= x <= 1 (a rate given as a fraction, as Excel's RATE returns). */
export function requireFraction(x: number, name: string): number {
  if (!Number.isFinite(x) || x < 0 || x > 1) {
    throw invalidInput(`${name} must be a fraction between 0 and 1, e.g. 0.05 for 5% (got ${x}).`);
  }
  return x;
}
