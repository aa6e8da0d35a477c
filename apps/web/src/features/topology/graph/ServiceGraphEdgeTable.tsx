import type { ServiceGraph } from "@fleetdeck/core";
import { useState } from "react";
import { type Column, DataTable } from "../../../components/DataTable.tsx";
import { formatLatencyMs, formatPercent, formatRate } from "../../../lib/format.ts";
import { type GraphEdgeRow, graphEdgeRows } from "./graph-edge-rows.ts";

interface EdgeColumnsOptions {
  onSelect: (nodeId: string) => void;
  /**
   * Which ends to show: both for the table of every call (with whether it crosses regions), one
   * for a service's callers or callees (an external one's name says its region).
   */
  ends: "both" | "from" | "to";
}

/** Columns shared by the table of every call and the selected service's callers and callees. */
export function edgeColumns({ onSelect, ends }: EdgeColumnsOptions): Column<GraphEdgeRow>[] {
  const endColumn = (header: string, end: "from" | "to", rowHeader: boolean): Column<GraphEdgeRow> => ({
    header,
    rowHeader,
    cell: (row) => (
      <button type="button" className="service-graph__node-button" onClick={() => onSelect(row.edge[end])}>
        {end === "from" ? row.fromTitle : row.toTitle}
      </button>
    ),
  });
  const columns: Column<GraphEdgeRow>[] = [
    ...(ends === "to" ? [] : [endColumn(ends === "both" ? "From" : "Service", "from", true)]),
    ...(ends === "from" ? [] : [endColumn(ends === "both" ? "To" : "Service", "to", ends === "to")]),
    { header: "Requests/s", numeric: true, cell: (row) => formatRate(row.edge.rps) },
    {
      header: "Errors",
      numeric: true,
      cell: (row) => (
        <span className={row.edge.errorRatio > 0.01 ? "text-bad" : undefined}>
          {formatPercent(row.edge.errorRatio)}
        </span>
      ),
    },
    { header: "p99 latency", numeric: true, cell: (row) => formatLatencyMs(row.edge.p99LatencyMs) },
  ];
  if (ends !== "both") return columns;
  return [
    ...columns,
    {
      header: "Cross-region",
      cell: (row) =>
        row.edge.crossRegion ? `yes, ${formatRate(row.edge.crossRegionRps)}/s` : <span className="text-muted">no</span>,
    },
  ];
}

/**
 * Every call of the graph as a table: the keyboard and screen-reader way through the graph.
 * Folded by default; its rows are only built once it is opened, as a big graph has thousands.
 */
export function ServiceGraphEdgeTable({
  graph,
  onSelect,
}: {
  graph: ServiceGraph;
  onSelect: (nodeId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="service-graph__calls" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Table of calls ({graph.edges.length.toLocaleString("en-US")})</summary>
      {open ? (
        <DataTable
          label="Calls between services"
          columns={edgeColumns({ onSelect, ends: "both" })}
          rows={graphEdgeRows(graph)}
          rowKey={(row) => row.key}
          emptyText="No calls between these services."
        />
      ) : null}
    </details>
  );
}
