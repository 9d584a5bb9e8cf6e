import { MetricError } from "../../../src/metrics/errors";

/** The MetricError `f` throws; fails the test when it throws nothing or something else. */
export function thrown(f: () => unknown): MetricError {
  try {
    f();
  } catch (e) {
    if (e instanceof MetricError) return e;
    throw e;
  }
  throw new Error("expected a MetricError");
}
