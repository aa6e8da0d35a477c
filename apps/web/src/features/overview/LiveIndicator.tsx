import { formatClockTime } from "../../lib/format.ts";
import type { LiveConnection } from "./live-connection.ts";

interface LiveIndicatorProps {
  connection: LiveConnection;
  /** Fleet time of the data on screen. */
  atMs: number | null;
  /** A source is failing, so the data may be partial or old. */
  degraded?: boolean;
}

/** "Live · updated 14:03:27": the fleet time of the data on screen and whether more is coming. */
export function LiveIndicator({ connection, atMs, degraded = false }: LiveIndicatorProps) {
  const updated = atMs === null ? "waiting for data" : `updated ${formatClockTime(atMs)}`;
  const tone = degraded && connection.live ? "warn" : connection.tone;
  return (
    <p className={`live-indicator live-indicator--${tone}`}>
      <span className="live-indicator__dot" aria-hidden="true" />
      <span>
        {connection.label} · {updated}
      </span>
      {connection.detail ? <span className="live-indicator__detail">({connection.detail})</span> : null}
      {degraded ? <span className="live-indicator__detail">(partial: a source is failing)</span> : null}
    </p>
  );
}
