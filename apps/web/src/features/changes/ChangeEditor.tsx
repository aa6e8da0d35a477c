import { defaultRolloutPlan } from "@fleetdeck/core";
import { type FormEvent, useId, useState } from "react";
import { InputField } from "../../components/InputField.tsx";
import { Panel } from "../../components/Panel.tsx";
import { errorMessage } from "../../lib/trpc-errors.ts";
import type { EntityOption } from "../catalog/catalog-options.ts";
import { MutationError } from "../settings/MutationError.tsx";
import {
  type ChangeForm,
  changeContentOf,
  defaultBakeSeconds,
  type FieldErrors,
  type FormResult,
  fieldOfServerMessage,
  planForm,
} from "./change-form.ts";
import type { EditorService } from "./editor-services.ts";
import { FieldMessages, PatchFields } from "./PatchFields.tsx";
import { PlanEditor } from "./PlanEditor.tsx";
import { PredictionPanel } from "./PredictionPanel.tsx";
import { TargetFields } from "./TargetFields.tsx";
import { selectTarget } from "./target-selection.ts";
import { useChangePreview, useCreateChange, useEditChange, useTargetService } from "./use-changes.ts";

interface ChangeEditorProps {
  initial: ChangeForm;
  services: readonly EditorService[];
  regions: readonly EntityOption[];
  servicesProblem: string | null;
  /** The change being edited; absent for a new one. */
  changeId?: string;
  onSaved: (change: { id: string }) => void;
  onCancel?: () => void;
}

/** A title stands in while the author has not written one, so the prediction shows from the first setting. */
const untitled = "Untitled change";

/**
 * Writing or editing a change: what it sets, which instances, the staged plan, and beside it the
 * prediction and the policy's verdict for exactly what the form holds, asked again as it changes.
 */
export function ChangeEditor({
  initial,
  services,
  regions,
  servicesProblem,
  changeId,
  onSaved,
  onCancel,
}: ChangeEditorProps) {
  const [form, setForm] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const update = (change: Partial<ChangeForm>) => setForm((previous) => ({ ...previous, ...change }));

  const built = changeContentOf(form);
  const forPreview = changeContentOf({ ...form, title: form.title.trim() || untitled });
  const service = services.find((s) => s.id === form.serviceId);
  const serviceDetail = useTargetService(form.serviceId === "" ? null : form.serviceId, { moving: false });
  const selection = selectTarget(
    { serviceId: form.serviceId, selector: form.selector.trim() },
    serviceDetail.data?.instances.map((row) => row.instance) ?? null,
  );
  const previewable = forPreview.ok && selection.kind !== "invalid";
  const preview = useChangePreview(previewable ? forPreview.content : null, changeId);
  const create = useCreateChange();
  const edit = useEditChange();
  const saving = changeId ? edit : create;

  const serviceRegions = regions.filter((r) => service?.regionIds.includes(r.id) ?? true);
  const selectedRegionIds = selection.kind === "selected" ? selection.regionIds : null;

  const serverErrors = [fieldError(saving.error), fieldError(preview.error)];
  const errors: FieldErrors = attempted && !built.ok ? { ...built.errors } : {};
  // A selector is checked as it is typed: what it selects is the first thing an author wants to know.
  if (selection.kind === "invalid") errors["target.selector"] = [selection.message];
  for (const found of serverErrors) {
    if (found) errors[found.field] = [...(errors[found.field] ?? []), found.message];
  }
  const saveErrorShownAtField = serverErrors[0] !== null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!built.ok) return;
    if (changeId) edit.mutate({ id: changeId, content: built.content }, { onSuccess: onSaved });
    else create.mutate({ content: built.content }, { onSuccess: onSaved });
  };

  const waitingFor = previewWaitsFor(
    forPreview,
    selection.kind === "invalid",
    serverErrors[1] !== null && !preview.data,
  );

  return (
    <form
      className="change-editor"
      onSubmit={submit}
      aria-label={changeId ? "Edit the change" : "New change"}
      noValidate
    >
      <div className="change-editor__form">
        <Panel title="Change">
          <div className="stack">
            <InputField
              label="Title"
              value={form.title}
              onValueChange={(title) => update({ title })}
              placeholder="e.g. Raise GOGC on checkout to cut GC CPU"
              errors={errors.title}
            />
            <DescriptionField
              value={form.description}
              onChange={(description) => update({ description })}
              errors={errors.description}
            />
            <TargetFields
              form={form}
              errors={errors}
              services={services}
              servicesProblem={servicesProblem}
              selected={
                selection.kind === "selected"
                  ? { instances: selection.instanceIds.length, regions: selection.regionIds.length }
                  : null
              }
              onChange={update}
              onServiceChange={(serviceId) => {
                const chosen = services.find((s) => s.id === serviceId);
                update({
                  serviceId,
                  ...planForm(defaultRolloutPlan(chosen?.regionIds ?? [], { bakeSeconds: defaultBakeSeconds })),
                });
              }}
            />
            <PatchFields form={form} errors={errors} onChange={update} />
            <PlanEditor
              form={form}
              errors={errors}
              regions={serviceRegions}
              onChange={update}
              onUseDefaultPlan={() =>
                update(
                  planForm(
                    defaultRolloutPlan(selectedRegionIds ?? service?.regionIds ?? [], {
                      bakeSeconds: defaultBakeSeconds,
                    }),
                  ),
                )
              }
            />
            {attempted && !built.ok ? (
              <p className="field__errors" role="alert">
                The change was not saved: correct what is marked above.
              </p>
            ) : null}
            <FieldMessages messages={errors.form} />
            {saving.error && !saveErrorShownAtField ? (
              <MutationError action={changeId ? "Saving the change" : "Saving the draft"} error={saving.error} />
            ) : null}
            <div className="form__row">
              <button type="submit" className="button button--primary" disabled={saving.isPending}>
                {saving.isPending ? "Saving…" : changeId ? "Save changes" : "Save draft"}
              </button>
              {onCancel ? (
                <button type="button" className="button" onClick={onCancel}>
                  Discard edits
                </button>
              ) : null}
              {changeId ? (
                <span className="field__help">
                  Saving withdraws the approvals given so far: they bound the old content.
                </span>
              ) : (
                <span className="field__help">A draft changes nothing; submit it for approval from its page.</span>
              )}
            </div>
          </div>
        </Panel>
      </div>
      <div className="change-editor__prediction">
        <PredictionPanel preview={preview} waitingFor={waitingFor} />
      </div>
    </form>
  );
}

/** Why the prediction cannot be shown yet, or null when it can. */
function previewWaitsFor(form: FormResult, selectorInvalid: boolean, targetRefused: boolean): string | null {
  if (selectorInvalid) return "Correct the instances' label selector to see the predicted effect.";
  if (form.ok)
    return targetRefused ? "Correct the target (see the message at its field) to see the predicted effect." : null;
  const fields = Object.keys(form.errors).filter((field) => field !== "patch");
  if (form.errors.patch || fields.length === 0) {
    return "Set GOGC, GOMEMLIMIT, GOMAXPROCS, a gray ratio or a custom key to see the predicted effect.";
  }
  return `Fix the form to see the predicted effect (${fields.length} ${fields.length === 1 ? "field" : "fields"} to correct).`;
}

/** The server's complaint about one field of the change, when it names one. */
function fieldError(error: unknown): { field: string; message: string } | null {
  return error ? fieldOfServerMessage(errorMessage(error)) : null;
}

function DescriptionField({
  value,
  onChange,
  errors,
}: {
  value: string;
  onChange: (value: string) => void;
  errors: readonly string[] | undefined;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Description</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        placeholder="Why this change, what you expect, how to tell it worked"
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldMessages messages={errors} />
    </div>
  );
}
