import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { retryDelayMs, shouldRetryQuery } from "./query-client.ts";
import {
  errorMessage,
  isClientError,
  isNotFoundError,
  isUnauthorizedError,
  retryAfterMsOf,
  trpcErrorCode,
  zodIssueLines,
} from "./trpc-errors.ts";

/** An error as the tRPC client builds it from the BFF's JSON error response. */
function clientError(code: string, message: string, zodIssues: unknown = null, extra: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: { code: -32600, message, data: { code, httpStatus: 400, zodIssues, ...extra } },
  });
}

describe("reading tRPC errors", () => {
  it("finds the tRPC code in a client error", () => {
    const error = clientError("NOT_FOUND", 'no service with id "x"');
    expect(trpcErrorCode(error)).toBe("NOT_FOUND");
    expect(isNotFoundError(error)).toBe(true);
    expect(errorMessage(error)).toBe('no service with id "x"');
  });

  it("tells a missing session apart from a missing permission", () => {
    expect(isUnauthorizedError(clientError("UNAUTHORIZED", "sign in first"))).toBe(true);
    expect(isUnauthorizedError(clientError("FORBIDDEN", "not allowed"))).toBe(false);
    expect(isUnauthorizedError(new Error("fetch failed"))).toBe(false);
  });

  it("reads how long a rate-limited caller must wait, when the server said", () => {
    const limited = (retryAfterMs: unknown) => clientError("TOO_MANY_REQUESTS", "slow down", null, { retryAfterMs });
    expect(retryAfterMsOf(limited(41_200))).toBe(41_200);
    expect(retryAfterMsOf(limited(null))).toBeNull();
    expect(retryAfterMsOf(limited("soon"))).toBeNull();
    expect(retryAfterMsOf(limited(-1))).toBeNull();
    expect(retryAfterMsOf(new Error("fetch failed"))).toBeNull();
  });

  it("treats plain errors as codeless", () => {
    expect(trpcErrorCode(new Error("fetch failed"))).toBeNull();
    expect(isClientError(new Error("fetch failed"))).toBe(false);
    expect(errorMessage("boom")).toBe("boom");
    expect(errorMessage(undefined)).toBe("unknown error");
  });

  it("lists zod field issues the server's errorFormatter attached", () => {
    const error = clientError("BAD_REQUEST", "invalid input", {
      formErrors: ["a patch must set a field"],
      fieldErrors: { severity: ["Too big: expected number to be <=1"], serviceId: ["Required"] },
    });
    expect(zodIssueLines(error)).toEqual([
      "a patch must set a field",
      "severity: Too big: expected number to be <=1",
      "serviceId: Required",
    ]);
    expect(zodIssueLines(clientError("BAD_REQUEST", "no issues"))).toEqual([]);
  });

  it("replaces tRPC's JSON dump of zod issues with a sentence (the issues are listed apart)", () => {
    const rejected = clientError("BAD_REQUEST", '[{"code":"too_big","path":["severity"]}]', {
      formErrors: [],
      fieldErrors: { severity: ["Too big"] },
    });
    expect(errorMessage(rejected)).toBe("the server rejected the input");
    expect(errorMessage(clientError("BAD_REQUEST", "no such fault", { formErrors: [], fieldErrors: {} }))).toBe(
      "no such fault",
    );
  });
});

describe("query retries", () => {
  it("retries transient failures a few times", () => {
    expect(shouldRetryQuery(0, new Error("network down"))).toBe(true);
    expect(shouldRetryQuery(0, clientError("INTERNAL_SERVER_ERROR", "boom"))).toBe(true);
    expect(shouldRetryQuery(3, new Error("network down"))).toBe(false);
  });

  it("never retries what the server rejected or does not have", () => {
    expect(shouldRetryQuery(0, clientError("NOT_FOUND", "gone"))).toBe(false);
    expect(shouldRetryQuery(0, clientError("BAD_REQUEST", "bad"))).toBe(false);
  });

  it("never retries a call refused for want of a session or a permission", () => {
    expect(shouldRetryQuery(0, clientError("UNAUTHORIZED", "sign in first"))).toBe(false);
    expect(shouldRetryQuery(0, clientError("FORBIDDEN", 'this needs the "operate" permission'))).toBe(false);
  });

  it("backs off exponentially up to a cap", () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});
