import type { Download, Locator, Page } from "@playwright/test";
import { expect } from "../fixtures.ts";

/** How much of a canvas is painted, read back from its pixels. */
export interface CanvasPaint {
  /** Share of pixels that are not fully transparent. */
  paintedShare: number;
  /** Distinct colours among the painted pixels (frames are coloured by package, so a real graph has several). */
  colours: number;
}

/** Reads a canvas's pixels in the page: what is actually on screen, not what the DOM claims. */
export function canvasPaint(canvas: Locator): Promise<CanvasPaint> {
  return canvas.evaluate((element) => {
    if (!(element instanceof HTMLCanvasElement)) throw new Error("the flame graph is not a <canvas>");
    const context = element.getContext("2d");
    if (!context || element.width === 0 || element.height === 0) return { paintedShare: 0, colours: 0 };
    const { data } = context.getImageData(0, 0, element.width, element.height);
    const colours = new Set<number>();
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      painted++;
      colours.add(((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!) >>> 0);
    }
    return { paintedShare: painted / (data.length / 4), colours: colours.size };
  });
}

/** Waits until the canvas shows a drawn graph: a good part painted, in several colours. */
export async function expectDrawnGraph(canvas: Locator, { minPaintedShare = 0.05, minColours = 4 } = {}) {
  await expect(canvas).toBeVisible();
  await expect
    .poll(async () => {
      const paint = await canvasPaint(canvas);
      return paint.paintedShare >= minPaintedShare && paint.colours >= minColours;
    })
    .toBe(true);
}

/** Height of a flame graph row in CSS pixels (flame-layout.ts draws rows this tall). */
const frameRowPx = 18;

/**
 * A point inside the leftmost frame of a row (0: the root) of a flame graph drawn root at the
 * bottom: children start at their parent's left edge, so a few pixels in from the left lands on
 * the first frame of the row when the row has one.
 */
export async function pointInRow(canvas: Locator, depth: number): Promise<{ x: number; y: number }> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the flame graph canvas is not on screen");
  return { x: 3, y: box.height - (depth + 0.5) * frameRowPx };
}

/** The names on the zoom path, after "All samples". */
export async function zoomPathNames(page: Page): Promise<string[]> {
  const crumbs = await page.getByRole("navigation", { name: "Zoom path" }).getByRole("listitem").allInnerTexts();
  return crumbs.slice(1).map((text) => text.trim());
}

/** What the capture panel showed while a capture ran: "<progress value>|<status text>", in order. */
export interface CaptureRun {
  profileId: string;
  progress: string[];
}

interface ProgressWindow {
  fleetdeckCaptureProgress?: string[];
}

/**
 * Starts a capture with the page's "Capture a profile" form and waits for the viewer to open on
 * the stored profile. A recorder in the page notes every change of the progress bar and its text,
 * because the countdown of a short capture is over before an assertion could poll it twice.
 */
export async function captureWithForm(
  page: Page,
  request: { instanceId?: string; kind: "CPU" | "Heap (in use)" | "Goroutines"; seconds?: number },
  { timeoutMs = 60_000 } = {},
): Promise<CaptureRun> {
  const form = page.getByRole("form", { name: "Capture a profile" });
  if (request.instanceId !== undefined) await form.getByLabel("Instance id").fill(request.instanceId);
  await form.getByLabel("Kind").selectOption({ label: request.kind });
  if (request.seconds !== undefined) await form.getByLabel("Seconds").fill(String(request.seconds));
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as ProgressWindow).fleetdeckCaptureProgress = seen;
    const timer = setInterval(() => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Capture progress"]');
      if (!bar) {
        if (seen.length > 0) clearInterval(timer);
        return;
      }
      const text = bar.parentElement?.querySelector('[role="status"]')?.textContent ?? "";
      const entry = `${bar.hasAttribute("value") ? bar.value : "indeterminate"}|${text}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    }, 25);
  });
  await form.getByRole("button", { name: "Capture" }).click();
  await expect(page).toHaveURL(/\/profiles\/(?!diff)[^/?]+(\?|$)/, { timeout: timeoutMs });
  const profileId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1) ?? "");
  const progress = await page.evaluate(() => (window as ProgressWindow).fleetdeckCaptureProgress ?? []);
  return { profileId, progress };
}

/** The bytes of a download the page started. */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The function names of a top table's rows, in order (each row's header is its function). */
export async function topTableFunctions(table: Locator): Promise<string[]> {
  const headers = await table.locator("tbody").getByRole("rowheader").allInnerTexts();
  // A chosen row's header also holds its "Sandwich" button.
  return headers.map((text) => text.replace(/\s*Sandwich$/, "").trim());
}
