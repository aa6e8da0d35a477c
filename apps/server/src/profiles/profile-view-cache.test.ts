import { describe, expect, it } from "vitest";
import { ProfileViewCache, viewKey } from "./profile-view-cache.ts";

describe("ProfileViewCache", () => {
  it("computes a view once, shares a computation in flight, and keeps within its byte budget", async () => {
    const cache = new ProfileViewCache(10);
    let computed = 0;
    const compute = (size: number) => async () => {
      computed += 1;
      return new Uint8Array(size);
    };
    const key = viewKey("flame", { id: "p1", sampleType: "cpu" });
    const [a, b] = await Promise.all([cache.get(key, compute(4)), cache.get(key, compute(4))]);
    expect(a).toBe(b);
    expect(await cache.get(key, compute(4))).toBe(a);
    expect(computed).toBe(1);

    // Two more 4-byte views exceed 10 bytes: the least recently used one is computed again.
    await cache.get(viewKey("flame", { id: "p2" }), compute(4));
    await cache.get(viewKey("flame", { id: "p3" }), compute(4));
    expect(computed).toBe(3);
    await cache.get(key, compute(4));
    expect(computed).toBe(4);
  });

  it("does not keep a failed computation, nor the views of a deleted profile", async () => {
    const cache = new ProfileViewCache(1_000);
    const key = viewKey("flame", { id: "p1" });
    await expect(cache.get(key, async () => Promise.reject(new Error("worker timed out")))).rejects.toThrow(
      "worker timed out",
    );
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return new Uint8Array(8);
    };
    await cache.get(key, compute);
    cache.forget("p1");
    await cache.get(key, compute);
    expect(computed).toBe(2);
  });
});
