import type { OverviewAnswer } from "../../lib/api-types.ts";
import { lastGoodKeeper } from "../../lib/keep-last-good.ts";

const overviewKeeper = lastGoodKeeper("overview");

/** The last good overview survives an answer in which no source answered. */
export const keepLastGoodOverview = (previous: OverviewAnswer | undefined, next: OverviewAnswer) =>
  overviewKeeper.keep(previous, next);
export const shareOverviewAnswer = overviewKeeper.share;
