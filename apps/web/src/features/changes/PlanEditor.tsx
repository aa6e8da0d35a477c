import { gateMetricInfo } from "@fleetdeck/core";
import type { EntityOption } from "../catalog/catalog-options.ts";
import { CellInput } from "./CellInput.tsx";
import { type ChangeForm, type FieldErrors, noiseFloorUnit, type StageForm } from "./change-form.ts";
import { gateChartSpecs } from "./gate-chart.ts";
import { FieldMessages } from "./PatchFields.tsx";

interface PlanEditorProps {
  form: ChangeForm;
  errors: FieldErrors;
  regions: readonly EntityOption[];
  onChange: (change: Partial<ChangeForm>) => void;
  /** Replaces the stages with core's default plan for the target's regions. */
  onUseDefaultPlan: () => void;
}

/**
 * The staged plan: each stage's scope (a region or the whole target), its cumulative size and its
 * bake; the gates every stage must pass; how long instances may take to report the new config.
 */
export function PlanEditor({ form, errors, regions, onChange, onUseDefaultPlan }: PlanEditorProps) {
  const setStage = (index: number, change: Partial<StageForm>) =>
    onChange({ stages: form.stages.map((stage, i) => (i === index ? { ...stage, ...change } : stage)) });
  const move = (index: number, by: -1 | 1) => {
    const stages = [...form.stages];
    const [stage] = stages.splice(index, 1);
    if (stage) stages.splice(index + by, 0, stage);
    onChange({ stages });
  };
  const last = form.stages[form.stages.length - 1];
  return (
    <fieldset className="change-form__group">
      <legend>Rollout plan</legend>
      <p className="field__help">
        Sizes are cumulative within a stage's scope: “50 %” means half the scope runs the new config, earlier stages
        included. A gate fails a stage when the canaries are worse than the baseline by more than the rise allowed and
        the noise floor.
      </p>
      <div className="table-scroll">
        <table className="data-table plan-table" aria-label="Stages">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Size</th>
              <th scope="col">Bake (s)</th>
              <th scope="col">
                <span className="visually-hidden">Order</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {form.stages.map((stage, index) => (
              <StageRow
                // biome-ignore lint/suspicious/noArrayIndexKey: a stage is its position in the plan.
                key={index}
                index={index}
                stage={stage}
                count={form.stages.length}
                errors={errors}
                regions={regions}
                onChange={(change) => setStage(index, change)}
                onMove={(by) => move(index, by)}
                onRemove={() => onChange({ stages: form.stages.filter((_, i) => i !== index) })}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FieldMessages messages={errors["plan.stages"]} />
      <div className="form__row">
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            onChange({
              stages: [
                ...form.stages,
                {
                  name: `Stage ${form.stages.length + 1}`,
                  regionId: last?.regionId ?? "",
                  sizeKind: "percent",
                  size: "100",
                  bakeSeconds: last?.bakeSeconds ?? "300",
                },
              ],
            })
          }
        >
          Add a stage
        </button>
        <button type="button" className="button button--small" onClick={onUseDefaultPlan}>
          Use the default plan
        </button>
      </div>

      <div className="table-scroll">
        <table className="data-table plan-table" aria-label="Gates">
          <thead>
            <tr>
              <th scope="col">Gate</th>
              <th scope="col">Max rise (%)</th>
              <th scope="col">Noise floor</th>
            </tr>
          </thead>
          <tbody>
            {form.gates.map((gate, index) => {
              const info = gateMetricInfo[gate.metric];
              const setGate = (change: Partial<typeof gate>) =>
                onChange({ gates: form.gates.map((g, i) => (i === index ? { ...g, ...change } : g)) });
              return (
                <tr key={gate.metric}>
                  <th scope="row">
                    <label className="checkbox" title={info.description}>
                      <input
                        type="checkbox"
                        checked={gate.enabled}
                        onChange={(event) => setGate({ enabled: event.target.checked })}
                      />
                      {info.label}
                    </label>
                    {gateChartSpecs[gate.metric] === null ? (
                      <span className="plan-table__gate-note">
                        no source reports it per instance yet: while on, every stage holds at its gates
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <CellInput
                      label={`${info.label}: max rise in percent`}
                      value={gate.maxIncreasePercent}
                      disabled={!gate.enabled}
                      onChange={(maxIncreasePercent) => setGate({ maxIncreasePercent })}
                      errors={errors[`plan.gates.${index}.maxIncrease`]}
                    />
                  </td>
                  <td>
                    <CellInput
                      label={`${info.label}: noise floor in ${noiseFloorUnit(gate.metric)}`}
                      value={gate.noiseFloor}
                      disabled={!gate.enabled}
                      onChange={(noiseFloor) => setGate({ noiseFloor })}
                      errors={errors[`plan.gates.${index}.noiseFloor`]}
                      suffix={noiseFloorUnit(gate.metric)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FieldMessages messages={errors["plan.gates"]} />
      <div className="form__row">
        <div className="field">
          <CellInput
            label="Convergence timeout (s)"
            visibleLabel
            value={form.convergenceTimeoutSeconds}
            onChange={(convergenceTimeoutSeconds) => onChange({ convergenceTimeoutSeconds })}
            errors={errors["plan.convergenceTimeoutSeconds"]}
          />
        </div>
      </div>
    </fieldset>
  );
}

interface StageRowProps {
  index: number;
  stage: StageForm;
  count: number;
  errors: FieldErrors;
  regions: readonly EntityOption[];
  onChange: (change: Partial<StageForm>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function StageRow({ index, stage, count, errors, regions, onChange, onMove, onRemove }: StageRowProps) {
  const at = `plan.stages.${index}`;
  const n = index + 1;
  return (
    <tr>
      <td>
        <CellInput
          label={`Stage ${n} name`}
          value={stage.name}
          onChange={(name) => onChange({ name })}
          errors={errors[`${at}.name`]}
          wide
        />
      </td>
      <td>
        <select
          aria-label={`Stage ${n} scope`}
          value={stage.regionId}
          onChange={(e) => onChange({ regionId: e.target.value })}
        >
          <option value="">Whole target</option>
          {stage.regionId && !regions.some((r) => r.id === stage.regionId) ? (
            <option value={stage.regionId}>{stage.regionId}</option>
          ) : null}
          {regions.map((region) => (
            <option key={region.id} value={region.id}>
              {region.name}
            </option>
          ))}
        </select>
        <FieldMessages messages={errors[`${at}.regionId`]} />
      </td>
      <td>
        <span className="plan-table__size">
          <CellInput
            label={`Stage ${n} size`}
            value={stage.size}
            onChange={(size) => onChange({ size })}
            errors={errors[`${at}.size`]}
          />
          <select
            aria-label={`Stage ${n} size unit`}
            value={stage.sizeKind}
            onChange={(e) => onChange({ sizeKind: e.target.value === "instances" ? "instances" : "percent" })}
          >
            <option value="percent">%</option>
            <option value="instances">instances</option>
          </select>
        </span>
      </td>
      <td>
        <CellInput
          label={`Stage ${n} bake seconds`}
          value={stage.bakeSeconds}
          onChange={(bakeSeconds) => onChange({ bakeSeconds })}
          errors={errors[`${at}.bakeSeconds`]}
        />
      </td>
      <td className="plan-table__order">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move stage ${n} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move stage ${n} down`}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove stage ${n}`}
          disabled={count === 1}
          onClick={onRemove}
        >
          ×
        </button>
      </td>
    </tr>
  );
}
