import { z } from "zod";

export { defaultAfterLoginPath, loginPath, safeRedirectPath } from "@fleetdeck/core";

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
