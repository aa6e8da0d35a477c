import type { ServiceEdge } from "../model/inventory.ts";

/** A call between two regions; a call whose regions are unknown is not counted as crossing. */
export function isCrossRegionCall(call: Pick<ServiceEdge, "fromRegionId" | "toRegionId">): boolean {
  return call.fromRegionId !== undefined && call.toRegionId !== undefined && call.fromRegionId !== call.toRegionId;
}

/**
 * The calls folded into one edge so far: rps summed, the error ratio weighted by rps (the errors
 * per second over the calls per second), the worst p99 (quantiles do not add up, so the worst one
 * is the honest bound), and how much of the traffic crosses regions.
 */
export class CallFold {
  rps = 0;
  p99LatencyMs = 0;
  crossRegionRps = 0;
  crossRegion = false;
  private errorsPerSecond = 0;
  private errorRatioSum = 0;
  private calls = 0;

  add(call: ServiceEdge): void {
    this.rps += call.rps;
    this.errorsPerSecond += call.rps * call.errorRatio;
    this.errorRatioSum += call.errorRatio;
    this.calls += 1;
    this.p99LatencyMs = Math.max(this.p99LatencyMs, call.p99LatencyMs);
    if (isCrossRegionCall(call)) {
      this.crossRegion = true;
      this.crossRegionRps += call.rps;
    }
  }

  /** Weighted by rps; with no traffic at all, the plain mean of the ratios the sources reported. */
  get errorRatio(): number {
    if (this.calls === 0) return 0;
    const ratio = this.rps > 0 ? this.errorsPerSecond / this.rps : this.errorRatioSum / this.calls;
    return Math.min(1, Math.max(0, ratio));
  }
}

/** Code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One edge per (caller, callee) service pair, whatever regions the calls ran between, sorted by
 * caller then callee: what a service's page lists as its callers and callees.
 */
export function mergeServiceEdges(calls: readonly ServiceEdge[]): ServiceEdge[] {
  const folds = new Map<string, { fromServiceId: string; toServiceId: string; fold: CallFold }>();
  for (const call of calls) {
    const key = `${call.fromServiceId}\u0000${call.toServiceId}`;
    let entry = folds.get(key);
    if (!entry) {
      entry = { fromServiceId: call.fromServiceId, toServiceId: call.toServiceId, fold: new CallFold() };
      folds.set(key, entry);
    }
    entry.fold.add(call);
  }
  return [...folds.values()]
    .sort((a, b) => compareIds(a.fromServiceId, b.fromServiceId) || compareIds(a.toServiceId, b.toServiceId))
    .map(({ fromServiceId, toServiceId, fold }) => ({
      fromServiceId,
      toServiceId,
      rps: fold.rps,
      errorRatio: fold.errorRatio,
      p99LatencyMs: fold.p99LatencyMs,
    }));
}
