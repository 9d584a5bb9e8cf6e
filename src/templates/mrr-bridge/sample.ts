/**
 * The MRR bridge's sample: about 3,600 seeded subscription rows over 18
 * months (src/templates/sample-transactions.ts), under a header in the
 * build's language, so inserted sample data reads like the user's own.
 */
import { customerColumn } from "../descriptor-kit";
import type { Language } from "../registry-types";
import { sampleSubscriptions } from "../sample-transactions";
import { MRR_STRINGS } from "./strings";

/** A header row (Customer, Month, MRR — Cliente, Mes, MRR), then one row per account and month, months as Excel serials. */
export function mrrSample(language: Language = "en"): unknown[][] {
  const [, ...rows] = sampleSubscriptions();
  const t = MRR_STRINGS[language];
  return [[customerColumn().label[language], t.columnMonth, t.columnMrr], ...rows];
}
