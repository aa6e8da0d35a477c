import { describe, expect, it } from "vitest";
import { pollingConnection } from "./polling-connection.ts";

describe("a polling page's live indicator", () => {
  it("is live while refreshes succeed, paused when stopped, failing with the reason otherwise", () => {
    expect(pollingConnection(null, { paused: false })).toMatchObject({ live: true, label: "Live", tone: "good" });
    expect(pollingConnection(null, { paused: true })).toMatchObject({ live: false, label: "Paused" });
    expect(pollingConnection(new Error("fetch failed"), { paused: false })).toMatchObject({
      live: false,
      label: "Refresh failing",
      tone: "bad",
      detail: "fetch failed",
    });
  });
});
