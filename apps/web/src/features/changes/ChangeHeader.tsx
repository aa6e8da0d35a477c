import { Link } from "@tanstack/react-router";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { EntityHeader, type Fact } from "../entities/EntityHeader.tsx";
import { LiveIndicator } from "../overview/LiveIndicator.tsx";
import type { LiveConnection } from "../overview/live-connection.ts";
import { ChangeStateBadge } from "./ChangeStateBadge.tsx";
import type { ChangeView } from "./use-changes.ts";

/** "#12 Raise GOGC on checkout", its state, service and people, and whether the page is live. */
export function ChangeHeader({ change, connection }: { change: ChangeView; connection: LiveConnection }) {
  const facts: Fact[] = [
    { label: "State", value: <ChangeStateBadge state={change.state} /> },
    {
      label: "Service",
      value: (
        <Link to="/services/$serviceId" params={{ serviceId: change.content.target.serviceId }} className="mono">
          {change.content.target.serviceId}
        </Link>
      ),
    },
    { label: "Author", value: change.author },
    ...(change.lastEditor !== change.author ? [{ label: "Last edited by", value: change.lastEditor }] : []),
    { label: "Created", value: formatDateTime(change.createdAtMs) },
    { label: "Updated", value: formatDateTime(change.updatedAtMs) },
  ];
  return (
    <div className="change-head">
      <EntityHeader kind="Change request" title={`#${change.number} ${change.content.title}`} facts={facts} />
      <div className="page__tools">
        <LiveIndicator connection={connection} atMs={change.nowMs} />
        <Link to="/changes" className="button">
          All changes
        </Link>
      </div>
    </div>
  );
}
