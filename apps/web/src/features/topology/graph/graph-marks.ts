/**
 * The performance marks and measures the service graph leaves for the bench (bench/topology):
 * when its data arrived, when the layout worker was up, when a layout was asked of the worker and
 * answered, when a layout was first drawn, and how long each frame's drawing took.
 */
export const graphMarks = {
  data: "service-graph-data",
  /** The layout worker has loaded its script and started ELK. */
  workerReady: "service-graph-worker-ready",
  layoutStart: "service-graph-layout-start",
  layoutEnd: "service-graph-layout-end",
  firstFrame: "service-graph-first-frame",
  draw: "service-graph-draw",
} as const;
