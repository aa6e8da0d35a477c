import { EntityId } from "@fleetdeck/core";
import { z } from "zod";

/** How the "Services burning the most CPU on GC" leaderboard is ordered (always largest first). */
export const serviceLeaderboardSorts = ["gcCpuCores", "meanGcCpuFraction", "instances"] as const;
export type ServiceLeaderboardSort = (typeof serviceLeaderboardSorts)[number];
export const defaultServiceLeaderboardSort: ServiceLeaderboardSort = "gcCpuCores";

/**
 * The overview's shareable view state: `/?region=eu-west&sort=instances`. A bad value falls back
 * to the default instead of breaking a pasted link.
 */
export const overviewSearchSchema = z.object({
  region: EntityId.optional().catch(undefined),
  sort: z.enum(serviceLeaderboardSorts).default(defaultServiceLeaderboardSort).catch(defaultServiceLeaderboardSort),
});
export type OverviewSearch = z.infer<typeof overviewSearchSchema>;
