import { defaultHealthPolicy } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { formatBytes, formatCores, formatCount, formatPercent, formatSeconds } from "../../lib/format.ts";
import type { InstanceHeadroom, InstancePause, RegionHealth, ServiceGcCost } from "./shape-overview.ts";

export const tableNames = {
  services: "Services burning the most CPU on GC",
  pauses: "Worst GC pause p99",
  headroom: "Least memory headroom",
  regions: "Region health",
} as const;

const ServiceLink = ({ id, name }: { id: string; name: string }) => (
  <Link to="/services/$serviceId" params={{ serviceId: id }}>
    {name}
  </Link>
);
const InstanceLink = ({ id }: { id: string }) => (
  <Link to="/instances/$instanceId" params={{ instanceId: id }} className="mono">
    {id}
  </Link>
);
const RegionLink = ({ id, name }: { id: string; name?: string }) => (
  <Link to="/regions/$regionId" params={{ regionId: id }}>
    {name ?? id}
  </Link>
);

/** A pause past the health policy's budget is shown as such, in words as well as colour. */
function PauseValue({ seconds }: { seconds: number }) {
  const over = seconds > defaultHealthPolicy.maxPauseP99Seconds;
  return (
    <span className={over ? "text-bad" : undefined}>
      {formatSeconds(seconds)}
      {over ? <span className="visually-hidden"> (over budget)</span> : null}
    </span>
  );
}

const serviceColumns: Column<ServiceGcCost>[] = [
  { header: "Service", rowHeader: true, cell: (s) => <ServiceLink id={s.serviceId} name={s.serviceName} /> },
  { header: "GC CPU (cores)", numeric: true, cell: (s) => formatCores(s.gcCpuCores) },
  { header: "Mean GC CPU", numeric: true, cell: (s) => formatPercent(s.meanGcCpuFraction) },
  { header: "Instances", numeric: true, cell: (s) => formatCount(s.instances) },
];

export function ServicesGcTable({ rows }: { rows: readonly ServiceGcCost[] }) {
  return (
    <DataTable
      label={tableNames.services}
      columns={serviceColumns}
      rows={rows}
      rowKey={(s) => s.serviceId}
      emptyText="No service reported GC samples."
    />
  );
}

const pauseColumns: Column<InstancePause>[] = [
  { header: "Instance", rowHeader: true, cell: (p) => <InstanceLink id={p.instanceId} /> },
  { header: "Service", cell: (p) => <ServiceLink id={p.serviceId} name={p.serviceName} /> },
  { header: "Region", cell: (p) => <RegionLink id={p.regionId} /> },
  { header: "Pause p99", numeric: true, cell: (p) => <PauseValue seconds={p.pauseP99Seconds} /> },
];

export function WorstPauseTable({ rows }: { rows: readonly InstancePause[] }) {
  return (
    <DataTable
      label={tableNames.pauses}
      columns={pauseColumns}
      rows={rows}
      rowKey={(p) => p.instanceId}
      emptyText="No instance in this view is among the fleet's worst pauses."
    />
  );
}

function HeadroomValue({ ratio }: { ratio: number }) {
  const low = ratio < defaultHealthPolicy.minMemoryHeadroomRatio;
  return (
    <span className="cell-with-badge">
      {low ? <StatusBadge tone="bad">Low</StatusBadge> : null}
      <span className={low ? "text-bad" : undefined}>{formatPercent(ratio)}</span>
    </span>
  );
}

const headroomColumns: Column<InstanceHeadroom>[] = [
  { header: "Instance", rowHeader: true, cell: (h) => <InstanceLink id={h.instanceId} /> },
  { header: "Service", cell: (h) => <ServiceLink id={h.serviceId} name={h.serviceName} /> },
  { header: "Region", cell: (h) => <RegionLink id={h.regionId} /> },
  { header: "RSS", numeric: true, cell: (h) => formatBytes(h.rssBytes) },
  { header: "Limit", numeric: true, cell: (h) => formatBytes(h.limitBytes) },
  { header: "Headroom", numeric: true, cell: (h) => <HeadroomValue ratio={h.headroomRatio} /> },
];

export function HeadroomTable({ rows }: { rows: readonly InstanceHeadroom[] }) {
  return (
    <DataTable
      label={tableNames.headroom}
      columns={headroomColumns}
      rows={rows}
      rowKey={(h) => h.instanceId}
      emptyText="No instance in this view has a memory limit among the fleet's tightest."
    />
  );
}

const regionColumns: Column<RegionHealth>[] = [
  { header: "Region", rowHeader: true, cell: (r) => <RegionLink id={r.regionId} name={r.regionName} /> },
  { header: "Clusters", numeric: true, cell: (r) => formatCount(r.clusters) },
  { header: "Instances", numeric: true, cell: (r) => formatCount(r.instances) },
  {
    header: "Unhealthy",
    numeric: true,
    cell: (r) =>
      r.unhealthyInstances > 0 ? (
        <StatusBadge tone="bad">{formatCount(r.unhealthyInstances)}</StatusBadge>
      ) : (
        <span className="text-muted">0</span>
      ),
  },
  { header: "GC CPU (cores)", numeric: true, cell: (r) => formatCores(r.gcCpuCores) },
  { header: "Worst pause p99", numeric: true, cell: (r) => <PauseValue seconds={r.worstPauseP99Seconds} /> },
];

export function RegionHealthTable({ rows }: { rows: readonly RegionHealth[] }) {
  return (
    <DataTable
      label={tableNames.regions}
      columns={regionColumns}
      rows={rows}
      rowKey={(r) => r.regionId}
      emptyText="The fleet has no regions."
    />
  );
}
