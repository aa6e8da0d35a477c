import { describe, expect, it } from "vitest";
import { describeLiveConnection } from "./live-connection.ts";

describe("describeLiveConnection", () => {
  it("is live while the subscription is open", () => {
    expect(describeLiveConnection("pending", null)).toEqual({ live: true, label: "Live", tone: "good", detail: null });
  });

  it("tells connecting from reconnecting after an error", () => {
    expect(describeLiveConnection("connecting", null).label).toBe("Connecting");
    expect(describeLiveConnection("connecting", "socket closed")).toMatchObject({
      live: false,
      label: "Reconnecting",
      detail: "socket closed",
    });
  });

  it("says when the feed is down and why", () => {
    expect(describeLiveConnection("error", "500")).toEqual({
      live: false,
      label: "Disconnected",
      tone: "bad",
      detail: "500",
    });
    expect(describeLiveConnection("idle", null).live).toBe(false);
  });
});
