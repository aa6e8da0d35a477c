import { describe, expect, it } from "vitest";
import type { FleetCatalog } from "../../lib/api-types.ts";
import { tinyFleetCatalog } from "../../test-support/tiny-fleet.ts";
import { regionContents } from "./shape-region.ts";

const catalog = tinyFleetCatalog();

describe("regionContents", () => {
  it("lists the region's clusters with instance counts and every service running there", () => {
    const contents = regionContents(catalog, "us-east");
    expect(contents?.region.name).toBe("US East");
    expect(contents?.clusters.map((c) => [c.name, c.kind, c.instances])).toEqual([["us-east-k8s", "kubernetes", 4]]);
    expect(contents?.services).toEqual([
      { id: "batch-etl", name: "batch-etl" },
      { id: "checkout", name: "checkout" },
      { id: "search", name: "search" },
    ]);
  });

  it("names services by their catalog name, sorted by it", () => {
    const renamed: FleetCatalog = {
      ...catalog,
      services: catalog.services.map((s) => (s.id === "search" ? { ...s, name: "Search API" } : s)),
    };
    expect(regionContents(renamed, "eu-west")?.services).toEqual([
      { id: "checkout", name: "checkout" },
      { id: "search", name: "Search API" },
    ]);
  });

  it("shows a region with nothing running as empty, not missing", () => {
    expect(regionContents(catalog, "ap-south")).toMatchObject({ clusters: [], services: [] });
  });

  it("is null for a region the catalog does not have", () => {
    expect(regionContents(catalog, "mars-1")).toBeNull();
  });
});
