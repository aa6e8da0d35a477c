import { describe, expect, it } from "vitest";
import { approvalStanding } from "./approval-standing.ts";

const change = { contentHash: "v2", nowMs: 1_000 };

describe("an approval's standing", () => {
  it("counts for the current version until it expires", () => {
    expect(approvalStanding({ contentHash: "v2", expiresAtMs: 2_000, counts: true }, change)).toEqual({
      tone: "good",
      text: "counts",
    });
    expect(approvalStanding({ contentHash: "v2", expiresAtMs: 1_000, counts: false }, change).text).toBe("expired");
  });

  it("says an approval of content edited since approved an older version", () => {
    expect(approvalStanding({ contentHash: "v1", expiresAtMs: 2_000, counts: false }, change).text).toBe(
      "approved an older version",
    );
  });
});
