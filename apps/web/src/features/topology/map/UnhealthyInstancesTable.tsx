import { type HealthLens, type PlacementInstance, type PlacementRollup, worstInstances } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { type Column, DataTable } from "../../../components/DataTable.tsx";
import { StatusBadge } from "../../../components/HealthBadge.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { instanceFigures, instanceStatus } from "./map-facts.ts";
import { type PlacementIndex, placeName } from "./placement-index.ts";

/** The table lists this many, worst first; the count says how many more there are. */
const rowsShown = 30;

interface UnhealthyInstancesTableProps {
  rollup: PlacementRollup;
  index: PlacementIndex;
  lens: HealthLens;
  selectionKey: string | null;
  onSelect: (selectionKey: string) => void;
}

/**
 * The map as text: the unhealthy instances it shows (after the filters), worst first by the lens.
 * A name selects the instance on the map; "GC charts" opens its charts in one click.
 */
export function UnhealthyInstancesTable({ rollup, index, lens, selectionKey, onSelect }: UnhealthyInstancesTableProps) {
  const unhealthyCount = rollup.total.unhealthy;
  const rows = useMemo(
    () =>
      worstInstances(
        rollup.instances.filter((instance) => !instance.healthy),
        lens,
        rowsShown,
      ),
    [rollup, lens],
  );
  const columns: Column<PlacementInstance>[] = [
    {
      header: "Instance",
      rowHeader: true,
      cell: (instance) => (
        <button
          type="button"
          className="link-button"
          aria-pressed={selectionKey === `instance:${instance.id}`}
          onClick={() => onSelect(`instance:${instance.id}`)}
        >
          {instance.id}
        </button>
      ),
    },
    { header: "Service", cell: (instance) => index.services.get(instance.serviceId)?.name ?? instance.serviceId },
    {
      header: "Where",
      cell: (instance) => `${placeName(index, "zone", instance.zoneId)} · ${placeName(index, "node", instance.nodeId)}`,
    },
    {
      header: "Status",
      cell: (instance) => <StatusBadge tone={instance.up ? "warn" : "bad"}>{instanceStatus(instance)}</StatusBadge>,
    },
    { header: "Pause p99", numeric: true, cell: (instance) => instanceFigures(instance).pause },
    { header: "GC CPU", numeric: true, cell: (instance) => instanceFigures(instance).gcCpu },
    { header: "Headroom", numeric: true, cell: (instance) => instanceFigures(instance).headroom },
    {
      header: "Open",
      cell: (instance) => (
        <Link
          to="/instances/$instanceId"
          params={{ instanceId: instance.id }}
          aria-label={`GC charts of ${instance.id}`}
        >
          GC charts
        </Link>
      ),
    },
  ];
  return (
    <Panel
      title="Unhealthy instances"
      className="placement-unhealthy"
      actions={
        <span className="panel__note">
          {unhealthyCount > rows.length ? `${rows.length} worst of ${unhealthyCount}` : `${unhealthyCount} on the map`}
        </span>
      }
    >
      <DataTable
        label="Unhealthy instances on the map"
        columns={columns}
        rows={rows}
        rowKey={(instance) => instance.id}
        emptyText="Every instance on the map is healthy."
      />
    </Panel>
  );
}
