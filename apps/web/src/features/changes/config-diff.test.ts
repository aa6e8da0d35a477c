import { describe, expect, it } from "vitest";
import { configDiffRows, describePatch, formatConfigValue } from "./config-diff.ts";

const GiB = 1024 ** 3;

describe("a patch in words", () => {
  it("names each setting and its new value", () => {
    expect(describePatch({ gogc: 150 })).toBe("GOGC → 150");
    expect(
      describePatch({ gogc: "off", memoryLimitBytes: 1.5 * GiB, grayRatio: 0.25, custom: { "feature.x": "on" } }),
    ).toBe("GOGC → off · GOMEMLIMIT → 1.5 GiB · Gray ratio → 25 % · feature.x → on");
    expect(describePatch({ memoryLimitBytes: null, grayRatio: null, custom: { old: null } })).toBe(
      "GOMEMLIMIT → none · Gray ratio → none · old → deleted",
    );
    expect(formatConfigValue("gomaxprocs", undefined)).toBe("not reported");
  });
});

describe("the diff of a patch against the target", () => {
  it("shows one value when the target agrees, and the split when it does not", () => {
    const rows = configDiffRows({ gogc: 150, memoryLimitBytes: 2 * GiB }, [
      { gogc: 100, memoryLimitBytes: null },
      { gogc: 100, memoryLimitBytes: null },
      { gogc: 80, memoryLimitBytes: null },
    ]);
    expect(rows).toEqual([
      { key: "gogc", label: "GOGC", before: "100 on 2 · 80 on 1", after: "150", changes: true },
      { key: "memoryLimitBytes", label: "GOMEMLIMIT", before: "none", after: "2.0 GiB", changes: true },
    ]);
  });

  it("says when the target already runs the value, and when it cannot know", () => {
    expect(configDiffRows({ gogc: 100 }, [{ gogc: 100 }, { gogc: 100 }])[0]).toMatchObject({
      before: "100",
      changes: false,
    });
    expect(configDiffRows({ gogc: 100 }, [])[0]).toMatchObject({ before: "unknown", changes: true });
    expect(configDiffRows({ custom: { mode: "fast" } }, [{ gogc: 100 }])[0]).toMatchObject({
      label: "mode",
      before: "not reported",
      after: "fast",
    });
  });
});
