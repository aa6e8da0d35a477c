import type { ServiceGraph } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { DataTable } from "../../../components/DataTable.tsx";
import { nodeHealthLabels, nodeHealthOf } from "./graph-colours.ts";
import { directCalls } from "./graph-edge-rows.ts";
import { neighbourhoodOf } from "./graph-neighbourhood.ts";
import { nodeTitle } from "./graph-node-text.ts";
import type { GraphStructure } from "./graph-structure.ts";
import { edgeColumns } from "./ServiceGraphEdgeTable.tsx";

interface SelectedServicePanelProps {
  graph: ServiceGraph;
  structure: GraphStructure;
  nodeId: string;
  onSelect: (nodeId: string) => void;
  onClose: () => void;
}

/** The selected service: its health, how far its calls reach, and its direct callers and callees. */
export function SelectedServicePanel({ graph, structure, nodeId, onSelect, onClose }: SelectedServicePanelProps) {
  const index = graph.nodes.findIndex((node) => node.id === nodeId);
  const node = graph.nodes[index];
  const calls = useMemo(() => directCalls(graph, nodeId), [graph, nodeId]);
  const reach = useMemo(() => (index < 0 ? null : neighbourhoodOf(structure, index)), [structure, index]);
  if (!node) return null;
  return (
    <aside className="service-graph__panel" aria-label="Selected service">
      <div className="service-graph__panel-head">
        <h2 className="panel__title">{nodeTitle(node)}</h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Clear selection
        </button>
      </div>
      <dl className="facts service-graph__facts">
        <div className="facts__item">
          <dt>Instances</dt>
          <dd>
            {node.instances}
            {node.unhealthyInstances > 0 ? ` (${node.unhealthyInstances} unhealthy)` : ""}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Health</dt>
          <dd>{nodeHealthLabels[nodeHealthOf(node)]}</dd>
        </div>
        <div className="facts__item">
          <dt>{node.external ? "Runs in (outside this region)" : "Regions"}</dt>
          <dd>{node.regionIds.join(", ") || "—"}</dd>
        </div>
        {reach ? (
          <div className="facts__item">
            <dt>Reach</dt>
            <dd>
              {reach.upstreamCount} upstream, {reach.downstreamCount} downstream
            </dd>
          </div>
        ) : null}
      </dl>
      <p>
        <Link to="/services/$serviceId" params={{ serviceId: node.serviceId }}>
          Open the {node.name} service page
        </Link>
      </p>
      <h3>Callers</h3>
      <DataTable
        label={`Callers of ${nodeTitle(node)}`}
        columns={edgeColumns({ onSelect, ends: "from" })}
        rows={calls.callers}
        rowKey={(row) => row.key}
        emptyText="Nothing in this graph calls it."
      />
      <h3>Callees</h3>
      <DataTable
        label={`Callees of ${nodeTitle(node)}`}
        columns={edgeColumns({ onSelect, ends: "to" })}
        rows={calls.callees}
        rowKey={(row) => row.key}
        emptyText="It calls nothing in this graph."
      />
    </aside>
  );
}
