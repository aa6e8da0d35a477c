/**
 * Seeded randomness for the demo fleet. Two kinds: a sequential generator (mulberry32) for
 * building the fleet, and stateless integer hashes for anything that must be a pure function of
 * its inputs (metric noise at a given instant), so no query order can change an answer.
 */

const twoTo32 = 4_294_967_296;

/** Avalanches a 32-bit integer (the "lowbias32" finaliser): every input bit flips half the output bits. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed: a stable 32-bit key for an id. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/**
 * Combines a key with any integer-valued number (negative or beyond 2^32, e.g. a time bucket
 * index) into a new 32-bit key.
 */
export function hashCombine(key: number, value: number): number {
  const low = value >>> 0;
  const high = Math.floor(value / twoTo32) | 0;
  return mix32(key ^ mix32(low ^ mix32(high + 0x9e3779b9)));
}

/** Derives a key from a seed and labels, e.g. keyFor(seed, "runtime", serviceId). */
export function keyFor(seed: number, ...labels: readonly string[]): number {
  let key = mix32(seed ^ 0x5bd1e995);
  for (const label of labels) key = hashCombine(key, hashString(label));
  return key;
}

/** A 32-bit hash as a float in [0, 1). */
export function unitFromHash(hash: number): number {
  return (hash >>> 0) / twoTo32;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight: weighted([["a", 3], ["b", 1]]) returns "a" three times in four. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast, and good enough for shaping a simulated fleet. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / twoTo32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("cannot pick from an empty list");
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let remaining = next() * total;
      for (const [value, weight] of choices) {
        remaining -= weight;
        if (remaining < 0) return value;
      }
      const last = choices[choices.length - 1];
      if (!last) throw new Error("cannot pick from an empty list");
      return last[0];
    },
    shuffled: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
  };
}

/** A generator for one labelled part of the fleet: adding a service does not reshuffle the others. */
export function randomFor(seed: number, ...labels: readonly string[]): Random {
  return createRandom(keyFor(seed, ...labels));
}
