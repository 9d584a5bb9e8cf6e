/**
 * Seeded, realistic sample data for the cohort retention and MRR bridge
 * templates: the same seed gives the same rows on any machine.
 *
 * Transactions: each month a new batch of customers makes a first purchase
 * (the batch grows a little month by month). Each customer has their own
 * monthly chance of leaving for good (drawn between 5% and 50%, so the
 * retention curve falls fast and then flattens, as real cohorts do) and, while
 * still a customer, their own chance of buying in a given month; basket sizes
 * are log-normal around the customer's own mean.
 *
 * Subscriptions: each month new accounts sign up to one of four plans, some
 * with several seats. Every month an account may churn (less often on bigger
 * plans), upgrade (a plan up or a seat more) or downgrade; a churned account
 * may come back within six months. One row per account and month it pays.
 */
import { serialFromParts } from "../metrics/dates";
import { seededRandom } from "./sample-data";

export interface SampleTransaction {
  customer: string;
  /** Excel serial of the purchase day. */
  date: number;
  amount: number;
}

export interface SampleTransactionsOptions {
  seed?: number;
  /** First month, as [year, month] (default [2024, 1]). */
  start?: [number, number];
  /** Months of data (default 18). */
  months?: number;
  /** New customers in the first month (default 60); later months grow by `growth`. */
  newPerMonth?: number;
  /** Growth of the new-customer batch per month (default 0.03 = 3%). */
  growth?: number;
}

export interface SampleSubscription {
  customer: string;
  /** Excel serial of the first day of the month. */
  month: number;
  mrr: number;
}

export interface SampleSubscriptionsOptions {
  seed?: number;
  start?: [number, number];
  /** Months of data (default 18). */
  months?: number;
  /** New accounts in the first month (default 20); later months grow by `growth`. */
  newPerMonth?: number;
  growth?: number;
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Serial of the first of the month `offset` months after (year, month). */
function monthSerial(year: number, month: number, offset: number): number {
  const total = year * 12 + month - 1 + offset;
  return serialFromParts(Math.floor(total / 12), (total % 12) + 1, 1);
}

/** Count for month m: base × (1 + growth)^m, ±15%. */
function batch(random: () => number, base: number, growth: number, m: number): number {
  return Math.max(1, Math.round(base * Math.pow(1 + growth, m) * (0.85 + 0.3 * random())));
}

/** Header of the transaction sample (what a sales export calls its columns). */
export const TRANSACTION_HEADER = ["Customer", "Date", "Amount"] as const;
/** Header of the subscription sample. */
export const SUBSCRIPTION_HEADER = ["Customer", "Month", "MRR"] as const;

/**
 * The transactions as source rows, as a template's sample(): the header
 * (Customer, Date, Amount), then one row per transaction with the date as an
 * Excel serial.
 *
 * @example sampleTransactions()[0] // ["Customer", "Date", "Amount"]
 */
export function sampleTransactions(options: SampleTransactionsOptions = {}): unknown[][] {
  return [[...TRANSACTION_HEADER], ...sampleTransactionLog(options).map((t) => [t.customer, t.date, t.amount])];
}

/**
 * The subscriptions as source rows, as a template's sample(): the header
 * (Customer, Month, MRR), then one row per account and month, the month as
 * the Excel serial of its first day.
 *
 * @example sampleSubscriptions()[0] // ["Customer", "Month", "MRR"]
 */
export function sampleSubscriptions(options: SampleSubscriptionsOptions = {}): unknown[][] {
  return [[...SUBSCRIPTION_HEADER], ...sampleSubscriptionLog(options).map((r) => [r.customer, r.month, r.mrr])];
}

/**
 * Transactions, sorted by date: about 4,000 rows with the defaults
 * (18 monthly cohorts of about 60-100 customers).
 *
 * @example sampleTransactionLog({ seed: 1, months: 2, newPerMonth: 5 })[0].customer // "C00001" (the first customer's first purchase)
 */
export function sampleTransactionLog(options: SampleTransactionsOptions = {}): SampleTransaction[] {
  const random = seededRandom(options.seed ?? 2024);
  const [year, month] = options.start ?? [2024, 1];
  const months = options.months ?? 18;
  const base = options.newPerMonth ?? 60;
  const growth = options.growth ?? 0.03;
  const monthStarts = Array.from({ length: months + 1 }, (_, m) => monthSerial(year, month, m));
  const dayIn = (m: number) => monthStarts[m] + Math.floor(random() * (monthStarts[m + 1] - monthStarts[m]));
  const rows: SampleTransaction[] = [];
  let next = 1;
  for (let m0 = 0; m0 < months; m0++) {
    const newcomers = batch(random, base, growth, m0);
    for (let j = 0; j < newcomers; j++) {
      const customer = `C${String(next++).padStart(5, "0")}`;
      const leave = 0.05 + 0.45 * Math.pow(random(), 1.5); // monthly chance of leaving for good
      const buy = 0.45 + 0.5 * random(); // chance of buying in a month while a customer
      const basket = Math.exp(Math.log(45) + 0.6 * normal(random)); // the customer's usual spend
      const first = dayIn(m0);
      const purchase = (m: number) => {
        const amount = Math.max(1, Math.round(basket * Math.exp(0.3 * normal(random)) * 100) / 100);
        // A second purchase in the first month cannot come before the first one.
        rows.push({ customer, date: Math.max(first, dayIn(m)), amount });
      };
      rows.push({ customer, date: first, amount: Math.max(1, Math.round(basket * 100) / 100) });
      if (random() < 0.15) purchase(m0);
      for (let m = m0 + 1; m < months; m++) {
        if (random() < leave) break;
        if (random() < buy) {
          purchase(m);
          if (random() < 0.2) purchase(m);
        }
      }
    }
  }
  return rows.sort((a, b) => a.date - b.date || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}

const PLANS = [29, 79, 199, 499];
const PLAN_WEIGHTS = [0.45, 0.3, 0.18, 0.07];
/** Monthly churn by plan: bigger plans churn less. */
const PLAN_CHURN = [0.055, 0.035, 0.02, 0.012];

/**
 * Subscription rows (one per account and month it pays), sorted by month:
 * about 4,000 rows with the defaults.
 *
 * @example sampleSubscriptionLog({ seed: 1, months: 1, newPerMonth: 3 }).every((r) => r.month === 45292) // true: all in January 2024
 */
export function sampleSubscriptionLog(options: SampleSubscriptionsOptions = {}): SampleSubscription[] {
  const random = seededRandom(options.seed ?? 2025);
  const [year, month] = options.start ?? [2024, 1];
  const months = options.months ?? 18;
  const base = options.newPerMonth ?? 20;
  const growth = options.growth ?? 0.04;
  interface Account {
    id: string;
    plan: number;
    seats: number;
    active: boolean;
    /** Months since the account churned (for reactivation). */
    away: number;
  }
  const accounts: Account[] = [];
  const rows: SampleSubscription[] = [];
  let next = 1;
  const pickPlan = () => {
    let r = random();
    for (let p = 0; p < PLANS.length; p++) if ((r -= PLAN_WEIGHTS[p]) < 0) return p;
    return PLANS.length - 1;
  };
  for (let m = 0; m < months; m++) {
    // Existing accounts move first.
    for (const a of accounts) {
      if (a.active) {
        if (random() < PLAN_CHURN[a.plan]) {
          a.active = false;
          a.away = 0;
          continue;
        }
        const r = random();
        if (r < 0.04) {
          if (a.plan < PLANS.length - 1 && random() < 0.5) a.plan++;
          else a.seats++;
        } else if (r < 0.065) {
          if (a.seats > 1) a.seats--;
          else if (a.plan > 0) a.plan--;
        }
      } else if (a.away < 6) {
        a.away++;
        if (random() < 0.05) {
          a.active = true;
          a.plan = Math.max(0, a.plan - (random() < 0.5 ? 1 : 0));
          a.seats = 1;
        }
      }
    }
    const newcomers = batch(random, base, growth, m);
    for (let j = 0; j < newcomers; j++) {
      const seats = random() < 0.7 ? 1 : 2 + Math.floor(random() * 4);
      accounts.push({ id: `A${String(next++).padStart(4, "0")}`, plan: pickPlan(), seats, active: true, away: 0 });
    }
    const serial = monthSerial(year, month, m);
    for (const a of accounts) if (a.active) rows.push({ customer: a.id, month: serial, mrr: PLANS[a.plan] * a.seats });
  }
  return rows;
}
