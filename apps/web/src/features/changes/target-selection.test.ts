import { describe, expect, it } from "vitest";
import { selectTarget } from "./target-selection.ts";

const instance = (id: string, regionId: string) => ({
  id,
  serviceId: "checkout",
  regionId,
  zoneId: `${regionId}-a`,
  clusterId: `${regionId}-k8s`,
  nodeId: `${id}-node`,
});
const instances = [instance("c1", "eu-west"), instance("c2", "eu-west"), instance("c3", "us-east")];

describe("what a change's target selects", () => {
  it("is every instance of the service for an empty selector, by region for a narrower one", () => {
    expect(selectTarget({ serviceId: "checkout", selector: "" }, instances)).toEqual({
      kind: "selected",
      instanceIds: ["c1", "c2", "c3"],
      regionIds: ["eu-west", "us-east"],
    });
    expect(selectTarget({ serviceId: "checkout", selector: "region = us-east" }, instances)).toMatchObject({
      instanceIds: ["c3"],
      regionIds: ["us-east"],
    });
  });

  it("names a selector that does not parse, or matches nothing, before asking the server", () => {
    expect(selectTarget({ serviceId: "checkout", selector: "region in (eu-west" }, instances)).toEqual({
      kind: "invalid",
      message: expect.stringMatching(/^label selector, column \d+: expected/),
    });
    expect(selectTarget({ serviceId: "checkout", selector: "region = mars" }, instances)).toEqual({
      kind: "invalid",
      message: "matches none of the service's 3 instances",
    });
    expect(selectTarget({ serviceId: "checkout", selector: "zone != x" }, null)).toEqual({ kind: "unknown" });
  });
});
