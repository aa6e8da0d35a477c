export interface BackoffPolicy {
  /** The delay cap of the first retry; each later retry doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultBackoffPolicy: BackoffPolicy = { baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(max, base × 2^retry)].
 * Jitter spreads the retries of many consoles hitting one recovering Prometheus.
 */
export function backoffDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const capMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * capMs);
}

/**
 * Worth retrying: the server is overloaded (429) or failing (5xx). Other 4xx mean the request
 * itself is wrong (bad PromQL is 400, an unprocessable query 422) and would fail again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A Retry-After header in seconds, as Prometheus-compatible backends send with 429/503; null otherwise. */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}
