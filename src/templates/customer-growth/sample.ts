/**
 * The customer-growth template's sample: three years (2022-2024) of a shop's
 * purchases, seeded so every machine gets the same rows, and the incident log
 * that goes with it — in English or Spanish (headers, segments, loss reasons
 * and incident types).
 *
 * Each month a batch of new customers arrives (growing 2% a month), a quarter
 * of them referred by a customer who is still active and a few by a partner.
 * Each customer belongs to a segment (business, small business, consumer)
 * that sets their basket and how often they buy; each month they may leave
 * (their own hazard), or right after an incident (a late delivery, a billing
 * error, an outage: the incident log records it) with a chance that depends
 * on its kind. One in eight who leave comes back a year and a half later. A
 * customer who leaves gives a reason on their last purchase (price, service,
 * a competitor, moving away), as a CRM's cancellation field is exported.
 */
import { serialFromParts } from "../../metrics/dates";
import { customerColumn } from "../descriptor-kit";
import type { Language } from "../registry-types";
import { seededRandom } from "../sample-data";
import { GROWTH_STRINGS } from "./strings";

type SegmentKey = "business" | "small" | "consumer";
type ReasonKey = "price" | "service" | "competitor" | "moved";
type IncidentKey = "late" | "billing" | "outage";

const WORDS: Record<Language, { segments: Record<SegmentKey, string>; reasons: Record<ReasonKey, string>; incidents: Record<IncidentKey, string>; partner: string }> = {
  en: {
    segments: { business: "Business", small: "Small business", consumer: "Consumer" },
    reasons: { price: "Price", service: "Service", competitor: "Competitor", moved: "Moved away" },
    incidents: { late: "Late delivery", billing: "Billing error", outage: "Outage" },
    partner: "Partner",
  },
  es: {
    segments: { business: "Empresas", small: "Pymes", consumer: "Particulares" },
    reasons: { price: "Precio", service: "Servicio", competitor: "Competencia", moved: "Mudanza" },
    incidents: { late: "Entrega tardía", billing: "Error de facturación", outage: "Caída del servicio" },
    partner: "Socio",
  },
};

/** Segment shares of the newcomers, their usual basket and their monthly chance of buying. */
const SEGMENTS: { key: SegmentKey; share: number; basket: number; buy: number }[] = [
  { key: "business", share: 0.15, basket: 420, buy: 0.7 },
  { key: "small", share: 0.35, basket: 130, buy: 0.55 },
  { key: "consumer", share: 0.5, basket: 38, buy: 0.4 },
];
const REASONS: [ReasonKey, number][] = [["price", 0.4], ["service", 0.25], ["competitor", 0.2], ["moved", 0.15]];
const INCIDENTS: [IncidentKey, number][] = [["late", 0.5], ["billing", 0.3], ["outage", 0.2]];
/** The chance that a customer leaves right after each kind of incident, without buying again. */
const LEAVE_AFTER: Record<IncidentKey, number> = { late: 0.3, billing: 0.15, outage: 0.5 };

interface Purchase {
  customer: string;
  date: number;
  amount: number;
  segment: SegmentKey;
  reason: ReasonKey | null;
  /** A customer id, "partner", or null. */
  referredBy: string | null;
}

interface Incident {
  customer: string;
  date: number;
  type: IncidentKey;
}

function pick<K>(random: () => number, weights: [K, number][]): K {
  let u = random();
  for (const [key, w] of weights) {
    if (u < w) return key;
    u -= w;
  }
  return weights[weights.length - 1][0];
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const MONTHS = 36;

let cached: { purchases: Purchase[]; incidents: Incident[] } | null = null;

/** The logs, generated once (about 7,000 purchases and 350 incidents). */
export function sampleLogs(): { purchases: Purchase[]; incidents: Incident[] } {
  if (cached) return cached;
  const random = seededRandom(1996);
  const monthStart = (m: number) => serialFromParts(2022 + Math.floor(m / 12), (m % 12) + 1, 1);
  const dayIn = (m: number) => monthStart(m) + Math.floor(random() * (monthStart(m + 1) - monthStart(m)));
  const purchases: Purchase[] = [];
  const incidents: Incident[] = [];
  const active: string[] = [];
  let next = 1;
  for (let m0 = 0; m0 < MONTHS; m0++) {
    const newcomers = Math.round(32 * Math.pow(1.02, m0) * (0.85 + 0.3 * random()));
    for (let j = 0; j < newcomers; j++) {
      const customer = `K${String(next++).padStart(4, "0")}`;
      const seg = pick(random, SEGMENTS.map((s): [(typeof SEGMENTS)[number], number] => [s, s.share]));
      const referredBy = random() < 0.25 && active.length > 0 ? active[Math.floor(random() * active.length)] : random() < 0.04 ? "partner" : null;
      const hazard = 0.01 + 0.04 * Math.pow(random(), 2);
      const basket = seg.basket * Math.exp(0.4 * normal(random));
      const mine: Purchase[] = [];
      const buy = (m: number) => {
        const amount = Math.max(1, Math.round(basket * Math.exp(0.3 * normal(random)) * 100) / 100);
        mine.push({ customer, date: dayIn(m), amount, segment: seg.key, reason: null, referredBy: null });
      };
      mine.push({ customer, date: dayIn(m0), amount: Math.round(basket * 100) / 100, segment: seg.key, reason: null, referredBy });
      let left = false;
      for (let m = m0 + 1; m < MONTHS; m++) {
        // An incident may come first in the month, and the customer may leave over it.
        const incident = random() < 0.02 ? pick(random, INCIDENTS) : null;
        if (incident) incidents.push({ customer, date: dayIn(m), type: incident });
        if (random() < hazard || (incident && random() < LEAVE_AFTER[incident])) {
          // One in eight comes back a year and a half later (a reactivation), if the data reaches that far.
          const back = m + 16 + Math.floor(random() * 6);
          if (random() < 0.125 && back < MONTHS) {
            mine[mine.length - 1].reason = pick(random, REASONS);
            m = back - 1;
            continue;
          }
          left = true;
          break;
        }
        if (random() < seg.buy) buy(m);
      }
      // The first purchase is the earliest of the customer's.
      mine.sort((a, b) => a.date - b.date);
      mine[0].referredBy = referredBy;
      if (left) mine[mine.length - 1].reason = pick(random, REASONS);
      for (const p of mine) purchases.push(p);
      if (!left) active.push(customer);
    }
  }
  purchases.sort((a, b) => a.date - b.date || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
  incidents.sort((a, b) => a.date - b.date || (a.customer < b.customer ? -1 : 1));
  cached = { purchases, incidents };
  return cached;
}

/** The transaction log under a header in the language: customer, date, amount, segment, loss reason, referred by. */
export function growthSample(language: Language = "en"): unknown[][] {
  const t = GROWTH_STRINGS[language];
  const w = WORDS[language];
  const header = [customerColumn().label[language], t.columnDate, t.columnAmount, t.columnSegment, t.columnReason, t.columnReferredBy];
  const rows = sampleLogs().purchases.map((p) => [
    p.customer,
    p.date,
    p.amount,
    w.segments[p.segment],
    p.reason ? w.reasons[p.reason] : "",
    p.referredBy === "partner" ? w.partner : (p.referredBy ?? ""),
  ]);
  return [header, ...rows];
}

/** The incident log under a header in the language: customer, date, type. */
export function incidentSample(language: Language = "en"): unknown[][] {
  const t = GROWTH_STRINGS[language];
  const w = WORDS[language];
  return [[customerColumn().label[language], t.columnIncidentDate, t.columnIncidentType], ...sampleLogs().incidents.map((i) => [i.customer, i.date, w.incidents[i.type]])];
}
