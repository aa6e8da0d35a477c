import { describe, expect, it } from "vitest";
import { diffTop } from "./profile-diff-top.ts";
import { profileFromStacks, stacks } from "./profile-fixture.test-support.ts";

const before = profileFromStacks(stacks(["main;handle;json.Marshal", 50], ["main;handle;db.Query", 50]));
const after = profileFromStacks(
  stacks(["main;handle;json.Marshal", 50], ["main;handle;db.Query", 100], ["main;handle;cache.Get", 50]),
);

describe("diffTop", () => {
  it("ranks functions by the change in their share of the profile, not in volume", () => {
    const top = diffTop(before, after);
    expect(top).toMatchObject({ sampleType: "cpu", unit: "nanoseconds", baseTotal: 100, targetTotal: 200 });
    // json.Marshal did as much work as before but fell from half the profile to a quarter; ties go by name.
    expect(top.functions).toEqual([
      {
        name: "cache.Get",
        baseFlat: 0,
        targetFlat: 50,
        baseCum: 0,
        targetCum: 50,
        flatShareChange: 0.25,
        cumShareChange: 0.25,
      },
      {
        name: "json.Marshal",
        baseFlat: 50,
        targetFlat: 50,
        baseCum: 50,
        targetCum: 50,
        flatShareChange: -0.25,
        cumShareChange: -0.25,
      },
      {
        name: "db.Query",
        baseFlat: 50,
        targetFlat: 100,
        baseCum: 50,
        targetCum: 100,
        flatShareChange: 0,
        cumShareChange: 0,
      },
      {
        name: "handle",
        baseFlat: 0,
        targetFlat: 0,
        baseCum: 100,
        targetCum: 200,
        flatShareChange: 0,
        cumShareChange: 0,
      },
      { name: "main", baseFlat: 0, targetFlat: 0, baseCum: 100, targetCum: 200, flatShareChange: 0, cumShareChange: 0 },
    ]);
  });

  it("counts a recursive function's cum once per sample", () => {
    const recursive = profileFromStacks(stacks(["main;walk;walk;walk", 10]));
    const walk = diffTop(before, recursive).functions.find((f) => f.name === "walk");
    expect(walk).toMatchObject({ targetFlat: 10, targetCum: 10, flatShareChange: 1, cumShareChange: 1 });
  });

  it("compares the sample type asked for, which both profiles must have", () => {
    const types = [
      { type: "alloc_objects", unit: "count" },
      { type: "alloc_space", unit: "bytes" },
    ];
    const small = profileFromStacks([{ stack: ["make", "main"], values: [1, 100] }], types);
    const big = profileFromStacks([{ stack: ["make", "main"], values: [1, 400] }], types);
    expect(diffTop(small, big, "alloc_space")).toMatchObject({ unit: "bytes", baseTotal: 100, targetTotal: 400 });
    expect(diffTop(small, big).sampleType).toBe("alloc_space");
    expect(() => diffTop(before, big)).toThrow('sample type "alloc_space" is not in the base profile, which has cpu');
    expect(() => diffTop(small, big, "cpu")).toThrow('unknown sample type "cpu"');
  });

  it("treats an empty profile as a zero share everywhere", () => {
    const top = diffTop(profileFromStacks([]), before);
    expect(top.baseTotal).toBe(0);
    expect(top.functions.find((f) => f.name === "db.Query")?.flatShareChange).toBe(0.5);
  });
});
