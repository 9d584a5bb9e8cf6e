import { withFuturePrefixes } from "../../src/xlsx/future-functions";

describe("withFuturePrefixes", () => {
  test("prefixes post-2007 functions and only them", () => {
    // [MS-XLSX] 2.2.2: NORM.S.INV, IFS, STDEV.S are future functions; COUNTIFS, SQRT, EDATE are not.
    expect(withFuturePrefixes("NORM.S.INV(0.5+Conf/2)")).toBe("_xlfn.NORM.S.INV(0.5+Conf/2)");
    expect(withFuturePrefixes("IFS(A1>1,STDEV.S(B:B),TRUE,SQRT(COUNTIFS(C:C,\">=9\")))")).toBe(
      "_xlfn.IFS(A1>1,_xlfn.STDEV.S(B:B),TRUE,SQRT(COUNTIFS(C:C,\">=9\")))",
    );
    expect(withFuturePrefixes("EDATE(A1,1)")).toBe("EDATE(A1,1)");
  });

  test("leaves strings, sheet names, names and prefixed calls alone", () => {
    expect(withFuturePrefixes('"IFS(1)"&A1')).toBe('"IFS(1)"&A1');
    expect(withFuturePrefixes("'IFS(x)'!A1+SWITCH(1,1,2)")).toBe("'IFS(x)'!A1+_xlfn.SWITCH(1,1,2)");
    expect(withFuturePrefixes("_xlfn.NORM.S.INV(0.9)")).toBe("_xlfn.NORM.S.INV(0.9)");
    expect(withFuturePrefixes("MyIFS+IFS_total")).toBe("MyIFS+IFS_total");
    expect(withFuturePrefixes('"say ""IFS("" "&IFNA(A1,0)')).toBe('"say ""IFS("" "&_xlfn.IFNA(A1,0)');
  });
});
