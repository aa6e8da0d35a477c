/**
 * Reads what the BFF put in a failed call's error: the tRPC code and the flattened zod issues its
 * errorFormatter adds (apps/server/src/trpc/trpc.ts). Duck-typed so it works on TRPCClientError
 * and on any error a hook hands back, without importing server code.
 */
export interface ZodIssuesFlat {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

function errorData(error: unknown): Record<string, unknown> | null {
  if (typeof error !== "object" || error === null || !("data" in error)) return null;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
}

export function trpcErrorCode(error: unknown): string | null {
  const code = errorData(error)?.code;
  return typeof code === "string" ? code : null;
}

export function isNotFoundError(error: unknown): boolean {
  return trpcErrorCode(error) === "NOT_FOUND";
}

/** The call needed a session and had none that is still valid (expired, revoked, signed out). */
export function isUnauthorizedError(error: unknown): boolean {
  return trpcErrorCode(error) === "UNAUTHORIZED";
}

/** How long the server asked us to wait before trying again (TOO_MANY_REQUESTS), when it said. */
export function retryAfterMsOf(error: unknown): number | null {
  const retryAfterMs = errorData(error)?.retryAfterMs;
  return typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : null;
}

/** Codes where asking again cannot help: the request itself is wrong or the thing is not there. */
const clientErrorCodes = new Set([
  "BAD_REQUEST",
  "PARSE_ERROR",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "UNPROCESSABLE_CONTENT",
  "PAYLOAD_TOO_LARGE",
  "PRECONDITION_FAILED",
  "CONFLICT",
]);

export function isClientError(error: unknown): boolean {
  const code = trpcErrorCode(error);
  return code !== null && clientErrorCodes.has(code);
}

export function zodIssuesOf(error: unknown): ZodIssuesFlat | null {
  const issues = errorData(error)?.zodIssues;
  if (typeof issues !== "object" || issues === null) return null;
  const { formErrors, fieldErrors } = issues as Partial<ZodIssuesFlat>;
  return {
    formErrors: Array.isArray(formErrors) ? formErrors : [],
    fieldErrors: typeof fieldErrors === "object" && fieldErrors !== null ? fieldErrors : {},
  };
}

/** One line per zod issue ("severity: Too big: expected number to be <=1"), form-level ones first. */
export function zodIssueLines(error: unknown): string[] {
  const issues = zodIssuesOf(error);
  if (!issues) return [];
  const fieldLines = Object.entries(issues.fieldErrors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => `${field}: ${message}`),
  );
  return [...issues.formErrors, ...fieldLines];
}

/**
 * The message to show a person. tRPC's message for rejected input is the zod issue list as JSON;
 * the issues are shown field by field (zodIssueLines), so the message just says what happened.
 */
export function errorMessage(error: unknown): string {
  if (zodIssuesOf(error) && error instanceof Error && error.message.trimStart().startsWith("[")) {
    return "the server rejected the input";
  }
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string") return error;
  return "unknown error";
}
