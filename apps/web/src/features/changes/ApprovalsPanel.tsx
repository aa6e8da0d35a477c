import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { approvalStanding } from "./approval-standing.ts";
import type { ChangeView } from "./use-changes.ts";

/** Who approved which version, until when, and how many of the approvals needed count now. */
export function ApprovalsPanel({ change }: { change: ChangeView }) {
  const counting = change.approvals.filter((approval) => approval.counts).length;
  return (
    <Panel title="Approvals">
      <p className="approvals__count">
        <strong>
          {counting} of {change.approvalsRequired}
        </strong>{" "}
        {change.approvalsRequired === 1 ? "approval" : "approvals"} needed count now
        {change.expiresAtMs !== null && ["pending_approval", "approved"].includes(change.state)
          ? ` · the request expires ${formatDateTime(change.expiresAtMs)}`
          : ""}
      </p>
      {change.approvals.length === 0 ? (
        <p className="text-muted">Nobody has approved this change.</p>
      ) : (
        <ul className="approvals" aria-label="Approvals given">
          {change.approvals.map((approval) => {
            const standing = approvalStanding(approval, change);
            return (
              <li key={`${approval.userId}:${approval.atMs}`} className="approval">
                <span className="approval__who">{approval.username}</span>
                <StatusBadge tone={standing.tone}>{standing.text}</StatusBadge>
                <span className="text-muted">
                  approved {formatDateTime(approval.atMs)} · until {formatDateTime(approval.expiresAtMs)}
                </span>
                {approval.comment ? <q className="approval__comment">{approval.comment}</q> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
