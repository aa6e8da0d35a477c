// One Fleetdeck run in Chromium: open a stored profile's page signed in, wait for the first flame
// draw, then zoom in and out with the keyboard as a user would (arrows select, Enter zooms in,
// Escape zooms out). Each run has its own browser context: a cold HTTP and query cache.
import type { Browser, Page } from "playwright-core";
import type { BenchConsole } from "../bench-console.ts";
import {
  fleetdeckZoomTimings,
  installProbe,
  readProbe,
  readResources,
  usedJsHeapBytes,
  type ZoomTiming,
} from "./page-timing.ts";

/** The marks apps/web sets for this bench (use-flame-graph.ts, FlameGraphCanvas.tsx). */
const drawMeasure = "fleetdeck:flame-draw";
const dataMark = "fleetdeck:flame-data";
const zoomKeys = ["Enter", "Escape"] as const;
// The probe's waits poll by timer: polling by frame would add requestAnimationFrame work to the page.

export interface FleetdeckRun {
  openToDrawnMs: number;
  /** The flame request, sent → last byte: the server building the wire (its decoded profile is cached per worker). */
  flameRequestMs: number;
  /** The flame response's last byte → the end of the first draw. */
  dataToDrawnMs: number;
  /** The flame response's last byte → decoded (the app's "fleetdeck:flame-data" mark). */
  decodeMs: number;
  heapBytes: number;
  flameBytes: number;
  /** Every /api and /trpc response body of the page's opening. */
  apiBytes: number;
  zooms: ZoomTiming[];
  errors: string[];
}

export async function runFleetdeckFlame(
  browser: Browser,
  server: BenchConsole,
  profileId: string,
  zoom: { cycles: number; depth: number },
): Promise<FleetdeckRun> {
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
    await page.goto(`${server.url}/profiles/${encodeURIComponent(profileId)}`);
    await page.waitForFunction(
      `window.__benchProbe.measures.some((measure) => measure.name === "${drawMeasure}")`,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    // The top table and the rest of the page finish loading before anything is zoomed.
    await page.waitForLoadState("networkidle");
    const opened = await readProbe(page);
    const openResources = await readResources(page);
    const firstDraw = opened.measures.find((measure) => measure.name === drawMeasure);
    const flame = openResources.find((resource) => resource.name.includes("/flame"));
    const decoded = opened.marks.find((mark) => mark.name === dataMark);
    if (!firstDraw || !flame || !decoded)
      throw new Error("Fleetdeck: the flame graph's draw, response or data mark is missing");
    const heapBytes = await usedJsHeapBytes(context, page);

    await zoomAround(page, zoom);
    const probe = await readProbe(page);
    return {
      openToDrawnMs: firstDraw.endMs,
      flameRequestMs: flame.responseEndMs - flame.startMs,
      dataToDrawnMs: firstDraw.endMs - flame.responseEndMs,
      decodeMs: decoded.atMs - flame.responseEndMs,
      heapBytes,
      flameBytes: flame.bodyBytes,
      apiBytes: openResources
        .filter((resource) => /\/(api|trpc)\//.test(resource.name))
        .reduce((sum, resource) => sum + resource.bodyBytes, 0),
      zooms: fleetdeckZoomTimings(probe, await readResources(page), drawMeasure, zoomKeys),
      errors,
    };
  } finally {
    await context.close();
  }
}

/** Zooms `depth` levels in along the hottest paths and back out, `cycles` times, one key at a time. */
async function zoomAround(page: Page, { cycles, depth }: { cycles: number; depth: number }) {
  const canvas = page.getByRole("img", { name: /flame graph of/i });
  const announced = page.locator(".flame p[aria-live]");
  await canvas.focus();
  const selection = async () => (await announced.textContent()) ?? "";
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let level = 0; level < depth; level++) {
      // A graph fetched for a deeper zoom starts without a selection: the first arrow selects the zoomed frame.
      if ((await selection()) === "")
        await pressAndWait(page, "ArrowUp", () => selection().then((text) => text !== ""));
      const before = await selection();
      await page.keyboard.press("ArrowUp");
      if (!(await waitUntil(() => selection().then((text) => text !== before), 2_000))) break;
      // Later cycles take other siblings, so they zoom along other paths.
      for (let step = 0; step < cycle; step++) await page.keyboard.press("ArrowRight");
      await quiet(page);
      await zoomKey(page, "Enter");
    }
    while (page.url().includes("path=")) await zoomKey(page, "Escape");
  }
}

async function pressAndWait(page: Page, key: string, done: () => Promise<boolean>) {
  await page.keyboard.press(key);
  if (!(await waitUntil(done, 5_000))) throw new Error(`Fleetdeck: pressing ${key} on the flame graph changed nothing`);
}

/** Presses a zoom key and waits for its draw, any subtree it fetches, and a quiet page. */
async function zoomKey(page: Page, key: (typeof zoomKeys)[number]) {
  const drawsBefore = await page.evaluate<number>("window.__benchProbe.measures.length");
  await page.keyboard.press(key);
  await page.waitForFunction(`window.__benchProbe.measures.length > ${drawsBefore}`, undefined, {
    timeout: 30_000,
    polling: 50,
  });
  await quiet(page);
}

/** No flame fetch in flight and no draw for a moment. */
async function quiet(page: Page) {
  await page.waitForFunction(
    `(() => {
      const last = window.__benchProbe.measures.at(-1);
      return !document.querySelector(".flame-panel__loading") && (!last || performance.now() - last.endMs > 100);
    })()`,
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
