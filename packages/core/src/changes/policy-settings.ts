import { z } from "zod";
import { EntityId } from "../model/inventory.ts";
import { ChangeState } from "./change-request.ts";

/** A period in which no rollout may start (rollbacks are never blocked). Epoch milliseconds. */
export const FreezeWindow = z
  .strictObject({
    startMs: z.number().int(),
    endMs: z.number().int(),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((window) => window.endMs > window.startMs, {
    message: "a freeze window must end after it starts",
    path: ["endMs"],
  });
export type FreezeWindow = z.infer<typeof FreezeWindow>;

/** The organisation's settings the change rules read. */
export const ChangePolicySettings = z.strictObject({
  /** Approvals a normal-risk change needs; high-risk changes need at least highRiskApprovals. */
  defaultApprovals: z.number().int().min(1).max(10),
  freezeWindows: z.array(FreezeWindow).max(1000),
});
export type ChangePolicySettings = z.infer<typeof ChangePolicySettings>;

export const defaultChangePolicySettings: ChangePolicySettings = { defaultApprovals: 1, freezeWindows: [] };

/** Another change of the same service, enough to say which one holds the service's rollout slot. */
export const ServiceChangeSummary = z.strictObject({
  id: EntityId,
  title: z.string(),
  state: ChangeState,
});
export type ServiceChangeSummary = z.infer<typeof ServiceChangeSummary>;

/**
 * When the rules run: at "submit" (and on every edit, to show the author) a freeze window or a
 * busy service only warns; at "start" they block, since only starting a rollout is forbidden then.
 */
export type PolicyMoment = "submit" | "start";
