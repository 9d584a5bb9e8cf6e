/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and
 * real z < 1, which the BG/NBD expectations are written in.
 *
 * Method: the power series Σ (a)_n (b)_n / ((c)_n n!) zⁿ where it converges
 * fast (|z| ≤ 1/2); beyond that, analytic continuation along the real axis by
 * Taylor steps of the hypergeometric differential equation
 *
 *   z(1 − z) y″ + [c − (a + b + 1) z] y′ − a b y = K,
 *
 * each step at most half the distance to the nearest singular point (0 or 1),
 * so every Taylor series converges at least like 2⁻ⁿ. Unlike the textbook
 * z → 1 − z connection formulas, this needs no special case when c − a − b is
 * an integer (2F1(1, 1; 2; z) = −ln(1 − z)/z is such a case) and loses no
 * digits near it. Negative z is first mapped into [0, 1) by Pfaff's
 * transformation.
 *
 * References: M. Abramowitz, I. A. Stegun (1964), Handbook of Mathematical
 * Functions, 15.1.1 (series), 15.3.5 (Pfaff), 15.5.1 (the differential
 * equation); J. W. Pearson, S. Olver, M. A. Porter (2017), "Numerical methods
 * for the computation of the confluent and Gauss hypergeometric functions",
 * Numerical Algorithms 74, §4.4 (Taylor-series continuation of the ODE).
 */
import { invalidInput, notComputable } from "../errors";

const EPS = 1e-17;
const MAX_TERMS = 5000;
/** Where the power series hands over to the ODE continuation. */
const SERIES_LIMIT = 0.5;
/** Each Taylor step covers at most this share of the distance to the nearest singular point. */
const STEP_SHARE = 0.5;

interface ValueAndSlope {
  value: number;
  slope: number;
}

/** A hypergeometric equation with parameters a, b, c and a constant right-hand side K. */
interface Equation {
  a: number;
  b: number;
  c: number;
  k: number;
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * Sums Σ_{n ≥ first} t_n zⁿ where t_{n+1}/t_n = (a + n)(b + n) / ((c + n)(n + 1)),
 * starting from the term t_first·z^first = `firstTerm`, with its derivative in z (z ≠ 0).
 */
function sumSeries(eq: Equation, first: number, firstTerm: number, z: number): ValueAndSlope {
  let term = firstTerm;
  let value = term;
  let slope = (first * term) / z;
  let largest = Math.abs(term);
  for (let n = first; n < first + MAX_TERMS; n++) {
    const ratio = ((eq.a + n) * (eq.b + n) * z) / ((eq.c + n) * (n + 1));
    term *= ratio;
    value += term;
    slope += ((n + 1) * term) / z;
    largest = Math.max(largest, Math.abs(term));
    // Stop once the terms shrink geometrically and are below the precision of the largest partial sum.
    if (term === 0 || (Math.abs(term) <= EPS * Math.max(Math.abs(value), largest) && Math.abs(ratio) < 1)) {
      return { value, slope };
    }
  }
  throw notComputable(`The hypergeometric series did not converge (a=${eq.a}, b=${eq.b}, c=${eq.c}, z=${z}).`);
}

/**
 * Continues the solution of the equation from (z0, y, y′) to z by Taylor steps.
 * The Taylor coefficients come from the equation itself: with s = z − z0 and
 * y = Σ c_n sⁿ,
 *   z0(1−z0)(n+2)(n+1) c_{n+2} = K·[n = 0] − [(1 − 2z0) n + c − (a+b+1) z0](n+1) c_{n+1} + (n+a)(n+b) c_n.
 */
function continueAlongEquation(eq: Equation, z0: number, start: ValueAndSlope, z: number): number {
  const end = walk(eq, z0, start, z);
  if (!Number.isFinite(end.value)) throw notComputable("The hypergeometric function is too large to compute here.");
  return end.value;
}

/** The Taylor steps of continueAlongEquation, returning the value and the slope at z (to walk on from there). */
function walk(eq: Equation, z0: number, start: ValueAndSlope, z: number): ValueAndSlope {
  let at = z0;
  let { value, slope } = start;
  while (at < z) {
    // Singular points at 0 and 1: from z0 ≥ 1/2 the nearer one is 1.
    const reach = STEP_SHARE * Math.min(at, 1 - at);
    const last = z - at <= reach;
    const h = last ? z - at : reach;
    const p0 = at * (1 - at);
    const q0 = eq.c - (eq.a + eq.b + 1) * at;
    // d_n = c_n hⁿ keeps the terms of order 1 whatever the step.
    let dPrev = value;
    let dCur = slope * h;
    let sum = dPrev + dCur;
    let dSum = dCur; // Σ n d_n, for the slope at the end of the step
    let largest = Math.max(Math.abs(dPrev), Math.abs(dCur));
    let small = 0;
    for (let n = 0; n < MAX_TERMS; n++) {
      const forcing = n === 0 ? eq.k * h * h : 0;
      const dNext = (forcing - ((1 - 2 * at) * n + q0) * (n + 1) * h * dCur + (n + eq.a) * (n + eq.b) * h * h * dPrev) / (p0 * (n + 2) * (n + 1));
      sum += dNext;
      dSum += (n + 2) * dNext;
      dPrev = dCur;
      dCur = dNext;
      // Two small terms in a row: a three-term recurrence can pass through one small term by chance.
      largest = Math.max(largest, Math.abs(dNext));
      small = Math.abs(dNext) <= EPS * Math.max(Math.abs(sum), largest) ? small + 1 : 0;
      if (small >= 2 && n > 4) break;
      if (n === MAX_TERMS - 1) throw notComputable("The hypergeometric continuation did not converge.");
    }
    value = sum;
    slope = dSum / h;
    at = last ? z : at + h;
    if (!Number.isFinite(value) || !Number.isFinite(slope)) break;
  }
  return { value, slope };
}

/** Evaluates a solution at 0 < z < 1 from its series at 0: directly up to 1/2, then by continuation. */
function evaluate(eq: Equation, first: number, firstTerm: (z: number) => number, z: number): number {
  if (z <= SERIES_LIMIT) return sumSeries(eq, first, firstTerm(z), z).value;
  return continueAlongEquation(eq, SERIES_LIMIT, sumSeries(eq, first, firstTerm(SERIES_LIMIT), SERIES_LIMIT), z);
}

/** 2F1 as a terminating polynomial, when a is 0, −1, −2, …: exact for any z. */
function polynomial(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < -a; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σ (a)_n (b)_n / ((c)_n n!) zⁿ,
 * for real a, b, c (c not 0, −1, −2, …) and real z < 1.
 *
 * 2F1(1, 1; 2; z) = −ln(1 − z)/z, so at z = 1/2 it is 2 ln 2:
 * @example hyp2f1(1, 1, 2, 0.5) // 1.3862943611…
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  for (const [name, v] of [["a", a], ["b", b], ["c", c], ["z", z]] as const) {
    if (!Number.isFinite(v)) throw invalidInput(`2F1: ${name} must be a finite number (got ${v}).`);
  }
  if (z >= 1) throw invalidInput(`2F1 is computed here for z < 1 only (got z = ${z}).`);
  if (isNonPositiveInteger(c)) throw notComputable(`2F1 is undefined when c is 0 or a negative integer (got c = ${c}).`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a)) return polynomial(a, b, c, z);
  if (isNonPositiveInteger(b)) return polynomial(b, a, c, z);
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^−a 2F1(a, c − b; c; z/(z − 1)), with z/(z − 1) in (0, 1).
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  }
  return evaluate({ a, b, c, k: 0 }, 0, () => 1, z);
}

/**
 * The hypergeometric series without its leading 1, scaled by c/b:
 *
 *   (c/b)·(2F1(a, b; c; z) − 1) = Σ_{n ≥ 1} (a)_n (b + 1)_{n−1} / ((c + 1)_{n−1} n!) zⁿ,
 *
 * for 0 ≤ z < 1. The right-hand side stays finite and exact as b → 0 or c → 0,
 * where the left-hand side is 0/0; the BG/NBD expectation needs it at b = a − 1,
 * which is 0 when the beta parameter a is 1. It solves the hypergeometric
 * equation with right-hand side K = a·c.
 *
 * At b = 0 and a = c the series is −c·ln(1 − z); at c = 2, z = 1/2 that is 2 ln 2:
 * @example hyp2f1Excess(2, 0, 2, 0.5) // 1.3862943611…
 */
export function hyp2f1Excess(a: number, b: number, c: number, z: number): number {
  const out = new Float64Array(1);
  hyp2f1ExcessAt(a, b, c, [z], out);
  return out[0];
}

/**
 * hyp2f1Excess at each of the increasing points `zs` (0 ≤ z < 1), written
 * into `out`. Points up to 1/2 are summed from the series; beyond, the
 * solution is walked along the differential equation from one point to the
 * next, so a sequence such as z_k = k/(α + T + k), k = 1 … 100,000 (the
 * discounted CLV's periods) costs one short Taylor step per point instead of
 * a fresh continuation from 1/2 each time.
 */
export function hyp2f1ExcessAt(a: number, b: number, c: number, zs: ArrayLike<number>, out: Float64Array): void {
  for (const [name, v] of [["a", a], ["b", b], ["c", c]] as const) {
    if (!Number.isFinite(v)) throw invalidInput(`2F1: ${name} must be a finite number (got ${v}).`);
  }
  if (c <= -1 && Number.isInteger(c)) throw notComputable(`The series is undefined when c is −1, −2, … (got c = ${c}).`);
  const eq: Equation = { a, b, c, k: a * c };
  let at = -1;
  let state: ValueAndSlope | null = null;
  for (let i = 0; i < zs.length; i++) {
    const z = zs[i];
    if (!(z >= 0 && z < 1)) throw notComputable(`The hypergeometric series of the BG/NBD expectation is computed for 0 ≤ z < 1 only (got z = ${z}).`);
    if (z < at) throw invalidInput("The points must increase.");
    if (z === 0 || a === 0) {
      out[i] = 0;
      continue;
    }
    if (isNonPositiveInteger(a)) {
      // Terminating: sum it directly, exact for any z.
      let term = a * z;
      let sum = term;
      for (let n = 1; n < -a; n++) {
        term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
        sum += term;
      }
      out[i] = sum;
      continue;
    }
    if (z <= SERIES_LIMIT) {
      out[i] = sumSeries(eq, 1, a * z, z).value;
      continue;
    }
    if (state === null) {
      state = sumSeries(eq, 1, a * SERIES_LIMIT, SERIES_LIMIT);
      at = SERIES_LIMIT;
    }
    state = walk(eq, at, state, z);
    at = z;
    if (!Number.isFinite(state.value)) throw notComputable("The hypergeometric function is too large to compute here.");
    out[i] = state.value;
  }
}
