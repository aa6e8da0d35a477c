import type { TRPCRouterRecord } from "@trpc/server";
import { readProcedure } from "../trpc/trpc.ts";

export const sourcesRouter = {
  /** Every source's live status, with its address and what its inventory could not place. */
  status: readProcedure.query(({ ctx }) => ctx.sources.describeAll()),
} satisfies TRPCRouterRecord;
