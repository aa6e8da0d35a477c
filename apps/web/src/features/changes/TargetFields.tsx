import { useId } from "react";
import { InputField } from "../../components/InputField.tsx";
import type { ChangeForm, FieldErrors } from "./change-form.ts";
import type { EditorService } from "./editor-services.ts";
import { FieldMessages } from "./PatchFields.tsx";

interface TargetFieldsProps {
  form: ChangeForm;
  errors: FieldErrors;
  services: readonly EditorService[];
  servicesProblem: string | null;
  selected: { instances: number; regions: number } | null;
  onChange: (change: Partial<ChangeForm>) => void;
  onServiceChange: (serviceId: string) => void;
}

/** The service a change is for and the label selector that narrows it, with what it selects. */
export function TargetFields({
  form,
  errors,
  services,
  servicesProblem,
  selected,
  onChange,
  onServiceChange,
}: TargetFieldsProps) {
  const id = useId();
  const known = services.some((s) => s.id === form.serviceId);
  return (
    <fieldset className="change-form__group">
      <legend>Target</legend>
      <div className="form__row change-form__target-row">
        <div className="field">
          <label htmlFor={id}>Service</label>
          <select id={id} value={form.serviceId} onChange={(event) => onServiceChange(event.target.value)}>
            {form.serviceId === "" ? <option value="">Choose a service</option> : null}
            {!known && form.serviceId !== "" ? <option value={form.serviceId}>{form.serviceId}</option> : null}
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
          {servicesProblem ? <span className="field__help">Could not load the services: {servicesProblem}</span> : null}
          <FieldMessages messages={[...(errors["target.serviceId"] ?? []), ...(errors.target ?? [])]} />
        </div>
        <InputField
          label="Instances (label selector)"
          value={form.selector}
          onValueChange={(selector) => onChange({ selector })}
          placeholder="every instance of the service"
          help="labels region, zone, cluster, node, instance; e.g. region in (eu-west-1), cluster != eu-west-1-b"
          errors={errors["target.selector"]}
          className="field--grow mono-input"
        />
      </div>
      {selected ? (
        <p className="change-form__selected" role="status">
          Selects {selected.instances} {selected.instances === 1 ? "instance" : "instances"} in {selected.regions}{" "}
          {selected.regions === 1 ? "region" : "regions"}.
        </p>
      ) : null}
    </fieldset>
  );
}
