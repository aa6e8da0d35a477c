import { describe, expect, it } from "vitest";
import type { CatalogAnswer, SourceStatus } from "../../lib/api-types.ts";
import { tinyFleetCatalog } from "../../test-support/tiny-fleet.ts";
import { keepLastGoodCatalog, shareCatalogAnswer } from "./keep-last-good-catalog.ts";

const up: SourceStatus = { sourceId: "demo", kind: "demo", ok: true, error: null, lastOkAtMs: 1, lastErrorAtMs: null };
const down: SourceStatus = { ...up, ok: false, error: "unreachable", lastErrorAtMs: 2 };
const good: CatalogAnswer = { catalog: tinyFleetCatalog(), sources: [up] };
const blank: CatalogAnswer = { catalog: null, sources: [down] };

describe("keepLastGoodCatalog", () => {
  it("keeps the last catalog when no source answered, with the new source statuses", () => {
    expect(keepLastGoodCatalog(good, blank)).toEqual({ catalog: good.catalog, sources: [down] });
  });

  it("takes a new catalog as is, and has nothing to keep on the first answer", () => {
    const newer: CatalogAnswer = { catalog: { ...tinyFleetCatalog(), services: [] }, sources: [up] };
    expect(keepLastGoodCatalog(good, newer)).toBe(newer);
    expect(keepLastGoodCatalog(undefined, blank)).toBe(blank);
  });
});

describe("shareCatalogAnswer", () => {
  it("applies the rule to cache writes and keeps unchanged parts identical", () => {
    expect((shareCatalogAnswer(good, blank) as CatalogAnswer).catalog).toBe(good.catalog);
    expect(shareCatalogAnswer(good, structuredClone(good))).toBe(good);
  });

  it("leaves other data alone", () => {
    expect(shareCatalogAnswer(undefined, "x")).toBe("x");
  });
});
