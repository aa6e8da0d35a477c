// pnpm bench: the service graph at 500 services / 3,000 calls in headless Chromium. Fleetdeck's
// page (the app's own canvas, layout hook and layout worker, mounted alone with a synthetic
// graph) against the anchor, ELK alone on the same ELK input: in a bare worker of the same kind of
// page, and in this Node process. Page runs alternate between the two, each in a fresh context.
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ELK as ElkInstance, ElkNode } from "elkjs/lib/elk-api";
import { elkGraphOf } from "../../apps/web/src/features/topology/graph/graph-layout.ts";
import { graphStructureOf } from "../../apps/web/src/features/topology/graph/graph-structure.ts";
import { launchBenchChromium } from "../bench-chromium.ts";
import { formatMs, printSeries, ratioOfMedians, type Series } from "../profiles/bench-report.ts";
import { buildGraphPage } from "./graph-page-build.ts";
import { type ElkAloneRun, type FleetdeckGraphRun, runElkAlone, runFleetdeckGraph } from "./graph-page-run.ts";
import { serveDirectory } from "./graph-page-server.ts";
import { syntheticServiceGraph } from "./graph-synthetic.ts";

const shape = { services: 500, edges: 3_000, layers: 8, seed: 7 };
const rounds = 5;
const warmup = 1;

/** elkjs as the web app depends on it, in this process. */
async function elkInNode(): Promise<ElkInstance> {
  const fromWeb = createRequire(path.resolve(import.meta.dirname, "../../apps/web/package.json"));
  const module = (await import(pathToFileURL(fromWeb.resolve("elkjs/lib/elk.bundled.js")).href)) as {
    default: new () => ElkInstance;
  };
  return new module.default();
}

const pick = <Run>(runs: Run[], label: string, value: (run: Run) => number): Series => ({
  label,
  samples: runs.map(value),
});
const all = <Run>(runs: Run[], label: string, values: (run: Run) => number[]): Series => ({
  label,
  samples: runs.flatMap(values),
});

const graph = syntheticServiceGraph(shape);
const elkInput: ElkNode = elkGraphOf(graphStructureOf(graph));
console.log(
  `service graph: ${graph.nodes.length} services, ${graph.edges.length} calls in ${shape.layers} layers (seed ${shape.seed}); ELK layered, options as the app sets them for this size`,
);

const pageDir = await buildGraphPage();
const server = await serveDirectory(pageDir);
const browser = await launchBenchChromium();
try {
  const fleetdeck: FleetdeckGraphRun[] = [];
  const anchor: ElkAloneRun[] = [];
  const pageUrl = `${server.origin}/index.html`;
  const runs = [
    async () => fleetdeck.push(await runFleetdeckGraph(browser, pageUrl)),
    async () => anchor.push(await runElkAlone(browser, pageUrl)),
  ];
  for (let round = 0; round < warmup + rounds; round++) {
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) await run();
    if (round < warmup) {
      fleetdeck.length = 0;
      anchor.length = 0;
    }
  }

  const elk = await elkInNode();
  const nodeTimes: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const startMs = performance.now();
    await elk.layout(structuredClone(elkInput));
    if (round >= warmup) nodeTimes.push(performance.now() - startMs);
  }

  console.log(
    `  ${rounds} page runs each after ${warmup} warm-up, alternating; each page a fresh context, so each first layout starts ELK's worker cold`,
  );
  const layoutFleetdeck = pick(fleetdeck, "layout off the main thread, Fleetdeck worker", (r) => r.layoutMs);
  const layoutAnchor = pick(anchor, "layout, ELK alone in a bare worker", (r) => r.layoutMs);
  printSeries(
    [
      layoutFleetdeck,
      layoutAnchor,
      pick(fleetdeck, "  of which starting the worker (1.4 MB of ELK), Fleetdeck", (r) => r.workerStartMs),
      pick(anchor, "  of which starting the worker, ELK alone", (r) => r.workerStartMs),
      { label: "layout, ELK alone in Node (warm, same process)", samples: nodeTimes },
      pick(fleetdeck, "re-layout after a structure change, Fleetdeck (same page)", (r) => r.relayoutMs),
      pick(anchor, "re-layout, ELK alone (same bare worker)", (r) => r.relayoutMs),
      pick(fleetdeck, "data → first frame drawn, Fleetdeck", (r) => r.dataToFirstFrameMs),
    ],
    formatMs,
  );
  const relayoutFleetdeck = pick(fleetdeck, "", (r) => r.relayoutMs);
  const relayoutAnchor = pick(anchor, "", (r) => r.relayoutMs);
  console.log(
    `  ratio of medians, Fleetdeck / ELK alone in a bare worker: first layout ${ratioOfMedians(layoutFleetdeck, layoutAnchor)}×, re-layout ${ratioOfMedians(relayoutFleetdeck, relayoutAnchor)}×; target: layout < 1.5 s off the main thread`,
  );
  const longTasks = fleetdeck.map((r) => r.longTasksDuringLayout);
  console.log(
    `  main-thread long tasks (> 50 ms) during layout, Fleetdeck: ${longTasks.join(", ")} per run (total ${fleetdeck
      .map((r) => formatMs(r.longTaskMsDuringLayout))
      .join(
        ", ",
      )}); during the re-layout: ${fleetdeck.map((r) => r.longTasksDuringRelayout).join(", ")}; ELK alone: ${anchor
      .map((r) => r.longTasksDuringLayout)
      .join(", ")}`,
  );
  printSeries(
    [
      all(fleetdeck, "pan / zoom: input → frame drawn", (r) => r.panZoomFrameMs),
      all(fleetdeck, "select: click → highlighted frame drawn", (r) => r.selectFrameMs),
      all(fleetdeck, "  of which the draw call, every frame", (r) => r.drawMs),
      all(fleetdeck, "interval between frames while interacting", (r) => r.frameIntervalMs),
    ],
    formatMs,
  );
  console.log("  target: interaction frame p95 < 16 ms (Canvas 2D, software-rendered here: no GPU)");
} finally {
  await browser.close();
  await server.stop();
  await rm(pageDir, { recursive: true, force: true });
}
