/**
 * Turning a source (the built-in sample or a CSV file) and the command
 * line's options into a template's BuildInput, the same way for `cxm demo`
 * and `cxm template`.
 */
import { autoGroups, autoMap } from "../templates/column-mapping";
import { numberOf } from "../templates/cells";
import { normalizeHeader } from "../templates/column-mapping";
import type { BuildInput, ColumnSpec, Language, OptionSpec, TemplateDescriptor } from "../templates/registry-types";
import { COMMON } from "../templates/shared/strings";
import { UsageError } from "./args";

/** The columns a file is read through: the template's columns, or its optional input table's. */
export function inputColumnsOf(t: TemplateDescriptor): ColumnSpec[] {
  return t.columns.length > 0 ? t.columns : (t.inputColumns ?? []);
}

/** Every option at its default. */
export function defaultOptions(t: TemplateDescriptor): Record<string, string | number> {
  return Object.fromEntries(t.options.map((o) => [o.key, o.default]));
}

/** The Spanish word for a choice's value, as `cxm list` shows it and a user types it. */
export const SPANISH_WORD: Record<string, string> = {
  day: "día", week: "semana", month: "mes", quarter: "trimestre", year: "año", customers: "clientes", revenue: "ingresos", both: "ambos",
  higher: "mayor", lower: "menor", alphabetical: "alfabético",
};

/** Other words a user may type for a choice's value (compared without accents). */
const WORDS: Record<string, string[]> = {
  day: ["dia", "dias", "days"],
  week: ["semana", "semanas", "weeks", "weekly", "semanal"],
  month: ["mes", "meses", "months", "monthly", "mensual"],
  quarter: ["trimestre", "trimestres", "quarters", "quarterly", "trimestral"],
  year: ["ano", "anos", "year", "years", "yearly", "anual"],
  customers: ["clientes", "cliente", "customer"],
  revenue: ["ingresos", "ingreso"],
  both: ["ambos", "ambas", "todo"],
  higher: ["mayor", "mas alto"],
  lower: ["menor", "mas bajo"],
  alphabetical: ["alfabetico", "alfabetica"],
};

/** The choice a typed word stands for: the value itself, a word for it, or its label in either language (case and accents ignored). */
export function choiceValue(spec: OptionSpec, text: string): string | undefined {
  const choices = spec.choices ?? [];
  if (choices.some((c) => c.value === text)) return text;
  const t = normalizeHeader(text);
  if (t === "") return undefined;
  return choices.find(
    (c) => normalizeHeader(c.value) === t || normalizeHeader(SPANISH_WORD[c.value] ?? "") === t || (WORDS[c.value] ?? []).includes(t) || normalizeHeader(c.label.en) === t || normalizeHeader(c.label.es) === t,
  )?.value;
}

/**
 * The defaults with --option key=value applied: numbers read as numbers
 * ("0.9", "90%", "0,9" in Spanish), choices checked against their values,
 * text taken as given (the template reads and validates it, naming bad rows).
 */
export function optionsFor(t: TemplateDescriptor, given: [string, string][], language: Language): Record<string, string | number> {
  const options = defaultOptions(t);
  for (const [key, text] of given) {
    const spec = t.options.find((o) => o.key === key);
    if (!spec) {
      const keys = t.options.map((o) => o.key).join(", ");
      throw new UsageError({
        en: `--option ${key}=${text}: template ${t.id} has no option "${key}" (its options: ${keys || "none"}).`,
        es: `--option ${key}=${text}: la plantilla ${t.id} no tiene la opción «${key}» (sus opciones: ${keys || "ninguna"}).`,
      });
    }
    if (spec.kind === "number") {
      const value = numberOf(text, language);
      if (Number.isNaN(value)) throw new UsageError({ en: `--option ${key}=${text}: ${spec.label.en} must be a number.`, es: `--option ${key}=${text}: ${spec.label.es} debe ser un número.` });
      options[key] = value;
    } else if (spec.kind === "text") {
      options[key] = text;
    } else {
      const value = choiceValue(spec, text);
      // An empty value (e.g. no currency symbol) is shown as "" with its label, so the list stays readable.
      const shown = (l: Language) => (spec.choices ?? []).map((c) => (c.value === "" ? `"" (${c.label[l]})` : c.value)).join(", ");
      if (value === undefined) {
        throw new UsageError({
          en: `--option ${key}=${text}: ${spec.label.en} must be one of ${shown("en")}.`,
          es: `--option ${key}=${text}: ${spec.label.es} debe ser uno de estos valores: ${shown("es")}.`,
        });
      }
      options[key] = value;
    }
  }
  return options;
}

/** The BuildInput for a template's built-in sample: the sample's rows mapped by their own headers, options at their defaults, with its secondary sources' samples. */
export function sampleInput(t: TemplateDescriptor, language: Language, builtAt: Date): BuildInput {
  const [header = [], ...rows] = t.sample(language);
  const columns = inputColumnsOf(t);
  const mapping = autoMap(columns, header);
  const input: BuildInput = {
    rows: columns.length > 0 ? rows : [],
    mapping,
    groups: autoGroups(columns, header, mapping),
    options: defaultOptions(t),
    sourceLabel: COMMON[language].sampleSource,
    builtAt,
    language,
    surface: "cli",
  };
  if (t.secondarySources && t.secondarySources.length > 0) {
    input.secondary = Object.fromEntries(
      t.secondarySources.map((s) => {
        const [head = [], ...data] = s.sample(language);
        return [s.key, { rows: data, mapping: autoMap(s.columns, head), sourceLabel: COMMON[language].sampleSource }];
      }),
    );
  }
  return input;
}

/** The template with this id, or a UsageError listing the ids. */
export function findTemplate(templates: TemplateDescriptor[], id: string): TemplateDescriptor {
  const t = templates.find((x) => x.id === id);
  const ids = templates.map((x) => x.id).join(", ");
  if (!t) throw new UsageError({ en: `Unknown template "${id}". The templates are: ${ids} (see cxm list).`, es: `Plantilla desconocida «${id}». Las plantillas son: ${ids} (vea cxm list).` });
  return t;
}
