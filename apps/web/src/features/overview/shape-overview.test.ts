import { describe, expect, it } from "vitest";
import { tinyFleetOverview } from "../../test-support/tiny-fleet.ts";
import { shapeOverview, sortServices } from "./shape-overview.ts";

const overview = tinyFleetOverview();

describe("shapeOverview for the whole fleet", () => {
  const model = shapeOverview(overview, { region: undefined, sort: "gcCpuCores" });

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
    expect(model.unknownRegionId).toBeNull();
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

describe("shapeOverview narrowed to a region", () => {
  const model = shapeOverview(overview, { region: "us-east", sort: "gcCpuCores" });

  it("shows the region's own totals", () => {
    expect(model.region?.regionName).toBe("US East");
    expect(model.stats.map((s) => [s.label, s.value])).toEqual([
      ["Clusters", "1"],
      ["Instances", "4"],
      ["Unhealthy", "1"],
      ["GC CPU", "1.60 cores"],
      ["Worst pause p99", "200 µs"],
    ]);
  });

  it("keeps only that region's instances in the instance leaderboards", () => {
    expect(model.worstPauses.every((p) => p.regionId === "us-east")).toBe(true);
    expect(model.worstPauses.map((p) => p.instanceId).sort()).toEqual([
      "batch-etl-1",
      "checkout-2",
      "search-2",
      "search-3",
    ]);
    expect(model.leastHeadroom.every((h) => h.regionId === "us-east")).toBe(true);
  });

  it("keeps the service leaderboard fleet-wide (the overview has no per-region service cost)", () => {
    expect(model.services).toHaveLength(3);
  });

  it("reports a region the fleet does not have and shows the fleet instead", () => {
    const unknown = shapeOverview(overview, { region: "mars-1", sort: "gcCpuCores" });
    expect(unknown.unknownRegionId).toBe("mars-1");
    expect(unknown.region).toBeNull();
    expect(unknown.worstPauses).toHaveLength(overview.worstPauseInstances.length);
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
