/**
 * Where a person goes after signing in, decided the same way by the sign-in page and by the
 * server's single sign-on callback.
 */
export const loginPath = "/login";

/** Where signing in leads when the sign-in page was opened without a usable place to return to. */
export const defaultAfterLoginPath = "/";

/** Resolves paths the way a browser would, against an origin no real address can have. */
const probeOrigin = "http://fleetdeck.invalid";

/**
 * The page to open after signing in, from the sign-in page's `redirect` parameter. Only a path of
 * this console is accepted: the parameter is in a URL anyone can send, so "https://evil.example",
 * "//evil.example" and "/\evil.example" (both of which browsers read as another host) and
 * "javascript:…" would turn the sign-in page into an open redirect. Anything that leaves the
 * console, or leads back to the sign-in page, becomes "/".
 */
export function safeRedirectPath(requested: unknown): string {
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
