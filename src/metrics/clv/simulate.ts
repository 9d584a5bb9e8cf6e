/**
 * Seeded simulation of customers from the BG/NBD and Gamma-Gamma models, for
 * parameter-recovery tests, benchmarks and demo data that need no files.
 * Deterministic: the same seed gives the same customers on every machine.
 */
import { BgnbdParams } from "./bgnbd";
import { GammaGammaParams } from "./gamma-gamma";
import { seededUniform } from "../random";

export { seededUniform };

function standardNormal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/**
 * A gamma(shape, 1) draw by Marsaglia & Tsang (2000), "A Simple Method for
 * Generating Gamma Variables", ACM TOMS 26(3); shapes below 1 use their
 * boost: gamma(k) = gamma(k + 1)·U^(1/k).
 */
export function gammaDraw(shape: number, u: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, u) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export interface SimulatedCustomers {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

export interface SimulationOptions {
  /** Customers' ages T are uniform on [minT, maxT]. */
  minT: number;
  maxT: number;
  /** Round recency and T down to multiples of this (1/7 for daily data in weeks); 0 keeps them exact. */
  resolution?: number;
}

/**
 * Customers from the BG/NBD process: λ ~ gamma(r, rate α), p ~ beta(a, b);
 * purchases arrive at rate λ; after each repeat purchase the customer drops
 * out for good with probability p (Fader, Hardie & Lee 2005, assumptions i–v).
 */
export function simulateBgnbd(params: BgnbdParams, customers: number, seed: number, options: SimulationOptions): SimulatedCustomers {
  const u = seededUniform(seed);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const step = options.resolution ?? 0;
  const snap = (t: number) => (step > 0 ? Math.floor(t / step) * step : t);
  for (let i = 0; i < customers; i++) {
    const age = snap(options.minT + (options.maxT - options.minT) * u());
    const lambda = gammaDraw(params.r, u) / params.alpha;
    const g1 = gammaDraw(params.a, u);
    const p = g1 / (g1 + gammaDraw(params.b, u));
    let t = 0, x = 0, last = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (!(t <= age)) break;
      x++;
      last = t;
      if (u() < p) break;
    }
    frequency[i] = x;
    recency[i] = x > 0 ? Math.min(snap(last), age) : 0;
    T[i] = age;
  }
  return { frequency, recency, T };
}

/**
 * Mean spend per repeat purchase for customers with the given frequencies:
 * ν ~ gamma(q, rate γ) per customer, each of the x purchases gamma(p, rate ν),
 * so their sum is gamma(px, rate ν). 0 for customers without repeat purchases.
 */
export function simulateGammaGamma(params: GammaGammaParams, frequency: ArrayLike<number>, seed: number): Float64Array {
  const u = seededUniform(seed);
  const monetary = new Float64Array(frequency.length);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const nu = gammaDraw(params.q, u) / params.gamma;
    monetary[i] = x > 0 ? gammaDraw(params.p * x, u) / nu / x : 0;
  }
  return monetary;
}
