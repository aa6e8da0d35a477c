import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, testAdmin } from "../testing/test-server.ts";

describe("what the server logs", () => {
  const logStream = new PassThrough();
  let logged = "";
  logStream.on("data", (chunk: Buffer) => {
    logged += chunk.toString("utf8");
  });
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({}, { logStream });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("never contains a password, a session token or an API token, even at trace level", async () => {
    const wrongPassword = "not-the-password-31337";
    const failed = await fetch(`${server.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: wrongPassword }),
    });
    expect(failed.status).toBe(401);
    const cookie = await server.signIn();
    const sessionToken = cookie.split("=")[1] ?? "";
    expect(sessionToken.length).toBeGreaterThan(20);
    await fetch(`${server.url}/trpc/fleet.overview`, { headers: { cookie } });
    const bearer = "fdk_this-token-does-not-exist-but-is-secret";
    const refused = await fetch(`${server.url}/trpc/fleet.overview`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(refused.status).toBe(401);

    expect(logged).toContain("/trpc/auth.login");
    for (const secret of [testAdmin.password, wrongPassword, sessionToken, bearer]) {
      expect(logged, `the log must not hold ${secret.slice(0, 6)}…`).not.toContain(secret);
    }
  });
});
