import type { SourceStatus } from "../lib/api-types.ts";
import { formatClockTime } from "../lib/format.ts";
import { describeSourceFailure, failingSources } from "./source-status.ts";

/** One alert per failing control-plane source; renders nothing while every source answers. */
export function SourceBanner({ sources }: { sources: readonly SourceStatus[] }) {
  const failing = failingSources(sources);
  if (failing.length === 0) return null;
  return (
    <div className="source-banners">
      {failing.map((status) => (
        <div key={status.sourceId} role="alert" className="banner banner--bad">
          <span className="banner__tag">Degraded</span>
          <span>{describeSourceFailure(status, (ms) => formatClockTime(ms))}</span>
        </div>
      ))}
    </div>
  );
}
