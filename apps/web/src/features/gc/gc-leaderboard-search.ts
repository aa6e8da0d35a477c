import {
  EntityId,
  GcLeaderboardLevel,
  GcLeaderboardMetric,
  type GcLeaderboardQuery,
  type GcLeaderboardMetric as Metric,
} from "@fleetdeck/core";
import { z } from "zod";

export const gcLeaderboardPageSize = 50;

/** The view a pasted `/gc` link opens: services, most GC CPU first, first page. */
export const defaultGcLeaderboardSearch = {
  level: "service",
  sort: "gcCpuCores",
  dir: "desc",
  page: 1,
} as const;

/** The router reads `?q=42` as the number 42; a text filter takes it as its text. */
const searchText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1).max(200))
  .optional()
  .catch(undefined);

const entityId = z.union([z.string(), z.number()]).transform(String).pipe(EntityId).optional().catch(undefined);

/**
 * The GC leaderboard's shareable view: `/gc?level=instance&region=eu-west&sort=pauseP99Seconds`.
 * A bad value falls back to the default instead of breaking a pasted link.
 */
export const gcLeaderboardSearchSchema = z.object({
  level: GcLeaderboardLevel.default(defaultGcLeaderboardSearch.level).catch(defaultGcLeaderboardSearch.level),
  region: entityId,
  cluster: entityId,
  /** Only at the instance level: one service's instances. */
  service: entityId,
  q: searchText,
  sort: GcLeaderboardMetric.default(defaultGcLeaderboardSearch.sort).catch(defaultGcLeaderboardSearch.sort),
  dir: z.enum(["asc", "desc"]).default(defaultGcLeaderboardSearch.dir).catch(defaultGcLeaderboardSearch.dir),
  page: z.number().int().min(1).max(10_000).default(1).catch(1),
});
export type GcLeaderboardSearch = z.infer<typeof gcLeaderboardSearchSchema>;

/** What gc.leaderboard is asked for the view in the URL. */
export function leaderboardQueryOf(search: GcLeaderboardSearch): GcLeaderboardQuery {
  const query: GcLeaderboardQuery = {
    level: search.level,
    sort: search.sort,
    direction: search.dir,
    offset: (search.page - 1) * gcLeaderboardPageSize,
    limit: gcLeaderboardPageSize,
  };
  if (search.region !== undefined) query.regionId = search.region;
  if (search.cluster !== undefined) query.clusterId = search.cluster;
  if (search.service !== undefined && search.level === "instance") query.serviceId = search.service;
  if (search.q !== undefined) query.search = search.q;
  return query;
}

/** Less headroom is worse, so that column starts with the tightest; every other column with the largest. */
export function firstDirectionOf(metric: Metric): "asc" | "desc" {
  return metric === "memoryHeadroomRatio" ? "asc" : "desc";
}

/**
 * The view after a click on a column's header: the same column turns around, another column starts
 * from its worst end; either way back to the first page.
 */
export function sortedBy(
  search: GcLeaderboardSearch,
  metric: Metric,
): Pick<GcLeaderboardSearch, "sort" | "dir" | "page"> {
  if (search.sort === metric) return { sort: metric, dir: search.dir === "desc" ? "asc" : "desc", page: 1 };
  return { sort: metric, dir: firstDirectionOf(metric), page: 1 };
}

/** How many pages the rows fill, and what the page in the URL shows ("51–100 of 240"). */
export function pageInfo(page: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / gcLeaderboardPageSize));
  const beyond = page > pages;
  const first = total === 0 || beyond ? 0 : (page - 1) * gcLeaderboardPageSize + 1;
  const last = beyond ? 0 : Math.min(total, page * gcLeaderboardPageSize);
  return { pages, first, last, beyond, hasPrevious: page > 1, hasNext: page < pages };
}
