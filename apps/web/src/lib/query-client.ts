import { QueryClient } from "@tanstack/react-query";
import { isClientError } from "./trpc-errors.ts";

const maxRetries = 3;

/** Retry what may be transient (network, 5xx, timeouts); never a request the server rejected. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return failureCount < maxRetries && !isClientError(error);
}

/** Exponential backoff capped at 10 s: 1 s, 2 s, 4 s, … */
export function retryDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** attempt, 10_000);
}

export function createQueryClient() {
  return new QueryClient({
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
