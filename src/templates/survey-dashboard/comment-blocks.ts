/**
 * The dashboard's blocks about why customers score what they score (issue
 * 14): the sentiment of the comments by promoters, passives and detractors,
 * the themes of positive and negative comments with their NPS impact, and
 * the key drivers of the score among the attribute ratings.
 *
 * What the engines compute is written as values, stated as such (a
 * comment's sentiment, a theme's mentions and NPS, a driver's weight);
 * what follows from them is a formula with its value: shares, the NPS
 * impact (a difference), R² (the weights added up) and each driver's share
 * of it. When the workbook lists every response, the counts of comments by
 * sentiment are COUNTIFS over its sentiment column, like the NPS counts.
 */
import type { Theme } from "../../metrics/text/engine";
import { BlockSpec, chartBlock } from "../../workbook/builder";
import { Cell, fx } from "../../workbook/layout";
import type { LayoutItem } from "../../workbook/layout";
import { FORMATS, heatmap, LOOKS, PALETTE } from "../../workbook/styles";
import { counted, groupCriteria, guarded, listRef, View } from "./view";

const GROUPS = ["promoters", "passives", "detractors"] as const;
/** Sentiment labels: VADER's thresholds, as the engine applies them (src/metrics/text/engine.ts). */
const POSITIVE = "0.05";
const NEGATIVE = "-0.05";

/** The blocks about comments, when the source has them. */
export function commentBlocks(v: View): LayoutItem<BlockSpec>[] {
  const c = v.agg.comments;
  if (!c) return [];
  return [[groups(v), groupsChart(v)], themesBlock(v, true, c.positiveThemes), themesBlock(v, false, c.negativeThemes)];
}

/** The key-driver table and chart, when the responses carry attribute ratings. */
export function driverBlocks(v: View): LayoutItem<BlockSpec>[] {
  const d = v.agg.drivers;
  if (!d) return [];
  return d.result ? [[drivers(v), driversChart(v)]] : [drivers(v)];
}

/** Group rows at body offsets 1-3, all comments at 4; columns: label, comments, positive, neutral, negative, 3 shares, average. */
function groups(v: View): BlockSpec {
  const { t } = v;
  const c = v.agg.comments!;
  return {
    key: "groups",
    title: t.groupsTitle,
    note: t.groupsNote,
    rows: 5,
    columns: 9,
    fill(w) {
      const sentiment = () => listRef(v, "sentiment");
      const rows: Cell[][] = [t.groupsHeader];
      const sums = { n: 0, pos: 0, neg: 0 };
      GROUPS.forEach((key, i) => {
        const g = c.groups[i];
        const n = g.comments;
        const pos = Math.round((g.positive ?? 0) * n), neg = Math.round((g.negative ?? 0) * n);
        sums.n += n;
        sums.pos += pos;
        sums.neg += neg;
        const r = 1 + i;
        const [N, P, U, M] = [1, 2, 3, 4].map((col) => w.cell(r, col));
        const criteria = () => groupCriteria(v, key);
        rows.push([
          t.groupRows[key],
          counted(v, () => [...criteria(), sentiment(), '">=-1"'], n),
          counted(v, () => [...criteria(), sentiment(), `">=${POSITIVE}"`], pos),
          fx(`=${N}-${P}-${M}`, n - pos - neg),
          counted(v, () => [...criteria(), sentiment(), `"<=${NEGATIVE}"`], neg),
          guarded(N, n, `${P}/${N}`, () => pos / n),
          guarded(N, n, `${U}/${N}`, () => (n - pos - neg) / n),
          guarded(N, n, `${M}/${N}`, () => neg / n),
          v.live
            ? guarded(N, n, `SUMIFS(${[sentiment(), ...criteria()].join(",")})/${N}`, () => g.averageSentiment!)
            : (g.averageSentiment ?? t.na),
        ]);
      });
      const sum = (col: number) => `SUM(${w.range(1, col, 3, 1)})`;
      const [N, P, U, M] = [1, 2, 3, 4].map((col) => w.cell(4, col));
      rows.push([
        t.allComments,
        fx(`=${sum(1)}`, sums.n),
        fx(`=${sum(2)}`, sums.pos),
        fx(`=${sum(3)}`, sums.n - sums.pos - sums.neg),
        fx(`=${sum(4)}`, sums.neg),
        guarded(N, sums.n, `${P}/${N}`, () => sums.pos / sums.n),
        guarded(N, sums.n, `${U}/${N}`, () => (sums.n - sums.pos - sums.neg) / sums.n),
        guarded(N, sums.n, `${M}/${N}`, () => sums.neg / sums.n),
        v.live ? guarded(N, sums.n, `SUM(${sentiment()})/${N}`, () => c.sentimentSum / c.commented) : c.sentimentSum / c.commented,
      ]);
      w.put(rows).header();
      w.format(w.range(4, 0, 1, 9), { bold: true });
      w.format(w.range(1, 1, 4, 4), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 5, 4, 3), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 8, 4, 1), { numberFormat: FORMATS.decimal2 });
    },
  };
}

function groupsChart(v: View): BlockSpec {
  const { t } = v;
  return chartBlock(
    "groupsChart",
    (w) => {
      const g = w.at("groups");
      const series = (c: number, color: string) => ({ name: t.groupsHeader[c], values: g.columnRange(c, 1, 3), color });
      return { type: "column", title: t.groupsChartTitle, categories: g.columnRange(0, 1, 3), series: [series(5, PALETTE[2]), series(6, PALETTE[5]), series(7, PALETTE[3])] };
    },
    { rows: 16, columns: 6 },
  );
}

/** A theme's NPS comparison cell: the engine's value, or n/a when one side has no respondent. */
function orNa(v: View, x: number | null | undefined): Cell {
  return x === null || x === undefined ? v.t.na : x;
}

function themesBlock(v: View, positive: boolean, themes: Theme[]): BlockSpec {
  const { t } = v;
  const key = positive ? "positiveThemes" : "negativeThemes";
  return {
    key,
    title: positive ? t.positiveThemesTitle : t.negativeThemesTitle,
    note: t.themesNote(positive),
    rows: 1 + Math.max(1, themes.length),
    columns: 8,
    fill(w) {
      w.put([t.themesHeader]).header();
      if (themes.length === 0) {
        w.put([[t.noThemes(positive)]], [1, 0]);
        return;
      }
      // The theme's words are the customers' own.
      w.put(
        themes.map((x) => [x.label]),
        [1, 0],
        { text: true, userData: true },
      );
      const commented = w.at("groups").cell(4, 1, "$all");
      const all = v.agg.comments!.commented;
      const rows = themes.map((x, i): Cell[] => {
        const r = 1 + i;
        const nps = x.nps;
        const impact =
          nps && nps.npsWith !== null && nps.npsWithout !== null ? fx(`=${w.cell(r, 4)}-${w.cell(r, 5)}`, nps.npsWith - nps.npsWithout) : t.na;
        return [x.comments, fx(`=${w.cell(r, 1)}/${commented}`, x.comments / all), x.averageSentiment, orNa(v, nps?.npsWith), orNa(v, nps?.npsWithout), impact, orNa(v, nps?.pValue)];
      });
      w.put(rows, [1, 1]);
      const n = themes.length;
      w.format(w.range(1, 1, n, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 2, n, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 3, n, 1), { numberFormat: FORMATS.decimal2 });
      w.format(w.range(1, 4, n, 3), { numberFormat: FORMATS.points });
      w.format(w.range(1, 6, n, 1), { bold: true, numberFormat: FORMATS.points });
      w.format(w.range(1, 7, n, 1), { numberFormat: "0.000" });
    },
  };
}

/** One row per attribute, then R²; columns: attribute, average rating, ratings, weight, share of R². */
function drivers(v: View): BlockSpec {
  const { t } = v;
  const d = v.agg.drivers!;
  const k = d.labels.length;
  return {
    key: "drivers",
    title: t.driversTitle,
    note: d.result ? t.driversNote(d.method, d.complete) : `${t.driversNote(d.method, d.complete)} ${t.driverProblem(d.problem!, d.complete)}`,
    rows: 2 + k,
    columns: 5,
    fill(w) {
      w.put([t.driversHeader]).header();
      w.put(
        d.labels.map((l) => [l]),
        [1, 0],
        { text: true, userData: true },
      );
      const r2 = w.cell(1 + k, 3, "$all");
      const weights = d.result?.weights ?? [];
      let rSquared = 0;
      for (const x of weights) rSquared += x;
      const rows = d.labels.map((_, j): Cell[] => {
        const average: Cell =
          d.averages[j] === null ? t.na : v.live ? fx(`=AVERAGE(${listRef(v, "attribute", j)})`, d.averages[j]!) : d.averages[j]!;
        const rated: Cell = v.live ? fx(`=COUNT(${listRef(v, "attribute", j)})`, d.rated[j]) : d.rated[j];
        if (!d.result) return [average, rated, t.na, t.na];
        return [average, rated, weights[j], fx(`=${w.cell(1 + j, 3)}/${r2}`, weights[j] / rSquared)];
      });
      rows.push(["", "", d.result ? fx(`=SUM(${w.range(1, 3, k, 1)})`, rSquared) : t.na, ""]);
      w.put(rows, [1, 1]);
      w.put([[t.rSquaredRow]], [1 + k, 0]);
      w.format(w.range(1 + k, 0, 1, 5), { ...LOOKS.output });
      w.format(w.range(1, 1, k, 1), { numberFormat: FORMATS.decimal2 });
      w.format(w.range(1, 2, k, 1), { numberFormat: FORMATS.integer });
      w.format(w.range(1, 3, k + 1, 1), { numberFormat: "0.000" });
      w.format(w.range(1, 4, k, 1), { numberFormat: FORMATS.percent });
      if (d.result) w.conditional(heatmap(w.range(1, 4, k, 1)));
    },
  };
}

function driversChart(v: View): BlockSpec {
  const { t } = v;
  const k = v.agg.drivers!.labels.length;
  return chartBlock(
    "driversChart",
    (w) => {
      const d = w.at("drivers");
      return { type: "bar", title: t.driversChartTitle, categories: d.columnRange(0, 1, k), series: [{ name: t.driversHeader[4], values: d.columnRange(4, 1, k), color: PALETTE[0] }] };
    },
    { rows: Math.max(12, 2 + 2 * k), columns: 7 },
  );
}
