/**
 * Predictive customer lifetime value: the BG/NBD model of repeat purchases,
 * the Gamma-Gamma model of spend, and CLV from both. Per-customer inputs are
 * ranges of the same shape (frequency, recency, T, monetary), one customer per
 * row; rows with no number at all are skipped. The fits spill a 2-row block
 * (labels, values) that the other functions take as their params.
 */
import { bgnbdConditionalExpectedPurchases, BgnbdParams, bgnbdProbabilityAlive } from "../metrics/clv/bgnbd";
import { fitBgnbd } from "../metrics/clv/bgnbd-fit";
import { discountedExpectedPurchasesAll, validateClvOptions } from "../metrics/clv/clv";
import { fitGammaGamma, gammaGammaExpectedSpend, GammaGammaParams, validateGammaGammaParams, validateSpend } from "../metrics/clv/gamma-gamma";
import { PurchaseHistories, validateHistories } from "../metrics/clv/history";
import { optionalNumber, requiredNumber } from "./support/args";
import { excelResultAsync } from "./support/excel-errors";
import { CustomerColumn, CustomerRows, readCustomerRows, spillPerCustomer } from "./clv-input/customer-rows";
import { readParams } from "./clv-input/params";

const BGNBD_LAYOUT = { source: "CXM.BGNBD.FIT", names: ["r", "alpha", "a", "b"], extras: ["loglik"] } as const;
const GG_LAYOUT = { source: "CXM.GAMMAGAMMA.FIT", names: ["p", "q", "gamma"], extras: [] } as const;

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

/** The frequency, recency and T ranges (and monetary, when given) at parameter positions `first`…. */
function historyColumns(args: unknown[], invocation: CustomFunctions.Invocation | undefined, first: number, withMonetary: boolean): CustomerColumn[] {
  const columns: CustomerColumn[] = [
    { name: "frequency", field: "frequency", value: args[0], address: addressOf(invocation, first), required: true },
    { name: "recency", field: "recency", value: args[1], address: addressOf(invocation, first + 1), required: true },
    { name: "T", field: "T", value: args[2], address: addressOf(invocation, first + 2), required: true },
  ];
  if (withMonetary) columns.push({ name: "monetary", field: "monetary", value: args[3], address: addressOf(invocation, first + 3), required: false });
  return columns;
}

/** Reads and validates the histories; every impossible value is #VALUE! naming its cell. */
async function readHistories(columns: CustomerColumn[], confirmBlankZeros: boolean): Promise<{ data: CustomerRows; histories: PurchaseHistories }> {
  const data = await readCustomerRows(columns, confirmBlankZeros);
  const histories = { frequency: data.values[0], recency: data.values[1], T: data.values[2] };
  validateHistories(histories, data.locate);
  return { data, histories };
}

function bgnbdParams(v: unknown, invocation: CustomFunctions.Invocation | undefined, index: number, name = "params"): BgnbdParams {
  const [r, alpha, a, b] = readParams(v, name, BGNBD_LAYOUT, addressOf(invocation, index));
  return { r, alpha, a, b };
}

function gammaGammaParams(v: unknown, invocation: CustomFunctions.Invocation | undefined, index: number, name = "params"): GammaGammaParams {
  const [p, q, gamma] = readParams(v, name, GG_LAYOUT, addressOf(invocation, index));
  return { p, q, gamma };
}

/**
 * Fits the BG/NBD model of repeat buying by maximum likelihood; spills labels r, alpha, a, b, loglik over their values.
 * @customfunction BGNBD.FIT
 * @param frequency Repeat purchases of each customer (purchases after the first), one customer per row.
 * @param recency Each customer's age at their last repeat purchase (0 if none), in the same time unit as T.
 * @param T Each customer's age at the end of the period: time since their first purchase (e.g. in weeks).
 * @param invocation Invocation (Excel fills it in).
 * @returns A 2x5 block: labels r, alpha, a, b, loglik; then the fitted values. #NUM! if the fit does not converge.
 * @requiresParameterAddresses
 */
export async function bgnbdFit(frequency: any[][], recency: any[][], T: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const { data, histories } = await readHistories(historyColumns([frequency, recency, T], invocation, 0, false), false);
    const fit = fitBgnbd(histories, data.locate);
    return [
      ["r", "alpha", "a", "b", "loglik"],
      [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b, fit.logLikelihood],
    ];
  });
}

/**
 * Probability that each customer is still active (has not dropped out), under a fitted BG/NBD model.
 * @customfunction BGNBD.PALIVE
 * @param params The block CXM.BGNBD.FIT returns (labels and values), or its row of values.
 * @param frequency Repeat purchases of each customer.
 * @param recency Each customer's age at their last repeat purchase (0 if none).
 * @param T Each customer's age at the end of the period.
 * @param invocation Invocation (Excel fills it in).
 * @returns One probability per customer (0 to 1), in the shape of the inputs; empty rows give "".
 * @requiresParameterAddresses
 */
export async function bgnbdPalive(params: any[][], frequency: any[][], recency: any[][], T: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const p = bgnbdParams(params, invocation, 0);
    const { data, histories: h } = await readHistories(historyColumns([frequency, recency, T], invocation, 1, false), true);
    return spillPerCustomer(data, (i) => bgnbdProbabilityAlive(p, h.frequency[i], h.recency[i], h.T[i]));
  });
}

/**
 * Expected number of purchases of each customer in the next t periods, given their history, under a fitted BG/NBD model.
 * @customfunction BGNBD.EXPECTED
 * @param params The block CXM.BGNBD.FIT returns (labels and values), or its row of values.
 * @param t Length of the future period, in the time unit of T (e.g. 52 for a year of weeks).
 * @param frequency Repeat purchases of each customer.
 * @param recency Each customer's age at their last repeat purchase (0 if none).
 * @param T Each customer's age at the end of the period.
 * @param invocation Invocation (Excel fills it in).
 * @returns Expected purchases per customer, in the shape of the inputs; empty rows give "".
 * @requiresParameterAddresses
 */
export async function bgnbdExpected(params: any[][], t: any, frequency: any[][], recency: any[][], T: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const p = bgnbdParams(params, invocation, 0);
    const horizon = requiredNumber(t, "t");
    const { data, histories: h } = await readHistories(historyColumns([frequency, recency, T], invocation, 2, false), true);
    return spillPerCustomer(data, (i) => bgnbdConditionalExpectedPurchases(p, horizon, h.frequency[i], h.recency[i], h.T[i]));
  });
}

/**
 * Fits the Gamma-Gamma model of spend per purchase; customers with frequency 0 are left out. Spills labels p, q, gamma over their values.
 * @customfunction GAMMAGAMMA.FIT
 * @param frequency Repeat purchases of each customer, one customer per row.
 * @param monetary Each customer's mean spend per repeat purchase (may be empty or 0 when frequency is 0).
 * @param invocation Invocation (Excel fills it in).
 * @returns A 2x3 block: labels p, q, gamma; then the fitted values. #NUM! if the fit does not converge.
 * @requiresParameterAddresses
 */
export async function gammagammaFit(frequency: any[][], monetary: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const data = await readCustomerRows(
      [
        { name: "frequency", field: "frequency", value: frequency, address: addressOf(invocation, 0), required: true },
        { name: "monetary", field: "monetary", value: monetary, address: addressOf(invocation, 1), required: false },
      ],
      false,
    );
    const fit = fitGammaGamma({ frequency: data.values[0], monetary: data.values[1] }, data.locate);
    return [
      ["p", "q", "gamma"],
      [fit.params.p, fit.params.q, fit.params.gamma],
    ];
  });
}

/**
 * Expected mean spend per purchase of each customer under a fitted Gamma-Gamma model: a blend of their own mean and the population mean.
 * @customfunction GAMMAGAMMA.SPEND
 * @param params The block CXM.GAMMAGAMMA.FIT returns (labels and values), or its row of values.
 * @param frequency Repeat purchases of each customer.
 * @param monetary Each customer's mean spend per repeat purchase (ignored when frequency is 0).
 * @param invocation Invocation (Excel fills it in).
 * @returns Expected spend per purchase, per customer, in the shape of the inputs; empty rows give "".
 * @requiresParameterAddresses
 */
export async function gammagammaSpend(params: any[][], frequency: any[][], monetary: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const g = gammaGammaParams(params, invocation, 0);
    const data = await readCustomerRows(
      [
        { name: "frequency", field: "frequency", value: frequency, address: addressOf(invocation, 1), required: true },
        { name: "monetary", field: "monetary", value: monetary, address: addressOf(invocation, 2), required: false },
      ],
      true,
    );
    const [x, m] = data.values;
    for (let i = 0; i < x.length; i++) validateSpend(x[i], m[i], i, data.locate);
    return spillPerCustomer(data, (i) => gammaGammaExpectedSpend(g, x[i], m[i]));
  });
}

/**
 * Customer lifetime value over a horizon: BG/NBD expected purchases per period x Gamma-Gamma expected spend x margin, discounted per period.
 * @customfunction CLV
 * @param bgnbd_params The block CXM.BGNBD.FIT returns, or its row of values.
 * @param gg_params The block CXM.GAMMAGAMMA.FIT returns, or its row of values.
 * @param frequency Repeat purchases of each customer.
 * @param recency Each customer's age at their last repeat purchase (0 if none).
 * @param T Each customer's age at the end of the period.
 * @param monetary Each customer's mean spend per repeat purchase (ignored when frequency is 0).
 * @param [horizon_periods] Periods to look ahead, in the time unit of T; 52 if omitted (a year of weeks).
 * @param [discount_rate_per_period] Discount rate per period as a fraction, e.g. 0.0019 per week for about 10% a year; 0 if omitted.
 * @param [margin] Profit margin on spend as a fraction; 1 if omitted (CLV in revenue).
 * @param invocation Invocation (Excel fills it in).
 * @returns CLV per customer, in the shape of the inputs; empty rows give "".
 * @requiresParameterAddresses
 */
export async function clv(
  bgnbd_params: any[][],
  gg_params: any[][],
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary: any[][],
  horizon_periods?: any,
  discount_rate_per_period?: any,
  margin?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excelResultAsync(async () => {
    const bg = bgnbdParams(bgnbd_params, invocation, 0, "bgnbd_params");
    const gg = gammaGammaParams(gg_params, invocation, 1, "gg_params");
    const options = validateClvOptions({
      periods: optionalNumber(horizon_periods, "horizon_periods", 52),
      discountRate: optionalNumber(discount_rate_per_period, "discount_rate_per_period", 0),
      margin: optionalNumber(margin, "margin", 1),
    });
    const { data, histories: h } = await readHistories(historyColumns([frequency, recency, T, monetary], invocation, 2, true), true);
    const m = data.values[3];
    for (let i = 0; i < m.length; i++) validateSpend(h.frequency[i], m[i], i, data.locate);
    validateGammaGammaParams(gg);
    // All customers at once: one sum over the periods per distinct (frequency, T), in bounded work.
    const purchases = discountedExpectedPurchasesAll(bg, h, options);
    return spillPerCustomer(data, (i) => options.margin * gammaGammaExpectedSpend(gg, h.frequency[i], m[i]) * purchases[i]);
  });
}
