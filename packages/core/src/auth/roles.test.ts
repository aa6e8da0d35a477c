import { describe, expect, it } from "vitest";
import { permissionsOf, rolesAllow } from "./roles.ts";

describe("rolesAllow", () => {
  it("lets every role read", () => {
    for (const role of ["viewer", "operator", "approver", "admin"] as const)
      expect(rolesAllow([role], "read")).toBe(true);
  });

  it("keeps operating, approving and administering apart", () => {
    expect(rolesAllow(["operator"], "approve")).toBe(false);
    expect(rolesAllow(["approver"], "operate")).toBe(false);
    expect(rolesAllow(["admin"], "approve")).toBe(false);
    expect(rolesAllow(["admin"], "operate")).toBe(false);
    expect(rolesAllow(["viewer"], "administer")).toBe(false);
  });

  it("grants the union of several roles, and nothing without roles", () => {
    expect(permissionsOf(["operator", "approver"])).toEqual(["read", "operate", "approve"]);
    expect(permissionsOf([])).toEqual([]);
  });
});
