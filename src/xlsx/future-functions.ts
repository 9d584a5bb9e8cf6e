/**
 * In an .xlsx file, functions added to Excel after 2007 are stored with a
 * "_xlfn." prefix (NORM.S.INV is written _xlfn.NORM.S.INV); without it Excel
 * shows #NAME? until the cell is re-entered. Excel's UI and Office.js hide the
 * prefix, so plans use the plain names and the .xlsx writer adds it here.
 *
 * Reference: [MS-XLSX] 2.2.2 Formulas ("future functions"); ECMA-376 Part 1,
 * 18.17.7 (function names not in the 2007 list are prefixed).
 */

/** Functions added in Excel 2010 and later that a CX template may use. */
export const FUTURE_FUNCTIONS = new Set([
  "AGGREGATE",
  "BINOM.DIST",
  "BINOM.INV",
  "CEILING.MATH",
  "CHISQ.DIST",
  "CHISQ.DIST.RT",
  "CHISQ.INV",
  "CHISQ.INV.RT",
  "CHISQ.TEST",
  "CONCAT",
  "CONFIDENCE.NORM",
  "CONFIDENCE.T",
  "COVARIANCE.P",
  "COVARIANCE.S",
  "DAYS",
  "EXPON.DIST",
  "F.DIST",
  "F.DIST.RT",
  "F.INV",
  "F.INV.RT",
  "FLOOR.MATH",
  "FORECAST.LINEAR",
  "FORMULATEXT",
  "GAMMA",
  "GAMMA.DIST",
  "GAMMA.INV",
  "GAMMALN.PRECISE",
  "GAUSS",
  "IFNA",
  "IFS",
  "ISFORMULA",
  "ISOWEEKNUM",
  "LOGNORM.DIST",
  "LOGNORM.INV",
  "MAXIFS",
  "MINIFS",
  "MODE.MULT",
  "MODE.SNGL",
  "NEGBINOM.DIST",
  "NETWORKDAYS.INTL",
  "NORM.DIST",
  "NORM.INV",
  "NORM.S.DIST",
  "NORM.S.INV",
  "NUMBERVALUE",
  "PERCENTILE.EXC",
  "PERCENTILE.INC",
  "PERCENTRANK.EXC",
  "PERCENTRANK.INC",
  "PHI",
  "POISSON.DIST",
  "QUARTILE.EXC",
  "QUARTILE.INC",
  "RANK.AVG",
  "RANK.EQ",
  "RRI",
  "STDEV.P",
  "STDEV.S",
  "SWITCH",
  "T.DIST",
  "T.DIST.2T",
  "T.DIST.RT",
  "T.INV",
  "T.INV.2T",
  "T.TEST",
  "TEXTJOIN",
  "VAR.P",
  "VAR.S",
  "WEIBULL.DIST",
  "WORKDAY.INTL",
  "XLOOKUP",
  "XMATCH",
  "XOR",
  "Z.TEST",
]);

/**
 * Adds "_xlfn." before every future function called in a formula (given
 * without its leading "="), leaving string literals and quoted sheet names
 * alone: NORM.S.INV(0.975) -> _xlfn.NORM.S.INV(0.975).
 */
export function withFuturePrefixes(formula: string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // Copy a string literal or a quoted sheet name whole ("" and '' escape the quote).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(formula.slice(i, i + 64));
    if (m && !/[A-Za-z0-9_.]/.test(formula[i - 1] ?? "")) {
      const name = m[0];
      if (formula[i + name.length] === "(" && FUTURE_FUNCTIONS.has(name.toUpperCase())) out += "_xlfn.";
      out += name;
      i += name.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
