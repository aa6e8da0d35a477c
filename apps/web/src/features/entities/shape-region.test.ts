import { describe, expect, it } from "vitest";
import { tinyFleetOverview } from "../../test-support/tiny-fleet.ts";
import { regionDetail } from "./shape-region.ts";

const overview = tinyFleetOverview();

describe("regionDetail", () => {
  it("keeps the region's row and its entries in the fleet leaderboards", () => {
    const detail = regionDetail(overview, "eu-west");
    expect(detail?.region).toMatchObject({ regionName: "EU West", instances: 2, unhealthyInstances: 2 });
    expect(detail?.worstPauses.map((p) => p.instanceId)).toEqual(["checkout-1", "search-1"]);
    expect(detail?.leastHeadroom.map((h) => h.instanceId)).toEqual(["search-1", "checkout-1"]);
    expect(detail?.servicesSeen).toEqual([
      { serviceId: "checkout", serviceName: "checkout" },
      { serviceId: "search", serviceName: "search" },
    ]);
  });

  it("shows a region with no instances as empty, not missing", () => {
    const detail = regionDetail(overview, "ap-south");
    expect(detail?.region.instances).toBe(0);
    expect(detail?.worstPauses).toEqual([]);
    expect(detail?.servicesSeen).toEqual([]);
  });

  it("is null for a region the fleet does not have", () => {
    expect(regionDetail(overview, "mars-1")).toBeNull();
  });
});
