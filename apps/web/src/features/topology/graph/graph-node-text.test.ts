import { describe, expect, it } from "vitest";
import { nodeCaption, nodeTitle } from "./graph-node-text.ts";
import { testNode } from "./test-service-graph.ts";

describe("node text", () => {
  it("names an external node's region after its service", () => {
    expect(nodeTitle(testNode("checkout"))).toBe("checkout");
    expect(nodeTitle(testNode("etcd@eu", { name: "etcd", regionIds: ["eu-west"], external: true }))).toBe(
      "etcd · eu-west",
    );
  });

  it("counts instances, and says how many are unhealthy when any are", () => {
    expect(nodeCaption({ instances: 1, unhealthyInstances: 0 })).toBe("1 instance");
    expect(nodeCaption({ instances: 12, unhealthyInstances: 0 })).toBe("12 instances");
    expect(nodeCaption({ instances: 12, unhealthyInstances: 3 })).toBe("3 of 12 unhealthy");
    expect(nodeCaption({ instances: 0, unhealthyInstances: 0 })).toBe("no instances seen");
  });
});
