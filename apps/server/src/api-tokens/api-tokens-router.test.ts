import type { ApiToken } from "@fleetdeck/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";
import { type Credentials, callOverHttp } from "../testing/trpc-http.ts";

interface CreatedToken {
  token: string;
  apiToken: ApiToken;
}

const dayMs = 86_400_000;

describe("API tokens over HTTP", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: Credentials;
  let vera: Credentials;
  let veraId: string;

  const call = (credentials: Credentials, procedure: string, input?: unknown) =>
    callOverHttp(server.url, credentials, { query: procedure, input });
  const mutate = (credentials: Credentials, procedure: string, input?: unknown) =>
    callOverHttp(server.url, credentials, { mutation: procedure, input });
  const createToken = async (credentials: Credentials, input: unknown): Promise<CreatedToken> => {
    const answer = await mutate(credentials, "apiTokens.create", input);
    expect(answer.error).toBeNull();
    return answer.data as CreatedToken;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = { cookie: await server.signIn() };
    const veraAccount = { username: "vera", password: "reads the dashboards daily" };
    veraId = (await server.caller.users.create({ ...veraAccount, roles: ["viewer"] })).id;
    vera = { cookie: await server.signIn(veraAccount) };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a token created in the console works as a Bearer header with the roles it was given", async () => {
    const { token, apiToken } = await createToken(vera, { name: "grafana", roles: ["viewer"], expiresInDays: 30 });
    expect(token).toMatch(/^fdk_/);
    expect(apiToken).toMatchObject({ name: "grafana", roles: ["viewer"], userId: veraId, revokedAtMs: null });
    expect(apiToken.expiresAtMs).toBeCloseTo(apiToken.createdAtMs + 30 * dayMs, -4);

    const overview = await call({ bearer: token }, "fleet.overview");
    expect(overview.status).toBe(200);
    expect((await call({ bearer: token }, "auth.me")).data).toMatchObject({ user: { username: "vera" } });

    const refused = await mutate({ bearer: token }, "demo.setOutage", { message: "a viewer token was here" });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("FORBIDDEN");

    const mine = (await call(vera, "apiTokens.listMine")).data as ApiToken[];
    expect(mine.map((t) => t.id)).toContain(apiToken.id);
    expect(JSON.stringify(mine)).not.toContain(token.slice(4));
  });

  it("an admin's token scoped to viewer cannot administer, though its owner can", async () => {
    const { token } = await createToken(admin, { name: "read-only export", roles: ["viewer"] });
    expect((await call({ bearer: token }, "fleet.catalog")).status).toBe(200);
    expect((await call({ bearer: token }, "users.list")).error?.code).toBe("FORBIDDEN");
    expect((await call(admin, "users.list")).status).toBe(200);
  });

  it("refuses a role the caller does not hold, and says which field is wrong", async () => {
    const operator = await mutate(vera, "apiTokens.create", { name: "deploys", roles: ["operator"] });
    expect(operator.error).toMatchObject({ code: "BAD_REQUEST", message: "vera does not hold the role(s) operator" });
    const noName = await mutate(vera, "apiTokens.create", { name: "  ", roles: ["viewer"], expiresInDays: 0 });
    expect(noName.error?.code).toBe("BAD_REQUEST");
    expect(noName.error?.fieldErrors).toMatchObject({
      name: ["name the token"],
      expiresInDays: [expect.stringContaining(">=1")],
    });
  });

  it("a Bearer token cannot mint, list or revoke tokens, nor change the password", async () => {
    const { token, apiToken } = await createToken(vera, { name: "ci", roles: ["viewer"] });
    const bearer = { bearer: token };
    const attempts = [
      await mutate(bearer, "apiTokens.create", { name: "another", roles: ["viewer"] }),
      await call(bearer, "apiTokens.listMine"),
      await mutate(bearer, "apiTokens.revokeMine", { tokenId: apiToken.id }),
      await mutate(bearer, "auth.changePassword", { currentPassword: "x", newPassword: "y" }),
    ];
    for (const attempt of attempts) {
      expect(attempt.error).toMatchObject({
        code: "FORBIDDEN",
        message: "an API token cannot do this: sign in to the console and do it there",
      });
    }
    expect((await call(bearer, "fleet.overview")).status).toBe(200);
  });

  it("a revoked token stops working at once; nobody revokes another user's token as their own", async () => {
    const { token, apiToken } = await createToken(vera, { name: "short-lived", roles: ["viewer"] });
    const adminsOwn = await createToken(admin, { name: "admin's", roles: ["viewer"] });
    const notVeras = await mutate(vera, "apiTokens.revokeMine", { tokenId: adminsOwn.apiToken.id });
    expect(notVeras.error?.code).toBe("NOT_FOUND");
    expect((await call({ bearer: adminsOwn.token }, "fleet.overview")).status).toBe(200);

    expect((await mutate(vera, "apiTokens.revokeMine", { tokenId: apiToken.id })).data).toEqual({ revoked: true });
    const after = await call({ bearer: token }, "fleet.overview");
    expect(after.status).toBe(401);
    expect(after.error?.code).toBe("UNAUTHORIZED");
    expect((await mutate(vera, "apiTokens.revokeMine", { tokenId: apiToken.id })).data).toEqual({ revoked: false });
  });

  it("an admin lists everyone's tokens with their owner and revokes any of them", async () => {
    const { token, apiToken } = await createToken(vera, { name: "reviewed by admin", roles: ["viewer"] });
    expect((await call(vera, "apiTokens.listAll")).error?.code).toBe("FORBIDDEN");
    expect((await mutate(vera, "apiTokens.revoke", { tokenId: apiToken.id })).error?.code).toBe("FORBIDDEN");

    const all = (await call(admin, "apiTokens.listAll")).data as (ApiToken & { ownerUsername: string })[];
    expect(all.find((t) => t.id === apiToken.id)).toMatchObject({ ownerUsername: "vera", name: "reviewed by admin" });
    expect((await mutate(admin, "apiTokens.revoke", { tokenId: apiToken.id })).data).toEqual({ revoked: true });
    expect((await call({ bearer: token }, "fleet.overview")).status).toBe(401);
  });

  it("a token stops working when its owner is disabled", async () => {
    const { token } = await createToken(vera, { name: "until disabled", roles: ["viewer"] });
    expect((await call({ bearer: token }, "fleet.overview")).status).toBe(200);
    const disabled = await mutate(admin, "users.setDisabled", { userId: veraId, disabled: true });
    expect(disabled.error).toBeNull();
    expect((await call({ bearer: token }, "fleet.overview")).status).toBe(401);
    expect((await call(vera, "apiTokens.listMine")).status).toBe(401);
  });
});
