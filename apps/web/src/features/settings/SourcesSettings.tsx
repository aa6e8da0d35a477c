import { useQuery } from "@tanstack/react-query";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import type { SourceDescription } from "../../lib/api-types.ts";
import { formatClockTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { type SourceHealth, sourceHealthOf, warningsHeading } from "./source-health.ts";

const healthBadge: Record<SourceHealth, { tone: "good" | "bad" | "neutral"; text: string }> = {
  ok: { tone: "good", text: "OK" },
  failing: { tone: "bad", text: "Failing" },
  unknown: { tone: "neutral", text: "Not read yet" },
};

/** Every configured source: what it is, where it is read from, and how it answered lately. */
export function SourcesSettings() {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.status.queryOptions(undefined, { refetchInterval: 10_000 }));
  return (
    <Panel title="Sources">
      <p className="panel__note">The control planes and metrics backends the console reads, from its sources file.</p>
      <QueryState query={sources} what="the sources' status">
        {(list) => (
          <ul className="source-list" aria-label="Sources">
            {list.map((source) => (
              <SourceItem key={source.sourceId} source={source} />
            ))}
          </ul>
        )}
      </QueryState>
    </Panel>
  );
}

function SourceItem({ source }: { source: SourceDescription }) {
  const badge = healthBadge[sourceHealthOf(source)];
  const headingId = `source-${source.sourceId}`;
  return (
    <li className="source-list__item" aria-labelledby={headingId}>
      <div className="source-list__head">
        <h3 id={headingId} className="source-list__name">
          {source.sourceId}
        </h3>
        <StatusBadge tone={badge.tone}>{badge.text}</StatusBadge>
      </div>
      <dl className="facts facts--inline">
        <div className="facts__item">
          <dt>Kind</dt>
          <dd>{source.kind}</dd>
        </div>
        <div className="facts__item">
          <dt>URL</dt>
          <dd className="mono">{source.url ?? "embedded"}</dd>
        </div>
        <div className="facts__item">
          <dt>Last good answer</dt>
          <dd>{source.lastOkAtMs === null ? "never" : formatClockTime(source.lastOkAtMs)}</dd>
        </div>
      </dl>
      {source.error ? <p className="source-list__error">{source.error}</p> : null}
      {source.warningCount > 0 ? (
        <details className="source-list__warnings">
          <summary>{warningsHeading(source)}</summary>
          <ul>
            {source.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}
