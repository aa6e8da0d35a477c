/** Where signing in leads when no usable page was asked for. */
export const defaultAfterLoginPath = "/";

const loginPath = "/login";

/** Resolves paths the way a browser would, against an origin no real address can have. */
const probeOrigin = "http://fleetdeck.invalid";

/**
 * The console page to open after single sign-on, from `/auth/oidc/start?redirect=…`: the same rule
 * as the sign-in page's (apps/web features/session/redirect-path.ts). Only a path of this console
 * is kept; "https://evil.example", "//evil.example", "/\evil.example" and "javascript:…" would make
 * the callback an open redirect, and the sign-in page itself would be a pointless round trip.
 */
export function safeAfterLoginPath(requested: unknown): string {
  if (typeof requested !== "string" || !requested.startsWith("/")) return defaultAfterLoginPath;
  let resolved: URL;
  try {
    resolved = new URL(requested, probeOrigin);
  } catch {
    return defaultAfterLoginPath;
  }
  const isLoginPage = resolved.pathname.replace(/\/+$/, "") === loginPath;
  if (resolved.origin !== probeOrigin || isLoginPage) return defaultAfterLoginPath;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
