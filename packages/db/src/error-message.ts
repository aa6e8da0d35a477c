/** The message of anything thrown, for wrapping it in an Error that says more. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
