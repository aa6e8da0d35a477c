import { DesiredConfig } from "@fleetdeck/core";
import { z } from "zod";

/**
 * What a config agent writes under its status key after each apply or refusal (agents/go,
 * Status): the config it runs, when it applied it, the desired key's mod revision that config
 * came from, and why the newest desired value was refused (null when it was applied).
 */
export const AgentStatus = z.object({
  applied: DesiredConfig,
  atMs: z.number().int().nonnegative(),
  desiredModRevision: z.number().int().nonnegative(),
  error: z.string().nullable(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/** A value read from the config centre, or why it is not one. */
export type ParsedValue<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses a stored value with `schema`; the problem says what is wrong and where in the value. */
export function parseStoredValue<T>(text: string, schema: z.ZodType<T>): ParsedValue<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`);
  return { ok: false, problem: issues.join("; ") };
}
