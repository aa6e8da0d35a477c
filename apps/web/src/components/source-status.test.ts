import { describe, expect, it } from "vitest";
import type { SourceStatus } from "../lib/api-types.ts";
import { describeSourceFailure, failingSources, latestSourceStatuses } from "./source-status.ts";

const status = (overrides: Partial<SourceStatus>): SourceStatus => ({
  sourceId: "demo",
  kind: "demo",
  ok: true,
  error: null,
  lastOkAtMs: null,
  lastErrorAtMs: null,
  ...overrides,
});

describe("latestSourceStatuses", () => {
  it("keeps the freshest report per source", () => {
    const polled = [status({ ok: true, lastOkAtMs: 1_000 }), status({ sourceId: "prom", lastOkAtMs: 5_000 })];
    const pushed = [status({ ok: false, error: "timed out", lastOkAtMs: 1_000, lastErrorAtMs: 2_000 })];
    const merged = latestSourceStatuses(polled, pushed);
    expect(merged.map((s) => [s.sourceId, s.ok])).toEqual([
      ["demo", false],
      ["prom", true],
    ]);
  });

  it("does not let an older answer hide a newer recovery", () => {
    const recovered = [status({ ok: true, lastOkAtMs: 3_000, lastErrorAtMs: 2_000 })];
    const stale = [status({ ok: false, error: "down", lastOkAtMs: 1_000, lastErrorAtMs: 2_000 })];
    expect(latestSourceStatuses(recovered, stale)[0]?.ok).toBe(true);
  });

  it("accepts missing lists", () => {
    expect(latestSourceStatuses(undefined, [status({})])).toHaveLength(1);
    expect(latestSourceStatuses(undefined, undefined)).toEqual([]);
  });
});

describe("describing a failing source", () => {
  it("names the source, the error and the last good time", () => {
    const failing = status({ ok: false, error: "control plane unreachable", lastOkAtMs: 42 });
    expect(failingSources([failing, status({ sourceId: "prom" })])).toEqual([failing]);
    expect(describeSourceFailure(failing, (ms) => `t=${ms}`)).toBe(
      'Source "demo" is failing: control plane unreachable. Last good data: t=42',
    );
  });

  it("says never when the source has not answered once", () => {
    expect(describeSourceFailure(status({ ok: false, error: "refused" }), String)).toBe(
      'Source "demo" is failing: refused. Last good data: never',
    );
  });
});
