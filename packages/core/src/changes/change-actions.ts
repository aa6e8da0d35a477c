import { z } from "zod";
import type { Permission } from "../auth/roles.ts";
import { ChangeContent, type ChangeState } from "./change-request.ts";

const Reason = z.string().max(2000);

/**
 * Everything that can happen to a change request. People act through the console; the rollout
 * controller and the expiry sweep act as "system" (expire, complete, gateFailed, hold, rolledBack).
 */
export const ChangeAction = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("edit"),
    content: ChangeContent,
    contentHash: z.string().min(1),
    approvalsRequired: z.number().int().min(1).max(10),
  }),
  z.strictObject({ type: z.literal("submit") }),
  /** contentHash is the version the approver reviewed: approving after an edit is refused. */
  z.strictObject({ type: z.literal("approve"), contentHash: z.string().min(1), comment: Reason.optional() }),
  z.strictObject({ type: z.literal("reject"), reason: Reason }),
  z.strictObject({ type: z.literal("cancel"), reason: Reason.optional() }),
  z.strictObject({ type: z.literal("expire") }),
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("pause"), reason: Reason }),
  z.strictObject({ type: z.literal("resume"), reason: Reason }),
  z.strictObject({ type: z.literal("abort"), reason: Reason }),
  z.strictObject({ type: z.literal("rollback"), reason: Reason }),
  z.strictObject({ type: z.literal("complete") }),
  z.strictObject({ type: z.literal("gateFailed"), reason: Reason }),
  z.strictObject({ type: z.literal("hold"), reason: Reason }),
  z.strictObject({ type: z.literal("rolledBack") }),
]);
export type ChangeAction = z.infer<typeof ChangeAction>;
export type ChangeActionType = ChangeAction["type"];
export const changeActionTypes = ChangeAction.options.map((option) => option.shape.type.value);

/**
 * Who may take each action. Any user with "operate" may drive any change (the author has no
 * extra rights); "approve" decides; the system's actions are the controller's and the sweep's.
 */
export const changeActionPermission: Record<ChangeActionType, Permission | "system"> = {
  edit: "operate",
  submit: "operate",
  approve: "approve",
  reject: "approve",
  cancel: "operate",
  expire: "system",
  start: "operate",
  pause: "operate",
  resume: "operate",
  abort: "operate",
  rollback: "operate",
  complete: "system",
  gateFailed: "system",
  hold: "system",
  rolledBack: "system",
};

/**
 * The states each action may lead to from each state; an action missing from a state's row is
 * refused there (unless changeRepeats lists it). The UI shows a button when its action is here
 * and the viewer holds its permission.
 */
export const changeTransitions: Record<ChangeState, Partial<Record<ChangeActionType, readonly ChangeState[]>>> = {
  draft: { edit: ["draft"], submit: ["pending_approval"], cancel: ["cancelled"] },
  pending_approval: {
    edit: ["pending_approval"],
    approve: ["pending_approval", "approved"],
    reject: ["rejected"],
    cancel: ["cancelled"],
    expire: ["expired"],
  },
  approved: {
    edit: ["pending_approval"],
    reject: ["rejected"],
    cancel: ["cancelled"],
    start: ["rolling"],
    // Back to pending approval when approvals lapse before the start; expired when the request does.
    expire: ["expired", "pending_approval"],
  },
  rolling: {
    pause: ["paused"],
    hold: ["paused"],
    abort: ["rolling_back"],
    rollback: ["rolling_back"],
    gateFailed: ["rolling_back"],
    complete: ["completed"],
  },
  paused: { resume: ["rolling"], abort: ["rolling_back"], rollback: ["rolling_back"] },
  completed: { rollback: ["rolling_back"] },
  rolling_back: { rolledBack: ["rolled_back"] },
  rejected: {},
  cancelled: {},
  expired: {},
  rolled_back: {},
};

/**
 * Actions that are harmless repeats in a state (a second abort, a retried controller step):
 * they change nothing and are not errors. Approving the same content twice is one too.
 */
export const changeRepeats: Record<ChangeState, readonly ChangeActionType[]> = {
  draft: [],
  pending_approval: ["submit"],
  approved: [],
  rolling: ["start", "resume"],
  paused: ["pause", "hold"],
  completed: ["complete"],
  rolling_back: ["abort", "rollback", "gateFailed"],
  rejected: ["reject"],
  cancelled: ["cancel"],
  expired: ["expire"],
  rolled_back: ["abort", "rollback", "gateFailed", "rolledBack"],
};

/** States nothing leaves, except a completed rollout, which can still be rolled back. */
export const finalChangeStates: readonly ChangeState[] = [
  "completed",
  "rejected",
  "cancelled",
  "expired",
  "rolled_back",
];

/** The audit log's name for each action: `change.<verb>`, kebab-case like the other audit actions. */
export const changeAuditAction: Record<ChangeActionType, string> = {
  edit: "change.edit",
  submit: "change.submit",
  approve: "change.approve",
  reject: "change.reject",
  cancel: "change.cancel",
  expire: "change.expire",
  start: "change.start",
  pause: "change.pause",
  resume: "change.resume",
  abort: "change.abort",
  rollback: "change.rollback",
  complete: "change.complete",
  gateFailed: "change.gate-failed",
  hold: "change.hold",
  rolledBack: "change.rolled-back",
};
