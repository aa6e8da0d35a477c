import { type FormEvent, useId, useState } from "react";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import type { DemoFault } from "../../lib/api-types.ts";
import { formatClockTime } from "../../lib/format.ts";
import { catalogProblem, serviceOptions } from "../catalog/catalog-options.ts";
import { usePermission } from "../session/use-session.ts";
import { activeFaults, describeFaultTarget, faultKindLabel } from "./demo-options.ts";
import { InjectFaultForm } from "./InjectFaultForm.tsx";
import { MutationError } from "./MutationError.tsx";
import { useDemoFleet } from "./use-demo-fleet.ts";

const defaultOutageMessage = "control plane unreachable (simulated outage)";

/**
 * Fault injection and a simulated outage for the embedded demo fleet. Changing it needs the
 * "operate" permission; without it the state is shown read-only and the page says why.
 */
export function DemoFleetSettings() {
  const demo = useDemoFleet();
  const canOperate = usePermission("operate");
  const services = serviceOptions(demo.catalog.data?.catalog);
  return (
    <Panel title="Demo fleet">
      <p className="panel__note">
        These controls act on the embedded demo fleet only.
        {demo.hasDemoSource === false ? " No demo source is configured, so they have nothing to act on." : null}
      </p>
      {canOperate ? null : <p className="panel__note">You need the operator role to change the demo fleet.</p>}
      <QueryState query={demo.state} what="the demo fleet's state">
        {(state) => (
          <div className="stack">
            {canOperate ? (
              <section aria-labelledby="inject-fault-heading">
                <h3 id="inject-fault-heading">Inject a fault</h3>
                <InjectFaultForm
                  services={services}
                  servicesProblem={catalogProblem(demo.catalog)}
                  pending={demo.injectFault.isPending}
                  error={demo.injectFault.error}
                  onInject={(request) => demo.injectFault.mutate(request)}
                />
              </section>
            ) : null}
            <section aria-labelledby="active-faults-heading">
              <h3 id="active-faults-heading">Active faults</h3>
              <ActiveFaults
                faults={activeFaults(state.faults, state.nowMs)}
                clearing={demo.clearFault.isPending ? demo.clearFault.variables?.faultId : undefined}
                onClear={canOperate ? (faultId) => demo.clearFault.mutate({ faultId }) : undefined}
              />
              <MutationError action="Clearing the fault" error={demo.clearFault.error} />
            </section>
            <section aria-labelledby="outage-heading">
              <h3 id="outage-heading">Control-plane outage</h3>
              {canOperate ? (
                <OutageControl
                  outage={state.outage}
                  pending={demo.setOutage.isPending}
                  onChange={(message) => demo.setOutage.mutate({ message })}
                />
              ) : (
                <OutageStatus outage={state.outage} />
              )}
              <MutationError action="Changing the outage" error={demo.setOutage.error} />
            </section>
          </div>
        )}
      </QueryState>
    </Panel>
  );
}

function ActiveFaults({
  faults,
  clearing,
  onClear,
}: {
  faults: readonly DemoFault[];
  clearing: string | undefined;
  /** Absent when the user may not clear faults: the table then has no action column. */
  onClear: ((faultId: string) => void) | undefined;
}) {
  const columns: Column<DemoFault>[] = [
    { header: "Fault", rowHeader: true, cell: (fault) => faultKindLabel(fault.kind) },
    { header: "Target", cell: (fault) => describeFaultTarget(fault.target) },
    { header: "Severity", numeric: true, cell: (fault) => fault.severity },
    { header: "Since", numeric: true, cell: (fault) => formatClockTime(fault.startMs) },
  ];
  if (onClear) {
    columns.push({
      header: "Action",
      cell: (fault) => (
        <button
          type="button"
          className="button button--small"
          aria-label={`Clear ${faultKindLabel(fault.kind).toLowerCase()} on ${describeFaultTarget(fault.target)}`}
          disabled={clearing === fault.id}
          onClick={() => onClear(fault.id)}
        >
          {clearing === fault.id ? "Clearing…" : "Clear"}
        </button>
      ),
    });
  }
  return (
    <DataTable
      label="Active faults"
      columns={columns}
      rows={faults}
      rowKey={(fault) => fault.id}
      emptyText="No fault is active: the demo fleet runs as designed."
    />
  );
}

function OutageControl({
  outage,
  pending,
  onChange,
}: {
  outage: string | null;
  pending: boolean;
  onChange: (message: string | null) => void;
}) {
  const messageId = useId();
  const [message, setMessage] = useState(defaultOutageMessage);
  if (outage !== null) {
    return (
      <div className="form__row">
        <OutageStatus outage={outage} />
        <button type="button" className="button" disabled={pending} onClick={() => onChange(null)}>
          End outage
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(message.trim() || defaultOutageMessage);
  };
  return (
    <form className="form__row" onSubmit={submit} aria-label="Simulate a control-plane outage">
      <OutageStatus outage={null} />
      <div className="field field--grow">
        <label htmlFor={messageId}>Outage message</label>
        <input id={messageId} type="text" value={message} onChange={(e) => setMessage(e.target.value)} />
      </div>
      <button type="submit" className="button button--danger" disabled={pending}>
        Simulate control-plane outage
      </button>
    </form>
  );
}

function OutageStatus({ outage }: { outage: string | null }) {
  return outage === null ? (
    <p>
      <StatusBadge tone="good">Reachable</StatusBadge>
    </p>
  ) : (
    <p>
      <StatusBadge tone="bad">Outage</StatusBadge> Simulating: {outage}
    </p>
  );
}
