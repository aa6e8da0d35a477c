import { z } from "zod";
import type { Queryable } from "./database.ts";
import { type JsonObject, jsonObject } from "./json-object.ts";
import { nullableTimestampOf, timestampOf } from "./timestamps.ts";

/**
 * One step of a rollout as the controller took it: the request is written before the side
 * effect, the outcome after it. An open step (outcome null) is one a crash cut short.
 */
export interface StoredRolloutStep {
  changeId: string;
  seq: number;
  kind: string;
  stageIndex: number | null;
  request: JsonObject;
  outcome: JsonObject | null;
  startedAtMs: number;
  finishedAtMs: number | null;
}

const stepRow = z
  .object({
    change_id: z.string(),
    seq: z.number(),
    kind: z.string(),
    stage_index: z.number().nullable(),
    request: jsonObject,
    outcome: jsonObject.nullable(),
    started_at: z.date(),
    finished_at: z.date().nullable(),
  })
  .transform(
    (row): StoredRolloutStep => ({
      changeId: row.change_id,
      seq: row.seq,
      kind: row.kind,
      stageIndex: row.stage_index,
      request: row.request,
      outcome: row.outcome,
      startedAtMs: row.started_at.getTime(),
      finishedAtMs: row.finished_at?.getTime() ?? null,
    }),
  );

const stepColumns = "change_id, seq, kind, stage_index, request, outcome, started_at, finished_at";

/**
 * Records that a step is about to happen. The same (change, seq) twice is refused by the
 * primary key, so two controllers can never both take one step.
 */
export async function startRolloutStep(
  db: Queryable,
  step: { changeId: string; seq: number; kind: string; stageIndex: number | null; request: JsonObject; atMs: number },
): Promise<StoredRolloutStep> {
  const rows = await db.query(
    `insert into rollout_steps (change_id, seq, kind, stage_index, request, started_at)
     values ($1, $2, $3, $4, $5, $6)
     returning ${stepColumns}`,
    [step.changeId, step.seq, step.kind, step.stageIndex, JSON.stringify(step.request), timestampOf(step.atMs)],
  );
  return stepRow.parse(rows[0]);
}

/** Finishes an open step with its outcome; false when it was not open (already finished). */
export async function finishRolloutStep(
  db: Queryable,
  step: { changeId: string; seq: number; outcome: JsonObject; atMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `update rollout_steps set outcome = $3, finished_at = $4
      where change_id = $1 and seq = $2 and finished_at is null
      returning seq`,
    [step.changeId, step.seq, JSON.stringify(step.outcome), nullableTimestampOf(step.atMs)],
  );
  return rows.length === 1;
}

export async function getRolloutStep(db: Queryable, changeId: string, seq: number): Promise<StoredRolloutStep | null> {
  const rows = await db.query(`select ${stepColumns} from rollout_steps where change_id = $1 and seq = $2`, [
    changeId,
    seq,
  ]);
  return rows[0] ? stepRow.parse(rows[0]) : null;
}

/** Every step of a rollout in the order taken. */
export async function listRolloutSteps(db: Queryable, changeId: string): Promise<StoredRolloutStep[]> {
  const rows = await db.query(`select ${stepColumns} from rollout_steps where change_id = $1 order by seq`, [changeId]);
  return rows.map((row) => stepRow.parse(row));
}
