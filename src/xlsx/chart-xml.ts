/**
 * DrawingML for the charts of a plan: ExcelJS cannot write charts, so the
 * .xlsx writer adds these parts to the package itself (see package-parts.ts).
 * Each chart is a c:chartSpace with one line or bar chart whose series refer
 * to sheet ranges (no cached values: Excel and LibreOffice read the cells when
 * they open the file). Element order follows the ECMA-376 schema, which Excel
 * enforces.
 *
 * A waterfall is a stacked column chart whose first series, the base, has no
 * fill, no line and no legend entry: the form every Excel since 2007 and
 * LibreOffice draw (Excel 2016's own waterfall type is unknown to both older
 * Excel and LibreOffice). Blank cells and, in Excel 2016 and later, #N/A
 * cells are gaps in a line (dispBlanksAs "gap" and the c16r3 option "show
 * #N/A as an empty cell"); Excel 2007-2013 joins the points across a #N/A,
 * and LibreOffice (7.x) draws an error cell at 0 — only truly empty cells
 * are gaps there.
 *
 * Reference: ECMA-376 Part 1, 21.2 (DrawingML charts) and 20.5
 * (SpreadsheetML drawing, xdr:twoCellAnchor).
 */
import { columnLetter, parseRect } from "../workbook/a1";
import { ChartPlan, ChartSeries } from "../workbook/plan";
import { PALETTE } from "../workbook/styles";

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function richText(text: string, size: number): string {
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="0"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="0"/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function title(text: string, size: number): string {
  return `<c:title>${richText(text, size)}<c:overlay val="0"/></c:title>`;
}

/** An absolute reference to a range of a sheet: 'NPS dashboard'!$A$5:$A$16. */
function absoluteRef(quotedSheet: string, range: string): string {
  const r = parseRect(range);
  return `${quotedSheet}!$${columnLetter(r.column)}$${r.row}:$${columnLetter(r.lastColumn)}$${r.lastRow}`;
}

export interface ChartXmlInput {
  chart: ChartPlan;
  /** The chart's sheet name, quoted for a formula ('NPS dashboard'). */
  quotedSheet: string;
  /** True when the category cells hold text (a string reference), false for numbers and dates. */
  textCategories: boolean;
  /** Number formats of the category and value cells, written into the axes (LibreOffice ignores "linked to source" without cached values). */
  categoryFormat?: string;
  valueFormat?: string;
}

/** The colour of series i: its own, else the palette's i-th. */
export function seriesColor(series: ChartSeries, i: number): string {
  return series.color ?? PALETTE[i % PALETTE.length];
}

/** Excel 2016+: draw #N/A cells as empty cells (with dispBlanksAs "gap": a gap in a line). */
const NA_AS_BLANK =
  `<c:extLst><c:ext uri="{56B9EC1D-385E-4148-901F-78D8002777C0}" xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart">` +
  `<c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16></c:ext></c:extLst>`;

/** The chart part (xl/charts/chartN.xml). */
export function chartXml({ chart, quotedSheet, textCategories, categoryFormat, valueFormat }: ChartXmlInput): string {
  const numFmt = (code?: string) =>
    code ? `<c:numFmt formatCode="${xmlEscape(code)}" sourceLinked="0"/>` : `<c:numFmt formatCode="General" sourceLinked="1"/>`;
  const isLine = chart.type === "line";
  const waterfall = chart.type === "waterfall";
  const cat = textCategories
    ? `<c:cat><c:strRef><c:f>${xmlEscape(absoluteRef(quotedSheet, chart.categories))}</c:f></c:strRef></c:cat>`
    : `<c:cat><c:numRef><c:f>${xmlEscape(absoluteRef(quotedSheet, chart.categories))}</c:f></c:numRef></c:cat>`;
  // A waterfall's base comes first (it is drawn at the bottom of each stack), invisible.
  const all: { s: ChartSeries; color: string | null }[] = [
    ...(waterfall ? [{ s: { name: "Base", values: chart.base! }, color: null }] : []),
    ...chart.series.map((s, i) => ({ s, color: seriesColor(s, i).replace("#", "").toUpperCase() })),
  ];
  const series = all
    .map(({ s, color }, i) => {
      const spPr =
        color === null
          ? `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>`
          : isLine
            ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${s.dashed ? `<a:prstDash val="dash"/>` : ""}<a:round/></a:ln></c:spPr>` +
              // Small markers, so a month standing alone between two gaps still shows.
              `<c:marker><c:symbol val="circle"/><c:size val="4"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>`
            : `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`;
      const val = `<c:val><c:numRef><c:f>${xmlEscape(absoluteRef(quotedSheet, s.values))}</c:f></c:numRef></c:val>`;
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>` +
        spPr +
        cat +
        val +
        (isLine ? `<c:smooth val="0"/>` : "") +
        `</c:ser>`
      );
    })
    .join("");
  const axes = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  const plot = isLine
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
    : waterfall
      ? `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}<c:gapWidth val="50"/><c:overlap val="100"/>${axes}</c:barChart>`
      : `<c:barChart><c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${axes}</c:barChart>`;
  // For a bar chart (horizontal) the category axis is on the left and the value axis at the bottom.
  const catPos = chart.type === "bar" ? "l" : "b";
  const valPos = chart.type === "bar" ? "b" : "l";
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/>${chart.xAxisTitle ? title(chart.xAxisTitle, 1000) : ""}` +
    `${numFmt(textCategories ? undefined : categoryFormat)}<c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="low"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  // CT_Scaling: orientation, then max, then min.
  const bounds = `${chart.valueAxisMax !== undefined ? `<c:max val="${chart.valueAxisMax}"/>` : ""}${chart.valueAxisMin !== undefined ? `<c:min val="${chart.valueAxisMin}"/>` : ""}`;
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/><c:majorGridlines/>${chart.yAxisTitle ? title(chart.yAxisTitle, 1000) : ""}` +
    `${numFmt(valueFormat)}<c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="between"/></c:valAx>`;
  // The base has no legend entry: CT_Legend is legendPos, legendEntry*, layout, overlay.
  const hideBase = waterfall ? `<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${hideBase}<c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    NA_AS_BLANK +
    `</c:chartSpace>`
  );
}

/** One anchored chart of a drawing: which chart relationship and which cells it covers. */
export interface DrawingAnchor {
  chartRelId: string;
  from: string;
  to: string;
  name: string;
}

/** The drawing part (xl/drawings/drawingN.xml) holding a sheet's charts. */
export function drawingXml(anchors: DrawingAnchor[]): string {
  const body = anchors
    .map((a, i) => {
      const from = parseRect(a.from);
      const to = parseRect(a.to);
      // xdr rows and columns are 0-based; the chart ends at the far edge of the `to` cell.
      return (
        `<xdr:twoCellAnchor editAs="oneCell">` +
        `<xdr:from><xdr:col>${from.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${to.lastColumn}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.lastRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(a.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${a.chartRelId}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="${NS_A}">${body}</xdr:wsDr>`
  );
}
