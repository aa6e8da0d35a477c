import { type ProfileKind, profileKindSchema, type SampleType } from "@fleetdeck/core";
import type { ProfileListPosition, ProfileOrigin, StoredProfileMeta } from "@fleetdeck/db";
import { InvalidRequestError } from "../infra/errors.ts";

/** A stored profile as the console lists and shows it (never its bytes). */
export interface ProfileMeta {
  id: string;
  name: string;
  /** The pprof endpoint it was captured from; null for an upload. */
  kind: ProfileKind | null;
  origin: ProfileOrigin;
  instanceId: string | null;
  service: string | null;
  /** ISO 8601. */
  capturedAt: string;
  durationSeconds: number | null;
  sampleTypes: SampleType[];
  defaultSampleType: string;
  /** Per sample type, in sampleTypes' order. */
  totals: number[];
  /** Where the instance ran (region, cluster, …) when it was captured. */
  labels: Record<string, string>;
  sizeBytes: number;
  /** The username of whoever captured or uploaded it. */
  createdBy: string;
}

export function profileMetaOf(stored: StoredProfileMeta): ProfileMeta {
  return {
    id: stored.id,
    name: stored.name,
    kind: stored.kind === null ? null : profileKindSchema.parse(stored.kind),
    origin: stored.origin,
    instanceId: stored.instanceId,
    service: stored.service,
    capturedAt: new Date(stored.capturedAtMs).toISOString(),
    durationSeconds: stored.durationSeconds,
    sampleTypes: stored.sampleTypes,
    defaultSampleType: stored.defaultSampleType,
    totals: stored.totals,
    labels: stored.labels,
    sizeBytes: stored.sizeBytes,
    createdBy: stored.createdByUsername,
  };
}

/** The list's cursor: opaque to clients, it is where the previous page ended. */
export function cursorOf(position: ProfileListPosition): string {
  return Buffer.from(JSON.stringify([position.capturedAtMs, position.id])).toString("base64url");
}

export function positionOf(cursor: string): ProfileListPosition {
  try {
    const [capturedAtMs, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof capturedAtMs === "number" && Number.isFinite(capturedAtMs) && typeof id === "string") {
      return { capturedAtMs, id };
    }
  } catch {
    // Reported below, as any other malformed cursor.
  }
  throw new InvalidRequestError("cursor: not one the profile list returned (pass nextCursor as it came)");
}

/**
 * The sample type a request means: the profile's default when none is named. An unknown name is
 * refused here, with the profile's types, before any worker decodes anything. As pprof (and
 * core's sampleTypeIndexOf) does, "inuse_space" also names a legacy profile's "space".
 */
export function sampleTypeNameOf(meta: StoredProfileMeta, requested: string | undefined): string {
  if (requested === undefined || requested === "") return meta.defaultSampleType;
  const withoutInuse = requested.startsWith("inuse_") ? requested.slice("inuse_".length) : requested;
  const found = meta.sampleTypes.find(({ type }) => type === requested || type === withoutInuse);
  if (found) return found.type;
  const known = meta.sampleTypes.map((sampleType) => sampleType.type).join(", ");
  throw new InvalidRequestError(
    `sampleType: profile "${meta.name}" has no sample type "${requested}" (it has: ${known})`,
  );
}
