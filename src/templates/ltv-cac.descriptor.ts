/**
 * The LTV:CAC model as the task pane, the CLI and the demo see it: no source
 * columns; the five inputs are options (`--option arpa=120 --option churn=3%`
 * on the command line), checked before anything is written.
 */
import { cacPayback, ltv, ltvToCac } from "../metrics/ltv";
import { blockingFromError, CURRENCY_OPTION, optionChoice, optionNumber } from "./descriptor-kit";
import { LTV_CAC_CELLS, LtvCacInputs, ltvCacModel, SAMPLE_LTV_CAC_INPUTS } from "./ltv-cac";
import type { BuildInput, Headline, Localized, OptionSpec, TemplateDescriptor, ValidationReport } from "./registry-types";

/** One option per model input, with its default (the sample business) and the rule it must satisfy. */
const INPUTS: { spec: OptionSpec; field: keyof LtvCacInputs; check: (x: number) => boolean; rule: Localized }[] = [
  {
    spec: { key: "arpa", label: { en: "ARPA (revenue per account per month)", es: "ARPA (ingreso por cuenta al mes)" }, kind: "number", default: SAMPLE_LTV_CAC_INPUTS.arpa },
    field: "arpa",
    check: (x) => x > 0,
    rule: { en: "a number above 0", es: "un número mayor que 0" },
  },
  {
    spec: { key: "margin", label: { en: "Gross margin (fraction)", es: "Margen bruto (fracción)" }, kind: "number", default: SAMPLE_LTV_CAC_INPUTS.grossMargin },
    field: "grossMargin",
    check: (x) => x > 0 && x <= 1,
    rule: { en: "a fraction above 0 and at most 1 (0.8 or 80%)", es: "una fracción mayor que 0 y como mucho 1 (0,8 u 80%)" },
  },
  {
    spec: { key: "churn", label: { en: "Monthly churn rate (fraction)", es: "Tasa de abandono mensual (fracción)" }, kind: "number", default: SAMPLE_LTV_CAC_INPUTS.monthlyChurn },
    field: "monthlyChurn",
    check: (x) => x > 0 && x <= 1,
    rule: { en: "a fraction above 0 and at most 1 (0.03 or 3%)", es: "una fracción mayor que 0 y como mucho 1 (0,03 o 3%)" },
  },
  {
    spec: { key: "cac", label: { en: "CAC (cost to acquire a customer)", es: "CAC (coste de adquirir un cliente)" }, kind: "number", default: SAMPLE_LTV_CAC_INPUTS.cac },
    field: "cac",
    check: (x) => x > 0,
    rule: { en: "a number above 0", es: "un número mayor que 0" },
  },
  {
    spec: { key: "discount", label: { en: "Monthly discount rate (fraction)", es: "Tasa de descuento mensual (fracción)" }, kind: "number", default: SAMPLE_LTV_CAC_INPUTS.discountRate },
    field: "discountRate",
    check: (x) => x >= 0 && x < 1,
    rule: { en: "a fraction of 0 or more, below 1 (0 for none)", es: "una fracción de 0 o más, menor que 1 (0 si no hay)" },
  },
];


/** The model's inputs from the options, and what is wrong with them. */
export function ltvCacInputsFrom(input: Pick<BuildInput, "options" | "language">): { inputs: LtvCacInputs; blocking: Localized[] } {
  const inputs = { ...SAMPLE_LTV_CAC_INPUTS };
  const blocking: Localized[] = [];
  for (const { spec, field, check, rule } of INPUTS) {
    const value = optionNumber(input, spec);
    inputs[field] = value;
    if (!(Number.isFinite(value) && check(value))) {
      const given = String(input.options[spec.key] ?? spec.default);
      blocking.push({
        en: `Option ${spec.key} (${spec.label.en}) must be ${rule.en}; got "${given}".`,
        es: `La opción ${spec.key} (${spec.label.es}) debe ser ${rule.es}; se recibió «${given}».`,
      });
    }
  }
  if (blocking.length === 0) {
    try {
      // The metrics core has the last word (the same rules as =CXM.LTV, =CXM.LTV.CAC, =CXM.CAC.PAYBACK).
      ltvToCac(ltv(inputs.arpa, inputs.grossMargin, inputs.monthlyChurn, inputs.discountRate), inputs.cac);
      cacPayback(inputs.cac, inputs.arpa, inputs.grossMargin);
    } catch (e) {
      blocking.push(blockingFromError(e, { en: "The model's inputs are not valid", es: "Los datos del modelo no son válidos" }));
    }
  }
  return { inputs, blocking };
}

export const ltvCacDescriptor: TemplateDescriptor = {
  id: "ltv-cac",
  title: { en: "LTV:CAC model", es: "Modelo LTV:CAC" },
  description: {
    en: "Lifetime value, LTV:CAC, CAC payback and a churn × ARPA sensitivity grid from five inputs, all live Excel formulas.",
    es: "Valor de vida, LTV:CAC, recuperación del CAC y una tabla de sensibilidad abandono × ARPA a partir de cinco datos, con fórmulas de Excel.",
  },
  columns: [],
  options: [...INPUTS.map((i) => i.spec), CURRENCY_OPTION],

  validate(input: BuildInput): ValidationReport {
    return { goodRows: 0, problems: [], blocking: ltvCacInputsFrom(input).blocking };
  },

  build(input: BuildInput) {
    const { inputs, blocking } = ltvCacInputsFrom(input);
    if (blocking.length > 0) throw new Error(blocking.map((b) => b[input.language]).join(" "));
    return ltvCacModel(inputs, { currency: optionChoice(input, CURRENCY_OPTION) });
  },

  /** The sample business's inputs, one per row, with the option key to change each. */
  sample: () => [
    ["Input", "Option", "Value"],
    ...INPUTS.map(({ spec }) => [spec.label.en, spec.key, spec.default]),
  ],

  headlines(input: BuildInput): Headline[] {
    const { inputs: x } = ltvCacInputsFrom(input);
    const value = ltv(x.arpa, x.grossMargin, x.monthlyChurn, x.discountRate);
    return [
      { label: { en: "LTV", es: "LTV" }, value, kind: "money", sheet: "ltv", cell: LTV_CAC_CELLS.ltv },
      { label: { en: "LTV:CAC", es: "LTV:CAC" }, value: ltvToCac(value, x.cac), kind: "ratio", sheet: "ltv", cell: LTV_CAC_CELLS.ltvToCac },
      {
        label: { en: "CAC payback (months)", es: "Recuperación del CAC (meses)" },
        value: cacPayback(x.cac, x.arpa, x.grossMargin),
        kind: "months",
        sheet: "ltv",
        cell: LTV_CAC_CELLS.payback,
      },
    ];
  },
};

