// One run of the bench's page in a fresh browser context: Fleetdeck's service graph (layout in its
// worker, first frame, scripted pan / zoom / select), or the anchor (ELK alone in a bare worker).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";

interface GraphProbe {
  marks: { name: string; atMs: number }[];
  measures: { name: string; startMs: number; endMs: number }[];
  longTasks: { startMs: number; endMs: number }[];
  inputs: { type: string; atMs: number }[];
  ticks: number[];
}

export interface FleetdeckGraphRun {
  /** The first layout in a fresh page: asked of the worker → answered, on the main thread's clock (ELK's start-up included). */
  layoutMs: number;
  /** Of which: until the worker had loaded its script and started ELK. */
  workerStartMs: number;
  /** A second layout in the same page, for a changed structure (a refresh that brought new services or calls). */
  relayoutMs: number;
  longTasksDuringRelayout: number;
  /** Data ready → the laid-out graph's first frame drawn. */
  dataToFirstFrameMs: number;
  /** Main-thread long tasks (> 50 ms) while the worker laid out: count and total time. */
  longTasksDuringLayout: number;
  longTaskMsDuringLayout: number;
  /** Per pan / zoom input: its handling started → the frame showing it drawn. */
  panZoomFrameMs: number[];
  /** Per click on a node: pointer up → the highlighted frame drawn (React render and scene rebuild included). */
  selectFrameMs: number[];
  /** The draw call of every frame during the interaction. */
  drawMs: number[];
  /** Intervals between frames during the interaction. */
  frameIntervalMs: number[];
}

export interface ElkAloneRun {
  /** Input posted to the bare worker → its answer (the worker's start-up included). */
  layoutMs: number;
  workerStartMs: number;
  /** The changed graph, in the same worker. */
  relayoutMs: number;
  longTasksDuringLayout: number;
}

const probeScript = readFile(path.join(import.meta.dirname, "graph-probe.js"), "utf8");

async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript({ content: await probeScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(url);
  return { context, page, errors };
}

const readProbe = (page: Page) => page.evaluate<GraphProbe>("window.__graphProbe");

async function waitForMark(page: Page, name: string, errors: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join("; ")}`);
    const found = await page.evaluate(
      (mark) => (window as unknown as { __graphProbe: GraphProbe }).__graphProbe.marks.some((m) => m.name === mark),
      name,
    );
    if (found) return;
    if (Date.now() > deadline) throw new Error(`the bench page never marked ${name}`);
    await page.waitForTimeout(20);
  }
}

function markAt(probe: GraphProbe, name: string): number {
  const mark = probe.marks.find((m) => m.name === name);
  if (!mark) throw new Error(`no ${name} mark`);
  return mark.atMs;
}

function longTasksBetween(probe: GraphProbe, startMs: number, endMs: number) {
  const overlapping = probe.longTasks.filter((task) => task.endMs > startMs && task.startMs < endMs);
  return {
    count: overlapping.length,
    totalMs: overlapping.reduce((sum, task) => sum + Math.min(task.endMs, endMs) - Math.max(task.startMs, startMs), 0),
  };
}

/** For each input from `fromMs` on, the end of the first draw that ended after it. */
function inputToDrawn(probe: GraphProbe, types: readonly string[], fromMs: number, untilMs: number): number[] {
  const draws = probe.measures.filter((m) => m.name === "service-graph-draw" && m.endMs >= fromMs);
  const latencies: number[] = [];
  let previousDrawEnd = -1;
  for (const input of probe.inputs) {
    if (!types.includes(input.type) || input.atMs < fromMs || input.atMs > untilMs) continue;
    const drawn = draws.find((draw) => draw.endMs > input.atMs);
    // Several inputs handled before one frame share it: count that frame once, from the first.
    if (!drawn || drawn.endMs === previousDrawEnd) continue;
    previousDrawEnd = drawn.endMs;
    latencies.push(drawn.endMs - input.atMs);
  }
  return latencies;
}

/** A node's centre on screen, from the layout and the view the page exposes. */
async function nodePoint(page: Page, nodeId: string) {
  const stage = page.locator(".service-graph__stage");
  const positions = JSON.parse((await stage.getAttribute("data-node-positions")) ?? "{}") as Record<
    string,
    [number, number]
  >;
  const [scale = 1, x = 0, y = 0] = ((await stage.getAttribute("data-viewport")) ?? "").split(" ").map(Number);
  const box = await stage.boundingBox();
  const position = positions[nodeId];
  if (!box || !position) throw new Error(`no position for ${nodeId}`);
  return { x: box.x + (position[0] + 20) * scale + x, y: box.y + (position[1] + 20) * scale + y };
}

export async function runFleetdeckGraph(browser: Browser, pageUrl: string): Promise<FleetdeckGraphRun> {
  const { context, page, errors } = await openPage(browser, `${pageUrl}?mode=fleetdeck`);
  try {
    await waitForMark(page, "service-graph-first-frame", errors);
    const loaded = await readProbe(page);
    const layoutStart = markAt(loaded, "service-graph-layout-start");
    const layoutEnd = markAt(loaded, "service-graph-layout-end");
    const longTasks = longTasksBetween(loaded, layoutStart, layoutEnd);

    const stage = page.locator(".service-graph__stage");
    const box = await stage.boundingBox();
    if (!box) throw new Error("the graph's stage is not on screen");
    const interactionStart = await page.evaluate(() => performance.now());

    // Pan: a drag across the canvas in small steps, as a hand moves.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 0; step < 40; step++) {
      await page.mouse.move(box.x + box.width / 2 + step * 6, box.y + box.height / 2 + step * 3);
    }
    await page.mouse.up();
    // Zoom: wheel notches in about the middle, then back out.
    for (let notch = 0; notch < 24; notch++) {
      await page.mouse.wheel(0, notch < 16 ? -80 : 120);
      await page.waitForTimeout(16);
    }
    const panZoomEnd = await page.evaluate(() => performance.now());

    // Select: click services of several layers; each click highlights its up- and downstream.
    const ids = Object.keys(JSON.parse((await stage.getAttribute("data-node-positions")) ?? "{}"));
    const picks = [0.05, 0.3, 0.5, 0.7, 0.9].map((share) => ids[Math.floor(share * ids.length)] ?? "");
    // Fit first, so every picked service is on screen.
    await page.getByRole("button", { name: "Fit" }).click();
    await page.waitForTimeout(100);
    for (const id of picks) {
      const point = await nodePoint(page, id);
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction((wanted) => document.getElementById("selected")?.textContent === wanted, id);
      await page.waitForTimeout(50);
    }
    const interactionEnd = await page.evaluate(() => performance.now());

    // A refresh that changed the graph: the same worker lays out the new structure.
    await page.evaluate("window.__benchChangeGraph()");
    await page.waitForFunction(() => performance.getEntriesByName("service-graph-first-frame").length >= 2, null, {
      timeout: 60_000,
    });

    const probe = await readProbe(page);
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join("; ")}`);
    const relayoutStart = probe.marks.filter((m) => m.name === "service-graph-layout-start")[1]?.atMs ?? Number.NaN;
    const relayoutEnd = probe.marks.filter((m) => m.name === "service-graph-layout-end")[1]?.atMs ?? Number.NaN;
    const ticks = probe.ticks.filter((t) => t >= interactionStart && t <= interactionEnd);
    const draws = probe.measures.filter(
      (m) => m.name === "service-graph-draw" && m.startMs >= interactionStart && m.endMs <= interactionEnd,
    );
    return {
      layoutMs: layoutEnd - layoutStart,
      workerStartMs: markAt(probe, "service-graph-worker-ready") - layoutStart,
      relayoutMs: relayoutEnd - relayoutStart,
      longTasksDuringRelayout: longTasksBetween(probe, relayoutStart, relayoutEnd).count,
      dataToFirstFrameMs: markAt(probe, "service-graph-first-frame") - markAt(probe, "service-graph-data"),
      longTasksDuringLayout: longTasks.count,
      longTaskMsDuringLayout: longTasks.totalMs,
      panZoomFrameMs: inputToDrawn(probe, ["pointermove", "wheel"], interactionStart, panZoomEnd),
      selectFrameMs: inputToDrawn(probe, ["pointerup"], panZoomEnd, interactionEnd),
      drawMs: draws.map((d) => d.endMs - d.startMs),
      frameIntervalMs: ticks.slice(1).map((t, i) => t - (ticks[i] ?? t)),
    };
  } finally {
    await context.close();
  }
}

export async function runElkAlone(browser: Browser, pageUrl: string): Promise<ElkAloneRun> {
  const { context, page, errors } = await openPage(browser, `${pageUrl}?mode=elk-alone`);
  try {
    await waitForMark(page, "elk-alone-end-1", errors);
    const probe = await readProbe(page);
    const start = markAt(probe, "elk-alone-start-0");
    const end = markAt(probe, "elk-alone-end-0");
    return {
      layoutMs: end - start,
      workerStartMs: markAt(probe, "elk-alone-ready") - start,
      relayoutMs: markAt(probe, "elk-alone-end-1") - markAt(probe, "elk-alone-start-1"),
      longTasksDuringLayout: longTasksBetween(probe, start, end).count,
    };
  } finally {
    await context.close();
  }
}
