import { readFileSync } from "node:fs";
import path from "node:path";
import { validateManifest } from "../../scripts/validate-manifest";
import { distDir } from "../support/load-bundle";

const manifest = readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");

describe("validateManifest (offline)", () => {
  it("accepts the project's manifest against the built dist/", () => {
    expect(validateManifest(manifest, distDir)).toEqual([]);
  });

  it("reports malformed XML", () => {
    expect(validateManifest(manifest.replace("</Hosts>", ""), distDir)[0]).toMatch(/not well-formed/);
  });

  it("reports a resid with no resource", () => {
    const broken = manifest.replace('<Label resid="CommandsGroup.Label"/>', '<Label resid="Nope.Label"/>');
    expect(validateManifest(broken, distDir)).toContain('<Label resid="Nope.Label"> refers to a resource that is not defined.');
  });

  it("reports an inconsistent shared runtime", () => {
    const broken = manifest.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>');
    expect(validateManifest(broken, distDir)).toContain('<FunctionFile> uses resid "Functions.Script.Url" but the shared <Runtime> uses "Taskpane.Url".');
  });

  it("reports a namespace other than CXM and a weaker permission", () => {
    const broken = manifest
      .replace('<bt:String id="Functions.Namespace" DefaultValue="CXM"/>', '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>')
      .replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>");
    const problems = validateManifest(broken, distDir);
    expect(problems).toContain("The custom functions namespace must be CXM (found CONTOSO).");
    expect(problems).toContain("<Permissions> must be ReadWriteDocument (found ReadDocument).");
  });

  it("reports a URL the build does not produce", () => {
    const broken = manifest.replace("https://localhost:3000/functions.json", "https://localhost:3000/metadata.json");
    expect(validateManifest(broken, distDir).join("\n")).toMatch(/metadata\.json is not produced by the build/);
  });

  it("points Excel in Spanish (es-ES) at the Spanish function metadata, and checks that override is built too", () => {
    expect(manifest).toMatch(
      /<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*<bt:Override Locale="es-ES" Value="https:\/\/localhost:3000\/functions-es\.json"\/>/,
    );
    const broken = manifest.replace("https://localhost:3000/functions-es.json", "https://localhost:3000/functions-fr.json");
    expect(validateManifest(broken, distDir).join("\n")).toMatch(/functions-fr\.json is not produced by the build/);
  });
});
