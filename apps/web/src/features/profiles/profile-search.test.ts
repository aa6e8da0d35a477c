import { describe, expect, it } from "vitest";
import {
  profileDiffSearchSchema,
  profileListSearchSchema,
  profileViewSearchSchema,
  viewChange,
} from "./profile-search.ts";

describe("profile viewer URL", () => {
  it("reads every piece of view state, so a reload shows the same zoomed frame", () => {
    expect(
      profileViewSearchSchema.parse({
        sampleType: "alloc_space",
        path: ["main.main", "main.work"],
        search: "gc|malloc",
        focus: "^main",
        hide: "runtime\\.",
        inverted: true,
        sandwich: "runtime.mallocgc",
        sort: "cum",
      }),
    ).toEqual({
      sampleType: "alloc_space",
      path: ["main.main", "main.work"],
      search: "gc|malloc",
      focus: "^main",
      hide: "runtime\\.",
      inverted: true,
      sandwich: "runtime.mallocgc",
      sort: "cum",
    });
  });

  it("takes numbers the router parsed as text and drops what it cannot read", () => {
    const parsed = profileViewSearchSchema.parse({
      search: 42,
      path: "main",
      inverted: "yes",
      sort: "size",
      focus: "",
    });
    expect(parsed).toEqual({
      sampleType: undefined,
      path: undefined,
      search: "42",
      focus: undefined,
      hide: undefined,
      inverted: undefined,
      sandwich: undefined,
      sort: "flat",
    });
  });

  it("drops the zoom when the tree changes shape", () => {
    expect(viewChange({ inverted: true })).toEqual({ inverted: true, path: undefined });
  });
});

describe("diff and list URLs", () => {
  it("reads the two profiles of a diff, numeric ids as text", () => {
    const parsed = profileDiffSearchSchema.parse({ base: 12, target: "p-13", path: ["main"] });
    expect(parsed).toMatchObject({ base: "12", target: "p-13", path: ["main"], sort: "change" });
  });

  it("reads the list's filters, dropping a kind that is not one", () => {
    expect(profileListSearchSchema.parse({ instanceId: "etcd-0", kind: "heap" })).toEqual({
      instanceId: "etcd-0",
      kind: "heap",
    });
    expect(profileListSearchSchema.parse({ instanceId: "not ok", kind: "trace" })).toEqual({
      instanceId: undefined,
      kind: undefined,
    });
  });
});
