import { describe, expect, it } from "vitest";
import { knownRoles, toggleRole } from "./roles.ts";

describe("choosing roles", () => {
  it("keeps the console's order whatever order they were ticked in", () => {
    expect(toggleRole(["admin"], "viewer", true)).toEqual(["viewer", "admin"]);
    expect(toggleRole(["viewer", "admin"], "viewer", false)).toEqual(["admin"]);
    expect(toggleRole(["viewer"], "viewer", true)).toEqual(["viewer"]);
  });

  it("reads the server's role names, dropping any this console does not know", () => {
    expect(knownRoles(["operator", "viewer", "superuser"])).toEqual(["viewer", "operator"]);
  });
});
