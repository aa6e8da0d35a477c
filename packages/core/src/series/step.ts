const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

/** Steps a person reads easily on a time axis, and that Prometheus range queries cache well. */
const niceStepsMs = [
  second,
  5 * second,
  10 * second,
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  24 * hour,
];

/**
 * The smallest nice step that covers the range in at most `points` samples, and never below
 * `minStepMs` (a metrics backend has nothing finer than its scrape interval).
 */
export function chooseStepMs(rangeMs: number, points: number, minStepMs = second): number {
  if (!(rangeMs > 0) || !(points >= 1)) throw new Error(`chooseStepMs: range ${rangeMs} ms over ${points} points`);
  const wanted = Math.max(rangeMs / points, minStepMs);
  return niceStepsMs.find((step) => step >= wanted) ?? Math.ceil(wanted / (24 * hour)) * 24 * hour;
}
