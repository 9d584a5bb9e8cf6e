import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildDemo } from "../../src/cli/demo";
import { templates } from "../../src/templates/registry";
import type { TemplateDescriptor } from "../../src/templates/registry-types";
import { resolvePlans } from "../../src/workbook/resolve";
import { BUILT, runCli, tempDir } from "../support/cli";

const ROOT = path.resolve(__dirname, "../..");

// A demo builds seven templates and writes them with ExcelJS: seconds on a loaded two-core machine.
jest.setTimeout(60_000);

describe("cxm demo", () => {
  const dir = tempDir("cxm-demo-");

  test("writes one workbook holding every registered template's sheets, readable by ExcelJS", async () => {
    const r = await runCli(["demo", "--out", "demo.xlsx"], dir);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "demo.xlsx"));
    // One sheet set per template, in registry order: each plan's sheets, under the names the resolver gives them.
    const plans = buildDemo(templates, "en", BUILT).map((e) => e.plan);
    const resolved = resolvePlans(plans).sheets;
    expect(wb.worksheets.map((w) => w.name)).toEqual(resolved.map((s) => s.name));
    expect(resolved.map((s) => s.planIndex)).toEqual(plans.flatMap((p, i) => p.sheets.map(() => i)));
    expect(r.out).toContain(`${wb.worksheets.length} sheets from ${templates.length} templates`);
    for (const t of templates) expect(r.out).toContain(`${t.title.en} (${t.id})`);
  });

  test("prints each template's headline figures as the metrics core computes them", async () => {
    const r = await runCli(["demo", "--out", "demo2.xlsx"], dir);
    // The LTV:CAC sample: ltv(120, 0.8, 0.03) = 3200, / CAC 900 = 3.56 (ltv.ts @examples).
    expect(r.out).toMatch(/LTV\s+3,200/);
    expect(r.out).toMatch(/LTV:CAC\s+3\.56x/);
    for (const e of buildDemo(templates, "en", BUILT)) for (const h of e.headlines) expect(r.out).toContain(h.label.en);
  });

  test("--lang es prints titles and figures the Spanish way", async () => {
    const r = await runCli(["demo", "--out", "demo-es.xlsx", "--lang", "es"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Modelo LTV:CAC (ltv-cac)");
    expect(r.out).toMatch(/LTV:CAC\s+3,56x/);
  });

  test("defaults to ./cxm-demo.xlsx", async () => {
    const r = await runCli(["demo"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "cxm-demo.xlsx"))).toBe(true);
  });

  test("a template whose sample does not validate stops the demo, named, before anything is written", async () => {
    const broken: TemplateDescriptor = {
      ...templates[0],
      id: "broken",
      validate: () => ({ goodRows: 0, problems: [], blocking: [{ en: "sample is empty", es: "muestra vacía" }] }),
    };
    const r = await runCli(["demo", "--out", "broken.xlsx"], dir, [templates[0], broken]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("cxm: The sample of template broken does not validate: sample is empty");
    expect(existsSync(path.join(dir, "broken.xlsx"))).toBe(false);
  });

  test("the installed command (bin/cxm.js through tsx) runs the demo and exits 0", () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, "bin/cxm.js"), "demo", "--out", path.join(dir, "bin.xlsx")], {
      cwd: dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(out).toContain("Wrote");
    expect(existsSync(path.join(dir, "bin.xlsx"))).toBe(true);
  });

  test("the installed command exits 2 on a usage mistake, naming it", () => {
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [path.join(ROOT, "bin/cxm.js"), "template", "nope"], { cwd: dir, encoding: "utf8", stdio: "pipe", timeout: 120_000 });
    } catch (e) {
      ({ status, stderr } = e as { status: number; stderr: string });
    }
    expect(status).toBe(2);
    expect(stderr).toContain('cxm: Unknown template "nope"');
  });
});
