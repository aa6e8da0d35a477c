import type { DesiredConfig } from "../changes/change-request.ts";

/** Whether two configs tell an instance the same thing (custom keys compared as a set). */
export function sameDesiredConfig(a: DesiredConfig | null, b: DesiredConfig | null): boolean {
  if (a === null || b === null) return a === b;
  if (
    a.gogc !== b.gogc ||
    a.memoryLimitBytes !== b.memoryLimitBytes ||
    a.gomaxprocs !== b.gomaxprocs ||
    a.grayRatio !== b.grayRatio
  ) {
    return false;
  }
  const aKeys = Object.keys(a.custom);
  return aKeys.length === Object.keys(b.custom).length && aKeys.every((key) => b.custom[key] === a.custom[key]);
}
