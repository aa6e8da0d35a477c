import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect-path.ts";

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
    expect(safeRedirectPath(["/settings"])).toBe("/");
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
