import {
  type HealthLens,
  type PlacementInstance,
  type PlacementRollup,
  type PlacementTally,
  worstInstances,
} from "@fleetdeck/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { StatusBadge } from "../../../components/HealthBadge.tsx";
import { formatBytes, formatGogc, formatOptionalBytes, formatPercent } from "../../../lib/format.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { errorMessage, isNotFoundError } from "../../../lib/trpc-errors.ts";
import { configInForce } from "../../entities/config-in-force.ts";
import { FactList } from "../../entities/EntityHeader.tsx";
import { formatPause, instanceFigures, instanceStatus, levelNames, tallySummary } from "./map-facts.ts";
import type { MapSelection } from "./map-selection.ts";
import { instancesOf, type PlacementIndex, placeName } from "./placement-index.ts";

interface SelectedEntityPanelProps {
  selection: MapSelection | null;
  index: PlacementIndex;
  rollup: PlacementRollup;
  lens: HealthLens;
  /** Sources that answer `fleet.instance` (the fleet's own): others' instances have no runtime config here. */
  fleetSourceIds: ReadonlySet<string> | null;
  onSelect: (selectionKey: string) => void;
}

/** How many of a place's worst instances the panel lists. */
const worstListed = 5;

/** The side panel: the selected instance's GC figures, config and links, or a place's rollup. */
export function SelectedEntityPanel({ selection, ...rest }: SelectedEntityPanelProps) {
  return (
    <aside aria-label="Selected entity" className="placement-aside">
      {selection === null ? (
        <p className="placement-aside__hint">
          Click an instance or a place on the map, search for one, or pick one from the table of unhealthy instances.
        </p>
      ) : selection.kind === "instance" ? (
        <InstanceDetail id={selection.id} {...rest} />
      ) : (
        <PlaceDetail selection={selection} {...rest} />
      )}
    </aside>
  );
}

function InstanceDetail({ id, index, fleetSourceIds }: Omit<SelectedEntityPanelProps, "selection"> & { id: string }) {
  const instance = index.instance(id);
  if (!instance) {
    return (
      <>
        <h2 className="placement-aside__title">{id}</h2>
        <p className="state state--empty">No source reports this instance any more.</p>
      </>
    );
  }
  const figures = instanceFigures(instance);
  const cluster = index.clusters.get(instance.clusterId);
  return (
    <>
      <p className="placement-aside__kicker">Instance</p>
      <h2 className="placement-aside__title">{instance.id}</h2>
      <p className="placement-aside__status">
        <StatusBadge tone={!instance.up ? "bad" : instance.healthy ? "good" : "warn"}>
          {instanceStatus(instance)}
        </StatusBadge>
      </p>
      <nav className="placement-aside__links" aria-label="Open this instance">
        <Link to="/instances/$instanceId" params={{ instanceId: instance.id }} className="button button--primary">
          GC charts
        </Link>
        <Link to="/profiles" search={{ instanceId: instance.id }} className="button">
          Profiles
        </Link>
      </nav>
      <FactList
        className="facts placement-aside__facts"
        facts={[
          {
            label: "Service",
            value: (
              <Link to="/services/$serviceId" params={{ serviceId: instance.serviceId }}>
                {index.services.get(instance.serviceId)?.name ?? instance.serviceId}
              </Link>
            ),
          },
          { label: "Region", value: placeName(index, "region", instance.regionId) },
          { label: "Zone", value: placeName(index, "zone", instance.zoneId) },
          {
            label: "Cluster",
            value: (
              <Link to="/clusters/$clusterId" params={{ clusterId: instance.clusterId }}>
                {cluster ? `${cluster.name} (${cluster.kind})` : instance.clusterId}
              </Link>
            ),
          },
          { label: "Node", value: placeName(index, "node", instance.nodeId) },
          { label: "GC pause p99", value: figures.pause },
          { label: "GC CPU", value: figures.gcCpu },
          { label: "Memory headroom", value: figures.headroom },
          { label: "Source", value: instance.sourceId },
        ]}
      />
      <RuntimeConfig instance={instance} fleetSourceIds={fleetSourceIds} />
    </>
  );
}

/** The runtime config in force, from the fleet source that runs the instance. */
function RuntimeConfig({
  instance,
  fleetSourceIds,
}: {
  instance: PlacementInstance;
  fleetSourceIds: ReadonlySet<string> | null;
}) {
  const trpc = useTRPC();
  const fromFleet = fleetSourceIds?.has(instance.sourceId) ?? false;
  const detail = useQuery(trpc.fleet.instance.queryOptions({ instanceId: instance.id }, { enabled: fromFleet }));
  let body: ReactNode;
  if (fleetSourceIds !== null && !fromFleet) {
    body = <p className="placement-aside__note">Not known: {instance.sourceId} reports placement and liveness only.</p>;
  } else if (detail.error) {
    body = (
      <p className="placement-aside__note">
        {isNotFoundError(detail.error)
          ? "Not known: no fleet source runs this instance."
          : `Could not load it: ${errorMessage(detail.error)}`}
      </p>
    );
  } else if (!detail.data) {
    body = <p className="placement-aside__note">Loading…</p>;
  } else {
    const config = configInForce(detail.data.instance, detail.data.sample);
    body = (
      <FactList
        className="facts placement-aside__facts"
        facts={[
          { label: "GOGC", value: formatGogc(config.gogc) },
          { label: "GOMEMLIMIT", value: formatOptionalBytes(config.memoryLimitBytes, formatBytes) },
          { label: "GOMAXPROCS", value: config.gomaxprocs ?? "—" },
          { label: "Go version", value: detail.data.instance.goVersion ?? "—" },
        ]}
      />
    );
  }
  return (
    <section className="placement-aside__section" aria-label="Runtime config">
      <h3 className="placement-aside__subtitle">Runtime config</h3>
      {body}
    </section>
  );
}

function PlaceDetail({
  selection,
  index,
  rollup,
  lens,
  onSelect,
}: Omit<SelectedEntityPanelProps, "selection" | "fleetSourceIds"> & { selection: MapSelection }) {
  if (selection.kind === "instance") return null;
  const tally = rollup.tallies.get(selection.key);
  const cluster = selection.kind === "cluster" ? index.clusters.get(selection.id) : undefined;
  const node = selection.kind === "node" ? index.nodes.get(selection.id) : undefined;
  const worst = tally ? worstInstances(instancesOf(rollup.instances, selection), lens, worstListed) : [];
  return (
    <>
      <p className="placement-aside__kicker">
        {levelNames[selection.kind]}
        {cluster ? ` · ${cluster.kind}` : ""}
      </p>
      <h2 className="placement-aside__title">{placeName(index, selection.kind, selection.id)}</h2>
      {cluster ? (
        <nav className="placement-aside__links" aria-label="Open this cluster">
          <Link to="/clusters/$clusterId" params={{ clusterId: cluster.id }} className="button">
            Cluster detail
          </Link>
        </nav>
      ) : null}
      {node?.ready === false ? <p className="banner banner--bad">This node is down or not ready.</p> : null}
      {tally ? (
        <>
          <p className="placement-aside__summary">{tallySummary(tally)}</p>
          <FactList className="facts placement-aside__facts" facts={tallyFacts(tally)} />
          <section className="placement-aside__section" aria-label="Worst instances">
            <h3 className="placement-aside__subtitle">Worst instances</h3>
            <ul className="placement-aside__worst">
              {worst.map((instance) => (
                <li key={instance.id}>
                  <button type="button" className="link-button" onClick={() => onSelect(`instance:${instance.id}`)}>
                    {instance.id}
                  </button>
                  <span className="placement-aside__worst-figures">{worstLine(instance)}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : (
        <p className="state state--empty">No instance here passes the filters.</p>
      )}
    </>
  );
}

function tallyFacts(tally: PlacementTally) {
  return [
    { label: "Instances", value: tally.instances },
    { label: "Up", value: tally.up },
    { label: "Down", value: tally.down },
    { label: "Unhealthy", value: tally.unhealthy },
    { label: "Worst pause p99", value: formatPause(tally.worstPauseP99Seconds) },
    { label: "Worst GC CPU", value: formatPercent(tally.worstGcCpuFraction) },
    { label: "Least headroom", value: formatPercent(tally.worstHeadroomRatio) },
  ];
}

function worstLine(instance: PlacementInstance): string {
  const figures = instanceFigures(instance);
  return `${instanceStatus(instance)} · ${figures.pause} · ${figures.gcCpu} CPU · ${figures.headroom} free`;
}
