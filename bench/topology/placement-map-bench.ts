// pnpm bench: the placement map in headless Chromium at 10,000 demo instances, against the same
// page at 1,000 instances (the baseline: there is no layout library to hold it against, so how the
// cost grows with the fleet is the point). Both consoles run side by side; runs alternate between
// them, each in a fresh browser context.
import { freePort } from "@fleetdeck/sources/testing";
import { launchBenchChromium } from "../bench-chromium.ts";
import { type BenchConsole, startBenchConsole } from "../bench-console.ts";
import { formatKiB, formatMiB, formatMs, printSeries, ratioOfMedians, type Series } from "../profiles/bench-report.ts";
import { type MapRun, runPlacementMap } from "./map-page-run.ts";

const rounds = 5;
const warmup = 1;

const startServer = async (instances: number) =>
  startBenchConsole({
    label: `${instances.toLocaleString("en-US")} instances`,
    port: await freePort(),
    env: { FLEETDECK_DEMO_INSTANCES: String(instances) },
  });

const baseline = await startServer(1_000);
const subject = await startServer(10_000);
const browser = await launchBenchChromium();

/** The placement as the BFF sends it, for scale. */
async function snapshotBytes(server: BenchConsole): Promise<number> {
  const response = await fetch(`${server.url}/trpc/topology.placement`, { headers: { cookie: server.cookie } });
  return (await response.arrayBuffer()).byteLength;
}

const each = (runs: MapRun[], label: string, value: (run: MapRun) => number): Series => ({
  label,
  samples: runs.map(value),
});
const every = (runs: MapRun[], label: string, values: (run: MapRun) => number[]): Series => ({
  label,
  samples: runs.flatMap(values),
});

try {
  const runs = new Map<BenchConsole, MapRun[]>([
    [baseline, []],
    [subject, []],
  ]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (const server of round % 2 === 0 ? [baseline, subject] : [subject, baseline]) {
      const run = await runPlacementMap(browser, server);
      if (round >= warmup) runs.get(server)?.push(run);
    }
  }
  const small = runs.get(baseline) ?? [];
  const large = runs.get(subject) ?? [];

  console.log(
    `placement map in headless Chromium (Canvas 2D, 1600×1000 CSS px): ${rounds} runs each at 1,000 and 10,000 demo instances after ${warmup} warm-up, alternating`,
  );
  console.log(
    `  placement snapshot as JSON: ${formatKiB(await snapshotBytes(baseline))} at 1k, ${formatKiB(await snapshotBytes(subject))} at 10k`,
  );
  const dataSmall = each(small, "data in the page → first drawn frame, 1k", (r) => r.dataToFirstFrameMs);
  const dataLarge = each(large, "data in the page → first drawn frame, 10k", (r) => r.dataToFirstFrameMs);
  printSeries(
    [
      dataSmall,
      dataLarge,
      each(small, "  of which the first draw call, 1k", (r) => r.firstDrawMs),
      each(large, "  of which the first draw call, 10k", (r) => r.firstDrawMs),
      each(small, "open → first drawn frame, 1k", (r) => r.openToFirstFrameMs),
      each(large, "open → first drawn frame, 10k", (r) => r.openToFirstFrameMs),
      each(small, "  of which open → data in the page, 1k", (r) => r.openToDataMs),
      each(large, "  of which open → data in the page, 10k", (r) => r.openToDataMs),
    ],
    formatMs,
  );
  console.log(`  ratio of medians, data → first drawn frame, 10k / 1k: ${ratioOfMedians(dataLarge, dataSmall)}×`);
  console.log("  target: first render < 500 ms after the data arrives, at 10k");

  const drawSmall = every(small, "pan/zoom, draw per frame, 1k", (r) => r.interactionDrawMs);
  const drawLarge = every(large, "pan/zoom, draw per frame, 10k", (r) => r.interactionDrawMs);
  printSeries(
    [
      drawSmall,
      drawLarge,
      every(small, "pan/zoom, frame to frame, 1k", (r) => r.interactionFrameIntervalMs),
      every(large, "pan/zoom, frame to frame, 10k", (r) => r.interactionFrameIntervalMs),
      every(small, "live update meanwhile, its draw, 1k", (r) => r.liveUpdateDrawMs),
      every(large, "live update meanwhile, its draw, 10k", (r) => r.liveUpdateDrawMs),
    ],
    formatMs,
  );
  console.log(`  ratio of medians, draw per frame, 10k / 1k: ${ratioOfMedians(drawLarge, drawSmall)}×`);
  console.log(
    `  levels of detail drawn while interacting at 10k: ${[...new Set(large.flatMap((r) => r.details))].join(", ")}`,
  );
  console.log("  target: pan/zoom frame p95 < 16 ms at 10k (draw per frame; frame to frame includes the 60 Hz wait)");

  const heapSmall = each(small, "JS heap after first frame, 1k", (r) => r.heapBytes);
  const heapLarge = each(large, "JS heap after first frame, 10k", (r) => r.heapBytes);
  printSeries([heapSmall, heapLarge], formatMiB);
  console.log(`  ratio of medians, JS heap, 10k / 1k: ${ratioOfMedians(heapLarge, heapSmall)}×`);
  const errors = [...small, ...large].flatMap((r) => r.errors);
  if (errors.length > 0) console.log(`  page errors seen: ${[...new Set(errors)].join(" | ").slice(0, 500)}`);
} finally {
  await browser.close();
  await Promise.all([baseline.stop(), subject.stop()]);
}
