import type { RolloutProgress } from "@fleetdeck/core";
import type { ObservedFleetSource } from "@fleetdeck/sources";
import type { SourceRegistry } from "../sources/source-registry.ts";

/** A rollout as stored: core's progress plus the source whose instances it changes, fixed at start. */
export type StoredRollout = RolloutProgress & { sourceId: string };

export function withSource(progress: RolloutProgress, sourceId: string): StoredRollout {
  return { ...progress, sourceId };
}

/** The source a rollout was started against; an error names it when the sources file lost it. */
export function rolloutSourceOf(progress: RolloutProgress, sources: SourceRegistry): ObservedFleetSource {
  const sourceId = (progress as Partial<StoredRollout>).sourceId;
  const source = sources.sources.find((candidate) => candidate.id === sourceId);
  if (!source) throw new Error(`the rollout's source "${sourceId}" is not configured any more`);
  return source;
}
