import { z } from "zod";
import type { Queryable } from "./database.ts";
import { type JsonObject, jsonObject } from "./json-object.ts";
import { timestampOf } from "./timestamps.ts";

/** A runtime config patch the demo control plane applied to one instance at a moment in its history. */
export interface DemoConfigEvent {
  /** Insertion order, which breaks ties between events at the same moment. */
  id: number;
  instanceId: string;
  atMs: number;
  patch: JsonObject;
}

export type NewDemoConfigEvent = Omit<DemoConfigEvent, "id">;

/** A fault injected into the demo fleet; endAtMs is null while it lasts. */
export interface DemoFault {
  id: string;
  kind: string;
  target: JsonObject;
  startAtMs: number;
  endAtMs: number | null;
  severity: number;
}

const configEventRow = z.object({ id: z.string(), instance_id: z.string(), at: z.date(), patch: jsonObject }).transform(
  (row): DemoConfigEvent => ({
    // bigserial arrives as a string (see Database); the table will not hold 2^53 rows.
    id: Number(row.id),
    instanceId: row.instance_id,
    atMs: row.at.getTime(),
    patch: row.patch,
  }),
);

const faultRow = z
  .object({
    id: z.string(),
    kind: z.string(),
    target: jsonObject,
    start_at: z.date(),
    end_at: z.date().nullable(),
    severity: z.number(),
  })
  .transform(
    (row): DemoFault => ({
      id: row.id,
      kind: row.kind,
      target: row.target,
      startAtMs: row.start_at.getTime(),
      endAtMs: row.end_at?.getTime() ?? null,
      severity: row.severity,
    }),
  );

/** Appends events in one statement, keeping their order; the whole batch is stored or none of it. */
export async function insertConfigEvents(db: Queryable, events: readonly NewDemoConfigEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One jsonb array parameter rather than $n per value: no limit on the batch size, and no
  // difference between how the two engines serialise JavaScript arrays.
  const batch = events.map((event) => ({
    instanceId: event.instanceId,
    at: timestampOf(event.atMs),
    patch: event.patch,
  }));
  await db.query(
    `insert into demo_config_events (instance_id, at, patch)
     select event->>'instanceId', (event->>'at')::timestamptz, event->'patch'
     from jsonb_array_elements($1::jsonb) with ordinality as batch(event, position)
     order by position`,
    [JSON.stringify(batch)],
  );
}

/** The whole config history, in the order it happened. */
export async function listConfigEvents(db: Queryable): Promise<DemoConfigEvent[]> {
  const rows = await db.query("select id, instance_id, at, patch from demo_config_events order by at, id");
  return rows.map((row) => configEventRow.parse(row));
}

/** Stores a fault, replacing the one with the same id. */
export async function upsertFault(db: Queryable, fault: DemoFault): Promise<void> {
  await db.query(
    `insert into demo_faults (id, kind, target, start_at, end_at, severity)
     values ($1, $2, $3::jsonb, $4::timestamptz, $5::timestamptz, $6)
     on conflict (id) do update set
       kind = excluded.kind, target = excluded.target, start_at = excluded.start_at,
       end_at = excluded.end_at, severity = excluded.severity`,
    [
      fault.id,
      fault.kind,
      JSON.stringify(fault.target),
      timestampOf(fault.startAtMs),
      fault.endAtMs === null ? null : timestampOf(fault.endAtMs),
      fault.severity,
    ],
  );
}

/** Sets when a fault ends. Returns false when no fault has that id. */
export async function endFault(db: Queryable, id: string, endAtMs: number): Promise<boolean> {
  const rows = await db.query("update demo_faults set end_at = $2::timestamptz where id = $1 returning id", [
    id,
    timestampOf(endAtMs),
  ]);
  return rows.length > 0;
}

/** Every fault, ended or not, by start time. */
export async function listFaults(db: Queryable): Promise<DemoFault[]> {
  const rows = await db.query(
    "select id, kind, target, start_at, end_at, severity from demo_faults order by start_at, id",
  );
  return rows.map((row) => faultRow.parse(row));
}
