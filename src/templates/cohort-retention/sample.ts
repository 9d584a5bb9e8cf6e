/**
 * The cohort template's sample: about 4,000 seeded transactions over 18
 * months (src/templates/sample-transactions.ts), under a header in the
 * build's language, so inserted sample data reads like the user's own.
 */
import { customerColumn } from "../descriptor-kit";
import type { Language } from "../registry-types";
import { sampleTransactions } from "../sample-transactions";
import { COHORT_STRINGS } from "./strings";

/** A header row (Customer, Date, Amount — Cliente, Fecha, Importe), then the transactions, dates as Excel serials. */
export function cohortSample(language: Language = "en"): unknown[][] {
  const [, ...rows] = sampleTransactions();
  const t = COHORT_STRINGS[language];
  return [[customerColumn().label[language], t.columnDate, t.columnAmount], ...rows];
}
