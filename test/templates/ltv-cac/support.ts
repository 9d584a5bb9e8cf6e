/** Builds of the LTV:CAC model for its tests. */
import { ltvCacParts, ltvCacTemplate as T } from "../../../src/templates/ltv-cac/descriptor";
import type { BuildInput, Language } from "../../../src/templates/registry-types";

export const BUILT = new Date("2025-01-15T09:30:00Z");

/** The defaults with `options` over them (as the CLI and the pane pass every option). */
export function input(options: Record<string, string | number> = {}, language: Language = "en", rows: unknown[][] = [], mapping: BuildInput["mapping"] = {}): BuildInput {
  const defaults = Object.fromEntries(T.options.map((o) => [o.key, o.default]));
  return { rows, mapping, options: { ...defaults, ...options }, sourceLabel: "orders.csv", builtAt: BUILT, language, surface: "cli" };
}

/** Retention from the sample cohort, with the discount it needs (0.8% a month, about 10% a year). */
export const COHORTS = { retention: "cohorts", discount: 0.008 } as const;

export const build = (i: BuildInput) => ltvCacParts.build(i);
