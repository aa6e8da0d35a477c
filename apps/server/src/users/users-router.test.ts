import type { User } from "@fleetdeck/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";
import { type Credentials, callOverHttp } from "../testing/trpc-http.ts";

interface SignedInUser {
  username: string;
  mustChangePassword: boolean;
}

describe("managing accounts over HTTP", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: Credentials;

  const call = (credentials: Credentials, procedure: string, input?: unknown) =>
    callOverHttp(server.url, credentials, { query: procedure, input });
  const mutate = (credentials: Credentials, procedure: string, input?: unknown) =>
    callOverHttp(server.url, credentials, { mutation: procedure, input });
  const whoIs = async (credentials: Credentials) =>
    ((await call(credentials, "auth.me")).data as { user: SignedInUser | null }).user;
  const cookieOf = async (account: { username: string; password: string }): Promise<Credentials> => ({
    cookie: await server.signIn(account),
  });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await cookieOf({ username: "admin", password: "correct-horse-battery-2026" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function createAccount(username: string, password: string, roles = ["viewer"]): Promise<User> {
    const created = await mutate(admin, "users.create", { username, password, roles });
    expect(created.error).toBeNull();
    return created.data as User;
  }

  it("a reset ends the user's session; the temporary password must then be changed, which keeps this session only", async () => {
    const user = await createAccount("riley", "first password 2026");
    const before = await cookieOf({ username: "riley", password: "first password 2026" });
    expect(await whoIs(before)).toMatchObject({ username: "riley", mustChangePassword: false });

    const reset = await mutate(admin, "users.resetPassword", { userId: user.id, password: "temporary pass 5150" });
    expect(reset.data).toMatchObject({ mustChangePassword: true });
    expect(await whoIs(before)).toBeNull();

    const here = await cookieOf({ username: "riley", password: "temporary pass 5150" });
    const elsewhere = await cookieOf({ username: "riley", password: "temporary pass 5150" });
    expect(await whoIs(here)).toMatchObject({ mustChangePassword: true });

    const wrong = await mutate(here, "auth.changePassword", {
      currentPassword: "not the temporary one",
      newPassword: "a fresh passphrase 77",
    });
    expect(wrong.error).toMatchObject({
      code: "BAD_REQUEST",
      message: "currentPassword: this is not your current password",
    });
    const empty = await mutate(here, "auth.changePassword", { currentPassword: "", newPassword: "" });
    expect(empty.error?.fieldErrors).toEqual({
      currentPassword: ["enter your current password"],
      newPassword: ["enter a new password"],
    });

    const changed = await mutate(here, "auth.changePassword", {
      currentPassword: "temporary pass 5150",
      newPassword: "a passphrase of my own",
    });
    expect(changed.data).toMatchObject({ user: { username: "riley", mustChangePassword: false } });
    expect(await whoIs(here)).toMatchObject({ mustChangePassword: false });
    expect(await whoIs(elsewhere)).toBeNull();
    await expect(cookieOf({ username: "riley", password: "a passphrase of my own" })).resolves.toBeDefined();
  });

  it("disabling ends the user's session and refuses their sign-in; enabling lets them back", async () => {
    const user = await createAccount("morgan", "an old password of theirs");
    const open = await cookieOf({ username: "morgan", password: "an old password of theirs" });
    const disabled = await mutate(admin, "users.setDisabled", { userId: user.id, disabled: true });
    expect(disabled.data).toMatchObject({ disabled: true });
    expect(await whoIs(open)).toBeNull();
    await expect(cookieOf({ username: "morgan", password: "an old password of theirs" })).rejects.toThrow(/403/);

    await mutate(admin, "users.setDisabled", { userId: user.id, disabled: false });
    await expect(cookieOf({ username: "morgan", password: "an old password of theirs" })).resolves.toBeDefined();
  });

  it("new roles take effect on the user's open session", async () => {
    const user = await createAccount("jordan", "first password of theirs");
    const open = await cookieOf({ username: "jordan", password: "first password of theirs" });
    const changed = await mutate(admin, "users.setRoles", { userId: user.id, roles: ["viewer", "operator"] });
    expect(changed.data).toMatchObject({ roles: ["operator", "viewer"] });
    expect(await whoIs(open)).toMatchObject({ roles: ["viewer", "operator"] });
  });

  it("lists accounts with their last sign-in", async () => {
    const listed = (await call(admin, "users.list")).data as (User & { lastSignInAtMs: number | null })[];
    const self = listed.find((user) => user.username === "admin");
    expect(self?.lastSignInAtMs).toEqual(expect.any(Number));
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it("explains refusals: changes to oneself, bad input field by field, an unknown user", async () => {
    const adminId = server.adminIdentity.userId;
    expect((await mutate(admin, "users.setDisabled", { userId: adminId, disabled: true })).error).toMatchObject({
      code: "BAD_REQUEST",
      message: "You cannot disable your own account",
    });
    expect((await mutate(admin, "users.setRoles", { userId: adminId, roles: ["viewer"] })).error).toMatchObject({
      code: "BAD_REQUEST",
      message: "You cannot remove your own admin role; ask another admin",
    });
    const badInput = await mutate(admin, "users.setRoles", { userId: "", roles: [] });
    expect(badInput.error?.fieldErrors).toEqual({
      userId: ["name the user"],
      roles: ["give the account at least one role"],
    });
    const weak = await mutate(admin, "users.resetPassword", {
      userId: (await createAccount("sam", "first password 12")).id,
      password: "short",
    });
    expect(weak.error).toMatchObject({ code: "BAD_REQUEST", message: "password: Use at least 12 characters" });
    expect((await mutate(admin, "users.setDisabled", { userId: "nobody", disabled: true })).error?.code).toBe(
      "NOT_FOUND",
    );
  });
});
