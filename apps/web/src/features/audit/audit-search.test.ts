import { describe, expect, it } from "vitest";
import {
  type AuditSearch,
  auditExportHref,
  auditQueryOf,
  auditSearchSchema,
  epochMsOfLocalDateTime,
  localDateTimeInputValue,
} from "./audit-search.ts";

const nowMs = Date.UTC(2026, 0, 31, 12, 0, 0);
const search = (fields: Partial<AuditSearch> = {}): AuditSearch => ({ range: "any", ...fields });

describe("audit search params", () => {
  it("keep the filters of a pasted link, dropping what cannot be used", () => {
    expect(
      auditSearchSchema.parse({ actor: "alice", action: "user.", entityId: 42, range: "7d", from: "soon", to: 5 }),
    ).toEqual({ actor: "alice", action: "user.", entityId: "42", range: "7d", from: undefined, to: 5 });
    expect(auditSearchSchema.parse({ range: "fortnight", actor: "" })).toEqual({ range: "any", actor: undefined });
    expect(auditSearchSchema.parse({})).toEqual({ range: "any" });
  });

  it("ask for the action as a prefix, and a preset range counted back from now", () => {
    expect(auditQueryOf(search({ actor: "alice", action: "user.", range: "24h" }), nowMs)).toEqual({
      filters: { actor: "alice", actionPrefix: "user.", fromMs: nowMs - 86_400_000 },
      problem: null,
    });
    expect(auditQueryOf(search({ range: "1h" }), nowMs).filters).toEqual({ fromMs: nowMs - 3_600_000 });
    expect(auditQueryOf(search({ range: "30d" }), nowMs).filters).toEqual({ fromMs: nowMs - 30 * 86_400_000 });
    expect(auditQueryOf(search({ entityType: "user", entityId: "u1" }), nowMs).filters).toEqual({
      entityType: "user",
      entityId: "u1",
    });
  });

  it("use from/to only for a custom range, and refuse one that ends before it starts", () => {
    expect(auditQueryOf(search({ from: 1_000, to: 2_000 }), nowMs).filters).toEqual({});
    expect(auditQueryOf(search({ range: "custom", from: 1_000, to: 2_000 }), nowMs).filters).toEqual({
      fromMs: 1_000,
      toMs: 2_000,
    });
    expect(auditQueryOf(search({ range: "custom", to: 2_000 }), nowMs).filters).toEqual({ toMs: 2_000 });
    const swapped = auditQueryOf(search({ range: "custom", from: 2_000, to: 1_000 }), nowMs);
    expect(swapped.filters).toBeNull();
    expect(swapped.problem).toContain("ends before it starts");
  });

  it("build export links that carry the same filters", () => {
    expect(auditExportHref({}, "csv")).toBe("/api/audit/export?format=csv");
    expect(auditExportHref({ actor: "a b&c", actionPrefix: "user.", fromMs: 1_000, toMs: 2_000 }, "json")).toBe(
      "/api/audit/export?format=json&actor=a+b%26c&actionPrefix=user.&fromMs=1000&toMs=2000",
    );
  });

  it("convert datetime-local values to instants and back", () => {
    const ms = epochMsOfLocalDateTime("2026-01-02T09:30");
    expect(ms).toBe(new Date(2026, 0, 2, 9, 30).getTime());
    expect(localDateTimeInputValue(ms)).toBe("2026-01-02T09:30");
    expect(localDateTimeInputValue(undefined)).toBe("");
    expect(epochMsOfLocalDateTime("")).toBeUndefined();
    expect(epochMsOfLocalDateTime("yesterday")).toBeUndefined();
  });
});
