import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { formatBytes, formatCount } from "../../lib/format.ts";
import { storesNeedingAttentionFirst } from "./attention-order.ts";
import { tidbCounts } from "./cluster-summary.ts";
import type { TidbDetail, TidbPlacementDriver, TidbStore } from "./cluster-types.ts";
import { NameWithInstance } from "./InstanceLinks.tsx";
import { SortableTable } from "./SortableTable.tsx";
import type { SortableColumn } from "./table-sort.ts";

const bytesOrDash = (bytes: number | null) => (bytes === null ? "—" : formatBytes(bytes));

const driverColumns: readonly Column<TidbPlacementDriver>[] = [
  { header: "Placement driver", rowHeader: true, cell: (pd) => <span className="mono">{pd.name}</span> },
  { header: "Role", cell: (pd) => (pd.isLeader ? <strong>leader</strong> : "follower") },
  {
    header: "Status",
    cell: (pd) => <StatusBadge tone={pd.up ? "good" : "bad"}>{pd.up ? "up" : "down"}</StatusBadge>,
  },
  { header: "Client URL", cell: (pd) => <span className="mono">{pd.clientUrl}</span> },
];

const storeColumns: readonly SortableColumn<TidbStore>[] = [
  { header: "Store", rowHeader: true, cell: (s) => s.storeId, sortValue: (s) => s.storeId },
  {
    header: "Address",
    cell: (s) => <NameWithInstance name={s.address} instanceId={s.instanceId} />,
    sortValue: (s) => s.address,
  },
  {
    header: "State",
    cell: (s) => <StatusBadge tone={s.state === "Up" ? "good" : "bad"}>{s.state}</StatusBadge>,
    sortValue: (s) => s.state,
  },
  { header: "Regions", numeric: true, cell: (s) => formatCount(s.regionCount), sortValue: (s) => s.regionCount },
  { header: "Leaders", numeric: true, cell: (s) => formatCount(s.leaderCount), sortValue: (s) => s.leaderCount },
  { header: "Capacity", numeric: true, cell: (s) => bytesOrDash(s.capacityBytes), sortValue: (s) => s.capacityBytes },
  {
    header: "Available",
    numeric: true,
    cell: (s) => bytesOrDash(s.availableBytes),
    sortValue: (s) => s.availableBytes,
  },
  {
    header: "Labels",
    cell: (s) => (
      <span className="store-labels">
        {Object.entries(s.labels)
          .map(([key, value]) => `${key}=${value}`)
          .join(", ")}
      </span>
    ),
  },
];

/** A TiDB-style cluster: its placement drivers (one leads) and the stores holding its regions. */
export function TidbClusterView({ detail }: { detail: TidbDetail }) {
  const counts = tidbCounts(detail);
  return (
    <>
      <StatGrid
        label="TiDB cluster summary"
        stats={[
          {
            label: "Placement driver leader",
            value: counts.pdLeaderName ?? "none",
            tone: counts.pdLeaderName === null ? "bad" : "good",
          },
          {
            label: "Stores up",
            value: `${counts.storesUp}/${counts.stores}`,
            tone: counts.storesUp < counts.stores ? "bad" : "good",
          },
          { label: "Regions", value: formatCount(counts.regions), detail: "one leader each" },
        ]}
      />
      <Panel title="Placement drivers">
        <DataTable
          label="Placement drivers"
          columns={driverColumns}
          rows={detail.placementDrivers}
          rowKey={(pd) => pd.name}
          emptyText="The cluster reports no placement drivers."
        />
      </Panel>
      <Panel title="Stores">
        <SortableTable
          label="Stores"
          caption="Stores not Up first; click a header to sort."
          columns={storeColumns}
          rows={detail.stores}
          rowKey={(s) => s.storeId}
          emptyText="The cluster reports no stores."
          defaultOrder={storesNeedingAttentionFirst}
          expandable={{ firstRows: 50, noun: "stores" }}
        />
      </Panel>
    </>
  );
}
