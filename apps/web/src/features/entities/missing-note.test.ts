import { describe, expect, it } from "vitest";
import { missingNoteOf } from "./missing-note.ts";

const base = { notes: [] } as unknown as Parameters<typeof missingNoteOf>[0];

describe("missingNoteOf", () => {
  it("gives the source's message for a missing field only", () => {
    const sample = {
      ...base,
      notes: [
        { field: "goroutines", kind: "missing", message: "go_goroutines is absent" },
        { field: "heapGoalBytes", kind: "estimated", message: "from GOGC and the live heap" },
      ],
    } as Parameters<typeof missingNoteOf>[0];
    expect(missingNoteOf(sample, "goroutines")).toBe("go_goroutines is absent");
    expect(missingNoteOf(sample, "heapGoalBytes")).toBeNull();
    expect(missingNoteOf(sample, "rssBytes")).toBeNull();
  });
});
