import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { HealthBadge } from "../../components/HealthBadge.tsx";
import type { ServiceAnswer } from "../../lib/api-types.ts";
import {
  formatBytes,
  formatGogc,
  formatKnown,
  formatOptionalBytes,
  formatPercent,
  formatSeconds,
} from "../../lib/format.ts";
import { configInForce } from "./config-in-force.ts";

export type ServiceInstanceRow = ServiceAnswer["instances"][number];

const noData = <span className="text-muted">—</span>;

const columns: Column<ServiceInstanceRow>[] = [
  {
    header: "Instance",
    rowHeader: true,
    cell: ({ instance }) => (
      <Link to="/instances/$instanceId" params={{ instanceId: instance.id }} className="mono">
        {instance.id}
      </Link>
    ),
  },
  {
    header: "Health",
    cell: ({ health }) => (
      <div className="health-cell">
        <HealthBadge health={health} />
        {health && health.reasons.length > 0 ? (
          <ul className="reasons">
            {health.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
      </div>
    ),
  },
  {
    header: "Region",
    cell: ({ instance }) => (
      <Link to="/regions/$regionId" params={{ regionId: instance.regionId }}>
        {instance.regionId}
      </Link>
    ),
  },
  { header: "Cluster", cell: ({ instance }) => instance.clusterId },
  { header: "GOGC", numeric: true, cell: ({ instance, sample }) => formatGogc(configInForce(instance, sample).gogc) },
  {
    header: "GOMEMLIMIT",
    numeric: true,
    cell: ({ instance, sample }) => formatOptionalBytes(configInForce(instance, sample).memoryLimitBytes, formatBytes),
  },
  {
    header: "GOMAXPROCS",
    numeric: true,
    cell: ({ instance, sample }) => configInForce(instance, sample).gomaxprocs ?? "—",
  },
  { header: "GC CPU", numeric: true, cell: ({ sample }) => (sample ? formatPercent(sample.gcCpuFraction) : noData) },
  {
    header: "Pause p99",
    numeric: true,
    cell: ({ sample }) => (sample ? formatKnown(sample.pause.p99Seconds, formatSeconds) : noData),
  },
  {
    header: "Heap live",
    numeric: true,
    cell: ({ sample }) => (sample ? formatKnown(sample.heapLiveBytes, formatBytes) : noData),
  },
  {
    header: "Heap goal",
    numeric: true,
    cell: ({ sample }) => (sample ? formatKnown(sample.heapGoalBytes, formatBytes) : noData),
  },
  { header: "RSS", numeric: true, cell: ({ sample }) => (sample ? formatKnown(sample.rssBytes, formatBytes) : noData) },
];

export function ServiceInstancesTable({
  serviceName,
  rows,
}: {
  serviceName: string;
  rows: readonly ServiceInstanceRow[];
}) {
  return (
    <DataTable
      label={`Instances of ${serviceName}`}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.instance.id}
      emptyText="This service has no instances."
    />
  );
}
