import type { GcLeaderboardLevel, GcLeaderboardMetric, GcLeaderboardRow } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { formatBytes, formatCores, formatCount, formatRate } from "../../lib/format.ts";
import { HeadroomValue, HeapAgainstLimit, NoData, PauseP99Value } from "./GcValues.tsx";

interface LeaderboardColumn {
  header: string;
  cell: (row: GcLeaderboardRow) => ReactNode;
  sort?: GcLeaderboardMetric;
  numeric?: boolean;
  /** The levels that show this column (all when absent). */
  levels?: readonly GcLeaderboardLevel[];
}

const orNoData = (value: number | null, format: (value: number) => string) =>
  value === null ? <NoData /> : format(value);

const levelNouns: Record<GcLeaderboardLevel, string> = {
  region: "Region",
  cluster: "Cluster",
  service: "Service",
  instance: "Instance",
};

/** Where a row leads: its entity's page, or for a cluster the leaderboard of its instances. */
function RowName({ row }: { row: GcLeaderboardRow }) {
  switch (row.level) {
    case "region":
      return (
        <Link to="/regions/$regionId" params={{ regionId: row.id }}>
          {row.name}
        </Link>
      );
    case "cluster":
      return (
        <Link to="/gc" search={{ level: "instance", region: row.regionId, cluster: row.id }}>
          {row.name}
        </Link>
      );
    case "service":
      return (
        <Link to="/services/$serviceId" params={{ serviceId: row.id }}>
          {row.name}
        </Link>
      );
    case "instance":
      return (
        <Link to="/instances/$instanceId" params={{ instanceId: row.id }} className="mono">
          {row.name}
        </Link>
      );
  }
}

const columns: readonly LeaderboardColumn[] = [
  {
    header: "Service · region",
    levels: ["instance"],
    cell: (row) => (
      <span className="gc-placement">
        {row.serviceId ? (
          <Link to="/services/$serviceId" params={{ serviceId: row.serviceId }}>
            {row.serviceName ?? row.serviceId}
          </Link>
        ) : null}
        <Link to="/regions/$regionId" params={{ regionId: row.regionId }} className="text-muted">
          {row.regionId}
        </Link>
      </span>
    ),
  },
  {
    header: "Region",
    levels: ["cluster"],
    cell: (row) => (
      <Link to="/regions/$regionId" params={{ regionId: row.regionId }}>
        {row.regionId}
      </Link>
    ),
  },
  {
    header: "Instances",
    sort: "instances",
    numeric: true,
    levels: ["region", "cluster", "service"],
    cell: (row) =>
      row.instancesWithData === row.instances
        ? formatCount(row.instances)
        : `${formatCount(row.instances)} (${formatCount(row.instancesWithData)} reporting)`,
  },
  { header: "GC CPU (cores)", sort: "gcCpuCores", numeric: true, cell: (row) => orNoData(row.gcCpuCores, formatCores) },
  {
    header: "Pause p99",
    sort: "pauseP99Seconds",
    numeric: true,
    cell: (row) => <PauseP99Value seconds={row.pauseP99Seconds} />,
  },
  {
    header: "GC cycles/s",
    sort: "gcCyclesPerSecond",
    numeric: true,
    cell: (row) => orNoData(row.gcCyclesPerSecond, formatRate),
  },
  {
    header: "Heap in use / goal / limit",
    sort: "heapInUseBytes",
    numeric: true,
    cell: (row) => (
      <HeapAgainstLimit
        inUseBytes={row.heapInUseBytes}
        goalBytes={row.heapGoalBytes}
        limitBytes={row.memoryLimitBytes}
      />
    ),
  },
  {
    header: "Headroom",
    sort: "memoryHeadroomRatio",
    numeric: true,
    cell: (row) => <HeadroomValue ratio={row.memoryHeadroomRatio} />,
  },
  { header: "Goroutines", sort: "goroutines", numeric: true, cell: (row) => orNoData(row.goroutines, formatCount) },
  {
    header: "Alloc rate",
    sort: "allocRateBytesPerSecond",
    numeric: true,
    cell: (row) => orNoData(row.allocRateBytesPerSecond, (v) => `${formatBytes(v)}/s`),
  },
];

interface GcLeaderboardTableProps {
  label: string;
  level: GcLeaderboardLevel;
  rows: readonly GcLeaderboardRow[];
  sort: GcLeaderboardMetric;
  direction: "asc" | "desc";
  onSort: (metric: GcLeaderboardMetric) => void;
  emptyText: string;
}

/** One page of leaderboard rows; a sortable column's header is a button that says how it sorts. */
export function GcLeaderboardTable({
  label,
  level,
  rows,
  sort,
  direction,
  onSort,
  emptyText,
}: GcLeaderboardTableProps) {
  const shown = columns.filter((c) => !c.levels || c.levels.includes(level));
  return (
    <div className="table-scroll">
      <table className="data-table gc-leaderboard" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{levelNouns[level]}</th>
            {shown.map((column) => {
              const active = column.sort !== undefined && column.sort === sort;
              return (
                <th
                  key={column.header}
                  scope="col"
                  className={column.numeric ? "num" : undefined}
                  aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}
                >
                  {column.sort ? (
                    <SortButton
                      header={column.header}
                      active={active}
                      direction={direction}
                      onClick={() => column.sort && onSort(column.sort)}
                    />
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={shown.length + 1} className="data-table__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <RowName row={row} />
                </th>
                {shown.map((column) => (
                  <td key={column.header} className={column.numeric ? "num" : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function SortButton({
  header,
  active,
  direction,
  onClick,
}: {
  header: string;
  active: boolean;
  direction: "asc" | "desc";
  onClick: () => void;
}) {
  return (
    <button type="button" className="sort-button" onClick={onClick}>
      {header}
      <span className="sort-button__arrow" aria-hidden="true">
        {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
      </span>
    </button>
  );
}
