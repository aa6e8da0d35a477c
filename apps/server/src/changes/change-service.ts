import { randomUUID } from "node:crypto";
import {
  applyDesiredPatch,
  beginRollback,
  type ChangeAction,
  type ChangeContent,
  type ChangeDecision,
  type ChangeDecisionContext,
  type ChangePolicySettings,
  type ChangeRecord,
  type ChangeState,
  countingApprovals,
  decide,
  draftChange,
  evaluateChangePolicy,
  holdRollout,
  type PolicyMoment,
  permissionsOf,
  type RolloutProgress,
  RolloutStartError,
  resumeRollout,
  startRollout,
} from "@fleetdeck/core";
import {
  type Database,
  getChange,
  insertChange,
  insertComment,
  type JsonObject,
  listChanges,
  listComments,
  listRolloutSteps,
} from "@fleetdeck/db";
import type { Clock } from "@fleetdeck/sources";
import { type RequestOrigin, withAudit } from "../audit/audit-writer.ts";
import { auditContextOf, type Identity } from "../auth/identity.ts";
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from "../infra/errors.ts";
import { withSource } from "../rollouts/rollout-source.ts";
import { type ChangeSnapshot, snapshotOf, writeTransition } from "./change-store.ts";
import type { ChangeTargets } from "./change-targets.ts";
import type { ConfigActuators } from "./config-actuators.ts";
import { contentHashOf } from "./content-hash.ts";

export interface ChangeServiceOptions {
  clock: Clock;
  settings: ChangePolicySettings;
  /** How long an approval counts after it is given. */
  approvalTtlMs: number;
  /** How long a submitted request may wait for its approvals and its start. */
  requestTtlMs: number;
}

/** The actions people take through the console; the system's are the controller's and the sweep's. */
export type PersonAction = Exclude<
  ChangeAction,
  { type: "edit" | "expire" | "complete" | "gateFailed" | "hold" | "rolledBack" }
>;

/** How often a transition is decided anew when another writer keeps coming first. */
const maxAttempts = 5;

/**
 * Change requests as people drive them: drafting and editing with the policy's verdict and the
 * GC prediction, four-eyes approval, and starting, pausing, resuming, aborting and rolling back
 * rollouts. Every transition is decided by core's state machine and written compare-and-set with
 * its audit row; the rollout controller then carries rolling changes forward.
 */
export class ChangeService {
  constructor(
    private readonly db: Database,
    private readonly targets: ChangeTargets,
    private readonly actuators: ConfigActuators,
    private readonly options: ChangeServiceOptions,
  ) {}

  /** The policy's verdict, the risk and the predicted effect of a change, without storing anything. */
  async preview(content: ChangeContent, changeId?: string, moment: PolicyMoment = "submit") {
    const resolved = await this.targets.resolve(content.target);
    const others = await listChanges(this.db, { serviceId: content.target.serviceId, limit: 200 });
    const evaluation = evaluateChangePolicy({
      content,
      targets: resolved.targets,
      settings: this.options.settings,
      moment,
      nowMs: this.options.clock.nowMs(),
      otherChanges: others
        .filter((other) => other.id !== changeId)
        .map((other) => ({ id: other.id, title: other.title, state: other.state as ChangeState })),
    });
    return {
      evaluation,
      sourceId: resolved.source.id,
      canActuate: this.actuators.has(resolved.source.id),
      instances: resolved.instances.map(({ id, regionId, clusterId, zoneId, nodeId }) => ({
        id,
        regionId,
        clusterId,
        zoneId,
        nodeId,
      })),
    };
  }

  async create(identity: Identity, origin: RequestOrigin, content: ChangeContent) {
    const { evaluation, sourceId } = await this.preview(content);
    // Said before anyone drafts and approves a change that could never start.
    this.actuators.forSource(sourceId);
    const decision = draftChange(
      {
        id: `chg-${randomUUID()}`,
        content,
        contentHash: contentHashOf(content),
        approvalsRequired: evaluation.risk.approvalsRequired,
      },
      { actor: actorOf(identity), nowMs: this.options.clock.nowMs() },
    );
    const { next: draft } = changedOrThrow(decision);
    const stored = await withAudit(
      this.db,
      { ...auditContextOf(identity, origin), action: "change.create", entityType: "change", entityId: draft.id },
      async (tx) => {
        const row = await insertChange(tx, {
          id: draft.id,
          state: draft.state,
          serviceId: draft.content.target.serviceId,
          title: draft.content.title,
          authorId: draft.authorId,
          record: draft as unknown as JsonObject,
          expiresAtMs: null,
          createdAtMs: draft.createdAtMs,
        });
        return { result: row, after: { state: draft.state, content: draft.content, contentHash: draft.contentHash } };
      },
    );
    return this.view(snapshotOf(stored));
  }

  /** Changes the content; approvals given so far no longer count (they bound the old content). */
  async edit(identity: Identity, origin: RequestOrigin, id: string, content: ChangeContent) {
    const { evaluation } = await this.preview(content, id);
    return this.act(identity, origin, id, {
      type: "edit",
      content,
      contentHash: contentHashOf(content),
      approvalsRequired: evaluation.risk.approvalsRequired,
    });
  }

  /**
   * One person's action, decided on the latest version and written compare-and-set; when another
   * writer came first it is decided again on what they wrote (an approval racing an edit is then
   * refused, since it binds the old content).
   */
  async act(
    identity: Identity,
    origin: RequestOrigin,
    id: string,
    action: PersonAction | Extract<ChangeAction, { type: "edit" }>,
  ) {
    const audit = auditContextOf(identity, origin);
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = await this.snapshot(id);
      await this.checkPolicy(before, action);
      const nowMs = this.options.clock.nowMs();
      const decision = decide(before.record, action, this.decisionContext(actorOf(identity), nowMs));
      if (decision.kind === "unchanged") return { ...(await this.view(before)), unchanged: decision.reason };
      const { next, auditAction } = changedOrThrow(decision);
      const rollout = await this.rolloutAfter(before, next, action, nowMs);
      const written = await writeTransition(this.db, {
        before,
        next,
        rollout,
        audit: { ...audit, action: auditAction },
        nowMs,
      });
      if (written) return { ...(await this.view(written)), unchanged: null };
    }
    throw new ConflictError(`change ${id} kept changing while this was decided; look at it again and retry`);
  }

  async comment(identity: Identity, origin: RequestOrigin, id: string, body: string) {
    const change = await this.snapshot(id);
    return withAudit(
      this.db,
      { ...auditContextOf(identity, origin), action: "change.comment", entityType: "change", entityId: id },
      async (tx) => {
        const comment = await insertComment(tx, {
          changeId: change.record.id,
          authorId: identity.userId,
          body,
          createdAtMs: this.options.clock.nowMs(),
        });
        return { result: comment, after: { body } };
      },
    );
  }

  async get(id: string) {
    const snapshot = await this.snapshot(id);
    const [comments, steps] = await Promise.all([listComments(this.db, id), listRolloutSteps(this.db, id)]);
    return { ...(await this.view(snapshot)), comments, steps };
  }

  async list(query: { states?: ChangeState[]; serviceId?: string; limit: number }) {
    const rows = await listChanges(this.db, query);
    const usernames = await this.usernamesOf(rows.flatMap((row) => [row.authorId]));
    return rows.map((row) => {
      const { record } = snapshotOf(row);
      return {
        id: row.id,
        number: row.number,
        state: row.state as ChangeState,
        title: row.title,
        serviceId: row.serviceId,
        patch: record.content.patch,
        author: usernames.get(row.authorId) ?? row.authorId,
        authorId: row.authorId,
        lastEditorId: record.lastEditorId,
        approvals: countingApprovals(record, this.options.clock.nowMs()).length,
        approvalsRequired: record.approvalsRequired,
        updatedAtMs: row.updatedAtMs,
        expiresAtMs: record.expiresAtMs,
      };
    });
  }

  /**
   * Per target instance: what it is told and what it runs now, beside what the rollout writes (or,
   * before the start, what the patch would make of its config). The diff and rollout views read it.
   */
  async instanceConfigs(id: string) {
    const { record, rollout } = await this.snapshot(id);
    const serviceId = record.content.target.serviceId;
    const resolved = await this.targets.resolve(record.content.target);
    const ids = rollout ? rollout.targets.map((t) => t.id) : resolved.instances.map((i) => i.id);
    if (!this.actuators.has(resolved.source.id)) {
      return { canActuate: false, instances: [] };
    }
    const states = await this.actuators.forSource(resolved.source.id).read(serviceId, ids);
    return {
      canActuate: true,
      instances: states.map((state) => {
        const current = state.desired ?? state.observed;
        return {
          ...state,
          next: rollout?.desired[state.instanceId] ?? (current && applyDesiredPatch(current, record.content.patch)),
          previous: rollout ? (rollout.previous[state.instanceId] ?? null) : null,
        };
      }),
    };
  }

  /** What each instance is told and what it runs, from the control plane of the service's source. */
  async readConfigs(serviceId: string, instanceIds: readonly string[]) {
    const resolved = await this.targets.resolve({ serviceId, selector: "" });
    return this.actuators.forSource(resolved.source.id).read(serviceId, instanceIds);
  }

  private async snapshot(id: string): Promise<ChangeSnapshot> {
    const stored = await getChange(this.db, id);
    if (!stored) throw new NotFoundError(`no change request "${id}"`);
    return snapshotOf(stored);
  }

  /** Submitting needs a change the policy does not block; starting also checks freezes and the service's slot. */
  private async checkPolicy(before: ChangeSnapshot, action: { type: string }) {
    if (action.type !== "submit" && action.type !== "start") return;
    if (before.record.state !== (action.type === "submit" ? "draft" : "approved")) return;
    const { evaluation } = await this.preview(
      before.record.content,
      before.record.id,
      action.type === "submit" ? "submit" : "start",
    );
    const blocking = evaluation.violations.filter((violation) => violation.severity === "block");
    if (blocking.length > 0) {
      throw new InvalidRequestError(
        `the change cannot be ${action.type === "submit" ? "submitted" : "started"}: ${blocking.map((v) => v.message).join("; ")}`,
      );
    }
    if (evaluation.risk.approvalsRequired > before.record.approvalsRequired) {
      throw new ConflictError(
        `the change now needs ${evaluation.risk.approvalsRequired} approvals (${evaluation.risk.reasons.join("; ")}): edit it to ask for them`,
      );
    }
  }

  /** The rollout as the action leaves it: frozen at start, held, resumed or turned around. */
  private async rolloutAfter(
    before: ChangeSnapshot,
    next: ChangeRecord,
    action: { type: string; reason?: string },
    nowMs: number,
  ): Promise<RolloutProgress | null> {
    const progress = before.rollout;
    switch (action.type) {
      case "start": {
        const resolved = await this.targets.resolve(next.content.target);
        const actuator = this.actuators.forSource(resolved.source.id);
        const ids = resolved.instances.map((i) => i.id);
        const configs = await actuator.read(next.content.target.serviceId, ids);
        try {
          const progress = startRollout(next.content.plan, resolved.instances, configs, next.content.patch, nowMs);
          return withSource(progress, resolved.source.id);
        } catch (error) {
          if (error instanceof RolloutStartError) throw new ConflictError(error.message);
          throw error;
        }
      }
      case "pause":
        return progress && holdRollout(progress, `paused: ${action.reason ?? ""}`.trim());
      case "resume":
        return progress && resumeRollout(progress, nowMs);
      case "abort":
      case "rollback":
        return progress && beginRollback(progress, next.stateReason ?? action.reason ?? action.type, nowMs);
      default:
        return progress;
    }
  }

  private decisionContext(actor: ChangeDecisionContext["actor"], nowMs: number): ChangeDecisionContext {
    return { actor, nowMs, approvalTtlMs: this.options.approvalTtlMs, requestTtlMs: this.options.requestTtlMs };
  }

  /** What the console shows of a change: the record with names, and what the rollout is doing. */
  private async view(snapshot: ChangeSnapshot) {
    const { record, stored, rollout } = snapshot;
    const usernames = await this.usernamesOf([
      record.authorId,
      record.lastEditorId,
      ...record.approvals.map((a) => a.userId),
    ]);
    const nowMs = this.options.clock.nowMs();
    const counting = new Set(countingApprovals(record, nowMs).map((a) => a.userId));
    return {
      ...record,
      number: stored.number,
      author: usernames.get(record.authorId) ?? record.authorId,
      lastEditor: usernames.get(record.lastEditorId) ?? record.lastEditorId,
      approvals: record.approvals.map((approval) => ({
        ...approval,
        username: usernames.get(approval.userId) ?? approval.userId,
        counts: counting.has(approval.userId) && approval.contentHash === record.contentHash,
      })),
      rollout,
      nowMs,
    };
  }

  private async usernamesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; username: string }>(
      "select id, username from users where id = any($1::text[])",
      [unique],
    );
    return new Map(rows.map((row) => [row.id, row.username]));
  }
}

function actorOf(identity: Identity) {
  return { userId: identity.userId, permissions: permissionsOf(identity.roles) };
}

/** The next record of a "changed" decision; a refusal becomes the error its code names. */
function changedOrThrow(decision: ChangeDecision): Extract<ChangeDecision, { kind: "changed" }> {
  if (decision.kind === "changed") return decision;
  if (decision.kind === "unchanged") throw new ConflictError(decision.reason);
  switch (decision.code) {
    case "forbidden":
      throw new ForbiddenError(decision.message);
    case "conflict":
      throw new ConflictError(decision.message);
    case "invalid":
      throw new InvalidRequestError(decision.message);
  }
}

export type ChangeView = Awaited<ReturnType<ChangeService["get"]>>;
