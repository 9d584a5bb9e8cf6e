/**
 * The customer-growth template's aggregates together (growthReport): plain
 * JSON, consistent with each other, and at Excel's row limit.
 */
import { customerGrowth } from "../../../src/metrics/growth/customer-growth";
import { incidentLoss } from "../../../src/metrics/growth/incident-loss";
import { growthReport } from "../../../src/metrics/growth/report";
import { seededRandom } from "../../../src/metrics/random";

const SEGMENTS = ["Gold", "Silver", "Bronze", null];
const REASONS = ["Price", "Service", "Moved", null, null, null];
const TYPES = ["Late delivery", "Billing error", "Outage"];

/** A log of `rows` purchases by rows/10 customers over 2021–2023, with a segment, a reason and a referrer per customer. */
function syntheticLog(rows: number, seed: number) {
  const rand = seededRandom(seed);
  const customers = Math.max(1, Math.floor(rows / 10));
  const ids = new Array<string>(rows), dates = new Float64Array(rows), amounts = new Float64Array(rows);
  const segments = new Array<string | null>(rows), reasons = new Array<string | null>(rows), referredBy = new Array<string | null>(rows);
  const join = Float64Array.from({ length: customers }, () => Math.floor(rand() * 1000));
  const segmentOf = Array.from({ length: customers }, () => SEGMENTS[Math.floor(rand() * SEGMENTS.length)]);
  const reasonOf = Array.from({ length: customers }, () => REASONS[Math.floor(rand() * REASONS.length)]);
  const referrerOf = Array.from({ length: customers }, () => (rand() < 0.2 ? `C${Math.floor(rand() * customers)}` : rand() < 0.05 ? "Partner" : null));
  for (let i = 0; i < rows; i++) {
    const c = i % customers;
    ids[i] = `C${c}`;
    dates[i] = 44197 + Math.min(1094, join[c] + (i < customers ? 0 : Math.floor(rand() * rand() * 400)));
    amounts[i] = Math.round(rand() * 20000) / 100;
    segments[i] = segmentOf[c];
    reasons[i] = reasonOf[c];
    referredBy[i] = i < customers ? referrerOf[c] : null;
  }
  const m = Math.floor(rows / 20);
  const incidentIds = new Array<string>(m), incidentDates = new Float64Array(m), types = new Array<string>(m);
  for (let j = 0; j < m; j++) {
    const row = Math.floor(rand() * rows);
    incidentIds[j] = ids[row];
    incidentDates[j] = dates[row] + Math.floor(rand() * 20);
    types[j] = TYPES[Math.floor(rand() * TYPES.length)];
  }
  return { ids, dates, amounts, segments, reasons, referredBy, incidents: { customerIds: incidentIds, dates: incidentDates, types } };
}

function checkReport(rows: number, seed: number) {
  const log = syntheticLog(rows, seed);
  const report = growthReport({
    customerIds: log.ids,
    dates: log.dates,
    amounts: log.amounts,
    segments: log.segments,
    lossReasons: log.reasons,
    referredBy: log.referredBy,
    incidents: log.incidents,
    growth: { period: "month", lostAfter: 3, valueWindow: 6 },
    incidentOptions: { lostAfterDays: 90 },
  });
  // Plain JSON: what goes in comes back out the same (no typed arrays, NaN, Infinity or undefined).
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity|undefined/);

  // The parts agree with CUSTOMERGROWTH and with each other.
  expect(report.growth).toEqual(customerGrowth(log.ids, log.dates, log.amounts, { period: "month", lostAfter: 3, valueWindow: 6 }));
  const { totals } = report;
  expect(report.bySegment!.reduce((s, g) => s + g.totals.lost, 0)).toBe(totals.lost);
  expect(report.bySegment!.reduce((s, g) => s + g.totals.customersAtEnd, 0)).toBe(totals.customersAtEnd);
  // Segments in order of first appearance (row 0 is customer 0's), customers without one last.
  const firstSeen = [...new Set(log.segments.filter((x) => x !== null))];
  expect(report.bySegment!.map((g) => g.segment)).toEqual([...firstSeen, null]);
  expect(report.lossReasons!.lost).toBe(totals.lost);
  expect(report.lossReasons!.lostValue!).toBeCloseTo(totals.lostValue!, 6);
  expect(report.referrals!.customers).toBe(totals.newCustomers);
  expect(report.referrals!.bySegment.reduce((s, g) => s + g.referralsMade, 0) + report.referrals!.referredByNonCustomers).toBe(report.referrals!.referred);
  const movement = report.valueMovement!;
  expect(movement.matrix.slice(0, 3).flat().reduce((s, v) => s + v, 0)).toBe(movement.first.customers);
  expect(report.incidents).toEqual(incidentLoss(log.ids, log.dates, log.incidents.customerIds, log.incidents.dates, log.incidents.types, { lostAfterDays: 90 }));
  expect(report.incidents!.byType.map((t) => t.type).sort()).toEqual([...TYPES].sort());
  return report;
}

describe("growthReport", () => {
  test("a small log: JSON, consistent parts", () => {
    const report = checkReport(2_000, 3);
    expect(report.growth.rows.length).toBe(36);
  });

  test("only what the columns allow", () => {
    const r = growthReport({ customerIds: ["a", "b", "a"], dates: [45292, 45292, 45323] });
    expect(r).toMatchObject({ bySegment: null, lossReasons: null, referrals: null, valueMovement: null, incidents: null });
    expect(r.totals).toMatchObject({ newCustomers: 2, customersAtEnd: 2 });
    // One month of data: no start and end to compare values between.
    expect(growthReport({ customerIds: ["a"], dates: [45292], amounts: [3] }).valueMovement).toBeNull();
  });

  test("1,048,576 transactions with every optional column", () => {
    const report = checkReport(1_048_576, 8);
    expect(report.totals.newCustomers).toBe(104_857);
  }, 180_000);
});
