/**
 * Seeded pseudo-random numbers: xoshiro128** seeded through splitmix32, so every random choice
 * in taosim comes from a scenario's seed (never Math.random). Fast, 32-bit state words.
 */

/** A seeded generator: `next()` is a uniform float in [0, 1). */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  /** uniform 32-bit unsigned integer */
  u32(): number;
  /** an independent stream derived from this one's seed and a label (e.g. an agent id) */
  fork(label: string | number): Rng;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** FNV-1a hash of a string to 32 bits (to turn labels into seeds). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Creates a generator from a seed.
 * @example const r = createRng(42); r.next(); r.int(10); r.fork('validator-3').next();
 */
export function createRng(seed: number | string): Rng {
  const s0 = typeof seed === 'string' ? hash32(seed) : seed >>> 0 ^ Math.floor(seed / 2 ** 32);
  const sm = splitmix32(s0);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const u32 = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  return {
    u32,
    next: () => u32() / 4294967296,
    int: (n: number) => Math.floor((u32() / 4294967296) * n),
    fork: (label) => createRng(hash32(`${s0}:${label}`)),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
