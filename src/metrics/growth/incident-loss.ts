/**
 * Loss after an incident: of the customers who had an incident (a complaint,
 * a failed delivery, an outage), how many were lost soon after it, against
 * customers without one over comparable windows — "it measures how customers
 * perceive your recovery" (Bliss).
 */
import { isDateSerial } from "../dates";
import { invalidInput, MetricError, MetricErrorKind } from "../errors";
import { RelativeRisk, relativeRisk } from "../lift";
import { Segment, SegmentCell, segmentKey } from "../segment-matrix";
import { CodedIds, codeIds, CustomerKey, IdCell } from "../transaction-log";
import { activityLog, activitySpells, requireUnits, Spells } from "./activity";

/** A year without a purchase, as CUSTOMERGROWTH's default for months (12) and weeks (52). */
export const DEFAULT_LOST_AFTER_DAYS = 365;

/** More incident types than this are refused: group them first (each type is a pass over the customers). */
export const MAX_INCIDENT_TYPES = 100;

export interface IncidentLossOptions {
  /** Days after the incident in which a loss counts; lostAfterDays if omitted. */
  windowDays?: number;
  /** Days without a purchase after which a customer is lost; DEFAULT_LOST_AFTER_DAYS if omitted. */
  lostAfterDays?: number;
  /** Of the relative risk's interval; 0.95 if omitted. */
  confidence?: number;
}

export interface IncidentLoss {
  /** Customers with at least one incident that can be followed (see incidentLoss). */
  customersWithIncident: number;
  /** Of them, customers lost within window_days after their first such incident. */
  lostAfterIncident: number;
  /** lostAfterIncident ÷ customersWithIncident (null when there are none). */
  lossRate: number | null;
  /** Customers without any incident who were active on at least one of the incident dates. */
  customersWithout: number;
  /** The sum of their shares of lost windows (the expected number lost; not a whole number in general). */
  lostWithout: number;
  /** lostWithout ÷ customersWithout (null when there are none). */
  lossRateWithout: number | null;
  /** lossRate ÷ lossRateWithout with its Katz log interval (as LIFT); null when undefined, see relativeRiskProblem. */
  relativeRisk: RelativeRisk | null;
  /** Why relativeRisk is null: "div0" (no one to compare with, or no loss without an incident) or "na" (no loss after an incident). */
  relativeRiskProblem: { kind: MetricErrorKind; message: string } | null;
}

export interface IncidentTypeLoss extends IncidentLoss {
  /** The incident type as first written; null for incidents with no type. */
  type: Segment | null;
}

export interface IncidentLossReport {
  windowDays: number;
  lostAfterDays: number;
  /** Every incident type together. */
  all: IncidentLoss;
  /** One entry per incident type (when types were given), most customers first; no type last. */
  byType: IncidentTypeLoss[];
  /** What happened to the incident rows (blank ids are not counted). */
  incidents: {
    rows: number;
    /** Rows that can be followed: the customer was active on the day and the window is over. */
    followed: number;
    /** The customer has no purchase in the transaction log. */
    unknownCustomer: number;
    /** The window ends after the last date of the transaction log, so the outcome is not known yet. */
    windowNotOver: number;
    /** The customer was not active that day (no purchase in the lost_after_days up to it): already lost, or not yet a customer. */
    notActive: number;
  };
}

function isCoded(ids: ArrayLike<IdCell> | CodedIds): ids is CodedIds {
  return (ids as CodedIds).codes instanceof Int32Array;
}

/** The spell of customer c that holds day t (offset), or −1 when c was not active at the end of day t. */
function spellAt(spells: Spells, c: number, t: number): number {
  let lo = spells.spellStart[c], hi = spells.spellStart[c + 1] - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spells.first[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const loss = spells.loss[found];
  return loss < 0 || t < loss ? found : -1;
}

/** Counts and rates for one set of anchors: one (customer, day, spell) per customer with an incident. */
function lossFor(
  spells: Spells,
  span: number,
  window: number,
  without: Uint8Array,
  anchors: { customer: Int32Array; day: Int32Array; spell: Int32Array; count: number },
  confidence: number,
): IncidentLoss {
  let lostAfter = 0;
  const atDay = new Float64Array(span + 1);
  for (let i = 0; i < anchors.count; i++) {
    const loss = spells.loss[anchors.spell[i]];
    if (loss >= 0 && loss <= anchors.day[i] + window) lostAfter++;
    atDay[anchors.day[i] + 1]++;
  }
  // atDay becomes a prefix count: anchors on days < k is atDay[k].
  for (let k = 0; k < span; k++) atDay[k + 1] += atDay[k];
  const between = (lo: number, hi: number) => (lo > hi ? 0 : atDay[hi + 1] - atDay[lo]);

  let customersWithout = 0, lostWithout = 0;
  const customers = spells.spellStart.length - 1;
  for (let c = 0; c < customers; c++) {
    if (!without[c]) continue;
    let windows = 0, lost = 0;
    for (let s = spells.spellStart[c]; s < spells.spellStart[c + 1]; s++) {
      const first = spells.first[s], loss = spells.loss[s];
      windows += between(first, loss < 0 ? span - 1 : loss - 1);
      if (loss >= 0) lost += between(Math.max(first, loss - window), loss - 1);
    }
    if (windows > 0) {
      customersWithout++;
      lostWithout += lost / windows;
    }
  }

  const n1 = anchors.count;
  let rr: RelativeRisk | null = null, problem: IncidentLoss["relativeRiskProblem"] = null;
  if (n1 > 0) {
    try {
      rr = relativeRisk({ groupWithOutcome: lostAfter, groupTotal: n1, restWithOutcome: lostWithout, restTotal: customersWithout }, confidence);
    } catch (e) {
      if (!(e instanceof MetricError)) throw e;
      problem = { kind: e.kind, message: e.message };
    }
  } else problem = { kind: "na", message: "No customer with an incident can be followed, so there is nothing to compare." };
  return {
    customersWithIncident: n1,
    lostAfterIncident: lostAfter,
    lossRate: n1 > 0 ? lostAfter / n1 : null,
    customersWithout,
    lostWithout,
    lossRateWithout: customersWithout > 0 ? lostWithout / customersWithout : null,
    relativeRisk: rr,
    relativeRiskProblem: problem,
  };
}

/**
 * Loss after incidents, overall and by incident type. The rule:
 * - **lost** is CUSTOMERGROWTH's rule in days: a customer is lost
 *   lost_after_days after a purchase with no purchase in between;
 * - an incident is **followed** when the customer was active that day (a
 *   purchase in the lost_after_days up to and including it) and the day is at
 *   least window_days before the last date of the transaction log, so that a
 *   loss within the window would be seen; each customer counts once, at their
 *   first followed incident, as **lost after the incident** when they were
 *   lost within window_days after it (a loss on day t + 1 … t + window_days);
 * - **customers without an incident** (none at all in the incident log) are
 *   followed over the same windows: a window starts on each day on which a
 *   customer with an incident was counted (a day counts once per such
 *   customer), and a customer without an incident counts for the windows
 *   starting on days they were active; each of these customers counts once,
 *   with the share of their windows in which they were lost, and the rate
 *   without an incident is the mean of these shares;
 * - the **relative risk** is the ratio of the two rates with LIFT's Katz log
 *   interval, the shares' sum standing for the count of lost customers without
 *   an incident. A share lies between 0 and 1, so its variance is at most
 *   that of a yes/no outcome with the same mean: the interval is, if anything,
 *   conservative on that side.
 * window_days defaults to lost_after_days, so that "lost within the window"
 * means "did not buy again before lapsing"; lost_after_days defaults to 365.
 *
 * Reference: J. Bliss (2006), Chief Customer Officer, ch. 3 (customers lost
 * after a service failure, as a measure of recovery); the relative risk and
 * its interval as in lift.ts (Katz et al. 1978).
 *
 * Worked example (lost after 30 days, window 30): purchases of a on day 0
 * (2024-01-01), b on days 0 and 20, c on days 0, 25 and 50, d on day 0, and
 * all four on day 70; an incident for a on day 10. a is lost on day 30,
 * within 30 days of it: 1 of 1. Without an incident, from day 10: b is lost
 * on day 50 (too late: 0), c is never lost (0), d is lost on day 30 (1):
 * rate 1/3, relative risk 1 ÷ 1/3 = 3.
 *
 * @example incidentLoss(["a", "b", "b", "c", "c", "c", "d", "a", "b", "c", "d"], [45292, 45292, 45312, 45292, 45317, 45342, 45292, 45362, 45362, 45362, 45362], ["a"], [45302], null, { lostAfterDays: 30 }).all.relativeRisk.ratio // 3
 */
export function incidentLoss(
  ids: ArrayLike<IdCell> | CodedIds,
  dates: ArrayLike<number>,
  incidentIds: ArrayLike<IdCell> | CodedIds,
  incidentDates: ArrayLike<number>,
  incidentTypes?: ArrayLike<SegmentCell> | null,
  options: IncidentLossOptions = {},
): IncidentLossReport {
  const lostAfterDays = requireUnits(options.lostAfterDays ?? DEFAULT_LOST_AFTER_DAYS, "lost_after_days");
  const windowDays = requireUnits(options.windowDays ?? lostAfterDays, "window_days");
  const confidence = options.confidence ?? 0.95;
  const activity = activityLog(ids, dates, null, "day");
  const spells = activitySpells(activity, lostAfterDays);
  const { span, firstUnit: firstDay } = activity;
  const customers = activity.log.ids.length;

  const incidents = isCoded(incidentIds) ? incidentIds : codeIds(incidentIds, "incident_customer_ids");
  const m = incidents.codes.length;
  if (incidentDates.length !== m || (incidentTypes && incidentTypes.length !== m)) {
    const sizes = [`incident_customer_ids has ${m}`, `incident_dates has ${incidentDates.length}`];
    if (incidentTypes) sizes.push(`incident_types has ${incidentTypes.length}`);
    throw invalidInput(`The incident columns must have the same number of rows: ${sizes.join(", ")}.`);
  }
  // The customer of each incident id (−1: no purchase); the map is of the incident ids, usually the fewer.
  const codeOfKey = new Map<CustomerKey, number>();
  incidents.ids.forEach((id, k) => codeOfKey.set(id, k));
  const customerOfCode = new Int32Array(incidents.ids.length).fill(-1);
  activity.log.ids.forEach((id, c) => {
    const k = codeOfKey.get(id);
    if (k !== undefined) customerOfCode[k] = c;
  });

  // Incident types, coded like segments (trimmed, case-insensitive); code 0 is "no type".
  const typeCode = new Int32Array(m);
  const typeLabels: (Segment | null)[] = [null];
  if (incidentTypes) {
    const typeIndex = new Map<string, number>();
    for (let i = 0; i < m; i++) {
      const t = incidentTypes[i];
      if (t === null || t === undefined || (typeof t === "string" && t.trim() === "")) continue;
      if (typeof t === "number" && !Number.isFinite(t)) throw invalidInput(`Row ${i + 1} of incident_types is not a valid type (${t}).`);
      const key = segmentKey(t);
      let code = typeIndex.get(key);
      if (code === undefined) {
        code = typeLabels.length;
        if (code > MAX_INCIDENT_TYPES) throw invalidInput(`There are more than ${MAX_INCIDENT_TYPES} incident types; group them into fewer types first.`);
        typeIndex.set(key, code);
        typeLabels.push(typeof t === "string" ? t.trim() : t);
      }
      typeCode[i] = code;
    }
  }

  // Which incidents can be followed; the customers with any incident leave the comparison group.
  const without = new Uint8Array(customers).fill(1);
  const followedCustomer = new Int32Array(m), followedDay = new Int32Array(m), followedSpell = new Int32Array(m), followedType = new Int32Array(m);
  let rows = 0, followed = 0, unknownCustomer = 0, windowNotOver = 0, notActive = 0;
  for (let i = 0; i < m; i++) {
    const code = incidents.codes[i];
    if (code < 0) continue;
    rows++;
    const date = incidentDates[i];
    if (!isDateSerial(date)) throw invalidInput(`Row ${i + 1} of incident_dates is not a date (got ${date}); dates are Excel serials from 1 (1900-01-01).`);
    const c = customerOfCode[code];
    if (c < 0) {
      unknownCustomer++;
      continue;
    }
    without[c] = 0;
    const t = Math.floor(date) - firstDay;
    if (t + windowDays > span - 1) {
      windowNotOver++;
      continue;
    }
    const s = t < 0 ? -1 : spellAt(spells, c, t);
    if (s < 0) {
      notActive++;
      continue;
    }
    followedCustomer[followed] = c;
    followedDay[followed] = t;
    followedSpell[followed] = s;
    followedType[followed] = typeCode[i];
    followed++;
  }

  // Each customer's first followed incident: overall, and per type.
  const anchorsOf = (type: number) => {
    const best = new Map<number, number>();
    for (let j = 0; j < followed; j++) {
      if (type >= 0 && followedType[j] !== type) continue;
      const c = followedCustomer[j];
      const k = best.get(c);
      if (k === undefined || followedDay[j] < followedDay[k]) best.set(c, j);
    }
    const count = best.size;
    const anchors = { customer: new Int32Array(count), day: new Int32Array(count), spell: new Int32Array(count), count };
    let i = 0;
    for (const j of best.values()) {
      anchors.customer[i] = followedCustomer[j];
      anchors.day[i] = followedDay[j];
      anchors.spell[i] = followedSpell[j];
      i++;
    }
    return anchors;
  };

  const all = lossFor(spells, span, windowDays, without, anchorsOf(-1), confidence);
  const byType: IncidentTypeLoss[] = [];
  if (incidentTypes) {
    const present = new Uint8Array(typeLabels.length);
    for (let i = 0; i < m; i++) if (incidents.codes[i] >= 0) present[typeCode[i]] = 1;
    typeLabels.forEach((type, code) => {
      if (present[code]) byType.push({ type, ...lossFor(spells, span, windowDays, without, anchorsOf(code), confidence) });
    });
    byType.sort((x, y) => (x.type === null ? 1 : 0) - (y.type === null ? 1 : 0) || y.customersWithIncident - x.customersWithIncident);
  }
  return {
    windowDays,
    lostAfterDays,
    all,
    byType,
    incidents: { rows, followed, unknownCustomer, windowNotOver, notActive },
  };
}
