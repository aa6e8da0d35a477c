import { describe, expect, it } from "vitest";
import { tinyInventory } from "../overview/test-fixtures.ts";
import { Inventory, ObservedInventory } from "./inventory.ts";

describe("ObservedInventory", () => {
  it("accepts every complete Inventory", () => {
    const observed: ObservedInventory = Inventory.parse(tinyInventory());
    expect(ObservedInventory.parse(observed)).toEqual(tinyInventory());
  });

  it("holds what series labels cannot tell as null, and warnings about what it could not place", () => {
    const inventory = tinyInventory();
    const [instance] = inventory.instances;
    const observed = ObservedInventory.parse({
      ...inventory,
      regions: [{ id: "eu-west", name: "eu-west", utcOffsetHours: null }],
      nodes: [
        {
          id: "10.0.0.1",
          name: "10.0.0.1",
          clusterId: "eu-west-k8s",
          zoneId: "eu-west-a",
          cpuCores: null,
          memoryBytes: null,
        },
      ],
      services: [{ id: "checkout", name: "checkout", owner: null, tier: null }],
      instances: [
        {
          ...instance,
          pprofUrl: null,
          metricsUrl: null,
          goVersion: null,
          runtimeConfig: null,
          cpuLimitCores: undefined,
          memoryLimitBytes: undefined,
        },
      ],
      warnings: [{ message: '1 instance without the "job" label', instanceIds: ["checkout-1"] }],
    });
    expect(observed.instances[0]?.runtimeConfig).toBeNull();
    expect(() => Inventory.parse(observed)).toThrow();
  });
});
