/**
 * Which CSV column feeds each template column: the task pane's automatic
 * mapping (headers matched against English and Spanish synonyms, ignoring
 * case and accents), then the user's --map key=Header corrections.
 */
import { autoMap, normalizeHeader, unmappedRequired } from "../taskpane/mapping";
import type { ColumnMapping, ColumnSpec } from "../templates/registry-types";
import { UsageError } from "./args";

/** Applies --map overrides to the automatic mapping; an unknown key or header is a UsageError naming it. */
export function mappingFor(columns: ColumnSpec[], header: string[], overrides: [string, string][], templateId: string, file: string): ColumnMapping {
  const mapping = autoMap(columns, header);
  const normalized = header.map(normalizeHeader);
  for (const [key, wanted] of overrides) {
    const column = columns.find((c) => c.key === key);
    if (!column) {
      const keys = columns.map((c) => c.key).join(", ") || "none";
      throw new UsageError(`--map ${key}=${wanted}: template ${templateId} has no column "${key}" (its columns: ${keys}).`);
    }
    if (wanted === "") {
      mapping[key] = -1; // --map comment= : leave an optional column out
      continue;
    }
    let index = header.indexOf(wanted);
    if (index < 0) index = normalized.indexOf(normalizeHeader(wanted));
    if (index < 0) throw new UsageError(`--map ${key}=${wanted}: ${file} has no column "${wanted}" (its headers: ${header.join(", ")}).`);
    // The header now feeds `key` only: a column the automatic mapping gave it to loses it.
    for (const other of Object.keys(mapping)) if (other !== key && mapping[other] === index) mapping[other] = -1;
    mapping[key] = index;
  }
  return mapping;
}

/** Required columns still without a source column, as one message naming them and the file's headers. */
export function missingColumnsMessage(columns: ColumnSpec[], mapping: ColumnMapping, header: string[], file: string): string | null {
  const missing = unmappedRequired(columns, mapping);
  if (missing.length === 0) return null;
  const names = missing.map((c) => `${c.key} (${c.label.en}; recognised headers: ${c.synonyms.slice(0, 4).join(", ")}…)`).join("; ");
  const hint = missing.map((c) => `--map ${c.key}="Your header"`).join(" ");
  return `${file} has no column for ${names}. Its headers are: ${header.join(", ") || "(none)"}. Name the column with ${hint}.`;
}

/** One line per template column: which CSV header feeds it. */
export function describeMapping(columns: ColumnSpec[], mapping: ColumnMapping, header: string[]): string[] {
  return columns.map((c) => `  ${c.key.padEnd(12)} <- ${mapping[c.key] >= 0 ? `"${header[mapping[c.key]]}"` : c.required ? "(missing)" : "(not used)"}`);
}
