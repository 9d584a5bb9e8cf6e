/**
 * Text that is true: every CXM function a template's sheets name (notes
 * such as "=CXM.NPS", "as =CXM.SEGMENTSUMMARY does") exists in the built
 * add-in's functions.json. Runs over every registered template, moved or
 * not, in both languages. `npm test` builds dist/ first.
 */
import { buildDemo } from "../../../src/cli/demo";
import { templates } from "../../../src/templates/registry";
import { loadBundle } from "../../support/load-bundle";
import { planTexts } from "../../support/plan-text";
import { BUILT, LANGUAGES } from "./moved";

const NAME = /CXM\.([A-Z][A-Z0-9]*(?:\.[A-Z][A-Z0-9]*)*)/g;

/** The CXM names a text mentions: "see =CXM.NPS.CI." -> ["NPS.CI"]. */
function cxmNames(text: string): string[] {
  return [...text.matchAll(NAME)].map((m) => m[1]);
}

describe("CXM functions named in template text", () => {
  const functions = new Set(loadBundle().functions.map((f) => f.name.toUpperCase()));

  test("the name reader finds dotted names and stops at a sentence's full stop", () => {
    expect(cxmNames("as =CXM.LTV and =CXM.LTVCAC. Target: 3; see CXM.NPS.CI")).toEqual(["LTV", "LTVCAC", "NPS.CI"]);
  });

  test.each(LANGUAGES)("every name in every template's sheets (%s) is a function of the add-in", (language) => {
    const named = new Map<string, string>();
    for (const entry of buildDemo(templates, language, BUILT)) {
      for (const { where, text } of planTexts(entry.plan)) for (const name of cxmNames(text)) named.set(name, `${entry.template.id} ${where}`);
    }
    const unknown = [...named].filter(([name]) => !functions.has(name)).map(([name, where]) => `CXM.${name} (${where})`);
    expect(unknown).toEqual([]);
    expect(named.size).toBeGreaterThan(3); // the templates do name functions: the check has something to check
  });
});
