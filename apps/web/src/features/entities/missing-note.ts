import type { GcSampleField, ObservedGcSample } from "@fleetdeck/core";

/** Why a field of a sample is null, as its source said; null when the field was measured. */
export function missingNoteOf(sample: ObservedGcSample, field: GcSampleField): string | null {
  return sample.notes?.find((note) => note.field === field && note.kind === "missing")?.message ?? null;
}
