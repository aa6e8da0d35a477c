import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isClientError, isUnauthorizedError } from "./trpc-errors.ts";

const maxRetries = 3;

/** Retry what may be transient (network, 5xx, timeouts); never a request the server rejected. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < maxRetries && !isClientError(error);
}

/** Exponential backoff capped at 10 s: 1 s, 2 s, 4 s, … */
export function retryDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** attempt, 10_000);
}

export interface QueryClientOptions {
  /**
   * Called when any query or mutation is answered UNAUTHORIZED: the session ended while the page
   * was open, so every later call would fail the same way until the person signs in again.
   */
  onUnauthorized?: (error: unknown) => void;
}

export function createQueryClient({ onUnauthorized }: QueryClientOptions = {}) {
  const reportUnauthorized = (error: unknown) => {
    if (isUnauthorizedError(error)) onUnauthorized?.(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: reportUnauthorized }),
    mutationCache: new MutationCache({ onError: reportUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: shouldRetryQuery,
        retryDelay: retryDelayMs,
      },
      mutations: { retry: false },
    },
  });
}
