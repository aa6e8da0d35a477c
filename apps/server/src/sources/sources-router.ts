import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc/trpc.ts";

export const sourcesRouter = {
  status: publicProcedure.query(({ ctx }) => ctx.sources.statusList()),
} satisfies TRPCRouterRecord;
