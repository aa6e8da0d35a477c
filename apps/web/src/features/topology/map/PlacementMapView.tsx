import {
  type HealthLens,
  type PlacementRollup,
  type PlacementSnapshot,
  rollupPlacement,
  searchPlacement,
} from "@fleetdeck/core";
import { useNavigate } from "@tanstack/react-router";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { QueryState } from "../../../components/QueryState.tsx";
import { useFleetCatalog } from "../../catalog/use-fleet-catalog.ts";
import { LiveIndicator } from "../../overview/LiveIndicator.tsx";
import type { TopologyViewProps } from "../TopologyPage.tsx";
import { carriedOverCounts } from "./keep-last-good-placement.ts";
import { MapControls } from "./MapControls.tsx";
import { MapLegend } from "./MapLegend.tsx";
import { MapSearchResults } from "./MapSearchResults.tsx";
import type { MapHit } from "./map-hit-test.ts";
import { parseSelection, placementFilterOf } from "./map-selection.ts";
import { PlacementCanvas, type PlacementCanvasHandle, warmUpMapDrawing } from "./PlacementCanvas.tsx";
import { indexPlacement } from "./placement-index.ts";
import { SelectedEntityPanel } from "./SelectedEntityPanel.tsx";
import { UnhealthyInstancesTable } from "./UnhealthyInstancesTable.tsx";
import { useLivePlacement } from "./use-live-placement.ts";

/** "188 instances in 3 regions · 8 unhealthy · 1 down", said of what the filters pass when they are on. */
function mapSummary(rollup: PlacementRollup, filtering: boolean): string {
  const { total } = rollup;
  const regions = rollup.regions.length;
  const parts = [
    `${total.instances} instance${total.instances === 1 ? "" : "s"}${filtering ? " match the filters" : ""} in ${regions} region${regions === 1 ? "" : "s"}`,
    `${total.unhealthy} unhealthy`,
    `${total.down} down`,
  ];
  return parts.join(" · ");
}

/** The lens the map opens with: GC pauses, what this console is most often opened for. */
const defaultLens: HealthLens = "pauseP99";

/** The placement map tab: live data, its controls, the map, the side panel and the table. */
export function PlacementMapView({ search, onSearchChange }: TopologyViewProps) {
  const { query, connection } = useLivePlacement();
  useEffect(warmUpMapDrawing, []);
  return (
    <QueryState query={query} what="the placement of the fleet">
      {(snapshot) => (
        <PlacementMap
          snapshot={snapshot}
          search={search}
          onSearchChange={onSearchChange}
          liveIndicator={<LiveIndicator connection={connection} atMs={snapshot.atMs} />}
        />
      )}
    </QueryState>
  );
}

function PlacementMap({
  snapshot,
  search,
  onSearchChange,
  liveIndicator,
}: TopologyViewProps & { snapshot: PlacementSnapshot; liveIndicator: ReactNode }) {
  const navigate = useNavigate();
  const canvas = useRef<PlacementCanvasHandle>(null);
  const lens = search.lens ?? defaultLens;
  const { service, label, health } = search;
  const { filter, labelProblem } = useMemo(
    () => placementFilterOf({ service, label, health }),
    [service, label, health],
  );
  const fitKey = JSON.stringify(filter);
  const rollup = useMemo(() => rollupPlacement(snapshot, filter), [snapshot, filter]);
  const index = useMemo(() => indexPlacement(snapshot), [snapshot]);
  const selection = parseSelection(search.sel);
  const found = useMemo(() => (search.q ? searchPlacement(snapshot, search.q, 6) : null), [snapshot, search.q]);
  // Which instances the map shows: only asked for with a search's matches in view.
  const shownIds = useMemo(
    () => (found ? new Set(rollup.instances.map((instance) => instance.id)) : null),
    [found, rollup],
  );
  const catalog = useFleetCatalog();
  const fleetSourceIds = useMemo(
    () => (catalog.data ? new Set(catalog.data.sources.map((source) => source.sourceId)) : null),
    [catalog.data],
  );
  const services = useMemo(
    () => [...snapshot.services].sort((a, b) => a.name.localeCompare(b.name)),
    [snapshot.services],
  );

  /** Selects an entity from outside the map (search, table, panel) and flies the map to it. */
  const selectAndFly = (selectionKey: string) => {
    onSearchChange({ sel: selectionKey });
    canvas.current?.flyTo(selectionKey);
  };

  const onSearch = (query: string) => {
    const best = query ? searchPlacement(snapshot, query, 1).matches[0] : undefined;
    onSearchChange({ q: query || undefined, ...(best ? { sel: best.selectionKey } : {}) });
    if (best) canvas.current?.flyTo(best.selectionKey);
  };

  const onOpen = (hit: MapHit) => {
    if (hit.kind === "instance") navigate({ to: "/instances/$instanceId", params: { instanceId: hit.instance.id } });
    else if (hit.group.level === "cluster")
      navigate({ to: "/clusters/$clusterId", params: { clusterId: hit.group.id } });
  };

  const carried = carriedOverCounts(snapshot);
  return (
    <div className="placement" data-snapshot-at={snapshot.atMs}>
      <div className="placement__bar">
        <MapControls
          search={search}
          lens={lens}
          services={services}
          labelProblem={labelProblem}
          onChange={onSearchChange}
          onSearch={onSearch}
        />
      </div>
      <div className="placement__status">
        <p className="placement__summary">
          {mapSummary(rollup, filter.serviceId !== undefined || filter.label !== undefined || filter.health !== "all")}
        </p>
        {liveIndicator}
      </div>
      {snapshot.sourceErrors.map((error) => (
        <div key={error.sourceId} role="alert" className="banner banner--bad">
          <span className="banner__tag">Degraded</span>
          <span>
            {error.sourceId}: {error.message}
            {carried.get(error.sourceId)
              ? `. Showing its last known ${carried.get(error.sourceId)} instances.`
              : ". Its places are missing from the map."}
          </span>
        </div>
      ))}
      {found ? (
        <MapSearchResults
          query={search.q ?? ""}
          result={found}
          onMap={(key) =>
            key.startsWith("instance:") ? (shownIds?.has(key.slice(9)) ?? false) : rollup.tallies.has(key)
          }
          selectionKey={selection?.key ?? null}
          onPick={selectAndFly}
        />
      ) : null}
      <div className="placement-map">
        <div className="placement-map__stage">
          <PlacementCanvas
            ref={canvas}
            rollup={rollup}
            lens={lens}
            selectionKey={selection?.key ?? null}
            fitKey={fitKey}
            onSelect={(key) => onSearchChange({ sel: key ?? undefined })}
            onOpen={onOpen}
            label={`Placement map: ${rollup.total.instances} instances in ${rollup.regions.length} regions, ${rollup.total.unhealthy} unhealthy`}
          />
          <MapLegend lens={lens} />
          {rollup.regions.length === 0 ? (
            <p className="placement-map__empty" role="status">
              {snapshot.instances.length === 0
                ? "No source reports any place or instance yet."
                : "No instance matches the filters."}
            </p>
          ) : null}
        </div>
        <SelectedEntityPanel
          selection={selection}
          index={index}
          rollup={rollup}
          lens={lens}
          fleetSourceIds={fleetSourceIds}
          onSelect={selectAndFly}
        />
      </div>
      <UnhealthyInstancesTable
        rollup={rollup}
        index={index}
        lens={lens}
        selectionKey={selection?.key ?? null}
        onSelect={selectAndFly}
      />
    </div>
  );
}
