/**
 * Calls a custom function the way Excel would and reports the outcome as data:
 * { value } for a result, { error, message } for an Excel error (thrown or
 * returned), { thrown } for anything else — which is always a bug.
 */
import { StubExcelError } from "./custom-functions-stub";

export type Outcome = { value: unknown } | { error: string; message?: string } | { thrown: unknown };

export async function outcome(fn: (...args: any[]) => unknown, ...args: unknown[]): Promise<Outcome> {
  try {
    const v = await fn(...args);
    if (v instanceof StubExcelError) return { error: v.code, message: v.message };
    return { value: v };
  } catch (e) {
    if (e instanceof StubExcelError) return { error: e.code, message: e.message };
    return { thrown: e };
  }
}

/** Builds a column range (n×1) as Excel passes it. */
export function column(values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

/** An invocation that names the parameters' addresses, as @requiresParameterAddresses gives. */
export function invocationAt(...addresses: string[]): CustomFunctions.Invocation {
  return { parameterAddresses: addresses } as unknown as CustomFunctions.Invocation;
}
