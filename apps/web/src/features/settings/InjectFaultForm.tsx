import { type FormEvent, useId, useState } from "react";
import type { DemoFaultKind } from "../../lib/api-types.ts";
import { faultKindLabels, faultKinds, parseSeverity } from "./demo-options.ts";
import { MutationError } from "./MutationError.tsx";

export interface InjectFaultRequest {
  kind: DemoFaultKind;
  serviceId: string;
  severity?: number;
}

interface InjectFaultFormProps {
  services: readonly { id: string; name: string }[];
  /** Why the service list could not be loaded. */
  servicesProblem?: string | null;
  onInject: (request: InjectFaultRequest) => void;
  pending: boolean;
  error: unknown;
}

/** Picks a fault, a service and how bad; the server validates and says what is wrong. */
export function InjectFaultForm({ services, servicesProblem = null, onInject, pending, error }: InjectFaultFormProps) {
  const ids = { kind: useId(), service: useId(), severity: useId(), severityHelp: useId() };
  const [kind, setKind] = useState<DemoFaultKind>("memory-leak");
  const [serviceId, setServiceId] = useState("");
  const [severity, setSeverity] = useState("");
  const chosenService = serviceId || services[0]?.id || "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSeverity(severity);
    onInject({ kind, serviceId: chosenService, ...(parsed === undefined ? {} : { severity: parsed }) });
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Inject a fault">
      <div className="form__row">
        <div className="field">
          <label htmlFor={ids.kind}>Fault</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => {
              const next = faultKinds.find((k) => k === e.target.value);
              if (next) setKind(next);
            }}
          >
            {faultKinds.map((k) => (
              <option key={k} value={k}>
                {faultKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.service}>Service</label>
          <select
            id={ids.service}
            value={chosenService}
            onChange={(e) => setServiceId(e.target.value)}
            disabled={services.length === 0}
          >
            {services.length === 0 ? <option value="">No services known yet</option> : null}
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
          {servicesProblem ? <span className="field__help">Could not load the services: {servicesProblem}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.severity}>Severity</label>
          <input
            id={ids.severity}
            type="number"
            step="any"
            inputMode="decimal"
            value={severity}
            placeholder="default"
            aria-describedby={ids.severityHelp}
            onChange={(e) => setSeverity(e.target.value)}
          />
          <span id={ids.severityHelp} className="field__help">
            1 is a typical incident, 10 the worst; blank for the default.
          </span>
        </div>
        <button type="submit" className="button button--primary" disabled={pending || chosenService === ""}>
          {pending ? "Injecting…" : "Inject fault"}
        </button>
      </div>
      <MutationError action="Injecting the fault" error={error} />
    </form>
  );
}
