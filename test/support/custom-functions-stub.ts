/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides:
 * the Error class, the ErrorCode values and associate(), which records what
 * the bundle registers.
 */
export class StubExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export function makeCustomFunctionsStub() {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  return {
    associated,
    api: {
      Error: StubExcelError,
      ErrorCode: ERROR_CODES,
      associate(idOrMap: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) {
        if (typeof idOrMap === "string") associated.set(idOrMap.toUpperCase(), fn!);
        else for (const [id, f] of Object.entries(idOrMap)) associated.set(id.toUpperCase(), f);
      },
    },
  };
}

export function installCustomFunctionsStub() {
  const stub = makeCustomFunctionsStub();
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = stub.api;
  return stub;
}

/** An Excel error value as it arrives inside a range argument. */
export function errorValue(code: string): StubExcelError {
  return new StubExcelError(code);
}
