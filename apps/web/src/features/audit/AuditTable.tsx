import { Link } from "@tanstack/react-router";
import { Fragment, useState } from "react";
import { formatClockTime } from "../../lib/format.ts";
import { StateDiff } from "./StateDiff.tsx";
import type { AuditEntry } from "./use-audit-log.ts";

const dateFormat = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

/** "2026-01-02 14:03:27" in the browser's zone; the exact UTC instant is in the tooltip. */
function AuditTime({ atMs }: { atMs: number }) {
  const iso = new Date(atMs).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {dateFormat.format(atMs)} {formatClockTime(atMs)}
    </time>
  );
}

interface AuditTableProps {
  entries: readonly AuditEntry[];
  /** Administrators see where each request came from; the server sends no IP to anyone else. */
  showIp: boolean;
}

/**
 * One row per entry, newest first. Actor, action and entity are links that narrow the filters to
 * them; an entry with recorded states opens to show them side by side.
 */
export function AuditTable({ entries, showIp }: AuditTableProps) {
  const [expandedIds, setExpandedIds] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setExpandedIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columnCount = showIp ? 8 : 7;

  return (
    <div className="table-scroll">
      <table className="data-table audit-table" aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Outcome</th>
            {showIp ? <th scope="col">IP</th> : null}
            <th scope="col">Request id</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const expanded = expandedIds.has(entry.id);
            const hasStates = entry.before !== null || entry.after !== null;
            const entityName = entry.entityId ? `${entry.entityType} ${entry.entityId}` : entry.entityType;
            return (
              <Fragment key={entry.id}>
                <tr className={expanded ? "audit-table__row audit-table__row--expanded" : "audit-table__row"}>
                  <td>
                    <AuditTime atMs={entry.atMs} />
                  </td>
                  <td>
                    <span className="cell-with-badge">
                      <Link
                        from="/audit"
                        search={(previous) => ({ ...previous, actor: entry.actor })}
                        aria-label={`Filter by actor ${entry.actor}`}
                        title={`Only entries by ${entry.actor}`}
                      >
                        {entry.actor}
                      </Link>
                      <span className="badge badge--neutral">{entry.actorKind}</span>
                    </span>
                  </td>
                  <td>
                    <Link
                      from="/audit"
                      search={(previous) => ({ ...previous, action: entry.action })}
                      className="mono"
                      aria-label={`Filter by action ${entry.action}`}
                      title={`Only ${entry.action} entries`}
                    >
                      {entry.action}
                    </Link>
                  </td>
                  <td>
                    <Link
                      from="/audit"
                      search={(previous) => ({
                        ...previous,
                        entityType: entry.entityType,
                        entityId: entry.entityId ?? undefined,
                      })}
                      className="audit-table__entity"
                      aria-label={`Filter by entity ${entityName}`}
                      title={`Only entries about ${entityName}`}
                    >
                      {entry.entityType}
                      {entry.entityId ? <span className="mono text-muted"> {entry.entityId}</span> : null}
                    </Link>
                  </td>
                  <td>
                    <span className={`badge ${entry.outcome === "ok" ? "badge--good" : "badge--bad"}`}>
                      {entry.outcome}
                    </span>
                  </td>
                  {showIp ? <td className="mono">{entry.ip ?? "—"}</td> : null}
                  <td className="mono">{entry.requestId ?? "—"}</td>
                  <td>
                    {hasStates ? (
                      <button
                        type="button"
                        className="button button--small"
                        aria-expanded={expanded}
                        aria-label={`${expanded ? "Hide" : "Show"} changes of ${entry.action} by ${entry.actor}`}
                        onClick={() => toggle(entry.id)}
                      >
                        {expanded ? "Hide" : "Show"}
                      </button>
                    ) : (
                      <span className="text-muted">—</span>
                    )}
                  </td>
                </tr>
                {expanded ? (
                  <tr className="audit-table__details">
                    <td colSpan={columnCount}>
                      <StateDiff
                        label={`Before and after: ${entry.action} on ${entityName}`}
                        before={entry.before}
                        after={entry.after}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
