import type { ProfileDiffTop, ProfileKind, ProfileTop } from "@fleetdeck/core";
import {
  type Database,
  deleteProfile,
  findProfileMeta,
  insertProfile,
  listProfiles,
  type NewStoredProfile,
  readProfileBytes,
  type StoredProfileMeta,
} from "@fleetdeck/db";
import { type AuditContext, withAudit } from "../audit/audit-writer.ts";
import { InvalidRequestError, NotFoundError, SourceUnavailableError } from "../infra/errors.ts";
import type { SourceRegistry } from "../sources/source-registry.ts";
import { instanceLabelsOf, locateInstance } from "./instance-locator.ts";
import { cursorOf, type ProfileMeta, positionOf, profileMetaOf, sampleTypeNameOf } from "./profile-meta.ts";
import { ProfileViewCache, viewKey } from "./profile-view-cache.ts";
import type { StoredProfileInput } from "./profile-worker.ts";
import type { ProfileWorkers } from "./profile-workers.ts";

/** Memory for flame graphs already computed (a large profile's is a few hundred KiB). */
const viewCacheBytes = 64 * 1024 * 1024;

export interface ProfileListRequest {
  instanceId?: string | undefined;
  service?: string | undefined;
  kind?: ProfileKind | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** How to draw a flame graph: pprof's options, and the frame zoomed into. */
export interface FlameView {
  sampleType?: string | undefined;
  inverted?: boolean;
  /** Regular expressions, as pprof's -focus and -hide. */
  focus?: string | undefined;
  hide?: string | undefined;
  /** Function names from the root down to the zoomed frame; empty for the whole profile. */
  rootPath?: string[];
  maxNodes: number;
}

export interface NewUpload {
  name: string;
  instanceId?: string | undefined;
  bytes: Uint8Array;
}

/** Who stores a profile: the user (a token's owner) and the audit row's actor and origin. */
export interface ProfileAuthor {
  userId: string;
  audit: AuditContext;
}

/**
 * The stored profiles: listing, reading and deleting them, and everything computed from them —
 * which the worker pool computes, from bytes read here.
 */
export class ProfileService {
  private readonly views = new ProfileViewCache(viewCacheBytes);

  constructor(
    private readonly db: Database,
    private readonly workers: ProfileWorkers,
    private readonly sources: SourceRegistry,
    private readonly wallClockMs: () => number = Date.now,
  ) {}

  async list(request: ProfileListRequest): Promise<{ profiles: ProfileMeta[]; nextCursor: string | null }> {
    const page = await listProfiles(this.db, {
      instanceId: request.instanceId,
      service: request.service,
      kind: request.kind,
      limit: request.limit,
      after: request.cursor === undefined ? undefined : positionOf(request.cursor),
    });
    return { profiles: page.profiles.map(profileMetaOf), nextCursor: page.next && cursorOf(page.next) };
  }

  async get(id: string): Promise<ProfileMeta> {
    return profileMetaOf(await this.metaOf(id));
  }

  /** The original bytes and the name to save them under. */
  async download(id: string): Promise<{ meta: ProfileMeta; bytes: Uint8Array }> {
    const { meta, input } = await this.load(id);
    return { meta: profileMetaOf(meta), bytes: input.bytes };
  }

  async top(id: string, sampleType: string | undefined): Promise<ProfileTop> {
    const { meta, input } = await this.load(id);
    return this.workers.top(input, sampleTypeNameOf(meta, sampleType));
  }

  async diffTop(baseId: string, targetId: string, sampleType: string | undefined): Promise<ProfileDiffTop> {
    const [base, target] = await Promise.all([this.load(baseId), this.load(targetId)]);
    const name = sampleTypeNameOf(target.meta, sampleType);
    sampleTypeNameOf(base.meta, name);
    return this.workers.diffTop({ base: base.input, target: target.input, sampleType: name });
  }

  /** The flame graph in the binary wire format (core's encodeFlameGraph). */
  async flame(id: string, view: FlameView): Promise<Uint8Array> {
    const meta = await this.metaOf(id);
    const request = {
      sampleType: sampleTypeNameOf(meta, view.sampleType),
      inverted: view.inverted ?? false,
      focus: checkedRegex("focus", view.focus),
      hide: checkedRegex("hide", view.hide),
      rootPath: view.rootPath ?? [],
      maxNodes: view.maxNodes,
    };
    return this.views.get(viewKey("flame", { id, ...request }), async () =>
      this.workers.flame({ profile: await this.inputOf(id, meta), ...request }),
    );
  }

  /** Who calls a function (callers) or what it calls (callees), as a flame graph on the wire. */
  async sandwich(
    id: string,
    request: { functionName: string; view: "callers" | "callees"; sampleType?: string | undefined; maxNodes: number },
  ): Promise<Uint8Array> {
    const meta = await this.metaOf(id);
    const asked = { ...request, sampleType: sampleTypeNameOf(meta, request.sampleType) };
    return this.views.get(viewKey("sandwich", { id, ...asked }), async () =>
      this.workers.sandwich({ profile: await this.inputOf(id, meta), ...asked }),
    );
  }

  /** The target's flame graph coloured by its change from the base, on the wire. */
  async diffFlame(baseId: string, targetId: string, view: Omit<FlameView, "inverted">): Promise<Uint8Array> {
    const [baseMeta, targetMeta] = await Promise.all([this.metaOf(baseId), this.metaOf(targetId)]);
    const sampleType = sampleTypeNameOf(targetMeta, view.sampleType);
    sampleTypeNameOf(baseMeta, sampleType);
    const request = {
      sampleType,
      focus: checkedRegex("focus", view.focus),
      hide: checkedRegex("hide", view.hide),
      rootPath: view.rootPath ?? [],
      maxNodes: view.maxNodes,
    };
    return this.views.get(viewKey("diffFlame", { baseId, targetId, ...request }), async () => {
      const [base, target] = await Promise.all([this.inputOf(baseId, baseMeta), this.inputOf(targetId, targetMeta)]);
      return this.workers.diffFlame({ base, target, ...request });
    });
  }

  /**
   * Stores an uploaded file once a worker has read it as a profile; anything else is refused
   * (InvalidProfileError) and nothing is stored. An instance id that the fleet knows adds where
   * it runs; an unknown one is kept as given (the instance may be gone).
   */
  async upload(author: ProfileAuthor, upload: NewUpload): Promise<ProfileMeta> {
    const summary = await this.workers.summarize(upload.bytes, upload.name);
    // Where the instance runs is a nicety: an upload does not wait on, or fail with, the sources.
    const located =
      upload.instanceId === undefined
        ? null
        : await locateInstance(this.sources, upload.instanceId).catch((error: unknown) => {
            if (error instanceof SourceUnavailableError) return null;
            throw error;
          });
    const nowMs = this.wallClockMs();
    return this.save(author, "profile.upload", {
      name: upload.name,
      kind: null,
      origin: "upload",
      instanceId: upload.instanceId ?? null,
      service: located?.instance.serviceId ?? null,
      sourceId: located?.source.id ?? null,
      capturedAtMs: summary.timeMs > 0 ? summary.timeMs : nowMs,
      durationSeconds: summary.durationNanos > 0 ? summary.durationNanos / 1e9 : null,
      sampleTypes: summary.sampleTypes,
      defaultSampleType: summary.defaultSampleType,
      totals: summary.totals,
      labels: located ? instanceLabelsOf(located) : {},
      bytes: upload.bytes,
      createdByUserId: author.userId,
      createdAtMs: nowMs,
    });
  }

  /** Stores a profile and its audit row (`action`) in one transaction. */
  async save(
    author: ProfileAuthor,
    action: "profile.upload" | "profile.capture",
    profile: NewStoredProfile,
  ): Promise<ProfileMeta> {
    return withAudit(this.db, { ...author.audit, action, entityType: "profile" }, async (tx) => {
      const stored = profileMetaOf(await insertProfile(tx, profile));
      return { result: stored, entityId: stored.id, after: auditedFieldsOf(stored) };
    });
  }

  async delete(audit: AuditContext, id: string): Promise<void> {
    await withAudit(
      this.db,
      { ...audit, action: "profile.delete", entityType: "profile", entityId: id },
      async (tx) => {
        const deleted = await deleteProfile(tx, id);
        if (!deleted) throw new NotFoundError(`no profile with id "${id}"`);
        this.views.forget(id);
        return { result: undefined, before: auditedFieldsOf(profileMetaOf(deleted)) };
      },
    );
  }

  private async metaOf(id: string): Promise<StoredProfileMeta> {
    const meta = await findProfileMeta(this.db, id);
    if (!meta) throw new NotFoundError(`no profile with id "${id}"`);
    return meta;
  }

  private async load(id: string): Promise<{ meta: StoredProfileMeta; input: StoredProfileInput }> {
    const meta = await this.metaOf(id);
    return { meta, input: await this.inputOf(id, meta) };
  }

  private async inputOf(id: string, meta: StoredProfileMeta): Promise<StoredProfileInput> {
    const bytes = await readProfileBytes(this.db, id);
    if (!bytes) throw new NotFoundError(`no profile with id "${id}"`);
    return { id, label: `profile "${meta.name}"`, bytes };
  }
}

/** What the audit log keeps about a profile: enough to know which one, never its bytes. */
function auditedFieldsOf(meta: ProfileMeta) {
  return {
    name: meta.name,
    kind: meta.kind,
    origin: meta.origin,
    instanceId: meta.instanceId,
    service: meta.service,
    capturedAt: meta.capturedAt,
    sizeBytes: meta.sizeBytes,
  };
}

/** A pattern a worker can compile: a bad one is refused here, naming the parameter. */
function checkedRegex(parameter: "focus" | "hide", source: string | undefined): string | undefined {
  if (source === undefined || source === "") return undefined;
  try {
    new RegExp(source);
  } catch (error) {
    throw new InvalidRequestError(`${parameter}: not a regular expression: ${(error as Error).message}`);
  }
  return source;
}
