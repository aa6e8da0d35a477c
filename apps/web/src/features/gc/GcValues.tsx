import { defaultHealthPolicy } from "@fleetdeck/core";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { formatPercent, formatSeconds } from "../../lib/format.ts";
import { heapAgainstLimitText, shareOfLimit } from "./heap-against-limit.ts";

/** A number no instance reported: a dash on screen, said in words to a screen reader. */
export function NoData() {
  return (
    <span className="text-muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">no data</span>
    </span>
  );
}

/** A pause past the health policy's budget, in words as well as colour. */
export function PauseP99Value({ seconds }: { seconds: number | null }) {
  if (seconds === null) return <NoData />;
  const over = seconds > defaultHealthPolicy.maxPauseP99Seconds;
  return (
    <span className={over ? "text-bad" : undefined}>
      {formatSeconds(seconds)}
      {over ? <span className="visually-hidden"> (over budget)</span> : null}
    </span>
  );
}

export function HeadroomValue({ ratio }: { ratio: number | null }) {
  if (ratio === null) return <NoData />;
  const low = ratio < defaultHealthPolicy.minMemoryHeadroomRatio;
  return (
    <span className="cell-with-badge">
      {low ? <StatusBadge tone="bad">Low</StatusBadge> : null}
      <span className={low ? "text-bad" : undefined}>{formatPercent(ratio)}</span>
    </span>
  );
}

/**
 * Heap in use against its goal and the memory limit, in one cell: the numbers, and a bar whose
 * fill is the heap in use and whose tick is the goal, both as a share of the limit.
 */
export function HeapAgainstLimit({
  inUseBytes,
  goalBytes,
  limitBytes,
}: {
  inUseBytes: number | null;
  goalBytes: number | null;
  limitBytes: number | null;
}) {
  if (inUseBytes === null) return <NoData />;
  const used = shareOfLimit(inUseBytes, limitBytes);
  const goal = shareOfLimit(goalBytes, limitBytes);
  return (
    <span className="heap-cell">
      <span>{heapAgainstLimitText(inUseBytes, goalBytes, limitBytes)}</span>
      {used === null ? null : (
        <span className="heap-bar" aria-hidden="true">
          <span className="heap-bar__used" style={{ width: `${used * 100}%` }} />
          {goal === null ? null : <span className="heap-bar__goal" style={{ left: `${goal * 100}%` }} />}
        </span>
      )}
    </span>
  );
}
