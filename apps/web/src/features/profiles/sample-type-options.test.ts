import { describe, expect, it } from "vitest";
import { sampleTypeOptions, sampleTypeParam } from "./sample-type-options.ts";

describe("sample type switch", () => {
  const heap = [
    { type: "alloc_objects", unit: "count" },
    { type: "alloc_space", unit: "bytes" },
    { type: "inuse_objects", unit: "count" },
    { type: "inuse_space", unit: "bytes" },
  ];

  it("offers the default first, the rest in profile order", () => {
    expect(sampleTypeOptions(heap, "inuse_space").map((t) => t.type)).toEqual([
      "inuse_space",
      "alloc_objects",
      "alloc_space",
      "inuse_objects",
    ]);
  });

  it("leaves the default out of the URL", () => {
    expect(sampleTypeParam("inuse_space", "inuse_space")).toBeUndefined();
    expect(sampleTypeParam("alloc_space", "inuse_space")).toBe("alloc_space");
  });
});
