import { describe, expect, it } from "vitest";
import { profileFromStacks, stacks } from "./profile-fixture.test-support.ts";
import { ProfileQueryError } from "./profile-query-error.ts";
import { computeTop, sampleTypeIndexOf } from "./profile-top.ts";

describe("computeTop", () => {
  it("gives flat to the leaf function and cum to every function on the stack", () => {
    const profile = profileFromStacks(stacks(["main;work;malloc", 30], ["main;work", 10], ["main;gc", 5]));
    expect(computeTop(profile, 0)).toEqual({
      sampleType: "cpu",
      unit: "nanoseconds",
      total: 45,
      functions: [
        { name: "malloc", flat: 30, cum: 30 },
        { name: "work", flat: 10, cum: 40 },
        { name: "gc", flat: 5, cum: 5 },
        { name: "main", flat: 0, cum: 45 },
      ],
    });
  });

  it("counts a recursive function once per sample in cum", () => {
    const profile = profileFromStacks(stacks(["main;walk;walk;walk;visit", 7], ["main;walk;walk", 3]));
    const walk = computeTop(profile, 0).functions.find((fn) => fn.name === "walk");
    expect(walk).toEqual({ name: "walk", flat: 3, cum: 10 });
  });

  it("sorts by |flat| descending, then by name, as pprof -top does", () => {
    const profile = profileFromStacks(stacks(["root;b", 5], ["root;a", 5], ["root;c", -9], ["root;z;y", 1]));
    expect(computeTop(profile, 0).functions.map((fn) => fn.name)).toEqual(["c", "a", "b", "y", "root", "z"]);
  });

  it("sums absolute values for the total, as pprof does for diff profiles, and keeps signs per function", () => {
    const profile = profileFromStacks(stacks(["main;grow", 40], ["main;shrink", -15]));
    const top = computeTop(profile, 0);
    expect(top.total).toBe(55);
    expect(top.functions).toContainEqual({ name: "main", flat: 0, cum: 25 });
    expect(top.functions).toContainEqual({ name: "shrink", flat: -15, cum: -15 });
  });

  it("leaves out functions that only appear in zero-valued samples", () => {
    const profile = profileFromStacks(
      [
        { stack: ["leak", "main"], values: [4, 4096] },
        { stack: ["idle", "main"], values: [0, 0] },
      ],
      [
        { type: "inuse_objects", unit: "count" },
        { type: "inuse_space", unit: "bytes" },
      ],
    );
    const top = computeTop(profile, 1);
    expect(top).toMatchObject({ sampleType: "inuse_space", unit: "bytes", total: 4096 });
    expect(top.functions.map((fn) => fn.name)).toEqual(["leak", "main"]);
  });

  it("orders names by code point, as Go compares strings", () => {
    const profile = profileFromStacks(stacks(["r;\u{1F600}", 1], ["r;\uFF21", 1]));
    expect(
      computeTop(profile, 0)
        .functions.map((fn) => fn.name)
        .slice(0, 2),
    ).toEqual(["\uFF21", "\u{1F600}"]);
  });

  it("rejects a sample type index outside the profile", () => {
    const profile = profileFromStacks(stacks(["main", 1]));
    expect(() => computeTop(profile, 1)).toThrow(/sample type index 1 is outside 0..0/);
  });
});

describe("sampleTypeIndexOf", () => {
  const profile = profileFromStacks(
    [{ stack: ["main"], values: [1, 2, 3, 4] }],
    [
      { type: "alloc_objects", unit: "count" },
      { type: "alloc_space", unit: "bytes" },
      { type: "objects", unit: "count" },
      { type: "space", unit: "bytes" },
    ],
  );

  it("returns the default type when no name is given", () => {
    expect(sampleTypeIndexOf(profile)).toBe(3);
    expect(sampleTypeIndexOf({ ...profile, defaultSampleTypeIndex: 1 })).toBe(1);
  });

  it("finds a type by name, and the legacy inuse_ names", () => {
    expect(sampleTypeIndexOf(profile, "alloc_space")).toBe(1);
    expect(sampleTypeIndexOf(profile, "inuse_objects")).toBe(2);
  });

  it("names the known types when the name is unknown", () => {
    expect(() => sampleTypeIndexOf(profile, "cpu")).toThrow(ProfileQueryError);
    expect(() => sampleTypeIndexOf(profile, "cpu")).toThrow(
      'unknown sample type "cpu": this profile has alloc_objects, alloc_space, objects, space',
    );
  });
});
