/** An error as the API or the connection reported it: an HTTP status with the Status message, or the network failure. */
export function describeKubernetesError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = httpStatusOf(error);
  if (status !== null) {
    const text = statusMessageOf((error as { body?: unknown }).body) ?? summaryOf(error.message);
    return `HTTP ${status}${text ? ` ${text}` : ""}`;
  }
  return error.message;
}

/** 410 Gone: the resourceVersion (or continue token) is older than the server keeps history for. */
export function isGoneError(error: unknown): boolean {
  return httpStatusOf(error) === 410;
}

/**
 * The HTTP status of a failed request: client-node's typed calls throw ApiException with `code`,
 * its Watch an Error with `statusCode`.
 */
function httpStatusOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === "number") return statusCode;
  if (typeof code === "number" && code >= 100 && code < 600) return code;
  return null;
}

/**
 * client-node's ApiException message is "HTTP-Code: 401\nMessage: Unauthorized\nBody: …\nHeaders: …";
 * its Watch's is the status text. The headers say nothing worth showing.
 */
function summaryOf(message: string): string | null {
  if (!message.startsWith("HTTP-Code:")) return message || null;
  const summary = /\nMessage: (.*)\n/.exec(message)?.[1];
  return summary && summary !== "Unknown API Status Code!" ? summary : null;
}

/** A Kubernetes Status body's message, e.g. `pods is forbidden: User "x" cannot list resource "pods"`. */
function statusMessageOf(body: unknown): string | null {
  const parsed = typeof body === "string" ? safeJson(body) : body;
  if (typeof parsed === "object" && parsed !== null) {
    const { message } = parsed as { message?: unknown };
    if (typeof message === "string" && message !== "") return message;
  }
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
