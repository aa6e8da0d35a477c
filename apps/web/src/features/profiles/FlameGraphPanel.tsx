import type { FlameGraph } from "@fleetdeck/core";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { QueryState } from "../../components/QueryState.tsx";
import { Breadcrumbs } from "./Breadcrumbs.tsx";
import { FlameGraphCanvas } from "./flame/FlameGraphCanvas.tsx";
import type { FlameOrientation } from "./flame/flame-layout.ts";
import { framesOfFunction, searchFlameGraph } from "./flame/flame-search.ts";
import { zoomOutPath, zoomPathForClick } from "./flame/flame-zoom.ts";
import { formatSampleValue, formatShare } from "./sample-value-format.ts";
import { useZoomedFlameGraph } from "./use-flame-graph.ts";

interface FlameGraphPanelProps {
  /** The binary route's URL for the graph rooted at a path. */
  urlForPath: (path: readonly string[]) => string;
  zoomPath: readonly string[];
  onZoomPathChange: (path: string[]) => void;
  orientation: FlameOrientation;
  /** The search from the controls, compiled; null when there is none (or it does not compile). */
  searchRegex: RegExp | null;
  /** A function chosen in the top table: its frames are highlighted instead of the search's. */
  highlightedFunction: string | null;
  onHoverFunction?: (name: string | null) => void;
  onFocusSearch?: () => void;
  /** What the graph shows, for the canvas's accessible name: "CPU flame graph of etcd-0". */
  label: string;
  legend?: ReactNode;
}

/** Breadcrumbs, search summary and the canvas, for one profile or a diff, zoomed by path. */
export function FlameGraphPanel(props: FlameGraphPanelProps) {
  const { urlForPath, zoomPath: urlZoomPath } = props;
  // A zoom is drawn at once from local state; the URL (a router navigation that re-renders the
  // page) follows after the frame is painted, so it never delays the zoom's frame.
  const [pendingPath, setPendingPath] = useState<readonly string[] | null>(null);
  const urlZoomKey = urlZoomPath.join("\u0000");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's path, by value, ends the wait
  useEffect(() => setPendingPath(null), [urlZoomKey]);
  const zoomPath = pendingPath ?? urlZoomPath;
  const onZoomPathChange = (path: string[]) => {
    setPendingPath(path);
    setTimeout(() => props.onZoomPathChange(path), 0);
  };
  const zoomed = useZoomedFlameGraph(urlForPath, zoomPath);
  return (
    <div className="flame-panel">
      <Breadcrumbs path={zoomPath} onZoomTo={(length) => onZoomPathChange(zoomPath.slice(0, length))} />
      {props.legend}
      <QueryState
        query={zoomed.query}
        what="the flame graph"
        renderError={
          zoomPath.length > 0
            ? (error) => (
                <div className="state state--error" role="alert">
                  <p>Could not load the zoomed frame: {error instanceof Error ? error.message : String(error)}</p>
                  <button type="button" className="button" onClick={() => onZoomPathChange([])}>
                    Show the whole profile
                  </button>
                </div>
              )
            : undefined
        }
      >
        {(graph) =>
          isEmptyAt(graph, zoomed.zoomNode) ? (
            <div className="state state--empty">
              <p>
                {zoomPath.length > 0
                  ? "No samples pass through this frame with these settings."
                  : "No samples to draw with these settings."}
              </p>
              {zoomPath.length > 0 ? (
                <button type="button" className="button" onClick={() => onZoomPathChange([])}>
                  Show the whole profile
                </button>
              ) : null}
            </div>
          ) : (
            <ZoomedGraph
              {...props}
              zoomPath={zoomPath}
              graph={graph}
              zoomNode={zoomed.zoomNode}
              loadingDetail={zoomed.loadingDetail}
              onZoom={(node) => onZoomPathChange(zoomPathForClick(graph, node))}
              onZoomOut={() => onZoomPathChange(zoomOutPath(zoomPath))}
            />
          )
        }
      </QueryState>
    </div>
  );
}

/** Nothing to draw at the zoomed frame: a path with no samples, or filters that keep none. */
function isEmptyAt(graph: FlameGraph, node: number): boolean {
  return graph.nodeTotal[node] === 0 && (graph.baseTotal?.[node] ?? 0) === 0;
}

interface ZoomedGraphProps extends FlameGraphPanelProps {
  graph: FlameGraph;
  zoomNode: number;
  loadingDetail: boolean;
  onZoom: (node: number) => void;
  onZoomOut: () => void;
}

function ZoomedGraph({ graph, zoomNode, loadingDetail, searchRegex, highlightedFunction, ...props }: ZoomedGraphProps) {
  const search = useMemo(() => (searchRegex ? searchFlameGraph(graph, searchRegex) : null), [graph, searchRegex]);
  const highlight = useMemo(() => {
    if (highlightedFunction !== null) return framesOfFunction(graph, highlightedFunction);
    return search?.matched ?? null;
  }, [graph, highlightedFunction, search]);
  const onHoverFrame = (node: number) =>
    props.onHoverFunction?.(
      node < 0 || graph.nodeMerged[node]! > 0 ? null : (graph.strings[graph.nodeName[node]!] ?? null),
    );
  return (
    <>
      {search ? (
        <p className="flame-panel__matches" role="status">
          {search.matchedFrames === 0
            ? "No frame matches the search."
            : `${search.matchedFrames} ${search.matchedFrames === 1 ? "frame matches" : "frames match"}: ${formatSampleValue(search.matchedValue, graph.sampleType.unit)}, ${formatShare(search.matchedRatio)} of the profile.`}
        </p>
      ) : null}
      {loadingDetail ? (
        <p className="flame-panel__loading" role="status">
          Loading the flame graph…
        </p>
      ) : null}
      <FlameGraphCanvas
        graph={graph}
        zoomNode={zoomNode}
        orientation={props.orientation}
        highlight={highlight}
        label={props.label}
        onZoom={props.onZoom}
        onZoomOut={props.onZoomOut}
        onHoverFrame={onHoverFrame}
        {...(props.onFocusSearch ? { onFocusSearch: props.onFocusSearch } : {})}
      />
    </>
  );
}
