import { errorMessage, retryAfterMsOf, trpcErrorCode } from "../../lib/trpc-errors.ts";

/** Above this wait, minutes are added to the seconds: "900 s" alone is hard to read at a glance. */
const minutesShownFromSeconds = 120;

/** "try again in 42 s", or "try again in 900 s (about 15 min)" for a long wait. */
export function describeRetryAfter(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1_000));
  if (seconds < minutesShownFromSeconds) return `try again in ${seconds} s`;
  return `try again in ${seconds} s (about ${Math.ceil(seconds / 60)} min)`;
}

/**
 * What to tell a person whose sign-in was refused, from the code `auth.login` answered with:
 * UNAUTHORIZED for a wrong username or password (never saying which), FORBIDDEN for a disabled
 * account, TOO_MANY_REQUESTS with `retryAfterMs` after too many failures. Anything else (network,
 * server error) says that signing in failed and why, so it is not mistaken for a wrong password.
 */
export function loginErrorMessage(error: unknown): string {
  switch (trpcErrorCode(error)) {
    case "UNAUTHORIZED":
      return "Wrong username or password.";
    case "FORBIDDEN":
      return "This account is disabled. Ask an administrator to enable it.";
    case "TOO_MANY_REQUESTS": {
      const retryAfterMs = retryAfterMsOf(error);
      const when = retryAfterMs === null ? "try again later" : describeRetryAfter(retryAfterMs);
      return `Too many failed sign-ins for this account or address: ${when}.`;
    }
    case "BAD_REQUEST":
      return "Enter a username and a password.";
    default:
      return `Signing in failed: ${errorMessage(error)}.`;
  }
}
