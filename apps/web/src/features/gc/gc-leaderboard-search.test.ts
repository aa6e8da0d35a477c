import { describe, expect, it } from "vitest";
import {
  defaultGcLeaderboardSearch,
  gcLeaderboardSearchSchema,
  leaderboardQueryOf,
  pageInfo,
  sortedBy,
} from "./gc-leaderboard-search.ts";

const parse = (search: Record<string, unknown>) => gcLeaderboardSearchSchema.parse(search);

describe("the GC leaderboard's URL", () => {
  it("opens services by GC CPU, largest first, on the first page", () => {
    expect(parse({})).toEqual({
      ...defaultGcLeaderboardSearch,
      region: undefined,
      cluster: undefined,
      service: undefined,
      q: undefined,
    });
  });

  it("reads a full view", () => {
    expect(
      parse({
        level: "instance",
        region: "eu-west",
        service: "checkout",
        q: "api",
        sort: "pauseP99Seconds",
        dir: "asc",
        page: 3,
      }),
    ).toMatchObject({
      level: "instance",
      region: "eu-west",
      service: "checkout",
      q: "api",
      sort: "pauseP99Seconds",
      dir: "asc",
      page: 3,
    });
  });

  it("drops bad values instead of breaking a pasted link", () => {
    expect(parse({ level: "galaxy", region: "eu west!", sort: "speed", dir: "up", page: -2, q: "" })).toEqual(
      parse({}),
    );
    expect(parse({ q: 42, region: 7 })).toMatchObject({ q: "42", region: "7" });
  });

  it("asks the server for the page, the scope and the search it names", () => {
    expect(
      leaderboardQueryOf(parse({ level: "instance", region: "eu-west", service: "checkout", q: "api", page: 3 })),
    ).toEqual({
      level: "instance",
      regionId: "eu-west",
      serviceId: "checkout",
      search: "api",
      sort: "gcCpuCores",
      direction: "desc",
      offset: 100,
      limit: 50,
    });
  });

  it("ignores the service filter above the instance level", () => {
    expect(leaderboardQueryOf(parse({ level: "region", service: "checkout", cluster: "c1" }))).toEqual({
      level: "region",
      clusterId: "c1",
      sort: "gcCpuCores",
      direction: "desc",
      offset: 0,
      limit: 50,
    });
  });
});

describe("sorting by a column", () => {
  const search = parse({ sort: "gcCpuCores", dir: "desc", page: 4 });

  it("turns the same column around and goes back to the first page", () => {
    expect(sortedBy(search, "gcCpuCores")).toEqual({ sort: "gcCpuCores", dir: "asc", page: 1 });
  });

  it("starts another column from its worst end: the largest, or the least headroom", () => {
    expect(sortedBy(search, "pauseP99Seconds")).toEqual({ sort: "pauseP99Seconds", dir: "desc", page: 1 });
    expect(sortedBy(search, "memoryHeadroomRatio")).toEqual({ sort: "memoryHeadroomRatio", dir: "asc", page: 1 });
  });
});

describe("pages", () => {
  it("says which rows a page shows", () => {
    expect(pageInfo(2, 240)).toMatchObject({ pages: 5, first: 51, last: 100, hasPrevious: true, hasNext: true });
    expect(pageInfo(5, 240)).toMatchObject({ first: 201, last: 240, hasNext: false });
    expect(pageInfo(1, 0)).toMatchObject({ pages: 1, first: 0, last: 0, hasPrevious: false, hasNext: false });
  });

  it("knows a page past the end", () => {
    expect(pageInfo(9, 240)).toMatchObject({ beyond: true, first: 0, last: 0, hasPrevious: true });
  });
});
