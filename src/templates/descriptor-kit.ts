/**
 * Small pieces the template descriptors share: reading an option that may
 * arrive as a number (task pane) or as text (CLI --option key=value), and the
 * blocking messages every descriptor gives the same way.
 */
import { MetricError } from "../metrics/errors";
import { numberOf } from "./cells";
import type { BuildInput, ColumnSpec, Localized, OptionSpec } from "./registry-types";

/** An option's number: the given value when it reads as one, the spec's default when absent, NaN when unreadable. */
export function optionNumber(input: Pick<BuildInput, "options" | "language">, spec: OptionSpec): number {
  const given = input.options[spec.key];
  if (given === undefined || given === "") return Number(spec.default);
  return numberOf(given, input.language);
}

/** An option's text: one of the spec's choices, else its default. */
export function optionChoice(input: Pick<BuildInput, "options">, spec: OptionSpec): string {
  const given = input.options[spec.key];
  const allowed = (spec.choices ?? []).map((c) => c.value);
  return typeof given === "string" && allowed.includes(given) ? given : String(spec.default);
}

/** "The Date column is not mapped", for each required column without a source column. */
export function unmappedColumns(columns: ColumnSpec[], mapping: Record<string, number>): Localized[] {
  return columns
    .filter((c) => c.required && !(mapping[c.key] >= 0))
    .map((c) => ({
      en: `The ${c.label.en} column is required: map a source column to it.`,
      es: `La columna ${c.label.es} es obligatoria: asígnele una columna de origen.`,
    }));
}

export const NO_ROWS: Localized = { en: "The source has no data rows.", es: "El origen no tiene filas de datos." };
export const NO_GOOD_ROWS: Localized = { en: "No row can be used: every row has a problem.", es: "No se puede usar ninguna fila: todas tienen algún problema." };

/** A MetricError thrown by the metrics core or a template, as a blocking message (the core's messages are English). */
export function blockingFromError(e: unknown, what: Localized): Localized {
  const detail = e instanceof MetricError || e instanceof Error ? e.message : String(e);
  return { en: `${what.en}: ${detail}`, es: `${what.es}: ${detail}` };
}
