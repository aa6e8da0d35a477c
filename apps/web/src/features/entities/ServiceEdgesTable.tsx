import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import type { ServiceAnswer } from "../../lib/api-types.ts";
import { formatLatencyMs, formatPercent, formatRate } from "../../lib/format.ts";

type ServiceEdge = ServiceAnswer["edges"][number];

/** Calls into a service (callers) or out of it (callees); `other` picks the service on the far end. */
export function ServiceEdgesTable({
  label,
  rows,
  other,
  emptyText,
}: {
  label: string;
  rows: readonly ServiceEdge[];
  other: (edge: ServiceEdge) => string;
  emptyText: string;
}) {
  const columns: Column<ServiceEdge>[] = [
    {
      header: "Service",
      rowHeader: true,
      cell: (edge) => (
        <Link to="/services/$serviceId" params={{ serviceId: other(edge) }}>
          {other(edge)}
        </Link>
      ),
    },
    { header: "Requests/s", numeric: true, cell: (edge) => formatRate(edge.rps) },
    {
      header: "Errors",
      numeric: true,
      cell: (edge) => (
        <span className={edge.errorRatio > 0.01 ? "text-bad" : undefined}>{formatPercent(edge.errorRatio)}</span>
      ),
    },
    { header: "p99 latency", numeric: true, cell: (edge) => formatLatencyMs(edge.p99LatencyMs) },
  ];
  return (
    <DataTable
      label={label}
      columns={columns}
      rows={[...rows].sort((a, b) => b.rps - a.rps)}
      rowKey={(edge) => `${edge.fromServiceId}->${edge.toServiceId}`}
      emptyText={emptyText}
    />
  );
}
