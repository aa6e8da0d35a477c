import { describe, expect, it } from "vitest";
import { AgentStatus, parseStoredValue } from "./config-centre-values.ts";
import { prefixRangeEnd } from "./etcd-gateway-client.ts";

describe("parseStoredValue", () => {
  it("says where a stored value is wrong", () => {
    expect(parseStoredValue('{"applied":{"gogc":0}}', AgentStatus)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("applied.gogc"),
    });
    expect(parseStoredValue("{oops", AgentStatus)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not JSON/),
    });
  });
});

describe("prefixRangeEnd", () => {
  it("increments the last byte, as etcd's prefix ranges do", () => {
    expect(prefixRangeEnd("/fleetdeck/config/checkout/").toString()).toBe("/fleetdeck/config/checkout0");
    expect([...prefixRangeEnd("a\u00ff")]).toEqual([0x61, 0xc3, 0xc0]);
    expect([...prefixRangeEnd("")]).toEqual([0]);
  });
});
