import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { formatBytes, formatCount } from "../../lib/format.ts";
import { etcdCounts } from "./cluster-summary.ts";
import type { EtcdDetail, EtcdMember } from "./cluster-types.ts";
import { InstanceLinks } from "./InstanceLinks.tsx";

const known = (value: number | null, format: (value: number) => string = formatCount) =>
  value === null ? "—" : format(value);

/**
 * One row per member, its name in the first cell (a plain cell, so tests and screen readers find
 * every field alike), "leader" or "follower" in its role cell, "up" or "down" in its status cell.
 */
const memberColumns: readonly Column<EtcdMember>[] = [
  { header: "Member", cell: (m) => <span className="mono">{m.name}</span> },
  { header: "Role", cell: (m) => (m.isLeader ? <strong>leader</strong> : m.up ? "follower" : "") },
  { header: "Status", cell: (m) => <StatusBadge tone={m.up ? "good" : "bad"}>{m.up ? "up" : "down"}</StatusBadge> },
  { header: "Raft term", numeric: true, cell: (m) => known(m.raftTerm) },
  { header: "Raft index", numeric: true, cell: (m) => known(m.raftIndex) },
  { header: "DB size", numeric: true, cell: (m) => known(m.dbSizeBytes, formatBytes) },
  { header: "Version", cell: (m) => m.version ?? "—" },
  { header: "Has leader", cell: (m) => (m.hasLeader === null ? "—" : m.hasLeader ? "yes" : "no") },
  { header: "Leader changes", numeric: true, cell: (m) => known(m.leaderChangesSeen) },
  { header: "Instance", cell: (m) => <InstanceLinks instanceId={m.instanceId} /> },
  { header: "Error", cell: (m) => (m.error ? <span className="cluster-error">{m.error}</span> : "") },
];

/** An etcd cluster: who leads in which term, and every member with what its own /metrics says. */
export function EtcdClusterView({ detail }: { detail: EtcdDetail }) {
  const counts = etcdCounts(detail);
  return (
    <>
      <StatGrid
        label="etcd cluster summary"
        stats={[
          {
            label: "Leader",
            value: counts.leaderName ?? "none",
            tone: counts.leaderName === null ? "bad" : "good",
          },
          { label: "Raft term", value: known(detail.raftTerm) },
          {
            label: "Members up",
            value: `${counts.membersUp}/${counts.members}`,
            tone: counts.membersUp < counts.members ? "bad" : "good",
          },
        ]}
      />
      <Panel title="Members">
        <DataTable
          label="etcd members"
          columns={memberColumns}
          rows={detail.members}
          rowKey={(m) => m.memberId}
          emptyText="This cluster reports no members."
          caption={detail.clusterIdHex ? `Cluster id ${detail.clusterIdHex}` : undefined}
        />
      </Panel>
    </>
  );
}
