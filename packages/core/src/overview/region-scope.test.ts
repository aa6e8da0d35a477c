import { describe, expect, it } from "vitest";
import type { ObservedInventory } from "../model/inventory.ts";
import { catalogFleet } from "./fleet-catalog.ts";
import { scopeInventoryToRegion } from "./region-scope.ts";
import { tinyInventory } from "./test-fixtures.ts";

describe("scopeInventoryToRegion", () => {
  it("keeps one region's clusters, instances and the services running there", () => {
    const scoped = scopeInventoryToRegion(tinyInventory(), "eu-west");
    expect(scoped?.regions.map((r) => r.id)).toEqual(["eu-west"]);
    expect(scoped?.clusters.map((c) => c.id)).toEqual(["eu-west-k8s"]);
    expect(scoped?.instances.map((i) => i.id)).toEqual(["checkout-1", "search-1"]);
    expect(scoped?.services.map((s) => s.id)).toEqual(["checkout", "search"]);
  });

  it("keeps the warnings about the region's instances and those about the whole source", () => {
    const observed: ObservedInventory = {
      ...tinyInventory(),
      warnings: [
        { message: "no region label", instanceIds: [] },
        { message: "two services claim it", instanceIds: ["checkout-1"] },
        { message: "node unknown", instanceIds: ["checkout-2"] },
      ],
    };
    const scoped = scopeInventoryToRegion(observed, "eu-west");
    expect(scoped?.warnings?.map((w) => w.message)).toEqual(["no region label", "two services claim it"]);
  });

  it("answers null for a region the fleet does not have", () => {
    expect(scopeInventoryToRegion(tinyInventory(), "mars-north")).toBeNull();
  });
});

describe("catalogFleet", () => {
  it("lists every service with its instance count and regions, and every region with its clusters", () => {
    const catalog = catalogFleet(tinyInventory());
    expect(catalog.services.map((s) => [s.id, s.instances, s.regionIds])).toEqual([
      ["checkout", 2, ["eu-west", "us-east"]],
      ["search", 2, ["eu-west", "us-east"]],
    ]);
    const eu = catalog.regions.find((r) => r.id === "eu-west");
    expect(eu?.clusters).toEqual([expect.objectContaining({ id: "eu-west-k8s", instances: 2 })]);
    expect(eu?.serviceIds).toEqual(["checkout", "search"]);
    expect(eu?.instances).toBe(2);
  });
});
