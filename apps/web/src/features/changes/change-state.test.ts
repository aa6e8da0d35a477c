import { describe, expect, it } from "vitest";
import { availableActions } from "./change-state.ts";

const change = (state: Parameters<typeof availableActions>[0]["state"]) => ({
  state,
  authorId: "u-author",
  lastEditorId: "u-editor",
});
const operator = { userId: "u-op", permissions: ["read", "operate"] as const };
const approver = { userId: "u-lead", permissions: ["read", "approve"] as const };
const viewer = { userId: "u-view", permissions: ["read"] as const };
const admin = { userId: "u-admin", permissions: ["read", "administer"] as const };

const names = (list: ReturnType<typeof availableActions>) => list.map((a) => a.action);

describe("which buttons a change shows", () => {
  it("follow core's transitions and the viewer's permissions", () => {
    expect(names(availableActions(change("draft"), operator))).toEqual(["edit", "submit", "cancel"]);
    expect(names(availableActions(change("pending_approval"), operator))).toEqual(["edit", "cancel"]);
    expect(names(availableActions(change("pending_approval"), approver))).toEqual(["approve", "reject"]);
    expect(names(availableActions(change("approved"), operator))).toEqual(["edit", "start", "cancel"]);
    expect(names(availableActions(change("rolling"), operator))).toEqual(["pause", "abort", "rollback"]);
    expect(names(availableActions(change("paused"), operator))).toEqual(["resume", "abort", "rollback"]);
    expect(names(availableActions(change("completed"), operator))).toEqual(["rollback"]);
    expect(names(availableActions(change("rolled_back"), operator))).toEqual([]);
  });

  it("give a viewer and an admin nothing to press: admin implies neither operate nor approve", () => {
    for (const state of ["draft", "pending_approval", "approved", "rolling", "completed"] as const) {
      expect(availableActions(change(state), viewer)).toEqual([]);
      expect(availableActions(change(state), admin)).toEqual([]);
    }
  });

  it("refuse approval to the author and the last editor, saying why", () => {
    const own = availableActions(change("pending_approval"), { userId: "u-author", permissions: ["approve"] });
    expect(own.find((a) => a.action === "approve")?.refusal).toMatch(/you wrote this change/);
    const edited = availableActions(change("pending_approval"), { userId: "u-editor", permissions: ["approve"] });
    expect(edited.find((a) => a.action === "approve")?.refusal).toMatch(/edited this change last/);
    expect(availableActions(change("pending_approval"), approver)[0]?.refusal).toBeNull();
  });
});
