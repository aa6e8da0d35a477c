import { describe, expect, it } from "vitest";
import { type AccountState, adminSafetyProblem } from "./admin-safety.ts";

const alice: AccountState = { id: "alice", username: "alice", roles: ["admin", "viewer"], disabled: false };
const bob: AccountState = { id: "bob", username: "bob", roles: ["admin"], disabled: false };
const carol: AccountState = { id: "carol", username: "carol", roles: ["viewer"], disabled: false };

describe("changes that would leave the console without an admin", () => {
  it("lets an admin change another account while another admin is left", () => {
    const check = { actorUserId: "alice", enabledAdminIds: ["alice", "bob"] };
    expect(adminSafetyProblem({ ...check, target: bob, after: { roles: ["viewer"], disabled: false } })).toBeNull();
    expect(adminSafetyProblem({ ...check, target: bob, after: { roles: ["admin"], disabled: true } })).toBeNull();
    expect(adminSafetyProblem({ ...check, target: carol, after: { roles: ["operator"], disabled: true } })).toBeNull();
  });

  it("refuses disabling oneself", () => {
    expect(
      adminSafetyProblem({
        actorUserId: "alice",
        enabledAdminIds: ["alice", "bob"],
        target: alice,
        after: { roles: alice.roles, disabled: true },
      }),
    ).toBe("You cannot disable your own account");
  });

  it("refuses removing one's own admin role, but lets one change one's other roles", () => {
    const check = { actorUserId: "alice", enabledAdminIds: ["alice", "bob"], target: alice };
    expect(adminSafetyProblem({ ...check, after: { roles: ["viewer"], disabled: false } })).toBe(
      "You cannot remove your own admin role; ask another admin",
    );
    expect(adminSafetyProblem({ ...check, after: { roles: ["admin", "operator"], disabled: false } })).toBeNull();
  });

  it("never disables the last enabled admin, nor takes their admin role", () => {
    const check = { actorUserId: "carol", enabledAdminIds: ["bob"], target: bob };
    const refusal = "bob is the last enabled admin: make another account admin first";
    expect(adminSafetyProblem({ ...check, after: { roles: ["admin"], disabled: true } })).toBe(refusal);
    expect(adminSafetyProblem({ ...check, after: { roles: ["viewer"], disabled: false } })).toBe(refusal);
    expect(adminSafetyProblem({ ...check, after: { roles: ["admin", "operator"], disabled: false } })).toBeNull();
  });

  it("counts a disabled admin as no admin, and lets one be re-enabled", () => {
    const disabledAdmin = { ...bob, disabled: true };
    const check = { actorUserId: "alice", enabledAdminIds: ["alice"], target: disabledAdmin };
    expect(adminSafetyProblem({ ...check, after: { roles: ["admin"], disabled: false } })).toBeNull();
    expect(adminSafetyProblem({ ...check, after: { roles: ["viewer"], disabled: true } })).toBeNull();
  });
});
