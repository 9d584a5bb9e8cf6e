/**
 * Seeded uniform random numbers for sample data, simulations and benchmarks:
 * mulberry32 (T. Ettinger, public domain), a small, fast 32-bit generator whose
 * sequences are the same on every machine, so generated data is reproducible.
 */

/** Mulberry32 draws as 32-bit integers. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Uniform on [0, 1).
 * @example seededRandom(1)() // 0.6270…
 */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/**
 * Uniform on the open interval (0, 1): never exactly 0, so log(u) is finite.
 * @example seededUniform(1)() // 0.6270…
 */
export function seededUniform(seed: number): () => number {
  const next = mulberry32(seed);
  return () => (next() + 0.5) / 4294967296;
}
