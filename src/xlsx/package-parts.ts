/**
 * Adds to an ExcelJS-written .xlsx package what ExcelJS cannot write:
 * - defined names with a sheet scope (localSheetId) or a comment, in
 *   xl/workbook.xml;
 * - charts: one drawing part per sheet (xl/drawings/drawingN.xml) anchoring
 *   chart parts (xl/charts/chartN.xml), with their relationships, content
 *   types and the sheet's <drawing r:id> element.
 *
 * The package is edited as text with a few targeted insertions; each one
 * checks that the element it relies on is where the schema puts it and
 * throws otherwise, so a change in ExcelJS's output fails loudly in tests
 * rather than producing a file Excel repairs.
 *
 * Reference: ECMA-376 Part 1 (SpreadsheetML 18.2.5 definedName, 18.3.1.36
 * drawing; Open Packaging Conventions, Part 2).
 */
import JSZip from "jszip";
import { xmlEscape, drawingXml } from "./chart-xml";

export interface NamePart {
  name: string;
  /** Full reference, e.g. 'LTV model'!$B$7. */
  reference: string;
  comment?: string;
  /** Set for a name scoped to this sheet; undefined for a workbook-scoped name. */
  sheetName?: string;
}

export interface SheetChartParts {
  sheetName: string;
  charts: { name: string; anchor: { from: string; to: string }; xml: string }[];
}

export interface PackagePatch {
  names: NamePart[];
  charts: SheetChartParts[];
}

const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const NS_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The sheet-level elements that come after <drawing> in CT_Worksheet, in schema order. */
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"];

export async function patchPackage(buffer: Buffer, patch: PackagePatch): Promise<Buffer> {
  if (patch.names.length === 0 && patch.charts.length === 0) return buffer;
  const zip = await JSZip.loadAsync(buffer);
  const workbookXml = await read(zip, "xl/workbook.xml");
  const sheets = sheetParts(workbookXml, await read(zip, "xl/_rels/workbook.xml.rels"));

  if (patch.names.length > 0) zip.file("xl/workbook.xml", withDefinedNames(workbookXml, patch.names, sheets));

  if (patch.charts.length > 0) {
    let contentTypes = await read(zip, "[Content_Types].xml");
    let drawingNo = nextFree(zip, "xl/drawings/drawing", ".xml");
    let chartNo = nextFree(zip, "xl/charts/chart", ".xml");
    for (const sheetCharts of patch.charts) {
      const sheet = sheets.find((s) => s.name === sheetCharts.sheetName);
      if (!sheet) throw new Error(`The package has no sheet named ${sheetCharts.sheetName}.`);
      const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
      const anchors = sheetCharts.charts.map((c, i) => {
        const chartPath = `xl/charts/chart${chartNo}.xml`;
        zip.file(chartPath, c.xml);
        contentTypes = withOverride(contentTypes, `/${chartPath}`, CT_CHART);
        chartNo++;
        return { chartRelId: `rId${i + 1}`, from: c.anchor.from, to: c.anchor.to, name: c.name, target: `../charts/${chartPath.split("/").pop()}` };
      });
      zip.file(drawingPath, drawingXml(anchors));
      zip.file(
        `xl/drawings/_rels/drawing${drawingNo}.xml.rels`,
        relsXml(anchors.map((a) => ({ id: a.chartRelId, type: REL_CHART, target: a.target }))),
      );
      contentTypes = withOverride(contentTypes, `/${drawingPath}`, CT_DRAWING);

      // Link the drawing from the sheet.
      const sheetDir = sheet.path.slice(0, sheet.path.lastIndexOf("/"));
      const sheetFile = sheet.path.slice(sheet.path.lastIndexOf("/") + 1);
      const relsPath = `${sheetDir}/_rels/${sheetFile}.rels`;
      const existing = zip.file(relsPath) ? await read(zip, relsPath) : relsXml([]);
      const relId = freeRelId(existing);
      zip.file(relsPath, withRelationship(existing, relId, REL_DRAWING, `../drawings/drawing${drawingNo}.xml`));
      const sheetXml = await read(zip, sheet.path);
      zip.file(sheet.path, withDrawingElement(sheetXml, relId));
      drawingNo++;
    }
    zip.file("[Content_Types].xml", contentTypes);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function read(zip: JSZip, path: string): Promise<string> {
  const f = zip.file(path);
  if (!f) throw new Error(`The package has no part ${path}.`);
  return f.async("string");
}

interface SheetPart {
  name: string;
  /** 0-based position in <sheets> (the localSheetId of names scoped to it). */
  index: number;
  path: string;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = xmlUnescape(m[2]);
  return out;
}

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
}

function sheetParts(workbookXml: string, workbookRels: string): SheetPart[] {
  const targets = new Map<string, string>();
  for (const m of workbookRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    targets.set(a.Id, a.Target);
  }
  return [...workbookXml.matchAll(/<sheet\b[^>]*>/g)].map((m, index) => {
    const a = attributes(m[0]);
    const target = targets.get(a["r:id"]);
    if (!target) throw new Error(`Sheet ${a.name} has no relationship in the package.`);
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    return { name: a.name, index, path };
  });
}

function withDefinedNames(workbookXml: string, names: NamePart[], sheets: SheetPart[]): string {
  const entries = names
    .map((n) => {
      let attrs = `name="${xmlEscape(n.name)}"`;
      if (n.sheetName !== undefined) {
        const sheet = sheets.find((s) => s.name === n.sheetName);
        if (!sheet) throw new Error(`The name ${n.name} is scoped to a sheet the package lacks: ${n.sheetName}.`);
        attrs += ` localSheetId="${sheet.index}"`;
      }
      if (n.comment) attrs += ` comment="${xmlEscape(n.comment)}"`;
      return `<definedName ${attrs}>${xmlEscape(n.reference)}</definedName>`;
    })
    .join("");
  if (workbookXml.includes("</definedNames>")) return workbookXml.replace("</definedNames>", `${entries}</definedNames>`);
  // CT_Workbook: … sheets, functionGroups, externalReferences, definedNames, calcPr …
  const anchor = /<\/externalReferences>|<\/sheets>/.exec(workbookXml);
  if (!anchor) throw new Error("xl/workbook.xml has no <sheets> element.");
  const at = anchor.index + anchor[0].length;
  return `${workbookXml.slice(0, at)}<definedNames>${entries}</definedNames>${workbookXml.slice(at)}`;
}

function nextFree(zip: JSZip, prefix: string, suffix: string): number {
  let n = 1;
  while (zip.file(`${prefix}${n}${suffix}`)) n++;
  return n;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  const body = rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlEscape(r.target)}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_RELS}">${body}</Relationships>`;
}

function freeRelId(rels: string): string {
  const used = new Set([...rels.matchAll(/Id="([^"]*)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

function withRelationship(rels: string, id: string, type: string, target: string): string {
  if (!rels.includes("</Relationships>")) throw new Error("A relationships part has no </Relationships>.");
  return rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/></Relationships>`);
}

function withOverride(contentTypes: string, partName: string, contentType: string): string {
  if (contentTypes.includes(`PartName="${partName}"`)) return contentTypes;
  if (!contentTypes.includes("</Types>")) throw new Error("[Content_Types].xml has no </Types>.");
  return contentTypes.replace("</Types>", `<Override PartName="${partName}" ContentType="${contentType}"/></Types>`);
}

/** Inserts <drawing r:id="…"/> where CT_Worksheet wants it: before the first element that must follow it. */
function withDrawingElement(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("The sheet already has a drawing (images are not supported together with charts).");
  const element = `<drawing r:id="${relId}"/>`;
  let at = -1;
  for (const tag of AFTER_DRAWING) {
    const i = sheetXml.search(new RegExp(`${tag}[\\s/>]`));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("A worksheet part has no </worksheet>.");
  let xml = `${sheetXml.slice(0, at)}${element}${sheetXml.slice(at)}`;
  if (!/xmlns:r="/.test(xml.slice(0, xml.indexOf(">", xml.indexOf("<worksheet"))))) {
    xml = xml.replace("<worksheet ", `<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `);
  }
  return xml;
}
