/**
 * The language of text that functions return (labels, table headers): Spanish
 * when Office's display language is Spanish (any "es-*"), English otherwise.
 * In the shared runtime Office.js is loaded, so Office.context.displayLanguage
 * is there; outside Office (tests, the CLI) the answer is English.
 */
export type OutputLanguage = "en" | "es";

export function outputLanguage(): OutputLanguage {
  try {
    const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
    return /^es(-|_|$)/i.test(office?.context?.displayLanguage ?? "") ? "es" : "en";
  } catch {
    return "en";
  }
}
