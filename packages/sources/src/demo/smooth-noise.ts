import { hashCombine, unitFromHash } from "./random.ts";

/**
 * Value noise over time in [-1, 1]: a hashed value at each multiple of bucketMs, eased between
 * neighbours with smoothstep. It depends only on (key, tMs, bucketMs), so the value at an instant
 * is the same whatever range, step or order it is queried in — the demo fleet needs no stored
 * samples — and it moves smoothly, as real traffic and heaps do, instead of jumping every step.
 */
export function valueNoise(key: number, tMs: number, bucketMs: number): number {
  const position = tMs / bucketMs;
  const bucket = Math.floor(position);
  const fraction = position - bucket;
  const from = unitFromHash(hashCombine(key, bucket));
  const to = unitFromHash(hashCombine(key, bucket + 1));
  const eased = fraction * fraction * (3 - 2 * fraction);
  return 2 * (from + (to - from) * eased) - 1;
}
