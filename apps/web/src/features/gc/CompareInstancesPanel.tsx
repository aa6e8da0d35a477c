import { useId } from "react";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useServiceDetail } from "../entities/use-entities.ts";
import { CompareChart, CompareMetricSelect } from "./CompareControls.tsx";
import { defaultCompareMetric } from "./gc-chart-specs.ts";
import { comparedInstanceIds, compareParamOf, type GcPageSearch, maxComparedInstances } from "./gc-page-search.ts";
import { type SeriesView, useGcCompare } from "./use-gc-series.ts";

interface CompareInstancesPanelProps {
  instanceId: string;
  serviceId: string;
  search: GcPageSearch;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
  view: SeriesView;
}

/** Overlays this instance and others of its service on one chart, for the metric in the URL. */
export function CompareInstancesPanel({
  instanceId,
  serviceId,
  search,
  onSearchChange,
  view,
}: CompareInstancesPanelProps) {
  const compared = comparedInstanceIds(search.compare, instanceId);
  const metric = search.metric ?? defaultCompareMetric;
  const service = useServiceDetail(serviceId);
  const candidates = (service.data?.instances ?? [])
    .map((row) => row.instance.id)
    .filter((id) => id !== instanceId && !compared.includes(id));
  const subjects =
    compared.length === 0 ? [] : [instanceId, ...compared].map((id) => ({ kind: "instance" as const, instanceId: id }));
  const overlay = useGcCompare(metric, subjects, view);
  const setCompared = (ids: readonly string[]) => onSearchChange({ compare: compareParamOf(ids) });

  return (
    <Panel title="Compare with other instances">
      <div className="form__row gc-compare__controls">
        <AddInstanceSelect
          candidates={candidates}
          full={compared.length >= maxComparedInstances}
          loading={service.data === undefined}
          onAdd={(id) => setCompared([...compared, id])}
        />
        <CompareMetricSelect value={metric} onChange={(chosen) => onSearchChange({ metric: chosen })} />
      </div>
      {compared.length > 0 ? (
        <ul className="chip-list" aria-label="Compared instances">
          {compared.map((id) => (
            <li key={id} className="chip chip--removable">
              <span className="mono">{id}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`Stop comparing ${id}`}
                onClick={() => setCompared(compared.filter((other) => other !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {compared.length === 0 ? (
        <p className="panel__note">
          Choose up to {maxComparedInstances} other instances of this service to overlay on one chart.
        </p>
      ) : (
        <QueryState query={overlay} what="the compare chart">
          {(answer) => (
            <CompareChart
              metric={metric}
              answer={answer}
              lineLabels={{ [instanceId]: `${instanceId} (this instance)` }}
            />
          )}
        </QueryState>
      )}
    </Panel>
  );
}

function AddInstanceSelect({
  candidates,
  full,
  loading,
  onAdd,
}: {
  candidates: readonly string[];
  full: boolean;
  loading: boolean;
  onAdd: (instanceId: string) => void;
}) {
  const id = useId();
  const placeholder = full
    ? `At most ${maxComparedInstances} at a time`
    : loading
      ? "Loading the service's instances…"
      : candidates.length === 0
        ? "No other instance to add"
        : "Choose an instance";
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Compare with…</label>
      <select
        id={id}
        value=""
        disabled={full || candidates.length === 0}
        onChange={(event) => {
          if (event.target.value) onAdd(event.target.value);
        }}
      >
        <option value="">{placeholder}</option>
        {candidates.map((candidate) => (
          <option key={candidate} value={candidate}>
            {candidate}
          </option>
        ))}
      </select>
    </div>
  );
}
