import type { ReactNode } from "react";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import type { ServiceAnswer } from "../../lib/api-types.ts";
import { formatClockTime, formatCount } from "../../lib/format.ts";
import type { GcPageSearch } from "../gc/gc-page-search.ts";
import { ServiceGcSection } from "../gc/ServiceGcSection.tsx";
import { EntityHeader } from "./EntityHeader.tsx";
import { renderMissingEntity } from "./EntityNotFound.tsx";
import { ServiceEdgesTable } from "./ServiceEdgesTable.tsx";
import { ServiceInstancesTable } from "./ServiceInstancesTable.tsx";
import { useServiceDetail } from "./use-entities.ts";

interface ServicePageProps {
  serviceId: string;
  /** The GC section's range and compare mode, from the URL. */
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
}

export function ServicePage({ serviceId, search, onSearchChange }: ServicePageProps) {
  const query = useServiceDetail(serviceId);
  return (
    <div className="page">
      <QueryState
        query={query}
        what={`service ${serviceId}`}
        renderError={renderMissingEntity("service", serviceId)}
        placeholderHeading={<EntityHeader kind="Service" title={serviceId} facts={[]} />}
      >
        {(answer) => (
          <ServiceView answer={answer}>
            <ServiceGcSection serviceId={serviceId} search={search} onSearchChange={onSearchChange} />
          </ServiceView>
        )}
      </QueryState>
    </div>
  );
}

const tierTone = { critical: "warn", standard: "neutral", batch: "neutral" } as const;

/** The service's facts, then `children` (its charts), then its instances and call edges. */
export function ServiceView({ answer, children }: { answer: ServiceAnswer; children?: ReactNode }) {
  const { service, instances, edges } = answer;
  const unhealthy = instances.filter((row) => row.health && !row.health.healthy).length;
  const callers = edges.filter((edge) => edge.toServiceId === service.id);
  const callees = edges.filter((edge) => edge.fromServiceId === service.id);
  return (
    <>
      <EntityHeader
        kind="Service"
        title={service.name}
        facts={[
          { label: "Id", value: <span className="mono">{service.id}</span> },
          { label: "Owner", value: service.owner ?? "—" },
          {
            label: "Tier",
            value:
              service.tier === null ? "—" : <StatusBadge tone={tierTone[service.tier]}>{service.tier}</StatusBadge>,
          },
          { label: "Instances", value: formatCount(instances.length) },
          {
            label: "Unhealthy",
            value: <StatusBadge tone={unhealthy > 0 ? "bad" : "good"}>{formatCount(unhealthy)}</StatusBadge>,
          },
          { label: "As of", value: formatClockTime(answer.atMs) },
        ]}
      />
      {children}
      <Panel title="Instances">
        <ServiceInstancesTable serviceName={service.name} rows={instances} />
      </Panel>
      <div className="panel-grid">
        <Panel title={`Calls into ${service.name}`}>
          <ServiceEdgesTable
            label={`Calls into ${service.name}`}
            rows={callers}
            other={(edge) => edge.fromServiceId}
            emptyText="No service calls this one."
          />
        </Panel>
        <Panel title={`Calls from ${service.name}`}>
          <ServiceEdgesTable
            label={`Calls from ${service.name}`}
            rows={callees}
            other={(edge) => edge.toServiceId}
            emptyText="This service calls no other service."
          />
        </Panel>
      </div>
    </>
  );
}
