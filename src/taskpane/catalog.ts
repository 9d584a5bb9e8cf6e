/**
 * The Functions tab's catalog: read from the generated custom-functions
 * metadata (functions.json, or functions-es.json with Spanish descriptions),
 * served by the add-in itself, so the list can never disagree with what Excel
 * registers. Pure except fetchCatalog.
 */
import type { Language } from "../templates/registry-types";
import { normalizeHeader } from "../templates/column-mapping";

export interface CatalogParameter {
  name: string;
  description: string;
  optional: boolean;
}

export interface CatalogEntry {
  id: string;
  name: string;
  description: string;
  parameters: CatalogParameter[];
}

/** The custom functions' namespace (manifest.xml: Functions.Namespace). */
export const NAMESPACE = "CXM";

/** The metadata file for a language, relative to the task pane page. */
export function catalogFile(language: Language): string {
  return language === "es" ? "functions-es.json" : "functions.json";
}

interface RawMetadata {
  functions?: { id: string; name?: string; description?: string; parameters?: { name: string; description?: string; optional?: boolean }[] }[];
}

/** Catalog entries from a functions.json document, sorted by name. */
export function parseCatalog(metadata: RawMetadata): CatalogEntry[] {
  return (metadata.functions ?? [])
    .map((f) => ({
      id: f.id,
      name: f.name ?? f.id,
      description: f.description ?? "",
      parameters: (f.parameters ?? []).map((p) => ({ name: p.name, description: p.description ?? "", optional: p.optional === true })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Fetches the catalog for a language from the add-in's own origin. */
export async function fetchCatalog(language: Language): Promise<CatalogEntry[]> {
  const response = await fetch(catalogFile(language), { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${catalogFile(language)}: HTTP ${response.status}`);
  return parseCatalog((await response.json()) as RawMetadata);
}

/** Entries whose name or description contain every word of the query (case and accents ignored). */
export function searchCatalog(entries: CatalogEntry[], query: string): CatalogEntry[] {
  const words = normalizeHeader(query).split(" ").filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((e) => {
    const text = normalizeHeader(`${NAMESPACE}.${e.name} ${e.name.replace(/\./g, " ")} ${e.description}`);
    return words.every((w) => text.includes(w));
  });
}

/** True for a name Excel would read as a cell reference or reject as a name: "a1", "r", "c2", "r1c1". */
function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
}

/**
 * The formula the Insert button puts in the active cell: the function with its
 * required parameters' names as placeholders, `=CXM.LTV(arpa,gross_margin,churn)`.
 * Excel accepts it (an undefined name shows #NAME? until the user replaces it);
 * a placeholder that would read as a cell reference gets a trailing "_".
 */
export function formulaSkeleton(entry: CatalogEntry): string {
  const args = entry.parameters.filter((p) => !p.optional).map((p) => (looksLikeReference(p.name) ? `${p.name}_` : p.name));
  return `=${NAMESPACE}.${entry.name}(${args.join(",")})`;
}
