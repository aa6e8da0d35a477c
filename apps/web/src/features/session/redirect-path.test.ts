import { describe, expect, it } from "vitest";
import { loginSearchSchema, safeRedirectPath, ssoStartHref } from "./redirect-path.ts";

describe("where signing in leads", () => {
  it("returns to a page of the console, with its search and hash", () => {
    expect(safeRedirectPath("/")).toBe("/");
    expect(safeRedirectPath("/settings")).toBe("/settings");
    expect(safeRedirectPath("/?region=eu-west&sort=instances")).toBe("/?region=eu-west&sort=instances");
    expect(safeRedirectPath("/services/checkout#instances")).toBe("/services/checkout#instances");
  });

  it("goes to the overview when no place was given", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath("")).toBe("/");
    expect(safeRedirectPath(42)).toBe("/");
  });

  it("never leaves the console, however the address is disguised", () => {
    for (const elsewhere of [
      "https://evil.example/",
      "http://127.0.0.1:4000/",
      "//evil.example/",
      "/\\evil.example/",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "settings",
      " /settings",
    ]) {
      expect(safeRedirectPath(elsewhere), elsewhere).toBe("/");
    }
  });

  it("does not lead back to the sign-in page", () => {
    expect(safeRedirectPath("/login")).toBe("/");
    expect(safeRedirectPath("/login/")).toBe("/");
    expect(safeRedirectPath("/login?redirect=%2Fsettings")).toBe("/");
  });

  it("normalises dot segments instead of letting them climb out of the console", () => {
    expect(safeRedirectPath("/../../settings")).toBe("/settings");
    expect(safeRedirectPath("/./gc")).toBe("/gc");
  });
});

describe("the sign-in page's search params", () => {
  it("keeps a string redirect and drops anything else", () => {
    expect(loginSearchSchema.parse({ redirect: "/gc" })).toEqual({ redirect: "/gc" });
    expect(loginSearchSchema.parse({ redirect: 7 })).toEqual({ redirect: undefined });
    expect(loginSearchSchema.parse({})).toEqual({});
  });

  it("keeps the reason single sign-on sent the person back", () => {
    expect(loginSearchSchema.parse({ error: "no-role", redirect: "/gc" })).toEqual({
      error: "no-role",
      redirect: "/gc",
    });
    expect(loginSearchSchema.parse({ error: ["no-role"] })).toEqual({ error: undefined });
  });
});

describe("the single sign-on link", () => {
  it("carries the page to come back to, encoded", () => {
    expect(ssoStartHref("/")).toBe("/auth/oidc/start?redirect=%2F");
    expect(ssoStartHref("/gc?sort=pause&x=1#top")).toBe("/auth/oidc/start?redirect=%2Fgc%3Fsort%3Dpause%26x%3D1%23top");
  });
});
