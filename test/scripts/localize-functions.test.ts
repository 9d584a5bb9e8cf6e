/**
 * The Spanish custom-function metadata cannot drift from the functions: the
 * English metadata is generated here from src/functions' JSDoc (the same
 * generator the build runs) and every function and parameter must have a
 * non-empty Spanish description made from the current English text. The
 * build's LocalizedFunctionsMetadataPlugin applies the same check; this test
 * fails even while the build runs it with strict: false.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface Metadata {
  functions: { id: string; name: string; description?: string; parameters?: { name: string; description?: string; type?: string }[]; result?: unknown }[];
}
interface Translations {
  functions: Record<string, { description: string; source: string; parameters?: Record<string, { description: string; source: string }> }>;
}
interface Localizer {
  localizeMetadata(metadata: Metadata, translations: Translations): { metadata: Metadata; problems: string[]; outdated: string[] };
  updateTranslations(metadata: Metadata, translations: Translations): Translations;
  functionSourceFiles(root: string): string[];
}

const root = path.resolve(__dirname, "../..");
// Plain CommonJS (webpack.config.js requires it), without type declarations.
const localizer = require(path.join(root, "scripts/localize-functions.js")) as Localizer;
const spanish = JSON.parse(readFileSync(path.join(root, "src/functions/locales/es.json"), "utf8")) as Translations;

let english: Metadata;

beforeAll(async () => {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
    generateCustomFunctionsMetadata(files: string[], strict: boolean): Promise<{ errors: string[]; metadataJson: string }>;
  };
  const generated = await generateCustomFunctionsMetadata(localizer.functionSourceFiles(root), false);
  expect(generated.errors).toEqual([]);
  english = JSON.parse(generated.metadataJson) as Metadata;
}, 60_000);

describe("src/functions/locales/es.json", () => {
  it("translates every function and parameter there is, and nothing else", () => {
    expect(english.functions.length).toBeGreaterThanOrEqual(40);
    const { problems } = localizer.localizeMetadata(english, spanish);
    expect(problems).toEqual([]);
  });

  it("was translated from the current English texts", () => {
    const { outdated } = localizer.localizeMetadata(english, spanish);
    expect(outdated).toEqual([]);
  });

  it("is in Spanish: no description left equal to the English one", () => {
    const copied: string[] = [];
    for (const f of english.functions) {
      const t = spanish.functions[f.id];
      if (t.description.trim() === (f.description ?? "").trim()) copied.push(f.id);
      for (const p of f.parameters ?? []) {
        if (t.parameters?.[p.name]?.description.trim() === (p.description ?? "").trim()) copied.push(`${f.id}(${p.name})`);
      }
    }
    expect(copied).toEqual([]);
  });

  it("is what `node scripts/localize-functions.js update` would write (entries in the functions' order)", () => {
    const updated = localizer.updateTranslations(english, spanish);
    expect(JSON.stringify(updated, null, 2) + "\n").toBe(readFileSync(path.join(root, "src/functions/locales/es.json"), "utf8"));
  });
});

describe("localizeMetadata", () => {
  const metadata: Metadata = {
    functions: [
      { id: "CHURN", name: "CHURN", description: "Churn rate.", parameters: [{ name: "start", description: "Customers at the start.", type: "number" }] },
      { id: "NPS", name: "NPS", description: "Net Promoter Score." },
    ],
  };
  const translations = (): Translations => ({
    functions: {
      CHURN: { description: "Tasa de abandono.", source: "Churn rate.", parameters: { start: { description: "Clientes al inicio.", source: "Customers at the start." } } },
      NPS: { description: "Net Promoter Score (es).", source: "Net Promoter Score.", parameters: {} },
    },
  });

  it("replaces only the descriptions: ids, names, types and the rest stay as generated", () => {
    const { metadata: out, problems, outdated } = localizer.localizeMetadata(metadata, translations());
    expect({ problems, outdated }).toEqual({ problems: [], outdated: [] });
    expect(out).toEqual({
      functions: [
        { id: "CHURN", name: "CHURN", description: "Tasa de abandono.", parameters: [{ name: "start", description: "Clientes al inicio.", type: "number" }] },
        { id: "NPS", name: "NPS", description: "Net Promoter Score (es)." },
      ],
    });
  });

  it("names a missing function, an empty description, a missing parameter and a translation for something gone", () => {
    const t = translations();
    delete t.functions.NPS;
    t.functions.CHURN.description = "  ";
    delete t.functions.CHURN.parameters!.start;
    t.functions.CHURN.parameters!.old = { description: "Viejo.", source: "Old." };
    t.functions.GONE = { description: "Ya no existe.", source: "Gone." };
    expect(localizer.localizeMetadata(metadata, t).problems.sort()).toEqual(
      [
        "GONE: translated, but no such function exists any more (remove it).",
        "CHURN: the Spanish description is empty.",
        "CHURN(old): translated, but the function has no such parameter (remove it).",
        "CHURN(start): no Spanish description.",
        "NPS: no Spanish description.",
      ].sort(),
    );
  });

  it("flags a translation made from an English text that has since changed", () => {
    const changed: Metadata = JSON.parse(JSON.stringify(metadata));
    changed.functions[0].description = "Customer churn rate.";
    changed.functions[0].parameters![0].description = "Customers at the start of the period.";
    expect(localizer.localizeMetadata(changed, translations()).outdated).toEqual([
      "CHURN: the English description changed; review the translation.",
      "CHURN(start): the English description changed; review the translation.",
    ]);
  });
});
