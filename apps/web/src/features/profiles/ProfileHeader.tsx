import { Link } from "@tanstack/react-router";
import { formatBytes, formatSeconds } from "../../lib/format.ts";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { EntityHeader, type Fact } from "../entities/EntityHeader.tsx";
import { profileDownloadUrl } from "./profile-requests.ts";
import type { ProfileMeta } from "./use-profiles.ts";

/** Where a profile came from and how to get its bytes, above the viewer. */
export function ProfileHeader({ meta }: { meta: ProfileMeta }) {
  const facts: Fact[] = [
    {
      label: "Instance",
      value: meta.instanceId ? (
        <Link to="/instances/$instanceId" params={{ instanceId: meta.instanceId }} className="mono">
          {meta.instanceId}
        </Link>
      ) : (
        "—"
      ),
    },
    { label: "Kind", value: meta.kind ?? "uploaded" },
    {
      label: "Captured",
      value: <time dateTime={meta.capturedAt}>{formatDateTime(Date.parse(meta.capturedAt))}</time>,
    },
    { label: "Duration", value: meta.durationSeconds === null ? "—" : formatSeconds(meta.durationSeconds) },
    { label: "Size", value: formatBytes(meta.sizeBytes) },
    { label: "By", value: meta.createdBy },
  ];
  return (
    <div className="profile-head">
      <EntityHeader kind="Profile" title={meta.name} facts={facts} />
      <div className="page__tools">
        <Link to="/profiles" search={meta.instanceId ? { instanceId: meta.instanceId } : {}} className="button">
          All profiles
        </Link>
        <a className="button" href={profileDownloadUrl(meta.id)} download>
          Download .pb.gz
        </a>
      </div>
    </div>
  );
}
