import { describe, expect, it } from "vitest";
import { afterPasswordChangePath, changePasswordPath, passwordChangeDetour } from "./password-change-gate.ts";

const at = (href: string) => ({ href, pathname: href.split(/[?#]/)[0] ?? href });

describe("the password-change gate", () => {
  it("sends a user who must change their password there first, remembering where they were going", () => {
    const user = { mustChangePassword: true };
    expect(passwordChangeDetour(user, at("/"))).toEqual({ to: changePasswordPath, search: { redirect: "/" } });
    expect(passwordChangeDetour(user, at("/gc?service=checkout"))).toEqual({
      to: changePasswordPath,
      search: { redirect: "/gc?service=checkout" },
    });
  });

  it("lets them reach the change-password page itself", () => {
    const user = { mustChangePassword: true };
    expect(passwordChangeDetour(user, at("/account/password?redirect=%2Fgc"))).toBeNull();
    expect(passwordChangeDetour(user, at("/account/password/"))).toBeNull();
  });

  it("lets everyone else go anywhere", () => {
    expect(passwordChangeDetour({ mustChangePassword: false }, at("/users"))).toBeNull();
  });
});

describe("after the password is changed", () => {
  it("continues to the page the user was going to", () => {
    expect(afterPasswordChangePath("/gc?service=checkout")).toBe("/gc?service=checkout");
    expect(afterPasswordChangePath(undefined)).toBe("/");
  });

  it("never leaves the console, nor comes back to the same page", () => {
    expect(afterPasswordChangePath("https://evil.example/")).toBe("/");
    expect(afterPasswordChangePath("/account/password")).toBe("/");
    expect(afterPasswordChangePath("/account/password?redirect=%2Fgc")).toBe("/");
  });
});
