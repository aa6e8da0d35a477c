import type { RuntimeConfig } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { ConfigHistory, DemoConfigEvent } from "./config-history.ts";

const base: RuntimeConfig = { gogc: 100, memoryLimitBytes: null, gomaxprocs: 4 };
const other: RuntimeConfig = { gogc: 50, memoryLimitBytes: 1_000_000_000, gomaxprocs: 2 };

const event = (atMs: number, patch: DemoConfigEvent["patch"], instanceIds = ["a"]): DemoConfigEvent => ({
  atMs,
  instanceIds,
  patch,
});

describe("ConfigHistory", () => {
  it("answers the generated config before any event and the folded one after", () => {
    const history = new ConfigHistory([base, other]);
    history.apply(event(100, { gogc: 200 }), [0]);
    history.apply(event(200, { gomaxprocs: 8 }), [0]);
    expect(history.configAt(0, 99)).toBe(base);
    expect(history.configAt(0, 100)).toEqual({ ...base, gogc: 200 });
    expect(history.configAt(0, 250)).toEqual({ gogc: 200, memoryLimitBytes: null, gomaxprocs: 8 });
    expect(history.configAt(1, 250)).toBe(other);
  });

  it("folds in time order whatever order events were applied in, ties in order of application", () => {
    const history = new ConfigHistory([base]);
    history.apply(event(300, { gogc: 300 }), [0]);
    history.apply(event(100, { gogc: 150 }), [0]);
    history.apply(event(300, { gogc: 400 }), [0]);
    expect(history.configAt(0, 200).gogc).toBe(150);
    expect(history.configAt(0, 300).gogc).toBe(400);
  });

  it("sees an event applied for the past even after that time was queried (no stale cache)", () => {
    const history = new ConfigHistory([base]);
    history.apply(event(100, { gogc: 200 }), [0]);
    expect(history.configAt(0, 500).gogc).toBe(200);
    history.apply(event(50, { gomaxprocs: 1 }), [0]);
    expect(history.configAt(0, 500)).toEqual({ gogc: 200, memoryLimitBytes: null, gomaxprocs: 1 });
  });

  it("lists events in the order applied, as JSON that parses back", () => {
    const history = new ConfigHistory([base, base]);
    const applied = [event(300, { gogc: 300 }, ["a", "b"]), event(100, { memoryLimitBytes: null }, ["b"])];
    history.apply(applied[0]!, [0, 1]);
    history.apply(applied[1]!, [1]);
    const listed = history.events();
    expect(listed).toEqual(applied);
    expect(JSON.parse(JSON.stringify(listed)).map((e: unknown) => DemoConfigEvent.parse(e))).toEqual(applied);
    listed[0]!.instanceIds.push("mutated");
    expect(history.events()[0]!.instanceIds).toEqual(["a", "b"]);
  });

  it("validates events", () => {
    expect(DemoConfigEvent.safeParse(event(1, {})).success).toBe(false);
    expect(DemoConfigEvent.safeParse(event(1, { gogc: 0 })).success).toBe(false);
    expect(DemoConfigEvent.safeParse({ atMs: 1, instanceIds: [], patch: { gogc: 100 } }).success).toBe(false);
  });

  it("keeps the config-centre keys beside the runtime ones, and a null removes one", () => {
    const history = new ConfigHistory([base]);
    history.apply(event(100, { grayRatio: 0.1, custom: { "cache.size": "64", "log.level": "debug" } }), [0]);
    history.apply(event(200, { gogc: 150, grayRatio: null, custom: { "log.level": null } }), [0]);
    expect(history.desiredConfigAt(0, 99)).toEqual({ ...base, grayRatio: null, custom: {} });
    expect(history.desiredConfigAt(0, 150)).toEqual({
      ...base,
      grayRatio: 0.1,
      custom: { "cache.size": "64", "log.level": "debug" },
    });
    expect(history.desiredConfigAt(0, 200)).toEqual({
      ...base,
      gogc: 150,
      grayRatio: null,
      custom: { "cache.size": "64" },
    });
    expect(history.configAt(0, 200)).toEqual({ ...base, gogc: 150 });
  });
});
