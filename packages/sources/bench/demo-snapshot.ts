// Times DemoFleet.gcSnapshot at 1,000 and 10,000 instances (run: npx tsx bench/demo-snapshot.ts).
// Not a test: prints figures, the 1,000-instance fleet being the baseline from the same run.
import { performance } from "node:perf_hooks";
import { createDemoFleet } from "../src/index.ts";

const hourMs = 3_600_000;
const originMs = Date.UTC(2024, 5, 3, 12);
const warmupCalls = 30;
const timedCalls = 100;

async function measure(targetInstances: number) {
  const built = performance.now();
  const fleet = createDemoFleet({ seed: 42, targetInstances });
  const generationMs = performance.now() - built;
  for (let i = 0; i < warmupCalls; i++) await fleet.gcSnapshot(originMs + i * 15_000);
  const durationsMs: number[] = [];
  for (let i = 0; i < timedCalls; i++) {
    const atMs = originMs + hourMs + i * 15_000;
    const start = performance.now();
    await fleet.gcSnapshot(atMs);
    durationsMs.push(performance.now() - start);
  }
  const meanMs = durationsMs.reduce((sum, d) => sum + d, 0) / durationsMs.length;
  durationsMs.sort((a, b) => a - b);
  const at = (q: number) => durationsMs[Math.min(durationsMs.length - 1, Math.floor(q * durationsMs.length))] ?? NaN;
  const inventoryStart = performance.now();
  for (let i = 0; i < 1000; i++) await fleet.inventory();
  const inventoryUs = ((performance.now() - inventoryStart) / 1000) * 1000;
  console.log(
    `${String(targetInstances).padStart(6)} instances: generate ${generationMs.toFixed(0)} ms; ` +
      `gcSnapshot mean ${meanMs.toFixed(2)} ms, p50 ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms, max ${at(1).toFixed(2)} ms; ` +
      `inventory() ${inventoryUs.toFixed(2)} µs`,
  );
}

await measure(1_000);
await measure(10_000);
