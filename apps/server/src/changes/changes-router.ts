import { setTimeout as sleep } from "node:timers/promises";
import { ChangeContent, ChangeState } from "@fleetdeck/core";
import { maxChangePageSize } from "@fleetdeck/db";
import { type TRPCRouterRecord, tracked } from "@trpc/server";
import { z } from "zod";
import { approveProcedure, operateProcedure, readProcedure } from "../trpc/trpc.ts";
import type { PersonAction } from "./change-service.ts";

/** How often the live feed looks for a new version; the controller steps about once a second. */
const livePollMs = 500;

const changeId = z.string().min(1, "name the change").max(200);
const reason = z.string().trim().max(2000);

/** One procedure per action: the builder says who may take it, core's state machine whether it can be taken now. */
const action = <Shape extends z.ZodRawShape>(
  type: PersonAction["type"],
  shape: Shape,
  builder: typeof operateProcedure | typeof approveProcedure,
) =>
  builder.input(z.object({ id: changeId, ...shape })).mutation(({ ctx, input }) => {
    const { id, ...rest } = input as { id: string } & Record<string, unknown>;
    return ctx.changes.act(ctx.identity, ctx.origin, id, { type, ...rest } as PersonAction);
  });

/** Change requests: drafting, four-eyes approval, and the rollouts they start. */
export const changesRouter = {
  list: readProcedure
    .input(
      z
        .object({
          states: z.array(ChangeState).optional(),
          serviceId: z.string().min(1).optional(),
          limit: z.number().int().min(1).max(maxChangePageSize).default(50),
        })
        .prefault({}),
    )
    .query(({ ctx, input }) => ctx.changes.list(input)),

  get: readProcedure.input(z.object({ id: changeId })).query(async ({ ctx, input }) => ({
    ...(await ctx.changes.get(input.id)),
    activity: ctx.rollouts.activityOf(input.id),
  })),

  /** The change again whenever it or what the controller is doing changes: the rollout page's live feed. */
  live: readProcedure
    .input(z.object({ id: changeId, lastEventId: z.string().nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      let last = "";
      while (!signal?.aborted) {
        const change = await ctx.changes.get(input.id);
        const activity = ctx.rollouts.activityOf(input.id);
        const key = `${change.version}:${activity?.step ?? ""}:${activity?.note ?? ""}`;
        if (key !== last) {
          last = key;
          yield tracked(String(change.version), { ...change, activity });
        }
        await sleep(livePollMs, undefined, { signal }).catch(() => {});
      }
    }),

  /** Each target instance's config: told, running, and what the change makes of it. */
  instanceConfigs: readProcedure
    .input(z.object({ id: changeId }))
    .query(({ ctx, input }) => ctx.changes.instanceConfigs(input.id)),

  /** The policy's verdict, the risk and the predicted GC effect of a proposal, before it is stored. */
  preview: readProcedure
    .input(z.object({ content: ChangeContent, id: changeId.optional() }))
    .query(({ ctx, input }) => ctx.changes.preview(input.content, input.id)),

  create: operateProcedure
    .input(z.object({ content: ChangeContent }))
    .mutation(({ ctx, input }) => ctx.changes.create(ctx.identity, ctx.origin, input.content)),

  edit: operateProcedure
    .input(z.object({ id: changeId, content: ChangeContent }))
    .mutation(({ ctx, input }) => ctx.changes.edit(ctx.identity, ctx.origin, input.id, input.content)),

  submit: action("submit", {}, operateProcedure),
  /** contentHash: the version the approver reviewed; an edit since makes the approval fail. */
  approve: action("approve", { contentHash: z.string().min(1), comment: reason.optional() }, approveProcedure),
  reject: action("reject", { reason: reason.min(1, "say why, so the author can act on it") }, approveProcedure),
  cancel: action("cancel", { reason: reason.optional() }, operateProcedure),
  start: action("start", {}, operateProcedure),
  pause: action("pause", { reason: reason.min(1, "say why the rollout pauses") }, operateProcedure),
  resume: action("resume", { reason: reason.min(1, "say what was checked before resuming") }, operateProcedure),
  abort: action("abort", { reason }, operateProcedure),
  rollback: action("rollback", { reason }, operateProcedure),

  comment: readProcedure
    .input(z.object({ id: changeId, body: z.string().trim().min(1, "write something").max(10_000) }))
    .mutation(({ ctx, input }) => ctx.changes.comment(ctx.identity, ctx.origin, input.id, input.body)),
} satisfies TRPCRouterRecord;
