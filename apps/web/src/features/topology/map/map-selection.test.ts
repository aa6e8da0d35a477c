import { describe, expect, it } from "vitest";
import { parseSelection, placementFilterOf } from "./map-selection.ts";

describe("the map's URL state", () => {
  it("reads sel as kind:id, ids with colons included, and drops anything else", () => {
    expect(parseSelection("instance:checkout-eu-1")).toEqual({
      kind: "instance",
      id: "checkout-eu-1",
      key: "instance:checkout-eu-1",
    });
    expect(parseSelection("node:host:2379")).toEqual({ kind: "node", id: "host:2379", key: "node:host:2379" });
    expect(parseSelection("cluster:eu-k8s")?.kind).toBe("cluster");
    for (const bad of [undefined, "", "checkout", "pod:x", "instance:", "instance:a b"])
      expect(parseSelection(bad)).toBeNull();
  });

  it("turns the URL's filters into the rollup's, and says when the label is not key=value", () => {
    expect(placementFilterOf({})).toEqual({ filter: { health: "all" }, labelProblem: null });
    expect(placementFilterOf({ service: "checkout", label: "tier=critical", health: "unhealthy" })).toEqual({
      filter: { serviceId: "checkout", label: { key: "tier", value: "critical" }, health: "unhealthy" },
      labelProblem: null,
    });
    const bad = placementFilterOf({ label: "critical" });
    expect(bad.filter).toEqual({ health: "all" });
    expect(bad.labelProblem).toMatch(/not key=value/);
    expect(placementFilterOf({ label: "  " }).labelProblem).toBeNull();
  });
});
