import { describe, expect, it } from "vitest";
import { diffStates } from "./state-diff.ts";

describe("diffStates", () => {
  it("marks each field added, removed, changed or unchanged, changed ones first", () => {
    expect(
      diffStates(
        { roles: ["viewer"], username: "vera", disabled: false, note: "x" },
        { roles: ["viewer", "operator"], username: "vera", disabled: true, team: "sre" },
      ),
    ).toEqual([
      { field: "disabled", change: "changed", before: "false", after: "true" },
      { field: "note", change: "removed", before: '"x"', after: null },
      { field: "roles", change: "changed", before: '["viewer"]', after: '["viewer","operator"]' },
      { field: "team", change: "added", before: null, after: '"sre"' },
      { field: "username", change: "unchanged", before: '"vera"', after: '"vera"' },
    ]);
  });

  it("shows a creation as all fields added and a deletion as all removed", () => {
    expect(diffStates(null, { kind: "memory-leak" })).toEqual([
      { field: "kind", change: "added", before: null, after: '"memory-leak"' },
    ]);
    expect(diffStates({ kind: "memory-leak" }, null)).toEqual([
      { field: "kind", change: "removed", before: '"memory-leak"', after: null },
    ]);
    expect(diffStates(null, null)).toEqual([]);
  });

  it("compares nested objects by content, whatever the order of their keys", () => {
    expect(diffStates({ patch: { gogc: 100, limit: null } }, { patch: { limit: null, gogc: 100 } })).toEqual([
      { field: "patch", change: "unchanged", before: '{"gogc":100,"limit":null}', after: '{"gogc":100,"limit":null}' },
    ]);
    expect(diffStates({ patch: { gogc: 100 } }, { patch: { gogc: 200 } })[0]?.change).toBe("changed");
  });

  it("tells a field set to null from a field that is absent", () => {
    expect(diffStates({ revokedAtMs: null }, { revokedAtMs: 5 })[0]).toMatchObject({
      change: "changed",
      before: "null",
    });
  });
});
