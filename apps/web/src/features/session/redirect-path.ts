import { z } from "zod";

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

/**
 * The sign-in page's search params: `/login?redirect=%2Fsettings`, and `error=…` when single
 * sign-on sent the person back (see sso-error.ts). Values are kept as sent and checked where they
 * are used (safeRedirectPath, ssoErrorMessage); a non-string is dropped instead of failing the page.
 */
export const loginSearchSchema = z.object({
  redirect: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});
export type LoginSearch = z.infer<typeof loginSearchSchema>;

/** Where the single sign-on link starts: the server's redirect to the provider, back to `afterLoginPath` afterwards. */
export function ssoStartHref(afterLoginPath: string): string {
  return `/auth/oidc/start?${new URLSearchParams({ redirect: afterLoginPath })}`;
}
