import fc from "fast-check";
import { gamma } from "mathjs";
import { hyp2f1, hyp2f1Excess } from "../../../src/metrics/clv/hypergeometric";
import { MetricError } from "../../../src/metrics/errors";
import { integrate01 } from "./quadrature";

/** |got − want| within `rel` of |want| (or of 1 when want is near 0). */
function close(got: number, want: number, rel: number) {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
}

// z values across the whole range the BG/NBD needs, including the continuation region (> 1/2) close to 1.
const Z = [1e-6, 0.1, 0.3, 0.5, 0.51, 0.7, 0.9, 0.99, 0.9999, 0.999999];

describe("hyp2f1: closed forms (Abramowitz & Stegun 1964, §15.1)", () => {
  it.each(Z)("15.1.3: 2F1(1, 1; 2; z) = −ln(1 − z)/z at z = %p (c − a − b = 0, the degenerate case)", (z) => {
    close(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
  });

  it.each(Z)("15.1.8: 2F1(a, b; b; z) = (1 − z)^−a at z = %p", (z) => {
    close(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7), 1e-13);
    close(hyp2f1(3.2, 0.4, 0.4, z), Math.pow(1 - z, -3.2), 1e-13);
  });

  it.each(Z)("15.1.6: 2F1(1/2, 1/2; 3/2; x²) = arcsin(x)/x at x² = %p", (z) => {
    const x = Math.sqrt(z);
    close(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(x) / x, 1e-12);
  });

  it.each([0.1, 0.5, 1, 3, 10, 100])("15.1.5: 2F1(1/2, 1; 3/2; −x²) = arctan(x)/x at x = %p (negative z, Pfaff)", (x) => {
    close(hyp2f1(0.5, 1, 1.5, -x * x), Math.atan(x) / x, 1e-13);
  });

  it.each([0.2, 0.7, 1.3])("15.1.15: 2F1(a, 1 − a; 3/2; sin²θ) = sin((2a − 1)θ)/((2a − 1) sin θ) at θ = %p", (theta) => {
    const a = 0.8;
    const z = Math.sin(theta) ** 2;
    close(hyp2f1(a, 1 - a, 1.5, z), Math.sin((2 * a - 1) * theta) / ((2 * a - 1) * Math.sin(theta)), 1e-13);
  });

  it("15.1.20 (Gauss): 2F1(a, b; c; z) → Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) as z → 1 when c − a − b > 0", () => {
    const [a, b, c] = [0.5, 0.3, 2.5];
    const limit = (gamma(c) * gamma(c - a - b)) / (gamma(c - a) * gamma(c - b));
    // c − a − b = 1.7 > 1, so 2F1 has a finite slope at 1 and differs from the limit by O(1 − z).
    close(hyp2f1(a, b, c, 1 - 1e-10), limit, 1e-8);
  });

  it("15.1.21 (Kummer): 2F1(a, b; 1 + a − b; −1) = Γ(1+a−b)Γ(1+a/2)/(Γ(1+a)Γ(1+a/2−b))", () => {
    const [a, b] = [1.5, 0.4];
    const want = (gamma(1 + a - b) * gamma(1 + a / 2)) / (gamma(1 + a) * gamma(1 + a / 2 - b));
    close(hyp2f1(a, b, 1 + a - b, -1), want, 1e-13);
  });

  it("is a polynomial when a is 0 or a negative integer: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))", () => {
    const [b, c, z] = [1.5, 2.5, -7];
    close(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 1e-15);
  });
});

describe("hyp2f1 against Euler's integral by independent quadrature", () => {
  // 2F1(a, b; c; z) = Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ u^(b−1) (1−u)^(c−b−1) (1 − zu)^(−a) du, c > b > 0 (A&S 15.3.1).
  function euler(a: number, b: number, c: number, z: number): number {
    const integral = integrate01((u, v) => Math.pow(u, b - 1) * Math.pow(v, c - b - 1) * Math.pow(1 - z * u, -a), 7);
    return ((gamma(c) / (gamma(b) * gamma(c - b))) * integral);
  }
  // Parameters the BG/NBD uses with the CDNOW fit: (r + x, b + x; a + b + x − 1) for x = 0, 2, 10.
  const cases: [number, number, number][] = [
    [0.243, 2.426, 2.426 + 0.793 - 1 + 0.5],
    [2.243, 4.426, 6.219],
    [10.243, 12.426, 14.219],
    [1.3, 0.6, 2.9],
  ];
  it.each(cases)("2F1(%p, %p; %p; z) for z from 0.05 to 0.95", (a, b, c) => {
    for (const z of [0.05, 0.4, 0.6, 0.8, 0.95]) close(hyp2f1(a, b, c, z), euler(a, b, c, z), 1e-11);
  });
});

describe("hyp2f1: transformation identities (fast-check)", () => {
  const param = fc.double({ min: 0.05, max: 6, noNaN: true });
  const zIn = fc.double({ min: 0, max: 0.995, noNaN: true });

  it("is symmetric in a and b", () => {
    fc.assert(fc.property(param, param, param, zIn, (a, b, c, z) => {
      close(hyp2f1(a, b, c, z), hyp2f1(b, a, c, z), 1e-11);
    }));
  });

  it("satisfies Euler's transformation 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) (A&S 15.3.3)", () => {
    fc.assert(fc.property(param, param, param, zIn, (a, b, c, z) => {
      close(hyp2f1(a, b, c, z), Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z), 1e-9);
    }));
  });
});

describe("hyp2f1Excess: (c/b)(2F1(a, b; c; z) − 1) without the 0/0 at b = 0 or c = 0", () => {
  it("equals (c/b)(2F1 − 1) away from b = 0 (fast-check)", () => {
    const param = fc.double({ min: 0.2, max: 5, noNaN: true });
    fc.assert(fc.property(param, param, param, fc.double({ min: 0, max: 0.999, noNaN: true }), (a, b, c, z) => {
      close(hyp2f1Excess(a, b, c, z), (c / b) * (hyp2f1(a, b, c, z) - 1), 1e-9);
    }));
  });

  it.each(Z)("at b = 0, a = c it is −c·ln(1 − z) (limit of (c/b)((1 − z)^−b − 1), A&S 15.1.8), z = %p", (z) => {
    close(hyp2f1Excess(2.5, 0, 2.5, z), -2.5 * Math.log1p(-z), 1e-13);
  });

  it.each(Z)("at b = 0, c = 0 it is Σ (a)_n zⁿ/n! = (1 − z)^−a − 1 (binomial series), z = %p", (z) => {
    close(hyp2f1Excess(0.8, 0, 0, z), Math.pow(1 - z, -0.8) - 1, 1e-12);
  });

  it("is continuous through b = 0 (the BG/NBD's a = 1)", () => {
    for (const z of [0.3, 0.8, 0.99]) {
      const at = hyp2f1Excess(1.4, 0, 3.2, z);
      close(hyp2f1Excess(1.4, 1e-7, 3.2, z), at, 1e-6);
      close(hyp2f1Excess(1.4, -1e-7, 3.2, z), at, 1e-6);
    }
  });
});

describe("hyp2f1: arguments", () => {
  it("is 1 at z = 0 and rejects z ≥ 1 and c = 0, −1, …", () => {
    expect(hyp2f1(2, 3, 4, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(MetricError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/c is 0 or a negative integer/);
    expect(() => hyp2f1Excess(1, 1, 2, -0.5)).toThrow(/0 ≤ z < 1/);
  });
});
