import type { TRPCRouterRecord } from "@trpc/server";
import { readProcedure } from "../trpc/trpc.ts";

export const sourcesRouter = {
  status: readProcedure.query(({ ctx }) => ctx.sources.statusList()),
} satisfies TRPCRouterRecord;
