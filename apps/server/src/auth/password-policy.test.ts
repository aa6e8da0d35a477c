import { describe, expect, it } from "vitest";
import { generatePassword, NewPassword, passwordProblems } from "./password-policy.ts";

describe("password policy", () => {
  it("accepts long passwords of any characters, passphrases included", () => {
    expect(passwordProblems("correct horse battery staple", "alice")).toEqual([]);
    expect(passwordProblems("Tr0ub4dor&3xyz", "alice")).toEqual([]);
    expect(passwordProblems("çà et là, 東京 🚀🚀", "alice")).toEqual([]);
  });

  it("says what is wrong, each problem in words", () => {
    expect(passwordProblems("short", "alice")).toEqual(["Use at least 12 characters"]);
    expect(passwordProblems("aaaaaaaaaaaaaaaa", "alice")).toEqual(["Use at least 5 different characters"]);
    expect(passwordProblems("my name is Alice, hello", "alice")).toEqual(["Do not include the username"]);
    expect(passwordProblems("x".repeat(257), "alice")).toEqual([
      "Use at most 256 characters",
      "Use at least 5 different characters",
    ]);
  });

  it("counts characters, not UTF-16 units", () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems("🚀🛰🌍🌕🪐🚀🛰🌍🌕🪐🚀", "alice")).toEqual(["Use at least 12 characters"]);
  });

  it("is a zod schema, for input validation with field-level messages", () => {
    expect(NewPassword.safeParse("short").error?.issues[0]?.message).toBe("Use at least 12 characters");
  });

  it("generates passwords that satisfy it, each different", () => {
    const generated = Array.from({ length: 200 }, () => generatePassword("admin"));
    for (const password of generated) {
      expect(passwordProblems(password, "admin")).toEqual([]);
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    }
    expect(new Set(generated).size).toBe(generated.length);
  });
});
