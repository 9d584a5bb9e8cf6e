import fc from "fast-check";
import { segmentMatrix, segmentSummary, segmentSummaryOfMatrix } from "../../src/metrics/segment-matrix";

describe("segmentMatrix", () => {
  // Eight customers, counted by hand:
  //   Gold→Gold, Gold→Silver, Gold→(lost), Silver→Gold, Silver→Silver, Bronze→Silver, (new)→Bronze, (new)→Gold.
  const from = ["Gold", "Gold", "Gold", "Silver", "Silver", "Bronze", null, ""];
  const to = ["Gold", "Silver", "", "Gold", "Silver", "Silver", "Bronze", "Gold"];

  test("counts, segments as first seen, New row and Lost column", () => {
    const m = segmentMatrix(from, to);
    expect(m.segments).toEqual(["Gold", "Silver", "Bronze"]);
    expect(m.matrix).toEqual([
      // to: Gold Silver Bronze Lost
      [1, 1, 0, 1], // from Gold
      [1, 1, 0, 0], // from Silver
      [0, 1, 0, 0], // from Bronze
      [1, 0, 1, 0], // New
    ]);
  });

  test("sums of values (e.g. MRR) instead of counts", () => {
    const values = [100, 80, 90, 40, 50, 20, 10, 120];
    expect(segmentMatrix(from, to, values).matrix).toEqual([
      [100, 80, 0, 90],
      [40, 50, 0, 0],
      [0, 20, 0, 0],
      [120, 0, 10, 0],
    ]);
  });

  test("numeric segments in numeric order; rows with neither segment are skipped", () => {
    const m = segmentMatrix([3, 1, 2, null, 10], [1, 1, 3, null, 2]);
    expect(m.segments).toEqual([1, 2, 3, 10]);
    expect(m.matrix).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  test("labels compare as Excel compares text: trimmed, case-insensitive, shown as first seen", () => {
    const m = segmentMatrix(["Gold ", "gold"], ["GOLD", " Gold"]);
    expect(m.segments).toEqual(["Gold"]);
    expect(m.matrix).toEqual([
      [2, 0],
      [0, 0],
    ]);
  });

  test("errors", () => {
    expect(() => segmentMatrix(["a"], ["a", "b"])).toThrow(/same number of rows/);
    expect(() => segmentMatrix(["a"], ["b"], [1, 2])).toThrow(/values has 2/);
    expect(() => segmentMatrix(["a"], ["b"], [NaN])).toThrow(/Row 1 of values/);
  });
});

describe("segmentSummary", () => {
  test("shares of the customers who had a segment before", () => {
    // Order Bronze < Silver < Gold. Customers with a segment before: the first 6.
    //   Gold→Gold stayed, Gold→Silver down, Gold→(lost) lost, Silver→Gold up, Silver→Silver stayed, Bronze→Silver up.
    // Up 2/6, down 1/6, stayed 2/6, lost 1/6; 2 new customers are apart.
    const s = segmentSummary(
      ["Gold", "Gold", "Gold", "Silver", "Silver", "Bronze", null, ""],
      ["Gold", "Silver", "", "Gold", "Silver", "Silver", "Bronze", "Gold"],
      ["Bronze", "Silver", "Gold"],
    );
    expect(s).toEqual({ movedUp: 2 / 6, movedDown: 1 / 6, stayed: 2 / 6, lost: 1 / 6, customersBefore: 6, newCustomers: 2, segments: ["Bronze", "Silver", "Gold"] });
  });

  test("default order: numeric, or as first seen", () => {
    // 1→2 up, 3→1 down, 2→2 stayed, 2→lost.
    expect(segmentSummary([1, 3, 2, 2], [2, 1, 2, null])).toMatchObject({ movedUp: 0.25, movedDown: 0.25, stayed: 0.25, lost: 0.25 });
    // First seen: A, B. A→B is "up", B→A "down".
    expect(segmentSummary(["A", "B"], ["B", "A"])).toMatchObject({ movedUp: 0.5, movedDown: 0.5, segments: ["A", "B"] });
  });

  test("errors", () => {
    expect(() => segmentSummary(["Gold"], ["Platinum"], ["Bronze", "Gold"])).toThrow(/Row 1 of to_segments holds "Platinum", which is not in segment_order/);
    expect(() => segmentSummary(["Gold"], ["Gold"], ["Gold", "gold"])).toThrow(/lists "gold" twice/);
    expect(() => segmentSummary([null], ["Gold"])).toThrow(/No customer had a segment before/);
  });
});

// ---- Independent computation on random data: count "from|to" pairs in a map ----

test("matches a naive count of pairs on random data", () => {
  const label = fc.constantFrom<string | null>("Gold", "Silver", "Bronze", "Tin", null);
  fc.assert(
    fc.property(fc.array(fc.tuple(label, label, fc.integer({ min: 0, max: 100 })), { maxLength: 40 }), (pairs) => {
      const from = pairs.map((p) => p[0]), to = pairs.map((p) => p[1]), values = pairs.map((p) => p[2]);
      const m = segmentMatrix(from, to, values);
      const counts = segmentMatrix(from, to);
      const naive = new Map<string, { n: number; sum: number }>();
      pairs.forEach(([a, b, v]) => {
        if (a === null && b === null) return;
        const key = `${a ?? "New"}|${b ?? "Lost"}`;
        const cell = naive.get(key) ?? { n: 0, sum: 0 };
        naive.set(key, { n: cell.n + 1, sum: cell.sum + v });
      });
      const rowLabels = [...m.segments, "New"], colLabels = [...m.segments, "Lost"];
      rowLabels.forEach((r, i) =>
        colLabels.forEach((c, j) => {
          expect(counts.matrix[i][j]).toBe(naive.get(`${r}|${c}`)?.n ?? 0);
          expect(m.matrix[i][j]).toBe(naive.get(`${r}|${c}`)?.sum ?? 0);
        }),
      );
      // First-seen order: every label of `from`, then new ones from `to`.
      const seen = [...new Set([...from, ...to].filter((x): x is string => x !== null))];
      expect(m.segments).toEqual(seen);
      // Summary: the shares add up to 1 and match the matrix's triangles.
      const before = from.filter((x) => x !== null).length;
      if (before === 0) return;
      const s = segmentSummary(from, to);
      expect(s.movedUp + s.movedDown + s.stayed + s.lost).toBeCloseTo(1, 12);
      let up = 0, down = 0, same = 0;
      m.segments.forEach((_, i) => m.segments.forEach((__, j) => {
        const n = counts.matrix[i][j];
        if (j > i) up += n;
        else if (j < i) down += n;
        else same += n;
      }));
      expect([s.movedUp, s.movedDown, s.stayed]).toEqual([up / before, down / before, same / before]);
    }),
    { numRuns: 300 },
  );
});

describe("segmentSummaryOfMatrix", () => {
  test("its example: Bronze->Bronze, Bronze->Silver, Silver->Silver, Silver->lost, new->Silver: 1/4 up, 2/4 stayed, 1/4 lost (hand count)", () => {
    const s = segmentSummaryOfMatrix({ segments: ["Bronze", "Silver"], matrix: [[1, 1, 0], [0, 1, 1], [0, 1, 0]] });
    expect(s).toEqual({ movedUp: 0.25, movedDown: 0, stayed: 0.5, lost: 0.25, customersBefore: 4, newCustomers: 1, segments: ["Bronze", "Silver"] });
  });

  test("equals segmentSummary of the rows the matrix counts, on random data", () => {
    const label = fc.constantFrom<string | null>("Gold", "Silver", "Bronze", "Tin", null);
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label), { maxLength: 40 }), (pairs) => {
        const from = pairs.map((p) => p[0]), to = pairs.map((p) => p[1]);
        if (!from.some((x) => x !== null)) return;
        const counts = segmentMatrix(from, to);
        const direct = segmentSummary(from, to, counts.segments);
        const viaMatrix = segmentSummaryOfMatrix(counts);
        expect(viaMatrix.customersBefore).toBe(direct.customersBefore);
        expect(viaMatrix.newCustomers).toBe(direct.newCustomers);
        for (const k of ["movedUp", "movedDown", "stayed", "lost"] as const) expect(viaMatrix[k]).toBeCloseTo(direct[k], 14);
      }),
    );
  });

  test("no customer with a segment before: the shares are undefined (#DIV/0!, as SEGMENTSUMMARY)", () => {
    expect(() => segmentSummaryOfMatrix({ segments: ["Gold"], matrix: [[0, 0], [3, 0]] })).toThrow(/No customer had a segment before/);
  });
});
