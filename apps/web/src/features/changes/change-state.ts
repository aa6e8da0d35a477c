import {
  approvalIneligibility,
  type ChangeActionType,
  type ChangeState,
  changeActionPermission,
  changeTransitions,
} from "@fleetdeck/core";
import type { Tone } from "../../components/StatCard.tsx";
import type { Permission } from "../../lib/api-types.ts";

export const changeStateLabels: Record<ChangeState, string> = {
  draft: "Draft",
  pending_approval: "Pending approval",
  approved: "Approved",
  rolling: "Rolling",
  paused: "Paused",
  completed: "Completed",
  rejected: "Rejected",
  cancelled: "Cancelled",
  expired: "Expired",
  rolling_back: "Rolling back",
  rolled_back: "Rolled back",
};

/** Colour follows what a person should feel: waiting is neutral, moving is warn, failure bad. */
export const changeStateTones: Record<ChangeState, Tone> = {
  draft: "neutral",
  pending_approval: "warn",
  approved: "good",
  rolling: "warn",
  paused: "bad",
  completed: "good",
  rejected: "bad",
  cancelled: "neutral",
  expired: "neutral",
  rolling_back: "bad",
  rolled_back: "neutral",
};

/** What people can do to a change from the console, in the order the buttons appear. */
export const personActions = [
  "edit",
  "submit",
  "approve",
  "reject",
  "start",
  "pause",
  "resume",
  "abort",
  "rollback",
  "cancel",
] as const satisfies readonly ChangeActionType[];
export type PersonActionType = (typeof personActions)[number];

export interface ChangeViewer {
  userId: string;
  permissions: readonly Permission[];
}

export interface ActionAvailability {
  action: PersonActionType;
  /** Null when the viewer may take it; else why not (shown instead of the button). */
  refusal: string | null;
}

/**
 * The actions core's state machine allows from this state that the viewer holds the permission
 * for. Approve and reject also need someone other than the author and the last editor (four
 * eyes): for them the action comes back with the refusal, so the page can say why there is no
 * button rather than leave the author wondering.
 */
export function availableActions(
  change: { state: ChangeState; authorId: string; lastEditorId: string },
  viewer: ChangeViewer,
): ActionAvailability[] {
  const allowed = changeTransitions[change.state];
  return personActions.flatMap((action): ActionAvailability[] => {
    if (!allowed[action]) return [];
    const permission = changeActionPermission[action];
    if (permission === "system" || !viewer.permissions.includes(permission)) return [];
    if (action === "approve") {
      const { authorId, lastEditorId } = change;
      const refusal = approvalIneligibility({ authorId, lastEditorId, approvals: [], contentHash: "" }, viewer.userId);
      return [{ action, refusal }];
    }
    return [{ action, refusal: null }];
  });
}

/** Actions that undo or throw away work: the page asks before taking them. */
export const destructiveActions: ReadonlySet<PersonActionType> = new Set(["reject", "cancel", "abort", "rollback"]);

/** Actions whose reason the server requires (a rejection, a pause, a resume). */
export const reasonRequired: ReadonlySet<PersonActionType> = new Set(["reject", "pause", "resume"]);

/** Actions that take a reason at all (optional unless in reasonRequired). */
export const takesReason: ReadonlySet<PersonActionType> = new Set([
  "reject",
  "cancel",
  "pause",
  "resume",
  "abort",
  "rollback",
]);

export const actionLabels: Record<PersonActionType, string> = {
  edit: "Edit",
  submit: "Submit for approval",
  approve: "Approve",
  reject: "Reject",
  start: "Start rollout",
  pause: "Pause",
  resume: "Resume",
  abort: "Abort",
  rollback: "Roll back",
  cancel: "Cancel change",
};

/** What each action's confirmation says will happen. */
export const actionConsequences: Record<PersonActionType, string> = {
  edit: "Editing withdraws the approvals given so far.",
  submit: "Approvers are asked to review this exact content.",
  approve: "Your approval binds to the content shown on this page; an edit since makes it fail.",
  reject: "The change ends here; the author sees your reason.",
  start: "The rollout controller starts writing the new config, stage by stage.",
  pause: "The controller stops after the step it is taking; nothing is undone.",
  resume: "The controller carries on from where it stopped; a held gate is evaluated again.",
  abort: "The rollout stops and every instance it changed gets its earlier config back.",
  rollback: "Every instance this change reached gets its earlier config back. No approval is needed.",
  cancel: "The change ends without ever being applied.",
};
