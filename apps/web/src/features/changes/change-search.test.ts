import { describe, expect, it } from "vitest";
import {
  changeListSearchSchema,
  changeListViewStates,
  changeListViews,
  newChangeSearchSchema,
} from "./change-search.ts";

describe("the changes list's URL", () => {
  it("keeps a pasted view and service, and falls back to every change for what it cannot use", () => {
    expect(changeListSearchSchema.parse({ view: "approval", service: "checkout" })).toEqual({
      view: "approval",
      service: "checkout",
    });
    expect(changeListSearchSchema.parse({ view: "someday", service: "not an id!" })).toEqual({
      view: "all",
      service: undefined,
    });
    expect(changeListSearchSchema.parse({ service: 42 })).toEqual({ view: "all", service: "42" });
    expect(newChangeSearchSchema.parse({ service: "payments" })).toEqual({ service: "payments" });
  });

  it("puts every state in exactly one of the open, rolling and done views", () => {
    const states = ["open", "rolling", "done"].flatMap((view) => changeListViewStates[view as "open"] ?? []);
    expect(new Set(states).size).toBe(states.length);
    expect(states).toHaveLength(11);
    expect(changeListViewStates.all).toBeUndefined();
    expect(changeListViews).toContain("approval");
  });
});
