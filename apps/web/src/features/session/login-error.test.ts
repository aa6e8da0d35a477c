import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { describeRetryAfter, loginErrorMessage } from "./login-error.ts";

/** An error as the tRPC client builds it from the BFF's JSON answer to `auth.login`. */
function loginRefusal(code: string, httpStatus: number, message: string, extra: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: { code: -32001, message, data: { code, httpStatus, zodIssues: null, ...extra } },
  });
}

describe("why a sign-in was refused", () => {
  it("says the credentials were wrong without saying which one", () => {
    expect(loginErrorMessage(loginRefusal("UNAUTHORIZED", 401, "Wrong username or password"))).toBe(
      "Wrong username or password.",
    );
  });

  it("says a disabled account is disabled, and who can help", () => {
    expect(loginErrorMessage(loginRefusal("FORBIDDEN", 403, "This account is disabled; ask an administrator"))).toBe(
      "This account is disabled. Ask an administrator to enable it.",
    );
  });

  it("says when a rate-limited person may try again, in seconds", () => {
    const limited = loginRefusal("TOO_MANY_REQUESTS", 429, "Too many failed sign-ins", { retryAfterMs: 41_200 });
    expect(loginErrorMessage(limited)).toBe("Too many failed sign-ins for this account or address: try again in 42 s.");
    expect(loginErrorMessage(loginRefusal("TOO_MANY_REQUESTS", 429, "Too many failed sign-ins"))).toBe(
      "Too many failed sign-ins for this account or address: try again later.",
    );
  });

  it("asks for both fields when the server rejected the input", () => {
    expect(loginErrorMessage(loginRefusal("BAD_REQUEST", 400, "[]"))).toBe("Enter a username and a password.");
  });

  it("does not pass a broken server or network off as wrong credentials", () => {
    expect(loginErrorMessage(loginRefusal("INTERNAL_SERVER_ERROR", 500, "database unreachable"))).toBe(
      "Signing in failed: database unreachable.",
    );
    expect(loginErrorMessage(new TypeError("Failed to fetch"))).toBe("Signing in failed: Failed to fetch.");
  });
});

describe("how long to wait", () => {
  it("rounds up to whole seconds and never says 0 s", () => {
    expect(describeRetryAfter(1)).toBe("try again in 1 s");
    expect(describeRetryAfter(0)).toBe("try again in 1 s");
    expect(describeRetryAfter(59_001)).toBe("try again in 60 s");
  });

  it("adds minutes to a long wait", () => {
    expect(describeRetryAfter(15 * 60_000)).toBe("try again in 900 s (about 15 min)");
  });
});
