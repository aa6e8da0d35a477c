// One speedscope run in Chromium, the anchor: open `index.html#profileURL=...` (it fetches and
// parses the profile in the page), wait until its flame chart is painted, then zoom in and out
// with its own keys ("=" in, "-" out, around the centre). Each run has its own browser context.
import type { Browser, Page } from "playwright-core";
import {
  endOfCallbackAt,
  frameCallbackZoomTimings,
  installProbe,
  readProbe,
  readResources,
  usedJsHeapBytes,
  type ZoomTiming,
} from "./page-timing.ts";

const zoomKeys = ["=", "-"] as const;

export interface SpeedscopeRun {
  openToDrawnMs: number;
  /** The profile's last byte → the end of the frame callback that first drew the chart. */
  dataToDrawnMs: number;
  heapBytes: number;
  profileBytes: number;
  zooms: ZoomTiming[];
  errors: string[];
}

export async function runSpeedscopeFlame(
  browser: Browser,
  pageUrl: string,
  profileFileName: string,
  zoom: { cycles: number; depth: number },
): Promise<SpeedscopeRun> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await installProbe(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("dialog", (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pageUrl);
    // Painted: its WebGL rectangles and its canvas labels (neither is drawn before a profile is loaded).
    await page.waitForFunction(
      "window.__benchProbe.firstGlDrawMs !== null && window.__benchProbe.firstTextMs !== null",
      undefined,
      {
        timeout: 180_000,
        polling: 100,
      },
    );
    const opened = await readProbe(page);
    const paintedMs = endOfCallbackAt(
      opened,
      Math.max(opened.firstGlDrawMs ?? Number.NaN, opened.firstTextMs ?? Number.NaN),
    );
    const profile = (await readResources(page)).find((resource) =>
      resource.name.includes(encodeURIComponent(profileFileName)),
    );
    if (!profile) throw new Error("speedscope: the profile's request is missing from resource timing");
    const heapBytes = await usedJsHeapBytes(context, page);

    await zoomAround(page, zoom);
    return {
      openToDrawnMs: paintedMs,
      dataToDrawnMs: paintedMs - profile.responseEndMs,
      heapBytes,
      profileBytes: profile.bodyBytes,
      zooms: frameCallbackZoomTimings(await readProbe(page), zoomKeys),
      errors,
    };
  } finally {
    await context.close();
  }
}

/** `depth` zooms in and as many out, `cycles` times, each waited for until its frames are drawn. */
async function zoomAround(page: Page, { cycles, depth }: { cycles: number; depth: number }) {
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (const key of [...Array<string>(depth).fill("="), ...Array<string>(depth).fill("-")]) {
      const callbacksBefore = await page.evaluate<number>("window.__benchProbe.callbacks.length");
      await page.keyboard.press(key);
      try {
        await page.waitForFunction(
          `(() => {
            const callbacks = window.__benchProbe.callbacks;
            return callbacks.length > ${callbacksBefore} && performance.now() - callbacks.at(-1).endMs > 100;
          })()`,
          undefined,
          // Polling by timer: polling by frame would call requestAnimationFrame, which the probe counts.
          { timeout: 60_000, polling: 50 },
        );
      } catch (error) {
        const state = await page.evaluate<string>(
          `(() => {
            const callbacks = window.__benchProbe.callbacks;
            return callbacks.length + " frame callbacks, the last ended " + Math.round(performance.now() - callbacks.at(-1).endMs) + " ms ago";
          })()`,
        );
        throw new Error(
          `speedscope: "${key}" (zoom ${cycle + 1}) was not drawn and quiet within 60 s: ${callbacksBefore} → ${state}`,
          {
            cause: error,
          },
        );
      }
    }
  }
}
