import { describe, expect, it } from "vitest";
import { captureRequestOf } from "./capture-request.ts";

describe("capture form", () => {
  it("sends a CPU capture with its seconds, ten when left empty", () => {
    expect(captureRequestOf({ instanceId: " etcd-0 ", kind: "cpu", seconds: "30" })).toEqual({
      ok: true,
      request: { instanceId: "etcd-0", kind: "cpu", seconds: 30 },
    });
    expect(captureRequestOf({ instanceId: "etcd-0", kind: "cpu", seconds: "" })).toMatchObject({
      request: { seconds: 10 },
    });
  });

  it("sends snapshots without seconds, whatever the field says", () => {
    expect(captureRequestOf({ instanceId: "etcd-0", kind: "heap", seconds: "999" })).toEqual({
      ok: true,
      request: { instanceId: "etcd-0", kind: "heap" },
    });
  });

  it("says which field is wrong", () => {
    expect(captureRequestOf({ instanceId: "", kind: "cpu", seconds: "121" })).toEqual({
      ok: false,
      errors: {
        instanceId: ["Enter the id of the instance to profile."],
        seconds: ["A CPU profile runs for 1 to 120 whole seconds."],
      },
    });
    expect(captureRequestOf({ instanceId: "a", kind: "cpu", seconds: "2.5" }).ok).toBe(false);
  });
});
