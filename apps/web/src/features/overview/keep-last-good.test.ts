import { describe, expect, it } from "vitest";
import type { OverviewAnswer, SourceStatus } from "../../lib/api-types.ts";
import { tinyFleetOverview } from "../../test-support/tiny-fleet.ts";
import { keepLastGoodOverview, shareOverviewAnswer } from "./keep-last-good.ts";

const up: SourceStatus = { sourceId: "demo", kind: "demo", ok: true, error: null, lastOkAtMs: 1, lastErrorAtMs: null };
const down: SourceStatus = { ...up, ok: false, error: "unreachable", lastErrorAtMs: 2 };
const good: OverviewAnswer = { overview: tinyFleetOverview(), sources: [up] };
const blank: OverviewAnswer = { overview: null, sources: [down] };

describe("keepLastGoodOverview", () => {
  it("keeps the last overview when no source answered, with the new source statuses", () => {
    expect(keepLastGoodOverview(good, blank)).toEqual({ overview: good.overview, sources: [down] });
  });

  it("takes any new overview as is", () => {
    const newer: OverviewAnswer = { overview: { ...tinyFleetOverview(), atMs: 99 }, sources: [up] };
    expect(keepLastGoodOverview(good, newer)).toBe(newer);
  });

  it("has nothing to keep on the first answer", () => {
    expect(keepLastGoodOverview(undefined, blank)).toBe(blank);
  });
});

describe("shareOverviewAnswer", () => {
  it("applies the rule to cache writes and keeps unchanged parts identical", () => {
    const kept = shareOverviewAnswer(good, blank) as OverviewAnswer;
    expect(kept.overview).toBe(good.overview);
    expect(kept.sources).toEqual([down]);
    const same = shareOverviewAnswer(good, structuredClone(good));
    expect(same).toBe(good);
  });

  it("leaves other data alone", () => {
    expect(shareOverviewAnswer(undefined, 42)).toBe(42);
  });
});
