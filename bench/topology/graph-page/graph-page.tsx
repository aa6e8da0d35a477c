// The bench's page: the real service-graph canvas, layout hook and layout worker of the web app,
// mounted alone with a synthetic graph (no server, no router), or, for the anchor, ELK alone in a
// bare worker of its own on the same ELK input. Built by graph-page-build.ts; never part of the app.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { elkGraphOf } from "../../../apps/web/src/features/topology/graph/graph-layout.ts";
import { graphMarks } from "../../../apps/web/src/features/topology/graph/graph-marks.ts";
import { graphStructureOf } from "../../../apps/web/src/features/topology/graph/graph-structure.ts";
import { ServiceGraphCanvas } from "../../../apps/web/src/features/topology/graph/ServiceGraphCanvas.tsx";
import {
  useGraphLayout,
  usePreparedLayoutWorker,
} from "../../../apps/web/src/features/topology/graph/use-graph-layout.ts";
import "../../../apps/web/src/styles/theme.css";
import "../../../apps/web/src/styles/forms.css";
import "../../../apps/web/src/styles/service-graph.css";
import { syntheticServiceGraph } from "../graph-synthetic.ts";

const params = new URLSearchParams(location.search);
const shape = {
  services: Number(params.get("services") ?? 500),
  edges: Number(params.get("edges") ?? 3000),
  layers: Number(params.get("layers") ?? 8),
  seed: Number(params.get("seed") ?? 7),
};
const graph = syntheticServiceGraph(shape);
performance.mark(graphMarks.data);

/** A graph of the same size and another structure: what a refresh that changed the graph brings. */
const changedGraph = syntheticServiceGraph({ ...shape, seed: shape.seed + 1 });

function BenchGraph() {
  usePreparedLayoutWorker();
  const [current, setCurrent] = useState(graph);
  const { shown, error } = useGraphLayout(current);
  const [selected, setSelected] = useState<string | null>(null);
  (window as unknown as { __benchChangeGraph: () => void }).__benchChangeGraph = () => setCurrent(changedGraph);
  if (error) return <p id="error">{error}</p>;
  if (!shown) return <p>laying out…</p>;
  return (
    <div style={{ width: "1280px", height: "760px", display: "grid" }}>
      <ServiceGraphCanvas
        laidOut={shown}
        colourBy="errors"
        selectedId={selected}
        onSelect={setSelected}
        fitKey="bench"
        flyTo={null}
        label={`Service graph: ${current.nodes.length} services and ${current.edges.length} calls`}
      />
      <output id="selected">{selected ?? ""}</output>
    </div>
  );
}

/**
 * The anchor: ELK alone in a bare worker, timed from posting its input to its answer, for the
 * first graph and then for the changed one (the same worker, as Fleetdeck's re-layout).
 */
function layOutWithElkAlone() {
  const inputs = [graph, changedGraph].map((g) => elkGraphOf(graphStructureOf(g)));
  const worker = new Worker(new URL("./graph-elk-alone.worker.ts", import.meta.url), { type: "module" });
  let round = 0;
  const post = () => {
    performance.mark(`elk-alone-start-${round}`);
    worker.postMessage(inputs[round]);
  };
  worker.onmessage = (event: MessageEvent<{ children: number } | { ready: true }>) => {
    if ("ready" in event.data) {
      performance.mark("elk-alone-ready");
      return;
    }
    performance.mark(`elk-alone-end-${round}`, { detail: event.data });
    round++;
    if (round < inputs.length) post();
    else worker.terminate();
  };
  // In a task of its own, as Fleetdeck's request is (from an effect after its first render).
  setTimeout(post, 0);
}

const root = document.getElementById("root");
if (params.get("mode") === "elk-alone") layOutWithElkAlone();
else if (root) createRoot(root).render(<BenchGraph />);
