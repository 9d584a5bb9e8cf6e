/**
 * The manifest declares the Excel requirement set the code needs (issue 9,
 * item 10): every member of the Excel JavaScript API the add-in uses (in
 * src/excel and src/taskpane, found with the TypeScript type checker) has its
 * requirement set read from its documentation in @types/office-js — the
 * "[Api set: ExcelApi 1.x]" remark Microsoft's reference pages show — and
 * the highest of them must be declared in manifest.xml, unless the call is
 * guarded with Office.context.requirements.isSetSupported("ExcelApi", "1.x").
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(f) ? [full] : [];
  });
}

interface Use {
  member: string;
  version: number;
  where: string;
  guarded: boolean;
}

const versionOf = (text: string) => Number(/ExcelApi (\d+\.\d+)/.exec(text)?.[1] ?? NaN);

/** Every use of an Excel API member, with the ExcelApi version its documentation states. */
function excelApiUses(): Use[] {
  const sources = [...files(path.join(ROOT, "src/excel")), ...files(path.join(ROOT, "src/taskpane"))];
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(sources, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of sources) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const declaration = symbol?.declarations?.[0];
        if (declaration && declaration.getSourceFile().fileName.includes("@types/office-js")) {
          const owner = (declaration.parent as ts.ClassDeclaration | ts.InterfaceDeclaration).name?.getText() ?? "";
          const docs = ts.getJSDocCommentsAndTags(declaration).map((d) => d.getText()).join("\n");
          const version = versionOf(docs);
          // Only the Excel namespace's classes: Office.* (common API) is not an Excel requirement set.
          if (!Number.isNaN(version) && namespaceOf(declaration) === "Excel") {
            const fn = enclosingFunctionText(node);
            const guarded = new RegExp(`isSetSupported\\(\\s*"ExcelApi"\\s*,\\s*"${version}"`).test(fn);
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            uses.push({ member: `${owner}.${node.name.text}`, version, where: `${path.relative(ROOT, file)}:${line + 1}`, guarded });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

function namespaceOf(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isModuleDeclaration(n)) return n.name.getText();
  return "";
}

function enclosingFunctionText(node: ts.Node): string {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) return n.getText();
  }
  return "";
}

const manifest = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const declared = Number(/<Set\s+Name="ExcelApi"\s+MinVersion="(\d+\.\d+)"/.exec(manifest)?.[1] ?? NaN);
const uses = excelApiUses();
const compareVersions = (a: number, b: number) => {
  const [x, y] = [String(a).split(".").map(Number), String(b).split(".").map(Number)];
  return x[0] - y[0] || (x[1] ?? 0) - (y[1] ?? 0);
};

describe("the Excel requirement set in manifest.xml", () => {
  it("finds the Excel API the code calls, with each member's set from its documentation", () => {
    const members = new Set(uses.map((u) => u.member));
    expect(members.size).toBeGreaterThan(30);
    // Spot checks against the reference (learn.microsoft.com/javascript/api/excel): the sets stated there.
    const version = (m: string) => uses.find((u) => u.member === m)?.version;
    expect(version("Application.suspendScreenUpdatingUntilNextSync")).toBe(1.9);
    expect(version("Application.suspendApiCalculationUntilNextSync")).toBe(1.6);
    expect(version("Workbook.getActiveCell")).toBe(1.7);
    expect(version("Range.getSpecialCellsOrNullObject")).toBe(1.9);
    expect(version("NamedItem.formula")).toBe(1.7);
    expect(version("Worksheet.id")).toBe(1.1);
  });

  it("declares ExcelApi at the highest version any unguarded call needs", () => {
    expect(Number.isNaN(declared)).toBe(false);
    const needed = uses.filter((u) => !u.guarded).reduce((m, u) => (compareVersions(u.version, m) > 0 ? u.version : m), 1.1);
    const tooNew = uses.filter((u) => !u.guarded && compareVersions(u.version, declared) > 0).map((u) => `${u.member} (ExcelApi ${u.version}) at ${u.where}`);
    expect(tooNew).toEqual([]);
    // And no higher than needed: a higher set would shut out Excel versions that can run the add-in.
    expect(declared).toBe(needed);
  });

  it("keeps the shared runtime set", () => {
    expect(manifest).toMatch(/<Set\s+Name="SharedRuntime"\s+MinVersion="1.1"/);
  });
});
