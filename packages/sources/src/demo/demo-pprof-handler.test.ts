import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPprofProfile } from "../profiles/fetch-pprof-profile.ts";
import { type ServedDemoMetrics, serveDemoMetrics } from "../testing/serve-demo-metrics.ts";
import { createDemoFleet } from "./demo-fleet.ts";
import { createDemoPprofHandler } from "./demo-pprof-handler.ts";

describe("the demo's net/http/pprof over HTTP", () => {
  const fleet = createDemoFleet({ seed: 7 });
  let served: ServedDemoMetrics;
  let instanceId: string;
  let pprofUrl: string;

  beforeAll(async () => {
    instanceId = (await fleet.inventory()).instances[0]?.id ?? "";
    served = await serveDemoMetrics(fleet, { nowMs: () => Date.now() }, { only: [instanceId] });
    pprofUrl = `http://${served.address}/demo/pprof/${instanceId}`;
  });
  afterAll(() => served?.stop());

  const capture = (kind: "cpu" | "heap" | "goroutine", seconds = 1) =>
    fetchPprofProfile({
      baseUrl: pprofUrl,
      kind,
      seconds,
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      maxBytes: 16 * 1024 * 1024,
    });

  it("serves profiles that the capture client fetches and the decoder reads, CPU for its seconds", async () => {
    const heap = decodeProfile(await capture("heap"), { label: "heap" });
    expect(heap.sampleTypes.map((t) => t.type)).toContain("inuse_space");
    const goroutine = decodeProfile(await capture("goroutine"), { label: "goroutine" });
    expect(goroutine.sampleCount).toBeGreaterThan(5);
    const started = Date.now();
    const cpu = decodeProfile(await capture("cpu", 1), { label: "cpu" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(cpu.durationNanos).toBe(1e9);
  });

  it("labels the http_sd targets with their pprof URL", async () => {
    const groups = (await (await fetch(served.serviceDiscoveryUrl)).json()) as { labels: Record<string, string> }[];
    expect(groups[0]?.labels.fleetdeck_pprof_url).toBe(pprofUrl);
  });

  it("answers unknown names, unknown instances and bad seconds with what is wrong", async () => {
    const answer = async (path: string) => {
      const response = await fetch(`http://${served.address}/demo/pprof/${path}`);
      return [response.status, await response.text()];
    };
    expect(await answer(`${instanceId}/trace`)).toEqual([
      404,
      'no profile "trace": the demo serves profile, heap, allocs, goroutine, mutex, block\n',
    ]);
    expect(await answer("nope/heap")).toEqual([404, 'no demo instance "nope"\n']);
    expect(await answer(`${instanceId}/profile?seconds=abc`)).toEqual([
      400,
      'seconds must be a whole number from 1 to 300 (got "abc")\n',
    ]);
    expect(await answer(`${instanceId}/heap?seconds=5`)).toEqual([
      400,
      'seconds applies to the CPU profile ("profile") only; the demo serves heap as a snapshot\n',
    ]);
  });

  it("stops a CPU capture when the client goes away", async () => {
    const handler = createDemoPprofHandler(fleet);
    const gone = new AbortController();
    const started = Date.now();
    setTimeout(() => gone.abort(), 100);
    const answer = await handler({ instanceId, profileName: "profile", seconds: "30", signal: gone.signal });
    expect(answer.status).toBe(499);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("answers 503 during a demo outage", async () => {
    fleet.setOutage("maintenance window");
    try {
      const handler = createDemoPprofHandler(fleet);
      const answer = await handler({
        instanceId,
        profileName: "heap",
        seconds: undefined,
        signal: new AbortController().signal,
      });
      expect(answer).toMatchObject({ status: 503, body: "demo control plane unavailable: maintenance window\n" });
    } finally {
      fleet.setOutage(null);
    }
  });
});
