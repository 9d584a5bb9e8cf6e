/**
 * The one error every template throws for a problem that stops a build (a
 * required column not mapped, no usable row, an option that does not fit
 * the data): its message is in the build's language, and it carries both
 * languages so the task pane and the CLI can show it as it is.
 */
import type { Language, Localized, ValidationReport } from "../registry-types";

export class TemplateInputError extends Error {
  readonly messages: Localized;
  constructor(messages: Localized, language: Language = "en") {
    super(messages[language]);
    this.name = "TemplateInputError";
    this.messages = messages;
  }
}

/** Throws a TemplateInputError naming every blocking problem of a validation report, if it has any. */
export function stopIfBlocking(report: Pick<ValidationReport, "blocking">, language: Language): void {
  if (report.blocking.length === 0) return;
  throw new TemplateInputError({ en: report.blocking.map((b) => b.en).join(" "), es: report.blocking.map((b) => b.es).join(" ") }, language);
}
