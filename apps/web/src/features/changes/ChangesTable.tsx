import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { ChangeStateBadge } from "./ChangeStateBadge.tsx";
import { describePatch } from "./config-diff.ts";
import type { ChangeListRow } from "./use-changes.ts";

const awaitingApproval = new Set(["pending_approval", "approved"]);

const columns: readonly Column<ChangeListRow>[] = [
  {
    header: "Change",
    rowHeader: true,
    cell: (change) => (
      <Link to="/changes/$changeId" params={{ changeId: change.id }} className="change-link">
        <span className="change-link__number">#{change.number}</span> {change.title}
      </Link>
    ),
  },
  {
    header: "Service",
    cell: (change) => (
      <Link to="/services/$serviceId" params={{ serviceId: change.serviceId }} className="mono">
        {change.serviceId}
      </Link>
    ),
  },
  { header: "Patch", cell: (change) => <span className="mono">{describePatch(change.patch)}</span> },
  { header: "State", cell: (change) => <ChangeStateBadge state={change.state} /> },
  {
    header: "Approvals",
    numeric: true,
    cell: (change) =>
      awaitingApproval.has(change.state) ? (
        <span title={`${change.approvals} of ${change.approvalsRequired} approvals that count now`}>
          {change.approvals} / {change.approvalsRequired}
        </span>
      ) : (
        <span className="text-muted">—</span>
      ),
  },
  { header: "Author", cell: (change) => change.author },
  {
    header: "Updated",
    cell: (change) => (
      <time dateTime={new Date(change.updatedAtMs).toISOString()}>{formatDateTime(change.updatedAtMs)}</time>
    ),
  },
];

/** Change requests, newest activity first; each title opens the change. */
export function ChangesTable({ changes, caption }: { changes: readonly ChangeListRow[]; caption: string }) {
  return (
    <DataTable
      label="Change requests"
      caption={caption}
      columns={columns}
      rows={changes}
      rowKey={(change) => change.id}
      emptyText="No change requests."
    />
  );
}
