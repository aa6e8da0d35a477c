import type { CatalogAnswer } from "../../lib/api-types.ts";
import { lastGoodKeeper } from "../../lib/keep-last-good.ts";

const catalogKeeper = lastGoodKeeper("catalog");

/** Regions and services rarely change: pickers and entity pages keep the last catalog during an outage. */
export const keepLastGoodCatalog = (previous: CatalogAnswer | undefined, next: CatalogAnswer) =>
  catalogKeeper.keep(previous, next);
export const shareCatalogAnswer = catalogKeeper.share;
