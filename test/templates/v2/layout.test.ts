/**
 * A layout that reads, for every sheet of every moved template (moved.ts)
 * in both languages, measured from the plan (src/workbook/layout-checks.ts):
 * wrapped cells have room, no text is cut, numbers fit, no chart covers a
 * filled cell or text running over, every sheet prints, tables keep
 * something frozen, every formula carries its value; and the series of a
 * chart are told apart by colour.
 */
import { checkPlanLayout, describeProblems } from "../../../src/workbook/layout-checks";
import { PALETTE, colorDifference, MIN_SERIES_COLOR_DIFFERENCE } from "../../../src/workbook/styles";
import { seriesColor } from "../../../src/xlsx/chart-xml";
import { sampleBuilds } from "./moved";

const builds = sampleBuilds();
const cases = builds.map((b) => [b.template.id, b.language, b] as const);

describe("the layout of every moved template's sheets", () => {
  test.each(cases)("%s in %s: passes every layout check", (_id, _language, b) => {
    expect(describeProblems(checkPlanLayout(b.plan))).toEqual([]);
  });

  test.each(cases)("%s in %s: every sheet is set up to print one page wide, with its name and page number in the header", (_id, _language, b) => {
    for (const s of b.plan.sheets) expect(s.print).toMatchObject({ fitToPagesWide: 1, header: "&L&A&R&P" });
  });
});

describe("chart colours", () => {
  test("the palette's colours differ pairwise by at least the minimum; Excel's two default blues would not", () => {
    for (let i = 0; i < PALETTE.length; i++) {
      for (let j = i + 1; j < PALETTE.length; j++) expect(colorDifference(PALETTE[i], PALETTE[j])).toBeGreaterThanOrEqual(MIN_SERIES_COLOR_DIFFERENCE);
    }
    expect(colorDifference("#4472C4", "#5B9BD5")).toBeLessThan(MIN_SERIES_COLOR_DIFFERENCE);
    // CIE76 reference values: identical colours 0, black and white 100.
    expect(colorDifference("#123456", "#123456")).toBe(0);
    expect(colorDifference("#000000", "#FFFFFF")).toBeCloseTo(100, 3);
  });

  test.each(cases)("%s in %s: no two series of a chart share a colour or nearly", (_id, _language, b) => {
    const close: string[] = [];
    for (const s of b.plan.sheets) {
      for (const chart of s.charts) {
        const colors = chart.series.map((x, i) => seriesColor(x, i));
        colors.forEach((a, i) =>
          colors.slice(i + 1).forEach((c, j) => {
            const d = colorDifference(a, c);
            if (d < MIN_SERIES_COLOR_DIFFERENCE) close.push(`${s.key} "${chart.title}": ${chart.series[i].name} ${a} and ${chart.series[i + 1 + j].name} ${c} differ by ${d.toFixed(1)}`);
          }),
        );
      }
    }
    expect(close).toEqual([]);
  });
});
