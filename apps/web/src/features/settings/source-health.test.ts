import { describe, expect, it } from "vitest";
import type { SourceDescription } from "../../lib/api-types.ts";
import { sourceHealthOf, warningsHeading } from "./source-health.ts";

const source = (overrides: Partial<SourceDescription>): SourceDescription => ({
  sourceId: "prod-eu",
  kind: "prometheus",
  ok: true,
  error: null,
  lastOkAtMs: null,
  lastErrorAtMs: null,
  url: "http://prometheus:9090/",
  warnings: [],
  warningCount: 0,
  ...overrides,
});

describe("sourceHealthOf", () => {
  it("is unknown until the source has answered once, then ok or failing", () => {
    expect(sourceHealthOf(source({}))).toBe("unknown");
    expect(sourceHealthOf(source({ lastOkAtMs: 5 }))).toBe("ok");
    expect(sourceHealthOf(source({ ok: false, error: "connection refused", lastOkAtMs: 5 }))).toBe("failing");
  });
});

describe("warningsHeading", () => {
  it("counts the warnings and says when only the first ones are listed", () => {
    expect(warningsHeading(source({ warnings: ["a"], warningCount: 1 }))).toBe("1 inventory warning");
    expect(warningsHeading(source({ warnings: ["a", "b"], warningCount: 30 }))).toBe(
      "30 inventory warnings (first 2 listed)",
    );
  });
});
