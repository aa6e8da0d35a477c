import { describe, expect, it } from "vitest";
import { loginSearchSchema, ssoStartHref } from "./redirect-path.ts";

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
