/**
 * The blocks of retention from your cohorts on the LTV:CAC sheet: the
 * period's inputs, the sBG fit, the LTV with the sBG's discounted expected
 * lifetime beside the constant churn fitted to the same counts, the
 * survival table and chart (actual, sBG, constant churn), the "how not to
 * project" curves and chart, the survivor counts, and the discounted
 * lifetime's series (kept off the printout).
 *
 * α and β, the curves' coefficients and the counts are values (fitted or
 * grouped when the sheet was built, as the notes say); S(t), r(t), the
 * discounted lifetime, the constant churn and the LTVs are Excel formulas
 * over them and the named inputs, each written with the value the model
 * (retention-model.ts) computes for it.
 */
import type { CurveKind } from "../../metrics/retention/curve-fits";
import { BlockSpec, chartBlock } from "../../workbook/builder";
import { Cell, fx, LayoutItem, Placed } from "../../workbook/layout";
import { COLORS, FORMATS, LOOKS, PALETTE } from "../../workbook/styles";
import { numberHeaders } from "../shared/headers";
import { curveProjection, RetentionModel } from "./retention-model";
import type { LtvView } from "./sheets";
import { namedRows, statusColours } from "./sheets";

/** Keys of the blocks, for tests and the print area. */
export const RETENTION_KEYS = {
  inputs: "cohortInputs",
  fit: "fit",
  value: "value",
  projection: "projection",
  curves: "curves",
  howNot: "howNot",
  survivors: "survivors",
  lifetime: "lifetime",
} as const;

/** Where the cohort figures are. */
export interface RetentionCells {
  monthsPerPeriod: string;
  marginPerPeriod: string;
  periodDiscount: string;
  alpha: string;
  beta: string;
  lifetimeSbg: string;
  ltvSbg: string;
  ltvToCacSbg: string;
  constantChurn: string;
  lifetimeConstant: string;
  ltvConstant: string;
  /** The counts fitted, as =CXM.SBG.FIT takes them (a column per cohort). */
  fittedCounts: string;
}

const PERIOD_LABEL_FORMAT = { month: FORMATS.month, quarter: FORMATS.month, year: "yyyy" } as const;
/** Chart colours: the same series keep their colour on both charts. */
const COLOR = { actual: PALETTE[0], sbg: PALETTE[1], constant: PALETTE[2], linear: PALETTE[3], quadratic: PALETTE[4], exponential: PALETTE[6] } as const;
const HELD_OUT = { italic: true, fontColor: COLORS.note } as const;

/** The blocks, those printed (after the outputs) and those after the rest, and where their key cells land. */
export function retentionBlocks(v: LtvView): { printed: LayoutItem<BlockSpec>[]; after: LayoutItem<BlockSpec>[]; cells: (at: Record<string, Placed>) => RetentionCells } {
  const m = v.model!;
  return {
    printed: [cohortInputs(v), fit(v), value(v), [projection(v), survivalChart(v)], curves(v), [howNot(v), howNotChart(v)], survivors(v)],
    after: [lifetime(v)],
    cells: (at) => {
      const k = RETENTION_KEYS;
      return {
        monthsPerPeriod: at[k.inputs].cell(1, 1),
        marginPerPeriod: at[k.inputs].cell(3, 1),
        periodDiscount: at[k.inputs].cell(4, 1),
        alpha: at[k.fit].cell(1, 1),
        beta: at[k.fit].cell(2, 1),
        lifetimeSbg: at[k.value].cell(1, 2),
        ltvSbg: at[k.value].cell(1, 3),
        ltvToCacSbg: at[k.value].cell(1, 4),
        constantChurn: at[k.value].cell(2, 1),
        lifetimeConstant: at[k.value].cell(2, 2),
        ltvConstant: at[k.value].cell(2, 3),
        fittedCounts: fittedCounts(v, at[k.survivors], m),
      };
    },
  };
}

/** The fitted counts' range: t = 0 … the end of the fit, every cohort's column. */
function fittedCounts(v: LtvView, s: Placed, m: RetentionModel): string {
  return s.range(1, 1, m.fitPeriods + 1, v.agg.retention!.cohorts.length);
}

function cohortInputs(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const m = v.model!;
  const p = t.periods[v.agg.retention!.period];
  return namedRows(RETENTION_KEYS.inputs, t.cohortInputsTitle, t.cohortInputsNote(p), [t.input, t.value, t.name, t.whatItIs], [
    { label: t.monthsPerPeriod, value: m.monthsPerPeriod, name: n.monthsPerPeriod, what: t.monthsPerPeriodWhat, format: FORMATS.integer, look: "input" },
    {
      label: t.revenuePerPeriod,
      value: fx(`=${n.arpa}*${n.monthsPerPeriod}`, m.revenuePerPeriod),
      name: n.revenuePerPeriod,
      what: t.revenuePerPeriodWhat,
      format: o.money2,
    },
    {
      label: t.marginPerPeriod,
      value: fx(`=${n.revenuePerPeriod}*${n.grossMargin}`, m.marginPerPeriod),
      name: n.marginPerPeriod,
      what: t.marginPerPeriodWhat,
      format: o.money2,
    },
    {
      label: t.periodDiscount,
      value: fx(`=(1+${n.discountRate})^${n.monthsPerPeriod}-1`, m.periodDiscount),
      name: n.periodDiscount,
      what: t.periodDiscountWhat,
      format: "0.00%",
    },
  ]);
}

function fit(v: LtvView): BlockSpec {
  const { t, n } = v;
  const m = v.model!;
  const f = m.fit;
  const countFormat = countsFormat(v);
  const rows: [string, number, string, string, string][] = [
    [t.alphaLabel, f.params.alpha, n.alpha, t.alphaComment, "0.000"],
    [t.betaLabel, f.params.beta, n.beta, t.betaComment, "0.000"],
    [t.logLikelihood, f.logLikelihood, "", "", "#,##0.00"],
    [t.periodsFitted, m.fitPeriods, "", "", FORMATS.integer],
    [t.cohortsFitted, v.agg.retention!.cohorts.length, "", "", FORMATS.integer],
    [t.customersFitted, f.customers, "", "", countFormat],
  ];
  return {
    key: RETENTION_KEYS.fit,
    title: t.fitTitle,
    note: t.fitNote,
    rows: 2 + rows.length,
    columns: 3,
    fill(w) {
      w.put([[t.parameter, t.value, t.name], ...rows.map(([label, value, name]) => [label, value, name])]).header();
      rows.forEach(([, , name, comment, format], k) => {
        if (name) w.name(name, 1 + k, 1, comment);
        w.format(w.range(1 + k, 1), { ...(k < 2 ? LOOKS.output : {}), numberFormat: format });
      });
      // The formula that refits α and β, as text: without the add-in it would show #NAME?.
      const counts = fittedCounts(v, w.at(RETENTION_KEYS.survivors), m);
      w.put([[t.refit, `=CXM.SBG.FIT(${counts})`, ""]], [1 + rows.length, 0], { text: true });
    },
  };
}

function value(v: LtvView): BlockSpec {
  const { t, n, o } = v;
  const m = v.model!;
  const x = v.agg.inputs;
  const p = t.periods[v.agg.retention!.period];
  const na = t.na;
  const q = (s: string) => s.replace(/"/g, '""');
  const ratio = (ltvValue: number | null) => (ltvValue === null ? na : ltvValue / x.cac);
  const diff = (a: number | null, b: number | null, scale = 1) => (a === null || b === null ? na : (a - b) * scale);
  return {
    key: RETENTION_KEYS.value,
    title: t.valueTitle,
    note: t.valueNote,
    rows: 4,
    columns: 5,
    fill(w) {
      const s = w.at(RETENTION_KEYS.survivors);
      const l = w.at(RETENTION_KEYS.lifetime);
      const C = v.agg.retention!.cohorts.length;
      const lostRow = s.range(m.periods + 2, 1, 1, C);
      const riskRow = s.range(m.periods + 3, 1, 1, C);
      const discounted = l.columnRange(2, 1);
      const [sl, sv, sr] = [w.cell(1, 2), w.cell(1, 3), w.cell(1, 4)];
      const [cc, cl, cv, cr] = [w.cell(2, 1), w.cell(2, 2), w.cell(2, 3), w.cell(2, 4)];
      const num = (c: string, then: string) => `IF(ISNUMBER(${c}),${then},"${q(na)}")`;
      const both = (a: string, b: string) => `IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),${a}-${b},"${q(na)}")`;
      const { alpha, beta } = m.fit.params;
      w.put([
        [t.retention, t.churnFirstPeriod, t.discountedLifetime(p), "LTV", "LTV:CAC"],
        [
          t.sbgRow,
          fx(`=${n.alpha}/(${n.alpha}+${n.beta})`, alpha / (alpha + beta)),
          fx(
            `=IF(${n.periodDiscount}=0,IF(${n.alpha}>1,(${n.alpha}+${n.beta}-1)/(${n.alpha}-1),"${q(na)}"),SUM(${discounted}))`,
            m.lifetimeSbg ?? na,
          ),
          fx(`=${num(sl, `${n.marginPerPeriod}*${sl}`)}`, m.ltvSbg ?? na),
          fx(`=${num(sv, `${sv}/${n.cac}`)}`, ratio(m.ltvSbg)),
        ],
        [
          t.constantRow,
          fx(`=IF(SUM(${riskRow})=0,0,SUM(${lostRow})/SUM(${riskRow}))`, m.constantChurn),
          fx(`=IF(${cc}+${n.periodDiscount}=0,"${q(na)}",(1+${n.periodDiscount})/(${cc}+${n.periodDiscount}))`, m.lifetimeConstant ?? na),
          fx(`=${num(cl, `${n.marginPerPeriod}*${cl}`)}`, m.ltvConstant ?? na),
          fx(`=${num(cv, `${cv}/${n.cac}`)}`, ratio(m.ltvConstant)),
        ],
        [
          t.differenceRow,
          "",
          fx(`=${both(sl, cl)}`, diff(m.lifetimeSbg, m.lifetimeConstant)),
          fx(`=${both(sv, cv)}`, diff(m.ltvSbg, m.ltvConstant)),
          fx(`=${both(sr, cr)}`, diff(m.ltvSbg, m.ltvConstant, 1 / x.cac)),
        ],
      ]).header();
      numberHeaders(w, 1);
      w.name(n.lifetimeSbg, 1, 2, t.lifetimeComment).name(n.ltvSbg, 1, 3, t.ltvSbgComment).name(n.ltvToCacSbg, 1, 4, t.ltvToCacSbgComment);
      w.name(n.constantChurn, 2, 1, t.constantChurnComment);
      w.format(w.range(1, 1, 2, 1), { numberFormat: FORMATS.percent });
      w.format(w.range(1, 2, 3, 1), { numberFormat: FORMATS.decimal2 });
      w.format(w.range(1, 3, 3, 1), { ...LOOKS.output, numberFormat: o.money });
      w.format(w.range(1, 4, 3, 1), { ...LOOKS.output, numberFormat: FORMATS.ratio });
      statusColours(w, w.range(1, 4, 2, 1), w.cell(1, 4));
    },
  };
}

/** Number format of the counts: whole customers, or shares when typed as such. */
function countsFormat(v: LtvView): string {
  const whole = v.agg.retention!.cohorts.every((c) => c.survivors.every(Number.isInteger));
  return whole ? FORMATS.integer : "0.000";
}

function projection(v: LtvView): BlockSpec {
  const { t, n } = v;
  const m = v.model!;
  const p = t.periods[v.agg.retention!.period];
  const H = m.horizon;
  return {
    key: RETENTION_KEYS.projection,
    title: t.projectionTitle,
    note: t.projectionNote,
    rows: 2 + H,
    columns: 6,
    fill(w) {
      const s = w.at(RETENTION_KEYS.survivors);
      const cc = n.constantChurn;
      const rows: Cell[][] = [[p.Unit, t.actual, t.sbgProjection, t.constantChurn, t.actualRetention, t.sbgRetention]];
      for (let k = 0; k <= H; k++) {
        const tc = w.cell(1 + k, 0);
        const actual: Cell =
          k === 0
            ? 1
            : k <= m.periods
              ? (() => {
                  const now = s.range(1 + k, 1, 1, m.observedAt[k]);
                  const before = s.range(k, 1, 1, m.observedAt[k]);
                  return fx(`=IF(SUM(${before})=0,0,${w.cell(k, 1)}*SUM(${now})/SUM(${before}))`, m.actual[k]);
                })()
              : "";
        const actualRetention: Cell =
          k >= 1 && k <= m.periods ? fx(`=IF(${w.cell(k, 1)}=0,"",${w.cell(1 + k, 1)}/${w.cell(k, 1)})`, m.actual[k - 1] === 0 ? "" : m.actual[k] / m.actual[k - 1]) : "";
        const { alpha, beta } = m.fit.params;
        rows.push([
          k,
          actual,
          k === 0 ? 1 : fx(`=${w.cell(k, 2)}*(${n.beta}+${tc}-1)/(${n.alpha}+${n.beta}+${tc}-1)`, m.sbgSurvival[k]),
          fx(`=(1-${cc})^${tc}`, Math.pow(1 - m.constantChurn, k)),
          actualRetention,
          k === 0 ? "" : fx(`=(${n.beta}+${tc}-1)/(${n.alpha}+${n.beta}+${tc}-1)`, (beta + k - 1) / (alpha + beta + k - 1)),
        ]);
      }
      numberHeaders(w.put(rows).header(), 1);
      w.format(w.range(1, 0, H + 1, 1), { numberFormat: "0", horizontalAlignment: "left" });
      w.format(w.range(1, 1, H + 1, 5), { numberFormat: FORMATS.percent });
      if (m.periods > m.fitPeriods) w.format(w.range(2 + m.fitPeriods, 1, m.periods - m.fitPeriods, 1), HELD_OUT);
    },
  };
}

function survivalChart(v: LtvView): BlockSpec {
  const { t } = v;
  const p = t.periods[v.agg.retention!.period];
  return chartBlock("survivalChart", (w) => {
    const pr = w.at(RETENTION_KEYS.projection);
    return {
      type: "line",
      title: t.survivalChartTitle,
      categories: pr.columnRange(0, 1),
      series: [
        { name: t.actual, values: pr.columnRange(1, 1), color: COLOR.actual },
        { name: t.sbgProjection, values: pr.columnRange(2, 1), color: COLOR.sbg },
        { name: t.constantChurn, values: pr.columnRange(3, 1), color: COLOR.constant, dashed: true },
      ],
      xAxisTitle: p.sinceStart,
      yAxisTitle: t.survivalYAxis,
    };
  });
}

const CURVE_WORDS: Record<CurveKind, (t: LtvView["t"]) => [string, string]> = {
  linear: (t) => [t.linear, t.linearShort],
  quadratic: (t) => [t.quadratic, t.quadraticShort],
  exponential: (t) => [t.exponential, t.exponentialShort],
};

function curves(v: LtvView): BlockSpec {
  const { t } = v;
  const m = v.model!;
  return {
    key: RETENTION_KEYS.curves,
    title: t.curvesTitle,
    note: t.curvesNote,
    rows: 1 + m.curves.length,
    columns: 5,
    fill(w) {
      const rows: Cell[][] = [[t.curve, "a", "b", "c", t.rSquared]];
      for (const c of m.curves) {
        const [a, b, q = ""] = c.coefficients;
        rows.push([CURVE_WORDS[c.kind](t)[0], a, b, q, c.rSquared]);
      }
      numberHeaders(w.put(rows).header(), 1);
      w.format(w.range(1, 1, m.curves.length, 3), { numberFormat: "0.0000" });
      w.format(w.range(1, 4, m.curves.length, 1), { numberFormat: "0.000" });
    },
  };
}

function howNot(v: LtvView): BlockSpec {
  const { t } = v;
  const m = v.model!;
  const p = t.periods[v.agg.retention!.period];
  const H = m.horizon;
  return {
    key: RETENTION_KEYS.howNot,
    title: t.howNotTitle,
    note: t.howNotNote,
    rows: 2 + H,
    columns: 1 + m.curves.length,
    fill(w) {
      const c = w.at(RETENTION_KEYS.curves);
      const rows: Cell[][] = [[p.Unit, ...m.curves.map((f) => CURVE_WORDS[f.kind](t)[1])]];
      const values = m.curves.map((f) => curveProjection(f, H));
      for (let k = 0; k <= H; k++) {
        const tc = w.cell(1 + k, 0);
        rows.push([
          k,
          ...m.curves.map((f, j) => {
            const [a, b, q] = [1, 2, 3].map((col) => c.cell(1 + j, col, "$all"));
            const formula = f.kind === "linear" ? `=${a}+${b}*${tc}` : f.kind === "quadratic" ? `=${a}+${b}*${tc}+${q}*${tc}^2` : `=${a}*EXP(${b}*${tc})`;
            return fx(formula, values[j][k]);
          }),
        ]);
      }
      numberHeaders(w.put(rows).header(), 1);
      w.format(w.range(1, 0, H + 1, 1), { numberFormat: "0", horizontalAlignment: "left" });
      w.format(w.range(1, 1, H + 1, m.curves.length), { numberFormat: FORMATS.percent });
    },
  };
}

function howNotChart(v: LtvView): BlockSpec {
  const { t } = v;
  const m = v.model!;
  const p = t.periods[v.agg.retention!.period];
  return chartBlock("howNotChart", (w) => {
    const pr = w.at(RETENTION_KEYS.projection);
    const h = w.at(RETENTION_KEYS.howNot);
    return {
      type: "line",
      title: t.howNotChartTitle,
      categories: h.columnRange(0, 1),
      series: [
        { name: t.actual, values: pr.columnRange(1, 1), color: COLOR.actual },
        { name: t.sbgProjection, values: pr.columnRange(2, 1), color: COLOR.sbg },
        ...m.curves.map((f, j) => ({ name: CURVE_WORDS[f.kind](t)[1], values: h.columnRange(1 + j, 1), color: COLOR[f.kind], dashed: true })),
      ],
      xAxisTitle: p.sinceStart,
      yAxisTitle: t.survivalYAxis,
    };
  });
}

function survivors(v: LtvView): BlockSpec {
  const { t } = v;
  const m = v.model!;
  const r = v.agg.retention!;
  const p = t.periods[r.period];
  const C = r.cohorts.length;
  return {
    key: RETENTION_KEYS.survivors,
    title: t.survivorsTitle,
    note: t.survivorsNote,
    rows: 4 + m.periods,
    columns: 1 + C,
    fill(w) {
      const typed = (i: number) => (C > 1 ? t.typedCohortNumber(i + 1) : t.typedCohort);
      const label = (start: number | null, i: number) => start ?? (r.source === "sample" ? t.sampleCohort : typed(i));
      const rows: Cell[][] = [[p.Unit, ...r.cohorts.map((c, i) => label(c.start, i))]];
      for (let k = 0; k <= m.periods; k++) rows.push([k, ...r.cohorts.map((c) => (k < c.survivors.length ? c.survivors[k] : ""))]);
      const end = r.cohorts.map((c) => c.survivors.length - 1 - r.heldOut);
      rows.push([t.lost, ...r.cohorts.map((_, i) => fx(`=${w.cell(1, 1 + i)}-${w.cell(1 + end[i], 1 + i)}`, m.lost[i]))]);
      rows.push([t.atRisk, ...r.cohorts.map((_, i) => fx(`=SUM(${w.range(1, 1 + i, end[i], 1)})`, m.atRisk[i]))]);
      numberHeaders(w.put(rows).header(), 1);
      if (r.cohorts.some((c) => c.start !== null)) w.format(w.range(0, 1, 1, C), { numberFormat: PERIOD_LABEL_FORMAT[r.period], horizontalAlignment: "right" });
      w.format(w.range(1, 0, m.periods + 1, 1), { numberFormat: "0", horizontalAlignment: "left" });
      w.format(w.range(1, 1, m.periods + 3, C), { numberFormat: countsFormat(v) });
      if (r.heldOut > 0) w.format(w.range(2 + m.fitPeriods, 1, r.heldOut, C), HELD_OUT);
      w.format(w.range(m.periods + 2, 0, 2, 1), { bold: true });
    },
  };
}

function lifetime(v: LtvView): BlockSpec {
  const { t, n } = v;
  const m = v.model!;
  const p = t.periods[v.agg.retention!.period];
  const L = m.lifetime;
  return {
    key: RETENTION_KEYS.lifetime,
    title: t.delTitle,
    note: t.delNote(L.last),
    rows: L.last + 3,
    columns: 3,
    fill(w) {
      const d = n.periodDiscount;
      const rows: Cell[][] = [[p.Unit, "S(t)", t.discounted]];
      for (let k = 0; k <= L.last; k++) {
        const tc = w.cell(1 + k, 0);
        rows.push([
          k,
          k === 0 ? 1 : fx(`=${w.cell(k, 1)}*(${n.beta}+${tc}-1)/(${n.alpha}+${n.beta}+${tc}-1)`, L.survival[k]),
          fx(`=${w.cell(1 + k, 1)}/(1+${d})^${tc}`, L.discounted[k]),
        ]);
      }
      const T = w.cell(1 + L.last, 0);
      const r = `(${n.beta}+${T})/(${n.alpha}+${n.beta}+${T})/(1+${d})`;
      rows.push([t.beyond(L.last), "", fx(`=IF(${d}>0,${w.cell(1 + L.last, 2)}*${r}/(1-${r}),0)`, L.tail)]);
      numberHeaders(w.put(rows).header(), 1);
      w.format(w.range(1, 0, L.last + 1, 1), { numberFormat: "0", horizontalAlignment: "left" });
      w.format(w.range(1, 1, L.last + 2, 2), { numberFormat: "0.000000" });
    },
  };
}
