import { describe, expect, it } from "vitest";
import { auditContextOf, type Identity, rolesOf } from "./identity.ts";

describe("identity", () => {
  it("reads stored role names in the vocabulary's order, ignoring names it does not know", () => {
    expect(rolesOf(["viewer", "admin", "retired-role", "operator"])).toEqual(["viewer", "operator", "admin"]);
    expect(rolesOf([])).toEqual([]);
  });

  it("names the user and the kind of credential in the audit row", () => {
    const identity: Identity = {
      kind: "token",
      userId: "u-1",
      username: "ci-owner",
      roles: ["viewer"],
      tokenId: "t-1",
      mustChangePassword: false,
    };
    expect(auditContextOf(identity, { ip: "192.0.2.7", requestId: "req-1" })).toEqual({
      actor: "ci-owner",
      actorKind: "token",
      ip: "192.0.2.7",
      requestId: "req-1",
    });
  });
});
