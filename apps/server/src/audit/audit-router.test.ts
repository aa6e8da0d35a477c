import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

describe("audit router", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const viewer = () => server.callerAs({ ...server.adminIdentity, username: "vera", roles: ["viewer"] });

  beforeAll(async () => {
    server = await startTestServer();
    for (const username of ["olga", "omar", "otto"]) {
      await server.caller.users.create({ username, password: "watches the fleet all night", roles: ["operator"] });
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists what was done, newest first, with who, from where and the entity's new state", async () => {
    const page = await server.caller.audit.list({ action: "user.create", actor: "admin" });
    expect(page.entries.map((entry) => entry.after)).toEqual([
      { username: "otto", roles: ["operator"] },
      { username: "omar", roles: ["operator"] },
      { username: "olga", roles: ["operator"] },
    ]);
    expect(page.entries[0]).toMatchObject({
      actor: "admin",
      actorKind: "user",
      entityType: "user",
      ip: "127.0.0.1",
      requestId: "test",
      outcome: "ok",
    });
    expect(page.nextBeforeId).toBeNull();
  });

  it("filters by action prefix, actor, entity and time, all combined", async () => {
    const userChanges = await server.caller.audit.list({ actionPrefix: "user." });
    expect(new Set(userChanges.entries.map((entry) => entry.action))).toEqual(new Set(["user.create"]));
    const sessions = await server.caller.audit.list({ actionPrefix: "session.", actor: "admin" });
    expect(sessions.entries.length).toBeGreaterThanOrEqual(2);
    expect(sessions.entries.every((entry) => entry.action === "session.login")).toBe(true);

    const [otto] = userChanges.entries;
    const byEntity = await server.caller.audit.list({ entityType: "user", entityId: otto?.entityId ?? "" });
    expect(byEntity.entries).toEqual([otto]);

    const atMs = otto?.atMs ?? 0;
    expect(
      (await server.caller.audit.list({ action: "user.create", actor: "admin", fromMs: atMs + 60_000 })).entries,
    ).toEqual([]);
    expect(
      (await server.caller.audit.list({ action: "user.create", actor: "admin", fromMs: atMs - 60_000, toMs: atMs + 1 }))
        .entries,
    ).toHaveLength(3);
  });

  it("pages older entries by cursor until there are none", async () => {
    const first = await server.caller.audit.list({ action: "user.create", actor: "admin", limit: 2 });
    expect(first.entries.map((entry) => entry.after?.username)).toEqual(["otto", "omar"]);
    const second = await server.caller.audit.list({
      action: "user.create",
      actor: "admin",
      limit: 2,
      cursor: first.nextBeforeId,
    });
    expect(second.entries.map((entry) => entry.after?.username)).toEqual(["olga"]);
    expect(second.nextBeforeId).toBeNull();
  });

  it("refuses a time range that ends before it starts, saying which field and why", async () => {
    const fromMs = Date.UTC(2026, 0, 2);
    const error = await server.caller.audit.list({ fromMs, toMs: fromMs }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain(
      "toMs (2026-01-02T00:00:00.000Z) must be after fromMs (2026-01-02T00:00:00.000Z)",
    );
    await expect(server.caller.audit.list({ fromMs: -1 })).rejects.toThrow("must not be before 1970");
    await expect(server.caller.audit.list({ actor: "" })).rejects.toThrow("actor must not be empty");
  });

  it("lets a viewer read the log, but not where requests came from", async () => {
    const seenByViewer = await viewer().audit.list({ actionPrefix: "session." });
    expect(seenByViewer.entries.length).toBeGreaterThan(0);
    for (const entry of seenByViewer.entries) {
      expect(entry.ip).toBeNull();
      expect(entry.after).not.toHaveProperty("userAgent");
    }
    const seenByAdmin = await server.caller.audit.list({ actionPrefix: "session." });
    expect(seenByAdmin.entries.map((entry) => entry.ip)).toContain("127.0.0.1");
    expect(seenByAdmin.entries.map((entry) => entry.requestId)).toEqual(
      seenByViewer.entries.map((entry) => entry.requestId),
    );
  });

  it("offers the actors, actions and entity types seen, for the filter pickers", async () => {
    const facets = await viewer().audit.facets();
    expect(facets.actors).toContain("admin");
    expect(facets.actions).toEqual(expect.arrayContaining(["user.create", "session.login"]));
    expect(facets.entityTypes).toEqual(expect.arrayContaining(["user", "session"]));
    expect(facets.actions[0]).toBe("user.create");
  });

  it("hides from non-admins what was typed as the username of a refused sign-in", async () => {
    const typed = "Tr0ub4dor&3-typed-as-a-name";
    await server.services.sessions
      .login({ username: typed, password: "wrong", ip: "127.0.0.1", requestId: "r-typed", userAgent: null })
      .then(
        () => expect.unreachable("the sign-in should be refused"),
        () => undefined,
      );
    const asAdmin = await server.caller.audit.list({ action: "session.login", actor: typed });
    expect(asAdmin.entries.map((entry) => entry.outcome)).toEqual(["invalid-credentials"]);
    expect((await server.caller.audit.facets()).actors).toContain(typed);

    const asViewer = await viewer().audit.list({ action: "session.login" });
    const refused = asViewer.entries.find((entry) => entry.requestId === "r-typed");
    expect(refused?.actor).toBe("(not signed in)");
    expect(JSON.stringify(asViewer.entries)).not.toContain(typed);
    expect((await viewer().audit.list({ actor: typed })).entries).toEqual([]);
    expect((await viewer().audit.facets()).actors).not.toContain(typed);
  });
});
