import { type ParsedLocation, redirect } from "@tanstack/react-router";
import { z } from "zod";
import { defaultAfterLoginPath, safeRedirectPath } from "./redirect-path.ts";

export const changePasswordPath = "/account/password";

/**
 * The change-password page's search params: `/account/password?redirect=%2Fgc`, the page the user
 * was going to when the gate sent them here. Kept as sent; checked when used (afterPasswordChangePath).
 */
export const changePasswordSearchSchema = z.object({
  redirect: z.string().optional().catch(undefined),
});
export type ChangePasswordSearch = z.infer<typeof changePasswordSearchSchema>;

/**
 * The session gate's second question, after "is anyone signed in": a user whose password was
 * generated or reset by an admin must choose their own before any other page. Returns where to
 * send them (with the page they asked for, to continue there afterwards), or null to let them in.
 */
export function passwordChangeDetour(
  user: { mustChangePassword: boolean },
  location: Pick<ParsedLocation, "pathname" | "href">,
): { to: typeof changePasswordPath; search: ChangePasswordSearch } | null {
  if (!user.mustChangePassword || isChangePasswordPage(location.pathname)) return null;
  return { to: changePasswordPath, search: { redirect: location.href } };
}

/** For `beforeLoad`: throws the redirect passwordChangeDetour asks for. */
export function requireChosenPassword(
  user: { mustChangePassword: boolean },
  location: Pick<ParsedLocation, "pathname" | "href">,
): void {
  const detour = passwordChangeDetour(user, location);
  if (detour) throw redirect(detour);
}

/** Where to go once the password is changed: back where the user was going, never off the console. */
export function afterPasswordChangePath(requested: string | undefined): string {
  const path = safeRedirectPath(requested);
  return isChangePasswordPage(new URL(path, "http://fleetdeck.invalid").pathname) ? defaultAfterLoginPath : path;
}

function isChangePasswordPage(pathname: string): boolean {
  return pathname.replace(/\/+$/, "") === changePasswordPath;
}
