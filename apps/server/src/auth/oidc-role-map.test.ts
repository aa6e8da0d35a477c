import { describe, expect, it } from "vitest";
import { groupsOfClaims, parseOidcRoleMap, rolesForGroups } from "./oidc-role-map.ts";

function parsedMap(text: string) {
  const parsed = parseOidcRoleMap(text);
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return Object.fromEntries(parsed.roleMap);
}

function problemsOf(text: string) {
  const parsed = parseOidcRoleMap(text);
  return parsed.ok ? [] : parsed.problems;
}

describe("the OIDC role map", () => {
  it("reads group=role entries, several roles joined with +", () => {
    expect(parsedMap("sre-oncall=operator,sre-leads=approver+operator,platform-admins=admin")).toEqual({
      "sre-oncall": ["operator"],
      "sre-leads": ["operator", "approver"],
      "platform-admins": ["admin"],
    });
  });

  it("ignores spaces around names and empty entries, and keeps names with slashes or colons", () => {
    expect(parsedMap(" /sre/oncall = operator + viewer , , cn:leads=approver,")).toEqual({
      "/sre/oncall": ["viewer", "operator"],
      "cn:leads": ["approver"],
    });
    expect(parsedMap("")).toEqual({});
  });

  it("names the entry and what is wrong with it", () => {
    expect(problemsOf("sre-oncall")).toEqual([
      'entry 1 ("sre-oncall"): expected group=role, e.g. sre-oncall=operator,sre-leads=approver+operator',
    ]);
    expect(problemsOf("a=viewer,=operator")).toEqual(['entry 2 ("=operator"): the group name before "=" is empty']);
    expect(problemsOf("a=")).toEqual([
      'entry 1 ("a="): name at least one role after "=" (viewer, operator, approver, admin)',
    ]);
    expect(problemsOf("a=viewer,b=root+operator")).toEqual([
      'entry 2 ("b=root+operator"): unknown role "root" (roles are viewer, operator, approver, admin)',
    ]);
    expect(problemsOf("a=Operator")).toHaveLength(1);
  });

  it("refuses a group mapped twice instead of guessing which entry wins", () => {
    expect(problemsOf("a=viewer,b=admin,a=operator")).toEqual([
      'entry 3 ("a=operator"): group "a" is already mapped by entry 1; list its roles once, joined with "+"',
    ]);
  });

  it("reports every problem at once", () => {
    expect(problemsOf("x,y=boss,=viewer")).toHaveLength(3);
  });
});

describe("roles from groups", () => {
  const roleMap = new Map([
    ["sre-oncall", ["operator"] as const],
    ["sre-leads", ["approver", "operator"] as const],
    ["platform-admins", ["admin"] as const],
  ]);

  it("grants every role any of the groups grants, once each", () => {
    expect(rolesForGroups(roleMap, ["sre-leads", "sre-oncall"])).toEqual(["operator", "approver"]);
    expect(rolesForGroups(roleMap, ["platform-admins", "everyone"])).toEqual(["admin"]);
  });

  it("grants nothing for groups the map does not name, matching names exactly", () => {
    expect(rolesForGroups(roleMap, [])).toEqual([]);
    expect(rolesForGroups(roleMap, ["contractors", "SRE-ONCALL", "sre-oncall "])).toEqual([]);
  });
});

describe("groups from the claims", () => {
  it("reads a list, or a single name", () => {
    expect(groupsOfClaims({ groups: ["a", "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOfClaims({ groups: "a" }, "groups")).toEqual(["a"]);
  });

  it("counts a missing or odd claim as no group, and skips entries that are not names", () => {
    expect(groupsOfClaims({}, "groups")).toEqual([]);
    expect(groupsOfClaims({ groups: 7 }, "groups")).toEqual([]);
    expect(groupsOfClaims({ groups: { a: true } }, "groups")).toEqual([]);
    expect(groupsOfClaims({ groups: ["a", 3, null, "b"] }, "groups")).toEqual(["a", "b"]);
  });

  it("follows a dotted path into nested claims, but prefers a claim named with the dots", () => {
    expect(groupsOfClaims({ realm_access: { roles: ["sre"] } }, "realm_access.roles")).toEqual(["sre"]);
    expect(groupsOfClaims({ "https://example.com/groups": ["sre"] }, "https://example.com/groups")).toEqual(["sre"]);
    expect(groupsOfClaims({ realm_access: ["sre"] }, "realm_access.roles")).toEqual([]);
  });
});
