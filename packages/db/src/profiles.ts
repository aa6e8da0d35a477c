import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "./database.ts";
import { timestampOf } from "./timestamps.ts";

/** What one column of sample values measures, as the profile names it. */
export interface StoredSampleType {
  type: string;
  unit: string;
}

export type ProfileOrigin = "capture" | "upload";

export interface NewStoredProfile {
  name: string;
  /** A pprof kind (cpu, heap, …) when captured; null for an upload. */
  kind: string | null;
  origin: ProfileOrigin;
  instanceId: string | null;
  service: string | null;
  sourceId: string | null;
  capturedAtMs: number;
  durationSeconds: number | null;
  sampleTypes: readonly StoredSampleType[];
  defaultSampleType: string;
  /** Per sample type, in sampleTypes' order. */
  totals: readonly number[];
  labels: Readonly<Record<string, string>>;
  /** The profile exactly as received, gzipped or not. */
  bytes: Uint8Array;
  /** The user's id (an API token's owner when a token acted). */
  createdByUserId: string;
  createdAtMs: number;
}

/** A stored profile without its bytes: what lists and pages show. */
export interface StoredProfileMeta {
  id: string;
  name: string;
  kind: string | null;
  origin: ProfileOrigin;
  instanceId: string | null;
  service: string | null;
  sourceId: string | null;
  capturedAtMs: number;
  durationSeconds: number | null;
  sampleTypes: StoredSampleType[];
  defaultSampleType: string;
  totals: number[];
  labels: Record<string, string>;
  sizeBytes: number;
  createdByUserId: string;
  createdByUsername: string;
  createdAtMs: number;
}

/** Where a page of the list ends: the next page starts strictly after it. */
export interface ProfileListPosition {
  capturedAtMs: number;
  id: string;
}

export interface ProfileListQuery {
  instanceId?: string;
  service?: string;
  kind?: string;
  limit: number;
  after?: ProfileListPosition;
}

export interface ProfilePage {
  /** Newest first (by captured time, then id). */
  profiles: StoredProfileMeta[];
  /** Where the next page starts, or null when this page is the last. */
  next: ProfileListPosition | null;
}

export const maxProfilePageSize = 200;

const profileMetaColumnsSql = `
  p.id::text as id, p.name, p.kind, p.origin, p.instance_id, p.service, p.source_id, p.captured_at,
  p.duration_seconds, p.sample_types, p.default_sample_type, p.totals, p.labels, p.size_bytes,
  p.created_by, u.username as created_by_username, p.created_at`;

const profileMetaRow = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string().nullable(),
    origin: z.enum(["capture", "upload"]),
    instance_id: z.string().nullable(),
    service: z.string().nullable(),
    source_id: z.string().nullable(),
    captured_at: z.date(),
    duration_seconds: z.number().nullable(),
    sample_types: z.array(z.object({ type: z.string(), unit: z.string() })),
    default_sample_type: z.string(),
    totals: z.array(z.number()),
    labels: z.record(z.string(), z.string()),
    size_bytes: z.number(),
    created_by: z.string(),
    created_by_username: z.string(),
    created_at: z.date(),
  })
  .transform(
    (row): StoredProfileMeta => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      origin: row.origin,
      instanceId: row.instance_id,
      service: row.service,
      sourceId: row.source_id,
      capturedAtMs: row.captured_at.getTime(),
      durationSeconds: row.duration_seconds,
      sampleTypes: row.sample_types,
      defaultSampleType: row.default_sample_type,
      totals: row.totals,
      labels: row.labels,
      sizeBytes: row.size_bytes,
      createdByUserId: row.created_by,
      createdByUsername: row.created_by_username,
      createdAtMs: row.created_at.getTime(),
    }),
  );

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids: anything else names no profile (rather than failing the query's cast). */
function isProfileId(id: string): boolean {
  return uuidPattern.test(id);
}

export async function insertProfile(db: Queryable, profile: NewStoredProfile): Promise<StoredProfileMeta> {
  if (profile.totals.length !== profile.sampleTypes.length) {
    throw new Error(
      `a profile needs one total per sample type (${profile.sampleTypes.length} types, ${profile.totals.length} totals)`,
    );
  }
  const rows = await db.query(
    `with p as (
       insert into profiles (id, name, kind, origin, instance_id, service, source_id, captured_at, duration_seconds,
                             sample_types, default_sample_type, totals, labels, size_bytes, bytes, created_by, created_at)
       values ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10::jsonb, $11, $12::jsonb, $13::jsonb, $14,
               $15, $16, $17::timestamptz)
       returning *
     )
     select ${profileMetaColumnsSql} from p join users u on u.id = p.created_by`,
    [
      randomUUID(),
      profile.name,
      profile.kind,
      profile.origin,
      profile.instanceId,
      profile.service,
      profile.sourceId,
      timestampOf(profile.capturedAtMs),
      profile.durationSeconds,
      JSON.stringify(profile.sampleTypes),
      profile.defaultSampleType,
      JSON.stringify(profile.totals),
      JSON.stringify(profile.labels),
      profile.bytes.byteLength,
      // A Buffer is bytea to both engines' drivers.
      Buffer.from(profile.bytes.buffer, profile.bytes.byteOffset, profile.bytes.byteLength),
      profile.createdByUserId,
      timestampOf(profile.createdAtMs),
    ],
  );
  return profileMetaRow.parse(rows[0]);
}

export async function findProfileMeta(db: Queryable, id: string): Promise<StoredProfileMeta | null> {
  if (!isProfileId(id)) return null;
  const rows = await db.query(
    `select ${profileMetaColumnsSql} from profiles p join users u on u.id = p.created_by where p.id = $1::uuid`,
    [id],
  );
  return rows[0] === undefined ? null : profileMetaRow.parse(rows[0]);
}

/** The original bytes, or null when there is no such profile. */
export async function readProfileBytes(db: Queryable, id: string): Promise<Uint8Array | null> {
  if (!isProfileId(id)) return null;
  const rows = await db.query<{ bytes: Uint8Array }>("select bytes from profiles where id = $1::uuid", [id]);
  const bytes = rows[0]?.bytes;
  if (bytes === undefined) return null;
  // PostgreSQL's driver gives a Buffer, PGlite a plain Uint8Array: hand out one type.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** One page of profiles matching every filter given, newest first (keyset by captured time and id). */
export async function listProfiles(db: Queryable, query: ProfileListQuery): Promise<ProfilePage> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > maxProfilePageSize) {
    throw new Error(`a profile page holds 1 to ${maxProfilePageSize} profiles (asked for ${query.limit})`);
  }
  if (query.after !== undefined && !isProfileId(query.after.id)) {
    throw new Error(`a profile list position needs a profile id, not ${JSON.stringify(query.after.id)}`);
  }
  const conditions: string[] = [];
  const params: unknown[] = [];
  const addParam = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.instanceId !== undefined) conditions.push(`p.instance_id = ${addParam(query.instanceId)}`);
  if (query.service !== undefined) conditions.push(`p.service = ${addParam(query.service)}`);
  if (query.kind !== undefined) conditions.push(`p.kind = ${addParam(query.kind)}`);
  if (query.after !== undefined) {
    const capturedAt = addParam(timestampOf(query.after.capturedAtMs));
    const id = addParam(query.after.id);
    conditions.push(`(p.captured_at, p.id) < (${capturedAt}::timestamptz, ${id}::uuid)`);
  }
  const limit = addParam(query.limit + 1);
  const rows = await db.query(
    `select ${profileMetaColumnsSql} from profiles p join users u on u.id = p.created_by
     ${conditions.length > 0 ? `where ${conditions.join(" and ")}` : ""}
     order by p.captured_at desc, p.id desc limit ${limit}`,
    params,
  );
  const profiles = rows.slice(0, query.limit).map((row) => profileMetaRow.parse(row));
  const last = profiles.at(-1);
  const hasMore = rows.length > query.limit && last !== undefined;
  return { profiles, next: hasMore ? { capturedAtMs: last.capturedAtMs, id: last.id } : null };
}

/** Deletes a profile; returns what it was, or null when there was none. */
export async function deleteProfile(db: Queryable, id: string): Promise<StoredProfileMeta | null> {
  if (!isProfileId(id)) return null;
  const rows = await db.query(
    `with p as (delete from profiles where id = $1::uuid returning *)
     select ${profileMetaColumnsSql} from p join users u on u.id = p.created_by`,
    [id],
  );
  return rows[0] === undefined ? null : profileMetaRow.parse(rows[0]);
}
