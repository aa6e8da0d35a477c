// The flame graph of one profile in headless Chromium: Fleetdeck (profile uploaded to a bench
// console, its page opened signed in) against speedscope from npm (served with the same file from
// one local origin). Runs alternate between the two, each in a fresh browser context.
import { decodeFlameGraph } from "@fleetdeck/core";
import { freePort } from "@fleetdeck/sources/testing";
import { launchBenchChromium } from "../bench-chromium.ts";
import { type BenchConsole, startBenchConsole, summarize } from "../bench-console.ts";
import { formatKiB, formatMiB, formatMs, printSeries, ratioOfMedians, type Series } from "./bench-report.ts";
import { type FleetdeckRun, runFleetdeckFlame } from "./fleetdeck-flame-run.ts";
import type { ZoomTiming } from "./page-timing.ts";
import { runSpeedscopeFlame, type SpeedscopeRun } from "./speedscope-flame-run.ts";
import { startSpeedscopeServer } from "./speedscope-server.ts";

async function uploadProfile(server: BenchConsole, name: string, bytes: Uint8Array): Promise<string> {
  const response = await fetch(`${server.url}/api/profiles/upload?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", cookie: server.cookie, origin: server.url },
    body: bytes,
  });
  const body = (await response.json()) as { id?: string; error?: string };
  if (!response.ok || !body.id) throw new Error(`uploading the profile failed (${response.status}): ${body.error}`);
  return body.id;
}

/** The whole-profile flame wire as the page first fetches it: its size and what it carries. */
async function flameWire(server: BenchConsole, profileId: string) {
  const response = await fetch(`${server.url}/api/profiles/${encodeURIComponent(profileId)}/flame`, {
    headers: { cookie: server.cookie },
  });
  if (!response.ok) throw new Error(`fetching the flame graph failed (${response.status}): ${await response.text()}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const graph = decodeFlameGraph(bytes);
  let merged = 0;
  for (const count of graph.nodeMerged) merged += count;
  return { bytes: bytes.byteLength, nodes: graph.nodeName.length, mergedNodes: merged };
}

const zoomSeries = (label: string, zooms: ZoomTiming[], pick: (zoom: ZoomTiming) => number | null): Series => ({
  label,
  samples: zooms.map(pick).filter((value): value is number => value !== null && Number.isFinite(value)),
});

export async function benchFlameInBrowser({
  fileName,
  bytes,
  rounds,
  warmup,
  fleetdeckZoom,
  speedscopeZoom,
}: {
  fileName: string;
  bytes: Uint8Array;
  rounds: number;
  warmup: number;
  /** Zoom cycles per run: each goes `depth` levels in and back out. */
  fleetdeckZoom: { cycles: number; depth: number };
  /** Fewer for speedscope: its software-rendered WebGL frames take about a second each here. */
  speedscopeZoom: { cycles: number; depth: number };
}) {
  const server = await startBenchConsole({ label: "fleetdeck", port: await freePort() });
  const speedscope = await startSpeedscopeServer({ fileName, bytes });
  const browser = await launchBenchChromium();
  try {
    const profileId = await uploadProfile(server, fileName.replace(/\.pb\.gz$/, ""), bytes);
    const wire = await flameWire(server, profileId);
    const fleetdeckRuns: FleetdeckRun[] = [];
    const speedscopeRuns: SpeedscopeRun[] = [];
    const runs = [
      async () => fleetdeckRuns.push(await runFleetdeckFlame(browser, server, profileId, fleetdeckZoom)),
      async () => speedscopeRuns.push(await runSpeedscopeFlame(browser, speedscope.pageUrl, fileName, speedscopeZoom)),
    ];
    for (let round = 0; round < warmup + rounds; round++) {
      for (const run of round % 2 === 0 ? runs : [...runs].reverse()) await run();
      if (round < warmup) {
        fleetdeckRuns.length = 0;
        speedscopeRuns.length = 0;
      }
    }

    console.log(
      `  Fleetdeck: flame wire ${formatKiB(wire.bytes)} carrying ${wire.nodes} nodes (${wire.mergedNodes} frames of the full tree merged into "smaller frames" nodes); every /api and /trpc body while opening ${formatKiB(summarize(fleetdeckRuns.map((run) => run.apiBytes)).median)}`,
    );
    console.log(
      `  speedscope ${speedscope.version}: fetches the profile file itself, ${formatKiB(speedscopeRuns[0]?.profileBytes ?? Number.NaN)}, and parses it in the page`,
    );
    const openFleetdeck = {
      label: "open → first drawn, Fleetdeck",
      samples: fleetdeckRuns.map((run) => run.openToDrawnMs),
    };
    const openSpeedscope = {
      label: "open → first drawn, speedscope",
      samples: speedscopeRuns.map((run) => run.openToDrawnMs),
    };
    printSeries(
      [
        openFleetdeck,
        openSpeedscope,
        { label: "  of which the flame request", samples: fleetdeckRuns.map((run) => run.flameRequestMs) },
        { label: "data arrived → first drawn, Fleetdeck", samples: fleetdeckRuns.map((run) => run.dataToDrawnMs) },
        { label: "  of which decoding the wire", samples: fleetdeckRuns.map((run) => run.decodeMs) },
        { label: "data arrived → first drawn, speedscope", samples: speedscopeRuns.map((run) => run.dataToDrawnMs) },
      ],
      formatMs,
    );
    console.log(
      `  ratio of medians, open → first drawn, Fleetdeck / speedscope: ${ratioOfMedians(openFleetdeck, openSpeedscope)}×`,
    );
    console.log("  target: Fleetdeck's first render < 300 ms after its data arrives");

    const fleetdeckZooms = fleetdeckRuns.flatMap((run) => run.zooms);
    const speedscopeZooms = speedscopeRuns.flatMap((run) => run.zooms);
    const fetched = fleetdeckZooms.filter((zoom) => zoom.fetched).length;
    console.log(
      `  zooms: Fleetdeck ${fleetdeckZooms.length} (Enter in, Escape out; ${fetched} fetched a trimmed subtree and drew the trimmed view meanwhile), speedscope ${speedscopeZooms.length} ("=" in, "-" out)`,
    );
    const keyToNextFrameFleetdeck = zoomSeries(
      "zoom, key → next frame, Fleetdeck",
      fleetdeckZooms,
      (z) => z.keyToNextFrameMs,
    );
    const keyToNextFrameSpeedscope = zoomSeries(
      "zoom, key → next frame, speedscope",
      speedscopeZooms,
      (z) => z.keyToNextFrameMs,
    );
    printSeries(
      [
        zoomSeries("zoom, key → drawn, Fleetdeck", fleetdeckZooms, (z) => z.keyToDrawnMs),
        zoomSeries("  those that fetched nothing", fleetdeckZooms, (z) => (z.fetched ? null : z.keyToDrawnMs)),
        zoomSeries("  of which the draw call", fleetdeckZooms, (z) => z.drawMs),
        zoomSeries("zoom, key → drawn, speedscope", speedscopeZooms, (z) => z.keyToDrawnMs),
        keyToNextFrameFleetdeck,
        keyToNextFrameSpeedscope,
      ],
      formatMs,
    );
    console.log(
      `  ratio of medians, zoom key → next frame, Fleetdeck / speedscope: ${ratioOfMedians(keyToNextFrameFleetdeck, keyToNextFrameSpeedscope)}×`,
    );
    console.log(
      "  target: zoom frames p95 < 16 ms (key → drawn); speedscope draws with WebGL, software-rendered here (no GPU)",
    );
    const heapFleetdeck = {
      label: "JS heap after first draw, Fleetdeck",
      samples: fleetdeckRuns.map((run) => run.heapBytes),
    };
    const heapSpeedscope = {
      label: "JS heap after first draw, speedscope",
      samples: speedscopeRuns.map((run) => run.heapBytes),
    };
    printSeries([heapFleetdeck, heapSpeedscope], formatMiB);
    console.log(
      `  ratio of medians, JS heap, Fleetdeck / speedscope: ${ratioOfMedians(heapFleetdeck, heapSpeedscope)}×`,
    );
    const errors = [...fleetdeckRuns.flatMap((run) => run.errors), ...speedscopeRuns.flatMap((run) => run.errors)];
    if (errors.length > 0) console.log(`  page errors seen: ${[...new Set(errors)].join(" | ").slice(0, 500)}`);
  } finally {
    await browser.close();
    await speedscope.stop();
    await server.stop();
  }
}
