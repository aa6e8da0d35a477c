import { Link } from "@tanstack/react-router";
import { HealthBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import type { InstanceAnswer } from "../../lib/api-types.ts";
import {
  formatBytes,
  formatClockTime,
  formatCores,
  formatGogc,
  formatKnown,
  formatOptionalBytes,
} from "../../lib/format.ts";
import type { GcPageSearch } from "../gc/gc-page-search.ts";
import { InstanceGcSection } from "../gc/InstanceGcSection.tsx";
import { configInForce } from "./config-in-force.ts";
import { EntityHeader, FactList } from "./EntityHeader.tsx";
import { renderMissingEntity } from "./EntityNotFound.tsx";
import { GcSampleFacts } from "./GcSampleFacts.tsx";
import { useInstanceDetail } from "./use-entities.ts";

interface InstancePageProps {
  instanceId: string;
  /** The GC section's range and compare mode, from the URL. */
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
}

export function InstancePage({ instanceId, search, onSearchChange }: InstancePageProps) {
  const query = useInstanceDetail(instanceId);
  return (
    <div className="page">
      <QueryState
        query={query}
        what={`instance ${instanceId}`}
        renderError={renderMissingEntity("instance", instanceId)}
        placeholderHeading={<EntityHeader kind="Instance" title={instanceId} facts={[]} />}
      >
        {(answer) => (
          <>
            <InstanceView answer={answer} />
            <InstanceGcSection
              instanceId={instanceId}
              serviceId={answer.instance.serviceId}
              containerMemoryLimitBytes={answer.instance.memoryLimitBytes ?? null}
              search={search}
              onSearchChange={onSearchChange}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

export function InstanceView({ answer }: { answer: InstanceAnswer }) {
  const { instance, sample, health, service, cluster, region, node } = answer;
  const config = configInForce(instance, sample);
  return (
    <>
      <EntityHeader
        kind="Instance"
        title={instance.id}
        facts={[
          {
            label: "Service",
            value: (
              <Link to="/services/$serviceId" params={{ serviceId: instance.serviceId }}>
                {service?.name ?? instance.serviceId}
              </Link>
            ),
          },
          {
            label: "Region",
            value: (
              <Link to="/regions/$regionId" params={{ regionId: instance.regionId }}>
                {region?.name ?? instance.regionId}
              </Link>
            ),
          },
          { label: "Health", value: <HealthBadge health={health} /> },
          { label: "As of", value: formatClockTime(answer.atMs) },
          {
            label: "Profiles",
            value: (
              <Link to="/profiles" search={{ instanceId: instance.id }}>
                Profiles of this instance
              </Link>
            ),
          },
        ]}
      />
      {health && health.reasons.length > 0 ? (
        <Panel title="Why it is unhealthy">
          <ul className="reasons reasons--large">
            {health.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Panel>
      ) : null}
      <div className="panel-grid panel-grid--thirds">
        <Panel title="Placement">
          <FactList
            facts={[
              { label: "Cluster", value: cluster ? `${cluster.name} (${cluster.kind})` : instance.clusterId },
              { label: "Node", value: node ? node.name : instance.nodeId },
              {
                label: "Node size",
                value: node
                  ? `${formatCores(node.cpuCores)} cores, ${formatKnown(node.memoryBytes, formatBytes)}`
                  : "unknown",
              },
              { label: "Zone", value: instance.zoneId },
            ]}
          />
        </Panel>
        <Panel title="Runtime config in force">
          <FactList
            facts={[
              { label: "GOGC", value: formatGogc(config.gogc) },
              { label: "GOMEMLIMIT", value: formatOptionalBytes(config.memoryLimitBytes, formatBytes) },
              { label: "GOMAXPROCS", value: config.gomaxprocs ?? "—" },
              { label: "Go version", value: instance.goVersion ?? "—" },
            ]}
          />
        </Panel>
        <Panel title="Container limits">
          <FactList
            facts={[
              {
                label: "CPU",
                value: containerLimit(instance.cpuLimitCores, (cores) => `${formatCores(cores)} cores`),
              },
              {
                label: "Memory",
                value: containerLimit(instance.memoryLimitBytes, formatBytes),
              },
            ]}
          />
        </Panel>
      </div>
      <Panel title="Garbage collector now">
        {sample ? (
          <GcSampleFacts sample={sample} />
        ) : (
          <p className="state state--empty">No GC sample for this instance: its source sent no data.</p>
        )}
      </Panel>
    </>
  );
}

/** A container limit: null is "unlimited"; absent (a metrics backend did not see it) is unknown. */
function containerLimit(limit: number | null | undefined, format: (limit: number) => string): string {
  if (limit === undefined) return "unknown";
  return limit === null ? "unlimited" : format(limit);
}
