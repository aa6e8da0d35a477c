import { describe, expect, it } from "vitest";
import { backoffDelayMs, isRetryableStatus, retryAfterMs } from "./retry-backoff.ts";

describe("retry backoff", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it("doubles the cap per retry up to the maximum, with the delay drawn below it", () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelayMs(retry, policy, () => 0.999_999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(200);
  });

  it("retries overload and server errors, never a request the server called wrong", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it("honours a Retry-After in seconds and ignores dates and garbage", () => {
    expect(retryAfterMs("2")).toBe(2_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).toBeNull();
  });
});
