/**
 * `npm run validate`: checks manifest.xml offline (Microsoft's validator needs
 * its online service). It checks that the XML is well formed; every resid is
 * defined in <Resources>; the shared runtime is consistent (the Runtime, the
 * functions Page, the FunctionFile and the task pane all name the same page);
 * the functions namespace is CXM; the permission is ReadWriteDocument; the
 * icons are real PNGs of 16, 32, 64 and 80 px; every URL is https (Office
 * loads add-ins only over https); and every URL the manifest names, locale
 * overrides included, is a file the build produces in dist/. `tsx
 * scripts/validate-manifest.ts dist/manifest.xml` checks the manifest a
 * production build wrote for a real host (npm run build -- --env base=…).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

interface Element {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Element[];
}

type Ordered = Record<string, unknown>;

function toElements(nodes: Ordered[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ":@");
    if (!tag || tag === "#text" || tag === "?xml" || tag === "#comment") continue;
    const kids = (node[tag] as Ordered[]) ?? [];
    const text = kids.filter((k) => "#text" in k).map((k) => String(k["#text"])).join("").trim();
    out.push({ tag, attrs: (node[":@"] as Record<string, string>) ?? {}, text, children: toElements(kids) });
  }
  return out;
}

function* walk(elements: Element[]): Generator<Element> {
  for (const e of elements) {
    yield e;
    yield* walk(e.children);
  }
}

const localName = (tag: string) => tag.replace(/^.*:/, "");

/** PNG width and height from the IHDR chunk, or null if the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  const b = readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The folder the task pane page is served from ("https://host/cxm"), taken as the base of every URL. */
function origin(urls: Set<string>): string {
  const page = [...urls].find((u) => u.endsWith("/taskpane.html"));
  return page ? page.slice(0, -"/taskpane.html".length) : "";
}

/** Returns the problems found; an empty list means the manifest is valid. */
export function validateManifest(xml: string, distDir: string): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`manifest.xml is not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`];
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", trimValues: true });
  const all = [...walk(toElements(parser.parse(xml) as Ordered[]))];

  // Resources: ids defined in bt:Images, bt:Urls, bt:ShortStrings, bt:LongStrings.
  const defined = new Map<string, Element>();
  for (const e of all) {
    if (["Image", "Url", "String"].includes(localName(e.tag)) && e.attrs.id) {
      if (defined.has(e.attrs.id)) problems.push(`Resource id "${e.attrs.id}" is defined twice.`);
      defined.set(e.attrs.id, e);
    }
  }
  for (const e of all) {
    const resid = e.attrs.resid;
    if (resid !== undefined && !defined.has(resid)) problems.push(`<${e.tag} resid="${resid}"> refers to a resource that is not defined.`);
    if (resid !== undefined && resid.length > 32) problems.push(`resid "${resid}" is longer than 32 characters.`);
  }

  // Shared runtime: one page for the runtime, the functions, the function file and the task pane.
  const runtime = all.filter((e) => localName(e.tag) === "Runtime");
  if (runtime.length !== 1) problems.push(`Expected one <Runtime>, found ${runtime.length}.`);
  else {
    if (runtime[0].attrs.lifetime !== "long") problems.push('<Runtime> must have lifetime="long" for a shared runtime.');
    const page = runtime[0].attrs.resid;
    const functionsPage = all.find((e) => localName(e.tag) === "Page")?.children.find((c) => localName(c.tag) === "SourceLocation")?.attrs.resid;
    const functionFile = all.find((e) => localName(e.tag) === "FunctionFile")?.attrs.resid;
    const taskpane = all.filter((e) => localName(e.tag) === "Action").map((a) => a.children.find((c) => localName(c.tag) === "SourceLocation")?.attrs.resid);
    for (const [what, resid] of [["custom functions <Page>", functionsPage], ["<FunctionFile>", functionFile], ...taskpane.map((r) => ["task pane <Action>", r])]) {
      if (resid !== page) problems.push(`${what} uses resid "${resid}" but the shared <Runtime> uses "${page}".`);
    }
  }
  const sets = all.filter((e) => localName(e.tag) === "Set").map((e) => e.attrs.Name);
  if (!sets.includes("SharedRuntime")) problems.push("<Requirements> must ask for the SharedRuntime set.");

  // Namespace CXM.
  const ns = all.find((e) => localName(e.tag) === "Namespace")?.attrs.resid;
  const nsValue = ns ? defined.get(ns)?.attrs.DefaultValue : undefined;
  if (nsValue !== "CXM") problems.push(`The custom functions namespace must be CXM (found ${nsValue ?? "none"}).`);

  const permissions = all.find((e) => localName(e.tag) === "Permissions")?.text;
  if (permissions !== "ReadWriteDocument") problems.push(`<Permissions> must be ReadWriteDocument (found ${permissions}).`);

  const id = all.find((e) => e.tag === "Id")?.text ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`<Id> must be a GUID (found "${id}").`);

  // Every URL must be served by the build; icons must be PNGs of their declared size.
  const urls = new Set<string>();
  for (const e of all) {
    // A locale's <Override Value> (e.g. functions-es.json for es-ES) must be built as much as the default.
    for (const v of [e.attrs.DefaultValue, localName(e.tag) === "Override" ? e.attrs.Value : undefined]) {
      if (v && /^https?:\/\//.test(v)) urls.add(v);
    }
  }
  // Office loads an add-in's pages, scripts and icons only over https.
  for (const url of urls) if (!url.startsWith("https://")) problems.push(`${url} is not https: Office loads add-ins only over https.`);
  for (const e of all) {
    if (localName(e.tag) === "AppDomain" && !e.text.startsWith("https://")) problems.push(`<AppDomain>${e.text}</AppDomain> is not https.`);
  }
  const base = urls.has(`${origin(urls)}/taskpane.html`) ? origin(urls) : "";
  for (const url of urls) {
    // The build's files are the URL's path below the folder the manifest points at.
    const relative = base && url.startsWith(base) ? url.slice(base.length) : new URL(url).pathname;
    const file = path.join(distDir, relative);
    if (!existsSync(file)) {
      problems.push(`${url} is not produced by the build (no ${path.relative(process.cwd(), file)}).`);
      continue;
    }
    const declared = /icon-(\d+)\.png$/.exec(url);
    if (declared) {
      const size = pngSize(file);
      const want = Number(declared[1]);
      if (!size || size.width !== want || size.height !== want) problems.push(`${url} must be a ${want}x${want} PNG.`);
    }
  }
  const iconSizes = new Set([...urls].map((u) => /icon-(\d+)\.png$/.exec(u)?.[1]).filter(Boolean));
  for (const size of ["16", "32", "64", "80"]) if (!iconSizes.has(size)) problems.push(`No ${size}px icon is named in the manifest.`);
  return problems;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const dist = path.join(root, "dist");
  if (!existsSync(path.join(dist, "functions.js"))) {
    console.error("dist/ is missing: run `npm run build` first (the check compares the manifest's URLs with the build).");
    process.exit(1);
  }
  const manifestFile = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "manifest.xml");
  const problems = validateManifest(readFileSync(manifestFile, "utf8"), dist);
  if (problems.length) {
    console.error(`manifest.xml: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log("manifest.xml is valid: well-formed, resids defined, shared runtime consistent, namespace CXM, every URL built.");
}
