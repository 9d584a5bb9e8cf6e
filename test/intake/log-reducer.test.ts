/**
 * The (customer, period) reducer against a plain Map on many entries, so
 * the table grows (rehashes) several times: every entry once, with its rows
 * counted and its amounts summed; customers recoded densely in order of
 * first appearance; runs of one customer and period (a sorted export) taking
 * the shortcut give the same entries.
 */
import fc from "fast-check";
import { LogReducer } from "../../src/intake/log-reducer";

function reference(rows: [number, number, number][]) {
  const m = new Map<string, { rows: number; sum: number }>();
  for (const [c, b, a] of rows) {
    const e = m.get(`${c}|${b}`) ?? { rows: 0, sum: 0 };
    e.rows++;
    e.sum += a;
    m.set(`${c}|${b}`, e);
  }
  return m;
}

function entriesOf(r: LogReducer) {
  const out = r.result();
  const m = new Map<string, { rows: number; sum: number }>();
  for (let k = 0; k < out.entries; k++) {
    const key = `${out.sourceCode[out.customer[k]]}|${out.bucket[k]}`;
    expect(m.has(key)).toBe(false);
    m.set(key, { rows: out.rows[k], sum: out.amount![k] });
  }
  // Dense codes: 0..n-1, each first seen in entry order.
  let next = 0;
  for (let k = 0; k < out.entries; k++) if (out.customer[k] === next) next++;
  expect(next).toBe(out.sourceCode.length);
  return { m, total: out.totalRows };
}

/** Same keys, the same row counts, sums to rounding (the additions' order differs). */
function expectSameEntries(got: Map<string, { rows: number; sum: number }>, want: Map<string, { rows: number; sum: number }>) {
  expect(got.size).toBe(want.size);
  for (const [k, v] of want) {
    expect(got.get(k)!.rows).toBe(v.rows);
    expect(Math.abs(got.get(k)!.sum - v.sum)).toBeLessThan(1e-6);
  }
}

test("50,000 rows over 15,000 (customer, period) entries: the same as a Map, through several rehashes", () => {
  const rows: [number, number, number][] = [];
  let x = 12345;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 50_000; i++) rows.push([Math.floor(rnd() * 5_000), 24_000 + Math.floor(rnd() * 3), Math.round(rnd() * 10_000) / 100]);
  const r = new LogReducer(true);
  for (const [c, b, a] of rows) r.add(c, b, a);
  expect(r.entries).toBe(reference(rows).size);
  const { m, total } = entriesOf(r);
  expect(total).toBe(rows.length);
  expectSameEntries(m, reference(rows));
});

test("property: sorted or shuffled, any keys (negative periods too), the same entries", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -1000, max: 1000 })), { maxLength: 3000 }), fc.boolean(), (raw, sorted) => {
      const rows = raw.map(([c, b, a]) => [c, b, a / 10] as [number, number, number]);
      if (sorted) rows.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      const r = new LogReducer(true);
      for (const [c, b, a] of rows) r.add(c, b, a);
      const { m, total } = entriesOf(r);
      expect(total).toBe(rows.length);
      expectSameEntries(m, reference(rows));
    }),
    { numRuns: 100 },
  );
});
