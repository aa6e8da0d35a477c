import type { Profile, ProfileKind } from "@fleetdeck/core";
import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoFleet } from "../demo/demo-fleet.ts";
import { PrometheusSource } from "../prometheus/prometheus-source.ts";
import { PrometheusSourceConfig } from "../prometheus/prometheus-source-config.ts";
import { putLoad } from "../testing/etcd-load.ts";
import { type ServedDemoMetrics, serveDemoMetrics } from "../testing/serve-demo-metrics.ts";
import { type StartedEtcd, startEtcd } from "../testing/start-etcd.ts";
import { type StartedPrometheus, startPrometheus } from "../testing/start-prometheus.ts";
import { fetchPprofProfile } from "./fetch-pprof-profile.ts";
import { ProfileCaptureCancelled } from "./profile-capture-errors.ts";

/**
 * Profiles from a real etcd (Debian's etcd-server, Go 1.19, --enable-pprof) under write load,
 * captured directly and through a real Prometheus that scrapes it; and a demo instance whose
 * target carries the fleetdeck_pprof_url label, captured through the same Prometheus.
 */
let etcd: StartedEtcd | undefined;
let demo: ServedDemoMetrics | undefined;
let prometheus: StartedPrometheus | undefined;
let demoInstanceId: string;

beforeAll(async () => {
  etcd = await startEtcd();
  const fleet = createDemoFleet({ seed: 42 });
  demoInstanceId = (await fleet.inventory()).instances[0]?.id ?? "";
  demo = await serveDemoMetrics(fleet, { nowMs: () => Date.now() }, { only: [demoInstanceId] });
  prometheus = await startPrometheus({
    scrapeIntervalSeconds: 1,
    scrapeConfigs: [
      { job_name: "etcd", static_configs: [{ targets: [etcd.clientAddress] }] },
      { job_name: "demo", http_sd_configs: [{ url: demo.serviceDiscoveryUrl, refresh_interval: "1s" }] },
    ],
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await demo?.stop();
  await etcd?.stop();
});

const never = () => new AbortController().signal;

function captureFromEtcd(kind: ProfileKind, seconds = 1, signal = never()) {
  return fetchPprofProfile({
    baseUrl: started(etcd).pprofUrl,
    kind,
    seconds,
    signal,
    timeoutMs: 10_000,
    maxBytes: 64 * 1024 * 1024,
  });
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the test's processes did not start");
  return value;
}

function functionNames(profile: Profile): string[] {
  return profile.functions.map((f) => f.name);
}

const etcdFrame = /go\.etcd\.io\/|etcdserver/;

describe("capturing profiles from a real etcd", () => {
  it("captures a CPU profile under load with etcd's own work in it", async () => {
    const load = putLoad(started(etcd), { seconds: 4, concurrency: 8 });
    const bytes = await captureFromEtcd("cpu", 3);
    const { puts } = await load;
    expect(puts).toBeGreaterThan(100);
    const cpu = decodeProfile(bytes, { label: "etcd cpu" });
    expect(cpu.sampleTypes).toEqual([
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ]);
    expect(cpu.durationNanos).toBeGreaterThanOrEqual(2.9e9);
    expect(cpu.sampleCount).toBeGreaterThan(0);
    expect(functionNames(cpu).filter((name) => etcdFrame.test(name)).length).toBeGreaterThan(5);
  }, 30_000);

  it("captures heap and goroutine snapshots with their sample types", async () => {
    const heap = decodeProfile(await captureFromEtcd("heap"), { label: "etcd heap" });
    expect(heap.sampleTypes.map((t) => t.type)).toEqual([
      "alloc_objects",
      "alloc_space",
      "inuse_objects",
      "inuse_space",
    ]);
    expect(functionNames(heap).some((name) => etcdFrame.test(name))).toBe(true);

    const goroutine = decodeProfile(await captureFromEtcd("goroutine"), { label: "etcd goroutine" });
    expect(goroutine.sampleTypes).toEqual([{ type: "goroutine", unit: "count" }]);
    expect(functionNames(goroutine).some((name) => etcdFrame.test(name))).toBe(true);
  }, 30_000);

  it("captures through a Prometheus source, which finds pprof at the scrape target or its label", async () => {
    const source = new PrometheusSource(
      PrometheusSourceConfig.parse({
        id: "local",
        kind: "prometheus",
        url: started(prometheus).url,
        scrapeIntervalSeconds: 1,
      }),
    );
    const etcdId = started(etcd).clientAddress;
    await waitForInstances(source, [etcdId, demoInstanceId]);
    const instances = (await source.inventory()).instances;
    expect(instances.find((i) => i.id === etcdId)?.pprofUrl).toBe(started(etcd).pprofUrl);
    expect(instances.find((i) => i.id === demoInstanceId)?.pprofUrl).toBe(
      `http://${started(demo).address}/demo/pprof/${demoInstanceId}`,
    );

    const fromEtcd = await source.captureProfile(etcdId, { kind: "goroutine", seconds: 1 }, never());
    expect(
      functionNames(decodeProfile(fromEtcd, { label: "etcd via prometheus" })).some((n) => etcdFrame.test(n)),
    ).toBe(true);
    const fromDemo = await source.captureProfile(demoInstanceId, { kind: "heap", seconds: 1 }, never());
    expect(
      functionNames(decodeProfile(fromDemo, { label: "demo via prometheus" })).some((n) => n.includes("/store.")),
    ).toBe(true);
    await expect(source.captureProfile("no-such-instance", { kind: "heap", seconds: 1 }, never())).rejects.toThrow(
      'prometheus source "local" has no instance "no-such-instance"',
    );
  }, 60_000);

  it("cancels a running CPU capture at once, and etcd is free to profile again", async () => {
    const controller = new AbortController();
    const startedAtMs = Date.now();
    setTimeout(() => controller.abort(), 300);
    const error = await captureFromEtcd("cpu", 30, controller.signal).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ProfileCaptureCancelled);
    expect(Date.now() - startedAtMs).toBeLessThan(1_500);
    // net/http/pprof stops profiling when the request goes away; a new capture is not refused.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = decodeProfile(await captureFromEtcd("cpu", 1), { label: "etcd cpu again" });
    expect(again.durationNanos).toBeGreaterThanOrEqual(0.9e9);
  }, 30_000);
});

async function waitForInstances(source: PrometheusSource, ids: readonly string[]) {
  const deadline = Date.now() + 30_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = (await source.inventory()).instances.map((i) => i.id);
    if (ids.every((id) => seen.includes(id))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Prometheus did not discover ${ids.join(", ")} within 30 s (saw ${seen.join(", ")})`);
}
