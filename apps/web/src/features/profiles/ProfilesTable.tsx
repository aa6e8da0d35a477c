import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { formatBytes, formatSeconds } from "../../lib/format.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import type { ProfileMeta } from "./use-profiles.ts";

const columns: readonly Column<ProfileMeta>[] = [
  {
    header: "Name",
    rowHeader: true,
    cell: (profile) => (
      <Link to="/profiles/$profileId" params={{ profileId: profile.id }}>
        {profile.name}
      </Link>
    ),
  },
  {
    header: "Instance",
    cell: (profile) =>
      profile.instanceId ? (
        <Link to="/instances/$instanceId" params={{ instanceId: profile.instanceId }} className="mono">
          {profile.instanceId}
        </Link>
      ) : (
        <span className="text-muted">—</span>
      ),
  },
  {
    header: "Kind",
    cell: (profile) =>
      profile.kind ?? <span className="badge badge--neutral">{profile.origin === "upload" ? "upload" : "—"}</span>,
  },
  {
    header: "Captured at",
    cell: (profile) => (
      <time dateTime={profile.capturedAt} title={profile.capturedAt}>
        {formatDateTime(Date.parse(profile.capturedAt))}
      </time>
    ),
  },
  {
    header: "Duration",
    numeric: true,
    cell: (profile) => (profile.durationSeconds === null ? "—" : formatSeconds(profile.durationSeconds)),
  },
  { header: "Size", numeric: true, cell: (profile) => formatBytes(profile.sizeBytes) },
  { header: "By", cell: (profile) => profile.createdBy },
];

/** Stored profiles, newest first; each name opens the viewer. */
export function ProfilesTable({ profiles, caption }: { profiles: readonly ProfileMeta[]; caption: string }) {
  return (
    <DataTable
      label="Stored profiles"
      caption={caption}
      columns={columns}
      rows={profiles}
      rowKey={(profile) => profile.id}
      emptyText="No profiles stored yet."
    />
  );
}
