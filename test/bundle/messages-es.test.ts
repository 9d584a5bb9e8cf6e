/**
 * The built functions (dist/functions.js, what Excel downloads) answer in
 * Excel's display language: with Office.context.displayLanguage "es-*" their
 * messages are Spanish, English otherwise (issue 9). A fuzz over every
 * function compares the two languages for the same odd input, so a message
 * the catalog does not know (it would stay English) fails here, naming it.
 */
import fc from "fast-check";
import { invocationAt, outcome } from "../support/call";
import { StubExcelError } from "../support/custom-functions-stub";
import { loadBundle } from "../support/load-bundle";
import { internalLeak } from "../support/message-literals";

const { associated, functions, context } = loadBundle();

async function inLanguage<T>(displayLanguage: string | null, body: () => Promise<T>): Promise<T> {
  if (displayLanguage === null) delete context.Office;
  else context.Office = { context: { displayLanguage } };
  try {
    return await body();
  } finally {
    delete context.Office;
  }
}

/** English words that would show an untranslated piece in a Spanish message. */
const ENGLISH = /\b(the|must|holds|is|are|of|and|not|with|has|have|row|column|cells?|got|expects|empty)\b/;

describe("messages of the built functions in Spanish Excel", () => {
  const npsCounts = associated.get("NPS.COUNTS")!;

  it("are Spanish with a Spanish display language, English otherwise", async () => {
    const spanish = await inLanguage("es-ES", () => outcome(npsCounts, 10, -2, 1));
    expect(spanish).toEqual({ error: "#VALUE!", message: "passives debe ser un recuento de 0 o más (se recibió -2)." });
    expect(await inLanguage("es-419", () => outcome(npsCounts, 10, -2, 1))).toEqual(spanish);
    for (const language of [null, "en-US", "fr-FR"]) {
      expect(await inLanguage(language, () => outcome(npsCounts, 10, -2, 1))).toEqual({ error: "#VALUE!", message: "passives must be a count of 0 or more (got -2)." });
    }
  });

  it("name the cell in Spanish, with Spanish numbers", async () => {
    const csat = associated.get("CSAT")!;
    const r = await inLanguage("es-MX", () => outcome(csat, [[4], [5.5]], 4, invocationAt("Hoja1!B2:B3")));
    expect(r).toEqual({ error: "#VALUE!", message: expect.stringMatching(/^Hoja1!B3 contiene 5,5, que no es una puntuación válida/) });
  });

  const errorValue = fc.constantFrom("#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NAME?").map((c) => new StubExcelError(c));
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom(0, 0.5, 1.5, 1e308, -1, 2 ** 53, 100_000) },
    { weight: 1, arbitrary: fc.constantFrom(null, "", "0x10", "1,234", "2024-01-31", "week", "share", "revenue", "bien") },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: errorValue },
  );
  const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 });

  it.each(functions.map((f) => [f.id, f] as const))("CXM.%s: every message it gives has its Spanish text (fast-check)", async (id, f) => {
    const fn = associated.get(id)!;
    const untranslated = new Set<string>();
    const args = fc.tuple(...f.parameters.map((p) => (p.dimensionality === "matrix" ? range : fc.oneof({ weight: 5, arbitrary: cell }, { weight: 1, arbitrary: range }))));
    await fc.assert(
      fc.asyncProperty(args, async (params) => {
        const extra = f.options?.requiresParameterAddresses ? [invocationAt("Sheet1!A1:A10")] : [];
        const en = await inLanguage(null, () => outcome(fn, ...params, ...extra));
        const es = await inLanguage("es-ES", () => outcome(fn, ...params, ...extra));
        if ("thrown" in es) throw new Error(`threw ${String(es.thrown)}`);
        if (!("error" in en) || !en.message) return;
        if (!("error" in es) || es.error !== en.error) throw new Error(`${JSON.stringify(en)} became ${JSON.stringify(es)} in Spanish`);
        // The user's own text, quoted back, is neither language: take it out before looking for English.
        const own = (m: string) => (params.flat(2) as unknown[]).filter((v): v is string => typeof v === "string" && v.trim() !== "").reduce((t, v) => t.split(v).join("«»"), m);
        const spanish = own(es.message ?? "");
        if (es.message === en.message || ENGLISH.test(spanish) || internalLeak(spanish)) untranslated.add(`${en.message} -> ${es.message}`);
      }),
      { numRuns: 60 },
    );
    expect([...untranslated]).toEqual([]);
  });
});
