import type { SampleType } from "@fleetdeck/core";

/** The sample-type switch's choices: the profile's default first (what pprof shows unasked), then the rest in profile order. */
export function sampleTypeOptions(sampleTypes: readonly SampleType[], defaultType: string): SampleType[] {
  const first = sampleTypes.filter((sampleType) => sampleType.type === defaultType);
  return [...first, ...sampleTypes.filter((sampleType) => sampleType.type !== defaultType)];
}

/** The URL's sampleType only when it differs from the default, so default links stay short. */
export function sampleTypeParam(chosen: string, defaultType: string): string | undefined {
  return chosen === defaultType ? undefined : chosen;
}
