import type { ObservedInventory } from "@fleetdeck/core";
import type { ObservedFleetSource } from "@fleetdeck/sources";
import { describe, expect, it } from "vitest";
import { createServerMetrics } from "../infra/metrics.ts";
import { SourceRegistry } from "./source-registry.ts";

const emptyInventory: ObservedInventory = {
  regions: [],
  zones: [],
  clusters: [],
  nodes: [],
  services: [],
  instances: [],
};

/** A stand-in source: only its inventory matters here. */
function sourceWith(inventory: ObservedInventory): ObservedFleetSource {
  return {
    id: "prod-eu",
    kind: "prometheus",
    ping: async () => {},
    inventory: async () => inventory,
    serviceEdges: async () => [],
    gcSnapshot: async () => [],
    gcSeries: async () => [],
  };
}

describe("SourceRegistry.describeAll", () => {
  it("shows the warnings of the latest inventory seen, the first few listed and all counted", async () => {
    const warnings = Array.from({ length: 25 }, (_, i) => ({
      message: `series ${i} has no job label`,
      instanceIds: [],
    }));
    const source = sourceWith({ ...emptyInventory, warnings });
    const registry = new SourceRegistry([source], 1_000, createServerMetrics(), () => 42);
    expect(registry.describeAll()[0]).toMatchObject({ warnings: [], warningCount: 0, url: null, lastOkAtMs: null });

    const inventory = await registry.call(source, "inventory", (s) => s.inventory());
    registry.noteInventory(source.id, inventory);
    const [described] = registry.describeAll();
    expect(described).toMatchObject({ sourceId: "prod-eu", ok: true, lastOkAtMs: 42, warningCount: 25 });
    expect(described?.warnings).toHaveLength(20);
    expect(described?.warnings[0]).toBe("series 0 has no job label");

    registry.noteInventory(source.id, emptyInventory);
    expect(registry.describeAll()[0]).toMatchObject({ warnings: [], warningCount: 0 });
  });
});
