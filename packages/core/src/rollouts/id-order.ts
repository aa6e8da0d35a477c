/** Code-unit order, the same in every locale, so a rollout never depends on where it is computed. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
