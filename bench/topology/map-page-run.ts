// One placement map run in Chromium: open /topology signed in, wait for the map's first drawn
// frame, then pan and zoom it as a person would (drag, wheel in, wheel out) and read what the page
// recorded. Each run has its own browser context: a cold HTTP and query cache.
import type { Browser, Page } from "playwright-core";
import type { BenchConsole } from "../bench-console.ts";
import { installProbe, type PageProbe, readProbe, usedJsHeapBytes } from "../profiles/page-timing.ts";

/** The marks and measures apps/web sets for this bench (use-live-placement.ts, PlacementCanvas.tsx). */
const dataMark = "fleetdeck:placement-data";
const firstFrameMark = "fleetdeck:placement-first-frame";
/** Draws for new data or settings (React renders), and draws in animation frames (pan, zoom, hover). */
const renderDrawMeasure = "fleetdeck:placement-render-draw";
const frameDrawMeasure = "fleetdeck:placement-frame-draw";

export interface MapRun {
  /** Navigation start → the end of the first frame drawn with data. */
  openToFirstFrameMs: number;
  /** The placement first in the page's cache → the end of the first frame drawn with it. */
  dataToFirstFrameMs: number;
  /** The first draw call itself. */
  firstDrawMs: number;
  /** Navigation start → the placement in the page's cache (pushed by the live feed as it connects). */
  openToDataMs: number;
  heapBytes: number;
  /** Per frame drawn while panning and zooming: the draw's own time. */
  interactionDrawMs: number[];
  /** Draws for live updates that arrived while panning and zooming (new data, same view). */
  liveUpdateDrawMs: number[];
  /** Per frame while panning and zooming: the time from one frame to the next. */
  interactionFrameIntervalMs: number[];
  /** What the map drew most of while interacting (instance cells, nodes or clusters). */
  details: string[];
  errors: string[];
}

export async function runPlacementMap(browser: Browser, server: BenchConsole): Promise<MapRun> {
  // The probe's waits are evaluated in the page, which the app's Content-Security-Policy (no eval) would refuse.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
  try {
    const [name, ...value] = server.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value.join("="), url: server.url }]);
    await installProbe(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${server.url}/topology`);
    await page.waitForFunction(
      `window.__benchProbe.marks.some((mark) => mark.name === "${firstFrameMark}")`,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    const opened = await readProbe(page);
    const firstFrame = opened.marks.find((mark) => mark.name === firstFrameMark);
    const data = opened.marks.find((mark) => mark.name === dataMark);
    const firstDraw = opened.measures.find((measure) => measure.name === renderDrawMeasure);
    if (!firstFrame || !data || !firstDraw)
      throw new Error("the map's data mark, first frame or first draw is missing");
    const heapBytes = await usedJsHeapBytes(context, page);

    const interactionStartMs = await page.evaluate<number>("performance.now()");
    const details = await panAndZoom(page);
    const probe = await readProbe(page);
    const since = (name: string) =>
      probe.measures
        .filter((measure) => measure.name === name && measure.startMs >= interactionStartMs)
        .map((measure) => measure.endMs - measure.startMs);
    return {
      openToFirstFrameMs: firstFrame.atMs,
      dataToFirstFrameMs: firstFrame.atMs - data.atMs,
      firstDrawMs: firstDraw.endMs - firstDraw.startMs,
      openToDataMs: data.atMs,
      heapBytes,
      interactionDrawMs: since(frameDrawMeasure),
      liveUpdateDrawMs: since(renderDrawMeasure),
      interactionFrameIntervalMs: frameIntervals(probe, interactionStartMs),
      details,
      errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * From the whole map: drag it around (the heaviest frames: every cell on screen), wheel in towards
 * a point in steps until cells carry names, drag there, and wheel back out past the whole map.
 */
async function panAndZoom(page: Page): Promise<string[]> {
  const canvas = page.getByRole("img", { name: /^Placement map:/ });
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the placement map's canvas is not on screen");
  const details = new Set<string>();
  const note = async () => details.add((await canvas.getAttribute("data-detail")) ?? "?");
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  await drag(page, centre, { x: centre.x - 300, y: centre.y - 150 }, 30);
  await drag(page, { x: centre.x - 300, y: centre.y - 150 }, centre, 30);
  await note();
  await page.mouse.move(centre.x - box.width * 0.2, centre.y - box.height * 0.1);
  for (let step = 0; step < 14; step++) {
    await page.mouse.wheel(0, -120);
    await nextFrames(page, 2);
    if (step % 4 === 3) await note();
  }
  await drag(page, centre, { x: centre.x + 250, y: centre.y + 120 }, 20);
  for (let step = 0; step < 18; step++) {
    await page.mouse.wheel(0, 120);
    await nextFrames(page, 2);
    if (step % 4 === 3) await note();
  }
  await nextFrames(page, 3);
  return [...details];
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(from.x + ((to.x - from.x) * step) / steps, from.y + ((to.y - from.y) * step) / steps);
    await nextFrames(page, 1);
  }
  await page.mouse.up();
}

/** Waits for the page's ticker to pass `count` frames (timer polling: adds no frame work of its own). */
async function nextFrames(page: Page, count: number) {
  const ticks = await page.evaluate<number>("window.__benchProbe.ticks.length");
  await page.waitForFunction(`window.__benchProbe.ticks.length >= ${ticks + count}`, undefined, {
    timeout: 10_000,
    polling: 5,
  });
}

function frameIntervals(probe: PageProbe, sinceMs: number): number[] {
  const ticks = probe.ticks.filter((tick) => tick.atMs >= sinceMs);
  return ticks.slice(1).map((tick, i) => tick.atMs - (ticks[i]?.atMs ?? tick.atMs));
}
