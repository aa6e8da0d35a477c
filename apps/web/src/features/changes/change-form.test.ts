import { ChangeContent, defaultRolloutPlan } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import {
  type ChangeForm,
  changeContentOf,
  changeFormOf,
  emptyChangeForm,
  exactByteSize,
  fieldOfServerMessage,
} from "./change-form.ts";

const MiB = 1024 ** 2;

function form(fields: Partial<ChangeForm> = {}): ChangeForm {
  return { ...emptyChangeForm("checkout", ["eu-west", "us-east"]), title: "GOGC up", ...fields };
}

describe("a change from its form", () => {
  it("starts from core's default plan over the service's regions, five-minute bakes", () => {
    const empty = emptyChangeForm("checkout", ["eu-west", "us-east"]);
    const plan = defaultRolloutPlan(["eu-west", "us-east"], { bakeSeconds: 300 });
    expect(empty.stages.map((s) => s.name)).toEqual(plan.stages.map((s) => s.name));
    expect(empty.stages[0]).toEqual({
      name: plan.stages[0]?.name,
      regionId: "eu-west",
      sizeKind: "instances",
      size: "1",
      bakeSeconds: "300",
    });
    // Every gate has a row; the GC ones are on, error ratio and latency (no data anywhere yet) off.
    expect(empty.gates.filter((g) => g.enabled).map((g) => g.metric)).toEqual([
      "gcPauseP99",
      "gcCpuFraction",
      "heapToLimit",
    ]);
    expect(empty.gates).toHaveLength(5);
  });

  it("builds the content the server takes, with units people write", () => {
    const result = changeContentOf(
      form({
        gogc: "150",
        memoryLimit: "1.5 GiB",
        gomaxprocs: "4",
        grayRatioPercent: "25",
        custom: [
          { key: "feature.x", value: "on", remove: false },
          { key: "", value: "", remove: false },
          { key: "old.flag", value: "", remove: true },
        ],
        selector: "  region = eu-west ",
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.content.patch).toEqual({
      gogc: 150,
      memoryLimitBytes: 1536 * MiB,
      gomaxprocs: 4,
      grayRatio: 0.25,
      custom: { "feature.x": "on", "old.flag": null },
    });
    expect(result.content.target).toEqual({ serviceId: "checkout", selector: "region = eu-west" });
    expect(result.content.plan.gates[0]).toEqual({ metric: "gcPauseP99", maxIncrease: 0.2, noiseFloor: 0.001 });
    expect(ChangeContent.parse(result.content)).toEqual(result.content);
  });

  it("turns GOGC off, removes GOMEMLIMIT and ends a gray release by word", () => {
    const result = changeContentOf(form({ gogc: "OFF", memoryLimit: "none", grayRatioPercent: "none" }));
    expect(result.ok && result.content.patch).toEqual({ gogc: "off", memoryLimitBytes: null, grayRatio: null });
  });

  it("names the field of every mistake", () => {
    const result = changeContentOf(
      form({
        title: " ",
        gogc: "lots",
        memoryLimit: "2 gigs",
        stages: [{ name: "canary", regionId: "", sizeKind: "percent", size: "", bakeSeconds: "60" }],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["patch.gogc", "patch.memoryLimitBytes", "plan.stages.0.size"]);
    expect(result.errors["patch.gogc"]).toEqual(['"lots" is not a number']);
    expect(result.errors["patch.memoryLimitBytes"]?.[0]).toMatch(/not a size/);

    // Once the text parses, the schema's own rules speak, at the same places.
    const schema = changeContentOf(
      form({ title: " ", gogc: "0", stages: [{ ...form().stages[0]!, bakeSeconds: "-5" }] }),
    );
    expect(schema.ok).toBe(false);
    if (schema.ok) return;
    expect(Object.keys(schema.errors).sort()).toEqual(["patch.gogc", "plan.stages.0.bakeSeconds", "title"]);
    expect(schema.errors.title).toEqual(["write a title"]);
  });

  it("asks for at least one setting, and maps a gate's issue back to its row", () => {
    const nothing = changeContentOf(form());
    expect(nothing.ok).toBe(false);
    if (!nothing.ok) expect(nothing.errors.patch?.[0]).toMatch(/at least one/);

    const gates = form().gates.map((g, index) => ({ ...g, enabled: index >= 3 }));
    const bad = changeContentOf(
      form({ gogc: "120", gates: gates.map((g, i) => (i === 4 ? { ...g, maxIncreasePercent: "5000" } : g)) }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toEqual(["plan.gates.4.maxIncrease"]);
  });

  it("round-trips a stored change through its form", () => {
    const built = changeContentOf(
      form({
        gogc: "150",
        memoryLimit: "1536MiB",
        grayRatioPercent: "none",
        custom: [{ key: "old.flag", value: "", remove: true }],
        description: "fewer cycles",
      }),
    );
    if (!built.ok) throw new Error("did not build");
    const again = changeContentOf(changeFormOf(built.content));
    expect(again).toEqual(built);
    expect(exactByteSize(2 * 1024 ** 3)).toBe("2GiB");
    expect(exactByteSize(1_000_000_001)).toBe("1000000001");
  });
});

describe("the server's messages about a change", () => {
  it("go to the field they name", () => {
    expect(fieldOfServerMessage("target.selector: label selector, column 9: expected a label")).toEqual({
      field: "target.selector",
      message: "label selector, column 9: expected a label",
    });
    expect(fieldOfServerMessage('target: the selector "x" matches none')?.field).toBe("target");
    expect(fieldOfServerMessage("change chg-1 kept changing")).toBeNull();
  });
});
