import type { Role } from "@fleetdeck/core";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { startTestServer } from "../testing/test-server.ts";
import { appRouter } from "./root.ts";
import type { ProcedureMeta } from "./trpc.ts";

/**
 * Who may call what. Every procedure of the router must be listed here: a new one fails this
 * test until someone decides its access, and a changed builder fails it until this table agrees.
 */
const expectedAccess: Record<string, ProcedureMeta["access"]> = {
  "auth.me": "public",
  "auth.login": "public",
  "auth.logout": "public",
  "auth.methods": "public",
  "auth.changePassword": "read",
  "users.list": "administer",
  "users.create": "administer",
  "users.setRoles": "administer",
  "users.setDisabled": "administer",
  "users.resetPassword": "administer",
  "apiTokens.listMine": "read",
  "apiTokens.create": "read",
  "apiTokens.revokeMine": "read",
  "apiTokens.listAll": "administer",
  "apiTokens.revoke": "administer",
  "fleet.overview": "read",
  "fleet.catalog": "read",
  "fleet.overviewLive": "read",
  "fleet.service": "read",
  "fleet.instance": "read",
  "gc.leaderboard": "read",
  "gc.instanceSeries": "read",
  "gc.serviceSeries": "read",
  "gc.compare": "read",
  "sources.status": "read",
  "demo.state": "read",
  "demo.injectFault": "operate",
  "demo.clearFault": "operate",
  "demo.setOutage": "operate",
  "demo.setRuntimeConfig": "operate",
  "audit.list": "read",
  "audit.facets": "read",
  "profiles.list": "read",
  "profiles.get": "read",
  "profiles.capture": "operate",
  "profiles.captureStatus": "read",
  "profiles.cancelCapture": "operate",
  "profiles.top": "read",
  "profiles.diffTop": "read",
  "profiles.delete": "operate",
  "changes.list": "read",
  "changes.get": "read",
  "changes.live": "read",
  "changes.instanceConfigs": "read",
  "changes.preview": "read",
  "changes.create": "operate",
  "changes.edit": "operate",
  "changes.submit": "operate",
  "changes.approve": "approve",
  "changes.reject": "approve",
  "changes.cancel": "operate",
  "changes.start": "operate",
  "changes.pause": "operate",
  "changes.resume": "operate",
  "changes.abort": "operate",
  "changes.rollback": "operate",
  "changes.comment": "read",
  "topology.placement": "read",
  "topology.placementLive": "read",
  "topology.serviceGraph": "read",
  "topology.clusters": "read",
  "topology.cluster": "read",
  "topology.clusterLive": "read",
};

const roles: Role[] = ["viewer", "operator", "approver", "admin"];
const grants: Record<Role, string[]> = {
  viewer: ["read"],
  operator: ["read", "operate"],
  approver: ["read", "approve"],
  admin: ["read", "administer"],
};

interface RouterProcedure {
  _def: { type: "query" | "mutation" | "subscription"; meta?: ProcedureMeta };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, RouterProcedure>);

describe("access matrix", () => {
  it("classifies every procedure of the router, and only those", () => {
    const actual = Object.fromEntries(procedures.map(([path, p]) => [path, p._def.meta?.access ?? "unclassified"]));
    expect(actual).toEqual(expectedAccess);
  });

  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const identityWith = (role: Role | null): Identity | null =>
    role === null ? null : { ...server.adminIdentity, roles: [role], mustChangePassword: false };

  /** Calls a procedure by path with an empty input; returns the tRPC error code, or "OK". */
  async function outcome(path: string, role: Role | null): Promise<string> {
    const caller = server.callerAs(identityWith(role)) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const [namespace, name] = path.split(".") as [string, string];
    try {
      await caller[namespace]?.[name]?.({});
      return "OK";
    } catch (error) {
      return error instanceof TRPCError ? error.code : `thrown: ${String(error)}`;
    }
  }

  const callable = procedures.filter(([, p]) => p._def.type !== "subscription").map(([path]) => path);
  for (const path of callable) {
    it(`${path}: refuses or admits each role as classified`, async () => {
      const access = expectedAccess[path];
      for (const role of [null, ...roles]) {
        const code = await outcome(path, role);
        const allowed = access === "public" || (role !== null && grants[role].includes(access ?? ""));
        const denial = role === null ? "UNAUTHORIZED" : "FORBIDDEN";
        if (allowed) expect([code, role], `${path} as ${role}`).not.toEqual([denial, role]);
        else expect([code, role], `${path} as ${role ?? "nobody"}`).toEqual([denial, role]);
      }
    });
  }

  it("lets a user whose password an admin reset read, but change nothing except the password", async () => {
    const pending: Identity = { ...server.adminIdentity, roles: [...roles], mustChangePassword: true };
    const caller = server.callerAs(pending) as unknown as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const mutations = procedures.filter(([, p]) => p._def.type === "mutation").map(([path]) => path);
    expect(mutations.length).toBeGreaterThan(5);
    for (const path of mutations) {
      const access = expectedAccess[path];
      const [namespace, name] = path.split(".") as [string, string];
      const message = await caller[namespace]?.[name]?.({}).then(
        () => "OK",
        (error: unknown) => (error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error)),
      );
      const held = "FORBIDDEN: change your password first: until then this account can only read";
      if (access === "public" || path === "auth.changePassword") expect(message, path).not.toBe(held);
      else expect(message, path).toBe(held);
    }
    await expect(server.callerAs(pending).fleet.catalog()).resolves.toBeDefined();
  });
});
