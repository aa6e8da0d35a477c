import type { z } from "zod";

/** `sources[1].labels.region`: the path of a value inside a document, as a reader would write it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text;
}

/**
 * One line per problem, `path: message`, at most `limit` of them (a malformed response of 10,000
 * series would otherwise make a message nobody reads).
 */
export function describeIssues(error: z.ZodError, options: { root?: string; limit?: number } = {}): string {
  const { root, limit = 5 } = options;
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = formatIssuePath(issue.path);
    const where = root && path ? `${root}${path.startsWith("[") ? "" : "."}${path}` : root || path;
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - lines.length;
  if (more > 0) lines.push(`… and ${more} more`);
  return lines.join("; ");
}
