import { ObservedInventory } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { type DiscoveryInput, discoverInstances, entityIdOf, hostOf } from "./discover-instances.ts";
import { PrometheusLabelNames } from "./prometheus-source-config.ts";

const labels = PrometheusLabelNames.parse({});
const region = "topology_kubernetes_io_region";
const zone = "topology_kubernetes_io_zone";

function discover(input: Partial<DiscoveryInput>) {
  return discoverInstances({
    sourceId: "prod",
    labels,
    defaults: {},
    processSeries: [],
    goInfoSeries: [],
    targets: null,
    ...input,
  });
}

const placed = (instance: string, extra: Record<string, string> = {}) => ({
  __name__: "go_goroutines",
  instance,
  job: "checkout",
  [region]: "eu-west-1",
  [zone]: "eu-west-1a",
  cluster: "prod-eu",
  node: "node-7",
  namespace: "shop",
  ...extra,
});

describe("discoverInstances", () => {
  it("groups series labels into regions, zones, clusters, nodes and services", () => {
    const { inventory, instanceLabelValues } = discover({
      processSeries: [placed("10.0.0.1:8080"), placed("10.0.0.2:8080", { [zone]: "eu-west-1b", node: "node-8" })],
      goInfoSeries: [{ __name__: "go_info", instance: "10.0.0.1:8080", job: "checkout", version: "go1.22.5" }],
    });
    expect(() => ObservedInventory.parse(inventory)).not.toThrow();
    expect(inventory.regions).toEqual([{ id: "eu-west-1", name: "eu-west-1", utcOffsetHours: null }]);
    expect(inventory.zones.map((z) => z.id)).toEqual(["eu-west-1a", "eu-west-1b"]);
    expect(inventory.clusters).toEqual([{ id: "prod-eu", name: "prod-eu", regionId: "eu-west-1", kind: "kubernetes" }]);
    expect(inventory.nodes.map((n) => [n.id, n.zoneId, n.cpuCores])).toEqual([
      ["node-7", "eu-west-1a", null],
      ["node-8", "eu-west-1b", null],
    ]);
    expect(inventory.services).toEqual([{ id: "checkout", name: "checkout", owner: null, tier: null }]);
    expect(inventory.instances[0]).toMatchObject({
      id: "10.0.0.1:8080",
      serviceId: "checkout",
      regionId: "eu-west-1",
      goVersion: "go1.22.5",
      runtimeConfig: null,
      pprofUrl: null,
    });
    expect(inventory.instances[1]?.goVersion).toBeNull();
    expect(inventory.warnings).toEqual([]);
    expect(instanceLabelValues.get("10.0.0.2:8080")).toBe("10.0.0.2:8080");
  });

  it("reports a series without the service label per instance and still shows it", () => {
    const { inventory } = discover({ processSeries: [placed("10.0.0.1:8080"), placed("10.0.0.9:8080", { job: "" })] });
    expect(inventory.instances.map((i) => [i.id, i.serviceId])).toEqual([
      ["10.0.0.1:8080", "checkout"],
      ["10.0.0.9:8080", "unlabelled"],
    ]);
    expect(inventory.warnings).toEqual([
      {
        message: '1 instance without the "job" label, shown under service "unlabelled"',
        instanceIds: ["10.0.0.9:8080"],
      },
    ]);
  });

  it("leaves out a series without the instance label, quoting it, instead of merging it with others", () => {
    const { __name__, instance, ...rest } = placed("x");
    const { inventory } = discover({ processSeries: [rest, placed("10.0.0.1:8080")] });
    expect(inventory.instances).toHaveLength(1);
    expect(inventory.warnings?.[0]?.message).toMatch(/^1 series without the "instance" label cannot be told apart/);
    expect(inventory.warnings?.[0]?.message).toContain('job="checkout"');
  });

  it("places unlabelled instances in fallbacks and lists them, unless the config names the placement", () => {
    const bare = { __name__: "go_goroutines", instance: "127.0.0.1:2379", job: "etcd" };
    const { inventory } = discover({ processSeries: [bare] });
    expect(inventory.instances[0]).toMatchObject({
      regionId: "unlabelled",
      clusterId: "prod",
      zoneId: "unlabelled-unlabelled",
      nodeId: "127.0.0.1",
    });
    expect(inventory.clusters[0]?.kind).toBe("vm");
    expect(inventory.warnings?.map((w) => w.message)).toEqual([
      '1 instance without the "topology_kubernetes_io_region" label, shown in region "unlabelled" (set defaults.region to name it)',
      '1 instance without the "cluster" label, shown in cluster "prod" (set defaults.cluster to name it)',
      '1 instance without the "topology_kubernetes_io_zone" label, shown in an unlabelled zone of their region',
    ]);

    const named = discover({ processSeries: [bare], defaults: { region: "eu-1", cluster: "etcd-main" } }).inventory;
    expect(named.instances[0]).toMatchObject({ regionId: "eu-1", clusterId: "etcd-main" });
    expect(named.warnings?.map((w) => w.message)).toEqual([expect.stringContaining('"topology_kubernetes_io_zone"')]);
  });

  it("reads other label names when configured", () => {
    const { inventory } = discoverInstances({
      sourceId: "p",
      labels: { ...labels, service: "app", instance: "pod", region: "region", zone: "zone" },
      defaults: {},
      processSeries: [{ pod: "cart-7d9f", app: "cart", region: "us", zone: "us-a", cluster: "c1" }],
      goInfoSeries: [],
      targets: null,
    });
    expect(inventory.instances[0]).toMatchObject({
      id: "cart-7d9f",
      serviceId: "cart",
      regionId: "us",
      zoneId: "us-a",
    });
  });

  it("keeps the first of two targets with the same instance label and says so", () => {
    const { inventory } = discover({ processSeries: [placed("db:9100"), placed("db:9100", { job: "node" })] });
    expect(inventory.instances.map((i) => i.serviceId)).toEqual(["checkout"]);
    expect(inventory.warnings?.[0]?.message).toContain('"db:9100"');
    expect(inventory.warnings?.[0]?.message).toContain('job="node"');
  });

  it("qualifies a bare zone name seen in two regions by its region", () => {
    const { inventory } = discover({
      processSeries: [placed("a:1", { [zone]: "a" }), placed("b:1", { [region]: "us-east-1", [zone]: "a" })],
    });
    expect(inventory.instances.map((i) => i.zoneId)).toEqual(["a", "us-east-1.a"]);
  });

  it("takes scrape URLs from the targets and warns about targets that are down", () => {
    const target = (instance: string, health: string, lastError = "") => ({
      labels: { instance, job: "checkout" },
      scrapeUrl: `http://${instance}/metrics`,
      health,
      lastError,
      lastScrape: "2024-06-01T00:00:00Z",
    });
    const { inventory } = discover({
      processSeries: [placed("10.0.0.1:8080"), placed("10.0.0.2:8080")],
      targets: [target("10.0.0.1:8080", "up"), target("10.0.0.2:8080", "down", "connection refused")],
    });
    expect(inventory.instances[0]?.metricsUrl).toBe("http://10.0.0.1:8080/metrics");
    expect(inventory.warnings).toEqual([
      {
        message: 'target {instance="10.0.0.2:8080", job="checkout"} is down: connection refused',
        instanceIds: ["10.0.0.2:8080"],
      },
    ]);
  });

  it("finds pprof at the scrape URL's origin, or where the fleetdeck_pprof_url label says", () => {
    const target = (instance: string, labels: Record<string, string> = {}) => ({
      labels: { instance, job: "checkout", ...labels },
      scrapeUrl: `https://${instance}/internal/metrics?format=text`,
      health: "up",
      lastError: "",
      lastScrape: "2024-06-01T00:00:00Z",
    });
    const { inventory } = discover({
      processSeries: [
        placed("10.0.0.1:8080"),
        placed("10.0.0.2:8080"),
        placed("10.0.0.3:8080", { fleetdeck_pprof_url: "http://10.0.0.3:6060/debug/pprof" }),
        placed("10.0.0.4:8080"),
      ],
      targets: [
        target("10.0.0.1:8080"),
        target("10.0.0.2:8080", { fleetdeck_pprof_url: "http://console:8080/demo/pprof/a" }),
      ],
    });
    expect(inventory.instances.map((i) => i.pprofUrl)).toEqual([
      "https://10.0.0.1:8080/debug/pprof",
      "http://console:8080/demo/pprof/a",
      // No target (a query frontend) but the series carries the label.
      "http://10.0.0.3:6060/debug/pprof",
      null,
    ]);
  });
});

describe("ids and hosts from label values", () => {
  it("keeps valid ids and replaces what an entity id cannot hold", () => {
    expect(entityIdOf("10.0.0.1:8080")).toBe("10.0.0.1:8080");
    expect(entityIdOf("[::1]:9090")).toBe("_::1_:9090");
    expect(entityIdOf("a/b c")).toBe("a_b_c");
    expect(entityIdOf("x".repeat(300))).toHaveLength(200);
  });

  it("takes the host of host:port labels", () => {
    expect(hostOf("10.0.0.7:8080")).toBe("10.0.0.7");
    expect(hostOf("[::1]:9090")).toBe("::1");
    expect(hostOf("cart-7d9f")).toBe("cart-7d9f");
  });
});
