import { describe, expect, it } from "vitest";
import { createDemoFleet } from "./demo-fleet.ts";
import { demoServiceDiscovery } from "./service-discovery.ts";

describe("demoServiceDiscovery", () => {
  it("lists one target group per instance at the console's address, placed by the default label names", async () => {
    const inventory = await createDemoFleet({ seed: 42 }).inventory();
    const groups = demoServiceDiscovery(inventory, { address: "127.0.0.1:4000" });
    expect(groups).toHaveLength(inventory.instances.length);
    const instance = inventory.instances[0];
    expect(groups[0]).toEqual({
      targets: ["127.0.0.1:4000"],
      labels: {
        __metrics_path__: `/demo/metrics/${instance?.id}`,
        instance: instance?.id,
        job: instance?.serviceId,
        topology_kubernetes_io_region: instance?.regionId,
        topology_kubernetes_io_zone: instance?.zoneId,
        cluster: instance?.clusterId,
        node: instance?.nodeId,
      },
    });
  });

  it("uses the label names and path a source is configured with", async () => {
    const inventory = await createDemoFleet({ seed: 42 }).inventory();
    const [group] = demoServiceDiscovery(inventory, {
      address: "console:80",
      metricsPathPrefix: "/m/",
      labels: { service: "app", region: "region" },
    });
    expect(group?.labels).toMatchObject({
      app: inventory.instances[0]?.serviceId,
      region: inventory.instances[0]?.regionId,
    });
    expect(group?.labels.__metrics_path__).toBe(`/m/${inventory.instances[0]?.id}`);
  });

  it("labels every target with where the console serves its pprof, when told", async () => {
    const inventory = await createDemoFleet({ seed: 42 }).inventory();
    const groups = demoServiceDiscovery(inventory, {
      address: "console:80",
      pprofUrlPrefix: "http://console:80/demo/pprof/",
    });
    expect(groups[1]?.labels.fleetdeck_pprof_url).toBe(`http://console:80/demo/pprof/${inventory.instances[1]?.id}`);
    expect(demoServiceDiscovery(inventory, { address: "console:80" })[0]?.labels).not.toHaveProperty(
      "fleetdeck_pprof_url",
    );
  });
});
