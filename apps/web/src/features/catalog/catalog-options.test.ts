import { describe, expect, it } from "vitest";
import type { FleetCatalog } from "../../lib/api-types.ts";
import { tinyFleetCatalog } from "../../test-support/tiny-fleet.ts";
import {
  catalogLacksRegion,
  catalogProblem,
  findCatalogRegion,
  regionOptions,
  serviceOptions,
} from "./catalog-options.ts";

const catalog = tinyFleetCatalog();

describe("catalog options", () => {
  it("offers every region by name, including one with no instances", () => {
    expect(regionOptions(catalog)).toEqual([
      { id: "ap-south", name: "AP South" },
      { id: "eu-west", name: "EU West" },
      { id: "us-east", name: "US East" },
    ]);
  });

  it("offers every service by name, not by id", () => {
    const renamed: FleetCatalog = {
      ...catalog,
      services: catalog.services.map((s) => (s.id === "search" ? { ...s, name: "a-search" } : s)),
    };
    expect(serviceOptions(renamed)).toEqual([
      { id: "search", name: "a-search" },
      { id: "batch-etl", name: "batch-etl" },
      { id: "checkout", name: "checkout" },
    ]);
  });

  it("offers nothing before a catalog was read", () => {
    expect(regionOptions(undefined)).toEqual([]);
    expect(serviceOptions(null)).toEqual([]);
  });
});

describe("catalogLacksRegion", () => {
  it("finds a region the catalog lists", () => {
    expect(findCatalogRegion(catalog, "us-east")).toMatchObject({ name: "US East", instances: 4 });
    expect(catalogLacksRegion(catalog, "ap-south")).toBe(false);
  });

  it("says a region is missing only when a catalog was read without it", () => {
    expect(catalogLacksRegion(catalog, "mars-1")).toBe(true);
    expect(catalogLacksRegion(null, "mars-1")).toBe(false);
    expect(catalogLacksRegion(undefined, "mars-1")).toBe(false);
    expect(catalogLacksRegion(catalog, undefined)).toBe(false);
  });
});

describe("catalogProblem", () => {
  it("names the error only while there is no catalog to show", () => {
    const failure = new Error("fetch failed");
    expect(catalogProblem({ data: undefined, error: failure })).toBe("fetch failed");
    expect(catalogProblem({ data: { catalog, sources: [] }, error: failure })).toBeNull();
    expect(catalogProblem({ data: undefined, error: null })).toBeNull();
  });
});
