import { Inventory } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { generateDemoFleet } from "./generate-fleet.ts";

const defaultFleet = generateDemoFleet({ seed: 42 });
const { inventory } = defaultFleet;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe("generateDemoFleet determinism", () => {
  it("gives a byte-identical inventory for the same seed", () => {
    const again = generateDemoFleet({ seed: 42 });
    expect(JSON.stringify(again.inventory)).toBe(JSON.stringify(inventory));
    expect(JSON.stringify(again.workloads)).toBe(JSON.stringify(defaultFleet.workloads));
    expect(JSON.stringify(again.calls)).toBe(JSON.stringify(defaultFleet.calls));
  });

  it("gives a different fleet for a different seed", () => {
    const other = generateDemoFleet({ seed: 43 });
    expect(JSON.stringify(other.inventory)).not.toBe(JSON.stringify(inventory));
  });
});

describe("the default fleet", () => {
  it("is valid against the core schema and frozen", () => {
    expect(() => Inventory.parse(inventory)).not.toThrow();
    expect(Object.isFrozen(inventory)).toBe(true);
    expect(Object.isFrozen(inventory.instances)).toBe(true);
    expect(Object.isFrozen(inventory.instances[0]?.runtimeConfig)).toBe(true);
  });

  it("spans 3 regions with realistic offsets, 2–3 zones each and 2 clusters each of mixed kinds", () => {
    expect(inventory.regions.map((r) => [r.id, r.utcOffsetHours])).toEqual([
      ["eu-west", 0],
      ["us-east", -5],
      ["ap-southeast", 8],
    ]);
    for (const zones of countBy(inventory.zones, (z) => z.regionId).values()) {
      expect(zones).toBeGreaterThanOrEqual(2);
      expect(zones).toBeLessThanOrEqual(3);
    }
    expect(inventory.clusters).toHaveLength(6);
    expect(new Set(inventory.clusters.map((c) => c.kind))).toEqual(new Set(["kubernetes", "etcd", "tidb", "vm"]));
  });

  it("has about a dozen named services with owners and tiers, and one to a few hundred instances", () => {
    expect(inventory.services).toHaveLength(12);
    const ids = inventory.services.map((s) => s.id);
    for (const id of ["api-gateway", "checkout", "payments", "inventory", "search", "etcd", "tidb", "kv-store"]) {
      expect(ids).toContain(id);
    }
    expect(new Set(inventory.services.map((s) => s.tier))).toEqual(new Set(["critical", "standard", "batch"]));
    for (const seed of [1, 2, 3, 42]) {
      const count = generateDemoFleet({ seed }).inventory.instances.length;
      expect(count).toBeGreaterThan(120);
      expect(count).toBeLessThan(400);
    }
  });

  it("runs 3–8 instances per cluster a service is in (consensus groups 3 or 5)", () => {
    const perPlacement = countBy(inventory.instances, (i) => `${i.serviceId}@${i.clusterId}`);
    for (const [placement, count] of perPlacement) {
      if (placement.startsWith("etcd@")) expect([3, 5]).toContain(count);
      else {
        expect(count).toBeGreaterThanOrEqual(3);
        expect(count).toBeLessThanOrEqual(8);
      }
    }
  });

  it("links every instance to entities that exist and agree with each other", () => {
    const nodes = new Map(inventory.nodes.map((n) => [n.id, n]));
    const clusters = new Map(inventory.clusters.map((c) => [c.id, c]));
    const services = new Set(inventory.services.map((s) => s.id));
    for (const instance of inventory.instances) {
      const node = nodes.get(instance.nodeId);
      expect(node?.clusterId).toBe(instance.clusterId);
      expect(node?.zoneId).toBe(instance.zoneId);
      expect(clusters.get(instance.clusterId)?.regionId).toBe(instance.regionId);
      expect(services.has(instance.serviceId)).toBe(true);
      expect(instance.pprofUrl).toBe(`demo://${instance.id}/debug/pprof`);
      expect(instance.metricsUrl).toBe(`demo://${instance.id}/metrics`);
      expect(instance.goVersion).toMatch(/^go1\.(19|20|21|22|23)\.\d+$/);
    }
    expect(new Set(inventory.instances.map((i) => i.id)).size).toBe(inventory.instances.length);
  });

  it("mostly runs GOGC=100 with GOMAXPROCS at the CPU quota, with a few deliberate misconfigurations", () => {
    const instances = inventory.instances;
    const gogc = countBy(instances, (i) => String(i.runtimeConfig.gogc));
    expect((gogc.get("100") ?? 0) / instances.length).toBeGreaterThan(0.5);
    expect(gogc.size).toBeGreaterThan(1);
    expect(instances.some((i) => i.runtimeConfig.memoryLimitBytes !== null)).toBe(true);
    for (const instance of instances.filter((i) => i.runtimeConfig.gogc === "off")) {
      expect(instance.runtimeConfig.memoryLimitBytes).not.toBeNull();
    }
    const limited = instances.filter((i) => i.cpuLimitCores !== null);
    const oversubscribed = limited.filter((i) => i.runtimeConfig.gomaxprocs > (i.cpuLimitCores ?? 0));
    expect(oversubscribed.length).toBeGreaterThan(0);
    expect(oversubscribed.length / limited.length).toBeLessThan(0.15);
    expect(
      limited.filter((i) => i.runtimeConfig.gomaxprocs === i.cpuLimitCores).length / limited.length,
    ).toBeGreaterThan(0.8);
  });

  it("keeps VMs without a container quota and sizes container memory above the working set", () => {
    const vms = new Set(inventory.clusters.filter((c) => c.kind === "vm").map((c) => c.id));
    for (const instance of inventory.instances) {
      if (vms.has(instance.clusterId)) {
        expect(instance.cpuLimitCores).toBeNull();
        expect(instance.memoryLimitBytes).toBeNull();
      } else {
        expect(instance.cpuLimitCores).toBeGreaterThan(0);
        expect(instance.memoryLimitBytes).toBeGreaterThan(0);
      }
    }
    defaultFleet.workloads.forEach((workload, index) => {
      const limit = inventory.instances[index]?.memoryLimitBytes;
      if (limit) expect(limit).toBeGreaterThan(workload.workingSetBytes * 1.5);
    });
  });
});

describe("scaling with targetInstances", () => {
  it("reaches exactly 10,000 instances with more services and more instances per service", () => {
    const large = generateDemoFleet({ seed: 42, targetInstances: 10_000 });
    expect(large.inventory.instances).toHaveLength(10_000);
    expect(large.workloads).toHaveLength(10_000);
    expect(large.inventory.services.length).toBeGreaterThan(50);
    expect(large.inventory.regions).toHaveLength(3);
    const perService = 10_000 / large.inventory.services.length;
    expect(perService).toBeGreaterThan((inventory.instances.length / inventory.services.length) * 3);
    expect(() => Inventory.parse(large.inventory)).not.toThrow();
    expect(new Set(large.inventory.instances.map((i) => i.id)).size).toBe(10_000);
  });

  it.each([1, 7, 50, 1000])("hits a target of %i exactly", (targetInstances) => {
    const fleet = generateDemoFleet({ seed: 5, targetInstances });
    expect(fleet.inventory.instances).toHaveLength(targetInstances);
    const servicesWithInstances = new Set(fleet.inventory.instances.map((i) => i.serviceId));
    expect(servicesWithInstances.size).toBe(fleet.inventory.services.length);
  });

  it("rejects contradictory or out-of-range shapes with a message", () => {
    expect(() => generateDemoFleet({ seed: 1, targetInstances: 500, services: 20 })).toThrow(/one or the other/);
    expect(() => generateDemoFleet({ seed: 1, targetInstances: 20_000 })).toThrow();
    expect(() => generateDemoFleet({ seed: 1, instancesPerService: [8, 3] })).toThrow(/min ≤ max/);
  });
});
