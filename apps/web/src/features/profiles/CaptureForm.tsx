import { type ProfileKind, profileKinds } from "@fleetdeck/core";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { FormErrorList } from "../../components/FormErrorList.tsx";
import { InputField } from "../../components/InputField.tsx";
import { formErrorsOf } from "../../lib/field-errors.ts";
import { CaptureProgressPanel } from "./CaptureProgressPanel.tsx";
import {
  type CaptureFormErrors,
  captureRequestOf,
  defaultCpuSeconds,
  maxCpuSeconds,
  minCpuSeconds,
} from "./capture-request.ts";
import { type CaptureStarted, useStartCapture } from "./use-profiles.ts";

const kindLabels: Record<ProfileKind, string> = {
  cpu: "CPU",
  heap: "Heap (in use)",
  allocs: "Allocations",
  goroutine: "Goroutines",
  mutex: "Mutex contention",
  block: "Blocking",
};

/**
 * Starts a capture from an instance's pprof endpoints, then follows it: a CPU profile counts its
 * seconds down and can be cancelled; when the profile is stored the viewer opens on it.
 */
export function CaptureForm({ initialInstanceId }: { initialInstanceId: string | undefined }) {
  const kindId = useId();
  const [instanceId, setInstanceId] = useState(initialInstanceId ?? "");
  const [kind, setKind] = useState<ProfileKind>("cpu");
  const [seconds, setSeconds] = useState(String(defaultCpuSeconds));
  const [formErrors, setFormErrors] = useState<CaptureFormErrors>({});
  const [running, setRunning] = useState<CaptureStarted | null>(null);
  const start = useStartCapture();
  const navigate = useNavigate();
  const serverErrors = formErrorsOf(start.error, ["instanceId", "kind", "seconds"] as const);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = captureRequestOf({ instanceId, kind, seconds });
    if (!parsed.ok) {
      setFormErrors(parsed.errors);
      return;
    }
    setFormErrors({});
    start.mutate(parsed.request, { onSuccess: setRunning });
  };

  if (running) {
    return (
      <CaptureProgressPanel
        capture={running}
        onDone={(profileId) => void navigate({ to: "/profiles/$profileId", params: { profileId } })}
        onDismiss={() => setRunning(null)}
      />
    );
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Capture a profile" noValidate>
      <div className="form__row">
        <InputField
          label="Instance id"
          value={instanceId}
          onValueChange={setInstanceId}
          className="mono-input"
          errors={formErrors.instanceId ?? serverErrors.byField.instanceId}
          required
        />
        <div className="field">
          <label htmlFor={kindId}>Kind</label>
          <select
            id={kindId}
            value={kind}
            onChange={(event) => {
              const next = profileKinds.find((k) => k === event.target.value);
              if (next) setKind(next);
            }}
          >
            {profileKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        {kind === "cpu" ? (
          <InputField
            label="Seconds"
            type="number"
            min={minCpuSeconds}
            max={maxCpuSeconds}
            step={1}
            value={seconds}
            onValueChange={setSeconds}
            errors={formErrors.seconds ?? serverErrors.byField.seconds}
          />
        ) : null}
        <button type="submit" className="button button--primary" disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Capture"}
        </button>
      </div>
      <FormErrorList action="Starting the capture" messages={serverErrors.general} />
    </form>
  );
}
