import type { Profile } from "./profile.ts";
import { ProfileQueryError } from "./profile-query-error.ts";
import { computeTop, sampleTypeIndexOf } from "./profile-top.ts";

export interface ProfileDiffTopFunction {
  name: string;
  baseFlat: number;
  targetFlat: number;
  baseCum: number;
  targetCum: number;
  /** targetFlat / targetTotal − baseFlat / baseTotal: growth is positive. */
  flatShareChange: number;
  cumShareChange: number;
}

/** The functions whose share of the profile changed most between two profiles, first. */
export interface ProfileDiffTop {
  sampleType: string;
  unit: string;
  baseTotal: number;
  targetTotal: number;
  functions: ProfileDiffTopFunction[];
}

/**
 * Per function name, flat and cum in both profiles (cum counted once per sample, as pprof does)
 * and the change in their share of each profile's total, so that a profile twice as long does
 * not read as everything doubling. Sorted by |flat share change| descending, then name.
 */
export function diffTop(base: Profile, target: Profile, sampleTypeName?: string): ProfileDiffTop {
  const targetTop = computeTop(target, sampleTypeIndexOf(target, sampleTypeName));
  const baseIndex = base.sampleTypes.findIndex((t) => t.type === targetTop.sampleType);
  if (baseIndex < 0) {
    throw new ProfileQueryError(
      `sample type "${targetTop.sampleType}" is not in the base profile, which has ${base.sampleTypes.map((t) => t.type).join(", ")}`,
    );
  }
  const baseTop = computeTop(base, baseIndex);
  const share = (value: number, total: number) => (total === 0 ? 0 : value / total);
  const rows = new Map<string, ProfileDiffTopFunction>();
  const rowOf = (name: string) => {
    let row = rows.get(name);
    if (!row) {
      row = { name, baseFlat: 0, targetFlat: 0, baseCum: 0, targetCum: 0, flatShareChange: 0, cumShareChange: 0 };
      rows.set(name, row);
    }
    return row;
  };
  for (const { name, flat, cum } of baseTop.functions) Object.assign(rowOf(name), { baseFlat: flat, baseCum: cum });
  for (const { name, flat, cum } of targetTop.functions)
    Object.assign(rowOf(name), { targetFlat: flat, targetCum: cum });

  const functions = [...rows.values()];
  for (const row of functions) {
    row.flatShareChange = share(row.targetFlat, targetTop.total) - share(row.baseFlat, baseTop.total);
    row.cumShareChange = share(row.targetCum, targetTop.total) - share(row.baseCum, baseTop.total);
  }
  functions.sort(
    (a, b) =>
      Math.abs(b.flatShareChange) - Math.abs(a.flatShareChange) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return {
    sampleType: targetTop.sampleType,
    unit: targetTop.unit,
    baseTotal: baseTop.total,
    targetTotal: targetTop.total,
    functions,
  };
}
