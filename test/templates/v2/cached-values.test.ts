/**
 * Every formula cell of every moved template (moved.ts), in both languages,
 * carries the value the template computed for it, and HyperFormula
 * recalculating the plan gives that same value. (LibreOffice's recalculation
 * is compared in libreoffice.test.ts.)
 */
import { evaluatePlan } from "../../support/evaluate-plan";
import { formulaCells, sameValue } from "../../support/formula-cells";
import { sampleBuilds } from "./moved";

const builds = sampleBuilds();

describe("cached values of every formula cell", () => {
  test.each(builds.map((b) => [b.template.id, b.language, b] as const))("%s in %s: every formula carries a value, and HyperFormula computes the same", (_id, _language, b) => {
    const cells = formulaCells(b.plan);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => c.cached === undefined).map((c) => `${c.sheet}!${c.cell}`)).toEqual([]);
    const wb = evaluatePlan(b.plan);
    const differ = cells
      .map((c) => ({ ...c, shown: wb.value(c.sheet, c.cell) }))
      .filter((c) => !sameValue(c.shown, c.cached!))
      .map((c) => `${c.sheet}!${c.cell} ${c.formula}: cached ${JSON.stringify(c.cached)}, HyperFormula ${JSON.stringify(c.shown)}`);
    expect(differ.slice(0, 20)).toEqual([]);
  });

  test("the comparison itself tells values apart", () => {
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameValue(0.3001, 0.3)).toBe(false);
    expect(sameValue("n/a", "n/a")).toBe(true);
    expect(sameValue(null, "")).toBe(true);
    expect(sameValue(0, "")).toBe(false);
    expect(sameValue({ error: "#N/A", message: "" }, { error: "#N/A" })).toBe(true);
    expect(sameValue({ error: "#DIV/0!", message: "" }, { error: "#N/A" })).toBe(false);
  });
});
