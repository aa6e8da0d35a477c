import { describe, expect, it } from "vitest";
import { tinyFleetOverview } from "../../test-support/tiny-fleet.ts";
import { shapeOverview, sortServices } from "./shape-overview.ts";

const overview = tinyFleetOverview();

describe("shapeOverview for the whole fleet", () => {
  const model = shapeOverview(overview, { regionId: undefined, sort: "gcCpuCores" });

  it("shows fleet totals with units and health tones", () => {
    expect(model.stats).toEqual([
      { label: "Regions", value: "3" },
      { label: "Clusters", value: "2" },
      { label: "Services", value: "3" },
      { label: "Instances", value: "6" },
      { label: "Healthy", value: "3", tone: "good" },
      { label: "Unhealthy", value: "3", tone: "bad" },
      { label: "GC CPU", value: "3.20 cores" },
    ]);
    expect(model.region).toBeNull();
  });

  it("keeps the server's leaderboards and lists unhealthy regions first", () => {
    expect(model.services.map((s) => s.serviceId)).toEqual(["checkout", "batch-etl", "search"]);
    expect(model.worstPauses[0]?.instanceId).toBe("checkout-1");
    expect(model.leastHeadroom[0]?.instanceId).toBe("search-1");
    expect(model.regions.map((r) => [r.regionId, r.unhealthyInstances])).toEqual([
      ["eu-west", 2],
      ["us-east", 1],
      ["ap-south", 0],
    ]);
  });
});

describe("shapeOverview of a region's own overview", () => {
  const model = shapeOverview(tinyFleetOverview("us-east"), { regionId: "us-east", sort: "gcCpuCores" });

  it("shows the region's totals from the server, with its worst pause", () => {
    expect(model.region?.regionName).toBe("US East");
    expect(model.stats.map((s) => [s.label, s.value])).toEqual([
      ["Clusters", "1"],
      ["Services", "3"],
      ["Instances", "4"],
      ["Healthy", "3"],
      ["Unhealthy", "1"],
      ["GC CPU", "1.60 cores"],
      ["Worst pause p99", "200 µs"],
    ]);
  });

  it("shows the region's own services leaderboard, not the fleet's", () => {
    expect(model.services.map((s) => [s.serviceId, s.instances])).toEqual([
      ["batch-etl", 1],
      ["checkout", 1],
      ["search", 2],
    ]);
    expect(model.worstPauses.map((p) => p.instanceId).sort()).toEqual([
      "batch-etl-1",
      "checkout-2",
      "search-2",
      "search-3",
    ]);
    expect(model.regions.map((r) => r.regionId)).toEqual(["us-east"]);
  });

  it("falls back to fleet totals if the answer does not hold the region asked for", () => {
    const mismatched = shapeOverview(overview, { regionId: "mars-1", sort: "gcCpuCores" });
    expect(mismatched.region).toBeNull();
    expect(mismatched.stats[0]).toEqual({ label: "Regions", value: "3" });
  });
});

describe("sortServices", () => {
  it("orders by the chosen column, largest first", () => {
    const ids = (sort: Parameters<typeof sortServices>[1]) =>
      sortServices(overview.topGcCpuServices, sort).map((s) => s.serviceId);
    expect(ids("gcCpuCores")).toEqual(["checkout", "batch-etl", "search"]);
    expect(ids("meanGcCpuFraction")).toEqual(["batch-etl", "checkout", "search"]);
    expect(ids("instances")).toEqual(["search", "checkout", "batch-etl"]);
  });
});
