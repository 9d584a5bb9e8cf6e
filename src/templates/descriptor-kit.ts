/**
 * Small pieces the template descriptors share: reading an option that may
 * arrive as a number (task pane) or as text (CLI --option key=value), finding
 * a template column in a source row, and the problems and blocking messages
 * every descriptor words the same way. Reading the cells themselves is cells.ts.
 */
import { MetricError } from "../metrics/errors";
import { numberOf } from "./cells";
import type { BuildInput, ColumnMapping, ColumnSpec, Localized, OptionSpec, RowProblem } from "./registry-types";

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

/** An option's number by key, or `fallback` when absent; NaN when unreadable. */
export function numberOption(input: Pick<BuildInput, "options" | "language">, key: string, fallback: number): number {
  const given = input.options[key];
  if (given === undefined || given === null || given === "") return fallback;
  return numberOf(given, input.language);
}

/** The source column index of a template column, or -1 when it is not mapped. */
export function mappedColumn(mapping: ColumnMapping, key: string): number {
  const index = mapping[key];
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : -1;
}

/** The value of a template column in a row ("" when the column is not mapped). */
export function field(row: readonly unknown[], mapping: ColumnMapping, key: string): unknown {
  const index = mappedColumn(mapping, key);
  return index < 0 ? "" : row[index];
}

/** "The Date column is required", for each required column without a source column. */
export function unmappedColumns(columns: readonly ColumnSpec[], mapping: ColumnMapping): Localized[] {
  return columns
    .filter((c) => c.required && mappedColumn(mapping, c.key) < 0)
    .map((c) => ({
      en: `The ${c.label.en} column is required: map a source column to it.`,
      es: `La columna ${c.label.es} es obligatoria: asígnele una columna de origen.`,
    }));
}

/** A row problem with its message in both languages. */
export function problem(row: number, column: string, en: string, es: string): RowProblem {
  return { row, column, message: { en, es } };
}

/** The build time as the sheets state it: "2025-01-15 09:30 UTC". */
export function stamp(builtAt: Date): string {
  return `${builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An error whose message is in the build's language, for the task pane and the CLI to show as it is. */
export class TemplateInputError extends Error {
  readonly messages: Localized;
  constructor(messages: Localized, language: keyof Localized = "en") {
    super(messages[language]);
    this.name = "TemplateInputError";
    this.messages = messages;
  }
}

/**
 * The customer id column every row-based template reads, with the header names
 * that map to it in English and Spanish, plus a template's own (`extra`).
 */
export function customerColumn(extra: string[] = []): ColumnSpec {
  return {
    key: "customer",
    label: { en: "Customer", es: "Cliente" },
    required: true,
    kind: "id",
    synonyms: ["customer", "cliente", "customer id", "customer_id", "id cliente", "id_cliente", "client", "account", "cuenta", ...extra],
  };
}

/** The currency symbol of money cells, for every template that shows money. */
export const CURRENCY_OPTION: OptionSpec = {
  key: "currency",
  label: { en: "Currency", es: "Moneda" },
  kind: "choice",
  choices: [
    { value: "$", label: { en: "$", es: "$" } },
    { value: "€", label: { en: "€", es: "€" } },
    { value: "£", label: { en: "£", es: "£" } },
    { value: "", label: { en: "None", es: "Ninguna" } },
  ],
  default: "$",
};

export const NO_ROWS: Localized = { en: "The source has no data rows.", es: "El origen no tiene filas de datos." };
export const NO_GOOD_ROWS: Localized = { en: "No row can be used: every row has a problem.", es: "No se puede usar ninguna fila: todas tienen algún problema." };

/** A MetricError thrown by the metrics core or a template, as a blocking message (the core's messages are English). */
export function blockingFromError(e: unknown, what: Localized): Localized {
  const detail = e instanceof MetricError || e instanceof Error ? e.message : String(e);
  return { en: `${what.en}: ${detail}`, es: `${what.es}: ${detail}` };
}
