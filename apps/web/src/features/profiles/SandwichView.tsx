import type { FlameGraph } from "@fleetdeck/core";
import { useState } from "react";
import { QueryState } from "../../components/QueryState.tsx";
import { FlameGraphCanvas } from "./flame/FlameGraphCanvas.tsx";
import type { FlameOrientation } from "./flame/flame-layout.ts";
import { type SandwichSide, sandwichUrl } from "./profile-requests.ts";
import { useFlameGraph } from "./use-flame-graph.ts";

interface SandwichViewProps {
  profileId: string;
  functionName: string;
  sampleType: string | undefined;
  onClose: () => void;
}

/**
 * One function between who calls it and what it calls: its callers stacked above it (a flame
 * graph growing up from the function), its callees hanging below (an icicle), each summed over
 * every place the function appears.
 */
export function SandwichView({ profileId, functionName, sampleType, onClose }: SandwichViewProps) {
  return (
    <div className="sandwich">
      <div className="sandwich__head">
        <p>
          Sandwich of <strong className="mono">{functionName}</strong>
        </p>
        <button type="button" className="button button--small" onClick={onClose}>
          Back to the flame graph
        </button>
      </div>
      <SandwichHalf
        title="Callers"
        side="callers"
        orientation="flame"
        url={sandwichUrl(profileId, functionName, "callers", sampleType)}
        functionName={functionName}
      />
      <SandwichHalf
        title="Callees"
        side="callees"
        orientation="icicle"
        url={sandwichUrl(profileId, functionName, "callees", sampleType)}
        functionName={functionName}
      />
    </div>
  );
}

interface SandwichHalfProps {
  title: string;
  side: SandwichSide;
  orientation: FlameOrientation;
  url: string;
  functionName: string;
}

function SandwichHalf({ title, side, orientation, url, functionName }: SandwichHalfProps) {
  const query = useFlameGraph(url);
  return (
    <section className="sandwich__half" aria-label={`${title} of ${functionName}`}>
      <h3>{title}</h3>
      <QueryState query={query} what={`the ${side} of ${functionName}`}>
        {(graph) => (
          <LocallyZoomedCanvas
            key={url}
            graph={graph}
            orientation={orientation}
            label={`${title} of ${functionName}`}
          />
        )}
      </QueryState>
    </section>
  );
}

/** The sandwich's halves zoom by view only: they are small trees, kept out of the URL. */
function LocallyZoomedCanvas(props: { graph: FlameGraph; orientation: FlameOrientation; label: string }) {
  const [zoomNode, setZoomNode] = useState(0);
  return (
    <FlameGraphCanvas
      graph={props.graph}
      zoomNode={zoomNode}
      orientation={props.orientation}
      highlight={null}
      label={props.label}
      onZoom={setZoomNode}
      onZoomOut={() => setZoomNode(Math.max(0, props.graph.nodeParent[zoomNode] ?? 0))}
      maxHeightPx={320}
    />
  );
}
