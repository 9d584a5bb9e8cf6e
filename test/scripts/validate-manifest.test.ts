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

describe("https only, and a manifest for a real host (issue 9, item 10)", () => {
  const { manifestForHost } = require("../../scripts/manifest-for-host") as { manifestForHost: (xml: string, base: string) => string };

  it("reports every http:// URL and app domain", () => {
    const broken = manifest.replace(/https:\/\/localhost:3000/g, "http://localhost:3000");
    const problems = validateManifest(broken, distDir);
    expect(problems).toContain("http://localhost:3000/functions.js is not https: Office loads add-ins only over https.");
    expect(problems).toContain("http://localhost:3000/functions-es.json is not https: Office loads add-ins only over https.");
    expect(problems).toContain("<AppDomain>http://localhost:3000</AppDomain> is not https.");
  });

  it("npm run build -- --env base=https://host/path: every URL points at the host, and the manifest validates against dist/", () => {
    const hosted = manifestForHost(manifest, "https://addins.example.com/cxm/");
    expect(hosted).not.toContain("localhost");
    expect(hosted).toContain('<bt:Url id="Functions.Script.Url" DefaultValue="https://addins.example.com/cxm/functions.js"/>');
    expect(hosted).toContain('<bt:Override Locale="es-ES" Value="https://addins.example.com/cxm/functions-es.json"/>');
    expect(hosted).toContain("<AppDomain>https://addins.example.com</AppDomain>");
    expect(validateManifest(hosted, distDir)).toEqual([]);
  });

  it("refuses an http base or one that is not a URL", () => {
    expect(() => manifestForHost(manifest, "http://addins.example.com")).toThrow("Office loads add-ins only over https");
    expect(() => manifestForHost(manifest, "addins.example.com")).toThrow("not a URL");
  });

  it("webpack's production build writes the host's manifest into dist/", async () => {
    const config = await require("../../webpack.config.js")({ base: "https://addins.example.com/cxm" }, { mode: "production" });
    const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === "CopyPlugin");
    const pattern = copy.patterns.find((p: { from: string }) => p.from === "manifest.xml");
    expect(pattern.transform(Buffer.from(manifest))).toContain("https://addins.example.com/cxm/taskpane.html");
  });
});
