import { describe, expect, it } from "vitest";
import { safeAfterLoginPath } from "./oidc-redirect-path.ts";

describe("where single sign-on leads", () => {
  it("returns to a page of the console, with its search and hash", () => {
    expect(safeAfterLoginPath("/settings")).toBe("/settings");
    expect(safeAfterLoginPath("/?region=eu-west&sort=instances")).toBe("/?region=eu-west&sort=instances");
    expect(safeAfterLoginPath("/services/checkout#instances")).toBe("/services/checkout#instances");
  });

  it("goes to the overview when no page was given", () => {
    expect(safeAfterLoginPath(undefined)).toBe("/");
    expect(safeAfterLoginPath("")).toBe("/");
    expect(safeAfterLoginPath(["/settings"])).toBe("/");
  });

  it("never leaves the console, however the address is disguised", () => {
    for (const elsewhere of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "settings",
      " /settings",
    ]) {
      expect(safeAfterLoginPath(elsewhere), elsewhere).toBe("/");
    }
  });

  it("does not lead back to the sign-in page, and resolves dot segments", () => {
    expect(safeAfterLoginPath("/login?redirect=%2Fsettings")).toBe("/");
    expect(safeAfterLoginPath("/login/")).toBe("/");
    expect(safeAfterLoginPath("/../../settings")).toBe("/settings");
  });
});
