/**
 * Maximum likelihood for models with positive parameters, shared by the
 * BG/NBD and Gamma-Gamma fits: BFGS on the log parameters from several
 * starting points, then checks that the answer is a proper maximum. A fit that
 * does not pass them is an error (#NUM!), never a silent number.
 */
import { notComputable } from "../errors";
import { hessianFromGradient, invertPositiveDefinite, minimizeBfgs, MinimizeResult, Objective } from "./optimize";

export interface LikelihoodProblem {
  /** "BG/NBD", for messages. */
  model: string;
  /** Parameter names, in order. */
  names: readonly string[];
  /**
   * Mean negative log-likelihood per observation at θ = ln(parameters), with
   * its gradient in θ. Dividing by the number of observations keeps the
   * gradient tolerance meaningful for 100 and for 100,000 customers.
   */
  objective: Objective;
  /** Starting points, in the parameters' own scale, tried in order. */
  starts: readonly (readonly number[])[];
  /** Observations the mean is over. */
  observations: number;
  /**
   * Checked after every run from a start: a reason when the run has headed
   * for a boundary where the model has no maximum (the fit then stops at once
   * with #NUM!, instead of trying the other starts, which would go the same way).
   */
  boundary?: (theta: Float64Array) => string | null;
}

export interface LikelihoodFit {
  estimates: Float64Array;
  /** Total log-likelihood at the estimates. */
  logLikelihood: number;
  /** Asymptotic standard errors (inverse observed information, delta method from the log scale). */
  standardErrors: Float64Array;
  iterations: number;
}

/** A parameter past e^±30 has run off to 0 or infinity: the likelihood has no interior maximum. */
const LOG_BOUND = 30;
const GRADIENT_TOLERANCE = 1e-9;

function agree(a: MinimizeResult, b: MinimizeResult): boolean {
  return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
}

/**
 * Maximises the likelihood. Runs BFGS from the starting points until two
 * converged runs agree on the maximum (or the points run out), keeps the best,
 * and then requires that (1) no parameter ran off towards 0 or infinity and
 * (2) the Hessian there is positive definite, so the maximum is a proper one
 * and the standard errors exist.
 */
export function maximizeLikelihood(problem: LikelihoodProblem): LikelihoodFit {
  const { model, names, objective } = problem;
  let best: MinimizeResult | null = null;
  let lastFailure = "";
  let iterations = 0;
  let agreeing = 0;
  for (const start of problem.starts) {
    const run = minimizeBfgs(objective, start.map(Math.log), { gradientTolerance: GRADIENT_TOLERANCE });
    iterations += run.iterations;
    const edge = problem.boundary?.(run.x);
    if (edge) throw notComputable(`The ${model} fit has no maximum: ${edge}`);
    if (!run.converged) {
      lastFailure = run.reason;
      continue;
    }
    if (best && agree(best, run)) agreeing++;
    if (!best || run.value < best.value) best = run;
    if (agreeing >= 1) break;
  }
  if (!best) throw notComputable(`The ${model} fit did not converge (${lastFailure}).`);
  const theta = best.x;
  for (let i = 0; i < theta.length; i++) {
    if (Math.abs(theta[i]) > LOG_BOUND) {
      throw notComputable(
        `The ${model} fit did not converge: ${names[i]} ran off towards ${theta[i] > 0 ? "infinity" : "0"}, so these data have no best-fitting ${model} model.`,
      );
    }
  }
  const n = theta.length;
  const hessian = hessianFromGradient(objective, theta);
  const covariance = invertPositiveDefinite(hessian, n);
  if (!covariance) {
    throw notComputable(`The ${model} fit did not converge to a proper maximum: the data do not pin down ${names.join(", ")} (the likelihood is flat in some direction).`);
  }
  const estimates = theta.map(Math.exp);
  const standardErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) standardErrors[i] = estimates[i] * Math.sqrt(covariance[i * n + i] / problem.observations);
  return { estimates, logLikelihood: -best.value * problem.observations, standardErrors, iterations };
}

/** The inverse Hessian of a mean negative log-likelihood at θ, or null when it is not positive definite there. */
export function inverseHessianAt(objective: Objective, theta: Float64Array): Float64Array | null {
  return invertPositiveDefinite(hessianFromGradient(objective, theta), theta.length);
}

/** A fitted maximum to refit resamples from: θ = ln(parameters) and the inverse Hessian of the objective there. */
export interface WarmStart {
  theta: Float64Array;
  inverseHessian: Float64Array;
}

export interface RefitProblem extends Pick<LikelihoodProblem, "model" | "names" | "objective" | "boundary"> {
  /** θ = ln(parameters) at the maximum of a nearby problem (the same data before resampling). */
  start: Float64Array;
  /** The inverse Hessian there (inverseHessianAt). */
  inverseHessian: Float64Array;
}

/**
 * Maximises a likelihood close to one already maximised — a bootstrap
 * resample of the same customers — by one BFGS run from that maximum, with
 * its inverse Hessian as the first estimate: the first steps are Newton
 * steps, so a refit takes a handful of iterations instead of the several
 * cold starts of maximizeLikelihood. The same checks on the answer
 * (convergence, no parameter running off to 0 or infinity, the model's
 * boundary test) throw #NUM!; the Hessian test and the standard errors are
 * left out (a resample's are not reported). Returns the estimates.
 */
export function refitLikelihood(problem: RefitProblem): Float64Array {
  const { model, names } = problem;
  const run = minimizeBfgs(problem.objective, problem.start, { gradientTolerance: GRADIENT_TOLERANCE, inverseHessian: problem.inverseHessian });
  const edge = problem.boundary?.(run.x);
  if (edge) throw notComputable(`The ${model} fit has no maximum: ${edge}`);
  if (!run.converged) throw notComputable(`The ${model} fit did not converge (${run.reason}).`);
  for (let i = 0; i < run.x.length; i++) {
    if (Math.abs(run.x[i]) > LOG_BOUND) throw notComputable(`The ${model} fit did not converge: ${names[i]} ran off towards ${run.x[i] > 0 ? "infinity" : "0"}.`);
  }
  return run.x.map(Math.exp);
}
