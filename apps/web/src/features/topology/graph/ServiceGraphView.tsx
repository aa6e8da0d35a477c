import type { ServiceGraph } from "@fleetdeck/core";
import { type FormEvent, useId, useMemo, useRef, useState } from "react";
import { QueryState } from "../../../components/QueryState.tsx";
import { formatClockTime } from "../../../lib/format.ts";
import { regionOptions } from "../../catalog/catalog-options.ts";
import { useFleetCatalog } from "../../catalog/use-fleet-catalog.ts";
import { RegionFilter } from "../../overview/OverviewControls.tsx";
import type { TopologyViewProps } from "../TopologyPage.tsx";
import type { EdgeColourBy } from "./graph-colours.ts";
import { findGraphNode } from "./graph-edge-rows.ts";
import { nodeTitle } from "./graph-node-text.ts";
import { SelectedServicePanel } from "./SelectedServicePanel.tsx";
import { ServiceGraphCanvas } from "./ServiceGraphCanvas.tsx";
import { ServiceGraphEdgeTable } from "./ServiceGraphEdgeTable.tsx";
import { ServiceGraphLegend } from "./ServiceGraphLegend.tsx";
import { useGraphLayout, usePreparedLayoutWorker } from "./use-graph-layout.ts";
import type { FlyRequest } from "./use-graph-viewport.ts";
import { useServiceGraph } from "./use-service-graph.ts";

/**
 * The service graph tab: the whole fleet's or one region's calls between services, laid out
 * off the main thread, refreshed in place. Region, selection and edge colouring live in the URL.
 */
export function ServiceGraphView({ search, onSearchChange }: TopologyViewProps) {
  const catalog = useFleetCatalog();
  usePreparedLayoutWorker();
  const query = useServiceGraph(search.region);
  const colourBy: EdgeColourBy = search.edgeColour ?? "errors";
  return (
    <div className="service-graph">
      <div className="form__row service-graph__controls">
        <RegionFilter
          regions={regionOptions(catalog.data?.catalog)}
          value={search.region}
          onChange={(region) => onSearchChange({ region })}
        />
        <EdgeColourSelect value={colourBy} onChange={(edgeColour) => onSearchChange({ edgeColour })} />
      </div>
      <QueryState
        query={query}
        what={search.region ? `the service graph of ${search.region}` : "the service graph"}
        isEmpty={(graph) => graph.nodes.length === 0}
        empty="No services to show: no source reported any in this scope."
      >
        {(graph) => (
          <ServiceGraphBody
            graph={graph}
            colourBy={colourBy}
            focus={search.focus}
            onFocus={(focus) => onSearchChange({ focus })}
          />
        )}
      </QueryState>
    </div>
  );
}

interface ServiceGraphBodyProps {
  graph: ServiceGraph;
  colourBy: EdgeColourBy;
  focus: string | undefined;
  onFocus: (nodeId: string | undefined) => void;
}

function ServiceGraphBody({ graph, colourBy, focus, onFocus }: ServiceGraphBodyProps) {
  const { shown, laying, error } = useGraphLayout(graph);
  const [flyTo, setFlyTo] = useState<FlyRequest | null>(() => (focus ? { nodeId: focus, serial: 1 } : null));
  const flights = useRef(1);
  const selectAndFly = (nodeId: string) => {
    onFocus(nodeId);
    flights.current += 1;
    setFlyTo({ nodeId, serial: flights.current });
  };
  const shownGraph = shown?.graph;
  const selectedId = focus !== undefined && shownGraph?.nodes.some((node) => node.id === focus) ? focus : null;

  return (
    <>
      <div className="service-graph__toolbar">
        <FindService graph={graph} onFind={selectAndFly} />
        <p className="service-graph__status text-muted" role="status">
          {graph.nodes.length.toLocaleString("en-US")} services, {graph.edges.length.toLocaleString("en-US")} calls · as
          of {formatClockTime(graph.atMs)}
          {laying ? " · laying out…" : ""}
        </p>
      </div>
      {error ? (
        <div className="state state--error" role="alert">
          <p>Could not lay out the service graph: {error}</p>
        </div>
      ) : null}
      {focus !== undefined && shownGraph && selectedId === null ? (
        <p className="banner banner--warn" role="note">
          “{focus}” is not in this graph.
        </p>
      ) : null}
      <div className="service-graph__body">
        <div className="service-graph__main">
          {shown ? (
            <ServiceGraphCanvas
              laidOut={shown}
              colourBy={colourBy}
              selectedId={selectedId}
              onSelect={(nodeId) => onFocus(nodeId ?? undefined)}
              // Another scope is another drawing: fit it. The same scope keeps the view across refreshes.
              fitKey={shown.graph.regionId ?? "fleet"}
              flyTo={flyTo}
              label={`Service graph: ${graph.nodes.length} services and ${graph.edges.length} calls`}
            />
          ) : (
            <div className="service-graph__stage service-graph__stage--waiting">
              <p className="state state--loading">
                Laying out {graph.nodes.length.toLocaleString("en-US")} services off the main thread…
              </p>
            </div>
          )}
          <ServiceGraphLegend colourBy={colourBy} />
        </div>
        {shown && selectedId !== null ? (
          <SelectedServicePanel
            graph={shown.graph}
            structure={shown.structure}
            nodeId={selectedId}
            onSelect={selectAndFly}
            onClose={() => onFocus(undefined)}
          />
        ) : null}
      </div>
      <ServiceGraphEdgeTable graph={graph} onSelect={selectAndFly} />
    </>
  );
}

function EdgeColourSelect({ value, onChange }: { value: EdgeColourBy; onChange: (value: EdgeColourBy) => void }) {
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Colour edges by</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value === "latency" ? "latency" : "errors")}
      >
        <option value="errors">error ratio</option>
        <option value="latency">p99 latency</option>
      </select>
    </div>
  );
}

/** Type a service's name (suggestions from the graph), press Enter: it is selected and flown to. */
function FindService({ graph, onFind }: { graph: ServiceGraph; onFind: (nodeId: string) => void }) {
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const titles = useMemo(() => graph.nodes.map((node) => nodeTitle(node)), [graph]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const node = findGraphNode(graph.nodes, text);
    if (node) onFind(node.id);
    else setMissing(text.trim());
  };
  return (
    <form className="field field--inline service-graph__find" onSubmit={onSubmit}>
      <label htmlFor={inputId}>Find a service</label>
      <input
        id={inputId}
        type="search"
        list={listId}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setMissing(null);
        }}
        placeholder="name"
        autoComplete="off"
      />
      <datalist id={listId}>
        {titles.map((title) => (
          <option key={title} value={title} />
        ))}
      </datalist>
      <button type="submit" className="button button--small">
        Find
      </button>
      {missing ? <span className="field__help">No service matches “{missing}”.</span> : null}
    </form>
  );
}
