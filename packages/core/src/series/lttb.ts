/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last point
 * and, from each bucket in between, the point that spans the largest triangle with the point kept
 * before it and the mean of the next bucket. Peaks and dips survive, which an average or a
 * stride would flatten — a GC pause spike is exactly what must not disappear from a 7-day chart.
 *
 * Written here rather than taken from a package: the npm ones are unmaintained, copy their input,
 * and do not handle gaps, which a metrics series has whenever a scrape is missing.
 */

/** Indices of the points to keep from one gap-free run [start, end), in increasing order. */
function lttbRun(xs: ArrayLike<number>, ys: ArrayLike<number>, start: number, end: number, keep: number): number[] {
  const length = end - start;
  if (keep >= length || length <= 2) return Array.from({ length }, (_, i) => start + i);
  if (keep <= 1) return [start];
  if (keep === 2) return [start, end - 1];

  const kept = [start];
  const bucketSize = (length - 2) / (keep - 2);
  let previous = start;
  for (let bucket = 0; bucket < keep - 2; bucket++) {
    const bucketStart = start + 1 + Math.floor(bucket * bucketSize);
    const bucketEnd = Math.min(start + 1 + Math.floor((bucket + 1) * bucketSize), end - 1);

    // The next bucket's centroid; for the last bucket, the last point itself.
    const nextStart = bucketEnd;
    const nextEnd = Math.max(nextStart + 1, Math.min(start + 1 + Math.floor((bucket + 2) * bucketSize), end));
    let meanX = 0;
    let meanY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      meanX += xs[i] as number;
      meanY += ys[i] as number;
    }
    meanX /= nextEnd - nextStart;
    meanY /= nextEnd - nextStart;

    const ax = xs[previous] as number;
    const ay = ys[previous] as number;
    let bestIndex = bucketStart;
    let bestArea = -1;
    for (let i = bucketStart; i < bucketEnd; i++) {
      // Twice the triangle's area; the factor does not change which point wins.
      const area = Math.abs((ax - meanX) * ((ys[i] as number) - ay) - (ax - (xs[i] as number)) * (meanY - ay));
      if (area > bestArea) {
        bestArea = area;
        bestIndex = i;
      }
    }
    kept.push(bestIndex);
    previous = bestIndex;
  }
  kept.push(end - 1);
  return kept;
}

/**
 * Indices of at most about `maxPoints` points to draw for the series (xs increasing). A value
 * that is not finite (a missing sample) splits the series into runs; each run gets a share of
 * the budget by its length and one of its missing points is kept, so the chart still shows the
 * gap instead of drawing a line across it.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  if (xs.length !== ys.length) throw new Error(`lttb: ${xs.length} x values but ${ys.length} y values`);
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new Error(`lttb: maxPoints must be an integer ≥ 2, got ${maxPoints}`);
  const total = xs.length;
  if (total <= maxPoints) return Array.from({ length: total }, (_, i) => i);

  const runs: Array<{ start: number; end: number }> = [];
  const gaps: number[] = [];
  let runStart = -1;
  let previousFinite = true;
  for (let i = 0; i <= total; i++) {
    const finite = i < total && Number.isFinite(ys[i] as number);
    if (finite && runStart < 0) runStart = i;
    if (!finite && runStart >= 0) {
      runs.push({ start: runStart, end: i });
      runStart = -1;
    }
    if (i < total && !finite && previousFinite) gaps.push(i);
    previousFinite = finite;
  }
  const finiteCount = runs.reduce((sum, run) => sum + run.end - run.start, 0);
  const budget = Math.max(2, maxPoints - gaps.length);

  const kept: number[] = [...gaps];
  for (const run of runs) {
    const share = Math.max(2, Math.round((budget * (run.end - run.start)) / finiteCount));
    kept.push(...lttbRun(xs, ys, run.start, run.end, share));
  }
  return kept.sort((a, b) => a - b);
}
