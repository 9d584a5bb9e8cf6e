/**
 * CUSTOMERGROWTH and INCIDENTLOSS in the BUILT bundle (dist/functions.js,
 * what Excel runs): declared with their parameters in functions.json and in
 * Spanish in functions-es.json, associated, and computing from Excel-shaped
 * ranges. The README examples and the fuzzing of every function cover them
 * too (readme-catalog.test.ts, fuzz.test.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { distDir, loadBundle } from "../support/load-bundle";
import { column, invocationAt, outcome } from "../support/call";
import { StubExcelError } from "../support/custom-functions-stub";

const { associated, functions } = loadBundle();
const spanish = JSON.parse(readFileSync(path.join(distDir, "functions-es.json"), "utf8")) as { functions: { id: string; description: string; parameters: { name: string; description: string }[] }[] };

describe("the customer growth functions in dist/", () => {
  it("are declared with their parameters, ask for addresses, and are associated", () => {
    const growth = functions.find((f) => f.id === "CUSTOMERGROWTH")!;
    expect(growth.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual([
      ["customer_ids", false],
      ["dates", false],
      ["amounts", true],
      ["period", true],
      ["lost_after", true],
      ["value_window", true],
    ]);
    const incident = functions.find((f) => f.id === "INCIDENTLOSS")!;
    expect(incident.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual([
      ["customer_ids", false],
      ["dates", false],
      ["incident_customer_ids", false],
      ["incident_dates", false],
      ["window_days", true],
      ["lost_after_days", true],
    ]);
    for (const f of [growth, incident]) {
      expect(f.options?.requiresParameterAddresses).toBe(true);
      expect(associated.has(f.id)).toBe(true);
    }
  });

  it("are described in Spanish, every parameter too", () => {
    for (const id of ["CUSTOMERGROWTH", "INCIDENTLOSS"]) {
      const f = spanish.functions.find((x) => x.id === id)!;
      expect(f.description).toMatch(/clientes/);
      for (const p of f.parameters) expect({ id, param: p.name, es: /[a-z]/.test(p.description) && !p.description.startsWith("The ") }).toEqual({ id, param: p.name, es: true });
    }
  });

  it("CUSTOMERGROWTH balances on random Excel-shaped logs, for every period kind", async () => {
    const fn = associated.get("CUSTOMERGROWTH")!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.constantFrom("a", "b", "c", "", null), date: fc.integer({ min: 45000, max: 45700 }), iso: fc.boolean(), amount: fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constant(null)) }), { minLength: 1, maxLength: 25 }),
        fc.constantFrom("week", "month", "quarter", "year"),
        fc.integer({ min: 1, max: 4 }),
        async (rows, period, lostAfter) => {
          const kept = rows.filter((r) => r.id);
          const isoOf = (serial: number) => new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);
          const r = await outcome(
            fn,
            column(rows.map((x) => x.id)),
            column(rows.map((x) => (x.iso ? isoOf(x.date) : x.date))),
            column(rows.map((x) => x.amount)),
            period,
            lostAfter,
            null,
            invocationAt(),
          );
          if (kept.length === 0) {
            expect(r).toEqual({ error: "#N/A", message: expect.stringContaining("no transactions") });
            return;
          }
          const table = (r as { value: number[][] }).value;
          expect(table[0].length).toBe(10);
          for (const row of table.slice(1)) {
            expect(row[5]).toBe(row[1] + row[2] + row[3] - row[4]);
            expect(row[9]).toBe(row[7] - row[8]);
          }
          expect(table.slice(1).reduce((s, row) => s + row[2], 0)).toBe(new Set(kept.map((x) => x.id)).size);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("INCIDENTLOSS spills measure and value, with #N/A for an undefined relative risk", async () => {
    const fn = associated.get("INCIDENTLOSS")!;
    // a and b buy on 2024-01-01 (45292) and 2024-03-01 (45352); a complains on 2024-01-05; lost after 30 days:
    // a is lost on 31 January, within 30 days of the complaint; so is b (no incident): 1/1 against 1/1.
    const ids = column(["a", "b", "a", "b"]), dates = column([45292, 45292, "2024-03-01", 45352]);
    const r = (await outcome(fn, ids, dates, column(["a"]), column(["2024-01-05"]), null, 30, invocationAt())) as { value: unknown[][] };
    expect(r.value.map((row) => row[1])).toEqual(["Value", 1, 1, 1, 1, 1, 1, expect.any(Number), expect.any(Number)]);
    // b complains instead, on 2024-01-31: b was lost that day (30 days after buying), so the incident cannot be counted.
    const none = await outcome(fn, ids, dates, column(["b"]), column(["2024-01-31"]), null, 30, invocationAt());
    expect(none).toEqual({ error: "#N/A", message: expect.stringContaining("1 came when the customer was not active") });
    // No loss after the incident: a buys again on 2024-01-20.
    const kept = (await outcome(fn, column(["a", "b", "a", "a", "b"]), column([45292, 45292, 45311, 45352, 45352]), column(["a"]), column([45296]), null, 30, invocationAt())) as { value: unknown[][] };
    expect(kept.value.slice(1, 6).map((row) => row[1])).toEqual([1, 0, 0, 1, 1]);
    expect((kept.value[6][1] as StubExcelError).code).toBe("#N/A");
  });
});
