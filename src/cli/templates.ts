/**
 * Turning a source (the built-in sample or a CSV file) and the command
 * line's options into a template's BuildInput, the same way for `cxm demo`
 * and `cxm template`.
 */
import { autoMap } from "../taskpane/mapping";
import { numberOf } from "../templates/cells";
import type { BuildInput, ColumnSpec, Language, TemplateDescriptor } from "../templates/registry-types";
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
      const keys = t.options.map((o) => o.key).join(", ") || "none";
      throw new UsageError(`--option ${key}=${text}: template ${t.id} has no option "${key}" (its options: ${keys}).`);
    }
    if (spec.kind === "number") {
      const value = numberOf(text, language);
      if (Number.isNaN(value)) throw new UsageError(`--option ${key}=${text}: ${spec.label.en} must be a number.`);
      options[key] = value;
    } else if (spec.kind === "text") {
      options[key] = text;
    } else {
      const allowed = (spec.choices ?? []).map((c) => c.value);
      // An empty value (e.g. no currency symbol) is shown as "" with its label, so the list stays readable.
      const shown = (spec.choices ?? []).map((c) => (c.value === "" ? `"" (${c.label.en})` : c.value));
      if (!allowed.includes(text)) throw new UsageError(`--option ${key}=${text}: ${spec.label.en} must be one of ${shown.join(", ")}.`);
      options[key] = text;
    }
  }
  return options;
}

/** The BuildInput for a template's built-in sample: the sample's rows mapped by their own headers, options at their defaults. */
export function sampleInput(t: TemplateDescriptor, language: Language, builtAt: Date): BuildInput {
  const [header = [], ...rows] = t.sample(language);
  const columns = inputColumnsOf(t);
  return {
    rows: columns.length > 0 ? rows : [],
    mapping: autoMap(columns, header),
    options: defaultOptions(t),
    sourceLabel: COMMON[language].sampleSource,
    builtAt,
    language,
    surface: "cli",
  };
}

/** The template with this id, or a UsageError listing the ids. */
export function findTemplate(templates: TemplateDescriptor[], id: string): TemplateDescriptor {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new UsageError(`Unknown template "${id}". The templates are: ${templates.map((x) => x.id).join(", ")} (see cxm list).`);
  return t;
}
