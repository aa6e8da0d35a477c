import { ObservedInventory } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { buildKubernetesInventory, type InventoryOptions } from "./kubernetes-inventory.ts";
import { defaultServiceLabels } from "./pod-instances.ts";
import { clusterObjectsOf, nodeJson, podJson, sampleCluster } from "./testing/kubernetes-fixtures.ts";

const options: InventoryOptions = {
  regionLabel: "topology.kubernetes.io/region",
  zoneLabel: "topology.kubernetes.io/zone",
  serviceLabels: defaultServiceLabels,
};

const prodEu = () => ({ contextName: "prod-eu", clusterId: "prod-eu", objects: clusterObjectsOf(sampleCluster()) });

describe("buildKubernetesInventory", () => {
  it("places a context's nodes by their topology labels, in one cluster of the nodes' region", () => {
    const inventory = buildKubernetesInventory([prodEu()], options);
    expect(ObservedInventory.safeParse(inventory).success).toBe(true);
    expect(inventory.regions).toEqual([{ id: "eu-west-1", name: "eu-west-1", utcOffsetHours: null }]);
    expect(inventory.zones.map((zone) => [zone.id, zone.regionId])).toEqual([
      ["eu-west-1a", "eu-west-1"],
      ["eu-west-1b", "eu-west-1"],
    ]);
    expect(inventory.clusters).toEqual([{ id: "prod-eu", name: "prod-eu", regionId: "eu-west-1", kind: "kubernetes" }]);
    expect(inventory.nodes).toContainEqual({
      id: "prod-eu.worker-b",
      name: "worker-b",
      clusterId: "prod-eu",
      zoneId: "eu-west-1b",
      cpuCores: 3.8,
      memoryBytes: 16 * 1024 ** 3,
    });
    expect(inventory.nodeReady).toEqual({
      "prod-eu.control-plane": true,
      "prod-eu.worker-a": true,
      "prod-eu.worker-b": true,
    });
    expect(inventory.warnings).toEqual([]);
  });

  it("makes every pod meant to run an instance of the service its labels or workload name", () => {
    const inventory = buildKubernetesInventory([prodEu()], options);
    // checkout and node-exporter by app.kubernetes.io/name, ledger by app, the bare pod by its own name.
    expect(inventory.services.map((service) => service.id)).toEqual([
      "checkout",
      "debug-shell",
      "ledger",
      "node-exporter",
    ]);
    const checkout = inventory.instances.find((instance) => instance.id === "prod-eu.shop.checkout-7d9f8b6c5-m4k9z");
    expect(checkout).toMatchObject({
      serviceId: "checkout",
      clusterId: "prod-eu",
      regionId: "eu-west-1",
      zoneId: "eu-west-1b",
      nodeId: "prod-eu.worker-b",
      cpuLimitCores: 1,
      memoryLimitBytes: 512 * 1024 ** 2,
    });
    // The finished Job's pod is not an instance.
    expect(inventory.instances.map((instance) => instance.id)).not.toContain(
      "prod-eu.shop.migrate-schema-28471930-k2x8d",
    );
    expect(inventory.instances).toHaveLength(7);
    expect(inventory.instanceLabels?.["prod-eu.shop.ledger-0"]).toEqual({
      app: "ledger",
      "apps.kubernetes.io/pod-index": "0",
      namespace: "shop",
    });
  });

  it("names services after the owning workload when the pods lack the service labels", () => {
    const inventory = buildKubernetesInventory([prodEu()], { ...options, serviceLabels: ["team.example.com/service"] });
    const serviceOf = (id: string) => inventory.instances.find((instance) => instance.id === id)?.serviceId;
    expect(serviceOf("prod-eu.shop.checkout-7d9f8b6c5-x2x7q")).toBe("checkout");
    expect(serviceOf("prod-eu.shop.ledger-0")).toBe("ledger");
    expect(serviceOf("prod-eu.monitoring.node-exporter-q7wz4")).toBe("node-exporter");
    expect(serviceOf("prod-eu.default.debug-shell")).toBe("debug-shell");
  });

  it("counts a pod up only when it is Running and Ready", () => {
    const fixture = sampleCluster();
    fixture.pods.push(
      podJson({ namespace: "shop", name: "starting", labels: { app: "api" }, ready: false }),
      podJson({ namespace: "shop", name: "crashed", labels: { app: "api" }, phase: "Failed", ready: false }),
    );
    const inventory = buildKubernetesInventory(
      [{ contextName: "prod-eu", clusterId: "prod-eu", objects: clusterObjectsOf(fixture) }],
      options,
    );
    expect(inventory.instanceUp["prod-eu.shop.checkout-7d9f8b6c5-x2x7q"]).toBe(true);
    expect(inventory.instanceUp["prod-eu.shop.starting"]).toBe(false);
    expect(inventory.instanceUp["prod-eu.shop.crashed"]).toBe(false);
  });

  it("puts nodes without topology labels in region 'unknown' with a warning naming them and their pods", () => {
    const fixture = sampleCluster();
    fixture.nodes.push(nodeJson({ name: "bare-metal-7" }));
    fixture.pods.push(podJson({ namespace: "shop", name: "api-1", nodeName: "bare-metal-7", labels: { app: "api" } }));
    const inventory = buildKubernetesInventory(
      [{ contextName: "lab", clusterId: "lab", objects: clusterObjectsOf(fixture) }],
      options,
    );
    expect(inventory.regions.map((region) => region.id)).toEqual(["eu-west-1", "unknown"]);
    expect(inventory.nodes.find((node) => node.name === "bare-metal-7")?.zoneId).toBe("unknown.unknown");
    expect(inventory.instances.find((instance) => instance.id === "lab.shop.api-1")?.regionId).toBe("unknown");
    expect(inventory.warnings).toEqual([
      {
        message:
          'context "lab": 1 node without the "topology.kubernetes.io/region" label, shown in region "unknown": bare-metal-7',
        instanceIds: ["lab.shop.api-1"],
      },
      {
        message:
          'context "lab": 1 node without the "topology.kubernetes.io/zone" label, shown in an unknown zone of their region: bare-metal-7',
        instanceIds: ["lab.shop.api-1"],
      },
    ]);
  });

  it("shows a pod not scheduled yet on a placeholder node of its cluster's region, with a warning", () => {
    const fixture = sampleCluster();
    fixture.pods.push(podJson({ namespace: "shop", name: "api-2", nodeName: null, labels: { app: "api" } }));
    const inventory = buildKubernetesInventory(
      [{ contextName: "prod-eu", clusterId: "prod-eu", objects: clusterObjectsOf(fixture) }],
      options,
    );
    expect(inventory.instances.find((instance) => instance.id === "prod-eu.shop.api-2")).toMatchObject({
      nodeId: "prod-eu.unscheduled",
      regionId: "eu-west-1",
      zoneId: "eu-west-1.unknown",
    });
    expect(inventory.instanceUp["prod-eu.shop.api-2"]).toBe(false);
    expect(inventory.nodes.find((node) => node.id === "prod-eu.unscheduled")?.name).toBe("(unscheduled)");
    expect(inventory.warnings).toContainEqual({
      message: 'context "prod-eu": 1 pod not scheduled on a node yet: shop/api-2',
      instanceIds: ["prod-eu.shop.api-2"],
    });
  });

  it("keeps two contexts' clusters, nodes and pods apart even when their names repeat", () => {
    const inventory = buildKubernetesInventory(
      [
        prodEu(),
        {
          contextName: "kind-us",
          clusterId: "kind-us",
          objects: clusterObjectsOf(sampleCluster({ region: "us-east-1" })),
        },
      ],
      options,
    );
    expect(inventory.clusters.map((cluster) => [cluster.id, cluster.regionId])).toEqual([
      ["prod-eu", "eu-west-1"],
      ["kind-us", "us-east-1"],
    ]);
    expect(inventory.nodes.filter((node) => node.name === "worker-a").map((node) => node.id)).toEqual([
      "prod-eu.worker-a",
      "kind-us.worker-a",
    ]);
    expect(inventory.instances).toHaveLength(14);
    expect(new Set(inventory.instances.map((instance) => instance.id)).size).toBe(14);
  });

  it("qualifies a zone name that does not carry its region", () => {
    const fixture = sampleCluster();
    fixture.nodes = [nodeJson({ name: "rack-1", region: "lab", zone: "a" })];
    fixture.pods = [];
    const inventory = buildKubernetesInventory(
      [{ contextName: "lab", clusterId: "lab", objects: clusterObjectsOf(fixture) }],
      options,
    );
    expect(inventory.zones).toEqual([{ id: "lab.a", regionId: "lab", name: "a" }]);
  });
});
