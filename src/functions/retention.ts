/**
 * Contractual retention: the shifted-beta-geometric (sBG) and
 * beta-discrete-Weibull (BdW) models fitted to cohort survivor counts, their
 * survival and retention curves, and the discounted expected lifetime that
 * LTV should use. The fits spill a 2-row block (labels, values) that the
 * other functions take as their params, like CXM.BGNBD.FIT.
 */
import { fitBdw } from "../metrics/retention/bdw-fit";
import { bdwSurvival, BdwParams, validateBdwParams } from "../metrics/retention/bdw";
import { fitSbg } from "../metrics/retention/sbg-fit";
import { sbgRetention, sbgSurvival, SbgParams, validateSbgParams } from "../metrics/retention/sbg";
import { sbgDel, sbgDerl } from "../metrics/retention/sbg-value";
import { readParams } from "./clv-input/params";
import { readSurvivors } from "./retention-input/survivors";
import { spillOverPeriods } from "./retention-input/periods";
import { requiredNumber } from "./support/args";
import { excelResult, excelResultAsync } from "./support/excel-errors";
import { refuseLargeSpill } from "./tables/spill-limit";

const SBG_LAYOUT = { source: "CXM.SBG.FIT", names: ["alpha", "beta"], extras: ["loglik", "periods"] } as const;
const BDW_LAYOUT = { source: "CXM.BDW.FIT", names: ["alpha", "beta", "c"], extras: ["loglik", "periods"] } as const;

function addressOf(invocation: CustomFunctions.Invocation | undefined, index: number): string | null {
  return invocation?.parameterAddresses?.[index] ?? null;
}

function sbgParams(v: unknown, invocation: CustomFunctions.Invocation | undefined, index: number): SbgParams {
  const [alpha, beta] = readParams(v, "params", SBG_LAYOUT, addressOf(invocation, index));
  return validateSbgParams({ alpha, beta });
}

function bdwParams(v: unknown, invocation: CustomFunctions.Invocation | undefined, index: number): BdwParams {
  const [alpha, beta, c] = readParams(v, "params", BDW_LAYOUT, addressOf(invocation, index));
  return validateBdwParams({ alpha, beta, c });
}

/**
 * Fits the shifted-beta-geometric retention model to cohort survivor counts by maximum likelihood; spills labels alpha, beta, loglik, periods over their values.
 * @customfunction SBG.FIT
 * @param survivors A cohort's size, then the customers still active after 1, 2, ... periods (a column); or one cohort per column, each left blank beyond its age, fitted jointly.
 * @param invocation Invocation (Excel fills it in).
 * @returns A 2x4 block: labels alpha, beta, loglik, periods (the oldest cohort's age); then the fitted values. #NUM! if the fit does not converge.
 * @requiresParameterAddresses
 */
export async function sbgFit(survivors: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const { cohorts, locate } = await readSurvivors(survivors, "survivors", addressOf(invocation, 0));
    const fit = fitSbg(cohorts, locate);
    return [
      ["alpha", "beta", "loglik", "periods"],
      [fit.params.alpha, fit.params.beta, fit.logLikelihood, fit.periods],
    ];
  });
}

/**
 * Share of a cohort still active after t periods under a fitted sBG model: S(t) = B(alpha, beta + t) / B(alpha, beta).
 * @customfunction SBG.SURVIVAL
 * @param params The block CXM.SBG.FIT returns (labels and values), or its row of values.
 * @param t Periods since the start, a whole number (0 gives 1); or a range of them, and the result spills in its shape.
 * @param invocation Invocation (Excel fills it in).
 * @returns The share still active (0 to 1) for each t; empty cells give "".
 * @requiresParameterAddresses
 */
export async function sbgSurvivalFn(params: any[][], t: any, invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const p = sbgParams(params, invocation, 0);
    return refuseLargeSpill(await spillOverPeriods(t, "t", addressOf(invocation, 1), 0, (x) => sbgSurvival(p, x)), "survival curve");
  });
}

/**
 * Retention rate in period t under a fitted sBG model, the share of those active after t - 1 periods who renew: (beta + t - 1) / (alpha + beta + t - 1).
 * @customfunction SBG.RETENTION
 * @param params The block CXM.SBG.FIT returns (labels and values), or its row of values.
 * @param t The period, a whole number from 1; or a range of them, and the result spills in its shape.
 * @param invocation Invocation (Excel fills it in).
 * @returns The retention rate (0 to 1) for each t; empty cells give "".
 * @requiresParameterAddresses
 */
export async function sbgRetentionFn(params: any[][], t: any, invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const p = sbgParams(params, invocation, 0);
    return refuseLargeSpill(await spillOverPeriods(t, "t", addressOf(invocation, 1), 1, (x) => sbgRetention(p, x)), "retention curve");
  });
}

// The period convention of DEL and DERL (sources differ by one period; see
// src/metrics/retention/sbg-value.ts). A payment is made at signing (t = 0)
// and at each renewal t = 1, 2, …, discounted by (1 + d)^t, so DEL counts the
// first period undiscounted: DEL = Σ_{t≥0} S(t)/(1 + d)^t. DERL stands at the
// next renewal of a customer who has made n renewals, that renewal's payment
// undiscounted, so DEL = 1 + DERL(0)/(1 + d). Worked example: alpha = beta = 1
// (S(t) = 1/(t + 1)), d = 0.1: DEL = 1 + 0.5/1.1 + (1/3)/1.1² + … = 2.6377;
// DERL(0) = 0.5 + (1/3)/1.1 + 0.25/1.1² + … = 1.8015; 1 + 1.8015/1.1 = 2.6377.

/**
 * Discounted expected lifetime of a new customer under a fitted sBG model, in periods, the first period undiscounted: the sum over t from 0 of S(t)/(1 + d)^t. LTV = margin per period x DEL.
 * @customfunction SBG.DEL
 * @param params The block CXM.SBG.FIT returns (labels and values), or its row of values.
 * @param discount_rate Discount rate per period as a fraction, e.g. 0.1 for 10% a year when periods are years. With 0 the expected lifetime, which is infinite (#NUM!) unless alpha > 1.
 * @returns DEL in periods (at least 1).
 */
export function sbgDelFn(params: any[][], discount_rate: any): number {
  return excelResult(() => sbgDel(sbgParams(params, undefined, 0), requiredNumber(discount_rate, "discount_rate")));
}

/**
 * Discounted expected residual lifetime, in periods, of a customer who has made a given number of renewals, valued at their next renewal (its payment undiscounted): DEL = 1 + DERL(0)/(1 + d).
 * @customfunction SBG.DERL
 * @param params The block CXM.SBG.FIT returns (labels and values), or its row of values.
 * @param discount_rate Discount rate per period as a fraction, e.g. 0.1 for 10% a year when periods are years.
 * @param renewals Renewals the customer has made so far, a whole number (0 for a customer in their first period).
 * @returns DERL in periods.
 */
export function sbgDerlFn(params: any[][], discount_rate: any, renewals: any): number {
  return excelResult(() =>
    sbgDerl(sbgParams(params, undefined, 0), requiredNumber(discount_rate, "discount_rate"), requiredNumber(renewals, "renewals")),
  );
}

/**
 * Fits the beta-discrete-Weibull retention model (sBG with churn that rises or falls with tenure) to cohort survivor counts; spills labels alpha, beta, c, loglik, periods over their values.
 * @customfunction BDW.FIT
 * @param survivors A cohort's size, then the customers still active after 1, 2, ... periods (a column); or one cohort per column, each left blank beyond its age, fitted jointly.
 * @param invocation Invocation (Excel fills it in).
 * @returns A 2x5 block: labels alpha, beta, c, loglik, periods; then the fitted values (c below 1: churn falls with tenure; above 1: it rises). #NUM! if the fit does not converge.
 * @requiresParameterAddresses
 */
export async function bdwFit(survivors: any[][], invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const { cohorts, locate } = await readSurvivors(survivors, "survivors", addressOf(invocation, 0));
    const fit = fitBdw(cohorts, locate);
    return [
      ["alpha", "beta", "c", "loglik", "periods"],
      [fit.params.alpha, fit.params.beta, fit.params.c, fit.logLikelihood, fit.periods],
    ];
  });
}

/**
 * Share of a cohort still active after t periods under a fitted beta-discrete-Weibull model: S(t) = B(alpha, beta + t^c) / B(alpha, beta).
 * @customfunction BDW.SURVIVAL
 * @param params The block CXM.BDW.FIT returns (labels and values), or its row of values.
 * @param t Periods since the start, a whole number (0 gives 1); or a range of them, and the result spills in its shape.
 * @param invocation Invocation (Excel fills it in).
 * @returns The share still active (0 to 1) for each t; empty cells give "".
 * @requiresParameterAddresses
 */
export async function bdwSurvivalFn(params: any[][], t: any, invocation: CustomFunctions.Invocation): Promise<any[][]> {
  return excelResultAsync(async () => {
    const p = bdwParams(params, invocation, 0);
    return refuseLargeSpill(await spillOverPeriods(t, "t", addressOf(invocation, 1), 0, (x) => bdwSurvival(p, x)), "survival curve");
  });
}
