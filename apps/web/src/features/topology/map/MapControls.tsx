import { HealthLens } from "@fleetdeck/core";
import { type FormEvent, useId } from "react";
import { HealthFilter, type TopologySearch } from "../topology-search.ts";
import { lensLabels } from "./map-colours.ts";

const healthLabels: Record<HealthFilter, string> = {
  all: "All instances",
  unhealthy: "Unhealthy (and down)",
  down: "Down only",
};

interface MapControlsProps {
  search: TopologySearch;
  lens: HealthLens;
  services: readonly { id: string; name: string }[];
  labelProblem: string | null;
  onChange: (change: Partial<TopologySearch>) => void;
  /** The search box was submitted: find and fly to the best match. */
  onSearch: (query: string) => void;
}

const textOf = (event: FormEvent<HTMLFormElement>, name: string) =>
  String(new FormData(event.currentTarget).get(name) ?? "").trim();

/** The map's lens, search and filters: each one is held in the URL. */
export function MapControls({ search, lens, services, labelProblem, onChange, onSearch }: MapControlsProps) {
  const ids = { lens: useId(), q: useId(), service: useId(), label: useId(), labelHelp: useId(), health: useId() };
  return (
    <div className="form__row placement-controls">
      <search className="placement-controls__search" aria-label="Search the map">
        <form
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            onSearch(textOf(event, "q"));
          }}
        >
          <label htmlFor={ids.q}>Search (service, instance, label, place)</label>
          <div className="placement-controls__inline">
            <input
              id={ids.q}
              key={search.q ?? ""}
              name="q"
              type="search"
              defaultValue={search.q ?? ""}
              placeholder="checkout, tier=critical, eu-west…"
            />
            <button type="submit" className="button">
              Find
            </button>
          </div>
        </form>
      </search>
      <div className="field">
        <label htmlFor={ids.lens}>Colour by</label>
        <select
          id={ids.lens}
          value={lens}
          onChange={(event) => onChange({ lens: HealthLens.parse(event.target.value) })}
        >
          {HealthLens.options.map((option) => (
            <option key={option} value={option}>
              {lensLabels[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.service}>Service</label>
        <select
          id={ids.service}
          value={search.service ?? ""}
          onChange={(event) => onChange({ service: event.target.value || undefined })}
        >
          <option value="">All services</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </div>
      <form
        className="field"
        aria-label="Label filter"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ label: textOf(event, "label") || undefined });
        }}
      >
        <label htmlFor={ids.label}>Label</label>
        <input
          id={ids.label}
          key={search.label ?? ""}
          name="label"
          type="text"
          defaultValue={search.label ?? ""}
          placeholder="key=value"
          aria-invalid={labelProblem ? true : undefined}
          aria-describedby={labelProblem ? ids.labelHelp : undefined}
          onBlur={(event) => {
            const label = event.currentTarget.value.trim() || undefined;
            if (label !== search.label) onChange({ label });
          }}
        />
        {labelProblem ? (
          <span className="field__help placement-controls__problem" id={ids.labelHelp}>
            {labelProblem}
          </span>
        ) : null}
      </form>
      <div className="field">
        <label htmlFor={ids.health}>Health</label>
        <select
          id={ids.health}
          value={search.health ?? "all"}
          onChange={(event) => {
            const health = HealthFilter.parse(event.target.value);
            onChange({ health: health === "all" ? undefined : health });
          }}
        >
          {HealthFilter.options.map((option) => (
            <option key={option} value={option}>
              {healthLabels[option]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
