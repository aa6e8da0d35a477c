// What page-probe.js records in the page, and the timings read from it. All times are
// performance.now() of the page: milliseconds since its navigation started.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";

export interface PageProbe {
  measures: { name: string; startMs: number; endMs: number }[];
  marks: { name: string; atMs: number }[];
  keys: { key: string; atMs: number }[];
  /** The page's own requestAnimationFrame callbacks. */
  callbacks: { frameMs: number; startMs: number; endMs: number }[];
  /** The probe's ticker: one per frame. */
  ticks: { frameMs: number; atMs: number }[];
  firstGlDrawMs: number | null;
  firstTextMs: number | null;
}

export interface ResourceTiming {
  name: string;
  startMs: number;
  responseEndMs: number;
  /** Body bytes as sent (before any content decoding). */
  bodyBytes: number;
}

/** One zoom: from the key press to the app's drawing of it, and to the next frame after that. */
export interface ZoomTiming {
  keyToDrawnMs: number;
  keyToNextFrameMs: number;
  /** Fleetdeck only: the draw call itself. */
  drawMs: number | null;
  /** Fleetdeck only: the zoom fetched a subtree the first graph had trimmed. */
  fetched: boolean;
}

const probeScript = readFile(path.join(import.meta.dirname, "page-probe.js"), "utf8");

export async function installProbe(context: BrowserContext) {
  await context.addInitScript({ content: await probeScript });
}

export const readProbe = (page: Page) => page.evaluate<PageProbe>("window.__benchProbe");

export const readResources = (page: Page) =>
  page.evaluate<ResourceTiming[]>(
    `performance.getEntriesByType("resource").map((entry) => ({
      name: entry.name, startMs: entry.startTime, responseEndMs: entry.responseEnd, bodyBytes: entry.encodedBodySize,
    }))`,
  );

/** The JS heap in use after a full garbage collection, through the DevTools protocol. */
export async function usedJsHeapBytes(context: BrowserContext, page: Page): Promise<number> {
  const session = await context.newCDPSession(page);
  try {
    await session.send("Performance.enable");
    await session.send("HeapProfiler.collectGarbage");
    const { metrics } = await session.send("Performance.getMetrics");
    const used = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value;
    if (used === undefined) throw new Error("Chromium reported no JSHeapUsedSize");
    return used;
  } finally {
    await session.detach();
  }
}

/**
 * When the frame holding work that ended at `endMs` was done: the first tick of a later frame. Work
 * inside a frame callback belongs to that callback's frame; work outside one (a React commit) to the
 * first frame whose callbacks ran after it.
 */
export function nextFrameAfter(probe: PageProbe, endMs: number, insideFrameMs: number | null): number | null {
  const carrying = insideFrameMs ?? probe.ticks.find((tick) => tick.atMs >= endMs)?.frameMs;
  if (carrying === undefined) return null;
  return probe.ticks.find((tick) => tick.frameMs > carrying)?.atMs ?? null;
}

/** Zoom keys in the order pressed, each with the time until the next key (its window). */
function keyWindows(probe: PageProbe, zoomKeys: readonly string[]) {
  return probe.keys.flatMap((key, i) =>
    zoomKeys.includes(key.key)
      ? [{ atMs: key.atMs, untilMs: probe.keys[i + 1]?.atMs ?? Number.POSITIVE_INFINITY }]
      : [],
  );
}

/** Fleetdeck's zooms: each key's first flame draw (its "fleetdeck:flame-draw" measure). */
export function fleetdeckZoomTimings(
  probe: PageProbe,
  resources: ResourceTiming[],
  drawMeasure: string,
  zoomKeys: readonly string[],
): ZoomTiming[] {
  const draws = probe.measures.filter((measure) => measure.name === drawMeasure);
  return keyWindows(probe, zoomKeys).flatMap(({ atMs, untilMs }) => {
    const draw = draws.find((measure) => measure.startMs >= atMs);
    if (!draw || draw.startMs >= untilMs) return [];
    const frameMs = nextFrameAfter(probe, draw.endMs, null);
    return [
      {
        keyToDrawnMs: draw.endMs - atMs,
        keyToNextFrameMs: frameMs === null ? Number.NaN : frameMs - atMs,
        drawMs: draw.endMs - draw.startMs,
        fetched: resources.some(
          (resource) => resource.name.includes("/flame") && resource.startMs >= atMs && resource.startMs < untilMs,
        ),
      },
    ];
  });
}

/** speedscope's zooms: it redraws in frame callbacks, so each key's last callback before the next key. */
export function frameCallbackZoomTimings(probe: PageProbe, zoomKeys: readonly string[]): ZoomTiming[] {
  return keyWindows(probe, zoomKeys).flatMap(({ atMs, untilMs }) => {
    const callbacks = probe.callbacks.filter((callback) => callback.startMs >= atMs && callback.startMs < untilMs);
    const last = callbacks.reduce<(typeof callbacks)[number] | undefined>(
      (latest, callback) => (latest === undefined || callback.endMs > latest.endMs ? callback : latest),
      undefined,
    );
    if (!last) return [];
    const frameMs = nextFrameAfter(probe, last.endMs, last.frameMs);
    return [
      {
        keyToDrawnMs: last.endMs - atMs,
        keyToNextFrameMs: frameMs === null ? Number.NaN : frameMs - atMs,
        drawMs: null,
        fetched: false,
      },
    ];
  });
}

/** The end of the frame callback that was running at `atMs` (or `atMs` when none was). */
export function endOfCallbackAt(probe: PageProbe, atMs: number): number {
  return probe.callbacks.find((callback) => callback.startMs <= atMs && callback.endMs >= atMs)?.endMs ?? atMs;
}
