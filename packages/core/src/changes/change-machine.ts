import type { Permission } from "../auth/roles.ts";
import { approvalIneligibility, countingApprovals } from "./approvals.ts";
import {
  type ChangeAction,
  type ChangeActionType,
  changeActionPermission,
  changeAuditAction,
  changeRepeats,
  changeTransitions,
  finalChangeStates,
} from "./change-actions.ts";
import type { ChangeRecord } from "./change-record.ts";
import type { ChangeContent, ChangeState } from "./change-request.ts";

/** A person with the permissions their roles grant, or the server itself (controller, expiry sweep). */
export type ChangeActor = { userId: string; permissions: readonly Permission[] } | "system";

export interface ChangeDecisionContext {
  actor: ChangeActor;
  nowMs: number;
  /** How long an approval counts after it is given. */
  approvalTtlMs: number;
  /** How long a submitted request may wait for approval and its start. */
  requestTtlMs: number;
}

export type ChangeRefusalCode = "forbidden" | "conflict" | "invalid";

/**
 * What an action does to a change: a next version to compare-and-set with its audit row, nothing
 * (a harmless repeat), or a refusal saying why — "forbidden" (who), "conflict" (the change's
 * state or content moved on), "invalid" (the request itself).
 */
export type ChangeDecision =
  | { kind: "changed"; next: ChangeRecord; auditAction: string; summary: string }
  | { kind: "unchanged"; reason: string }
  | { kind: "refused"; code: ChangeRefusalCode; message: string };

const refused = (code: ChangeRefusalCode, message: string): ChangeDecision => ({ kind: "refused", code, message });

/** How messages name an action's effect: "the change cannot be <verb>". */
const actionVerb: Record<ChangeActionType, string> = {
  edit: "edited",
  submit: "submitted",
  approve: "approved",
  reject: "rejected",
  cancel: "cancelled",
  expire: "expired",
  start: "started",
  pause: "paused",
  resume: "resumed",
  abort: "aborted",
  rollback: "rolled back",
  complete: "completed",
  gateFailed: "failed by a gate",
  hold: "held",
  rolledBack: "marked rolled back",
};

const stateLabel = (state: ChangeState) => state.replace("_", " ");
const iso = (ms: number) => new Date(ms).toISOString();

export interface NewChange {
  id: string;
  content: ChangeContent;
  contentHash: string;
  approvalsRequired: number;
}

/** Creates a draft (version 1) written by the acting operator. */
export function draftChange(
  change: NewChange,
  context: Pick<ChangeDecisionContext, "actor" | "nowMs">,
): ChangeDecision {
  const { actor, nowMs } = context;
  if (actor === "system" || !actor.permissions.includes("operate")) {
    return refused("forbidden", "creating a change request needs the operate permission (the operator role)");
  }
  const invalid = invalidEdit(change.contentHash, change.approvalsRequired);
  if (invalid) return refused("invalid", invalid);
  return {
    kind: "changed",
    next: {
      id: change.id,
      version: 1,
      state: "draft",
      content: change.content,
      contentHash: change.contentHash,
      authorId: actor.userId,
      lastEditorId: actor.userId,
      approvalsRequired: change.approvalsRequired,
      approvals: [],
      stateReason: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      submittedAtMs: null,
      expiresAtMs: null,
    },
    auditAction: "change.create",
    summary: `drafted "${change.content.title}"`,
  };
}

/**
 * Decides one action on a stored change. Checks, in order: who may act (permission, four eyes),
 * the request itself, harmless repeats, whether the state allows the action, then the action's
 * own preconditions (content hash, expiry, approvals). Rollback and abort have no preconditions:
 * they are never refused for policy reasons.
 */
export function decide(change: ChangeRecord, action: ChangeAction, context: ChangeDecisionContext): ChangeDecision {
  const who = authorize(change, action, context.actor);
  if (who) return who;
  const invalid = invalidAction(action);
  if (invalid) return refused("invalid", invalid);

  if (changeRepeats[change.state].includes(action.type)) {
    return { kind: "unchanged", reason: `the change is already ${stateLabel(change.state)}` };
  }
  if (action.type === "approve" && context.actor !== "system") {
    const userId = context.actor.userId;
    const own = countingApprovals(change, context.nowMs).find((approval) => approval.userId === userId);
    if (
      own &&
      own.contentHash === action.contentHash &&
      (change.state === "pending_approval" || change.state === "approved")
    ) {
      return { kind: "unchanged", reason: "you already approved this version of the change" };
    }
  }
  const targets = changeTransitions[change.state][action.type];
  if (!targets) return refused("conflict", stateConflict(change.state, action.type));

  return apply(change, action, context);
}

function authorize(change: ChangeRecord, action: ChangeAction, actor: ChangeActor): ChangeDecision | null {
  const needed = changeActionPermission[action.type];
  if (needed === "system") {
    return actor === "system"
      ? null
      : refused("forbidden", `only the rollout controller marks a change ${actionVerb[action.type]}`);
  }
  if (actor === "system") {
    return refused("forbidden", `a change is ${actionVerb[action.type]} by a person, not by the system`);
  }
  if (!actor.permissions.includes(needed)) {
    const role = needed === "approve" ? "approver" : needed === "operate" ? "operator" : "admin";
    return refused(
      "forbidden",
      `a change can only be ${actionVerb[action.type]} with the ${needed} permission (the ${role} role)`,
    );
  }
  if (action.type === "approve") {
    const why = approvalIneligibility(change, actor.userId);
    if (why) return refused("forbidden", why);
  }
  return null;
}

function invalidAction(action: ChangeAction): string | null {
  switch (action.type) {
    case "edit":
      return invalidEdit(action.contentHash, action.approvalsRequired);
    case "resume":
      return action.reason.trim() === "" ? "resuming a rollout needs a reason: say what was checked" : null;
    case "reject":
      return action.reason.trim() === "" ? "rejecting a change needs a reason the author can act on" : null;
    case "gateFailed":
    case "hold":
      return action.reason.trim() === "" ? `${action.type} needs a reason` : null;
    default:
      return null;
  }
}

function invalidEdit(contentHash: string, approvalsRequired: number): string | null {
  if (contentHash.trim() === "") return "contentHash is empty: it must be the hash of the content's canonical JSON";
  if (!Number.isInteger(approvalsRequired) || approvalsRequired < 1) {
    return `approvalsRequired is ${approvalsRequired}: a change needs at least one approval`;
  }
  return null;
}

function stateConflict(state: ChangeState, action: ChangeActionType): string {
  if (state === "completed") return `the change is completed: it can only be rolled back, not ${actionVerb[action]}`;
  if (finalChangeStates.includes(state)) {
    return `the change is ${stateLabel(state)}, which is final: it cannot be ${actionVerb[action]}`;
  }
  const possible = Object.keys(changeTransitions[state]).join(", ");
  return `a ${stateLabel(state)} change cannot be ${actionVerb[action]} (possible now: ${possible})`;
}

/** The next version: state and fields changed, version + 1, stamped with the decision's time. */
function next(
  change: ChangeRecord,
  action: ChangeAction,
  nowMs: number,
  fields: Partial<ChangeRecord>,
  summary: string,
): ChangeDecision {
  return {
    kind: "changed",
    next: { ...change, ...fields, version: change.version + 1, updatedAtMs: nowMs },
    auditAction: changeAuditAction[action.type],
    summary,
  };
}

/** A reason a person gave, or what happened when they gave none. */
const reasonOr = (reason: string | undefined, fallback: string) =>
  reason !== undefined && reason.trim() !== "" ? reason.trim() : fallback;

function apply(change: ChangeRecord, action: ChangeAction, context: ChangeDecisionContext): ChangeDecision {
  const { nowMs, actor } = context;
  const by = actor === "system" ? "the system" : actor.userId;
  const expired = change.expiresAtMs !== null && nowMs >= change.expiresAtMs;
  if (expired && (action.type === "edit" || action.type === "approve" || action.type === "start")) {
    return refused("conflict", `the request expired at ${iso(change.expiresAtMs as number)}: it can only be cancelled`);
  }

  switch (action.type) {
    case "edit": {
      if (action.contentHash === change.contentHash && action.approvalsRequired === change.approvalsRequired) {
        return { kind: "unchanged", reason: "the content and the approvals required are what the change already has" };
      }
      const withdrawn = change.approvals.length > 0 ? `; ${change.approvals.length} approval(s) withdrawn` : "";
      return next(
        change,
        action,
        nowMs,
        {
          state: change.state === "draft" ? "draft" : "pending_approval",
          content: action.content,
          contentHash: action.contentHash,
          approvalsRequired: action.approvalsRequired,
          lastEditorId: by,
          approvals: [],
          stateReason:
            change.state === "approved" ? `edited by ${by} after approval: approve it again` : change.stateReason,
        },
        `edited by ${by}${withdrawn}`,
      );
    }
    case "submit":
      return next(
        change,
        action,
        nowMs,
        {
          state: "pending_approval",
          submittedAtMs: nowMs,
          expiresAtMs: nowMs + context.requestTtlMs,
          stateReason: null,
        },
        `submitted by ${by}; needs ${change.approvalsRequired} approval(s) before ${iso(nowMs + context.requestTtlMs)}`,
      );
    case "approve": {
      if (action.contentHash !== change.contentHash) {
        return refused(
          "conflict",
          "the change was edited after you reviewed it: review the current version and approve that",
        );
      }
      const others = countingApprovals(change, nowMs).filter((approval) => approval.userId !== by);
      const approvals = [
        ...others,
        {
          userId: by,
          contentHash: change.contentHash,
          atMs: nowMs,
          expiresAtMs: nowMs + context.approvalTtlMs,
          comment: action.comment?.trim() || null,
        },
      ];
      const enough = approvals.length >= change.approvalsRequired;
      return next(
        change,
        action,
        nowMs,
        { state: enough ? "approved" : "pending_approval", approvals, stateReason: null },
        `approved by ${by} (${approvals.length} of ${change.approvalsRequired})`,
      );
    }
    case "reject":
      return next(change, action, nowMs, { state: "rejected", stateReason: action.reason.trim() }, `rejected by ${by}`);
    case "cancel":
      return next(
        change,
        action,
        nowMs,
        { state: "cancelled", stateReason: reasonOr(action.reason, `cancelled by ${by}`) },
        `cancelled by ${by}`,
      );
    case "expire":
      return expire(change, action, nowMs);
    case "start": {
      const counting = countingApprovals(change, nowMs);
      if (counting.length < change.approvalsRequired) {
        return refused(
          "conflict",
          `approvals lapsed: ${counting.length} of ${change.approvalsRequired} still count; the change needs approval again`,
        );
      }
      return next(change, action, nowMs, { state: "rolling", stateReason: null }, `rollout started by ${by}`);
    }
    case "pause":
      return next(
        change,
        action,
        nowMs,
        { state: "paused", stateReason: reasonOr(action.reason, `paused by ${by}`) },
        `paused by ${by}`,
      );
    case "hold":
      return next(
        change,
        action,
        nowMs,
        { state: "paused", stateReason: action.reason.trim() },
        "held by the controller",
      );
    case "resume":
      return next(
        change,
        action,
        nowMs,
        { state: "rolling", stateReason: `resumed by ${by}: ${action.reason.trim()}` },
        `resumed by ${by}`,
      );
    case "abort":
    case "rollback":
      return next(
        change,
        action,
        nowMs,
        { state: "rolling_back", stateReason: reasonOr(action.reason, `${actionVerb[action.type]} by ${by}`) },
        `${actionVerb[action.type]} by ${by}`,
      );
    case "gateFailed":
      return next(
        change,
        action,
        nowMs,
        { state: "rolling_back", stateReason: action.reason.trim() },
        "a gate failed: rolling back",
      );
    case "complete":
      return next(change, action, nowMs, { state: "completed", stateReason: null }, "rollout completed");
    case "rolledBack":
      return next(change, action, nowMs, { state: "rolled_back" }, "rollback completed");
  }
}

function expire(change: ChangeRecord, action: ChangeAction, nowMs: number): ChangeDecision {
  if (change.expiresAtMs !== null && nowMs >= change.expiresAtMs) {
    const what = change.state === "approved" ? "started" : "approved";
    return next(
      change,
      action,
      nowMs,
      { state: "expired", stateReason: `not ${what} before ${iso(change.expiresAtMs)}` },
      "request expired",
    );
  }
  const counting = countingApprovals(change, nowMs);
  if (change.state === "approved" && counting.length < change.approvalsRequired) {
    return next(
      change,
      action,
      nowMs,
      {
        state: "pending_approval",
        approvals: counting,
        stateReason: `approvals lapsed: ${counting.length} of ${change.approvalsRequired} still count`,
      },
      "approvals lapsed",
    );
  }
  const due = change.expiresAtMs === null ? "" : `; the request expires at ${iso(change.expiresAtMs)}`;
  return refused("invalid", `nothing has expired yet${due}`);
}
