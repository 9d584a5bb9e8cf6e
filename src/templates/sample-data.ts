/**
 * The seeded generator the sample data of several templates draw from (the
 * same seed gives the same rows on any machine). The survey dashboard's
 * sample lives in src/templates/survey-dashboard/sample.ts.
 */
import { seededRandom } from "../metrics/random";

// Re-exported: sample generators of other templates import it from here.
export { seededRandom };
