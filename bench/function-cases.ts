/**
 * Every CXM function called as Excel calls it, on 100,000 input rows and at
 * its documented maximum arguments (bench/functions.bench.ts times them; the
 * tests check the refusals and the results, never the time). Inputs are
 * seeded and built column by column (typed arrays, one-cell rows), so a case
 * costs its function, not its data.
 */
import { seededRandom } from "../src/metrics/random";
import { simulateBgnbd, simulateGammaGamma } from "../src/metrics/clv/simulate";

export interface FunctionCase {
  /** The function id, e.g. "NPS.CI". */
  id: string;
  /** What the case is: "100k rows", "horizon 100,000 × 2 customers". */
  label: string;
  /** The arguments (the invocation is added by the caller for functions that take one). */
  args: () => unknown[];
}

const N = 100_000;

function column<T>(n: number, f: (i: number) => T): T[][] {
  const out = new Array<T[]>(n);
  for (let i = 0; i < n; i++) out[i] = [f(i)];
  return out;
}

/** Seeded integers in [0, k). */
function ints(n: number, k: number, seed: number): Int32Array {
  const u = seededRandom(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(u() * k);
  return out;
}

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const BG_PARAMS = [["r", "alpha", "a", "b", "loglik"], [BG.r, BG.alpha, BG.a, BG.b, 0]];
const GG_PARAMS = [["p", "q", "gamma"], [GG.p, GG.q, GG.gamma]];

/** 100,000 simulated CDNOW-like customers (39 weeks, daily resolution) with Gamma-Gamma spend. */
let customers: { x: number[][]; tx: number[][]; T: number[][]; m: number[][] } | null = null;
function clvInputs(n = N) {
  if (!customers || customers.x.length !== n) {
    const s = simulateBgnbd(BG, n, 7, { minT: 27, maxT: 39, resolution: 1 / 7 });
    const m = simulateGammaGamma(GG, s.frequency, 11);
    customers = {
      x: column(n, (i) => s.frequency[i]),
      tx: column(n, (i) => s.recency[i]),
      T: column(n, (i) => s.T[i]),
      m: column(n, (i) => m[i]),
    };
  }
  return customers;
}

function distinctCustomers(n: number) {
  // Every customer different: T from 20 to 40 weeks in steps of 1/1000.
  return {
    x: column(n, (i) => 1 + (i % 7)),
    tx: column(n, (i) => 10 + (i % 13) * 0.5),
    T: column(n, (i) => 20 + i / 1000),
    m: column(n, (i) => 10 + (i % 50)),
  };
}

const scores = () => {
  const s = ints(N, 11, 1);
  return column(N, (i) => s[i]);
};
const ids = (k: number) => column(N, (i) => `C${i % k}`);
const dates = () => column(N, (i) => 44197 + ((i * 7919) % 1095));

export const CASES: FunctionCase[] = [
  { id: "NPS", label: "100k rows", args: () => [scores()] },
  { id: "ENPS", label: "100k rows", args: () => [scores()] },
  { id: "NPS.BREAKDOWN", label: "100k rows", args: () => [scores()] },
  { id: "NPS.CI", label: "100k rows", args: () => [scores(), 0.95] },
  { id: "NPS.MOE", label: "100k rows", args: () => [scores(), 0.95] },
  { id: "NPS.TEST", label: "100k rows each", args: () => [scores(), scores()] },
  { id: "NPS.COUNTS", label: "counts of 1e15", args: () => [1e15, 1e15, 1e15] },
  { id: "CSAT", label: "100k rows", args: () => [column(N, (i) => 1 + (i % 5)), 4] },
  { id: "CES", label: "100k rows", args: () => [column(N, (i) => 1 + (i % 7))] },
  { id: "CES.AGREE", label: "100k rows", args: () => [column(N, (i) => 1 + (i % 7)), 7] },
  { id: "REPEATRATE", label: "100k rows, 20k customers", args: () => [ids(20_000)] },
  { id: "LIFT", label: "100k rows", args: () => [column(N, (i) => i % 3 === 0), column(N, (i) => i % 2 === 0)] },
  { id: "MRR", label: "100k rows", args: () => [column(N, (i) => 10 + (i % 90)), 1] },
  { id: "COHORT", label: "100k rows, 20k customers, monthly", args: () => [ids(20_000), dates(), column(N, (i) => i % 100), "month", "customers", "share"] },
  {
    id: "COHORT",
    label: "100k rows from 1900 to 9999, weekly (the widest table)",
    args: () => [ids(20_000), column(N, (i) => 1 + ((i * 104729) % 2958000)), null, "week", "customers", "share"],
  },
  { id: "MRRMOVEMENTS", label: "100k rows, 10k customers", args: () => [ids(10_000), column(N, (i) => 44197 + 30 * Math.floor(i / 10_000)), column(N, (i) => 10 + (i % 90))] },
  {
    id: "MRRMOVEMENTS",
    label: "100k rows from 1900 to 9999 (the most months)",
    args: () => [ids(10_000), column(N, (i) => 1 + ((i * 104729) % 2958000)), column(N, (i) => 10 + (i % 90))],
  },
  { id: "SEGMENTMATRIX", label: "100k rows, 5 segments", args: () => [column(N, (i) => `S${i % 5}`), column(N, (i) => `S${(i * 7) % 5}`)] },
  { id: "SEGMENTMATRIX", label: "100k rows, 5,000 segments", args: () => [column(N, (i) => `S${i % 5000}`), column(N, (i) => `S${(i * 7) % 5000}`)] },
  { id: "SEGMENTMATRIX", label: "100k rows, 100,000 segments", args: () => [column(N, (i) => `S${i}`), column(N, (i) => `T${i}`)] },
  { id: "SEGMENTSUMMARY", label: "100k rows, 5,000 segments", args: () => [column(N, (i) => `S${i % 5000}`), column(N, (i) => `S${(i * 7) % 5000}`)] },
  { id: "RFM", label: "100k rows, 20k customers", args: () => [ids(20_000), dates(), column(N, (i) => 5 + (i % 50)), null, "week"] },
  { id: "BGNBD.FIT", label: "100k customers", args: () => [clvInputs().x, clvInputs().tx, clvInputs().T] },
  { id: "BGNBD.PALIVE", label: "100k customers", args: () => [BG_PARAMS, clvInputs().x, clvInputs().tx, clvInputs().T] },
  { id: "BGNBD.EXPECTED", label: "100k customers, t = 52", args: () => [BG_PARAMS, 52, clvInputs().x, clvInputs().tx, clvInputs().T] },
  { id: "BGNBD.EXPECTED", label: "100k customers, t = 1e9", args: () => [BG_PARAMS, 1e9, clvInputs().x, clvInputs().tx, clvInputs().T] },
  { id: "GAMMAGAMMA.FIT", label: "100k customers", args: () => [clvInputs().x, clvInputs().m] },
  { id: "GAMMAGAMMA.SPEND", label: "100k customers", args: () => [GG_PARAMS, clvInputs().x, clvInputs().m] },
  { id: "CLV", label: "100k customers, 52 weeks, discounted", args: () => [BG_PARAMS, GG_PARAMS, clvInputs().x, clvInputs().tx, clvInputs().T, clvInputs().m, 52, 0.0019, 0.3] },
  {
    id: "CLV",
    label: "1,000 distinct customers, 1,200 periods, discounted",
    args: () => {
      const d = distinctCustomers(1000);
      return [BG_PARAMS, GG_PARAMS, d.x, d.tx, d.T, d.m, 1200, 0.0019, 0.3];
    },
  },
  {
    id: "CLV",
    label: "2 customers, horizon 100,000 (the maximum), discounted",
    args: () => {
      const d = distinctCustomers(2);
      return [BG_PARAMS, GG_PARAMS, d.x, d.tx, d.T, d.m, 100_000, 0.0019, 0.3];
    },
  },
  {
    id: "CLV",
    label: "100k distinct customers, horizon 100,000, discount 1e-9",
    args: () => {
      const d = distinctCustomers(N);
      return [BG_PARAMS, GG_PARAMS, d.x, d.tx, d.T, d.m, 100_000, 1e-9, 1];
    },
  },
];

/** Scalar functions: one call each with ordinary arguments (they do constant work). */
export const SCALAR_CASES: FunctionCase[] = [
  ["CHURN", [200, 10]],
  ["RETENTION", [200, 210, 30]],
  ["NETCUSTOMERS", [30, 20]],
  ["REFERRALRATE", [15, 300]],
  ["RESOLUTIONRATE", [450, 500]],
  ["FCR", [350, 500]],
  ["CONVERSION", [45, 1500]],
  ["AOV", [12500, 250]],
  ["RPV", [12500, 5000]],
  ["CPA", [5000, 125]],
  ["ROAS", [20000, 5000]],
  ["ARPA", [12000, 150]],
  ["LTV", [120, 0.8, 0.03, 0.01]],
  ["CAC", [90000, 100]],
  ["LTVCAC", [3200, 900]],
  ["CACPAYBACK", [900, 120, 0.8]],
  ["CRC", [15000, 1200]],
  ["NRR", [100, 10, 10, 10]],
  ["GRR", [100, 10, 10]],
  ["QUICKRATIO", [30, 10, 5, 5]],
].map(([id, a]) => ({ id: id as string, label: "one call", args: () => a as unknown[] }));
